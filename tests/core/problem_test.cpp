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
