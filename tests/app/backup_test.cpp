// `meter backup` and `meter restore` on SQLite: a backup taken while the database is open and in
// use is one consistent state, and restoring it brings back exactly that state (compared table by
// table with sqlite3's .dump); bad backups are refused and leave the database as it was.
#include <gmock/gmock.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

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
    ASSERT_TRUE(
        s.SaveAnswers(added.value().id,
                      {{"C1.1", "3", "kept «ünïcode» 中文", "", 0}, {"C1.2", "DK", "", "", 0}}, 0)
            .ok());
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
              3);
    EXPECT_THAT(out, HasSubstr("pg_restore failed"));
    EXPECT_EQ(testing::ContentsOf(testing::OnPg(database)), at_backup) << "nothing changed";
  }
  fs::remove_all(dir);
  pg.DropDatabase(database);
}

}  // namespace
}  // namespace meter
