// Knowledge entries: every bundled entry loads against METER 3.0 (which has the Marketing pillar),
// the collection covers every pillar, and a broken entry is refused with each problem and its line.
// An entry survives the export format and the web form unchanged; the form's problems name their
// field; search words never carry query syntax.
#include "core/knowledge.h"

#include <gmock/gmock.h>

#include <map>
#include <set>

#include "core/knowledge_form.h"
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

std::vector<KnowledgeEntry> BundledEntries(const Instrument& in, const CountryList& countries) {
  std::vector<KnowledgeEntry> out;
  for (const auto& e : fs::directory_iterator(testing::SourcePath("content/knowledge"))) {
    auto entry = ParseKnowledgeEntry(testing::ReadText(e.path()), e.path().filename().string(), in,
                                     countries);
    EXPECT_TRUE(entry.ok()) << entry.error().ToString();
    if (entry) out.push_back(std::move(entry).value());
  }
  return out;
}

TEST(Knowledge, EveryEntrySurvivesTheExportFormatAndTheWebForm) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0-draft.yaml");
  const CountryList countries = Countries();
  KnowledgeEntry odd;
  odd.slug = "lesson-odd-texts";
  odd.kind = "lesson";
  odd.title = "Quotes \" and 'apostrophes', colons: #hash, --- and [brackets] {braces}";
  odd.region = "  leading and trailing spaces  ";
  odd.year = 2020;
  odd.pillars = {"M"};
  odd.subareas = {};
  odd.sources = {{"", "", "A publication only"}, {"Title", "https://example.org/a?b=c&d", "Pub"}};
  odd.summary = "Line one\nline two\ttab, 中文, العربية, émigré, \\ backslash, <script>x</script>";
  odd.body_markdown = "---\nA body that starts like front matter\n---\n";
  std::vector<KnowledgeEntry> entries = BundledEntries(in, countries);
  ASSERT_GE(entries.size(), 30u);
  entries.push_back(odd);
  for (const KnowledgeEntry& e : entries) {
    auto again = ParseKnowledgeEntry(FormatKnowledgeEntry(e), e.slug + ".md", in, countries);
    ASSERT_TRUE(again.ok()) << e.slug << ": " << again.error().ToString();
    EXPECT_EQ(again.value(), e) << FormatKnowledgeEntry(e);
    if (e.slug == odd.slug) continue;  // the form trims texts; the bundled ones have no padding
    auto from_form = KnowledgeEntryFromForm(KnowledgeFormOf(e), e.slug, in, countries);
    ASSERT_TRUE(from_form.ok()) << e.slug << ": " << from_form.error().ToString();
    EXPECT_EQ(from_form.value(), e) << e.slug;
  }
}

TEST(Knowledge, TheFormNamesTheFieldOfEachProblem) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0-draft.yaml");
  KnowledgeForm form;
  form.kind = "case";
  form.year = "20x0";
  form.pillars = "C, Q";
  form.subareas = "C1 C99";
  form.sources = "Only a title | javascript:alert(1)\n| \n";
  auto entry = KnowledgeEntryFromForm(form, "case-x", in, Countries());
  ASSERT_FALSE(entry.ok());
  std::map<std::string, std::string> by_field;
  for (const Problem& p : entry.error().problems) by_field[p.where] += Render(p) + "\n";
  EXPECT_THAT(by_field["year"], HasSubstr("'year' must be a year from 1950 to 2100"));
  EXPECT_THAT(by_field["title"], HasSubstr("'title' must be a non-empty text"));
  EXPECT_THAT(by_field["summary"], HasSubstr("'summary' must be a non-empty text"));
  EXPECT_THAT(by_field["country"], HasSubstr("a case needs a 'country'"));
  EXPECT_THAT(by_field["pillars"], HasSubstr("unknown pillar 'Q'"));
  EXPECT_THAT(by_field["subareas"], HasSubstr("unknown sub-area 'C99'"));
  EXPECT_THAT(by_field["sources"], HasSubstr("must start with https:// or http://"));
  EXPECT_EQ(by_field.count("kind"), 0u);
  EXPECT_EQ(by_field.count("slug"), 0u);

  form = KnowledgeForm{"lesson",     " A title ",   "",   "",
                       "2019",       "T",           "T2", "OECD (2019), Review\r\n",
                       "A summary.", "Body\r\nline"};
  auto good = KnowledgeEntryFromForm(form, "lesson-a-title", in, Countries());
  ASSERT_TRUE(good.ok()) << good.error().ToString();
  EXPECT_EQ(good.value().title, "A title");
  EXPECT_EQ(good.value().year, 2019);
  EXPECT_EQ(good.value().sources, (std::vector<KnowledgeSource>{{"OECD (2019), Review", "", ""}}));
  EXPECT_EQ(good.value().body_markdown, "Body\nline\n");
}

TEST(Knowledge, SlugsAreLowerCaseWordsAndFileNamesMustBeToo) {
  EXPECT_EQ(KnowledgeSlugFor("case", "Estonia's X-Road (2001)!"), "case-estonia-s-x-road-2001");
  EXPECT_EQ(KnowledgeSlugFor("lesson", "数字政府"), "lesson-entry");
  EXPECT_EQ(KnowledgeSlugFor("story", "A"), "entry-a");
  EXPECT_LE(KnowledgeSlugFor("lesson", std::string(300, 'a')).size(), 67u);
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0-draft.yaml");
  const std::string text =
      "---\nkind: lesson\ntitle: t\npillars: []\nsubareas: []\nsources:\n  - title: s\n"
      "summary: s\n---\n";
  EXPECT_TRUE(ParseKnowledgeEntry(text, "dir/lesson-ok.md", in, Countries()).ok());
  for (const char* bad : {"dir/Upper.md", "dir/new.md", "dir/with space.md"}) {
    auto entry = ParseKnowledgeEntry(text, bad, in, Countries());
    ASSERT_FALSE(entry.ok()) << bad;
    EXPECT_THAT(entry.error().ToString(), HasSubstr("must be lower-case letters"));
  }
}

TEST(Knowledge, SearchWordsAreTextWithALetterOrDigit) {
  EXPECT_EQ(KnowledgeSearchTerms("  digital   identity\t"),
            (std::vector<std::string>{"digital", "identity"}));
  EXPECT_TRUE(KnowledgeSearchTerms("\" * ( ) -- ;").empty());
  EXPECT_EQ(KnowledgeSearchTerms("AND OR NEAR( x-road \"quoted"),
            (std::vector<std::string>{"AND", "OR", "NEAR(", "x-road", "\"quoted"}));
  EXPECT_EQ(KnowledgeSearchTerms("données 数字").size(), 2u);
  EXPECT_EQ(KnowledgeSearchTerms("w w w w w w w w w w w w w w w w w w w w").size(), 16u);
  EXPECT_TRUE(KnowledgeSearchTerms(std::string(101, 'a')).empty());
}

}  // namespace
}  // namespace meter
