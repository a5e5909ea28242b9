// Issue 11: the text rule every input follows (core/text_rules.h) and the round caps of
// core/limits.h as the core rules apply them, for the web, the API and the CLI alike.
#include "core/text_rules.h"

#include <gmock/gmock.h>

#include "core/limits.h"
#include "core/round_rules.h"
#include "core/utf8.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;

TEST(TextRules, ALineAllowsNoControlCharacterAndLinesAllowTabsAndLineBreaks) {
  const std::string nul("a\0b", 3);
  for (const std::string& text : {nul, std::string("a\x01"), std::string("\x1F"),
                                  std::string("a\x7F"), std::string("lone\rreturn")}) {
    EXPECT_NE(FindForbiddenControl(text, TextShape::kLine), std::string::npos) << text;
    EXPECT_NE(FindForbiddenControl(text, TextShape::kLines), std::string::npos) << text;
  }
  for (const std::string text : {"tab\there", "two\nlines", "crlf\r\nlines"}) {
    EXPECT_NE(FindForbiddenControl(text, TextShape::kLine), std::string::npos) << text;
    EXPECT_EQ(FindForbiddenControl(text, TextShape::kLines), std::string::npos) << text;
  }
  EXPECT_EQ(FindForbiddenControl("Décret n° 12 — 第十二号 — مرسوم", TextShape::kLine),
            std::string::npos);
  EXPECT_EQ(CountCharacters("é中a"), 3u);
  EXPECT_FALSE(TextProblem("f", "ééé", TextShape::kLine, 3));
  auto long_one = TextProblem("f", "éééé", TextShape::kLine, 3);
  ASSERT_TRUE(long_one);
  EXPECT_EQ(Render(*long_one), "f: the text is longer than 3 characters");
  EXPECT_EQ(Render(*TextProblem("f", nul, TextShape::kLines)),
            "f: the text contains a control character (code 0), which is not allowed; remove it");
  EXPECT_EQ(Render(*TextProblem("f", "a\nb", TextShape::kLine)),
            "f: this field must be a single line");
  EXPECT_EQ(Render(*TextProblem("f", "\xC3", TextShape::kLine)), "f: the text is not valid UTF-8");
}

TEST(TextRules, APlainAsciiPrefixEndsAtTheFirstByteTheChecksMustLookAt) {
  const std::string plain = "r00001,Central government,C1.1,3,\ta comment\n";  // 44 bytes
  EXPECT_EQ(PlainAsciiPrefix(plain), plain.size());
  EXPECT_EQ(PlainAsciiPrefix(""), 0u);
  // Each kind of byte that stops it, in a word read whole and in the bytes after the last word.
  for (const std::string& stop :
       std::vector<std::string>{"\xC3\xA9", "\r\n", "\x7F", std::string(1, '\0'), "\x01", "\x80"}) {
    for (size_t at : {size_t{0}, size_t{7}, size_t{8}, size_t{42}}) {
      const std::string text = plain.substr(0, at) + stop + plain;
      EXPECT_EQ(PlainAsciiPrefix(text), at) << at << " " << static_cast<int>(stop[0]);
    }
  }
}

// The one UTF-8 decoder of core (core/utf8.h): a character of each length, and U+FFFD for one
// byte wherever FindInvalidUtf8 stops — an overlong form, a surrogate, past U+10FFFF, a sequence
// cut short, a continuation byte alone.
TEST(TextRules, TheUtf8DecoderReadsWhatFindInvalidUtf8AcceptsAndOneByteOfTheRest) {
  const auto decoded = [](std::string_view text) {
    const CodePoint c = DecodeUtf8At(text, 0);
    return std::make_pair(static_cast<unsigned>(c.value), c.length);
  };
  EXPECT_EQ(decoded("A"), std::make_pair(0x41u, size_t{1}));
  EXPECT_EQ(decoded("\xC3\xA9"), std::make_pair(0xE9u, size_t{2}));        // é
  EXPECT_EQ(decoded("\xE2\x80\xAE"), std::make_pair(0x202Eu, size_t{3}));  // RLO
  EXPECT_EQ(decoded("\xF0\x9F\x98\x80"), std::make_pair(0x1F600u, size_t{4}));
  for (const std::string bad :
       {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x80", "\x80", "\xFF",
        "\xC3"
        "A"}) {
    EXPECT_EQ(FindInvalidUtf8(bad), 0u) << bad;
    EXPECT_EQ(decoded(bad), std::make_pair(0xFFFDu, size_t{1})) << bad;
  }
}

TEST(RoundRules, ARoundTakesAtMostItsRespondentsGroupsAndPillars) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  Respondent r;
  r.name = "Ana";
  r.group = "Agencies";
  EXPECT_TRUE(CheckNewRespondent(r, &in, kMaxRespondentsPerRound - 1).ok());
  auto full = CheckNewRespondent(r, &in, kMaxRespondentsPerRound);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().ToString(), "name: a round may have at most 500 respondents");
  r.pillars = {"C", "T", "C"};
  EXPECT_THAT(CheckNewRespondent(r, &in, 0).error().ToString(),
              HasSubstr("pillar 'C' is chosen twice"));
  r.pillars = {"C", "Q"};
  EXPECT_THAT(CheckNewRespondent(r, &in, 0).error().ToString(), HasSubstr("no pillar 'Q'"));
  r.pillars.assign(kMaxPillarsPerRespondent + 1, "C");
  EXPECT_THAT(CheckNewRespondent(r, &in, 0).error().ToString(), HasSubstr("at most 12 pillars"));
  r.pillars = {};
  r.name = std::string(kMaxRespondentNameLength, 'n');
  EXPECT_TRUE(CheckNewRespondent(r, &in, 0).ok());
  r.name += "n";
  EXPECT_FALSE(CheckNewRespondent(r, &in, 0).ok());

  std::vector<RespondentGroup> groups;
  for (size_t i = 0; i < kMaxGroupsPerRound; ++i) groups.push_back({"G" + std::to_string(i), 1});
  EXPECT_TRUE(GroupProblems(groups).empty());
  groups.push_back({"one more", 1});
  ASSERT_EQ(GroupProblems(groups).size(), 1u);
  EXPECT_EQ(Render(GroupProblems(groups)[0]), "groups: a round may have at most 20 groups");

  EXPECT_EQ(ParseWeight("1000"), 1000);
  EXPECT_EQ(ParseWeight("0.5"), 0.5);
  for (const char* bad : {"0", "-1", "1000.01", "1e308", "nan", "inf", "", "1 ", "abc"})
    EXPECT_FALSE(ParseWeight(bad)) << bad;
}

}  // namespace
}  // namespace meter
