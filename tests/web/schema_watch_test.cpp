// A running `meter serve` whose database is migrated to a newer schema under it (as a newer
// METER's `meter migrate` would: a new row in meter_schema) refuses every save with 503 and says
// why in one log line, while pages and reads still answer; on SQLite and on PostgreSQL.
#include <gmock/gmock.h>

#include <functional>
#include <string>

#include "store/pg_server.h"
#include "store/sql_store.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

HttpResponse SaveAnswer(HttpClient& client, const std::string& statement, long long version) {
  return client.Send("PUT", "/api/answers/" + statement,
                     json({{"value", "3"}, {"version", version}, {"comment", ""}}).dump(),
                     "application/json", CsrfHeader(client));
}

size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// `migrate` runs SQL that records schema version `version` in the server's database.
void SavesAreRefusedOnceTheSchemaMoves(World& w, const std::function<void(int)>& migrate) {
  w.Build();
  const HttpResponse before = SaveAnswer(*w.respondent, "C1.1", 0);
  ASSERT_EQ(before.status, 200) << before.body.substr(0, 300);

  const int newer = LatestSchemaVersion() + 1;
  migrate(newer);
  const HttpResponse refused = SaveAnswer(*w.respondent, "C1.2", 0);
  EXPECT_EQ(refused.status, 503) << refused.body.substr(0, 300);
  EXPECT_THAT(refused.body, HasSubstr("cannot save changes now"));
  EXPECT_EQ(SaveAnswer(*w.respondent, "C1.3", 0).status, 503);
  const std::string line = "the schema version is now " + std::to_string(newer) + ", not " +
                           std::to_string(LatestSchemaVersion());
  EXPECT_EQ(Occurrences(w.server.log(), line), 1u) << w.server.log();

  const HttpResponse read = w.respondent->Get("/api/answers");
  EXPECT_EQ(read.status, 200) << "reads are still served";
  const json body = json::parse(read.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << read.body.substr(0, 300);
  for (const json& a : body["answers"]) {
    if (a["statement"] == "C1.1") {
      EXPECT_EQ(a["value"], "3");
    }
    if (a["statement"] == "C1.2") {
      EXPECT_EQ(a["value"], "") << "the refused save wrote nothing";
    }
  }
}

TEST(SchemaWatch, ARunningNodeRefusesSavesOnceANewerSchemaIsMigratedUnderIt) {
  World w;
  SavesAreRefusedOnceTheSchemaMoves(w, [&](int version) {
    w.server.Sql("INSERT INTO meter_schema (version, applied_at) VALUES (" +
                 std::to_string(version) + ", 0)");
  });
}

TEST(SchemaWatchPostgres, ARunningNodeRefusesSavesOnceANewerSchemaIsMigratedUnderIt) {
  PgServer& pg = PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  const std::string database = pg.CreateDatabase();
  ASSERT_FALSE(database.empty());
  {
    World w(pg.TcpUrl(database));
    SavesAreRefusedOnceTheSchemaMoves(w, [&](int version) {
      auto done = pg.Query(database, "INSERT INTO meter_schema (version, applied_at) VALUES (" +
                                         std::to_string(version) + ", 0)");
      ASSERT_TRUE(done.ok()) << done.error().ToString();
    });
  }
  pg.DropDatabase(database);
}

}  // namespace
}  // namespace meter::testing
