#include "core/csv.h"

#include <gtest/gtest.h>

namespace meter {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, CsvReader* out = nullptr) {
  CsvReader local(text);
  CsvReader& reader = out ? *out : local;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> fields;
  while (reader.Next(fields)) rows.emplace_back(fields.begin(), fields.end());
  return rows;
}

TEST(CsvReader, ReadsRfc4180QuotingAndLineBreaks) {
  const auto rows = ReadAll("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two\nlines", "", "x"}));
}

TEST(CsvReader, CountsLinesAcrossQuotedLineBreaks) {
  CsvReader reader("h\n\"a\nb\"\nc\n");
  std::vector<std::string_view> f;
  ASSERT_TRUE(reader.Next(f));
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(reader.line(), 4u);
  EXPECT_EQ(f[0], "c");
}

TEST(CsvReader, SkipsAByteOrderMarkAndHandlesNoFinalNewline) {
  const auto rows = ReadAll("\xEF\xBB\xBFx,y\n1,2");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "x");
  EXPECT_EQ(rows[1][1], "2");
}

TEST(CsvReader, RejectsAnUnclosedQuote) {
  CsvReader reader("a\n\"open,b\nc\n");
  ReadAll("", &reader);
  ASSERT_NE(reader.error(), nullptr);
  EXPECT_EQ(reader.line(), 2u);
}

TEST(CsvReader, RejectsAStrayQuote) {
  CsvReader reader("a,b\"c\n");
  ReadAll("", &reader);
  ASSERT_NE(reader.error(), nullptr);
  CsvReader after("\"a\"b\n");
  ReadAll("", &after);
  EXPECT_NE(after.error(), nullptr);
}

// Plain records are split sixteen bytes at a time where the machine allows (csv.cpp): fields of
// every length from 0 to 40, so that field ends fall at every place in a block and across blocks.
TEST(CsvReader, SplitsPlainRecordsWhereverTheFieldEndsFall) {
  std::vector<std::vector<std::string>> expected;
  std::string text;
  for (size_t first = 0; first <= 40; ++first) {
    for (size_t width = 1; width <= 6; ++width) {
      std::vector<std::string> record;
      for (size_t i = 0; i < width; ++i)
        record.push_back(std::string((first + 7 * i) % 41, static_cast<char>('a' + i)));
      if (record.size() == 1 && record[0].empty()) record[0] = "z";  // not a blank line
      for (size_t i = 0; i < record.size(); ++i) text += (i ? "," : "") + record[i];
      text += first % 3 == 0 ? "\r\n" : "\n";  // every third record through the general path
      expected.push_back(std::move(record));
    }
  }
  EXPECT_EQ(ReadAll(text), expected);
}

TEST(CsvReader, FindsAStrayQuoteOrACutRecordPastTheFirstSixteenBytes) {
  CsvReader quote("0123456789,0123456789,01234\"6789\n");
  ReadAll("", &quote);
  EXPECT_NE(quote.error(), nullptr);
  CsvReader cut("0123456789,0123456789,0123456789,01", /*final=*/false);
  std::vector<std::string_view> fields;
  EXPECT_FALSE(cut.Next(fields));
  EXPECT_TRUE(cut.need_more());
  EXPECT_EQ(cut.consumed(), 0u);
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"x\""), "\"say \"\"x\"\"\"");
  const auto rows = ReadAll(CsvField("line\nbreak, \"q\"") + "\n");
  EXPECT_EQ(rows[0][0], "line\nbreak, \"q\"");
}

}  // namespace
}  // namespace meter
