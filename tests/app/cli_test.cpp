// The `meter` executable, run as a user runs it: exit codes, what goes to stdout and stderr, and
// that a failure prints nothing on stdout (all or nothing).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/pg_server.h"
#include "store/sql_store.h"
#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using testing::Outcome;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `meter ARGS`, through `wrapper` (a command such as `timeout 60`) when given.
  Outcome Meter(const std::string& args, const std::string& wrapper = "") {
    return testing::RunMeterIn(dir_, args, "", wrapper);
  }
  fs::path Write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  fs::path dir_;
  const std::string v2_ = "content/instruments/meter-2.0.yaml";
  const std::string sample_ =
      "--answers content/samples/aurelia-2026-answers.csv --groups "
      "content/samples/aurelia-2026-groups.csv";
};

TEST_F(Cli, ValidateAcceptsTheBundledInstruments) {
  const Outcome r = Meter(
      "instrument validate content/instruments/meter-2.0.yaml "
      "content/instruments/meter-3.0.yaml");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("meter-2.0.yaml: valid, meter 2.0; pillars: 5,"));
  EXPECT_THAT(r.out, HasSubstr("meter 3.0; pillars: 6,"));
}

TEST_F(Cli, ValidatePrintsEveryProblemAndExits2) {
  const Outcome r =
      Meter("instrument validate tests/golden/instruments/bad/pillar-id-not-a-letter.yaml " + v2_);
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(
      r.err,
      HasSubstr("pillar-id-not-a-letter.yaml:16:9: pillar ID 'Com' must be one capital letter"));
  EXPECT_THAT(r.err, HasSubstr("sub-area ID 'C2' does not belong to pillar 'Com'"));
  EXPECT_THAT(r.out, HasSubstr("meter-2.0.yaml: valid"));  // the good file is still checked
}

TEST_F(Cli, AMissingFileExits3) {
  const Outcome r = Meter("instrument validate no/such/file.yaml");
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err,
              HasSubstr("no/such/file.yaml: cannot open the file: No such file or directory"));
}

TEST_F(Cli, UsageErrorsExit64) {
  EXPECT_EQ(Meter("score --instrument " + v2_).code, 64);
  EXPECT_EQ(Meter("frobnicate").code, 64);
  EXPECT_EQ(Meter("score --instrument " + v2_ + " " + sample_ + " --format xml").code, 64);
  EXPECT_EQ(Meter("--help").code, 0);
}

TEST_F(Cli, ShowPrintsTheTreeWithCounts) {
  const Outcome r = Meter("instrument show " + v2_ + " --pillar C");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("C  Commitment  (sub-areas: 4, statements: 34)"));
  EXPECT_THAT(
      r.out, HasSubstr("C2  Commitment to high-quality online service  (17 statements)  after C1"));
  EXPECT_THAT(r.out, HasSubstr("    C1.12  "));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("L1  ")));
  EXPECT_EQ(Meter("instrument show " + v2_ + " --pillar Z").code, 4);
}

TEST_F(Cli, TemplateRoundTripsThroughScore) {
  const Outcome t = Meter("template --instrument " + v2_ + " --respondent me --group Central");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_THAT(
      t.out,
      HasSubstr("respondent,group,statement,answer,comment,statement_text\nme,Central,C1.1,,,"));
  // Fill in every answer with 4: the overall index must then be 100.
  std::string filled;
  std::istringstream lines(t.out);
  for (std::string line; std::getline(lines, line);) {
    const size_t pos = line.find(",,,");
    filled += (pos == std::string::npos ? line : line.replace(pos, 3, ",4,,")) + "\n";
  }
  const fs::path answers = Write("filled.csv", filled);
  const Outcome s =
      Meter("score --instrument " + v2_ + " --answers " + answers.string() + " --format json");
  ASSERT_EQ(s.code, 0) << s.err;
  const auto doc = nlohmann::json::parse(s.out);
  EXPECT_EQ(doc["units"][0]["id"], "overall");
  EXPECT_EQ(doc["units"][0]["score"], 100.0);
}

TEST_F(Cli, ScoreJsonIsTheDocumentedInterface) {
  const Outcome r = Meter("score --instrument " + v2_ + " " + sample_ + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["instrument"]["id"], "meter");
  EXPECT_EQ(doc["instrument"]["version"], "2.0");
  std::map<std::string, int> kinds;
  for (const auto& u : doc["units"]) {
    kinds[u["kind"]]++;
    for (const char* key :
         {"id", "kind", "score", "coverage", "dk_rate", "band", "group_gap", "groups"}) {
      EXPECT_TRUE(u.contains(key)) << u["id"] << " lacks " << key;
    }
    EXPECT_EQ(u["score"].is_null(), u["band"].is_null()) << u["id"];
    if (u["kind"] == "statement") {
      EXPECT_TRUE(u.contains("applicable") && u.contains("sd")) << u["id"];
    } else {
      EXPECT_FALSE(u.contains("applicable")) << u["id"];
    }
  }
  EXPECT_EQ(kinds, (std::map<std::string, int>{
                       {"overall", 1}, {"pillar", 5}, {"subarea", 19}, {"statement", 124}}));
}

TEST_F(Cli, ScoreTableAndCsvAgreeWithJson) {
  const Outcome json = Meter("score --instrument " + v2_ + " " + sample_ + " --format json");
  const Outcome table = Meter("score --instrument " + v2_ + " " + sample_);
  const Outcome csv = Meter("score --instrument " + v2_ + " " + sample_ + " --format csv");
  ASSERT_EQ(table.code, 0) << table.err;
  ASSERT_EQ(csv.code, 0) << csv.err;
  const auto overall = nlohmann::json::parse(json.out)["units"][0];
  char one_decimal[32];
  std::snprintf(one_decimal, sizeof one_decimal, "%.1f", overall["score"].get<double>());
  EXPECT_THAT(table.out, HasSubstr("\noverall    Overall index "));
  EXPECT_THAT(table.out, HasSubstr(one_decimal));
  EXPECT_THAT(csv.out, HasSubstr("instrument,version,id,kind,score,coverage,dk_rate,band,group_gap,"
                                 "group:Central government,group:Agencies,group:Civil society\n"
                                 "meter,2.0,overall,overall,"));
}

TEST_F(Cli, BadAnswersPrintNothingOnStdoutAndExit2) {
  const fs::path answers = Write("bad.csv",
                                 "respondent,group,statement,answer,comment\n"
                                 "r1,G,C1.1,3,\nr1,G,C1.1,4,\nr2,G,X1.1,1,\nr3,G,C1.2,7,\n");
  const Outcome r = Meter("score --instrument " + v2_ + " --answers " + answers.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("bad.csv:3: respondent 'r1' answers statement C1.1 a second time"));
  EXPECT_THAT(r.err, HasSubstr("bad.csv:4: unknown statement 'X1.1'"));
  EXPECT_THAT(r.err, HasSubstr("bad.csv:5: unknown answer '7' for statement C1.2"));
}

TEST_F(Cli, BadGroupsFileExits2) {
  const fs::path groups = Write("groups.csv", "group,weight\nCentral government,-1\n");
  const Outcome r =
      Meter("score --instrument " + v2_ +
            " --answers content/samples/aurelia-2026-answers.csv --groups " + groups.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("groups.csv:2: the weight of group 'Central government' must be a "
                               "number above 0 and at most 1000"));
}

TEST_F(Cli, TemplateToAFileLeavesNoPartialFileOnFailure) {
  const fs::path out = dir_ / "t.csv";
  EXPECT_EQ(Meter("template --instrument " + v2_ + " --out " + out.string()).code, 0);
  EXPECT_THAT(testing::ReadText(out), HasSubstr("C1.1"));
  const Outcome r =
      Meter("template --instrument " + v2_ + " --out " + (dir_ / "missing-dir" / "t.csv").string());
  EXPECT_EQ(r.code, 3);
  EXPECT_FALSE(fs::exists(dir_ / "missing-dir"));
}

TEST_F(Cli, SpeaksTheUserLanguageFromTheCatalogs) {
  const Outcome fr = Meter(
      "--lang fr instrument validate tests/golden/instruments/bad/pillar-id-not-a-letter.yaml");
  EXPECT_EQ(fr.code, 2);
  EXPECT_THAT(fr.err, HasSubstr("pillar-id-not-a-letter.yaml:16:9: l'identifiant de pilier 'Com' "
                                "doit être une seule lettre majuscule"));
  const Outcome zh = Meter("--lang zh score --instrument " + v2_ + " " + sample_);
  EXPECT_EQ(zh.code, 0) << zh.err;
  EXPECT_THAT(zh.out, HasSubstr("总体指数"));
  for (const char* lang : {"ar", "es", "ru"}) {
    const Outcome o =
        Meter(std::string("--lang ") + lang + " score --instrument " + v2_ + " " + sample_);
    EXPECT_EQ(o.code, 0) << lang;
    EXPECT_THAT(o.out, ::testing::Not(HasSubstr("Overall index"))) << lang << " is not translated";
  }
  const Outcome unknown = Meter("--lang xx score --instrument " + v2_ + " " + sample_);
  EXPECT_THAT(unknown.out, HasSubstr("Overall index"));  // English when there is no catalog
}

// A SQLite database with one closed round of METER 2.0: six respondents in the three default groups
// who answered every statement, one of them with a comment, in `year`. Returns the round's ID.
Id CreateClosedRound(const std::string& db_url, int year = 2026) {
  auto store = OpenStore(db_url);
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  if (!store) return 0;
  Store& s = *store.value();
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  auto round = s.CreateRound(
      {"ARM", "Armenia " + std::to_string(year), year, "meter", "2.0", DefaultGroups()}, "t");
  EXPECT_TRUE(round.ok());
  if (!round) return 0;
  const Id id = round.value().id;
  EXPECT_TRUE(s.SetRoundStatus(id, RoundStatus::kOpen, "t").ok());
  const std::vector<RespondentGroup> groups = DefaultGroups();
  for (int i = 0; i < 6; ++i) {
    Respondent r;
    r.round_id = id;
    r.name = "respondent-" + std::to_string(i) + "@example.org";
    r.group = groups[i % groups.size()].name;
    r.token_hash = "token-" + std::to_string(year) + "-" + std::to_string(i);
    auto added = s.AddRespondent(r, "t");
    EXPECT_TRUE(added.ok());
    if (!added) return 0;
    std::vector<AnswerWrite> writes;
    for (const StatementPlace& p : in.statements()) {
      writes.push_back({p.statement->id, std::to_string((i + p.pillar) % 5), "", "", 0});
    }
    if (i == 0) writes[0].comment = "A comment for the report.";
    EXPECT_TRUE(s.SaveAnswers(added.value().id, writes, 0).ok());
  }
  EXPECT_TRUE(s.SetRoundStatus(id, RoundStatus::kClosed, "t").ok());
  return id;
}

TEST_F(Cli, ReportWritesTheRoundAsAPdf) {
  const std::string db = "sqlite:" + (dir_ / "meter.db").string();
  const Id round = CreateClosedRound(db);
  ASSERT_NE(round, 0);
  const fs::path out = dir_ / "report.pdf";
  const Outcome r =
      Meter("report --db " + db + " --round " + std::to_string(round) + " --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(out.string()));
  const std::string pdf = testing::ReadText(out);
  EXPECT_GT(pdf.size(), 10000u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_THAT(pdf.substr(pdf.size() - 8), HasSubstr("%%EOF"));
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path() << " was left";
  }
  // In another language too.
  const Outcome fr = Meter("--lang fr report --db " + db + " --round " + std::to_string(round) +
                           " --out " + (dir_ / "fr.pdf").string());
  EXPECT_EQ(fr.code, 0) << fr.err;
  EXPECT_EQ(testing::ReadText(dir_ / "fr.pdf").substr(0, 5), "%PDF-");
}

// `meter instrument stats` reads only the published rounds of the version asked for (issue 13).
TEST_F(Cli, InstrumentStatsCountOnlyPublishedRoundsOfTheVersion) {
  const std::string db = "sqlite:" + (dir_ / "meter.db").string();
  const Id first = CreateClosedRound(db);
  const Id second = CreateClosedRound(db, 2027);
  ASSERT_NE(first, 0);
  ASSERT_NE(second, 0);
  {
    auto store = OpenStore(db);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->Publish(first, {{"overall", 50}}, "t").ok());
  }
  const std::string stats = "instrument stats --db " + db + " --version 2.0";
  const Outcome one = Meter(stats + " --format json");
  ASSERT_EQ(one.code, 0) << one.err;
  const nlohmann::json doc = nlohmann::json::parse(one.out);
  EXPECT_EQ(doc["rounds"], 1);
  EXPECT_EQ(doc["respondents"], 6);  // the unpublished round's six are not counted
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  ASSERT_EQ(doc["statements"].size(), in.statements().size());
  EXPECT_EQ(doc["statements"][0]["answers"], 6);
  EXPECT_EQ(doc["pillars"].size(), in.pillars.size());

  {
    auto store = OpenStore(db);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->Publish(second, {{"overall", 50}}, "t").ok());
  }
  const Outcome two = Meter(stats + " --format csv");
  ASSERT_EQ(two.code, 0) << two.err;
  EXPECT_THAT(two.out, ::testing::StartsWith("instrument,version,statement,pillar,answers,"));
  EXPECT_THAT(two.out, HasSubstr("meter,2.0,C1.1,C,12,12,"));
  const Outcome table = Meter(stats);
  EXPECT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Published rounds: 2. Respondents: 12."));
  EXPECT_THAT(table.out, HasSubstr("Cronbach's alpha"));

  // An instrument the installation does not have: exit 4, naming the option.
  const Outcome unknown = Meter("instrument stats --db " + db + " --version 9.9");
  EXPECT_EQ(unknown.code, 4);
  EXPECT_THAT(unknown.err, HasSubstr("--version: the installation has no instrument meter 9.9"));
}

TEST_F(Cli, ReportOfAnUnknownRoundExits4AndWritesNothing) {
  const std::string db = "sqlite:" + (dir_ / "meter.db").string();
  ASSERT_NE(CreateClosedRound(db), 0);
  const fs::path out = dir_ / "report.pdf";
  const Outcome r = Meter("report --db " + db + " --round 999 --out " + out.string());
  EXPECT_EQ(r.code, 4);
  EXPECT_THAT(r.err, HasSubstr("--round: there is no round 999"));
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(Cli, ReportToAnUnwritablePathExits3NamingIt) {
  const std::string db = "sqlite:" + (dir_ / "meter.db").string();
  const Id round = CreateClosedRound(db);
  const fs::path out = dir_ / "missing-dir" / "report.pdf";
  const Outcome r =
      Meter("report --db " + db + " --round " + std::to_string(round) + " --out " + out.string());
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr(out.string() + ": cannot write the file"));
  EXPECT_FALSE(fs::exists(dir_ / "missing-dir"));
}

// A TCP port on 127.0.0.1 that nothing listens on.
std::string UnusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);  // bound but never listening, and now closed: connections are refused
  return std::to_string(ntohs(address.sin_port));
}

TEST_F(Cli, MigrateReportsTheSchemaVersionAndASecondRunDoesNothing) {
  const std::string db = "sqlite:" + (dir_ / "meter.db").string();
  const std::string latest = std::to_string(LatestSchemaVersion());
  const Outcome first = Meter("migrate --db " + db);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, db + ": migrated from schema version 0 to " + latest + "\n");
  const Outcome second = Meter("migrate --db " + db);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out, db + ": schema version " + latest + ", up to date; nothing to do\n");
}

TEST_F(Cli, MigrateAnUnreachableDatabaseExits3NamingItWithoutThePassword) {
  const std::string where = "postgresql://meter@127.0.0.1:" + UnusedPort() + "/meter";
  const Outcome r = Meter("migrate --db 'postgresql://meter:s3cret%21@" + where.substr(19) + "'");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr(where + ": cannot open the database: connection to server at "
                                       "\"127.0.0.1\", port "));
  EXPECT_THAT(r.err, HasSubstr("Connection refused"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("s3cret")));
}

TEST_F(Cli, MigrateRefusesAMalformedUrlWithExit2) {
  const Outcome r = Meter("migrate --db 'postgresql://meter:s3cret@db:port/meter'");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("postgresql://meter@db:port/meter: the port 'port'"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("s3cret")));
}

TEST_F(Cli, ServeWithAnUnreachableDatabaseExits3BeforeListening) {
  const std::string where = "postgresql://meter@127.0.0.1:" + UnusedPort() + "/meter";
  // `timeout` only ends a server that wrongly started: that fails the test with another code.
  const Outcome r = Meter("serve --db 'postgresql://meter:s3cret@" + where.substr(19) +
                              "' --listen 127.0.0.1:" + UnusedPort() + " --knowledge-check 0",
                          "timeout 120");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("METER is running")));
  EXPECT_THAT(r.err, HasSubstr(where + ": cannot open the database: "));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("s3cret")));
}

// `meter migrate` against the tests' PostgreSQL server (store/pg_server.h), over TCP with a
// password that needs every kind of escaping.
class CliPostgres : public Cli {};

TEST_F(CliPostgres, MigrateAppliesTheSchemaOnceAndASecondRunIsANoOp) {
  testing::PgServer& server = testing::PgServer::Get();
  ASSERT_TRUE(server.running()) << server.failure();
  const std::string database = server.CreateDatabase();
  ASSERT_FALSE(database.empty());
  const std::string url = server.TcpUrl(database);
  const std::string shown =
      "postgresql://meter@127.0.0.1:" + std::to_string(server.port()) + "/" + database;
  const std::string latest = std::to_string(LatestSchemaVersion());
  const Outcome first = Meter("migrate --db '" + url + "'");
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, shown + ": migrated from schema version 0 to " + latest + "\n");
  const Outcome second = Meter("migrate --db '" + url + "'");
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out, shown + ": schema version " + latest + ", up to date; nothing to do\n");
  // One row per migration (the numbers may have gaps), the last being the latest.
  EXPECT_EQ(server.Query(database, "SELECT count(*) FROM meter_schema").value(),
            std::to_string(Migrations().size()));
  EXPECT_EQ(server.Query(database, "SELECT MAX(version) FROM meter_schema").value(), latest);
  EXPECT_EQ(server.Query(database, "SELECT count(*) FROM knowledge").value(), "0");
  server.DropDatabase(database);
}

}  // namespace
}  // namespace meter

namespace meter {
namespace {

class CliTranslations : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("meter-cli-po-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::filesystem::copy_file(testing::SourcePath("content/instruments/meter-2.0.yaml"),
                               dir_ / "meter.yaml");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  testing::Outcome Meter(const std::string& args) { return testing::RunMeterIn(dir_, args); }

  std::filesystem::path dir_;
};

// The translators' commands on a real file: export, a changed msgstr imported, and a bad catalog
// refused at file:line with the instrument file left byte for byte as it was.
TEST_F(CliTranslations, PoExportThenImportChangesOnlyWhatTheTranslatorChanged) {
  const std::string file = (dir_ / "meter.yaml").string();
  const testing::Outcome exported = Meter("instrument po-export --lang fr " + file);
  ASSERT_EQ(exported.code, 0) << exported.err;
  EXPECT_THAT(exported.out, ::testing::HasSubstr("msgctxt \"C1.1/text\""));
  const std::string before = testing::ReadText(dir_ / "meter.yaml");

  std::ofstream(dir_ / "same.po", std::ios::binary) << exported.out;
  const testing::Outcome same =
      Meter("instrument po-import " + file + " " + (dir_ / "same.po").string());
  EXPECT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(testing::ReadText(dir_ / "meter.yaml"), before);

  std::string bad = exported.out;
  bad.replace(bad.find("msgctxt \"C1.2/text\""), 19, "msgctxt \"C1.99/text\"");
  std::ofstream(dir_ / "bad.po", std::ios::binary) << bad;
  const testing::Outcome refused =
      Meter("instrument po-import " + file + " " + (dir_ / "bad.po").string());
  EXPECT_EQ(refused.code, 2);
  EXPECT_THAT(refused.err,
              ::testing::MatchesRegex(".*bad\\.po:[0-9]+: unknown ID 'C1\\.99/text'.*"));
  EXPECT_EQ(testing::ReadText(dir_ / "meter.yaml"), before);
}

}  // namespace
}  // namespace meter
