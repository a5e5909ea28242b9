// The request pipeline and the helpers every handler uses.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "log/log.h"
#include "web/compression.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// The path's segments, each percent-decoded (so "%2F" inside a segment stays inside it). A segment
// that does not decode is kept as it is, and then matches no route.
// The segments of a request path, percent-decoded (a segment that does not decode, or holds a
// '+', stays as sent).
std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string::npos) end = path.size();
    std::string s = path.substr(at, end - at);
    at = end + 1;
    if (s.empty()) continue;
    if (s.find('%') != std::string::npos && s.find('+') == std::string::npos) {
      auto decoded = ParseForm("x=" + s);
      if (decoded) s = FormValue(decoded.value(), "x");
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Each route's pattern split into segments, once, in the order of Routes().
const std::vector<std::vector<std::string>>& RoutePatterns() {
  static const std::vector<std::vector<std::string>> kPatterns = [] {
    std::vector<std::vector<std::string>> out;
    for (const WebApp::Impl::Route& r : WebApp::Impl::Routes()) out.push_back(Segments(r.pattern));
    return out;
  }();
  return kPatterns;
}

// Matches `path` against a route pattern's segments; fills `params` on success.
bool Match(const std::vector<std::string>& want, const std::vector<std::string>& path,
           std::map<std::string, std::string>& params) {
  if (want.size() != path.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i][0] != ':' && want[i] != path[i]) return false;
  }
  params.clear();
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i][0] == ':') params[want[i].substr(1)] = path[i];
  }
  return true;
}

}  // namespace

Id Call::IdParam(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty() || it->second.size() > 18) return 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stoll(it->second);
}

WebApp::WebApp(WebDeps deps) : impl_(std::make_unique<Impl>(std::move(deps))) {}
WebApp::~WebApp() = default;
ScoreCacheStats WebApp::CacheStats() const { return impl_->CacheStats(); }
Response WebApp::Handle(const Request& request) { return impl_->Handle(request); }

bool WebApp::IsHeavy(const Request& request) const { return IsHeavyWork(request); }

bool IsHeavyWork(const Request& request) {
  // Every heavy route is a GET: a save or a form post is not matched against the routes twice.
  if (request.method != "GET" && request.method != "HEAD") return false;
  std::map<std::string, std::string> params;
  const WebApp::Impl::Route* route = WebApp::Impl::RouteOf(request, &params);
  if (!route || !route->heavy) return false;
  if (auto kind = params.find("kind"); kind != params.end())
    return kind->second == "pdf" || kind->second == "xlsx";
  if (auto file = params.find("file"); file != params.end()) return file->second.ends_with(".png");
  return true;
}

Response WebApp::Busy(const Request& request) { return impl_->Handle(request, /*busy=*/true); }

bool IsAnswerSave(const Request& request) {
  const std::vector<std::string> path = Segments(request.path);
  if (request.method == "PUT") return path.size() == 3 && path[0] == "api" && path[1] == "answers";
  return request.method == "POST" && path.size() == 2 && path[0] == "q";
}

bool WebApp::IsAnswerSave(const Request& request) const { return meter::IsAnswerSave(request); }

bool WebApp::SharesCommits() const { return impl_->deps_.store.SharesCommits(); }

Result<bool> WebApp::InOneCommit(const std::function<void()>& work) {
  auto committed = impl_->deps_.store.SharingOneCommit(work);
  if (!committed) {
    log::Write(log::Level::kError, "saves",
               "a batch of saves was not stored; each is answered with the error: " +
                   committed.error().ToString());
  }
  return committed;
}

Response WebApp::HandleObservingLater(const Request& request, std::function<void()>* observe) {
  return impl_->Handle(request, /*busy=*/false, /*refused=*/nullptr, observe);
}

Response WebApp::AnswerRefused(const Request& request, const Error& error) {
  return impl_->Handle(request, /*busy=*/false, &error);
}

const WebApp::Impl::Route* WebApp::Impl::RouteOf(const Request& request,
                                                 std::map<std::string, std::string>* params,
                                                 bool* path_known) {
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  const std::vector<std::string> path = Segments(request.path);
  for (size_t i = 0; i < Routes().size(); ++i) {
    std::map<std::string, std::string> found;
    if (!Match(RoutePatterns()[i], path, found)) continue;
    if (path_known) *path_known = true;
    if (method != Routes()[i].method) continue;
    if (params) *params = std::move(found);
    return &Routes()[i];
  }
  return nullptr;
}

WebApp::Impl::Impl(WebDeps deps)
    : deps_(std::move(deps)),
      static_files_(deps_.options.static_dir, deps_.options.uswds_dir),
      heavy_work_(deps_.options.heavy_work_slots),
      caches_(deps_.options.score_cache_bytes, deps_.options.download_cache_bytes) {}

Seconds WebApp::Impl::Now() const {
  if (deps_.options.clock) return deps_.options.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Response WebApp::Impl::Handle(const Request& request, bool busy, const Error* refused,
                              std::function<void()>* observe_later) {
  // HEAD is the GET without its body: the server sends these headers and the body's length.
  const bool head = request.method == "HEAD";
  Request as_get;
  if (head) {
    as_get = request;
    as_get.method = "GET";
  }
  const Request& req = head ? as_get : request;
  const auto start = std::chrono::steady_clock::now();
  Call call{req};
  call.head = head;
  call.request_id = RequestIdOf(req);
  call.busy = busy;
  call.refused = refused;
  Response response;
  try {
    if (auto health = HealthCheck(call)) {
      response = std::move(*health);
    } else {
      response = Dispatch(call);
    }
  } catch (const std::exception& e) {
    // The route's pattern, not the path, which may hold a token (/r/…, /password/…).
    log::Write(log::Level::kError, "internal", e.what(),
               {{"request_id", call.request_id}, {"method", req.method}, {"route", call.route}});
    try {
      response = Fail(call, Error::Of(ErrorCode::kInternal, "",
                                      METER_N("an internal error occurred; it has been logged")));
    } catch (const std::exception&) {
      response = Response::Text("internal error\n", "text/plain; charset=utf-8", 500);
    }
  }
  for (const std::string& cookie : call.set_cookies)
    response.headers.emplace_back("Set-Cookie", cookie);
  AddSecurityHeaders(response);
  response.headers.emplace_back("X-Request-ID", call.request_id);
  CompressForClient(req, response);
  const Observation seen = ObservationOf(
      call, response,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (observe_later) {
    *observe_later = [this, seen] { Observe(seen); };
  } else {
    Observe(seen);
  }
  return response;
}

Response WebApp::Impl::Dispatch(Call& call) {
  const Request& req = call.request;
  if (req.method == "GET" && req.path.rfind("/static/", 0) == 0) {
    call.route = "/static/*";
    return static_files_.Serve(req.path.substr(8), req);
  }
  ResolveLanguage(call);
  call.api = req.path.rfind("/api/", 0) == 0;
  auto query = ParseForm(req.query);
  if (!query) return Fail(call, query.error());
  call.query = std::move(query).value();

  const std::vector<std::string> path = Segments(req.path);
  bool path_known = false;
  const Route* route = RouteOf(req, &call.params, &path_known);
  if (route) call.route = route->pattern;
  if (!route) {
    const Error e = Error::Of(
        ErrorCode::kNotFound, "",
        path_known ? METER_N("this method is not allowed here") : METER_N("there is no such page"));
    Response r = Fail(call, e);
    if (path_known) {
      r.status = 405;
      if (call.api)
        r.body = nlohmann::json({{"error", "method_not_allowed"},
                                 {"message", call.Tr(e.problems[0].message.c_str())},
                                 {"request_id", call.request_id}})
                     .dump();
      std::string allow;
      for (size_t i = 0; i < Routes().size(); ++i) {
        std::map<std::string, std::string> ignored;
        if (!Match(RoutePatterns()[i], path, ignored)) continue;
        allow += (allow.empty() ? "" : ", ") + std::string(Routes()[i].method);
        if (std::string(Routes()[i].method) == "GET") allow += ", HEAD";
      }
      r.headers.emplace_back("Allow", allow);
    }
    return r;
  }
  call.api = route->api;
  if (call.busy) return TooBusy(call);
  if (call.refused) return Fail(call, *call.refused);
  LoadPrincipal(call);
  if (call.store_unavailable) {
    // Not a stranger: the database cannot say who the caller is. 503, so that clients and the
    // proxy retry, rather than a sign-in page that would lose the caller's place.
    return Fail(call, Error::Of(ErrorCode::kUnavailable, "",
                                METER_N("the database cannot be used now; try again in a moment")));
  }
  if (req.method != "GET") {
    // Forms a stranger may send, with the double-submit token of the sign-in cookie.
    const bool stranger_form = route->handler == &Impl::Login ||
                               route->handler == &Impl::EnterWithTokenConfirmed ||
                               route->handler == &Impl::ResetPassword;
    if (auto refused = GuardWrite(call, stranger_form)) return *refused;
  }
  return (this->*route->handler)(call);
}

void WebApp::Impl::ResolveLanguage(Call& call) {
  std::string lang = CookieValue(call.request.Header("cookie"), kLanguageCookie);
  if (!IsUnLanguage(lang)) {
    lang = "en";
    // The first supported language in Accept-Language ("fr-CH, fr;q=0.9, en;q=0.8").
    const std::string& accepted = call.request.Header("accept-language");
    for (size_t at = 0; at < accepted.size();) {
      size_t end = accepted.find(',', at);
      if (end == std::string::npos) end = accepted.size();
      const size_t start = accepted.find_first_not_of(' ', at);
      const std::string code =
          start < end ? accepted.substr(start, std::min<size_t>(2, end - start)) : "";
      if (IsUnLanguage(code)) {
        lang = code;
        break;
      }
      at = end + 1;
    }
  }
  call.lang = lang;
  call.locale = deps_.catalogs.For(lang);
}

void WebApp::Impl::LoadPrincipal(Call& call) {
  const std::string cookies = call.request.Header("cookie");
  const std::string token = CookieValue(cookies, "meter_session");
  if (!token.empty()) {
    const Seconds now = Now();
    auto found = deps_.store.FindSessionWithCaller(Sha256Hex(token), now);
    if (!found && found.error().code == ErrorCode::kUnavailable) {
      call.store_unavailable = true;
      return;
    }
    if (found) {
      const Session& s = found.value().session;
      Principal p;
      if (const auto& user = found.value().user; s.user_id) {
        if (user && !user->disabled) {
          p.kind = Principal::Kind::kUser;
          p.user_id = user->id;
          p.role = user->role;
          p.countries = user->countries;
          p.label = user->email;
        }
      } else if (const auto& r = found.value().respondent; r && InvitationValid(*r, now)) {
        p.kind = Principal::Kind::kRespondent;
        p.respondent_id = r->id;
        p.round_id = r->round_id;
        p.label = "respondent:" + r->name;
        call.respondent = *r;
        call.round = found.value().round;
      }
      if (p.kind != Principal::Kind::kAnonymous) {
        call.principal = std::move(p);
        call.session = s;
        call.csrf = s.csrf_token;
        if (now - s.last_seen >= 60) {
          const Seconds idle =
              s.user_id ? deps_.options.user_idle_seconds : deps_.options.respondent_idle_seconds;
          (void)deps_.store.TouchSession(s.id_hash, now, now + idle);
        }
        return;
      }
    }
  }
  // Anonymous: a double-submit token in its own cookie protects the login form.
  call.csrf = CookieValue(cookies, "meter_csrf");
  if (call.csrf.size() != 43) {
    call.csrf = RandomToken();
    call.set_cookies.push_back(
        "meter_csrf=" + call.csrf + "; Path=/; HttpOnly; SameSite=Lax" +
        (deps_.options.public_url.rfind("https://", 0) == 0 ? "; Secure" : ""));
  }
}

std::optional<Response> WebApp::Impl::GuardWrite(Call& call, bool login_form) {
  const Request& req = call.request;
  const std::string& type = req.Header("content-type");
  const bool upload = type.rfind("multipart/form-data", 0) == 0 && !call.api;
  if (req.body.size() > (upload ? kMaxUploadBodyBytes : kMaxBodyBytes)) {
    Response r = Fail(call, upload ? Error::Of(ErrorCode::kInvalidInput, "",
                                               METER_N("the upload is larger than 11 MiB"))
                                   : Error::Of(ErrorCode::kInvalidInput, "",
                                               METER_N("the request is larger than 1 MiB")));
    r.status = 413;
    return r;
  }
  std::string sent = req.Header("x-csrf-token");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    auto form = ParseForm(req.body, IsMultiLineField);
    if (!form) return Fail(call, form.error());
    call.form = std::move(form).value();
    if (sent.empty()) sent = FormValue(call.form, "csrf");
  } else if (upload) {
    auto form = ParseMultipartForm(type, req.body, IsMultiLineField);
    if (!form) return Fail(call, form.error());
    call.form = std::move(form.value().fields);
    call.files = std::move(form.value().files);
    if (sent.empty()) sent = FormValue(call.form, "csrf");
  } else if (!(call.api && type.rfind("application/json", 0) == 0) && !req.body.empty()) {
    Response r = Fail(call, Error::Of(ErrorCode::kInvalidInput, "",
                                      METER_N("unsupported content type '{1}'"), {type}));
    r.status = 415;
    return r;
  }
  const bool anonymous = call.principal.kind == Principal::Kind::kAnonymous;
  if (anonymous && !login_form) return NeedLogin(call);
  if (sent.empty() || !ConstantTimeEquals(sent, call.csrf)) {
    Response r =
        Fail(call, Error::Of(ErrorCode::kInvalidInput, "",
                             METER_N("the security token of this form is missing or out of "
                                     "date; reload the page and try again")));
    r.status = 403;
    return r;
  }
  return std::nullopt;
}

void WebApp::Impl::AddSecurityHeaders(Response& r) const {
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
                         "data:; font-src 'self'; object-src 'none'; base-uri 'none'; "
                         "form-action 'self'; frame-ancestors 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  const bool cache_set = std::any_of(r.headers.begin(), r.headers.end(),
                                     [](const auto& h) { return h.first == "Cache-Control"; });
  if (!cache_set) r.headers.emplace_back("Cache-Control", "no-store");
}

Response WebApp::Impl::Fail(const Call& call, const Error& error) const {
  const int status = HttpStatusFor(error.code);
  const std::string message = error.ToString(TranslatorFor(call.locale));
  if (call.api) {
    static const std::map<int, const char*> kNames = {
        {400, "invalid_input"}, {403, "forbidden"},           {404, "not_found"},
        {409, "conflict"},      {413, "too_large"},           {500, "internal"},
        {503, "unavailable"},   {507, "insufficient_storage"}};
    nlohmann::json body = {{"error", kNames.count(status) ? kNames.at(status) : "error"},
                           {"message", message},
                           {"request_id", call.request_id}};
    // Replace rather than throw if a message ever carries bytes that are not UTF-8.
    return Response::Json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          status);
  }
  TemplateData data;
  data.set("message", message);
  data.set("request_id", call.request_id);
  return Page(call, "error", call.Tr("Something is not right"), data, status);
}

Response WebApp::Impl::Forbidden(const Call& call) const {
  Response r = Fail(call, Error::Of(ErrorCode::kInvalidInput, "",
                                    METER_N("you do not have access to this page")));
  r.status = 403;
  if (call.api) {
    r.body = nlohmann::json({{"error", "forbidden"},
                             {"message", call.Tr("you do not have access to this page")},
                             {"request_id", call.request_id}})
                 .dump();
  }
  return r;
}

Response WebApp::Impl::NeedLogin(const Call& call) const {
  if (call.api || call.request.method != "GET") {
    Response r =
        Fail(call, Error::Of(ErrorCode::kInvalidInput, "", METER_N("please sign in first")));
    r.status = 401;
    if (call.api)
      r.body = nlohmann::json({{"error", "unauthorized"},
                               {"message", call.Tr("please sign in first")},
                               {"request_id", call.request_id}})
                   .dump();
    return r;
  }
  return Response::Redirect("/login?next=" + UrlEncode(call.request.path));
}

std::string WebApp::Impl::SessionCookie(const std::string& token, Seconds max_age) const {
  std::string cookie = "meter_session=" + token + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age >= 0) cookie += "; Max-Age=" + std::to_string(max_age);
  if (deps_.options.public_url.rfind("https://", 0) == 0) cookie += "; Secure";
  return cookie;
}

Result<std::string> WebApp::Impl::StartSession(Call& call, Id user_id, Id respondent_id) {
  if (call.session) (void)deps_.store.DeleteSession(call.session->id_hash);  // rotate at login
  const std::string token = RandomToken();
  const Seconds now = Now();
  const Seconds idle =
      user_id ? deps_.options.user_idle_seconds : deps_.options.respondent_idle_seconds;
  Session s{Sha256Hex(token), user_id, respondent_id, RandomToken(), now, now, now + idle};
  auto created = deps_.store.CreateSession(s);
  if (!created) return created.error();
  call.set_cookies.push_back(SessionCookie(token, -1));
  call.csrf = s.csrf_token;
  call.session = s;
  return token;
}

std::string WebApp::Impl::ClientAddress(const Call& call) const {
  const Request& r = call.request;
  const std::string& forwarded = r.Header("x-forwarded-for");
  if (deps_.options.trusted_proxy.empty() || r.remote_address != deps_.options.trusted_proxy ||
      forwarded.empty()) {
    return r.remote_address;
  }
  // The proxy appends the address it saw last; earlier entries are the client's own claims.
  const size_t comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  last.erase(0, last.find_first_not_of(' '));
  return last;
}

const Instrument* WebApp::Impl::InstrumentOf(const Round& round) const {
  return deps_.instruments.Find(round.instrument_id, round.instrument_version);
}

std::variant<Round, Response> WebApp::Impl::LoadRound(const Call& call, Action action) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  auto round = deps_.store.GetRound(call.IdParam("id"));
  if (!round) return RoundRefused(call, round.error());
  if (!Allowed(call.principal, action, round.value().country, round.value().id))
    return Forbidden(call);
  return std::move(round).value();
}

std::variant<RoundWithVersions, Response> WebApp::Impl::LoadRoundWithVersions(const Call& call,
                                                                              Action action) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  auto found = deps_.store.GetRoundWithVersions(call.IdParam("id"));
  if (!found) return RoundRefused(call, found.error());
  const Round& round = found.value().round;
  if (!Allowed(call.principal, action, round.country, round.id)) return Forbidden(call);
  return std::move(found).value();
}

Response WebApp::Impl::RoundRefused(const Call& call, const Error& error) {
  // A round that does not exist gets the answer of one that is not the caller's (403, the same
  // page or JSON), so that no one learns which round numbers exist. Only an admin, who may see
  // every round, is told it does not exist.
  const bool admin =
      call.principal.kind == Principal::Kind::kUser && call.principal.role == Role::kAdmin;
  if (error.code == ErrorCode::kNotFound && !admin) return Forbidden(call);
  return Fail(call, error);
}

}  // namespace meter
