// The secretariat edits one user: their role and countries, and a one-time link to set a new
// password, which the admin hands over (METER sends no e-mail here). The link's token is shown
// once, through the redirect's flash, and only its hash is stored; it expires after a day, works
// once, and using it ends every session of the user (password_pages.cpp).
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

constexpr Seconds kResetLinkSeconds = 24 * 3600;

}  // namespace

std::string WebApp::Impl::PublicUrl(const Call& call, const std::string& path) const {
  std::string base = deps_.options.public_url;
  if (base.empty()) base = "http://" + call.request.Header("host");
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

Response WebApp::Impl::RenderUserEdit(Call& call, const User& user, const Form& typed,
                                      const std::vector<Problem>& problems, int status) {
  TemplateData data;
  data.set("id", std::to_string(user.id));
  data.set("email", user.email);
  data.set("name", user.name);
  data.set("disabled", user.disabled);
  const bool retyped = !typed.empty();
  data.set("roles", RoleChoices(call, retyped ? FormValue(typed, "role") : RoleKey(user.role)));
  data.set("countries",
           CountryChoices(call, retyped ? FormValues(typed, "countries") : user.countries));
  AddProblems(call, problems, data);
  if (status == 200) {
    const Form flash = TakeFlash(call);
    data.set("reset_link", FormValue(flash, "reset_link"));
    data.set("reset_until", FormValue(flash, "reset_until"));
  }
  return Page(call, "user_edit", Substitute(call.Tr("Edit the user {1}"), {user.email}), data,
              status);
}

Response WebApp::Impl::EditUserForm(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  auto user = deps_.store.GetUser(call.IdParam("id"));
  if (!user) return Fail(call, user.error());
  return RenderUserEdit(call, user.value(), {}, {}, 200);
}

Response WebApp::Impl::EditUser(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  auto user = deps_.store.GetUser(call.IdParam("id"));
  if (!user) return Fail(call, user.error());
  User edited = user.value();
  std::vector<Problem> problems;
  const auto role = CheckRoleAndCountries(call, edited, problems);
  if (role && *role != Role::kAdmin && edited.id == call.principal.user_id) {
    // Else the last admin could lock the secretariat out; another admin can do it.
    problems.push_back(
        {"role", METER_N("you cannot take the secretariat role from your own account"), {}});
  }
  if (!problems.empty()) return RenderUserEdit(call, user.value(), call.form, problems, 400);
  auto saved = deps_.store.UpdateUser(edited.id, *role, edited.countries, call.principal.label);
  if (!saved) return Fail(call, saved.error());
  return RedirectWithFlash(call, "/admin/users", {{"done", "updated"}, {"who", edited.email}});
}

Response WebApp::Impl::IssueResetLink(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  const Id id = call.IdParam("id");
  const std::string token = RandomToken();
  const Seconds until = Now() + kResetLinkSeconds;
  auto made = deps_.store.CreatePasswordReset(id, Sha256Hex(token), until, call.principal.label);
  if (!made) return Fail(call, made.error());
  // Shown once: the flash cookie is cleared by the page that shows it, and only the hash is kept.
  return RedirectWithFlash(
      call, "/admin/users/" + std::to_string(id),
      {{"reset_link", PublicUrl(call, "/password/" + token)}, {"reset_until", FormatUtc(until)}});
}

}  // namespace meter
