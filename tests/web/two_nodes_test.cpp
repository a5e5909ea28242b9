// Two `meter serve` nodes on one PostgreSQL database behind nginx (round robin, on loopback), as
// docs/operations.md deploys them: a sign-in on one node is valid on the other, a respondent whose
// saves alternate between the nodes loses none of them, and two respondents saving at the same
// time on different nodes both keep every answer. Nothing about a session or an answer lives in a
// node.
#include <gmock/gmock.h>

#include <map>
#include <set>
#include <thread>

#include "nginx_proxy.h"
#include "score_views.h"
#include "store/pg_server.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;

// The node ("127.0.0.1:port") that nginx sent a request to.
std::string NodeOf(const HttpResponse& r) { return r.Header("x-upstream"); }

// A respondent's stored answers, by statement, as one node sees them.
std::map<std::string, json> StoredAnswers(int port, HttpClient& respondent) {
  HttpClient direct(port);
  direct.cookies() = respondent.cookies();
  const HttpResponse mine = direct.Get("/api/answers");
  EXPECT_EQ(mine.status, 200) << mine.body.substr(0, 300);
  std::map<std::string, json> out;
  const json body = json::parse(mine.body, nullptr, false);
  if (!body.is_object()) return out;
  for (const json& a : body["answers"]) out[a["statement"].get<std::string>()] = a;
  return out;
}

// Saves `rounds` answers to each of `statements` through `client`, each with the version the last
// save returned; returns the nodes that served the saves. Every save must be acknowledged.
std::vector<std::string> SaveInTurn(HttpClient& client, const std::vector<std::string>& statements,
                                    int rounds, std::map<std::string, json>& last) {
  std::vector<std::string> nodes;
  for (int r = 0; r < rounds; ++r) {
    for (const std::string& statement : statements) {
      const long long version =
          last.count(statement) ? last[statement]["version"].get<long long>() : 0;
      const std::string value = std::to_string((r + statement.size()) % 5);
      const HttpResponse saved = client.Send(
          "PUT", "/api/answers/" + statement,
          json({{"value", value}, {"comment", "pass " + std::to_string(r)}, {"version", version}})
              .dump(),
          "application/json", CsrfHeader(client));
      EXPECT_EQ(saved.status, 200) << statement << " pass " << r << ": " << saved.body;
      if (saved.status != 200) return nodes;
      last[statement] = json::parse(saved.body);
      nodes.push_back(NodeOf(saved));
    }
  }
  return nodes;
}

std::vector<std::string> Statements(const std::string& subarea, int count) {
  std::vector<std::string> out;
  for (int i = 1; i <= count; ++i) out.push_back(subarea + "." + std::to_string(i));
  return out;
}

class TwoNodesPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.running()) << pg_.failure();
    database_ = pg_.CreateDatabase();
    ASSERT_FALSE(database_.empty());
    world_ = std::make_unique<World>(pg_.TcpUrl(database_));
    world_->Build();
    second_ = std::make_unique<MeterServer>(pg_.TcpUrl(database_));
    ASSERT_TRUE(second_->Start()) << second_->log();
    nginx_ = std::make_unique<NginxProxy>(std::vector<int>{world_->server.port(), second_->port()});
    ASSERT_TRUE(nginx_->Start()) << nginx_->log();
  }
  void TearDown() override {
    nginx_.reset();
    second_.reset();
    world_.reset();
    if (!database_.empty()) pg_.DropDatabase(database_);
  }
  std::string Node(int port) const { return "127.0.0.1:" + std::to_string(port); }
  // A new respondent of the Armenian round, signed in through nginx by their link.
  std::unique_ptr<HttpClient> RespondentThroughNginx(const std::string& name) {
    auto [link, id] = world_->Invite(*world_->coordinator, world_->round, name, "Agencies");
    auto client = std::make_unique<HttpClient>(nginx_->port());
    EXPECT_EQ(client->Get(link).status, 303);
    client->Get("/q/1");
    return client;
  }

  PgServer& pg_ = PgServer::Get();
  std::string database_;
  std::unique_ptr<World> world_;
  std::unique_ptr<MeterServer> second_;
  std::unique_ptr<NginxProxy> nginx_;
};

TEST_F(TwoNodesPostgres, ASignInOnOneNodeIsValidOnTheOther) {
  HttpClient through_nginx(nginx_->port());
  // The sign-in page and the form post land on different nodes: the anonymous session and its
  // CSRF token are shared too.
  ASSERT_EQ(SignIn(through_nginx, "arm@test.example", kPassword), 303);
  std::set<std::string> served;
  for (int i = 0; i < 6; ++i) {
    const HttpResponse page = through_nginx.Get("/rounds");
    EXPECT_EQ(page.status, 200) << "request " << i << " on " << NodeOf(page);
    EXPECT_THAT(page.body, ::testing::HasSubstr("Round of ARM"));
    served.insert(NodeOf(page));
  }
  EXPECT_EQ(served, (std::set<std::string>{Node(world_->server.port()), Node(second_->port())}))
      << "nginx sent the requests to both nodes";
  for (int port : {world_->server.port(), second_->port()}) {
    HttpClient direct(port);
    direct.cookies() = through_nginx.cookies();
    EXPECT_EQ(direct.Get("/rounds").status, 200) << "the session holds on the node at " << port;
  }
  // Signing out on one node ends the session on both.
  ASSERT_EQ(through_nginx.PostForm("/logout", FormWithCsrf(through_nginx)).status, 303);
  for (int port : {world_->server.port(), second_->port()}) {
    HttpClient direct(port);
    direct.cookies() = through_nginx.cookies();
    EXPECT_EQ(direct.Get("/rounds").status, 303) << "signed out on the node at " << port;
  }
}

TEST_F(TwoNodesPostgres, ARespondentsSavesAlternateBetweenNodesAndNoneIsLost) {
  auto respondent = RespondentThroughNginx("alternating");
  std::map<std::string, json> acknowledged;
  const std::vector<std::string> nodes =
      SaveInTurn(*respondent, Statements("C1", 12), 5, acknowledged);
  ASSERT_EQ(nodes.size(), 60u);
  std::map<std::string, int> per_node;
  int switches = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    ++per_node[nodes[i]];
    if (i > 0 && nodes[i] != nodes[i - 1]) ++switches;
  }
  EXPECT_EQ(per_node.size(), 2u) << "saves went to both nodes";
  EXPECT_GE(switches, 20) << "consecutive saves alternate, each building on the other's version";
  for (int port : {world_->server.port(), second_->port()}) {
    const auto stored = StoredAnswers(port, *respondent);
    for (const auto& [statement, ack] : acknowledged) {
      ASSERT_TRUE(stored.count(statement)) << statement << " missing on the node at " << port;
      EXPECT_EQ(stored.at(statement)["value"], ack["value"]) << statement;
      EXPECT_EQ(stored.at(statement)["comment"], ack["comment"]) << statement;
      EXPECT_EQ(stored.at(statement)["version"], ack["version"]) << statement;
    }
  }
}

TEST_F(TwoNodesPostgres, TwoRespondentsSavingAtOnceOnDifferentNodesBothKeepTheirAnswers) {
  // Each respondent talks to one node directly (the link and the session work on either).
  auto first = RespondentThroughNginx("first");
  auto second = RespondentThroughNginx("second");
  HttpClient on_one(world_->server.port()), on_two(second_->port());
  on_one.cookies() = first->cookies();
  on_one.csrf = first->csrf;
  on_two.cookies() = second->cookies();
  on_two.csrf = second->csrf;
  std::map<std::string, json> acked_one, acked_two;
  std::thread a([&] { SaveInTurn(on_one, Statements("C1", 12), 4, acked_one); });
  std::thread b([&] { SaveInTurn(on_two, Statements("C1", 12), 4, acked_two); });
  a.join();
  b.join();
  ASSERT_EQ(acked_one.size(), 12u);
  ASSERT_EQ(acked_two.size(), 12u);
  for (int port : {world_->server.port(), second_->port()}) {
    const auto one = StoredAnswers(port, *first);
    const auto two = StoredAnswers(port, *second);
    for (const auto& [statement, ack] : acked_one) {
      EXPECT_EQ(one.at(statement)["version"], ack["version"]) << statement;
      EXPECT_EQ(one.at(statement)["value"], ack["value"]) << statement;
    }
    for (const auto& [statement, ack] : acked_two) {
      EXPECT_EQ(two.at(statement)["version"], ack["version"]) << statement;
      EXPECT_EQ(two.at(statement)["value"], ack["value"]) << statement;
    }
  }
}

// Issue 14: node B holds the round's scores in its cache, a save goes through node A, and node B's
// next page shows the new score: it reads the round's version with every page.
TEST_F(TwoNodesPostgres, ASaveOnOneNodeShowsOnTheOtherNodesNextResultsPage) {
  const std::string base = "/rounds/" + std::to_string(world_->round);
  auto respondent = Respondent(*world_, world_->server.port(), "two nodes");
  std::map<std::string, long long> versions;
  AnswerC1(*respondent, "0", versions);
  HttpClient on_b(second_->port());
  on_b.cookies() = world_->coordinator->cookies();
  const HttpResponse before = on_b.Get(base + "/results");
  ASSERT_EQ(before.status, 200) << before.body.substr(0, 300);
  EXPECT_EQ(ScoreOnPage(before.body, "C1"), "0.0");
  EXPECT_EQ(on_b.Get(base + "/results").Header("x-meter-scores"), "cached");

  AnswerC1(*respondent, "4", versions);  // through node A
  const HttpResponse after = on_b.Get(base + "/results");
  EXPECT_EQ(after.Header("x-meter-scores"), "computed");
  EXPECT_EQ(ScoreOnPage(after.body, "C1"), "100.0");
  EXPECT_EQ(ScoreInJson(on_b.Get("/api" + base + "/results").body, "C1"), json(100.0));
}

}  // namespace
}  // namespace meter::testing
