// The secretariat's pages: the users list with its "add a user" form, and the audit log. Every form
// ends in a redirect (Post/Redirect/Get); a form with a problem comes back as it was typed, with
// each problem beside its field (user_edit_pages.cpp has the edit form and password links).
#include <algorithm>

#include "core/text_rules.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// The notice a users-page redirect hands over in its flash ("done", "who").
std::string UsersNotice(const Call& call, const Form& flash) {
  static const std::map<std::string, const char*> kNotices = {
      {"created", METER_N("User added: {1}")},
      {"updated", METER_N("The role and countries of {1} are saved.")},
      {"disabled", METER_N("{1} is disabled and signed out everywhere.")},
      {"enabled", METER_N("{1} can sign in again.")}};
  auto it = kNotices.find(FormValue(flash, "done"));
  return it == kNotices.end() ? "" : Substitute(call.Tr(it->second), {FormValue(flash, "who")});
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return METER_N("Secretariat (administrator)");
    case Role::kCoordinator:
      return METER_N("Country coordinator");
    case Role::kExpert:
      return METER_N("Expert");
  }
  return "";
}

TemplateList WebApp::Impl::RoleChoices(const Call& call, const std::string& chosen) const {
  TemplateList out;
  for (Role role : {Role::kCoordinator, Role::kExpert, Role::kAdmin}) {
    TemplateData o;
    o.set("key", RoleKey(role));
    o.set("name", call.Tr(RoleName(role)));
    o.set("selected", chosen == RoleKey(role));
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<const Country*> WebApp::Impl::CountriesByName(const Call& call) const {
  std::vector<const Country*> out;
  for (const Country& c : deps_.countries.all()) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [&](const Country* a, const Country* b) {
    return CountryList::NameOf(*a, call.lang) < CountryList::NameOf(*b, call.lang);
  });
  return out;
}

TemplateList WebApp::Impl::CountryChoices(const Call& call,
                                          const std::vector<std::string>& chosen) const {
  TemplateList out;
  for (const Country* c : CountriesByName(call)) {
    TemplateData item;
    item.set("iso3", c->iso3);
    item.set("name", CountryList::NameOf(*c, call.lang));
    item.set("selected", std::find(chosen.begin(), chosen.end(), c->iso3) != chosen.end());
    out.push_back(std::move(item));
  }
  return out;
}

void WebApp::Impl::AddProblems(const Call& call, const std::vector<Problem>& problems,
                               TemplateData& data) {
  const Translator translate = TranslatorFor(call.locale);
  std::map<std::string, std::string> by_field;
  TemplateList summary;
  for (const Problem& p : problems) {
    Problem bare = p;
    bare.where.clear();
    std::string& text = by_field[p.where.empty() ? "form" : p.where];
    text += (text.empty() ? "" : " ") + Render(bare, translate);
    TemplateData item;
    item.set("field", p.where.empty() ? "form" : p.where);
    item.set("text", Render(p, translate));
    summary.push_back(std::move(item));
  }
  for (const auto& [field, text] : by_field) data.set(field + "_error", text);
  data.set("has_problems", !summary.empty());
  data.set("problems", std::move(summary));
}

Response WebApp::Impl::RenderUsers(Call& call, const Form& typed,
                                   const std::vector<Problem>& problems, int status) {
  auto users = deps_.store.ListUsers();
  if (!users) return Fail(call, users.error());
  TemplateList rows;
  for (const User& u : users.value()) {
    TemplateData row;
    row.set("id", std::to_string(u.id));
    row.set("email", u.email);
    row.set("name", u.name);
    row.set("role", call.Tr(RoleName(u.role)));
    std::string countries;
    for (const std::string& c : u.countries) countries += (countries.empty() ? "" : ", ") + c;
    row.set("countries", countries);
    row.set("disabled", u.disabled);
    row.set("self", u.id == call.principal.user_id);
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("users", std::move(rows));
  data.set("email", FormValue(typed, "email"));
  data.set("name", FormValue(typed, "name"));
  data.set("roles", RoleChoices(call, FormValue(typed, "role")));
  data.set("countries", CountryChoices(call, FormValues(typed, "countries")));
  AddProblems(call, problems, data);
  if (status == 200) data.set("notice", UsersNotice(call, TakeFlash(call)));
  return Page(call, "users", call.Tr("Users"), data, status);
}

Response WebApp::Impl::Users(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  return RenderUsers(call, {}, {}, 200);
}

std::optional<Role> WebApp::Impl::CheckRoleAndCountries(const Call& call, User& user,
                                                        std::vector<Problem>& problems) const {
  const auto role = RoleFromKey(FormValue(call.form, "role"));
  if (!role) problems.push_back({"role", METER_N("choose a role"), {}});
  user.countries.clear();
  for (const std::string& c : FormValues(call.form, "countries")) {
    if (!deps_.countries.Find(c)) {
      problems.push_back({"countries", METER_N("'{1}' is not a UN member state"), {c}});
    } else {
      user.countries.push_back(c);
    }
  }
  if (role == Role::kCoordinator && user.countries.empty()) {
    problems.push_back({"countries", METER_N("a coordinator needs at least one country"), {}});
  }
  return role;
}

Response WebApp::Impl::CreateUser(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  User u;
  u.email = FormValue(call.form, "email");
  u.name = FormValue(call.form, "name");
  std::vector<Problem> problems = UserFieldProblems(u.email, u.name);
  const auto role = CheckRoleAndCountries(call, u, problems);
  const std::string password = FormValue(call.form, "password");
  if (auto weak = deps_.passwords.Check(password, u.email, "password")) {
    problems.push_back(std::move(*weak));
  }
  if (!problems.empty()) return RenderUsers(call, call.form, problems, 400);
  auto hash = HashPassword(password);  // only once the form is right: it takes 19 MiB
  if (!hash) return Fail(call, hash.error());
  u.role = *role;
  u.password_hash = hash.value();
  auto created = deps_.store.CreateUser(u, call.principal.label);
  if (!created) {
    if (created.error().code != ErrorCode::kConflict) return Fail(call, created.error());
    Error taken = created.error();
    for (Problem& p : taken.problems) p.where = "email";
    return RenderUsers(call, call.form, taken.problems, 409);
  }
  return RedirectWithFlash(call, "/admin/users",
                           {{"done", "created"}, {"who", created.value().email}});
}

Response WebApp::Impl::SetDisabled(Call& call, bool disabled) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  const Id id = call.IdParam("id");
  if (disabled && id == call.principal.user_id) {
    return RenderUsers(call, {}, {{"form", METER_N("you cannot disable your own account"), {}}},
                       409);
  }
  auto user = deps_.store.GetUser(id);
  if (!user) return Fail(call, user.error());
  auto done = deps_.store.SetUserDisabled(id, disabled, call.principal.label);
  if (!done) return Fail(call, done.error());
  return RedirectWithFlash(
      call, "/admin/users",
      {{"done", disabled ? "disabled" : "enabled"}, {"who", user.value().email}});
}

Response WebApp::Impl::DisableUser(Call& call) { return SetDisabled(call, true); }

Response WebApp::Impl::EnableUser(Call& call) { return SetDisabled(call, false); }

}  // namespace meter
