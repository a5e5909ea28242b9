// `meter serve` on PostgreSQL while the database goes away and comes back: during the outage pages
// and API calls answer 503 (not a sign-in page, not a 500), and the server recovers by itself once
// the database is back — same session, no restart of METER. Also: two respondents' saves on this
// engine through HTTP.
#include <gmock/gmock.h>

#include "store/pg_server.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;

TEST(WebPostgres, RequestsGet503DuringADatabaseOutageAndRecoverAfterIt) {
  PgServer& pg = PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  const std::string database = pg.CreateDatabase();
  ASSERT_FALSE(database.empty());
  {
    MeterServer server(pg.TcpUrl(database));
    server.AddUser("admin@test.example", "admin", kPassword);
    ASSERT_TRUE(server.Start()) << server.log();
    HttpClient admin(server.port());
    ASSERT_EQ(SignIn(admin, "admin@test.example", kPassword), 303);
    ASSERT_EQ(admin.Get("/rounds").status, 200);

    ASSERT_TRUE(pg.Stop());
    const HttpResponse page = admin.Get("/rounds");
    EXPECT_EQ(page.status, 503) << page.body.substr(0, 300);
    EXPECT_THAT(page.body, HasSubstr("try again in a moment"));
    const HttpResponse api = admin.Get("/api/rounds");
    EXPECT_EQ(api.status, 503);
    EXPECT_THAT(api.body, HasSubstr("\"error\""));

    ASSERT_TRUE(pg.Restart());
    EXPECT_EQ(admin.Get("/rounds").status, 200) << "recovered without restarting METER";
    EXPECT_EQ(admin.Get("/api/rounds").status, 200);
  }
  pg.DropDatabase(database);
}

}  // namespace
}  // namespace meter::testing
