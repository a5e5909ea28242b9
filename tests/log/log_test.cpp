// The log's line formats (issue 15): one line per event whatever its text holds, text as
// key=value with quoting where needed, JSON as one object that parses.
#include "log/log.h"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <regex>

namespace meter::log {
namespace {

using ::testing::HasSubstr;

constexpr const char* kTime = "2026-03-01T09:30:00.123Z";

TEST(LogLine, TextIsOneLineOfKeysAndValuesWithTheNodeAndLevel) {
  const Settings settings{Format::kText, "node-a", Level::kInfo};
  const std::string line = FormatLine(settings, kTime, Level::kWarning, "auth", "",
                                      {{"request_id", "abc"}, {"user", "a b@x"}});
  EXPECT_EQ(line,
            "2026-03-01T09:30:00.123Z warning node=node-a event=auth request_id=abc "
            "user=\"a b@x\"\n");
}

TEST(LogLine, AMessageWithNewlinesAndQuotesStaysOnOneLine) {
  const Settings settings{Format::kText, "", Level::kInfo};
  const std::string line = FormatLine(settings, kTime, Level::kError, "database",
                                      "ERROR:  relation \"x\" does not exist\nLINE 1: SELECT", {});
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_THAT(line,
              HasSubstr("msg=\"ERROR:  relation \\\"x\\\" does not exist\\nLINE 1: SELECT\""));
  EXPECT_THAT(line, ::testing::Not(HasSubstr("node=")));
}

TEST(LogLine, JsonIsOneObjectThatParsesWithEveryField) {
  const Settings settings{Format::kJson, "127.0.0.1:8080", Level::kInfo};
  const std::string line =
      FormatLine(settings, kTime, Level::kInfo, "access", "two\nlines \x01 \xC3\xA9",
                 {{"route", "/rounds/:id"}, {"status", "200"}});
  ASSERT_EQ(line.find('\n'), line.size() - 1) << line;
  const nlohmann::json parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["time"], kTime);
  EXPECT_EQ(parsed["level"], "info");
  EXPECT_EQ(parsed["node"], "127.0.0.1:8080");
  EXPECT_EQ(parsed["event"], "access");
  EXPECT_EQ(parsed["route"], "/rounds/:id");
  EXPECT_EQ(parsed["status"], "200");
  EXPECT_EQ(parsed["msg"], "two\nlines \x01 \xC3\xA9");
}

TEST(LogLine, TimesAreRfc3339InUtcWithMilliseconds) {
  const std::string now = UtcTimestamp();
  ASSERT_EQ(now.size(), 24u) << now;
  EXPECT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << now;
}

TEST(LogFormat, OnlyTextAndJsonAreFormats) {
  Format format = Format::kText;
  EXPECT_TRUE(ParseFormat("json", format));
  EXPECT_EQ(format, Format::kJson);
  EXPECT_TRUE(ParseFormat("text", format));
  EXPECT_EQ(format, Format::kText);
  EXPECT_FALSE(ParseFormat("xml", format));
}

}  // namespace
}  // namespace meter::log
