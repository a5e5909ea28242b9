// Knowledge entries: every bundled entry loads against METER 3.0 (which has the Marketing pillar),
// the collection covers every pillar, and a broken entry is refused with each problem and its line.
#include "core/knowledge.h"

#include <gmock/gmock.h>

#include <set>

#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

CountryList Countries() {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  EXPECT_TRUE(list.ok()) << list.error().ToString();
  return std::move(list).value();
}

TEST(Knowledge, EveryBundledEntryLoadsAndTheyCoverEveryPillar) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0-draft.yaml");
  const CountryList countries = Countries();
  EXPECT_EQ(countries.all().size(), 193u);
  std::set<std::string> pillars;
  size_t entries = 0, cases = 0;
  for (const auto& e : fs::directory_iterator(testing::SourcePath("content/knowledge"))) {
    auto entry = ParseKnowledgeEntry(testing::ReadText(e.path()), e.path().filename().string(), in,
                                     countries);
    ASSERT_TRUE(entry.ok()) << entry.error().ToString();
    ++entries;
    cases += entry.value().kind == "case";
    EXPECT_FALSE(entry.value().sources.empty());
    EXPECT_GT(entry.value().body_markdown.size(), 500u) << e.path();
    pillars.insert(entry.value().pillars.begin(), entry.value().pillars.end());
  }
  EXPECT_GE(entries, 30u);
  EXPECT_GE(cases, 5u);
  EXPECT_EQ(pillars, (std::set<std::string>{"C", "L", "P", "O", "T", "M"}));
}

TEST(Knowledge, RefusesABrokenEntryWithEveryProblemAndItsLine) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0-draft.yaml");
  const std::string text =
      "---\n"                             // 1
      "kind: story\n"                     // 2
      "title: \"Broken\"\n"               // 3
      "country: XYZ\n"                    // 4
      "year: 1066\n"                      // 5
      "pillars: [C, Q]\n"                 // 6
      "subareas: [C9]\n"                  // 7
      "sources:\n"                        // 8
      "  - url: \"ftp://example.org\"\n"  // 9
      "summary: \"s\"\n"                  // 10
      "---\n"
      "Body.\n";
  auto entry = ParseKnowledgeEntry(text, "content/knowledge/broken.md", in, Countries());
  ASSERT_FALSE(entry.ok());
  const std::string errors = entry.error().ToString();
  EXPECT_THAT(errors, HasSubstr("broken.md:2:7: 'kind' must be 'lesson' or 'case', not 'story'"));
  EXPECT_THAT(errors, HasSubstr("broken.md:4:10: 'XYZ' is not a UN member state"));
  EXPECT_THAT(errors, HasSubstr("broken.md:5:7: 'year' must be a year from 1950 to 2100"));
  EXPECT_THAT(errors, HasSubstr("broken.md:6:10: unknown pillar 'Q'"));
  EXPECT_THAT(errors, HasSubstr("broken.md:7:11: unknown sub-area 'C9'"));
  EXPECT_THAT(errors, HasSubstr("broken.md:9:5: a source needs a 'title' or a 'publication'"));
  EXPECT_THAT(errors, HasSubstr("a source's 'url' must start with https://"));
  EXPECT_FALSE(ParseKnowledgeEntry("no front matter", "x.md", in, Countries()).ok());
}

}  // namespace
}  // namespace meter
