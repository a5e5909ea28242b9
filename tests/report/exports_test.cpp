// The data exports of a round, opened and checked as their readers would: the CSVs parsed with
// core/csv.h column by column, the JSON with nlohmann, the answers CSV read back by `meter score`'s
// own parser, and the workbook read back by python3-openpyxl (tests/report/read_xlsx.py).
#include "report/exports.h"

#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "core/answers_csv.h"
#include "core/csv.h"
#include "core/round_results.h"
#include "report/score_formats.h"
#include "test_support.h"

namespace meter {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

using Rows = std::vector<std::vector<std::string>>;

constexpr const char* kFormula = "=HYPERLINK(\"http://evil.example\",\"click\")";
constexpr const char* kUnicode = "Ünïcödé 中文 عربى";
constexpr const char* kSecretName = "Alice Secretname";
constexpr const char* kSecretHash = "5ec2e7c0ffee5ec2e7c0ffee";

Rows ParseCsv(const std::string& text) {
  CsvReader reader(text);
  Rows rows;
  std::vector<std::string_view> fields;
  while (reader.Next(fields)) rows.emplace_back(fields.begin(), fields.end());
  EXPECT_EQ(reader.error(), nullptr) << "line " << reader.line();
  return rows;
}

// The number a CSV cell holds, exactly; nullopt for an empty cell.
std::optional<double> NumberOf(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  EXPECT_EQ(*end, '\0') << "not a number: " << cell;
  return v;
}

class ExportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    instrument_ = new Instrument(testing::LoadOrFail("content/instruments/meter-2.0.yaml"));
  }
  static void TearDownTestSuite() {
    delete instrument_;
    instrument_ = nullptr;
  }

  // Three respondents in three groups. C3 is answered DK only (withheld, "measure first"), C4.3
  // NA only (not applicable); r8 answers only pillars C and L; r9 leaves a note without an answer
  // on T1.1.
  void SetUp() override {
    const Instrument& in = *instrument_;
    d_.instrument = instrument_;
    d_.round = Round{42,
                     "KEN",
                     "Second round — Ünïcödé",
                     2026,
                     "meter",
                     "2.0",
                     RoundStatus::kClosed,
                     {{"Central government", 1}, {"Agencies", 1}, {"Civil society", 2}},
                     0,
                     false};
    Respondent r7{7, 42, kSecretName, "Central government", {}, kSecretHash};
    Respondent r8{8, 42, "bob@secret.example", "Agencies", {"C", "L"}, kSecretHash};
    Respondent r9{9, 42, "Carol Secretname", "Civil society", {}, kSecretHash};
    d_.respondents = {r7, r8, r9};
    const char* levels[] = {"0", "1", "2", "3", "4"};
    for (size_t s = 0; s < in.statements().size(); ++s) {
      const Statement& st = *in.statements()[s].statement;
      const std::string& pillar = in.pillars[in.statements()[s].pillar].id;
      for (const Respondent& r : d_.respondents) {
        if (r.id == 8 && pillar != "C" && pillar != "L") continue;
        if (r.id == 9 && st.id == "T1.1") continue;
        StoredAnswer a{r.id, st.id, levels[(s + r.id) % 5], "", "", 1, 0};
        if (st.id.rfind("C3.", 0) == 0) a.value = "DK";
        if (st.id == "C4.3") a.value = "NA";
        if (r.id == 7 && st.id == "C1.1") {
          a.comment = kFormula;
          a.evidence_url = "https://example.gov/decree";
        }
        if (r.id == 9 && st.id == "C1.2") a.comment = kUnicode;
        d_.answers.push_back(a);
      }
    }
    d_.answers.push_back({9, "T1.1", "", "-a note, no answer", "", 1, 0});
    d_.report = Score(in, SheetOf(in, d_.round, d_.respondents, d_.answers));
    d_.targets = {{"C", 80}};
    d_.plan = PlanWayForward(in, d_.report, d_.targets);
    if (!d_.plan.priorities.empty()) {
      first_ = d_.plan.priorities.front().subarea;
      d_.edits = {{first_, 0, "Ministry of ICT — Ünïcödé", "2027-06-30"}};
    }
    d_.roadmap = BuildRoadmap(d_.plan, d_.edits);
  }

  // Row of a unit in report order, for cross-checks.
  const UnitScore& Unit(const std::string& id) const {
    const UnitScore* u = d_.Unit(id);
    EXPECT_NE(u, nullptr) << id;
    return u ? *u : d_.report.units.front();
  }

  static Instrument* instrument_;
  RoundDossier d_;
  Country country_{"KEN", "Kenya", "Africa", "Eastern Africa"};
  std::string first_;  // the first priority sub-area, which has an owner and a due date
};

Instrument* ExportsTest::instrument_ = nullptr;

TEST_F(ExportsTest, TheDossierHasWhatTheChecksNeed) {
  ASSERT_FALSE(d_.plan.priorities.empty());
  EXPECT_TRUE(Unit("overall").score.has_value());
  EXPECT_FALSE(Unit("C3").score.has_value());
  EXPECT_TRUE(Unit("C3").coverage.has_value());
  EXPECT_FALSE(Unit("C4.3").applicable);
  EXPECT_FALSE(d_.plan.measure_first.empty());
}

TEST_F(ExportsTest, ScoresCsvHasOneRowPerUnitWithRoundAndInstrument) {
  const Rows rows = ParseCsv(ExportScoresCsv(d_));
  ASSERT_EQ(rows.size(), d_.report.units.size() + 1);
  EXPECT_THAT(rows[0], ElementsAre("round_id", "instrument_id", "instrument_version", "country",
                                   "year", "unit", "kind", "name", "score", "coverage", "dk_rate",
                                   "band", "group_gap", "result_status"));
  for (size_t i = 0; i < d_.report.units.size(); ++i) {
    const UnitScore& u = d_.report.units[i];
    const auto& row = rows[i + 1];
    ASSERT_EQ(row.size(), 14u) << u.id;
    EXPECT_EQ(row[13], "final") << "the round is closed";
    EXPECT_EQ(row[0], "42");
    EXPECT_EQ(row[1], "meter");
    EXPECT_EQ(row[2], "2.0");
    EXPECT_EQ(row[3], "KEN");
    EXPECT_EQ(row[4], "2026");
    EXPECT_EQ(row[5], u.id);
    EXPECT_EQ(row[6], UnitKindKey(u.kind));
    EXPECT_EQ(row[7], u.kind == UnitKind::kOverall ? "Overall index"
                                                   : InstrumentUnitName(*instrument_, u, "en"));
    EXPECT_EQ(NumberOf(row[8]), u.score) << u.id;
    EXPECT_EQ(NumberOf(row[9]), u.coverage) << u.id;
    EXPECT_EQ(NumberOf(row[10]), u.dk_rate) << u.id;
    EXPECT_EQ(row[11], u.band ? std::string(BandKey(*u.band)) : "") << u.id;
    EXPECT_EQ(NumberOf(row[12]), u.group_gap) << u.id;
  }
  EXPECT_EQ(rows[1][5], "overall");
  EXPECT_EQ(rows[1][7], "Overall index");
}

TEST_F(ExportsTest, AnswersCsvCarriesRoundAndInstrumentAndScoresTheSameWhenReadBack) {
  const std::string text = ExportAnswersCsv(d_);
  const Rows rows = ParseCsv(text);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_THAT(rows[0],
              ElementsAre("respondent", "group", "statement", "answer", "comment", "evidence_url",
                          "round_id", "instrument_id", "instrument_version"));
  EXPECT_EQ(rows.size(), d_.answers.size() + 1);
  bool formula = false, unicode = false, note = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 9u);
    EXPECT_THAT(rows[i][0], ::testing::MatchesRegex("r[0-9]+"));
    EXPECT_EQ(rows[i][6], "42");
    EXPECT_EQ(rows[i][7], "meter");
    EXPECT_EQ(rows[i][8], "2.0");
    formula |= rows[i][4] == std::string("'") + kFormula;
    unicode |= rows[i][4] == kUnicode;
    note |= rows[i][2] == "T1.1" && rows[i][0] == "r9" && rows[i][3].empty() &&
            rows[i][4] == "'-a note, no answer";
  }
  EXPECT_TRUE(formula) << "the formula comment must be guarded by an apostrophe";
  EXPECT_TRUE(unicode);
  EXPECT_TRUE(note) << "a note without an answer is exported";
  EXPECT_THAT(text, Not(HasSubstr("Secretname")));
  EXPECT_THAT(text, Not(HasSubstr(kSecretHash)));

  // `meter score --answers` reads this file, extra columns and all, to the very same scores.
  std::vector<Group> groups;
  for (const RespondentGroup& g : d_.round.groups) groups.push_back({g.name, g.weight});
  auto sheet = ParseAnswersCsv(text, "answers.csv", *instrument_, &groups);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  const ScoreReport again = Score(*instrument_, sheet.value());
  ASSERT_EQ(again.units.size(), d_.report.units.size());
  for (size_t i = 0; i < again.units.size(); ++i) {
    EXPECT_EQ(again.units[i].score, d_.report.units[i].score) << again.units[i].id;
    EXPECT_EQ(again.units[i].coverage, d_.report.units[i].coverage) << again.units[i].id;
    EXPECT_EQ(again.units[i].group_gap, d_.report.units[i].group_gap) << again.units[i].id;
  }
}

TEST_F(ExportsTest, SdmxCsvIsCheckedColumnByColumn) {
  const Rows rows = ParseCsv(ExportSdmxCsv(d_));
  ASSERT_EQ(rows.size(), d_.report.units.size() + 1);
  EXPECT_THAT(rows[0],
              ElementsAre("DATAFLOW", "REF_AREA", "TIME_PERIOD", "INDICATOR", "OBS_VALUE",
                          "OBS_STATUS", "INSTRUMENT_ID", "INSTRUMENT_VERSION", "ROUND_ID"));
  std::map<std::string, std::vector<std::string>> by_indicator;
  for (size_t i = 0; i < d_.report.units.size(); ++i) {
    const UnitScore& u = d_.report.units[i];
    const auto& row = rows[i + 1];
    ASSERT_EQ(row.size(), 9u) << u.id;
    EXPECT_EQ(row[0], "METER:EGOV_READINESS(1.0)");
    EXPECT_EQ(row[1], "KEN");
    EXPECT_EQ(row[2], "2026");
    std::string expected = u.id;
    std::replace(expected.begin(), expected.end(), '.', '_');
    EXPECT_EQ(row[3], u.kind == UnitKind::kOverall ? "OVERALL" : expected);
    EXPECT_EQ(row[3].find('.'), std::string::npos) << "a dot would break SDMX series keys";
    EXPECT_EQ(NumberOf(row[4]), u.score) << u.id;
    EXPECT_EQ(row[5], u.score ? "A" : (u.coverage ? "O" : "M")) << u.id;
    EXPECT_EQ(row[6], "meter");
    EXPECT_EQ(row[7], "2.0");
    EXPECT_EQ(row[8], "42");
    EXPECT_TRUE(by_indicator.emplace(row[3], row).second) << "INDICATOR repeats: " << row[3];
  }
  EXPECT_EQ(by_indicator["OVERALL"][4], ExactNumber(Unit("overall").score));
  EXPECT_EQ(by_indicator["C1_1"][4], ExactNumber(Unit("C1.1").score));
  EXPECT_EQ(by_indicator["C3"][4], "");  // withheld: insufficient data
  EXPECT_EQ(by_indicator["C3"][5], "O");
  EXPECT_EQ(by_indicator["C4_3"][4], "");  // answered "not applicable"
  EXPECT_EQ(by_indicator["C4_3"][5], "M");
}

TEST_F(ExportsTest, JsonHoldsEverythingButWhoTheRespondentsAre) {
  const std::string text = ExportJson(d_, &country_);
  EXPECT_THAT(text, Not(HasSubstr("Secretname")));
  EXPECT_THAT(text, Not(HasSubstr("secret.example")));
  EXPECT_THAT(text, Not(HasSubstr(kSecretHash)));
  const json doc = json::parse(text);
  EXPECT_EQ(doc["format"], "meter-round-export");
  EXPECT_EQ(doc["format_version"], 1);

  const json& round = doc["round"];
  EXPECT_EQ(round["id"], 42);
  EXPECT_EQ(round["country"], "KEN");
  EXPECT_EQ(round["country_name"], "Kenya");
  EXPECT_EQ(round["title"], "Second round — Ünïcödé");
  EXPECT_EQ(round["year"], 2026);
  EXPECT_EQ(round["status"], "closed");
  EXPECT_EQ(round["instrument"], (json{{"id", "meter"}, {"version", "2.0"}}));
  ASSERT_EQ(round["groups"].size(), 3u);
  EXPECT_EQ(round["groups"][2], (json{{"name", "Civil society"}, {"weight", 2.0}}));

  ASSERT_EQ(doc["respondents"].size(), 3u);
  EXPECT_EQ(doc["respondents"][1],
            (json{{"id", "r8"}, {"group", "Agencies"}, {"pillars", {"C", "L"}}}));

  const json& answers = doc["answers"];
  ASSERT_EQ(answers.size(), d_.answers.size());
  EXPECT_EQ(answers[0], (json{{"respondent", "r7"},
                              {"statement", "C1.1"},
                              {"value", d_.answers[0].value},
                              {"comment", kFormula},
                              {"evidence_url", "https://example.gov/decree"}}));
  EXPECT_EQ(answers.back()["value"], "");

  const json& scores = doc["scores"];
  ASSERT_EQ(scores.size(), d_.report.units.size());
  for (size_t i = 0; i < scores.size(); ++i) {
    const UnitScore& u = d_.report.units[i];
    EXPECT_EQ(scores[i]["unit"], u.id);
    EXPECT_EQ(scores[i]["kind"], UnitKindKey(u.kind));
    EXPECT_EQ(scores[i]["score"], u.score ? json(*u.score) : json(nullptr)) << u.id;
    EXPECT_EQ(scores[i]["coverage"], u.coverage ? json(*u.coverage) : json(nullptr)) << u.id;
    EXPECT_EQ(scores[i]["band"], u.band ? json(BandKey(*u.band)) : json(nullptr)) << u.id;
    for (const char* field : {"name", "dk_rate", "group_gap", "group_scores"}) {
      EXPECT_TRUE(scores[i].contains(field)) << field;
    }
  }
  EXPECT_EQ(scores[0]["name"], "Overall index");
  EXPECT_EQ(doc["targets"], (json{{"C", 80.0}}));

  const json& wf = doc["way_forward"];
  ASSERT_EQ(wf["measure_first"].size(), d_.plan.measure_first.size());
  EXPECT_EQ(wf["measure_first"][0]["subarea"], d_.plan.measure_first[0].subarea);
  ASSERT_EQ(wf["priorities"].size(), d_.plan.priorities.size());
  for (size_t i = 0; i < d_.plan.priorities.size(); ++i) {
    const WayForwardItem& item = d_.plan.priorities[i];
    EXPECT_EQ(wf["priorities"][i]["subarea"], item.subarea);
    EXPECT_EQ(wf["priorities"][i]["phase"], item.phase);
    EXPECT_EQ(wf["priorities"][i]["priority"], item.priority);
    EXPECT_EQ(wf["priorities"][i]["after"], json(item.after));
  }

  ASSERT_EQ(doc["roadmap"].size(), d_.roadmap.size());
  bool owned = false;
  for (const json& r : doc["roadmap"]) {
    if (r["subarea"] != first_) continue;
    owned = true;
    EXPECT_EQ(r["owner"], "Ministry of ICT — Ünïcödé");
    EXPECT_EQ(r["due"], "2027-06-30");
    EXPECT_EQ(r["phase"], r["planned_phase"]);
  }
  EXPECT_TRUE(owned);
}

// Writes `bytes` to a temporary .xlsx file (openpyxl goes by the extension), runs
// tests/report/read_xlsx.py on it, removes it and parses what the script printed.
json ReadWorkbook(const std::string& bytes) {
  char path[] = "/tmp/meter-exports-test-XXXXXX.xlsx";
  const int fd = ::mkstemps(path, 5);
  EXPECT_GE(fd, 0);
  if (fd < 0) return json();
  const bool written =
      ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ::close(fd);
  EXPECT_TRUE(written);
  const std::string command = "/usr/bin/python3 '" +
                              testing::SourcePath("tests/report/read_xlsx.py").string() + "' '" +
                              path + "' 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    const int status = ::pclose(pipe);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  }
  ::unlink(path);
  return json::parse(out, nullptr, false);
}

TEST_F(ExportsTest, WorkbookReadsBackWithOpenpyxl) {
  auto workbook = ExportWorkbook(d_, &country_);
  ASSERT_TRUE(workbook.ok()) << workbook.error().ToString();
  ASSERT_EQ(workbook.value().substr(0, 2), "PK");  // a zip container
  const json book = ReadWorkbook(workbook.value());
  ASSERT_TRUE(book.is_object()) << "read_xlsx.py printed no JSON";

  EXPECT_EQ(book["sheets"], (json{"Summary", "Scores", "Answers", "Way Forward", "Roadmap"}));
  for (const char* sheet : {"Summary", "Scores", "Answers", "Way Forward", "Roadmap"}) {
    EXPECT_EQ(book["freeze"][sheet], "A2") << sheet;
    EXPECT_EQ(book["bold_header"][sheet], true) << sheet;
    for (const json& row : book["cells"][sheet]) {
      for (const json& c : row) EXPECT_NE(c["t"], "f") << sheet << ": a formula cell " << c;
    }
  }

  // Summary: field/value rows.
  std::map<std::string, json> summary;
  for (const json& row : book["cells"]["Summary"]) summary[row[0]["v"].get<std::string>()] = row[1];
  EXPECT_EQ(summary["Round ID"], (json{{"v", 42}, {"t", "n"}}));
  EXPECT_EQ(summary["Instrument version"], (json{{"v", "2.0"}, {"t", "s"}}));
  EXPECT_EQ(summary["Instrument ID"]["v"], "meter");
  EXPECT_EQ(summary["Country"]["v"], "KEN");
  EXPECT_EQ(summary["Country name"]["v"], "Kenya");
  EXPECT_EQ(summary["Year"], (json{{"v", 2026}, {"t", "n"}}));
  EXPECT_EQ(summary["Respondents"]["v"], 3);
  EXPECT_EQ(summary["Overall index"]["t"], "n");
  EXPECT_DOUBLE_EQ(summary["Overall index"]["v"].get<double>(), *Unit("overall").score);
  EXPECT_EQ(summary["Band"]["v"], BandName(*Unit("overall").band));
  EXPECT_THAT(summary["Note"]["v"].get<std::string>(), HasSubstr("withheld"));

  // Scores: the same numbers as the scores CSV, as number cells.
  const Rows csv = ParseCsv(ExportScoresCsv(d_));
  const json& scores = book["cells"]["Scores"];
  ASSERT_EQ(scores.size(), csv.size());
  EXPECT_EQ(scores[0][3]["v"], "score");
  EXPECT_EQ(scores[0][8]["v"], "group: Central government");
  for (size_t i = 1; i < csv.size(); ++i) {
    EXPECT_EQ(scores[i][0]["v"], csv[i][5]);
    if (csv[i][8].empty()) {
      EXPECT_TRUE(scores[i][3]["v"].is_null()) << csv[i][5];
    } else {
      EXPECT_EQ(scores[i][3]["t"], "n") << csv[i][5];
      // libxlsxwriter writes 16 significant digits (Excel keeps 15): equal to within an ulp.
      EXPECT_DOUBLE_EQ(scores[i][3]["v"].get<double>(), *NumberOf(csv[i][8])) << csv[i][5];
    }
  }

  // Answers: the formula comment is a plain string, Unicode intact, no names.
  bool formula = false, unicode = false;
  for (const json& row : book["cells"]["Answers"]) {
    if (row[4]["v"] == kFormula) formula = row[4]["t"] == "s";
    if (row[4]["v"] == kUnicode) unicode = true;
    EXPECT_THAT(row[0]["v"].dump(), Not(HasSubstr("Secretname")));
  }
  EXPECT_TRUE(formula) << "=HYPERLINK must be a string cell, unguarded";
  EXPECT_TRUE(unicode);
  EXPECT_EQ(book["cells"]["Answers"].size(), d_.answers.size() + 1);

  // Way Forward and Roadmap.
  const json& wf = book["cells"]["Way Forward"];
  ASSERT_EQ(wf.size(), 1 + d_.plan.measure_first.size() + d_.plan.priorities.size());
  EXPECT_EQ(wf[1][0]["v"], "measure first");
  EXPECT_EQ(wf[1][2]["v"], d_.plan.measure_first[0].subarea);
  const json& first = wf[1 + d_.plan.measure_first.size()];
  EXPECT_EQ(first[2]["v"], d_.plan.priorities[0].subarea);
  EXPECT_EQ(first[10], (json{{"v", d_.plan.priorities[0].phase}, {"t", "n"}}));
  const json& roadmap = book["cells"]["Roadmap"];
  ASSERT_EQ(roadmap.size(), 1 + d_.roadmap.size());
  bool owned = false;
  for (const json& row : roadmap) {
    if (row[0]["v"] != first_) continue;
    owned = true;
    EXPECT_EQ(row[5]["v"], "Ministry of ICT — Ünïcödé");
    EXPECT_EQ(row[6]["t"], "d");
    EXPECT_THAT(row[6]["v"].get<std::string>(), ::testing::StartsWith("2027-06-30"));
  }
  EXPECT_TRUE(owned);
}

// Item 12 of issue 11: the results of a round that is still open are labelled provisional in
// every export whose format has room for it; the answers CSV holds answers, not results.
TEST_F(ExportsTest, ResultsOfAnOpenRoundAreProvisionalInEveryExport) {
  d_.round.status = RoundStatus::kOpen;
  for (const auto& row : ParseCsv(ExportScoresCsv(d_))) {
    if (row[0] != "round_id") {
      EXPECT_EQ(row.back(), "provisional") << row[5];
    }
  }
  const json doc = json::parse(ExportJson(d_, &country_));
  EXPECT_EQ(doc["round"]["status"], "open");
  EXPECT_EQ(doc["round"]["result_status"], "provisional");
  std::map<std::string, std::string> status;
  for (const auto& row : ParseCsv(ExportSdmxCsv(d_))) status[row[3]] = row[5];
  EXPECT_EQ(status["OVERALL"], "P") << "SDMX's code for a provisional value";
  EXPECT_EQ(status["C1_1"], "P");
  EXPECT_EQ(status["C3"], "O") << "a withheld score stays missing";
  EXPECT_EQ(status["C4_3"], "M");
  auto workbook = ExportWorkbook(d_, &country_);
  ASSERT_TRUE(workbook.ok()) << workbook.error().ToString();
  const json book = ReadWorkbook(workbook.value());
  ASSERT_TRUE(book.is_object());
  std::map<std::string, std::string> summary;
  for (const json& row : book["cells"]["Summary"]) {
    if (row[1]["v"].is_string()) summary[row[0]["v"]] = row[1]["v"];
  }
  EXPECT_THAT(summary["Results"], ::testing::StartsWith("provisional"));

  d_.round.status = RoundStatus::kClosed;
  EXPECT_EQ(json::parse(ExportJson(d_, &country_))["round"]["result_status"], "final");
  EXPECT_THAT(ExportSdmxCsv(d_),
              HasSubstr(",OVERALL," + ExactNumber(Unit("overall").score) + ",A,"));
}

// Item 18 of issue 11: the CSV files meant for spreadsheets start with a UTF-8 byte order mark, so
// that Excel shows Arabic and accented comments; SDMX-CSV and the functions that write the formats
// as specified (which `meter score` and statistics tools read) never do.
TEST_F(ExportsTest, SpreadsheetCsvDownloadsStartWithAByteOrderMarkAndSdmxNever) {
  const std::string bom = "\xEF\xBB\xBF";
  for (ExportKind kind : {ExportKind::kScoresCsv, ExportKind::kAnswersCsv}) {
    const std::string body = ExportRound(d_, &country_, kind).value().body;
    EXPECT_EQ(body.substr(0, 3), bom) << ExportKindKey(kind);
    EXPECT_NE(body.substr(3, 1), bom.substr(0, 1)) << "one mark, not two";
  }
  EXPECT_EQ(ExportRound(d_, &country_, ExportKind::kScoresCsv).value().body.substr(3, 9),
            "round_id,");
  EXPECT_EQ(ExportRound(d_, &country_, ExportKind::kSdmxCsv).value().body.substr(0, 9),
            "DATAFLOW,");
  EXPECT_EQ(ExportRound(d_, &country_, ExportKind::kJson).value().body.substr(0, 1), "{");
  EXPECT_EQ(ExportScoresCsv(d_).substr(0, 9), "round_id,");
  EXPECT_EQ(ExportAnswersCsv(d_).substr(0, 11), "respondent,");
}

TEST_F(ExportsTest, TextTooLongForAWorkbookCellIsCutNotFatal) {
  std::string long_text;
  for (int i = 0; i < 40000; ++i) long_text += "é";
  d_.answers.front().comment = long_text;
  auto workbook = ExportWorkbook(d_, nullptr);
  ASSERT_TRUE(workbook.ok()) << workbook.error().ToString();
  const json book = ReadWorkbook(workbook.value());
  ASSERT_TRUE(book.is_object());
  const std::string cell = book["cells"]["Answers"][1][4]["v"].get<std::string>();
  EXPECT_EQ(cell.size(), 32767u * 2) << "32767 characters of two bytes each";
  EXPECT_EQ(cell, long_text.substr(0, 32767u * 2));
}

TEST_F(ExportsTest, CsvTextFieldGuardsEveryFormulaStart) {
  for (const char* text : {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
    const Rows rows = ParseCsv(CsvTextField(text) + "\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], std::string("'") + text);
  }
  EXPECT_EQ(CsvTextField(kUnicode), kUnicode);
  EXPECT_EQ(CsvTextField("a, \"b\""), "\"a, \"\"b\"\"\"");
}

TEST_F(ExportsTest, ExportRoundNamesEachFile) {
  for (ExportKind kind : {ExportKind::kScoresCsv, ExportKind::kAnswersCsv, ExportKind::kJson,
                          ExportKind::kWorkbook, ExportKind::kSdmxCsv}) {
    EXPECT_EQ(ExportKindFromKey(ExportKindKey(kind)), kind);
    auto file = ExportRound(d_, &country_, kind);
    ASSERT_TRUE(file.ok()) << file.error().ToString();
    EXPECT_THAT(file.value().name, ::testing::StartsWith("meter-round-42"));
    EXPECT_FALSE(file.value().body.empty());
  }
  EXPECT_EQ(ExportRound(d_, nullptr, ExportKind::kSdmxCsv).value().name, "meter-round-42-sdmx.csv");
  EXPECT_EQ(ExportRound(d_, nullptr, ExportKind::kWorkbook).value().content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(ExportKindFromKey("pdf"), std::nullopt);
}

TEST_F(ExportsTest, JsonWithoutAKnownCountryStillNamesTheIso3Code) {
  const json doc = json::parse(ExportJson(d_, nullptr));
  EXPECT_EQ(doc["round"]["country"], "KEN");
  EXPECT_TRUE(doc["round"]["country_name"].is_null());
}

}  // namespace
}  // namespace meter
