// The secretariat's pages: users and the audit log.
#include <ctime>

#include "core/text_rules.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string FormatTime(Seconds at) {
  if (at == 0) return "";
  const std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace

Response WebApp::Impl::Users(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  auto users = deps_.store.ListUsers();
  if (!users) return Fail(call, users.error());
  TemplateList rows;
  for (const User& u : users.value()) {
    TemplateData row;
    row.set("id", std::to_string(u.id));
    row.set("email", u.email);
    row.set("name", u.name);
    row.set("role", call.Tr(RoleKey(u.role)));
    std::string countries;
    for (const std::string& c : u.countries) countries += (countries.empty() ? "" : ", ") + c;
    row.set("countries", countries);
    row.set("disabled", u.disabled);
    row.set("self", u.id == call.principal.user_id);
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("users", std::move(rows));
  TemplateList countries;
  for (const Country& c : deps_.countries.all()) {
    TemplateData item;
    item.set("iso3", c.iso3);
    item.set("name", c.name);
    countries.push_back(std::move(item));
  }
  data.set("countries", std::move(countries));
  if (auto it = call.query.find("created"); it != call.query.end()) data.set("created", it->second);
  return Page(call, "users", call.Tr("Users"), data);
}

Response WebApp::Impl::CreateUser(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  User u;
  u.email = FormValue(call.form, "email");
  u.name = FormValue(call.form, "name");
  const auto role = RoleFromKey(FormValue(call.form, "role"));
  std::vector<Problem> problems = UserFieldProblems(u.email, u.name);
  if (!role) problems.push_back({"role", METER_N("choose a role"), {}});
  for (const std::string& c : FormValues(call.form, "countries")) {
    if (!deps_.countries.Find(c)) {
      problems.push_back({"countries", METER_N("'{1}' is not a UN member state"), {c}});
    } else {
      u.countries.push_back(c);
    }
  }
  if (role == Role::kCoordinator && u.countries.empty()) {
    problems.push_back({"countries", METER_N("a coordinator needs at least one country"), {}});
  }
  const std::string password = FormValue(call.form, "password");
  if (auto weak = deps_.passwords.Check(password, u.email, "password")) {
    problems.push_back(std::move(*weak));
  }
  if (!problems.empty()) return Fail(call, Error{ErrorCode::kInvalidInput, problems});
  auto hash = HashPassword(password);  // only once the form is right: it takes 19 MiB
  if (!hash) return Fail(call, hash.error());
  u.role = *role;
  u.password_hash = hash.value();
  auto created = deps_.store.CreateUser(u, call.principal.label);
  if (!created) return Fail(call, created.error());
  return Response::Redirect("/admin/users?created=" + UrlEncode(created.value().email));
}

Response WebApp::Impl::DisableUser(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  if (call.IdParam("id") == call.principal.user_id) {
    return Fail(
        call, Error::Of(ErrorCode::kConflict, "", METER_N("you cannot disable your own account")));
  }
  auto done = deps_.store.SetUserDisabled(call.IdParam("id"), true, call.principal.label);
  return done ? Response::Redirect("/admin/users") : Fail(call, done.error());
}

Response WebApp::Impl::EnableUser(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  auto done = deps_.store.SetUserDisabled(call.IdParam("id"), false, call.principal.label);
  return done ? Response::Redirect("/admin/users") : Fail(call, done.error());
}

Response WebApp::Impl::AuditLog(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewAudit)) return Forbidden(call);
  auto events = deps_.store.ListAudit(500);
  if (!events) return Fail(call, events.error());
  TemplateList rows;
  for (const AuditEvent& e : events.value()) {
    TemplateData row;
    row.set("at", FormatTime(e.at));
    row.set("actor", e.actor);
    row.set("action", e.action);
    row.set("target", e.target);
    row.set("detail", e.detail);
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("events", std::move(rows));
  return Page(call, "audit", call.Tr("Audit log"), data);
}

}  // namespace meter
