// `meter backup` and `meter restore` on SQLite and PostgreSQL: a backup taken while the database is
// open and in use is one consistent state, and restoring it brings back exactly that state
// (compared table by table); bad backups (another database's, the other engine's, a newer METER's)
// are refused before anything is touched, and a restore that fails is undone: the database is as it
// was, row for row, relation for relation. Backups are mode 0600; restore and migrate warn while
// others have the database open.
#include <gmock/gmock.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "store/db_contents.h"
#include "store/pg_server.h"
#include "store/sql_store.h"
#include "test_support.h"
#include "web/server_fixture.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A round with two respondents' answers, targets and an audit trail.
void FillStore(Store& s, const std::string& title) {
  auto round = s.CreateRound({"ARM", title, 2026, "meter", "2.0", DefaultGroups()}, "t");
  ASSERT_TRUE(round.ok()) << round.error().ToString();
  ASSERT_TRUE(s.SetRoundStatus(round.value().id, RoundStatus::kOpen, "t").ok());
  for (int i = 0; i < 2; ++i) {
    Respondent r;
    r.round_id = round.value().id;
    r.name = title + "-" + std::to_string(i);
    r.group = "Agencies";
    r.token_hash = "token-" + title + std::to_string(i);
    auto added = s.AddRespondent(r, "t");
    ASSERT_TRUE(added.ok());
    auto saved =
        s.SaveAnswers(added.value().id,
                      {{"C1.1", "3", "kept «ünïcode» 中文", "", 0}, {"C1.2", "DK", "", "", 0}}, 0);
    ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  }
  ASSERT_TRUE(s.SetTargets(round.value().id, {{"C", 70}}, "t").ok());
}

class Backup : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-backup-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "meter.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Every table's schema and rows, as sqlite3 prints them.
  std::string Dump(const fs::path& file) {
    const fs::path out = dir_ / "dump.sql";
    const std::string command = "sqlite3 '" + file.string() + "' .dump > '" + out.string() + "'";
    EXPECT_EQ(std::system(command.c_str()), 0);
    return testing::ReadText(out);
  }
  int Meter(const std::string& args, std::string& out) { return testing::RunMeter(args, "", out); }
  fs::path dir_;
  std::string db_;
};

TEST_F(Backup, ABackupOfAnOpenDatabaseRestoresExactlyThatState) {
  auto store = OpenStore(db_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  FillStore(*store.value(), "before");
  const std::string at_backup = Dump(dir_ / "meter.db");
  const fs::path file = dir_ / "meter.backup";
  std::string out;
  // The store stays open with its connections while the backup runs: an online backup.
  ASSERT_EQ(Meter("backup --db " + db_ + " --out " + file.string(), out), 0) << out;
  EXPECT_THAT(out, HasSubstr(file.string()));
  EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
  EXPECT_EQ(Dump(file), at_backup) << "the backup is the database as it was";

  FillStore(*store.value(), "after");
  store.value().reset();
  ASSERT_NE(Dump(dir_ / "meter.db"), at_backup);
  ASSERT_EQ(Meter("restore --db " + db_ + " --from " + file.string(), out), 0) << out;
  EXPECT_EQ(Dump(dir_ / "meter.db"), at_backup) << "everything is back, nothing more";
  auto reopened = OpenStore(db_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  EXPECT_EQ(reopened.value()->ListRounds(std::nullopt).value().size(), 1u);
}

TEST_F(Backup, RestoreRefusesAFileThatIsNotAMeterBackupAndChangesNothing) {
  {
    auto store = OpenStore(db_);
    ASSERT_TRUE(store.ok());
    FillStore(*store.value(), "kept");
  }
  const std::string before = Dump(dir_ / "meter.db");
  std::ofstream(dir_ / "notes.txt") << "this is not a database\n";
  std::string out;
  EXPECT_EQ(Meter("restore --db " + db_ + " --from " + (dir_ / "notes.txt").string(), out), 2);
  EXPECT_THAT(out, HasSubstr("notes.txt: this is not a METER database"));
  EXPECT_EQ(Meter("restore --db " + db_ + " --from " + (dir_ / "missing.backup").string(), out), 3);
  EXPECT_THAT(out, HasSubstr("missing.backup"));
  // Another application's SQLite database.
  const std::string other = "sqlite3 '" + (dir_ / "other.db").string() +
                            "' \"CREATE TABLE notes (id INTEGER, text TEXT); INSERT INTO notes "
                            "VALUES (1, 'x')\"";
  ASSERT_EQ(std::system(other.c_str()), 0);
  EXPECT_EQ(Meter("restore --db " + db_ + " --from " + (dir_ / "other.db").string(), out), 2);
  EXPECT_THAT(out, HasSubstr("other.db: this is not a METER database"));
  EXPECT_EQ(Dump(dir_ / "meter.db"), before);
}

TEST_F(Backup, RestoreRefusesABackupFromANewerMeter) {
  {
    auto store = OpenStore(db_);
    ASSERT_TRUE(store.ok());
    FillStore(*store.value(), "kept");
  }
  const fs::path file = dir_ / "meter.backup";
  std::string out;
  ASSERT_EQ(Meter("backup --db " + db_ + " --out " + file.string(), out), 0) << out;
  const std::string bump = "sqlite3 '" + file.string() +
                           "' \"INSERT INTO meter_schema (version, applied_at) VALUES (999, 0)\"";
  ASSERT_EQ(std::system(bump.c_str()), 0);
  const std::string before = Dump(dir_ / "meter.db");
  EXPECT_EQ(Meter("restore --db " + db_ + " --from " + file.string(), out), 5);
  EXPECT_THAT(out, HasSubstr("newer METER"));
  EXPECT_EQ(Dump(dir_ / "meter.db"), before);
}

TEST_F(Backup, ABackupThatCannotBeWrittenExits3AndLeavesNoFile) {
  {
    auto store = OpenStore(db_);
    ASSERT_TRUE(store.ok());
  }
  const fs::path file = dir_ / "no-such-dir" / "meter.backup";
  std::string out;
  EXPECT_EQ(Meter("backup --db " + db_ + " --out " + file.string(), out), 3);
  EXPECT_THAT(out, HasSubstr(file.string()));
  EXPECT_FALSE(fs::exists(dir_ / "no-such-dir"));
}

// The permission bits of a file.
fs::perms ModeOf(const fs::path& file) { return fs::status(file).permissions() & fs::perms::mask; }

// `meter backup` under the most permissive umask (0): the file's mode must not come from it.
int BackupUnderUmask0(const std::string& db, const fs::path& file, std::string& out) {
  const mode_t before = ::umask(0);
  const int code = testing::RunMeter("backup --db '" + db + "' --out " + file.string(), "", out);
  ::umask(before);
  return code;
}

// A backup holds password and session hashes: readable and writable by its owner only.
TEST_F(Backup, ABackupIsReadableByItsOwnerOnly) {
  {
    auto store = OpenStore(db_);
    ASSERT_TRUE(store.ok());
    FillStore(*store.value(), "kept");
  }
  std::string out;
  ASSERT_EQ(BackupUnderUmask0(db_, dir_ / "meter.backup", out), 0) << out;
  EXPECT_EQ(ModeOf(dir_ / "meter.backup"), fs::perms::owner_read | fs::perms::owner_write);
}

// `meter migrate` and `meter restore` warn while another process (here this test's open store)
// has the database open, and do not when none has.
TEST_F(Backup, MigrateAndRestoreWarnWhileAnotherProcessHasTheDatabaseOpen) {
  const fs::path file = dir_ / "meter.backup";
  std::string out;
  const std::string warning = "warning: another process (pid " + std::to_string(::getpid()) + ")";
  {
    auto store = OpenStore(db_);
    ASSERT_TRUE(store.ok());
    FillStore(*store.value(), "kept");
    ASSERT_EQ(Meter("backup --db " + db_ + " --out " + file.string(), out), 0) << out;
    EXPECT_EQ(Meter("migrate --db " + db_, out), 0) << out;
    EXPECT_THAT(out, HasSubstr(warning));
    EXPECT_EQ(Meter("restore --db " + db_ + " --from " + file.string(), out), 0) << out;
    EXPECT_THAT(out, HasSubstr(warning));
  }
  EXPECT_EQ(Meter("migrate --db " + db_, out), 0) << out;
  EXPECT_THAT(out, Not(HasSubstr("warning")));
  EXPECT_EQ(Meter("restore --db " + db_ + " --from " + file.string(), out), 0) << out;
  EXPECT_THAT(out, Not(HasSubstr("warning")));
}

// PostgreSQL: `meter backup` through pg_dump while the store is open, `meter restore` through
// pg_restore; the URL carries a password full of special characters, which must reach the programs
// (and never their command line, where `ps` would show it).
TEST(BackupPostgres, ABackupOfAnOpenDatabaseRestoresExactlyThatState) {
  testing::PgServer& pg = testing::PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  const std::string database = pg.CreateDatabase();
  ASSERT_FALSE(database.empty());
  const std::string url = pg.TcpUrl(database);
  const fs::path dir =
      fs::temp_directory_path() / ("meter-pg-backup-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    auto store = OpenStore(url);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    FillStore(*store.value(), "before");
    const testing::DatabaseContents at_backup = testing::ContentsOf(testing::OnPg(database));
    std::string out;
    ASSERT_EQ(testing::RunMeter("backup --db '" + url + "' --out " + (dir / "pg.backup").string(),
                                "", out),
              0)
        << out;
    EXPECT_THAT(out, Not(HasSubstr(testing::PgServer::kPassword)));
    FillStore(*store.value(), "after");
    store.value().reset();
    ASSERT_NE(testing::ContentsOf(testing::OnPg(database)), at_backup);
    ASSERT_EQ(testing::RunMeter("restore --db '" + url + "' --from " + (dir / "pg.backup").string(),
                                "", out),
              0)
        << out;
    EXPECT_EQ(testing::ContentsOf(testing::OnPg(database)), at_backup)
        << "everything is back, nothing more";
    EXPECT_EQ(testing::Count(testing::OnPg(database), "SELECT COUNT(*) FROM rounds"), 1);
    std::ofstream(dir / "notes.txt") << "this is not a backup\n";
    EXPECT_EQ(testing::RunMeter("restore --db '" + url + "' --from " + (dir / "notes.txt").string(),
                                "", out),
              2);
    EXPECT_THAT(out, HasSubstr("notes.txt: this is not a METER backup"));
    EXPECT_EQ(testing::ContentsOf(testing::OnPg(database)), at_backup) << "nothing changed";
  }
  fs::remove_all(dir);
  pg.DropDatabase(database);
}

// A PostgreSQL database of the test server for one test: made fresh, dropped at the end, with a
// folder for its files.
class PgDatabase {
 public:
  PgDatabase() : pg_(testing::PgServer::Get()) {
    if (!pg_.running()) return;
    name_ = pg_.CreateDatabase();
    dir_ =
        fs::temp_directory_path() / ("meter-pg-backup-" + std::to_string(::getpid()) + "-" + name_);
    fs::create_directories(dir_);
  }
  ~PgDatabase() {
    if (name_.empty()) return;
    fs::remove_all(dir_);
    pg_.DropDatabase(name_);
  }
  bool ok() const { return !name_.empty(); }
  std::string url() const { return pg_.TcpUrl(name_); }
  std::string where() const { return testing::OnPg(name_); }
  const fs::path& dir() const { return dir_; }
  // Runs SQL in the database; fails the test when it fails.
  void Sql(const std::string& statement) {
    auto done = pg_.Query(name_, statement);
    ASSERT_TRUE(done.ok()) << done.error().ToString();
  }
  // Every row of every METER table, and every relation and schema in the database: exactly what
  // it holds, for "as it was" comparisons.
  std::pair<testing::DatabaseContents, std::string> Everything() {
    auto relations = pg_.Query(
        name_,
        "SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind, ' ' ORDER BY 1) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN "
        "('pg_catalog', 'information_schema', 'pg_toast')");
    auto schemas = pg_.Query(name_, "SELECT string_agg(nspname, ' ' ORDER BY 1) FROM pg_namespace");
    return {testing::ContentsOf(where()), relations.ok() && schemas.ok()
                                              ? relations.value() + " | " + schemas.value()
                                              : "cannot read"};
  }
  int Meter(const std::string& args, std::string& out) { return testing::RunMeter(args, "", out); }

 private:
  testing::PgServer& pg_;
  std::string name_;
  fs::path dir_;
};

// A METER installation with data on PostgreSQL.
void FillPg(PgDatabase& db, const std::string& title) {
  auto store = OpenStore(db.url());
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  FillStore(*store.value(), title);
}

// The archive of a database that is not METER's (here with a schema of its own too) is refused
// from the archive alone: the METER database keeps every row, relation and schema.
TEST(BackupPostgres, RestoreRefusesTheArchiveOfAnotherDatabaseBeforeTouchingAnything) {
  testing::PgServer& pg = testing::PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  PgDatabase meter, other;
  ASSERT_TRUE(meter.ok() && other.ok());
  FillPg(meter, "kept");
  other.Sql(
      "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC); INSERT INTO invoices "
      "VALUES (1, 9.5); CREATE SCHEMA accounting; CREATE TABLE accounting.ledger (x INT)");
  const fs::path dump = other.dir() / "other.dump";
  std::string out;
  ASSERT_EQ(other.Meter("backup --db '" + other.url() + "' --out " + dump.string(), out), 0) << out;
  const auto before = meter.Everything();
  EXPECT_EQ(meter.Meter("restore --db '" + meter.url() + "' --from " + dump.string(), out), 2)
      << out;
  EXPECT_THAT(out, HasSubstr("other.dump: this is not a METER backup"));
  EXPECT_EQ(meter.Everything(), before) << "nothing added, nothing changed";
}

// A backup of a newer schema is refused before anything is touched, and a restore that fails half
// way (the archive holds a function the database has too) is undone: either way the database holds
// exactly what it held — rows, relations and schemas.
TEST(BackupPostgres, ARefusedOrFailedRestoreLeavesTheDatabaseExactlyAsItWas) {
  testing::PgServer& pg = testing::PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  PgDatabase target, newer, clashing;
  ASSERT_TRUE(target.ok() && newer.ok() && clashing.ok());
  FillPg(target, "kept");
  target.Sql("CREATE FUNCTION meter_probe() RETURNS INT LANGUAGE sql AS 'SELECT 1'");
  FillPg(newer, "newer");
  newer.Sql("INSERT INTO meter_schema (version, applied_at) VALUES (" +
            std::to_string(LatestSchemaVersion() + 1) +
            ", 0); CREATE TABLE newer_feature (id INT)");
  FillPg(clashing, "clashing");
  clashing.Sql("CREATE FUNCTION meter_probe() RETURNS INT LANGUAGE sql AS 'SELECT 2'");
  std::string out;
  const fs::path newer_dump = newer.dir() / "newer.dump", clashing_dump = clashing.dir() / "c.dump";
  ASSERT_EQ(newer.Meter("backup --db '" + newer.url() + "' --out " + newer_dump.string(), out), 0);
  ASSERT_EQ(
      clashing.Meter("backup --db '" + clashing.url() + "' --out " + clashing_dump.string(), out),
      0);
  const auto before = target.Everything();

  EXPECT_EQ(target.Meter("restore --db '" + target.url() + "' --from " + newer_dump.string(), out),
            5)
      << out;
  EXPECT_THAT(out, HasSubstr("newer METER"));
  EXPECT_EQ(target.Everything(), before) << "a refused restore changes nothing";

  EXPECT_EQ(
      target.Meter("restore --db '" + target.url() + "' --from " + clashing_dump.string(), out), 3)
      << out;
  EXPECT_THAT(out, HasSubstr("the restore failed and was undone"));
  EXPECT_EQ(target.Everything(), before) << "a failed restore changes nothing";
  auto store = OpenStore(target.url());
  ASSERT_TRUE(store.ok()) << "METER still starts: " << store.error().ToString();
}

// pg_dump's archive is private too (it holds the same hashes).
TEST(BackupPostgres, ABackupIsReadableByItsOwnerOnly) {
  testing::PgServer& pg = testing::PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  PgDatabase db;
  ASSERT_TRUE(db.ok());
  FillPg(db, "kept");
  std::string out;
  ASSERT_EQ(BackupUnderUmask0(db.url(), db.dir() / "pg.backup", out), 0) << out;
  EXPECT_EQ(ModeOf(db.dir() / "pg.backup"), fs::perms::owner_read | fs::perms::owner_write);
}

// `meter migrate` and `meter restore` count the other METER connections (here this test's open
// store, a pool of 4) and warn; without them, no warning.
TEST(BackupPostgres, MigrateAndRestoreWarnWhileMeterConnectionsAreOpen) {
  testing::PgServer& pg = testing::PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  PgDatabase db;
  ASSERT_TRUE(db.ok());
  const fs::path file = db.dir() / "pg.backup";
  std::string out;
  {
    auto store = OpenStore(db.url(), {.pool_size = 4});
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    FillStore(*store.value(), "kept");
    ASSERT_EQ(db.Meter("backup --db '" + db.url() + "' --out " + file.string(), out), 0) << out;
    EXPECT_EQ(db.Meter("migrate --db '" + db.url() + "'", out), 0) << out;
    EXPECT_THAT(out, HasSubstr("warning: 4 other METER connections are open"));
    EXPECT_EQ(db.Meter("restore --db '" + db.url() + "' --from " + file.string(), out), 0) << out;
    EXPECT_THAT(out, HasSubstr("warning: 4 other METER connections are open"));
  }
  EXPECT_EQ(db.Meter("migrate --db '" + db.url() + "'", out), 0) << out;
  EXPECT_THAT(out, Not(HasSubstr("warning")));
}

// A backup restores only to the engine it was made on; the other engine's backup is refused with
// a pointer to `meter copy`, and the database is left as it was, in both directions.
TEST(BackupPostgres, ABackupOfTheOtherEngineIsRefusedWithAPointerToMeterCopy) {
  testing::PgServer& pg = testing::PgServer::Get();
  ASSERT_TRUE(pg.running()) << pg.failure();
  PgDatabase db;
  ASSERT_TRUE(db.ok());
  FillPg(db, "on postgresql");
  const std::string lite = "sqlite:" + (db.dir() / "meter.db").string();
  {
    auto store = OpenStore(lite);
    ASSERT_TRUE(store.ok());
    FillStore(*store.value(), "on sqlite");
  }
  const fs::path pg_backup = db.dir() / "pg.backup", lite_backup = db.dir() / "sqlite.backup";
  std::string out;
  ASSERT_EQ(db.Meter("backup --db '" + db.url() + "' --out " + pg_backup.string(), out), 0) << out;
  ASSERT_EQ(db.Meter("backup --db " + lite + " --out " + lite_backup.string(), out), 0) << out;
  const auto pg_before = db.Everything();
  const auto lite_before = testing::ContentsOf(lite);

  EXPECT_EQ(db.Meter("restore --db '" + db.url() + "' --from " + lite_backup.string(), out), 2)
      << out;
  EXPECT_THAT(out, HasSubstr("this is a backup of a SQLite database, and a backup restores only "
                             "to the engine it was made on, not to PostgreSQL"));
  EXPECT_THAT(out, HasSubstr("meter copy"));
  EXPECT_EQ(db.Meter("restore --db " + lite + " --from " + pg_backup.string(), out), 2) << out;
  EXPECT_THAT(out, HasSubstr("this is a backup of a PostgreSQL database, and a backup restores "
                             "only to the engine it was made on, not to SQLite"));
  EXPECT_THAT(out, HasSubstr("meter copy"));
  EXPECT_EQ(db.Everything(), pg_before);
  EXPECT_EQ(testing::ContentsOf(lite), lite_before);
}

}  // namespace
}  // namespace meter
