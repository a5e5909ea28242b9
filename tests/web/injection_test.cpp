// The whole route table under attack, over real HTTP:
//  - SQL injection: classic payloads in every route parameter, every query parameter and every
//    form or JSON field of every route get an answer below 500, and afterwards every user can
//    still sign in and every round, respondent and answer is still there;
//  - CSRF: every route that writes refuses a missing or wrong token with 403 and writes nothing;
//  - security headers: every response carries the Content-Security-Policy (scripts from this site
//    only, no framing), nosniff and a Referrer-Policy, and no HTML page has inline script.
// Routes come from RouteTable(); a route without a valid call in route_sweep.cpp fails the tests.
#include <gmock/gmock.h>

#include <cstdio>
#include <regex>
#include <set>

#include "route_sweep.h"
#include "web/web_app.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string> kInjections = {
    "' OR '1'='1",
    "1; DROP TABLE users; --",
    "%27",
    "1 UNION SELECT email, password_hash FROM users --",
    "1' UNION SELECT name FROM sqlite_master --",
    "\" OR \"\"=\"",
    "admin@test.example'--",
    "') OR ('a'='a",
    "'; DELETE FROM answers; --",
    "title:* OR NEAR(a b) \"",
    "1e308",
    "-1",
};

// The query parameters any page reads.
const std::vector<std::string> kQueryNames = {"next",    "q",       "kind",    "pillar",
                                              "subarea", "country", "compare", "created"};

// The output of a query on the SQLite database, through the sqlite3 command.
std::string SqlOutput(const std::string& db_url, const std::string& query) {
  const std::string command = "sqlite3 '" + db_url.substr(7) + "' \"" + query + "\" 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    ::pclose(pipe);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class RouteSweep : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    World& w = *world_;
    w.Build();
    HttpClient& admin = *w.admin;
    // A round of its own for the sweep, so that what it changes is its own business.
    const HttpResponse created =
        admin.Send("POST", "/api/rounds",
                   nlohmann::json({{"country", "ARM"},
                                   {"title", "Sweep"},
                                   {"year", 2026},
                                   {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                       .dump(),
                   "application/json", CsrfHeader(admin));
    ASSERT_EQ(created.status, 201) << created.body;
    sweep_round_ = nlohmann::json::parse(created.body)["id"];
    const std::string round = "/rounds/" + std::to_string(sweep_round_);
    ASSERT_EQ(admin.PostForm(round + "/status", FormWithCsrf(admin, "to=open")).status, 303);
    auto [link, id] = w.Invite(admin, sweep_round_, "sweeper", "Agencies");
    sweeper_ = w.Client();
    ASSERT_EQ(sweeper_->Get(link).status, 303);
    sweeper_->Get("/q/1");
    revoked_ = w.Invite(admin, sweep_round_, "to-revoke", "Agencies").second;
    reminded_ = w.Invite(admin, sweep_round_, "to-remind", "Agencies").second;
    // An entry to edit.
    admin.Get("/knowledge/new");
    std::string entry = FormWithCsrf(admin);
    for (const Field& f : CallFor("POST", "/knowledge/new").fields)
      entry += "&" + f.name + "=" + FormEncode(f.value);
    const HttpResponse saved = admin.PostForm("/knowledge/new", entry);
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 500);
    slug_ = saved.Header("location").substr(11);
    // What must survive: an answer of the world's respondent.
    ASSERT_EQ(w.respondent
                  ->Send("PUT", "/api/answers/C2.1",
                         R"({"value":"2","comment":"kept-through-the-sweep","version":0})",
                         "application/json", CsrfHeader(*w.respondent))
                  .status,
              200);
  }
  static void TearDownTestSuite() {
    sweeper_.reset();
    delete world_;
  }
  // The sweep of /lang/:code switches the anonymous client to French; the checks read English.
  void SetUp() override { world_->anonymous->cookies().erase("meter_lang"); }

  // The route parameters for `pattern`: everything valid.
  static RouteParams ParamsFor(const std::string& pattern) {
    RouteParams p = {{"id", std::to_string(sweep_round_)},
                     {"code", "fr"},
                     {"kind", "json"},
                     {"subarea", "C1"},
                     {"slug", slug_},
                     {"token", "not-a-real-token"},
                     {"page", "1"},
                     {"statement", "C1.1"},
                     {"iso3", "ARM"},  // issue 13: the public pages
                     {"m49", "142"},
                     {"version", "2.0"},
                     {"file", "pillars.svg"},  // issue 14: the comparison's charts
                     {"pid", "999999"}};
    if (pattern.rfind("/api/instruments", 0) == 0) p["id"] = "meter";
    // The expert channel's versions: a released one, and none to retire.
    if (pattern.rfind("/instruments/", 0) == 0) p["id"] = "meter";
    if (pattern.find("/retire") != std::string::npos) p["version"] = "9.9";
    if (pattern.rfind("/admin/users/", 0) == 0) p["id"] = std::to_string(world_->spare_user);
    p["uid"] = std::to_string(world_->spare_user);  // issue 14: a coordinator of a country
    p["rid"] = std::to_string(pattern.find("revoke") != std::string::npos ? revoked_ : reminded_);
    return p;
  }
  static HttpClient& ClientFor(Caller caller) {
    switch (caller) {
      case Caller::kAnonymous:
        return *world_->anonymous;
      case Caller::kRespondent:
        return *sweeper_;
      case Caller::kAdmin:
        break;
    }
    return *world_->admin;
  }
  // Every route of the table has a call in EveryRoute(), and nothing else is there.
  static void ExpectEveryRouteCovered() {
    std::set<std::pair<std::string, std::string>> calls;
    for (const RouteCall& c : EveryRoute()) calls.emplace(c.method, c.pattern);
    std::set<std::pair<std::string, std::string>> routes;
    for (const auto& route : RouteTable()) routes.insert(route);
    for (const auto& route : routes) {
      EXPECT_TRUE(calls.count(route))
          << route.first << " " << route.second << " has no call in route_sweep.cpp";
    }
    EXPECT_EQ(calls.size(), routes.size()) << "route_sweep.cpp lists a route that is not served";
  }

  static World* world_;
  static std::unique_ptr<HttpClient> sweeper_;
  static long long sweep_round_, revoked_, reminded_;
  static std::string slug_;
};
World* RouteSweep::world_ = nullptr;
std::unique_ptr<HttpClient> RouteSweep::sweeper_;
long long RouteSweep::sweep_round_ = 0, RouteSweep::revoked_ = 0, RouteSweep::reminded_ = 0;
std::string RouteSweep::slug_;

TEST_F(RouteSweep, SqlInjectionInEveryParameterFailsCleanlyAndChangesNothing) {
  ExpectEveryRouteCovered();
  World& w = *world_;
  const std::string users_before = SqlOutput(w.server.db_url(), "SELECT count(*) FROM users");
  size_t requests = 0;
  std::vector<std::string> failures;
  auto check = [&](const RouteCall& call, const std::string& where, const HttpResponse& r) {
    ++requests;
    if (r.status < 200 || r.status >= 500) {
      failures.push_back(call.method + " " + call.pattern + " " + where + " → " +
                         std::to_string(r.status) + ": " + r.body.substr(0, 200));
    }
  };
  for (const RouteCall& call : EveryRoute()) {
    // Signing out would end the admin's session for the rest of the sweep; its only input is the
    // CSRF token, which the CSRF test sweeps.
    if (call.pattern == "/logout") continue;
    HttpClient& client = ClientFor(call.caller);
    const RouteParams params = ParamsFor(call.pattern);
    for (const std::string& payload : kInjections) {
      for (const std::string& name : ParamNames(call.pattern)) {
        check(call, ":" + name + "=" + payload,
              SendCall(client, call, ConcretePath(call.pattern, params, name, payload), call.fields,
                       true));
      }
      const std::string path = ConcretePath(call.pattern, params);
      if (call.method == "GET") {
        std::string query;
        for (const std::string& name : kQueryNames)
          query += (query.empty() ? "?" : "&") + name + "=" + FormEncode(payload);
        check(call, query, client.Get(path + query));
        continue;
      }
      for (size_t i = 0; i < call.fields.size(); ++i) {
        std::vector<Field> fields = call.fields;
        fields[i].value = payload;
        check(call, fields[i].name + "=" + payload, SendCall(client, call, path, fields, true));
      }
    }
  }
  EXPECT_GT(requests, 1000u);
  for (const std::string& f : failures) ADD_FAILURE() << f;
  EXPECT_THAT(w.server.log(), Not(HasSubstr("internal error")));

  // Everything is still there: the tables, every user (who can still sign in), both rounds with
  // their respondents, and the answer saved before the sweep.
  EXPECT_EQ(SqlOutput(w.server.db_url(), "PRAGMA integrity_check"), "ok");
  EXPECT_GE(std::stoi(SqlOutput(w.server.db_url(), "SELECT count(*) FROM users")),
            std::stoi(users_before));
  w.server.Sql("DELETE FROM login_failures");  // the sweep's failed sign-ins throttle 127.0.0.1
  for (const char* email : {"admin@test.example", "arm@test.example", "ken@test.example",
                            "expert@test.example", "spare@test.example"}) {
    HttpClient c(w.server.port());
    EXPECT_EQ(SignIn(c, email, kPassword), 303) << email;
  }
  const std::string rounds = w.admin->Get("/api/rounds").body;
  EXPECT_THAT(rounds, HasSubstr("\"title\":\"Round of ARM\""));
  EXPECT_THAT(rounds, HasSubstr("\"title\":\"Round of KEN\""));
  EXPECT_THAT(w.coordinator->Get("/rounds/" + std::to_string(w.round)).body,
              HasSubstr("ana@gov.example"));
  EXPECT_THAT(w.other_coordinator->Get("/rounds/" + std::to_string(w.other_round)).body,
              HasSubstr("kip@gov.example"));
  EXPECT_THAT(w.respondent->Get("/api/answers").body, HasSubstr("kept-through-the-sweep"));
  EXPECT_THAT(w.admin->Get("/knowledge/case-korea-koneps").body, HasSubstr("KONEPS"));
}

TEST_F(RouteSweep, EveryWriteRefusesAMissingOrWrongCsrfTokenAndWritesNothing) {
  ExpectEveryRouteCovered();
  World& w = *world_;
  const std::string db = w.server.db_url();
  auto snapshot = [&] {
    return SqlOutput(db,
                     "SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM users), "
                     "(SELECT count(*) FROM rounds), (SELECT count(*) FROM respondents), "
                     "(SELECT group_concat(statement || value || version) FROM answers), "
                     "(SELECT count(*) FROM sessions), (SELECT count(*) FROM knowledge)");
  };
  const std::string before = snapshot();
  size_t writes = 0;
  for (const RouteCall& call : EveryRoute()) {
    if (call.method == "GET") continue;
    ++writes;
    HttpClient& client = ClientFor(call.caller);
    if (call.caller == Caller::kAnonymous) client.Get("/login");  // its double-submit cookie
    const std::string path = ConcretePath(call.pattern, ParamsFor(call.pattern));
    const HttpResponse missing = SendCall(client, call, path, call.fields, false);
    EXPECT_EQ(missing.status, 403) << call.method << " " << path << " without a token";
    EXPECT_THAT(missing.body, HasSubstr("security token")) << call.method << " " << path;
    const std::string token = client.csrf;
    client.csrf = std::string(43, 'A');
    const HttpResponse wrong = SendCall(client, call, path, call.fields, true);
    client.csrf = token;
    EXPECT_EQ(wrong.status, 403) << call.method << " " << path << " with a wrong token";
  }
  EXPECT_GE(writes, 20u);
  EXPECT_EQ(snapshot(), before) << "a refused request wrote something";
  EXPECT_EQ(w.admin->Get("/admin/users").status, 200) << "the refused sign-out kept the session";
}

// The directives of a Content-Security-Policy, by name.
std::map<std::string, std::string> Directives(const std::string& policy) {
  std::map<std::string, std::string> out;
  std::stringstream in(policy);
  for (std::string d; std::getline(in, d, ';');) {
    d.erase(0, d.find_first_not_of(' '));
    const size_t space = d.find(' ');
    if (!d.empty()) out[d.substr(0, space)] = space == std::string::npos ? "" : d.substr(space + 1);
  }
  return out;
}

TEST_F(RouteSweep, EveryResponseCarriesTheSecurityHeadersAndNoPageHasInlineScript) {
  ExpectEveryRouteCovered();
  World& w = *world_;
  std::vector<std::pair<std::string, HttpResponse>> responses;
  for (const RouteCall& call : EveryRoute()) {
    if (call.method != "GET") continue;
    const std::string path = ConcretePath(call.pattern, ParamsFor(call.pattern));
    responses.emplace_back(path, ClientFor(call.caller).Get(path));
  }
  // Error pages, redirects, refusals and static files too.
  responses.emplace_back("404", w.anonymous->Get("/no/such/page"));
  responses.emplace_back("403", w.expert->Get("/admin/users"));
  responses.emplace_back("303", w.anonymous->Get("/rounds"));
  responses.emplace_back("400", w.admin->PostForm("/admin/users", FormWithCsrf(*w.admin)));
  responses.emplace_back("405", w.admin->Send("DELETE", "/rounds", "", ""));
  responses.emplace_back("static", w.anonymous->Get("/static/meter.css"));
  size_t html = 0;
  const std::regex inline_handler(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase);
  for (const auto& [path, r] : responses) {
    ASSERT_NE(r.status, 0) << path;
    const auto csp = Directives(r.Header("content-security-policy"));
    ASSERT_TRUE(csp.count("script-src")) << path;
    EXPECT_EQ(csp.at("script-src"), "'self'") << path;
    EXPECT_EQ(csp.count("default-src") ? csp.at("default-src") : "", "'self'") << path;
    EXPECT_EQ(csp.count("frame-ancestors") ? csp.at("frame-ancestors") : "", "'none'") << path;
    EXPECT_EQ(csp.count("object-src") ? csp.at("object-src") : "", "'none'") << path;
    EXPECT_THAT(r.Header("content-security-policy"), Not(HasSubstr("unsafe-"))) << path;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.Header("x-frame-options"), "DENY") << path;
    EXPECT_EQ(r.Header("referrer-policy"), "no-referrer") << path;
    if (r.Header("content-type").rfind("text/html", 0) != 0) continue;
    ++html;
    // Every <script> loads a file of this site; no element has an inline event handler.
    for (size_t at = r.body.find("<script"); at != std::string::npos;
         at = r.body.find("<script", at + 1)) {
      const std::string tag = r.body.substr(at, r.body.find('>', at) - at);
      EXPECT_THAT(tag, HasSubstr("src=\"/static/")) << path << ": " << tag;
    }
    EXPECT_FALSE(std::regex_search(r.body, inline_handler)) << path << " has an inline handler";
    EXPECT_THAT(r.body, Not(HasSubstr("javascript:"))) << path;
  }
  EXPECT_GE(html, 20u) << "the sweep should see most pages as HTML";
}

}  // namespace
}  // namespace meter::testing
