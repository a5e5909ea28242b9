#include "core/problem.h"

#include <gtest/gtest.h>

#include "core/band.h"
#include "core/utf8.h"

namespace meter {
namespace {

TEST(Substitute, FillsNumberedPlaceholdersAndKeepsTheRest) {
  EXPECT_EQ(Substitute("{2} before {1}", {"a", "b"}), "b before a");
  EXPECT_EQ(Substitute("{3} and { en: x } and {}", {"a"}), "{3} and { en: x } and {}");
}

TEST(Error, RendersEveryProblemWithItsPlace) {
  Error e{ErrorCode::kInvalidInput,
          {{"f.csv:3", "unknown statement '{1}'", {"X1.1"}}, {"", "no place", {}}}};
  EXPECT_EQ(e.ToString(), "f.csv:3: unknown statement 'X1.1'\nno place");
}

// What a message quotes from a file or a form is shown, not obeyed: a terminal escape, a line
// break or a right-to-left override in a key or a file name cannot clear the screen, add a line or
// disguise the message (the class: every Problem goes through Render).
TEST(Render, ShowsControlAndBidirectionalCharactersInArgumentsAndPlacesAsEscapes) {
  const Problem p{"inst\x1B[2J.yaml:3",
                  "the key '{1}' is given twice in this mapping (first at {2})",
                  {"ti\ttle\n\x7F\xC2\x85\xE2\x80\xAE"
                   "evil",
                   "3:1"}};
  EXPECT_EQ(Render(p),
            "inst\\x1B[2J.yaml:3: the key 'ti\\ttle\\n\\x7F\\u0085\\u202Eevil' is given twice in "
            "this mapping (first at 3:1)");
  // The UN languages' own letters, and marks that are not controls, are left as they are.
  const std::string plain = "Évaluation — 評估 — تقييم — Оценка \xE2\x80\x94 \xE2\x80\x8B";
  EXPECT_EQ(ShownInAMessage(plain), plain);
  EXPECT_EQ(ShownInAMessage("\xE2\x81\xA6x\xE2\x81\xA9\xE2\x80\xA8"), "\\u2066x\\u2069\\u2028");
  EXPECT_EQ(ShownInAMessage("cut \xC2"), "cut \xC2");  // a sequence cut short is left alone
}

TEST(Band, FollowsTheEgdiThresholds) {
  EXPECT_EQ(BandOf(0), Band::kLow);
  EXPECT_EQ(BandOf(24.999), Band::kLow);
  EXPECT_EQ(BandOf(25), Band::kMiddle);
  EXPECT_EQ(BandOf(50), Band::kHigh);
  EXPECT_EQ(BandOf(74.99), Band::kHigh);
  EXPECT_EQ(BandOf(75), Band::kVeryHigh);
  EXPECT_EQ(BandOf(100), Band::kVeryHigh);
  EXPECT_EQ(BandFromKey("very_high"), Band::kVeryHigh);
  EXPECT_EQ(BandFromKey("VeryHigh"), std::nullopt);
}

TEST(Utf8, AcceptsWellFormedTextInTheUnLanguages) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii, long enough for the fast path"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Développement, Развитие, التنمية, 发展, desarrollo 😀"),
            std::string_view::npos);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("abc\xff"), 3u);                   // never valid
  EXPECT_EQ(FindInvalidUtf8("ab\xc3"), 2u);                    // truncated
  EXPECT_EQ(FindInvalidUtf8("\xc0\xaf"), 0u);                  // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xed\xa0\x80"), 1u);             // a UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("12345678\xf4\x90\x80\x80"), 8u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("latin-1 caf\xe9 au lait"), 11u);
}

}  // namespace
}  // namespace meter
