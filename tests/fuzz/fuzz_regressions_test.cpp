// Every input that fuzzing ever found (tests/fuzz/regressions/<target>/*) replayed through the same
// property check as its fuzz target (fuzz_checks.h), in the normal build: each must now give a
// clean result or a clean error, never a crash or a broken property. Also checks that the HTML
// safety check itself catches what it is there to catch.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "core/instrument_loader.h"
#include "core/knowledge.h"
#include "core/utf8.h"
#include "fuzz/fuzz_checks.h"
#include "web/http.h"

namespace meter::fuzz {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::function<std::string(std::string_view)>>& Targets() {
  static const std::map<std::string, std::function<std::string(std::string_view)>> kTargets = {
      {"instrument", CheckInstrument},
      {"answers_csv", CheckAnswersCsv},
      {"form", CheckForm},
      {"knowledge", CheckKnowledge},
      {"xlsx", CheckXlsx}};
  return kTargets;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FuzzRegressions, EverySavedFindingNowPassesItsCheck) {
  const fs::path root = fs::path(METER_SOURCE_DIR) / "tests/fuzz/regressions";
  size_t replayed = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const auto target = Targets().find(dir.path().filename().string());
    ASSERT_NE(target, Targets().end()) << "no fuzz target named " << dir.path();
    for (const auto& file : fs::directory_iterator(dir.path())) {
      if (file.path().filename() == "README.md") continue;
      EXPECT_EQ(target->second(Read(file.path())), "") << file.path();
      ++replayed;
    }
  }
  RecordProperty("replayed", static_cast<int>(replayed));
}

// The findings of docs/security.md, as the behaviour a user sees.
TEST(FuzzRegressions, YamlFilesWithARawControlCharacterAreRefusedAtItsPlace) {
  using namespace std::string_literals;
  auto instrument = LoadInstrument("format: meter-instrument/1\nid: a\0b\n"s, "i.yaml");
  ASSERT_FALSE(instrument.ok());
  EXPECT_EQ(instrument.error().ToString(),
            "i.yaml:2:6: the file contains a control character (byte 0), which YAML does not "
            "allow; remove it");
  auto countries = CountryList::Parse("iso3,name,region_code,region,subregion_code,subregion\n",
                                      "countries.csv");
  ASSERT_TRUE(countries.ok());
  auto entry = ParseKnowledgeEntry("---\nkind: lesson\ntitle: \x01\n---\nBody\n"s, "e.md",
                                   Instrument{}, countries.value());
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().ToString(),
            "e.md:3:8: the file contains a control character (byte 1), which YAML does not "
            "allow; remove it");
}

TEST(FuzzRegressions, ErrorMessagesStayUtf8) {
  auto form = ParseForm("%C0%AFme=%F");  // an overlong (not UTF-8) name, a broken value
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().problems.at(0).where, "");
  form = ParseForm(std::string(39, 'a') + "\xC3\xA9%");  // 'é' cut by the 40-byte excerpt
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(FindInvalidUtf8(form.error().ToString()), std::string::npos);
  auto instrument = LoadInstrument("a: \"\\\xC3\xA9\"\n", "i.yaml");  // "\é": a bad escape
  ASSERT_FALSE(instrument.ok());
  EXPECT_EQ(FindInvalidUtf8(instrument.error().ToString()), std::string::npos);
  EXPECT_EQ(ToValidUtf8("a\xC3"), "a\xEF\xBF\xBD");
}

TEST(FuzzRegressions, TheSeedsPassTheirChecks) {
  const fs::path source(METER_SOURCE_DIR);
  EXPECT_EQ(CheckInstrument(Read(source / "content/instruments/meter-2.0.yaml")), "");
  EXPECT_EQ(CheckAnswersCsv(Read(source / "content/samples/aurelia-2026-answers.csv")), "");
  EXPECT_EQ(CheckKnowledge(Read(source / "content/knowledge/case-estonia-x-road.md")), "");
  for (const auto& file : fs::directory_iterator(source / "tests/fuzz/seeds/form")) {
    EXPECT_EQ(CheckForm(Read(file.path())), "") << file.path();
  }
}

TEST(FuzzRegressions, TheHtmlCheckCatchesRawHtmlAndDangerousLinks) {
  EXPECT_EQ(HtmlSafetyProblem("<p><a href=\"https://e.org/?a=1&amp;b\" title=\"t\">x</a> "
                              "<img src=\"data:image/png;base64,AA\" alt=\"a &lt;b&gt;\" /></p>\n"
                              "<pre><code class=\"language-c\">&lt;script&gt;</code></pre>\n"
                              "<ol start=\"7\">\n<li>x</li>\n</ol>\n<!-- raw HTML omitted -->"),
            "");
  EXPECT_NE(HtmlSafetyProblem("<p><script>alert(1)</script></p>"), "");
  EXPECT_NE(HtmlSafetyProblem("<p><SCRIPT>alert(1)</SCRIPT></p>"), "");
  EXPECT_NE(HtmlSafetyProblem("<p><img src=x onerror=alert(1)></p>"), "");
  EXPECT_NE(HtmlSafetyProblem("<p><a href=\"x\" onclick=\"alert(1)\">x</a></p>"), "");
  EXPECT_NE(HtmlSafetyProblem("<a href=\"JavaScript:alert(1)\">x</a>"), "");
  EXPECT_NE(HtmlSafetyProblem("<a href=\" \x01javascript:x\">x</a>"), "");
  EXPECT_NE(HtmlSafetyProblem("<a href=\"\tjava\nscript:alert(1)\">x</a>"), "");
  EXPECT_NE(HtmlSafetyProblem("<img src=\"data:text/html,x\" alt=\"\" />"), "");
  EXPECT_NE(HtmlSafetyProblem("<a href=\"vbscript:x\">x</a>"), "");
}

}  // namespace
}  // namespace meter::fuzz
