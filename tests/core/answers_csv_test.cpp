// The answers CSV reader: what it accepts, and each kind of bad input, named with file and line.
#include "core/answers_csv.h"

#include <gmock/gmock.h>

#include "core/groups_csv.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;

class AnswersCsv : public ::testing::Test {
 protected:
  Instrument instrument_ = testing::LoadOrFail("tests/golden/scoring/instrument.yaml");
  const std::string header_ = "respondent,group,statement,answer,comment\n";

  std::string ErrorOf(const std::string& text, const std::vector<Group>* groups = nullptr) {
    auto sheet = ParseAnswersCsv(text, "a.csv", instrument_, groups);
    if (sheet.ok()) return "(no error)";
    EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidInput);
    return sheet.error().ToString();
  }
};

TEST_F(AnswersCsv, ReadsLevelsSpecialAnswersCommentsAndGroups) {
  auto sheet = ParseAnswersCsv(header_ +
                                   "r1,Central,A1.1,4,\"good, mostly\"\n"
                                   "r1,Central,A1.2,DK,\n"
                                   "r2,,B1.4,Y,\n"
                                   "r2,,A1.3,NA,\n"
                                   "r2,,A2.1,,skipped: no answer\n",
                               "a.csv", instrument_);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  const AnswerSheet& s = sheet.value();
  ASSERT_EQ(s.rows.size(), 4u);
  EXPECT_EQ(s.respondents, (std::vector<std::string>{"r1", "r2"}));
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[1].name, "all");
  EXPECT_EQ(s.rows[0].answer, 4);
  EXPECT_EQ(s.rows[1].answer, kDontKnow);
  EXPECT_EQ(s.rows[2].answer, 1);  // Y is the second level of the yes/no set
  EXPECT_EQ(s.rows[3].answer, kNotApplicable);
  ASSERT_EQ(s.comments.size(), 1u);
  EXPECT_EQ(s.comments[0].text, "good, mostly");
}

TEST_F(AnswersCsv, AcceptsColumnsInAnyOrderAndExtraColumns) {
  auto sheet =
      ParseAnswersCsv("comment,answer,statement_text,statement,group,respondent\n,3,x,A1.1,G,r\n",
                      "a.csv", instrument_);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  EXPECT_EQ(sheet.value().rows[0].answer, 3);
}

TEST_F(AnswersCsv, RejectsAnUnknownStatement) {
  EXPECT_THAT(ErrorOf(header_ + "r1,G,A1.1,1,\nr1,G,Z9.9,1,\n"),
              HasSubstr("a.csv:3: unknown statement 'Z9.9'"));
}

TEST_F(AnswersCsv, RejectsAnAnswerCodeTheScaleDoesNotHave) {
  EXPECT_THAT(
      ErrorOf(header_ + "r1,G,A1.1,5,\n"),
      HasSubstr(
          "a.csv:2: unknown answer '5' for statement A1.1; use one of 0, 1, 2, 3, 4, DK or NA"));
  EXPECT_THAT(ErrorOf(header_ + "r1,G,B1.4,3,\n"), HasSubstr("use one of N, Y, DK or NA"));
  EXPECT_THAT(ErrorOf(header_ + "r1,G,A1.1,dk,\n"), HasSubstr("unknown answer 'dk'"));
}

TEST_F(AnswersCsv, RejectsADuplicateRespondentAndStatement) {
  EXPECT_THAT(ErrorOf(header_ + "r1,G,A1.1,1,\nr2,G,A1.1,1,\nr1,G,A1.1,2,\n"),
              HasSubstr("a.csv:4: respondent 'r1' answers statement A1.1 a second time"));
}

TEST_F(AnswersCsv, RejectsBadEncodingWithTheLine) {
  EXPECT_THAT(ErrorOf(header_ + "r1,G,A1.1,1,ok\nr1,G,A1.2,1,caf\xe9\n"),
              HasSubstr("a.csv:3: the file is not valid UTF-8"));
}

TEST_F(AnswersCsv, RejectsAMissingColumn) {
  const std::string error = ErrorOf("respondent,statement,answer\nr1,A1.1,1\n");
  EXPECT_THAT(error, HasSubstr("a.csv:1: missing column 'group'"));
  EXPECT_THAT(error, HasSubstr("a.csv:1: missing column 'comment'"));
  EXPECT_THAT(ErrorOf(""), HasSubstr("the file is empty"));
}

TEST_F(AnswersCsv, RejectsShortRowsEmptyRespondentsAndMalformedQuotes) {
  EXPECT_THAT(ErrorOf(header_ + "r1,G,A1.1\n"),
              HasSubstr("a.csv:2: expected at least 5 fields, found 3"));
  EXPECT_THAT(ErrorOf(header_ + ",G,A1.1,1,\n"), HasSubstr("a.csv:2: the respondent is empty"));
  EXPECT_THAT(ErrorOf(header_ + "r1,G,A1.1,1,\"never closed\n"),
              HasSubstr("a.csv:2: a quoted field is not closed"));
}

TEST_F(AnswersCsv, RejectsARespondentInTwoGroups) {
  EXPECT_THAT(
      ErrorOf(header_ + "r1,Central,A1.1,1,\nr1,Civil,A1.2,1,\n"),
      HasSubstr(
          "a.csv:3: respondent 'r1' is in group 'Civil' here but in group 'Central' on line 2"));
}

TEST_F(AnswersCsv, RejectsAGroupTheGroupsFileDoesNotDeclare) {
  const std::vector<Group> groups = {{"Central", 2}};
  EXPECT_THAT(ErrorOf(header_ + "r1,Central,A1.1,1,\nr2,Civil,A1.1,1,\n", &groups),
              HasSubstr("a.csv:3: group 'Civil' is not declared in the groups file"));
}

TEST_F(AnswersCsv, ListsManyProblemsButStopsAtTheLimit) {
  std::string text = header_;
  for (int i = 0; i < 80; ++i)
    text += "r" + std::to_string(i) + ",G,Q" + std::to_string(i) + ",1,\n";
  auto sheet = ParseAnswersCsv(text, "a.csv", instrument_);
  ASSERT_FALSE(sheet.ok());
  EXPECT_EQ(sheet.error().problems.size(), kMaxAnswerProblems + 1);
  EXPECT_THAT(sheet.error().problems.back().message, HasSubstr("too many problems"));
}

TEST(GroupsCsv, ReadsWeights) {
  auto groups =
      ParseGroupsCsv("group,weight\nCentral government,2\n\"Civil, society\",0.5\n", "g.csv");
  ASSERT_TRUE(groups.ok()) << groups.error().ToString();
  ASSERT_EQ(groups.value().size(), 2u);
  EXPECT_EQ(groups.value()[1].name, "Civil, society");
  EXPECT_EQ(groups.value()[1].weight, 0.5);
}

TEST(GroupsCsv, RejectsBadWeightsDuplicatesAndMissingColumns) {
  auto bad = ParseGroupsCsv("group,weight\nA,0\nB,heavy\nA,1\n,1\n", "g.csv");
  ASSERT_FALSE(bad.ok());
  const std::string text = bad.error().ToString();
  EXPECT_THAT(
      text,
      HasSubstr(
          "g.csv:2: the weight of group 'A' must be a number above 0 and at most 1000, not '0'"));
  EXPECT_THAT(text, HasSubstr("g.csv:3: the weight of group 'B' must be a number above 0 and at "
                              "most 1000, not 'heavy'"));
  EXPECT_THAT(text, HasSubstr("g.csv:4: group 'A' is listed twice"));
  EXPECT_THAT(text, HasSubstr("g.csv:5: the group name is empty"));
  auto missing = ParseGroupsCsv("name,weight\nA,1\n", "g.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().ToString(), HasSubstr("g.csv:1: missing column 'group'"));
  EXPECT_FALSE(ParseGroupsCsv("group,weight\n", "g.csv").ok());
}

}  // namespace
}  // namespace meter
