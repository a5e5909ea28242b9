// Issue 11, the files `meter score` and the other commands read: a groups file's weights follow
// the web's rule (above 0, at most 1000) and a wrong one exits 2 with file:line; a band is printed
// exactly when a score is, in every format; the duplicate-name check of a groups file stays linear
// (100,000 groups); a byte-order mark is accepted; a NUL or another control character in an
// answers, groups, knowledge or instrument file is refused with its place, exit 2.
#include <gmock/gmock.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/answers_csv.h"
#include "core/groups_csv.h"
#include "core/knowledge.h"
#include "core/scoring.h"
#include "report/score_formats.h"
#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::Outcome;

class ScoreInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-score-input-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome Meter(const std::string& args) { return testing::RunMeterIn(dir_, args); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  Outcome Score(const std::string& answers, const std::string& groups,
                const std::string& format = "json") {
    return Meter("score --instrument " + v2_ + " --answers " + answers +
                 (groups.empty() ? "" : " --groups " + groups) + " --format " + format);
  }

  fs::path dir_;
  const std::string v2_ = testing::SourcePath("content/instruments/meter-2.0.yaml").string();
  const std::string answers_ =
      testing::SourcePath("content/samples/aurelia-2026-answers.csv").string();
};

TEST_F(ScoreInput, AGroupWeightOutsideTheWebsRangeExitsTwoWithItsLine) {
  // Two groups weighted 1e308 gave NaN printed as "-nan" with band very_high, exit 0.
  for (const std::string weight : {"1e308", "1001", "0", "-1", "nan", "inf", "abc", "0x10", ""}) {
    const std::string groups = Write("groups.csv", "group,weight\nCentral government,1\nAgencies," +
                                                       weight + "\nCivil society,1\n");
    const Outcome r = Score(answers_, groups);
    EXPECT_EQ(r.code, 2) << weight << ": " << r.out;
    EXPECT_THAT(r.err, HasSubstr("groups.csv:3: the weight of group 'Agencies' must be a number "
                                 "above 0 and at most 1000"))
        << weight;
    EXPECT_EQ(r.out, "") << "nothing on stdout";
  }
  const std::string edge = Write(
      "groups.csv", "group,weight\nCentral government,1000\nAgencies,0.001\nCivil society,1\n");
  EXPECT_EQ(Score(answers_, edge).code, 0);
}

// Every unit of an output: the score and the band, as the format prints them ("" for none).
void ExpectBandExactlyWithScore(const std::string& format, const std::string& out) {
  size_t units = 0, without = 0;
  if (format == "json") {
    const nlohmann::json doc = nlohmann::json::parse(out);
    for (const auto& u : doc["units"]) {
      EXPECT_EQ(u["score"].is_null(), u["band"].is_null()) << u.dump();
      ++units;
      without += u["score"].is_null();
    }
  } else {
    std::istringstream lines(out);
    std::string line;
    std::getline(lines, line);  // the header: ...,score,coverage,dk_rate,band,...
    while (std::getline(lines, line)) {
      std::vector<std::string> cells;
      std::stringstream cell_stream(line);
      for (std::string cell; std::getline(cell_stream, cell, ',');) cells.push_back(cell);
      ASSERT_GE(cells.size(), 8u) << line;
      EXPECT_EQ(cells[4].empty(), cells[7].empty()) << line;
      ++units;
      without += cells[4].empty();
    }
  }
  EXPECT_GT(units, 100u);
  EXPECT_GT(without, 0u) << "the sample must have units without a score, or this proves little";
}

TEST_F(ScoreInput, ABandIsPrintedExactlyWhenAScoreIs) {
  // A file where C2 has too few answers to be scored, so that some units have no score.
  std::string text = testing::ReadText(answers_);
  std::string kept;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(",C2.") == std::string::npos) kept += line + "\n";
  }
  const std::string thin = Write("thin.csv", kept);
  for (const std::string format : {"json", "csv"}) {
    const Outcome r = Score(thin, "", format);
    ASSERT_EQ(r.code, 0) << r.err;
    ExpectBandExactlyWithScore(format, r.out);
  }
  const Outcome table = Score(thin, "", "table");
  ASSERT_EQ(table.code, 0) << table.err;
  std::istringstream rows(table.out);
  size_t insufficient = 0;
  for (std::string row; std::getline(rows, row);) {
    if (row.find("insufficient data") == std::string::npos &&
        row.find("not applicable") == std::string::npos)
      continue;
    ++insufficient;
    for (const char* band : {"Low", "Middle", "High", "Very high"}) {
      EXPECT_THAT(row, ::testing::Not(HasSubstr(std::string("  ") + band + " ")))
          << "a band beside a missing score: " << row;
    }
  }
  EXPECT_GT(insufficient, 0u);
}

TEST_F(ScoreInput, AByteOrderMarkIsAcceptedAtTheStartOfTheAnswersAndGroupsFiles) {
  const std::string groups = testing::SourcePath("content/samples/aurelia-2026-groups.csv");
  const Outcome plain = Score(answers_, groups);
  ASSERT_EQ(plain.code, 0) << plain.err;
  const std::string bom = "\xEF\xBB\xBF";
  const Outcome marked = Score(Write("bom.csv", bom + testing::ReadText(answers_)),
                               Write("bom-groups.csv", bom + testing::ReadText(groups)));
  EXPECT_EQ(marked.code, 0) << marked.err;
  EXPECT_EQ(marked.out, plain.out);
}

TEST_F(ScoreInput, AControlCharacterInAFileIsRefusedWithItsPlace) {
  const std::string nul("\0", 1);
  // A comment may hold line breaks and tabs, not a NUL.
  const std::string lines =
      Write("lines.csv",
            "respondent,group,statement,answer,comment\na,G,C1.1,2,\"two\r\nlines\tand a tab\"\n");
  EXPECT_EQ(Score(lines, "").code, 0);
  const Outcome comment =
      Score(Write("nul.csv",
                  "respondent,group,statement,answer,comment\na,G,C1.1,2,x\nb,G,C1.1,2,before" +
                      nul + "after\n"),
            "");
  EXPECT_EQ(comment.code, 2);
  EXPECT_THAT(comment.err, HasSubstr("nul.csv:3: the file contains a control character (code 0)"));
  const Outcome respondent = Score(
      Write("split.csv", "respondent,group,statement,answer,comment\n\"a\nb\",G,C1.1,2,\n"), "");
  EXPECT_EQ(respondent.code, 2);
  EXPECT_THAT(respondent.err, HasSubstr("split.csv:2: a respondent or group must be on one line"));
  const Outcome bell = Score(answers_, Write("g.csv",
                                             "group,weight\nAgen\x07"
                                             "cies,1\n"));
  EXPECT_EQ(bell.code, 2);
  EXPECT_THAT(bell.err, HasSubstr("g.csv:2: the text contains a control character (code 7)"));
  const Outcome yaml = Meter("instrument validate " +
                             Write("i.yaml", "id: x\nversion: \"1\"\ntitle: a" + nul + "b\n"));
  EXPECT_EQ(yaml.code, 2);
  EXPECT_THAT(yaml.err, HasSubstr("i.yaml:3:"));
}

TEST(GroupsCsv, ADuplicateAmongAHundredThousandGroupsIsFoundWithBothLines) {
  std::string text = "group,weight\n";
  for (int i = 0; i < 100000; ++i) text += "group " + std::to_string(i) + ",1\n";
  auto all = ParseGroupsCsv(text, "g.csv");
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  EXPECT_EQ(all.value().size(), 100000u);
  EXPECT_EQ(all.value()[99999].name, "group 99999");
  text += "group 7,2\n";  // line 100,002 repeats line 9
  auto repeated = ParseGroupsCsv(text, "g.csv");
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().ToString(),
            "g.csv:100002: group 'group 7' is listed twice (first on line 9)");
}

TEST(KnowledgeFile, AControlCharacterInTheBodyIsRefusedAtItsLine) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  auto countries = CountryList::Parse(
      testing::ReadText(testing::SourcePath("content/countries.csv")), "countries.csv");
  ASSERT_TRUE(countries.ok());
  const std::string front =
      "---\nkind: lesson\ntitle: \"T\"\npillars: [T]\nsubareas: [T2]\nsources:\n"
      "  - title: \"S\"\nsummary: \"A summary.\"\n---\n";
  auto fine = ParseKnowledgeEntry(front + "Body\twith a tab\r\nand lines.\n", "e.md", in,
                                  countries.value());
  EXPECT_TRUE(fine.ok()) << fine.error().ToString();
  auto broken = ParseKnowledgeEntry(front + "First line.\nA " + std::string("\0", 1) + " NUL.\n",
                                    "e.md", in, countries.value());
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.error().ToString(),
              HasSubstr("e.md:11: the text contains a control character (code 0)"));
}

// Weights so large that their sum overflows gave a NaN score with band very_high: a score is now a
// number or absent, and the formats print a band exactly beside a score even for a report whose
// units say otherwise.
TEST(ScoreFormats, ABandIsShownExactlyWithAScoreEvenFromAnInconsistentReport) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  const std::vector<Group> huge = {
      {"Central government", 1e308}, {"Agencies", 1e308}, {"Civil society", 1e308}};
  auto sheet = ParseAnswersCsv(
      testing::ReadText(testing::SourcePath("content/samples/aurelia-2026-answers.csv")), "a.csv",
      in, &huge);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  ScoreReport report = Score(in, sheet.value());
  for (const UnitScore& u : report.units) {
    EXPECT_FALSE(u.score && !std::isfinite(*u.score)) << u.id << " has a score that is no number";
    EXPECT_EQ(u.score.has_value(), u.band.has_value()) << u.id;
  }
  // A report that breaks the rule: a NaN score with a band, a missing score with a band.
  report.units[0].score = std::nan("");
  report.units[0].band = Band::kVeryHigh;
  report.units[1].score = std::nullopt;
  report.units[1].band = Band::kHigh;
  const auto json = nlohmann::json::parse(ScoresAsJson(in, report));
  for (size_t i : {0, 1}) {
    EXPECT_TRUE(json["units"][i]["score"].is_null());
    EXPECT_TRUE(json["units"][i]["band"].is_null()) << json["units"][i].dump();
  }
  std::istringstream csv(ScoresAsCsv(in, report));
  std::string line;
  std::getline(csv, line);
  for (int i = 0; i < 2; ++i) {
    std::getline(csv, line);
    EXPECT_THAT(line, HasSubstr(",,")) << line;
    EXPECT_THAT(line, ::testing::Not(HasSubstr("high"))) << line;
    EXPECT_THAT(line, ::testing::Not(HasSubstr(",nan"))) << line;
  }
  const std::string table = ScoresAsTable(in, report, std::locale::classic(), "en");
  EXPECT_THAT(table, ::testing::Not(HasSubstr("-nan")));
  std::istringstream rows(table);
  for (std::string row; std::getline(rows, row);) {
    if (row.rfind("overall", 0) == 0 || row.rfind("C ", 0) == 0) {
      EXPECT_THAT(row, HasSubstr("insufficient data")) << row;
      EXPECT_THAT(row, ::testing::Not(HasSubstr("High"))) << row;
    }
  }
}

}  // namespace
}  // namespace meter
