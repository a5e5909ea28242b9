// Setting a new password with a one-time link from the secretariat (user_edit_pages.cpp). Anyone
// holding a valid link may use it, signed in or not; the password policy applies, and a refused
// password shows the form again with the problem beside its field.
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {

Response WebApp::Impl::RenderResetForm(const Call& call, const User& user,
                                       const std::vector<Problem>& problems, int status) {
  TemplateData data;
  data.set("email", user.email);
  data.set("token", UrlEncode(call.params.at("token")));
  AddProblems(call, problems, data);
  return Page(call, "password_reset", call.Tr("Choose a new password"), data, status);
}

Response WebApp::Impl::ResetPasswordForm(Call& call) {
  auto user = deps_.store.FindPasswordReset(Sha256Hex(call.params.at("token")), Now());
  if (!user) return Fail(call, user.error());
  return RenderResetForm(call, user.value(), {}, 200);
}

Response WebApp::Impl::ResetPassword(Call& call) {
  const std::string token_hash = Sha256Hex(call.params.at("token"));
  auto user = deps_.store.FindPasswordReset(token_hash, Now());
  if (!user) return Fail(call, user.error());
  const std::string password = FormValue(call.form, "password");
  std::vector<Problem> problems;
  if (auto weak = deps_.passwords.Check(password, user.value().email, "password")) {
    problems.push_back(std::move(*weak));
  } else if (FormValue(call.form, "repeat") != password) {
    problems.push_back({"repeat", METER_N("the two passwords are not the same"), {}});
  }
  if (!problems.empty()) return RenderResetForm(call, user.value(), problems, 400);
  auto hash = HashPassword(password);
  if (!hash) return Fail(call, hash.error());
  auto used = deps_.store.UsePasswordReset(token_hash, hash.value(), Now());
  if (!used) return Fail(call, used.error());
  // Every session of the user ended with the reset; so does this browser's, whoever it was.
  if (call.session) (void)deps_.store.DeleteSession(call.session->id_hash);
  call.set_cookies.push_back(SessionCookie("", 0));
  return RedirectWithFlash(call, "/login",
                           {{"done", "password_set"}, {"email", used.value().email}});
}

}  // namespace meter
