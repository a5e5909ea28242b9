// The six-language instrument: the canonical writer, stale translations, and the translators'
// gettext round trip (po-export, po-import), on the shipped instruments themselves.
#include "core/instrument_po.h"

#include <gmock/gmock.h>

#include "core/instrument_writer.h"
#include "core/po_catalog.h"
#include "test_support.h"

namespace meter {
namespace {

const char* const kShipped[] = {"content/instruments/meter-2.0.yaml",
                                "content/instruments/meter-3.0.yaml"};

using testing::LoadText;

TEST(InstrumentWriter, TheShippedInstrumentsAreInTheCanonicalLayout) {
  for (const char* file : kShipped) {
    const std::string text = testing::ReadText(testing::SourcePath(file));
    Instrument in = LoadText(text, file);
    EXPECT_EQ(WriteInstrumentYaml(in), text) << file << " is not what the writer writes";
  }
}

TEST(InstrumentWriter, TheShippedInstrumentsHaveAllSixLanguagesAsDraftTranslations) {
  for (const char* file : kShipped) {
    const Instrument in = testing::LoadOrFail(file);
    EXPECT_THAT(in.languages, ::testing::ElementsAre("ar", "zh", "en", "fr", "ru", "es")) << file;
    for (const char* lang : {"ar", "zh", "fr", "ru", "es"}) {
      EXPECT_TRUE(in.IsDraftTranslation(lang)) << file << " " << lang;
      EXPECT_NE(in.statements()[0].statement->text.Get(lang),
                in.statements()[0].statement->text.Get("en"))
          << file << " " << lang;
    }
    EXPECT_FALSE(in.IsDraftTranslation("en"));
  }
}

TEST(InstrumentWriter, WhatItWritesLoadsToTheSameInstrument) {
  const std::string text = testing::ReadText(testing::SourcePath(kShipped[1]));
  Instrument in = LoadText(text);
  Instrument again = LoadText(WriteInstrumentYaml(in));
  ASSERT_EQ(again.statements().size(), in.statements().size());
  for (size_t i = 0; i < in.statements().size(); ++i) {
    const Statement& a = *in.statements()[i].statement;
    const Statement& b = *again.statements()[i].statement;
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.text.all(), b.text.all());
    EXPECT_EQ(a.weight, b.weight);
    EXPECT_EQ(a.answer_set, b.answer_set);
  }
  ASSERT_TRUE(again.mapping.has_value());
  EXPECT_EQ(again.mapping->renamed, in.mapping->renamed);
  EXPECT_EQ(again.mapping->retired, in.mapping->retired);
}

TEST(InstrumentWriter, FoldsLongTextsWithoutChangingThem) {
  Instrument in = LoadText(testing::ReadText(testing::SourcePath(kShipped[0])));
  const std::string odd = "Two  spaces, a \"quote\", a back\\slash, a tab\there and " +
                          std::string(30, 'x') + " " + std::string(120, 'y') + " end.";
  in.pillars[0].overview.Set("en", odd);
  Instrument again = LoadText(WriteInstrumentYaml(in));
  EXPECT_EQ(again.pillars[0].overview.Get("en"), odd);
}

// Changes the English of C1.1 in the file text, as a maintainer editing by hand would.
std::string WithEnglishChanged(std::string text) {
  Instrument in = LoadText(text);
  const std::string old = in.FindSubArea("C1")->statements[0].text.Get("en");
  in.pillars[0].subareas[0].statements[0].text.Set("en", old + " Revised.");
  std::string out = WriteInstrumentYaml(in);
  // The writer would refresh the fingerprint; a hand edit does not, so put the old one back.
  const size_t at = out.find(" Revised.\"");
  const size_t source = out.find("source: ", at);
  return out.replace(source + 8, 8, SourceFingerprint(old));
}

TEST(StaleTranslations, AnEnglishChangeMakesEveryTranslationOfThatTextShowTheEnglish) {
  const std::string text = testing::ReadText(testing::SourcePath(kShipped[0]));
  Instrument in = LoadText(WithEnglishChanged(text));
  const LocalizedText& c11 = in.FindSubArea("C1")->statements[0].text;
  EXPECT_TRUE(c11.IsStale("fr"));
  EXPECT_EQ(c11.Get("fr"), c11.Get("en"));
  EXPECT_EQ(c11.Show("fr").lang, "en");
  const LocalizedText& c12 = in.FindSubArea("C1")->statements[1].text;
  EXPECT_FALSE(c12.IsStale("fr"));
  EXPECT_EQ(c12.Show("fr").lang, "fr");
  // The catalog marks it fuzzy, and the writer keeps the state as an explicit list.
  EXPECT_THAT(ExportInstrumentPo(in, "fr"),
              ::testing::HasSubstr("#, fuzzy\nmsgctxt \"C1.1/text\""));
  EXPECT_THAT(WriteInstrumentYaml(in), ::testing::HasSubstr("fuzzy: [ar, zh, fr, ru, es]"));
}

TEST(PoRoundTrip, AnUnchangedCatalogLeavesEachFileByteForByte) {
  for (const char* file : kShipped) {
    const std::string text = testing::ReadText(testing::SourcePath(file));
    for (const char* lang : {"ar", "zh", "fr", "ru", "es"}) {
      Instrument in = LoadText(text, file);
      auto catalog = ParsePo(ExportInstrumentPo(in, lang), "x.po");
      ASSERT_TRUE(catalog.ok()) << catalog.error().ToString();
      auto changed = ImportInstrumentPo(in, catalog.value(), "x.po");
      ASSERT_TRUE(changed.ok()) << changed.error().ToString();
      EXPECT_EQ(changed.value(), 0u) << file << " " << lang;
      EXPECT_EQ(WriteInstrumentYaml(in), text) << file << " " << lang;
    }
  }
}

TEST(PoRoundTrip, AChangedTranslationLandsInItsPlaceAndNowhereElse) {
  const std::string text = testing::ReadText(testing::SourcePath(kShipped[0]));
  Instrument in = LoadText(text);
  std::string po = ExportInstrumentPo(in, "es");
  const std::string old = in.FindSubArea("L2")->statements[1].text.Get("es");
  const size_t at = po.find("msgstr \"" + old + "\"");
  ASSERT_NE(at, std::string::npos);
  po.replace(at + 8, old.size(), "Texto revisado por el traductor.");
  auto changed = ImportInstrumentPo(in, ParsePo(po, "es.po").value(), "es.po");
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed.value(), 1u);
  Instrument again = LoadText(WriteInstrumentYaml(in));
  const std::string id = again.FindSubArea("L2")->statements[1].id;
  EXPECT_EQ(again.FindSubArea("L2")->statements[1].text.Get("es"),
            "Texto revisado por el traductor.");
  const Instrument before = LoadText(text);
  for (size_t i = 0; i < before.statements().size(); ++i) {
    const Statement& s = *before.statements()[i].statement;
    if (s.id == id) continue;
    EXPECT_EQ(again.statements()[i].statement->text.all(), s.text.all()) << s.id;
  }
}

TEST(PoImport, ATranslationOfAnOlderEnglishIsKeptButStale) {
  Instrument in = LoadText(testing::ReadText(testing::SourcePath(kShipped[0])));
  std::string po = ExportInstrumentPo(in, "fr");
  const std::string english = in.FindSubArea("C1")->statements[0].text.Get("en");
  po.replace(po.find("msgid \"" + english), 7 + english.size(), "msgid \"An older English.");
  ASSERT_TRUE(ImportInstrumentPo(in, ParsePo(po, "fr.po").value(), "fr.po").ok());
  // Unchanged text, now stale: the catalog was made from other English.
  EXPECT_TRUE(in.FindSubArea("C1")->statements[0].text.IsStale("fr"));
}

// po-import's bad input: each is refused at file:line, and the instrument is not changed.
struct BadCatalog {
  const char* name;
  std::string (*make)(std::string po);
  const char* where;
  const char* says;
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  if (at == std::string::npos) ADD_FAILURE() << "no '" << from << "'";
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

TEST(PoImport, RefusesBadCatalogsNamingTheLineAndChangesNothing) {
  const std::string text = testing::ReadText(testing::SourcePath(kShipped[0]));
  Instrument pristine = LoadText(text);
  const std::string po = ExportInstrumentPo(pristine, "fr");
  const std::vector<BadCatalog> cases = {
      {"unknown ID", [](std::string p) { return Replace(p, "\"C1.1/text\"", "\"C9.9/text\""); },
       "fr.po:", "unknown ID 'C9.9/text'"},
      {"a language the instrument lacks, incomplete",
       [](std::string p) {
         p = Replace(p, "Language: fr", "Language: de");
         const size_t at = p.find("msgstr \"", p.find("C1.1/text"));
         return p.replace(at, p.find('\n', at) - at, "msgstr \"\"");
       },
       "fr.po:4:", "adds the language 'de'"},
      {"not a language code",
       [](std::string p) { return Replace(p, "Language: fr", "Language: French"); },
       "fr.po:4:", "'French'"},
      {"english catalog", [](std::string p) { return Replace(p, "Language: fr", "Language: en"); },
       "fr.po:4:", "'en'"},
      {"broken placeholder",
       [](std::string p) {
         p = Replace(p, "msgid \"METER 2.0\"", "msgid \"METER {1}\"");
         return p;
       },
       "fr.po:", "placeholders"},
      {"unterminated string",
       [](std::string p) { return Replace(p, "msgctxt \"C1.2/text\"", "msgctxt \"C1.2/text"); },
       "fr.po:", "double quotes"},
  };
  for (const BadCatalog& c : cases) {
    Instrument in = LoadText(text);
    const std::string bad = c.make(po);
    auto parsed = ParsePo(bad, "fr.po");
    std::string message;
    if (!parsed) {
      message = parsed.error().ToString();
    } else {
      auto changed = ImportInstrumentPo(in, parsed.value(), "fr.po");
      ASSERT_FALSE(changed.ok()) << c.name;
      message = changed.error().ToString();
    }
    EXPECT_THAT(message, ::testing::HasSubstr(c.where)) << c.name;
    EXPECT_THAT(message, ::testing::HasSubstr(c.says)) << c.name;
    EXPECT_EQ(WriteInstrumentYaml(in), text) << c.name << " changed the instrument";
  }
}

TEST(PoImport, ACompleteCatalogInANewLanguageAddsItAsADraft) {
  Instrument in = LoadText(testing::ReadText(testing::SourcePath(kShipped[0])));
  std::string po = Replace(ExportInstrumentPo(in, "fr"), "Language: fr", "Language: pt");
  auto changed = ImportInstrumentPo(in, ParsePo(po, "pt.po").value(), "pt.po");
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_THAT(in.languages, ::testing::ElementsAre("ar", "zh", "en", "fr", "ru", "es", "pt"));
  EXPECT_TRUE(in.IsDraftTranslation("pt"));
  EXPECT_TRUE(LoadInstrument(WriteInstrumentYaml(in), "x.yaml").ok());
}

TEST(PoCatalog, ReadsWhatGettextToolsWrite) {
  const std::string po =
      "# translator comment\n"
      "msgid \"\"\n"
      "msgstr \"\"\n"
      "\"Language: ru\\n\"\n"
      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
      "\n"
      "#. a note\n"
      "#, fuzzy\n"
      "#| msgid \"old\"\n"
      "msgctxt \"C/name\"\n"
      "msgid \"\"\n"
      "\"Commit\"\n"
      "\"ment\"\n"
      "msgstr \"\\\"Приверженность\\\"\"\n"
      "\n"
      "#~ msgid \"gone\"\n"
      "#~ msgstr \"ушло\"\n";
  auto parsed = ParsePo(po, "ru.po");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(parsed.value().header.at("Language"), "ru");
  ASSERT_EQ(parsed.value().entries.size(), 1u);
  const PoEntry& e = parsed.value().entries[0];
  EXPECT_EQ(e.context, "C/name");
  EXPECT_EQ(e.id, "Commitment");
  EXPECT_EQ(e.text, "\"Приверженность\"");
  EXPECT_TRUE(e.fuzzy);
  EXPECT_EQ(e.line, 7u);
}

}  // namespace
}  // namespace meter
