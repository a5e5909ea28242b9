// Issue 15, what an operator runs: `meter --version`, the configuration file and METER_*
// variables under the command line (`meter config check`), the database password from a file,
// and `meter user list|disable|enable`. Each runs the real binary on a real SQLite file.
#include <gmock/gmock.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sql_store.h"
#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Outcome;

class OperatorCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-ops-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "meter.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `meter ARGS` with METER_CONFIG unset, under `env` ("METER_X=1 …") when given.
  Outcome Meter(const std::string& args, const std::string& env = "", const std::string& in = "") {
    return testing::RunMeterIn(dir_, args, in, "env -u METER_CONFIG " + env);
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(OperatorCli, VersionNamesReleaseSchemaAndBuild) {
  const Outcome r = Meter("--version");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::MatchesRegex("meter [0-9]+\\.[0-9]+\\.[0-9]+ \\(schema " +
                                             std::to_string(LatestSchemaVersion()) +
                                             ", build [^ )]+\\)\n"));
}

TEST_F(OperatorCli, CheckPrintsTheEffectiveConfigurationWithItsSources) {
  const std::string file = Write("meter.yaml",
                                 "# a comment\n"
                                 "db: postgresql://meter:hunter2@db.example.org/meter\n"
                                 "serve:\n"
                                 "  threads: 3\n"
                                 "  smtp_password_file: /etc/meter/smtp-password\n");
  const Outcome r = Meter("config check " + file, "METER_LISTEN=127.0.0.1:9090");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("# " + file + ": no problems found"));
  EXPECT_THAT(r.out, HasSubstr("  threads: 3  # " + file + ":4\n"));
  EXPECT_THAT(r.out, HasSubstr("  listen: 127.0.0.1:9090  # METER_LISTEN\n"));
  EXPECT_THAT(r.out, HasSubstr("  score_cache_mb: 64  # default\n"));
  EXPECT_THAT(r.out,
              HasSubstr("  db: postgresql://meter@db.example.org/meter  # " + file + ":2\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("hunter2")));
}

TEST_F(OperatorCli, CheckReportsEveryProblemAtItsLine) {
  const std::string file = Write("bad.yaml",
                                 "dbx: 1\n"
                                 "serve:\n"
                                 "  threads: many\n"
                                 "  listen: [a, b]\n"
                                 "  demo: maybe\n"
                                 "  knowledge_check: 90000\n"
                                 "migrate: 3\n"
                                 "user:\n"
                                 "  add:\n"
                                 "    role: king\n");
  const Outcome r = Meter("config check " + file);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr(file + ":1: unknown key 'dbx'"));
  EXPECT_THAT(r.err, HasSubstr(file + ":3: 'threads': --threads: Value many not in range"));
  EXPECT_THAT(r.err, HasSubstr(file + ":4: 'listen' takes one value, not a map or a list"));
  EXPECT_THAT(r.err, HasSubstr(file + ":5: 'demo': Could not convert: --demo = maybe"));
  EXPECT_THAT(r.err, HasSubstr(file + ":6: 'knowledge_check'"));
  EXPECT_THAT(r.err, HasSubstr(file + ":7: 'migrate' is a command"));
  EXPECT_THAT(r.err, HasSubstr(file + ":10: 'role': --role: king not in"));
  EXPECT_EQ(Meter("config check " + Write("broken.yaml", "a: [\n")).err,
            (dir_ / "broken.yaml").string() +
                ":2: not valid YAML: did not find expected node content while parsing a flow "
                "node that starts at 2:1\n");
  // yaml-cpp let the last of two equal keys win, silently; they are refused now.
  EXPECT_EQ(Meter("config check " + Write("twice.yaml", "db: x\ndb: y\n")).err,
            (dir_ / "twice.yaml").string() +
                ":2: the key 'db' is given twice in this mapping (first at 1:1)\n");
  EXPECT_EQ(Meter("config check " + Write("latin1.yaml", "serve:\n  threads: \xff\n")).err,
            (dir_ / "latin1.yaml").string() + ":2: not valid YAML: invalid leading UTF-8 octet\n");
  EXPECT_EQ(Meter("config check " + (dir_ / "none.yaml").string()).code, 3);
}

// The command line over the environment over the file over the default, seen in what `migrate`
// touches: the database it is given.
TEST_F(OperatorCli, CommandLineBeatsEnvironmentBeatsFile) {
  const std::string file_db = "sqlite:" + (dir_ / "file.db").string();
  const std::string env_db = "sqlite:" + (dir_ / "env.db").string();
  const std::string cli_db = "sqlite:" + (dir_ / "cli.db").string();
  const std::string config = Write("meter.yaml", "db: " + file_db + "\n");
  EXPECT_THAT(Meter("--config " + config + " migrate").out, HasSubstr("file.db: migrated"));
  EXPECT_THAT(Meter("--config " + config + " migrate", "METER_DB=" + env_db).out,
              HasSubstr("env.db: migrated"));
  EXPECT_THAT(Meter("--config " + config + " migrate --db " + cli_db, "METER_DB=" + env_db).out,
              HasSubstr("cli.db: migrated"));
  // METER_CONFIG names the file when --config does not.
  EXPECT_THAT(testing::RunMeterIn(dir_, "migrate", "", "env METER_CONFIG=" + config).out,
              HasSubstr("file.db: schema version"));
  // A section wins over the top for its command only.
  const std::string sectioned =
      Write("s.yaml", "db: " + file_db + "\nmigrate:\n  db: " + env_db + "\n");
  EXPECT_THAT(Meter("--config " + sectioned + " migrate").out, HasSubstr("env.db: schema"));
  // A bad environment value is named by its variable.
  const Outcome bad = Meter("serve", "METER_THREADS=0");
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("METER_THREADS: the environment's value is refused: --threads"));
}

// A required option may come from the environment; missing everywhere, it is still required.
TEST_F(OperatorCli, RequiredOptionsFromTheEnvironment) {
  const Outcome added = Meter("user add --role expert", "METER_EMAIL=e@example.org METER_DB=" + db_,
                              "a long enough passphrase 7\n");
  ASSERT_EQ(added.code, 0) << added.err;
  const Outcome missing = Meter("user add --role expert --db " + db_);
  EXPECT_EQ(missing.code, 64);
  EXPECT_THAT(missing.err, HasSubstr("--email is required"));
}

TEST_F(OperatorCli, DatabasePasswordFileMustBePrivate) {
  const std::string secret = Write("db-password", "s3cret\n");
  ::chmod(secret.c_str(), 0644);
  const Outcome open = Meter("--db-password-file " + secret + " migrate --db " + db_);
  EXPECT_EQ(open.code, 2);
  EXPECT_THAT(open.err, HasSubstr(secret + ": every user of this machine may read"));
  ::chmod(secret.c_str(), 0600);
  EXPECT_EQ(Meter("--db-password-file " + secret + " migrate --db " + db_).code, 0);
  const std::string empty = Write("empty", "\n");
  ::chmod(empty.c_str(), 0600);
  EXPECT_THAT(Meter("--db-password-file " + empty + " migrate --db " + db_).err,
              HasSubstr("the first line of the password file is empty"));
}

TEST_F(OperatorCli, UserListDisableEnable) {
  const std::string pw = "a long enough passphrase 7\n";
  ASSERT_EQ(Meter("user add --email a@example.org --role admin --db " + db_, "", pw).code, 0);
  ASSERT_EQ(Meter("user add --email c@example.org --name 'Chloé C' --role coordinator "
                  "--country FRA --country DEU --db " +
                      db_,
                  "", pw)
                .code,
            0);
  EXPECT_EQ(Meter("user list --db " + db_).out,
            "a@example.org\tadmin\tenabled\t-\ta@example.org\n"
            "c@example.org\tcoordinator\tenabled\tDEU,FRA\tChloé C\n");
  const Outcome off = Meter("user disable --email c@example.org --db " + db_);
  EXPECT_EQ(off.code, 0) << off.err;
  EXPECT_THAT(Meter("user list --db " + db_).out,
              HasSubstr("c@example.org\tcoordinator\tdisabled"));
  auto store = OpenStore(db_);
  ASSERT_TRUE(store);
  EXPECT_TRUE(store.value()->FindUserByEmail("c@example.org").value().disabled);
  EXPECT_EQ(Meter("user enable --email c@example.org --db " + db_).code, 0);
  EXPECT_FALSE(store.value()->FindUserByEmail("c@example.org").value().disabled);
  const Outcome unknown = Meter("user disable --email nobody@example.org --db " + db_);
  EXPECT_EQ(unknown.code, 4);
  EXPECT_THAT(unknown.err,
              HasSubstr("--email: no user has the e-mail address 'nobody@example.org'"));
}

}  // namespace
}  // namespace meter
