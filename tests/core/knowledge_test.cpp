// Knowledge entries: every bundled entry loads against METER 3.0 (which has the Marketing pillar)
// with its title and summary in all six UN languages, the collection covers every pillar, and a
// broken entry is refused with each problem and its line. An entry survives the export format and
// the web form unchanged; an old file with plain texts still loads; the languages' rules name the
// language; the form's problems name their field; search words never carry query syntax.
#include "core/knowledge.h"

#include <gmock/gmock.h>

#include <map>
#include <set>

#include "core/knowledge_form.h"
#include "core/languages.h"
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
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
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
    // Every shipped entry is translated: a title and a summary in each UN language.
    for (const std::string& lang : kUnLanguages) {
      EXPECT_TRUE(entry.value().titles.count(lang)) << e.path() << ": no title in " << lang;
      EXPECT_TRUE(entry.value().summaries.count(lang)) << e.path() << ": no summary in " << lang;
    }
    EXPECT_EQ(entry.value().titles.size(), 6u) << e.path();
    pillars.insert(entry.value().pillars.begin(), entry.value().pillars.end());
  }
  EXPECT_GE(entries, 30u);
  EXPECT_GE(cases, 5u);
  EXPECT_EQ(pillars, (std::set<std::string>{"C", "L", "P", "O", "T", "M"}));
}

TEST(Knowledge, RefusesABrokenEntryWithEveryProblemAndItsLine) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
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

// What the YAML reader refuses is placed in the file, the front matter starting on its line 2.
TEST(Knowledge, RefusesTwiceGivenKeysAndBrokenYamlAtTheirLine) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  const auto refusal = [&](const std::string& front) {
    auto entry = ParseKnowledgeEntry("---\n" + front + "---\nBody.\n", "x.md", in, Countries());
    return entry.ok() ? std::string("loaded") : entry.error().ToString();
  };
  EXPECT_THAT(refusal("kind: case\nkind: lesson\n"),
              HasSubstr("x.md:3:1: the key 'kind' is given twice in this mapping (first at 2:1)"));
  EXPECT_THAT(refusal("kind: case\ntitle: \"open\n"),
              HasSubstr("x.md:4:1: not valid YAML: found unexpected end of stream"));
  EXPECT_THAT(refusal("kind: &k case\nlanguage: *q\n"),
              HasSubstr("x.md:3:11: the alias '*q' names no anchor"));
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
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  const CountryList countries = Countries();
  KnowledgeEntry odd;
  odd.slug = "lesson-odd-texts";
  odd.kind = "lesson";
  odd.language = "ar";
  odd.titles = {{"ar", "عنوانٌ: \"مقتبس\""},
                {"en", "Quotes \" and 'apostrophes', colons: #hash, --- and [brackets] {braces}"},
                {"zh", "null"}};
  odd.summaries = {{"ar", "سطر\nسطر"},
                   {"en",
                    "Line one\nline two\ttab, 中文, العربية, émigré, \\ backslash, "
                    "<script>x</script>"},
                   {"zh", "- not a list"}};
  odd.region = "  leading and trailing spaces  ";
  odd.year = 2020;
  odd.pillars = {"M"};
  odd.subareas = {};
  odd.sources = {{"", "", "A publication only"}, {"Title", "https://example.org/a?b=c&d", "Pub"}};
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
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
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
  EXPECT_THAT(by_field["title_en"], HasSubstr("'title' must be a non-empty text"));
  EXPECT_THAT(by_field["summary_en"], HasSubstr("'summary' must be a non-empty text"));
  EXPECT_THAT(by_field["country"], HasSubstr("a case needs a 'country'"));
  EXPECT_THAT(by_field["pillars"], HasSubstr("unknown pillar 'Q'"));
  EXPECT_THAT(by_field["subareas"], HasSubstr("unknown sub-area 'C99'"));
  EXPECT_THAT(by_field["sources"], HasSubstr("must start with https:// or http://"));
  EXPECT_EQ(by_field.count("kind"), 0u);
  EXPECT_EQ(by_field.count("slug"), 0u);

  form = KnowledgeForm{};
  form.kind = "lesson";
  form.titles = {{"en", " A title "}, {"fr", "  "}, {"ar", ""}};
  form.summaries = {{"en", "A summary."}, {"fr", ""}};
  form.year = "2019";
  form.pillars = "T";
  form.subareas = "T2";
  form.sources = "OECD (2019), Review\r\n";
  form.body = "Body\r\nline";
  auto good = KnowledgeEntryFromForm(form, "lesson-a-title", in, Countries());
  ASSERT_TRUE(good.ok()) << good.error().ToString();
  EXPECT_EQ(good.value().language, "en");  // none chosen: English, as in a file
  EXPECT_EQ(good.value().titles, (std::map<std::string, std::string>{{"en", "A title"}}));
  EXPECT_EQ(good.value().year, 2019);
  EXPECT_EQ(good.value().sources, (std::vector<KnowledgeSource>{{"OECD (2019), Review", "", ""}}));
  EXPECT_EQ(good.value().body_markdown, "Body\nline\n");

  // A French body needs its French title and summary; a translation needs both of its texts.
  form.language = "fr";
  form.titles["ru"] = "Заголовок";
  auto french = KnowledgeEntryFromForm(form, "lesson-a-title", in, Countries());
  ASSERT_FALSE(french.ok());
  by_field.clear();
  for (const Problem& p : french.error().problems) by_field[p.where] += Render(p) + "\n";
  EXPECT_THAT(by_field["title_fr"],
              HasSubstr("'title' needs a text in 'fr', the language of the body"));
  EXPECT_THAT(by_field["summary_fr"], HasSubstr("'summary' needs a text in 'fr'"));
  EXPECT_THAT(by_field["summary_ru"],
              HasSubstr("'summary' needs a text in 'ru', as 'title' has one"));
  EXPECT_EQ(by_field.count("title_en"), 0u);
  form.language = "de";
  auto german = KnowledgeEntryFromForm(form, "lesson-a-title", in, Countries());
  ASSERT_FALSE(german.ok());
  EXPECT_THAT(german.error().ToString(), HasSubstr("language: 'de' is not a UN language"));
}

// The file of an entry whose front matter is `front` (between the '---' lines) and body "Body.".
std::string File(const std::string& front) { return "---\n" + front + "---\nBody.\n"; }

constexpr const char* kRest = "pillars: [T]\nsubareas: [T2]\nsources:\n  - title: \"A source\"\n";

TEST(Knowledge, AFileWithPlainTextsStillLoadsAsTheTextsInItsLanguage) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  // A file written before the translations: no language, one title, one summary.
  auto old = ParseKnowledgeEntry(
      File("kind: lesson\ntitle: \"Old title\"\n" + std::string(kRest) + "summary: Old.\n"),
      "lesson-old.md", in, Countries());
  ASSERT_TRUE(old.ok()) << old.error().ToString();
  EXPECT_EQ(old.value().language, "en");
  EXPECT_EQ(old.value().titles, (std::map<std::string, std::string>{{"en", "Old title"}}));
  EXPECT_EQ(old.value().summaries, (std::map<std::string, std::string>{{"en", "Old."}}));
  // The export writes it with its language and maps, and reads back the same.
  const std::string exported = FormatKnowledgeEntry(old.value());
  EXPECT_THAT(exported, HasSubstr("language: en\ntitle:\n  en: \"Old title\"\n"));
  EXPECT_EQ(ParseKnowledgeEntry(exported, "lesson-old.md", in, Countries()).value(), old.value());

  // A plain text is in the entry's language, whichever it is.
  auto french = ParseKnowledgeEntry(File("kind: lesson\nlanguage: fr\ntitle: Titre\n" +
                                         std::string(kRest) + "summary: Résumé.\n"),
                                    "lesson-fr.md", in, Countries());
  ASSERT_TRUE(french.ok()) << french.error().ToString();
  EXPECT_EQ(french.value().Title("fr"), "Titre");
  EXPECT_EQ(french.value().Title("ar"), "Titre");  // no Arabic title: the body's language's
  EXPECT_EQ(french.value().ShownLanguage("ar"), "fr");

  // Maps by language; the title and summary shown follow the reader's language.
  auto both =
      ParseKnowledgeEntry(File("kind: lesson\ntitle: {en: One, zh: \"一个\"}\n" +
                               std::string(kRest) + "summary:\n  zh: \"摘要。\"\n  en: Summary.\n"),
                          "lesson-both.md", in, Countries());
  ASSERT_TRUE(both.ok()) << both.error().ToString();
  EXPECT_EQ(both.value().Title("zh"), "一个");
  EXPECT_EQ(both.value().Summary("zh"), "摘要。");
  EXPECT_EQ(both.value().Title("ru"), "One");
}

TEST(Knowledge, TheLanguagesRulesArePlacedAtTheirLineInTheFile) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  const std::string text = File(
      "kind: lesson\n"                // 2
      "language: fr\n"                // 3
      "title:\n"                      // 4
      "  en: \"English\"\n"           // 5
      "  de: \"Deutsch\"\n"           // 6
      "  ar: \"\"\n"                  // 7
      "  ru: [a, list]\n"             // 8
      "pillars: [T]\nsubareas: []\n"  // 9, 10
      "sources:\n  - title: s\n"      // 11, 12
      "summary:\n"                    // 13
      "  en: \"English.\"\n");        // 14
  auto entry = ParseKnowledgeEntry(text, "lesson-languages.md", in, Countries());
  ASSERT_FALSE(entry.ok());
  const std::string errors = entry.error().ToString();
  EXPECT_THAT(errors, HasSubstr("lesson-languages.md:5:3: 'title' needs a text in 'fr', the "
                                "language of the body"))
      << errors;
  EXPECT_THAT(errors, HasSubstr(":6:7: 'de' is not a UN language: use ar, zh, en, fr, ru or es"));
  EXPECT_THAT(errors, HasSubstr(":7:7: 'title' must be a non-empty text"));
  EXPECT_THAT(errors, HasSubstr(":8:7: 'title' must be a non-empty text"));
  EXPECT_THAT(errors, HasSubstr(":14:3: 'summary' needs a text in 'fr', the language of the body"));
  auto sequence =
      ParseKnowledgeEntry(File("kind: lesson\ntitle: [a]\n" + std::string(kRest) + "summary: s\n"),
                          "lesson-seq.md", in, Countries());
  ASSERT_FALSE(sequence.ok());
  EXPECT_THAT(sequence.error().ToString(), HasSubstr(":3:8: 'title' must be a text, or texts by "
                                                     "language"));
  auto unknown = ParseKnowledgeEntry(
      File("kind: lesson\nlanguage: xx\ntitle: t\n" + std::string(kRest) + "summary: s\n"),
      "lesson-xx.md", in, Countries());
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.error().ToString(),
              HasSubstr("lesson-xx.md:3:11: 'xx' is not a UN language"));
}

TEST(Knowledge, ListsAreOrderedByTheTitleTheReaderSeesAndByRelevanceForASubArea) {
  auto summary = [](std::string slug, std::string kind, std::string en, std::string fr,
                    std::vector<std::string> subareas) {
    KnowledgeSummary s;
    s.slug = std::move(slug);
    s.kind = std::move(kind);
    s.titles = {{"en", std::move(en)}};
    if (!fr.empty()) s.titles["fr"] = std::move(fr);
    s.subareas = std::move(subareas);
    return s;
  };
  const std::vector<KnowledgeSummary> all = {
      summary("lesson-z", "lesson", "Zebra", "État civil", {"T2", "C1"}),
      summary("case-b", "case", "Beta", "", {"C1"}),
      summary("lesson-a", "lesson", "alpha", "Zèbre", {"C1"}),
  };
  auto slugs = [](const std::vector<KnowledgeSummary>& list) {
    std::vector<std::string> out;
    for (const KnowledgeSummary& s : list) out.push_back(s.slug);
    return out;
  };
  std::vector<KnowledgeSummary> list = all;
  SortKnowledgeByTitle(list, "en");
  EXPECT_EQ(slugs(list), (std::vector<std::string>{"lesson-a", "case-b", "lesson-z"}));
  SortKnowledgeByTitle(list, "fr");  // Beta (no French title), État civil, Zèbre
  EXPECT_EQ(slugs(list), (std::vector<std::string>{"case-b", "lesson-z", "lesson-a"}));
  // C1: those that list it first, cases first among them, then by title; then lesson-z.
  EXPECT_EQ(slugs(KnowledgeAbout(all, "C1", "en")),
            (std::vector<std::string>{"case-b", "lesson-a", "lesson-z"}));
  EXPECT_EQ(slugs(KnowledgeAbout(all, "T2", "en")), (std::vector<std::string>{"lesson-z"}));
  EXPECT_TRUE(KnowledgeAbout(all, "P1", "en").empty());
}

TEST(Knowledge, SlugsAreLowerCaseWordsAndFileNamesMustBeToo) {
  EXPECT_EQ(KnowledgeSlugFor("case", "Estonia's X-Road (2001)!"), "case-estonia-s-x-road-2001");
  EXPECT_EQ(KnowledgeSlugFor("lesson", "数字政府"), "lesson-entry");
  EXPECT_EQ(KnowledgeSlugFor("story", "A"), "entry-a");
  EXPECT_LE(KnowledgeSlugFor("lesson", std::string(300, 'a')).size(), 67u);
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
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

TEST(Knowledge, SearchWordsAreNormalisedTextWithALetterOrDigit) {
  EXPECT_EQ(KnowledgeSearchTerms("  Digital   identity\t"),
            (std::vector<std::string>{"digital", "identity"}));
  EXPECT_TRUE(KnowledgeSearchTerms("\" * ( ) -- ;").empty());
  // Query syntax is only letters among others: quotes, brackets and '-' separate words.
  EXPECT_EQ(KnowledgeSearchTerms("AND OR NEAR( x-road \"quoted"),
            (std::vector<std::string>{"and", "or", "near", "x", "road", "quoted"}));
  EXPECT_EQ(KnowledgeSearchTerms("données 数字"), (std::vector<std::string>{"donnees", "数字"}));
  EXPECT_EQ(
      KnowledgeSearchTerms("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17").size(),
      16u);
  EXPECT_TRUE(KnowledgeSearchTerms(std::string(101, 'a')).empty());
}

TEST(Knowledge, TheSearchTextHoldsEveryLanguageAndTheTags) {
  KnowledgeEntry e;
  e.titles = {{"en", "Digital identity"}, {"zh", "数字身份"}, {"ar", "الهُوِيَّة الرقمية"}};
  e.summaries = {{"en", "One login."}, {"fr", "Une identité numérique."}};
  e.body_markdown = "## What was done\nÉtat **civil**.\n";
  e.pillars = {"T"};
  e.subareas = {"T2"};
  e.country = "EST";
  e.region = "Europe";
  const KnowledgeSearchText text = KnowledgeSearchTextOf(e);
  EXPECT_EQ(text.title, "الهوية الرقمية digital identity 数字 字身 身份 数 字 身 份");
  EXPECT_EQ(text.summary, "one login une identite numerique");
  EXPECT_EQ(text.body, "what was done etat civil");
  EXPECT_EQ(text.tags, "t t2 est europe");
}

}  // namespace
}  // namespace meter
