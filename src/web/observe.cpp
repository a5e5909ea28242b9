// Issue 15, what an operator watches: each request's ID, the health checks, the access log and
// what the observer (observer.h) is told; the audit events of signing in and out.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/mail.h"
#include "log/log.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// An ID a proxy may hand on: 1 to 64 letters, digits, '.', '_' or '-' (nginx's $request_id is 32
// hex digits). Anything else is replaced, so that no text of a client reaches the log unchecked.
bool SaneRequestId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

// `text` cut to at most `bytes` bytes, at the start of a UTF-8 character.
std::string CutUtf8(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Who tried to sign in, as the audit log and the log record it: the address as typed when it is
// shaped like one, else a placeholder, so that a password typed into the address field by mistake
// is never written down.
std::string SignInActor(const std::string& typed) {
  if (CheckMailAddress(typed, "email")) return CutUtf8(typed, 254);
  return "(not an e-mail address)";
}

const char* AuditAction(SignInOutcome outcome) {
  switch (outcome) {
    case SignInOutcome::kSuccess:
      return "auth.sign_in";
    case SignInOutcome::kFailure:
      return "auth.sign_in_failed";
    case SignInOutcome::kLockout:
      return "auth.lockout";
  }
  return "auth.sign_in";
}

}  // namespace

std::string WebApp::Impl::RequestIdOf(const Request& request) const {
  const std::string& sent = request.Header("x-request-id");
  const std::string& proxy = deps_.options.trusted_proxy;
  if (!proxy.empty() && request.remote_address == proxy && SaneRequestId(sent)) return sent;
  return RandomToken().substr(0, 22);  // 132 random bits, in the token's URL-safe letters
}

std::optional<Response> WebApp::Impl::HealthCheck(Call& call) {
  const Request& req = call.request;
  if (req.method != "GET" || (req.path != "/healthz" && req.path != "/readyz")) return std::nullopt;
  call.route = req.path == "/healthz" ? "/healthz" : "/readyz";
  auto plain = [](const std::string& text, int status) {
    return Response::Text(text + "\n", "text/plain; charset=utf-8", status);
  };
  if (req.path == "/healthz") return plain("ok", 200);
  auto now = deps_.store.SchemaVersionNow();
  if (!now) return plain("not ready: " + now.error().ToString(), 503);
  const int known = deps_.store.KnownSchemaVersion();
  if (now.value() > known) {
    // A rolling upgrade: a newer node migrated; this one may go on while every later migration
    // only added what it can ignore.
    auto blocking = deps_.store.NotAdditiveSince(known);
    if (!blocking) return plain("not ready: " + blocking.error().ToString(), 503);
    if (!blocking.value().empty()) {
      return plain("not ready: the database has schema version " + std::to_string(now.value()) +
                       ", this METER knows " + std::to_string(known) + " and migrations " +
                       blocking.value() + " are not additive",
                   503);
    }
    return plain("ready: schema " + std::to_string(now.value()) + " (this METER knows " +
                     std::to_string(known) + "; every later migration is additive), " +
                     deps_.store.Engine(),
                 200);
  }
  if (now.value() != known) {
    return plain("not ready: the database has schema version " + std::to_string(now.value()) +
                     ", this METER knows " + std::to_string(known),
                 503);
  }
  return plain("ready: schema " + std::to_string(known) + ", " + deps_.store.Engine(), 200);
}

WebApp::Impl::Observation WebApp::Impl::ObservationOf(const Call& call, const Response& response,
                                                      double seconds) {
  Observation seen;
  seen.method = call.head ? "HEAD" : call.request.method;
  seen.request_id = call.request_id;
  seen.route = call.route;
  // Health checks come every few seconds from each load balancer: not worth a line at info.
  seen.health =
      call.route == std::string_view("/healthz") || call.route == std::string_view("/readyz");
  seen.status = response.status;
  seen.bytes = response.body.size();
  seen.seconds = seconds;
  seen.answers_saved = call.answers_saved;
  return seen;
}

void WebApp::Impl::Observe(const Observation& seen) const {
  if (deps_.observer) {
    deps_.observer->OnRequest({seen.method, seen.route, seen.status, seen.seconds, seen.bytes});
    if (seen.answers_saved > 0) deps_.observer->OnAnswersSaved(seen.answers_saved);
  }
  const log::Level level = seen.health ? log::Level::kDebug : log::Level::kInfo;
  if (!log::Enabled(level)) return;
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1f", seen.seconds * 1000);
  // The route's pattern, never the path or the query: either may hold a token (/r/…, ?token=).
  log::Write(level, "access", "",
             {{"request_id", seen.request_id},
              {"method", seen.method},
              {"route", seen.route},
              {"status", std::to_string(seen.status)},
              {"bytes", std::to_string(seen.bytes)},
              {"ms", ms}});
}

void WebApp::Impl::AuditSignIn(const Call& call, SignInOutcome outcome, const std::string& who,
                               Id user) {
  if (deps_.observer) deps_.observer->OnSignIn(outcome);
  const std::string actor = SignInActor(who);
  const std::string target = user ? "user:" + std::to_string(user) : "";
  const std::string address = ClientAddress(call);
  (void)deps_.store.RecordAudit(actor, AuditAction(outcome), target, address);
  log::Write(outcome == SignInOutcome::kSuccess ? log::Level::kInfo : log::Level::kWarning, "auth",
             "",
             {{"request_id", call.request_id},
              {"action", AuditAction(outcome)},
              {"user", actor},
              {"client", address}});
}

void WebApp::Impl::AuditSignOut(const Call& call) {
  if (call.principal.kind != Principal::Kind::kUser) return;
  if (deps_.observer) deps_.observer->OnSignOut();
  const std::string target = "user:" + std::to_string(call.principal.user_id);
  (void)deps_.store.RecordAudit(call.principal.label, "auth.sign_out", target, ClientAddress(call));
  log::Write(log::Level::kInfo, "auth", "",
             {{"request_id", call.request_id},
              {"action", "auth.sign_out"},
              {"user", call.principal.label}});
}

void WebApp::Impl::CountSaved(Call& call, size_t answers) { call.answers_saved += answers; }

}  // namespace meter
