// The streaming reader of answers files: a file read a few bytes at a time, or with a respondent
// budget that makes it read the file several times, gives the same scores and the same problems,
// at the same lines, as the whole text read at once.
#include "core/answers_reader.h"

#include <gmock/gmock.h>

#include <algorithm>

#include "core/answers_csv.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;

// Hands out 1 to 7 bytes a read, so that records, UTF-8 sequences and CRLFs span reads; counts
// the readings.
class TrickleSource : public ByteSource {
 public:
  explicit TrickleSource(std::string text) : text_(std::move(text)) {}
  Result<size_t> Read(char* buffer, size_t capacity) override {
    const size_t n = std::min({capacity, text_.size() - pos_, size_t{1} + step_++ % 7});
    std::copy_n(text_.data() + pos_, n, buffer);
    pos_ += n;
    return n;
  }
  Result<bool> Rewind() override {
    pos_ = 0;
    ++rewinds;
    return true;
  }
  int rewinds = 0;

 private:
  std::string text_;
  size_t pos_ = 0;
  size_t step_ = 0;
};

class AnswersReader : public ::testing::Test {
 protected:
  Instrument instrument_ = testing::LoadOrFail("tests/golden/scoring/instrument.yaml");
  const std::string header_ = "respondent,group,statement,answer,comment\n";

  // `text` scored whole and streamed; both must agree, problems included.
  std::string Streamed(const std::string& text, size_t budget = kScoreRespondentBudget,
                       int* rewinds = nullptr) {
    auto sheet = ParseAnswersCsv(text, "a.csv", instrument_);
    TrickleSource source(text);
    auto streamed = ScoreAnswersCsv(source, "a.csv", instrument_, nullptr, budget);
    if (rewinds) *rewinds = source.rewinds;
    EXPECT_EQ(sheet.ok(), streamed.ok());
    if (!sheet.ok() || !streamed.ok()) {
      const std::string whole = sheet.ok() ? "(no error)" : sheet.error().ToString();
      const std::string stream = streamed.ok() ? "(no error)" : streamed.error().ToString();
      EXPECT_EQ(whole, stream);
      return stream;
    }
    const ScoreReport expected = Score(instrument_, sheet.value());
    const ScoreReport& got = streamed.value();
    EXPECT_EQ(got.groups.size(), expected.groups.size());
    EXPECT_EQ(got.units.size(), expected.units.size());
    for (size_t i = 0; i < got.units.size() && i < expected.units.size(); ++i) {
      EXPECT_EQ(got.units[i].id, expected.units[i].id);
      EXPECT_EQ(got.units[i].score, expected.units[i].score) << got.units[i].id;  // bit for bit
      EXPECT_EQ(got.units[i].coverage, expected.units[i].coverage) << got.units[i].id;
      EXPECT_EQ(got.units[i].sd, expected.units[i].sd) << got.units[i].id;
      EXPECT_EQ(got.units[i].group_scores, expected.units[i].group_scores) << got.units[i].id;
    }
    return "(no error)";
  }

  // `respondents` respondents in three groups answering every statement of the instrument.
  std::string ManyRespondents(int respondents) {
    std::string text = header_;
    const char* groups[] = {"Central", "Agencies", "Civil society"};
    for (int r = 0; r < respondents; ++r) {
      for (const auto& s : instrument_.statements()) {
        const std::string code = s.statement->id == "B1.4"
                                     ? (r % 2 ? "Y" : "N")
                                     : std::to_string((r * 7 + s.statement->id.size()) % 5);
        text += "r" + std::to_string(r) + "," + groups[r % 3] + "," + s.statement->id + "," +
                (r % 11 == 0 ? "DK" : code) + ",\n";
      }
    }
    return text;
  }
};

TEST_F(AnswersReader, RecordsSpanningReadsScoreAsTheWholeText) {
  EXPECT_EQ(Streamed("\xEF\xBB\xBF" + header_ +
                     "r1,Central,A1.1,4,\"good,\r\nmostly \"\"so\"\"\"\r\n"
                     "r1,Central,A1.2,DK,caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\r\n"
                     "r2,,B1.4,Y,\n\n"
                     "r2,,A1.3,NA,\n"
                     "r3,Civil,A1.1,2,\n"
                     "r2,,A2.1,,skipped: no answer"),
            "(no error)");
  EXPECT_EQ(Streamed(ManyRespondents(40)), "(no error)");
}

TEST_F(AnswersReader, BadBytesAreFoundAcrossReadsWithTheirLineAndAlone) {
  // Not UTF-8 on line 3, after a problem on line 2: only the encoding is reported.
  EXPECT_THAT(Streamed(header_ + "r1,G,Z9.9,1,\nr1,G,A1.2,1,caf\xC3\n"),
              HasSubstr("a.csv:3: the file is not valid UTF-8 (byte 71)"));
  // A control character: alone too, unless the file is not UTF-8 further on.
  EXPECT_THAT(Streamed(header_ + "r1,G,Z9.9,1,\nr1,G,A1.2,1,a\x01\n"),
              HasSubstr("a.csv:3: the file contains a control character (code 1)"));
  EXPECT_THAT(Streamed(header_ + "r1,G,A1.1,1,a\rb\nr1,G,A1.2,1,\xFF\n"),
              HasSubstr("a.csv:3: the file is not valid UTF-8"));
  EXPECT_THAT(Streamed(header_ + "r1,G,A1.1,1,\"a\nb\"\nr1,G,A1.2,1,\x7F\n"),
              HasSubstr("a.csv:4: the file contains a control character (code 127)"));
  // A carriage return alone ends an old Mac file's lines: said so, not "code 13".
  std::string mac = header_ + "r1,G,A1.1,1,\n";
  std::replace(mac.begin(), mac.end(), '\n', '\r');
  EXPECT_THAT(Streamed(mac), HasSubstr("a.csv:1: the lines of this file end in a carriage return "
                                       "alone (an old Mac format)"));
  // One inside a file whose lines end in line feeds is a control character like any other.
  EXPECT_THAT(Streamed(header_ + "r1,G,A1.1,1,a\rb\n"),
              HasSubstr("a.csv:2: the file contains a control character (code 13)"));
}

TEST_F(AnswersReader, BadBytesAfterLongPlainRunsAndAccentedLinesAreFound) {
  // Plain ASCII is passed in runs, the other lines one at a time: what follows either is checked.
  const std::string many = ManyRespondents(30);
  const size_t lines = static_cast<size_t>(std::count(many.begin(), many.end(), '\n'));
  EXPECT_THAT(Streamed(many + "r1,G,A1.2,1,\x01\n"),
              HasSubstr("a.csv:" + std::to_string(lines + 1) + ": the file contains a control"));
  EXPECT_THAT(Streamed(many + "r1,G,A1.2,1,caf\xC3\xA9\nr2,G,A1.2,1,ok\x1F\n"),
              HasSubstr("a.csv:" + std::to_string(lines + 2) + ": the file contains a control"));
  EXPECT_THAT(Streamed(many + "r1,G,A1.2,1,caf\xC3\xA9\nr2,G,A1.2,1,ok\xE2\x82\n"),
              HasSubstr("a.csv:" + std::to_string(lines + 2) + ": the file is not valid UTF-8"));
}

TEST_F(AnswersReader, AnAnswerIsACodeOfItsOwnStatementsScale) {
  // One-byte codes are looked up in a table per scale: another scale's code is still unknown.
  EXPECT_THAT(
      Streamed(header_ + "r1,G,A1.1,Y,\n"),
      HasSubstr("a.csv:2: unknown answer 'Y' for statement A1.1; use one of 0, 1, 2, 3, 4"));
  EXPECT_THAT(Streamed(header_ + "r1,G,B1.4,3,\n"),
              HasSubstr("a.csv:2: unknown answer '3' for statement B1.4; use one of N, Y"));
  EXPECT_THAT(Streamed(header_ + "r1,G,A1.1,\xC3\xA9,\n"), HasSubstr("unknown answer"));
  EXPECT_THAT(Streamed(header_ + "r1,G,A1.1,D,\n"), HasSubstr("unknown answer 'D'"));
}

TEST_F(AnswersReader, EveryRecordProblemIsFoundStreamedAsWhole) {
  Streamed("");
  Streamed("\xEF\xBB\xBF");
  Streamed("respondent,statement\n");
  Streamed(header_ + "r1,G,A1.1,1,\"never closed\n");
  Streamed(header_ + "r1,G,A1.1,1,\"a\"b\n");
  Streamed(header_ + "r1,G,A1.1\nr1,G,A1.1,9,\n,G,A1.2,1,\nr1,H,A1.2,1,\nr1,G,A1.1,2,\n");
  Streamed(header_ + "r1,G,A1.1,1," + std::string(4001, 'x') + "\n");
}

TEST_F(AnswersReader, ARecordLongerThanTheLimitIsRefused) {
  // Whole chunks: a record re-read after every few bytes would take quadratic time.
  const std::string text =
      header_ + "r1,G,A1.1,1,\"" + std::string(kMaxAnswersRecord, 'x') + "\"\n";
  TextSource source(text);
  auto scored = ScoreAnswersCsv(source, "a.csv", instrument_);
  ASSERT_FALSE(scored.ok());
  EXPECT_THAT(scored.error().ToString(), HasSubstr("a.csv:2: the record is longer than"));
}

TEST_F(AnswersReader, RespondentsBeyondTheBudgetAreCheckedInFurtherReadings) {
  int rewinds = 0;
  const std::string clean = ManyRespondents(400);
  EXPECT_EQ(Streamed(clean, 0, &rewinds), "(no error)");
  EXPECT_GT(rewinds, 2);  // the budget holds far fewer than 400 respondents
  // A respondent in two groups and a pair answered twice, far apart, among other problems.
  std::string bad = clean;
  bad += "r5,Central,A1.1,1,\n";    // r5 is in Civil society
  bad += "r399,Central,A1.1,1,\n";  // answered already
  bad += "r12,Civil society,Z9.9,1,\n";
  bad += "r7,Agencies,A1.1,,\n";  // an empty answer is no second answer
  bad += "r250,Agencies,A2.2,1,\n";
  const std::string problems = Streamed(bad, 0, &rewinds);
  EXPECT_GT(rewinds, 2);
  const size_t r5_line = 2 + 5 * instrument_.statements().size();
  EXPECT_THAT(problems, HasSubstr("respondent 'r5' is in group 'Central' here but in group "
                                  "'Civil society' on line " +
                                  std::to_string(r5_line)));
  EXPECT_THAT(problems, HasSubstr("respondent 'r399' answers statement A1.1 a second time"));
  EXPECT_THAT(problems, HasSubstr("unknown statement 'Z9.9'"));
  EXPECT_THAT(problems, HasSubstr("respondent 'r250' answers statement A2.2 a second time"));
}

}  // namespace
}  // namespace meter
