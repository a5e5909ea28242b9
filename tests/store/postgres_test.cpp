// What only PostgreSQL has: URLs with hosts, ports, sockets and passwords, a pool of server
// connections, and a server that can be unreachable or go away. (The repository contract itself is
// store_contract_test.cpp, on both engines.)
#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "store/db_contents.h"
#include "store/migrations.h"
#include "store/pg_server.h"
#include "store/sql_base.h"
#include "store/sql_store.h"

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class StorePostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.running()) << server_.failure();
    database_ = server_.CreateDatabase();
    ASSERT_FALSE(database_.empty());
  }
  void TearDown() override {
    server_.Restart();  // after a test that stopped it
    if (!database_.empty()) server_.DropDatabase(database_);
  }
  std::string Port() const { return std::to_string(server_.port()); }
  // An open round of `store` with one respondent, Ana, whom it returns (ID 0 when that failed).
  static Respondent OpenRoundWithRespondent(Store& store) {
    auto round = store.CreateRound({"ARM", "R", 2026, "meter", "2.0", DefaultGroups()}, "c");
    EXPECT_TRUE(round.ok()) << round.error().ToString();
    if (!round.ok() || !store.SetRoundStatus(round.value().id, RoundStatus::kOpen, "c").ok())
      return {};
    Respondent r;
    r.round_id = round.value().id;
    r.name = "Ana";
    r.group = "Agencies";
    r.token_hash = "hash-ana";
    auto added = store.AddRespondent(r, "c");
    EXPECT_TRUE(added.ok()) << added.error().ToString();
    return added.ok() ? added.value() : Respondent{};
  }

  testing::PgServer& server_ = testing::PgServer::Get();
  std::string database_;
};

TEST_F(StorePostgres, OpensTheStandardUriFormsWithAndWithoutQueryStrings) {
  const std::string encoded_dir = [&] {
    std::string out;
    for (char c : server_.socket_dir()) out += c == '/' ? std::string("%2F") : std::string(1, c);
    return out;
  }();
  for (const std::string& url :
       {server_.TcpUrl(database_),  // user:password@host:port/db, no query string
        "postgres://meter:" + server_.TcpUrl(database_).substr(19),
        server_.TcpUrl(database_) + "?sslmode=disable&application_name=meter-test",
        "postgresql:///" + database_ + "?host=" + server_.socket_dir() + "&port=" + Port() +
            "&user=meter",
        "postgresql://meter@" + encoded_dir + ":" + Port() + "/" + database_}) {
    auto store = OpenStore(url, {1});
    ASSERT_TRUE(store.ok()) << url << ": " << store.error().ToString();
    EXPECT_EQ(store.value()->Engine(), "postgresql");
    EXPECT_TRUE(store.value()->ListUsers().ok()) << url;
  }
}

TEST_F(StorePostgres, OpensEveryConnectionOfThePoolAtStart) {
  auto store = OpenStore(server_.SocketUrl(database_), {5});
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  auto connections = server_.Query(
      "postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database_ + "'");
  ASSERT_TRUE(connections.ok()) << connections.error().ToString();
  EXPECT_EQ(connections.value(), "5");
  auto named = server_.Query("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" +
                                             database_ + "' AND application_name = 'meter'");
  EXPECT_EQ(named.value(), "5");
}

TEST_F(StorePostgres, AWrongPasswordIsUnavailableAndNeverPrinted) {
  const std::string url = "postgresql://meter:not-the-s3cret@127.0.0.1:" + Port() + "/" + database_;
  auto store = OpenStore(url);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  const std::string message = store.error().ToString();
  EXPECT_THAT(message, HasSubstr("postgresql://meter@127.0.0.1:" + Port() + "/" + database_ +
                                 ": cannot open the database: "));
  EXPECT_THAT(message, HasSubstr("password authentication failed for user \"meter\""));
  EXPECT_THAT(message, Not(HasSubstr("not-the-s3cret")));
  EXPECT_THAT(message, Not(HasSubstr("\n")));
}

TEST_F(StorePostgres, AMissingDatabaseOrUnknownParameterIsRefused) {
  auto missing =
      OpenStore("postgresql://meter@/no_such_db?host=" + server_.socket_dir() + "&port=" + Port());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(missing.error().ToString(), HasSubstr("database \"no_such_db\" does not exist"));
  auto unknown = OpenStore(server_.SocketUrl(database_) + "&frobnicate=1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.error().ToString(), HasSubstr("frobnicate"));
}

TEST_F(StorePostgres, MigrateDatabaseAppliesEverySchemaVersionOnce) {
  auto first = MigrateDatabase(server_.SocketUrl(database_));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first.value().from, 0);
  EXPECT_EQ(first.value().to, LatestSchemaVersion());
  auto again = MigrateDatabase(server_.SocketUrl(database_));
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again.value().from, LatestSchemaVersion());
  EXPECT_EQ(again.value().to, LatestSchemaVersion());
  // One row per migration (the numbers may have gaps), the last being the latest.
  EXPECT_EQ(server_.Query(database_, "SELECT count(*) FROM meter_schema").value(),
            std::to_string(Migrations().size()));
  EXPECT_EQ(server_.Query(database_, "SELECT MAX(version) FROM meter_schema").value(),
            std::to_string(LatestSchemaVersion()));
}

TEST_F(StorePostgres, NodesStartingTogetherMigrateOnce) {
  constexpr int kNodes = 4;
  std::vector<Result<SchemaChange>> results(kNodes, Error::Of(ErrorCode::kInternal, "", "not run"));
  std::atomic<int> ready = 0;
  std::vector<std::thread> nodes;
  for (int i = 0; i < kNodes; ++i) {
    nodes.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kNodes) std::this_thread::yield();
      results[i] = MigrateDatabase(server_.SocketUrl(database_));
    });
  }
  for (std::thread& t : nodes) t.join();
  int migrated = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r.value().to, LatestSchemaVersion());
    migrated += r.value().from == 0;
  }
  EXPECT_EQ(migrated, 1);
  // One row per migration (the numbers may have gaps), the last being the latest.
  EXPECT_EQ(server_.Query(database_, "SELECT count(*) FROM meter_schema").value(),
            std::to_string(Migrations().size()));
  EXPECT_EQ(server_.Query(database_, "SELECT MAX(version) FROM meter_schema").value(),
            std::to_string(LatestSchemaVersion()));
}

// The server goes away while METER runs: calls fail as unavailable (the web answers 503), and
// work again once it is back, without a restart of METER.
TEST_F(StorePostgres, CallsFailWhileTheServerIsDownAndWorkAgainWhenItIsBack) {
  auto opened = OpenStore(server_.SocketUrl(database_), {2});
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  Store& store = *opened.value();
  auto user = [](int i) {
    return User{0, "u" + std::to_string(i) + "@example.org", "U", Role::kExpert, {}, "h", false, 0};
  };
  ASSERT_TRUE(store.CreateUser(user(0), "cli").ok());
  ASSERT_TRUE(server_.Stop());
  EXPECT_EQ(store.ListUsers().error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(store.CreateUser(user(1), "cli").error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(store.ListUsers().error().code, ErrorCode::kUnavailable);
  ASSERT_TRUE(server_.Restart());
  // Both pooled connections were cut; each call reopens the one it is lent.
  for (int i = 2; i < 6; ++i) {
    auto listed = store.ListUsers();
    EXPECT_TRUE(listed.ok()) << listed.error().ToString();
    auto created = store.CreateUser(user(i), "cli");
    EXPECT_TRUE(created.ok()) << created.error().ToString();
  }
  EXPECT_EQ(store.ListUsers().value().size(), 5u);
}

// Migration 15: the saves of one round do not queue for one row. While another transaction holds
// the round's row of cache versions (as a writer of the round does until its commit), a
// respondent's save goes through; before, every save bumped that row and waited for the commit of
// the save before it. The test watches the server's lock table, not a clock: it fails as soon as
// the save waits for a lock.
TEST_F(StorePostgres, ASaveDoesNotWaitForAnotherWriterOfItsRound) {
  auto opened = OpenStore(server_.SocketUrl(database_), {2});
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  Store& store = *opened.value();
  const Respondent ana = OpenRoundWithRespondent(store);
  ASSERT_NE(ana.id, 0);
  const long long before = store.CacheVersionsOf(ana.round_id).value().round;

  auto other_writer = testing::Open("pg:" + database_);
  soci::transaction held(*other_writer);
  std::string name;
  *other_writer << "SELECT name FROM cache_versions WHERE name = 'round:" +
                       std::to_string(ana.round_id) + "' FOR UPDATE",
      soci::into(name);
  ASSERT_FALSE(name.empty());  // the round has its row: the lock holds something
  auto save = std::async(std::launch::async, [&] {
    return store.SaveAnswers(ana.id, {{"C1.1", "3", "", "", 0}}, 10);
  });
  Result<std::string> waiting = std::string("0");  // locks waited for, the last time looked
  while (save.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready) {
    // A failed look at the lock table ends the wait too, with its error: the save must not be
    // left waiting for the lock the test holds.
    waiting = server_.Query(database_, "SELECT count(*) FROM pg_locks WHERE NOT granted");
    if (!waiting.ok() || waiting.value() != "0") break;
  }
  held.rollback();
  const auto saved = save.get();
  EXPECT_TRUE(waiting.ok() && waiting.value() == "0")
      << "the save waited for the round's row of cache versions: "
      << (waiting.ok() ? waiting.value() + " lock(s) waited for" : waiting.error().ToString());
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  EXPECT_GT(store.CacheVersionsOf(ana.round_id).value().round, before);
}

// A statement of the kind every request makes, for the test below: a sql::Kept query.
struct RelationCountQuery {
  RelationCountQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st, "SELECT count(*) FROM pg_class WHERE relname = :name", type, soci::into(count),
                 soci::use(name));
  }
  std::string name = "answers";
  long long count = 0;
  soci::statement st;  // last: bound to the members above
};

// The statements every request makes are prepared once per pooled connection (sql::Kept): the
// server parses and plans each once, not per request. When the connection is lost (the server
// restarted, or an administrator ended its backend), the next use reopens it and prepares the
// statement again there. Seen from the connection itself, in pg_prepared_statements.
TEST_F(StorePostgres, KeptStatementsArePreparedOncePerConnectionAndAgainAfterAReconnect) {
  ASSERT_TRUE(MigrateDatabase(server_.SocketUrl(database_)));
  auto opened = sql::OpenDatabase(server_.SocketUrl(database_), 1);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  sql::Database& db = opened.value();
  const auto run = [&]() -> Result<long long> {
    return sql::Reading<long long>(db, [&](soci::session& s) -> Result<long long> {
      sql::Kept<RelationCountQuery> q(db, s, "");
      q->st.execute(true);
      return q->count;
    });
  };
  // How many statements of RelationCountQuery's text the pooled connection holds, and its backend.
  const auto prepared_on_the_connection = [&](long long* prepared, int* backend) {
    soci::session& s = db.pool->at(0);
    s << "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE "
         "'%FROM pg_class WHERE relname = %'",
        soci::into(*prepared);
    s << "SELECT pg_backend_pid()", soci::into(*backend);
  };
  for (int i = 0; i < 5; ++i) {
    const auto counted = run();
    ASSERT_TRUE(counted.ok()) << counted.error().ToString();
    EXPECT_EQ(counted.value(), 1);
  }
  long long prepared = 0;
  int backend = 0;
  prepared_on_the_connection(&prepared, &backend);
  EXPECT_EQ(prepared, 1) << "five uses, one statement prepared on the connection";

  ASSERT_TRUE(
      server_.Query(database_, "SELECT pg_terminate_backend(" + std::to_string(backend) + ")")
          .ok());
  const auto after = run();  // fails on the dead connection, reopens it, runs again
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  EXPECT_EQ(after.value(), 1);
  long long prepared_again = 0;
  int new_backend = 0;
  prepared_on_the_connection(&prepared_again, &new_backend);
  EXPECT_NE(new_backend, backend);
  EXPECT_EQ(prepared_again, 1) << "prepared again on the reopened connection";
}

// A save made while a migration of a later release runs, holding METER's migration lock: what the
// save returned, whether it was seen waiting for that lock in the server's lock table (which the
// test watches, not a clock) and how many of the respondent's answers were stored meanwhile.
struct SaveDuringMigration {
  Result<SavedAnswers> saved = Error::Of(ErrorCode::kInternal, "", "not run");
  bool waited = false;
  std::string stored_meanwhile;
};

SaveDuringMigration SaveWhileMigrating(testing::PgServer& server, const std::string& database,
                                       Store& store, Id respondent, int version, bool additive,
                                       const AnswerWrite& write) {
  SaveDuringMigration out;
  auto migration = testing::Open("pg:" + database);
  soci::transaction running(*migration);
  *migration << "SELECT pg_advisory_xact_lock(4242001)";
  *migration << "INSERT INTO meter_schema (version, applied_at, additive) VALUES (" +
                    std::to_string(version) + ", 0, " + (additive ? "1" : "0") + ")";
  auto save =
      std::async(std::launch::async, [&] { return store.SaveAnswers(respondent, {write}, 10); });
  while (save.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready) {
    auto waiting = server.Query(
        database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    if (!waiting.ok() || waiting.value() != "0") {
      out.waited = waiting.ok() && waiting.value() == "1";
      break;
    }
  }
  auto stored = server.Query(
      database, "SELECT count(*) FROM answers WHERE respondent_id = " + std::to_string(respondent));
  out.stored_meanwhile = stored.ok() ? stored.value() : stored.error().ToString();
  running.commit();
  out.saved = save.get();
  return out;
}

// A one-answer save is one statement that commits by itself (sql_answers.cpp). It must still not
// write while a migration holds METER's migration lock, and must then follow the schema that
// migration left: it waits for the migration, and is stored once that committed when it was
// additive (here), refused (503) when it was not (next test).
TEST_F(StorePostgres, AOneAnswerSaveWaitsForAnAdditiveMigrationAndIsThenStored) {
  auto opened = OpenStore(server_.SocketUrl(database_), {2});
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  const Respondent ana = OpenRoundWithRespondent(*opened.value());
  ASSERT_NE(ana.id, 0);
  const SaveDuringMigration additive =
      SaveWhileMigrating(server_, database_, *opened.value(), ana.id, LatestSchemaVersion() + 1,
                         true, {"C1.1", "3", "", "", 0});
  EXPECT_TRUE(additive.waited) << "the save did not wait for the migration's lock";
  EXPECT_EQ(additive.stored_meanwhile, "0");
  ASSERT_TRUE(additive.saved.ok()) << additive.saved.error().ToString();
  EXPECT_EQ(additive.saved.value().answered, 1u);
}

// The schema version is read once the save holds the migration lock, not before it waited: read
// in the statement that waited, it was the version from before the migration, and the save was
// stored on a schema this node does not know.
TEST_F(StorePostgres, AOneAnswerSaveThatWaitedForANonAdditiveMigrationIsRefused) {
  auto opened = OpenStore(server_.SocketUrl(database_), {2});
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  const Respondent ana = OpenRoundWithRespondent(*opened.value());
  ASSERT_NE(ana.id, 0);
  const SaveDuringMigration breaking =
      SaveWhileMigrating(server_, database_, *opened.value(), ana.id, LatestSchemaVersion() + 1,
                         false, {"C1.1", "3", "", "", 0});
  EXPECT_TRUE(breaking.waited) << "the save did not wait for the migration's lock";
  EXPECT_EQ(breaking.stored_meanwhile, "0");
  ASSERT_FALSE(breaking.saved.ok()) << "saved on a schema this node does not know";
  EXPECT_EQ(breaking.saved.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(server_.Query(database_, "SELECT count(*) FROM answers").value(), "0");
}

}  // namespace
}  // namespace meter
