// Issue 15, upgrades: a database of the previous schema, filled in every table, goes through
// `meter migrate` and keeps every row; and the rolling-upgrade rule (store/migrations.h): a node
// runs on a newer schema only when every migration beyond its own is additive, and a running node
// keeps saving through additive migrations only.
#include <gmock/gmock.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "store/db_contents.h"
#include "store/migrations.h"
#include "store/sql_store.h"
#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class Upgrade : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-upgrade-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "meter.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Three rows in every table of the database, made from the columns' declared types (foreign
  // keys are not enforced on this connection, so the rows need not point anywhere).
  void FillEveryTable() {
    auto sql = testing::Open(db_);
    std::vector<std::string> tables;
    soci::rowset<std::string> names =
        (sql->prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                         "'sqlite_%' AND name NOT LIKE 'knowledge_fts_%' AND name <> "
                         "'meter_schema'");
    for (const std::string& n : names) tables.push_back(n);
    ASSERT_GT(tables.size(), 20u);
    for (const std::string& table : tables) {
      std::vector<std::pair<std::string, std::string>> columns;  // name, type
      soci::rowset<soci::row> info = (sql->prepare << "PRAGMA table_info(" + table + ")");
      for (const soci::row& r : info) {
        columns.emplace_back(r.get<std::string>(1), r.get<std::string>(2));
      }
      for (int i = 1; i <= 3; ++i) {
        std::string names_list, values;
        for (const auto& [name, type] : columns) {
          names_list += (names_list.empty() ? "" : ", ") + name;
          std::string value = "'" + table + "-" + name + "-" + std::to_string(i) + "'";
          if (type.find("INT") != std::string::npos) value = std::to_string(i * 7);
          if (type.find("DOUBLE") != std::string::npos) value = std::to_string(i) + ".25";
          values += (values.empty() ? "" : ", ") + value;
        }
        *sql << "INSERT INTO " + table + " (" + names_list + ") VALUES (" + values + ")";
      }
      ++filled_;
    }
  }

  // `row` ("a=1|b=x") without the columns that `before` ("a=1") lacks.
  static std::string Project(const std::string& row, const std::set<std::string>& columns) {
    std::string out;
    std::stringstream in(row);
    for (std::string field; std::getline(in, field, '|');) {
      if (columns.count(field.substr(0, field.find('=')))) out += (out.empty() ? "" : "|") + field;
    }
    return out;
  }
  // The columns of `row`, without the knowledge base's search documents: METER remakes those
  // from the texts when it migrates (sql_knowledge.cpp), so they are derived, not kept.
  static std::set<std::string> ColumnsOf(const std::string& row) {
    std::set<std::string> out;
    std::stringstream in(row);
    for (std::string field; std::getline(in, field, '|');) {
      const std::string column = field.substr(0, field.find('='));
      if (column.rfind("search", 0) != 0) out.insert(column);
    }
    return out;
  }

  // Adds a migration of a later release to the database's record, as its METER would have.
  void RecordLaterMigration(int version, bool additive) {
    auto sql = testing::Open(db_);
    *sql << "CREATE TABLE later_" + std::to_string(version) + " (x INTEGER)";
    *sql << "INSERT INTO meter_schema (version, applied_at, additive) VALUES (" +
                std::to_string(version) + ", 0, " + (additive ? "1" : "0") + ")";
  }

  fs::path dir_;
  std::string db_;
  int filled_ = 0;
};

TEST_F(Upgrade, EveryRowOfThePreviousSchemaSurvivesMeterMigrate) {
  const std::vector<Migration>& all = Migrations();
  const int previous = all[all.size() - 2].version;
  ASSERT_TRUE(MigrateDatabase(db_, previous));
  FillEveryTable();
  const testing::DatabaseContents before = testing::ContentsOf(db_);

  const testing::Outcome r = testing::RunMeterIn(dir_, "migrate --db " + db_);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, db_ + ": migrated from schema version " + std::to_string(previous) + " to " +
                       std::to_string(LatestSchemaVersion()) + "\n");

  const testing::DatabaseContents after = testing::ContentsOf(db_);
  size_t rows = 0;
  for (const auto& [table, old_rows] : before) {
    ASSERT_TRUE(after.count(table)) << table;
    ASSERT_EQ(after.at(table).size(), old_rows.size()) << table;
    for (const std::string& old_row : old_rows) {
      const std::set<std::string> columns = ColumnsOf(old_row);
      const std::string old_kept = Project(old_row, columns);
      const bool kept =
          std::any_of(after.at(table).begin(), after.at(table).end(),
                      [&](const std::string& r) { return Project(r, columns) == old_kept; });
      EXPECT_TRUE(kept) << table << ": lost " << old_kept;
      ++rows;
    }
  }
  EXPECT_GT(rows, 60u);  // the comparison saw the rows it should
  EXPECT_GT(filled_, 20);
}

TEST_F(Upgrade, ANodeRunsOnANewerSchemaOnlyWhenEveryLaterMigrationIsAdditive) {
  auto running = OpenStore(db_);
  ASSERT_TRUE(running) << running.error().ToString();
  const int mine = LatestSchemaVersion();

  RecordLaterMigration(mine + 1, true);
  auto second = OpenStore(db_);
  EXPECT_TRUE(second) << second.error().ToString();
  // The node that was running before the newer release migrated keeps saving.
  User user{0, "a@example.org", "A", Role::kExpert, {}, "x", false, 0};
  EXPECT_TRUE(running.value()->CreateUser(user, "test"));

  RecordLaterMigration(mine + 2, false);
  auto refused = OpenStore(db_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().ToString(),
              HasSubstr("has schema version " + std::to_string(mine + 2) +
                        ", newer than this METER knows (" + std::to_string(mine) +
                        "), and its migrations " + std::to_string(mine + 2) + " are not additive"));
  user.email = "b@example.org";
  auto save = running.value()->CreateUser(user, "test");
  ASSERT_FALSE(save);
  EXPECT_EQ(save.error().code, ErrorCode::kUnavailable);
  // `meter migrate` of this release refuses it too, and says why.
  const testing::Outcome r = testing::RunMeterIn(dir_, "migrate --db " + db_);
  EXPECT_EQ(r.code, 5);
  EXPECT_THAT(r.err, HasSubstr("are not additive"));
}

TEST_F(Upgrade, EveryMigrationIsMarkedAndTheRecordKeepsTheMark) {
  ASSERT_TRUE(MigrateDatabase(db_));
  const long long additive =
      testing::Count(db_, "SELECT additive FROM meter_schema WHERE version = " +
                              std::to_string(LatestSchemaVersion()));
  EXPECT_EQ(additive, Migrations().back().additive ? 1 : 0);
}

}  // namespace
}  // namespace meter
