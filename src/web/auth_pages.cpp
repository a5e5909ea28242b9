// The layout, the home page, signing in and out, and the language switch.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

#include "web/page_text.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {

Frame WebApp::Impl::PageFrame(const Call& call, const std::string& name, const std::string& title,
                              TemplateData data) const {
  data.hole("csrf", kCsrfHole);
  TemplateData layout;
  layout.set("content", deps_.templates.RenderFrame(name, data, call.lang));
  layout.set("title", title);
  layout.set("lang", call.lang);
  layout.set("dir", TextDirection(call.lang));
  layout.set("uswds_css", static_files_.Url("uswds/css/uswds.min.css"));
  layout.set("meter_css", static_files_.Url("meter.css"));
  layout.set("meter_js", static_files_.Url("meter.js"));
  if (!call.canonical.empty()) layout.set("canonical", SiteUrl(call, call.canonical));
  layout.hole("csrf", kCsrfHole);
  layout.hole("who", kWhoHole);
  layout.hole("path", kPathHole);
  const Principal& p = call.principal;
  const bool user = p.kind == Principal::Kind::kUser;
  layout.set("signed_in", user || p.kind == Principal::Kind::kRespondent);
  layout.set("user", user);
  layout.set("admin", user && p.role == Role::kAdmin);
  layout.set("staff", user);
  layout.set("coordinator", user && (p.role == Role::kAdmin || p.role == Role::kCoordinator));
  layout.set("changes", Allowed(p, Action::kViewChanges));  // issue 13: "What changed"
  TemplateList languages;
  for (const std::string& code : kUnLanguages) {
    TemplateData l = LanguageItem(code);
    l.set("current", code == call.lang);
    languages.push_back(std::move(l));
  }
  layout.set("languages", std::move(languages));
  return deps_.templates.RenderFrame("layout", layout, call.lang);
}

std::vector<std::string> WebApp::Impl::LayoutValues(const Call& call) {
  const Principal& p = call.principal;
  return {call.csrf, p.kind == Principal::Kind::kRespondent ? p.label.substr(11) : p.label,
          UrlEncode(call.request.path)};
}

Response WebApp::Impl::Page(const Call& call, const std::string& name, const std::string& title,
                            TemplateData data, int status) const {
  return Response::Html(PageFrame(call, name, title, std::move(data)).Fill(LayoutValues(call)),
                        status);
}

Response WebApp::Impl::Home(Call& call) {
  if (call.principal.kind == Principal::Kind::kUser) {
    // Experts work on the knowledge base; everyone else on rounds.
    return Response::Redirect(call.principal.role == Role::kExpert ? "/knowledge" : "/rounds");
  }
  if (call.principal.kind == Principal::Kind::kRespondent) return Response::Redirect("/q/1");
  call.canonical = "/";
  return Page(call, "home", call.Tr("METER: e-government readiness self-assessment"), {});
}

Response WebApp::Impl::LoginForm(Call& call) {
  TemplateData data;
  const std::string next = FormValue(call.query, "next");
  data.set("next", IsLocalPath(next) ? next : "/");
  const Form flash = TakeFlash(call);  // after a new password was set with a one-time link
  if (FormValue(flash, "done") == "password_set") {
    data.set("notice", call.Tr("Your new password is set, and every earlier session has ended. "
                               "Sign in with it now."));
    data.set("email", FormValue(flash, "email"));
  }
  return Page(call, "login", call.Tr("Sign in"), data);
}

namespace {

// The part of a client's address the sign-in limits count: an IPv6 address's /64 network, since
// one subscriber commonly holds a whole /64 and could otherwise spread guesses (and reach an
// account's own limit, locking its owner out) over as many addresses as they like; an IPv4
// address, or anything else, as it is.
std::string ThrottledAddress(const std::string& address) {
  in6_addr v6{};
  if (address.find(':') == std::string::npos || ::inet_pton(AF_INET6, address.c_str(), &v6) != 1 ||
      IN6_IS_ADDR_V4MAPPED(&v6)) {
    return address;
  }
  for (int i = 8; i < 16; ++i) v6.s6_addr[i] = 0;
  char text[INET6_ADDRSTRLEN] = {};
  if (!::inet_ntop(AF_INET6, &v6, text, sizeof text)) return address;
  return std::string(text) + "/64";
}

}  // namespace

Response WebApp::Impl::Login(Call& call) {
  const std::string email = FormValue(call.form, "email");
  const std::string password = FormValue(call.form, "password");
  std::string next = FormValue(call.form, "next");
  if (!IsLocalPath(next)) next = "/";
  const Seconds now = Now();
  const Seconds since = now - deps_.options.login_window_seconds;
  std::string normalized = email;
  std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const std::string account_key = "account:" + normalized;
  const std::string client = ThrottledAddress(ClientAddress(call));
  const std::string address_key = "address:" + client;
  const std::string pair_key = "account-address:" + normalized + " " + client;
  // The attempt is recorded before the password is checked, in one transaction with the counts,
  // so that parallel guesses cannot all see a count under the limit.
  auto recorded = deps_.store.RecordLoginAttempt(
      {{pair_key, deps_.options.login_failures_per_account_and_address},
       {account_key, deps_.options.login_failures_per_account},
       {address_key, deps_.options.login_failures_per_address}},
      now, since);
  if (!recorded) return Fail(call, recorded.error());
  TemplateData data;
  data.set("email", email);
  data.set("next", next);
  if (!recorded.value()) {
    AuditSignIn(call, SignInOutcome::kLockout, normalized, 0);
    const long minutes = static_cast<long>((deps_.options.login_window_seconds + 59) / 60);
    data.set(
        "error",
        Substitute(call.TrN("Too many failed attempts. Wait {1} minute and try again.",
                            "Too many failed attempts. Wait {1} minutes and try again.", minutes),
                   {std::to_string(minutes)}));
    Response r = Page(call, "login", call.Tr("Sign in"), data, 429);
    r.headers.emplace_back("Retry-After", std::to_string(deps_.options.login_window_seconds));
    return r;
  }
  auto user = deps_.store.FindUserByEmail(email);
  // Verify against a fixed hash when the account does not exist, so timing does not tell.
  static const std::string kDummy = HashPassword("not a real password, only for timing").value();
  const bool valid = VerifyPassword(user ? user.value().password_hash : kDummy, password) && user &&
                     !user.value().disabled;
  if (!valid) {  // the attempt stays recorded: it was a failure
    AuditSignIn(call, SignInOutcome::kFailure, normalized, user ? user.value().id : 0);
    data.set("error", call.Tr("The e-mail address or the password is not right."));
    return Page(call, "login", call.Tr("Sign in"), data, 401);
  }
  // A success was no failure: the account starts afresh, and the address forgets this attempt.
  (void)deps_.store.ClearLoginFailures(pair_key);
  (void)deps_.store.ClearLoginFailures(account_key);
  (void)deps_.store.ForgetLoginAttempt(address_key, now);
  auto started = StartSession(call, user.value().id, 0);
  if (!started) return Fail(call, started.error());
  AuditSignIn(call, SignInOutcome::kSuccess, user.value().email, user.value().id);
  return Response::Redirect(next);
}

Response WebApp::Impl::Logout(Call& call) {
  if (call.session) {
    (void)deps_.store.DeleteSession(call.session->id_hash);
    AuditSignOut(call);
  }
  call.set_cookies.push_back(SessionCookie("", 0));
  return Response::Redirect("/");
}

std::string LanguageCookie(const std::string& code) {
  return std::string(kLanguageCookie) + "=" + code + "; Path=/; Max-Age=31536000; SameSite=Lax";
}

Response WebApp::Impl::Language(Call& call) {
  const std::string code = call.params["code"];
  std::string next = FormValue(call.query, "next");
  if (!IsLocalPath(next)) next = "/";
  if (IsUnLanguage(code)) call.set_cookies.push_back(LanguageCookie(code));
  return Response::Redirect(next);
}

}  // namespace meter
