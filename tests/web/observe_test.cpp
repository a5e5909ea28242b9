// What an operator watches (issue 15), on a real `meter serve` over real HTTP: the metrics on their
// own listener checked by Prometheus's promtool, /healthz and /readyz (through a PostgreSQL outage
// and a schema this METER does not know), request IDs in headers, on error pages and in the log,
// JSON log lines that parse, sign-ins in the audit log, and a SIGTERM that drains.
#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/pg_server.h"
#include "store/sql_store.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// Runs `promtool check metrics` on `text`; returns its exit code and puts its output in `out`.
int Promtool(const std::string& text, std::string& out) {
  const std::string file = std::filesystem::temp_directory_path() /
                           ("meter-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << text;
  const std::string command = "promtool check metrics < " + file + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  size_t n = 0;
  out.clear();
  while (pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pipe ? ::pclose(pipe) : -1;
  std::filesystem::remove(file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The log's JSON lines, each parsed; a line that starts with '{' and does not parse fails the test.
std::vector<json> JsonLines(const std::string& log) {
  std::vector<json> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    json parsed = json::parse(line, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << "a log line that is not JSON: " << line;
    if (!parsed.is_discarded()) out.push_back(std::move(parsed));
  }
  return out;
}

class Observe : public ::testing::Test {
 protected:
  void StartWith(std::vector<std::string> args) {
    server_.AddUser("admin@test.example", "admin", kPassword);
    server_.serve_args = std::move(args);
    ASSERT_TRUE(server_.Start()) << server_.log();
  }
  MeterServer server_;
};

TEST_F(Observe, MetricsOnTheirOwnListenerPassPromtoolAndCountRoutesByPattern) {
  const int metrics_port = FreePort();
  StartWith({"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port)});
  HttpClient admin(server_.port());
  ASSERT_EQ(SignIn(admin, "admin@test.example", kPassword), 303);
  ASSERT_EQ(admin.Get("/rounds").status, 200);
  EXPECT_EQ(admin.Get("/knowledge/no-such-entry").status, 404);
  EXPECT_EQ(admin.Get("/no/such/page").status, 404);
  HttpClient stranger(server_.port());
  stranger.Get("/login");
  EXPECT_EQ(stranger
                .PostForm("/login", FormWithCsrf(stranger,
                                                 "email=admin%40test.example&"
                                                 "password=wrong"))
                .status,
            401);
  EXPECT_EQ(admin.Get("/metrics").status, 404) << "never on the public listener";

  HttpClient scraper(metrics_port);
  const HttpResponse scrape = scraper.Get("/metrics");
  ASSERT_EQ(scrape.status, 200);
  EXPECT_THAT(scrape.Header("content-type"), HasSubstr("text/plain"));
  const std::string& text = scrape.body;
  std::string promtool;
  EXPECT_EQ(Promtool(text, promtool), 0) << promtool << "\n" << text.substr(0, 2000);
  EXPECT_THAT(text, HasSubstr("meter_http_requests_total{method=\"GET\",route=\"/rounds\","
                              "status=\"200\"} "));
  EXPECT_THAT(text, HasSubstr("route=\"/knowledge/:slug\",status=\"404\""));
  EXPECT_THAT(text, HasSubstr("route=\"unmatched\",status=\"404\""));
  EXPECT_THAT(text, Not(HasSubstr("no-such-entry"))) << "patterns, never raw paths";
  EXPECT_THAT(text, HasSubstr("meter_http_request_duration_seconds_bucket{method=\"GET\","
                              "route=\"/rounds\""));
  EXPECT_THAT(text, HasSubstr("meter_sign_ins_total{outcome=\"success\"} 1"));
  EXPECT_THAT(text, HasSubstr("meter_sign_ins_total{outcome=\"failure\"} 1"));
  EXPECT_THAT(text, HasSubstr("meter_http_connections_open "));
  EXPECT_THAT(text, HasSubstr("meter_db_pool_connections "));
  EXPECT_THAT(text, HasSubstr("meter_db_up 1"));
  EXPECT_THAT(text, HasSubstr("meter_outbox_waiting 0"));
  EXPECT_THAT(text, HasSubstr("meter_build_info{engine=\"sqlite\",schema=\"" +
                              std::to_string(LatestSchemaVersion()) + "\""));
  EXPECT_EQ(scraper.Get("/").status, 404) << "the metrics listener serves /metrics only";
}

TEST_F(Observe, AnAnswersSaveIsCounted) {
  const int metrics_port = FreePort();
  World w;
  w.server.serve_args = {"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port)};
  w.Build();
  const HttpResponse saved = w.respondent->Send(
      "PUT", "/api/answers/C1.1", json({{"value", "3"}, {"version", 0}, {"comment", ""}}).dump(),
      "application/json", CsrfHeader(*w.respondent));
  ASSERT_EQ(saved.status, 200) << saved.body.substr(0, 300);
  const std::string text = HttpClient(metrics_port).Get("/metrics").body;
  EXPECT_THAT(text, HasSubstr("meter_answer_saves_total 1"));
  EXPECT_THAT(text, HasSubstr("meter_answers_saved_total 1"));
}

// A save on SQLite runs in a batch that one commit stores (the save lane). When that commit fails,
// the save is answered with the failure, and the access log and the metrics record that answer
// alone: not the 200 its handler had made before the commit, nor its answers as saved. The commit
// is made to fail behind the node's back: a trigger the test adds records each save of the value
// "4" in a table whose deferred foreign key it breaks, which SQLite checks at COMMIT only.
TEST_F(Observe, ASaveWhoseSharedCommitFailedIsLoggedAndCountedOnlyAsRefused) {
  const int metrics_port = FreePort();
  World w;
  w.server.serve_args = {"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port)};
  w.Build();
  const std::string file = w.server.db_url().substr(std::string("sqlite:").size());
  const std::string schema =
      "CREATE TABLE commit_breaker (user_id INTEGER REFERENCES users(id) DEFERRABLE INITIALLY "
      "DEFERRED); CREATE TRIGGER break_commit AFTER INSERT ON answers WHEN NEW.value = '4' "
      "BEGIN INSERT INTO commit_breaker VALUES (-1); END;";
  ASSERT_EQ(std::system(("sqlite3 '" + file + "' \"" + schema + "\"").c_str()), 0);
  const auto save = [&](const std::string& statement, const std::string& value) {
    return w.respondent->Send("PUT", "/api/answers/" + statement,
                              json({{"value", value}, {"version", 0}}).dump(), "application/json",
                              CsrfHeader(*w.respondent));
  };
  ASSERT_EQ(save("C1.1", "3").status, 200);
  const HttpResponse refused = save("C1.2", "4");
  ASSERT_NE(refused.status, 200) << "the commit did not fail: " << refused.body.substr(0, 200);
  EXPECT_EQ(w.respondent->Get("/api/answers").body.find("C1.2"), std::string::npos);
  std::vector<std::string> lines;  // the saves' access-log lines
  std::istringstream log(w.server.log());
  for (std::string line; std::getline(log, line);) {
    if (line.find("event=access") != std::string::npos &&
        line.find("route=/api/answers/:statement") != std::string::npos)
      lines.push_back(line);
  }
  ASSERT_EQ(lines.size(), 2u) << "two saves, each once in the access log";
  EXPECT_THAT(lines[0], HasSubstr("status=200"));
  EXPECT_THAT(lines[1], HasSubstr("status=" + std::to_string(refused.status)));
  EXPECT_THAT(lines[1], HasSubstr("request_id=" + refused.Header("x-request-id")));
  const std::string text = HttpClient(metrics_port).Get("/metrics").body;
  EXPECT_THAT(text, HasSubstr("meter_answers_saved_total 1\n")) << "only the first save counts";
}

TEST_F(Observe, AFailedRequestsIdIsInItsHeaderOnItsPageAndInTheJsonLog) {
  StartWith({"--log-format", "json", "--node-name", "node-a"});
  HttpClient client(server_.port());
  const HttpResponse missing = client.Get("/no/such/page?token=secret-in-query");
  ASSERT_EQ(missing.status, 404);
  const std::string id = missing.Header("x-request-id");
  ASSERT_GE(id.size(), 16u);
  EXPECT_THAT(missing.body, HasSubstr(id)) << "the error page shows it, for the user to quote";
  EXPECT_THAT(missing.body, HasSubstr("quote the request ID"));
  const HttpResponse api = client.Get("/api/rounds");
  EXPECT_EQ(json::parse(api.body, nullptr, false).value("request_id", ""),
            api.Header("x-request-id"));
  EXPECT_NE(api.Header("x-request-id"), id) << "each request its own";

  server_.Stop();
  const std::string log = server_.log();
  EXPECT_THAT(log, Not(HasSubstr("secret-in-query"))) << "no query string in the log";
  bool found = false;
  for (const json& line : JsonLines(log)) {
    EXPECT_EQ(line.value("node", ""), "node-a") << line.dump();
    EXPECT_TRUE(line.contains("time") && line.contains("level") && line.contains("event"));
    if (line.value("request_id", "") != id) continue;
    found = true;
    EXPECT_EQ(line.value("event", ""), "access");
    EXPECT_EQ(line.value("route", ""), "unmatched");
    EXPECT_EQ(line.value("status", ""), "404");
    EXPECT_EQ(line.value("method", ""), "GET");
    EXPECT_TRUE(line.contains("ms") && line.contains("bytes"));
  }
  EXPECT_TRUE(found) << log;
}

TEST_F(Observe, ARequestIdIsTakenFromTheTrustedProxyOnlyAndOnlyWhenSane) {
  StartWith({"--trusted-proxy", "127.0.0.1"});
  HttpClient client(server_.port());
  EXPECT_EQ(
      client.Send("GET", "/login", "", "", "X-Request-ID: 0f1e2d3c4b5a69788796a5b4c3d2e1f0\r\n")
          .Header("x-request-id"),
      "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  const std::string odd =
      client.Send("GET", "/login", "", "", "X-Request-ID: a b=c\"\r\n").Header("x-request-id");
  EXPECT_NE(odd, "a b=c\"");
  EXPECT_FALSE(odd.empty());
  EXPECT_NE(client.Send("GET", "/login", "", "", "X-Request-ID: " + std::string(65, 'a') + "\r\n")
                .Header("x-request-id"),
            std::string(65, 'a'));
}

TEST_F(Observe, AClientsRequestIdIsNotTakenWithoutATrustedProxy) {
  StartWith({});
  HttpClient client(server_.port());
  EXPECT_NE(client.Send("GET", "/login", "", "", "X-Request-ID: chosen-by-client\r\n")
                .Header("x-request-id"),
            "chosen-by-client");
}

TEST_F(Observe, HealthAndReadinessAnswerStrangersAndAreNotLoggedAtInfo) {
  StartWith({});
  HttpClient stranger(server_.port());
  const HttpResponse health = stranger.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  const HttpResponse ready = stranger.Get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_THAT(ready.body, HasSubstr("schema " + std::to_string(LatestSchemaVersion())));
  EXPECT_TRUE(stranger.cookies().empty()) << "no session or CSRF cookie for a probe";
  stranger.Get("/login");
  server_.Stop();
  const std::string log = server_.log();
  EXPECT_THAT(log, HasSubstr("route=/login"));
  EXPECT_THAT(log, Not(HasSubstr("route=/healthz")));
  EXPECT_THAT(log, Not(HasSubstr("route=/readyz")));
}

TEST_F(Observe, ReadinessFollowsTheRollingUpgradeRuleOnANewerSchema) {
  StartWith({});
  HttpClient probe(server_.port());
  ASSERT_EQ(probe.Get("/readyz").status, 200);
  // A newer node's additive migration: this node may go on (the rolling-upgrade rule).
  const int additive = LatestSchemaVersion() + 1;
  server_.Sql("INSERT INTO meter_schema (version, applied_at, additive) VALUES (" +
              std::to_string(additive) + ", 0, 1)");
  const HttpResponse still = probe.Get("/readyz");
  EXPECT_EQ(still.status, 200) << still.body;
  EXPECT_THAT(still.body, HasSubstr("every later migration is additive"));
  // One that is not additive: this node must be upgraded.
  const int newer = additive + 1;
  server_.Sql("INSERT INTO meter_schema (version, applied_at, additive) VALUES (" +
              std::to_string(newer) + ", 0, 0)");
  const HttpResponse ready = probe.Get("/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_THAT(ready.body, HasSubstr("schema version " + std::to_string(newer)));
  EXPECT_THAT(ready.body, HasSubstr("migrations " + std::to_string(newer) + " are not additive"));
  EXPECT_EQ(probe.Get("/healthz").status, 200) << "the process is still up";
}

TEST_F(Observe, SignInsFailuresLockoutsAndSignOutsGoToTheAuditLog) {
  StartWith({});
  HttpClient admin(server_.port());
  ASSERT_EQ(SignIn(admin, "admin@test.example", kPassword), 303);
  HttpClient guesser(server_.port());
  guesser.Get("/login");
  int last = 0;
  for (int i = 0; i < 6; ++i) {
    last = guesser
               .PostForm("/login", FormWithCsrf(guesser,
                                                "email=nobody%40test.example&"
                                                "password=guess-" +
                                                    std::to_string(i)))
               .status;
  }
  EXPECT_EQ(last, 429) << "the sixth guess meets the lockout";
  // A password typed into the address field is not written down.
  HttpClient typo(server_.port());
  typo.Get("/login");
  typo.PostForm("/login", FormWithCsrf(typo, "email=Secret-Passw0rd-typed&password=x"));
  HttpClient other(server_.port());
  ASSERT_EQ(SignIn(other, "admin@test.example", kPassword), 303);
  ASSERT_EQ(other.Get("/rounds").status, 200);  // the session's CSRF token
  EXPECT_EQ(other.PostForm("/logout", FormWithCsrf(other)).status, 303);

  const std::string audit = admin.Get("/admin/audit").body;
  EXPECT_THAT(audit, HasSubstr("auth.sign_in_failed"));
  EXPECT_THAT(audit, HasSubstr("nobody@test.example"));
  EXPECT_THAT(audit, HasSubstr("auth.lockout"));
  EXPECT_THAT(audit, HasSubstr("auth.sign_in"));
  EXPECT_THAT(audit, HasSubstr("auth.sign_out"));
  EXPECT_THAT(server_.log(), HasSubstr("action=auth.lockout"));
  EXPECT_THAT(audit, HasSubstr("(not an e-mail address)"));
  EXPECT_THAT(audit, Not(HasSubstr("Secret-Passw0rd-typed")));
  EXPECT_THAT(server_.log(), Not(HasSubstr("Secret-Passw0rd-typed")));
}

TEST_F(Observe, SigtermStopsAcceptingAnswersWhatIsInFlightAndSaysSo) {
  StartWith({"--drain-timeout", "5"});
  HttpClient client(server_.port());
  ASSERT_EQ(client.Get("/login").status, 200);
  server_.Stop();
  const std::string log = server_.log();
  EXPECT_THAT(log, HasSubstr("stopping: no longer accepting connections"));
  EXPECT_THAT(log, HasSubstr("signal=SIGTERM"));
  EXPECT_THAT(log, HasSubstr("stopped: every request in flight was answered"));
  EXPECT_EQ(client.Get("/login").status, 0) << "nothing listens any more";
}

TEST(ObserveOptions, BadObservabilityOptionsAreRefusedNamingTheOption) {
  std::string out;
  EXPECT_NE(RunMeter("serve --db sqlite::memory: --metrics-listen nowhere", "", out), 0);
  EXPECT_THAT(out, HasSubstr("--metrics-listen"));
  EXPECT_THAT(out, HasSubstr("'nowhere' is not HOST:PORT"));
  EXPECT_NE(RunMeter("serve --db sqlite::memory: --log-format xml", "", out), 0);
  EXPECT_THAT(out, HasSubstr("--log-format"));
  EXPECT_NE(RunMeter("serve --db sqlite::memory: --drain-timeout -1", "", out), 0);
  EXPECT_THAT(out, HasSubstr("--drain-timeout"));
}

TEST(ObservePostgres, ReadinessFollowsADatabaseOutage) {
  PgServer& pg = PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  const std::string database = pg.CreateDatabase();
  ASSERT_FALSE(database.empty());
  {
    MeterServer server(pg.TcpUrl(database));
    ASSERT_TRUE(server.Start()) << server.log();
    HttpClient probe(server.port());
    ASSERT_EQ(probe.Get("/readyz").status, 200);

    ASSERT_TRUE(pg.Stop());
    const HttpResponse down = probe.Get("/readyz");
    EXPECT_EQ(down.status, 503);
    EXPECT_THAT(down.body, HasSubstr("not ready: "));
    EXPECT_EQ(probe.Get("/healthz").status, 200) << "the process is up though its database is not";

    ASSERT_TRUE(pg.Restart());
    const HttpResponse up = probe.Get("/readyz");
    EXPECT_EQ(up.status, 200) << up.body;
    EXPECT_THAT(up.body, HasSubstr("postgresql"));
  }
  pg.DropDatabase(database);
}

}  // namespace
}  // namespace meter::testing
