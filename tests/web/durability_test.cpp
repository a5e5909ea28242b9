// Durability: 200 respondents autosave answers concurrently while the server is killed with
// SIGKILL (no shutdown code runs). After a restart on the same database — a SQLite file, or a
// PostgreSQL database — every answer whose save was acknowledged with a 2xx is there with its
// value, or with a later version of it (a save whose reply was lost in the kill may have been
// committed too).
#include <gmock/gmock.h>

#include <atomic>
#include <map>
#include <thread>

#include "store/pg_server.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;

constexpr int kRespondents = 200;
constexpr int kAcknowledgedBeforeKill = 3000;

struct Acknowledged {
  std::string value;
  long long version = 0;
};

struct Respondent {
  std::unique_ptr<HttpClient> client;
  std::map<std::string, Acknowledged> acked;  // by statement; written by its own thread only
};

// Saves answers in a loop, each statement with the version it last got back, until the server
// stops answering.
void Autosave(Respondent& r, int seed, std::atomic<int>& acknowledged) {
  static const char* kValues[] = {"0", "1", "2", "3", "4", "DK"};
  for (int i = 0;; ++i) {
    const std::string statement = "C1." + std::to_string(1 + (seed + i) % 12);
    const std::string value = kValues[(seed + i) % 6];
    const long long version = r.acked.count(statement) ? r.acked[statement].version : 0;
    const HttpResponse saved = r.client->Send("PUT", "/api/answers/" + statement,
                                              json({{"value", value}, {"version", version}}).dump(),
                                              "application/json", CsrfHeader(*r.client));
    if (saved.status == 0) return;  // the server is gone
    if (saved.status / 100 != 2) continue;
    const json body = json::parse(saved.body, nullptr, false);
    if (!body.is_object() || !body.contains("version")) continue;
    r.acked[statement] = {value, body["version"].get<long long>()};
    ++acknowledged;
  }
}

// Builds the world on `db_url`, kills its server in the middle of the autosaves, restarts it and
// checks every acknowledged save.
void KillDashNineUnderAutosaves(const std::string& db_url) {
  World w(db_url);
  w.Build();
  std::vector<Respondent> people(kRespondents);
  for (int i = 0; i < kRespondents; ++i) {
    auto [link, id] = w.Invite(*w.coordinator, w.round, "r" + std::to_string(i), "Agencies");
    people[i].client = w.Client();
    ASSERT_EQ(people[i].client->Get(link).status, 303);
    people[i].client->Get("/q/1");
  }
  std::atomic<int> acknowledged = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kRespondents; ++i) {
    threads.emplace_back(Autosave, std::ref(people[i]), i, std::ref(acknowledged));
  }
  // Not a timing assertion: the kill comes once enough saves are acknowledged, however long that
  // takes, so that it lands in the middle of the traffic.
  while (acknowledged < kAcknowledgedBeforeKill) std::this_thread::yield();
  w.server.Kill();
  for (std::thread& t : threads) t.join();

  ASSERT_TRUE(w.server.Start()) << w.server.log();
  int checked = 0;
  for (Respondent& r : people) {
    // The session is in the database, so the same cookies still sign the respondent in.
    HttpClient again(w.server.port());
    again.cookies() = r.client->cookies();
    const HttpResponse mine = again.Get("/api/answers");
    ASSERT_EQ(mine.status, 200) << mine.body;
    std::map<std::string, json> stored;
    const json body = json::parse(mine.body);
    for (const json& a : body["answers"]) stored[a["statement"].get<std::string>()] = a;
    for (const auto& [statement, ack] : r.acked) {
      ASSERT_TRUE(stored.count(statement))
          << statement << " was acknowledged (version " << ack.version << ") and is gone; "
          << stored.size() << " stored of " << r.acked.size() << ": " << mine.body.substr(0, 300);
      const long long version = stored[statement]["version"].get<long long>();
      ASSERT_GE(version, ack.version) << statement << " went back to an older version";
      if (version == ack.version) {
        EXPECT_EQ(stored[statement]["value"], ack.value) << statement;
      }
      ++checked;
    }
  }
  EXPECT_GE(acknowledged.load(), kAcknowledgedBeforeKill);
  EXPECT_GT(checked, kRespondents) << "most respondents had saves acknowledged";
}

TEST(Durability, EveryAcknowledgedSaveSurvivesAKillDashNineOnSqlite) {
  KillDashNineUnderAutosaves("");
}

TEST(DurabilityPostgres, EveryAcknowledgedSaveSurvivesAKillDashNineOnPostgresql) {
  PgServer& pg = PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  const std::string database = pg.CreateDatabase();
  ASSERT_FALSE(database.empty());
  KillDashNineUnderAutosaves(pg.TcpUrl(database));
  pg.DropDatabase(database);
}

}  // namespace
}  // namespace meter::testing
