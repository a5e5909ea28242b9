// What changed between two instrument versions: every kind of change of every unit kind, on a
// small two-language instrument edited in memory; statements paired through the newer version's
// mapping, through the older one's read backwards, and by ID only; and the bundled 2.0 → 3.0 draft.
#include "core/instrument_diff.h"

#include <gmock/gmock.h>

#include <regex>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Version 1.0 of a small instrument in English and French. Every text is unique, so that one
// Replace edits exactly one place.
const char* const kBase = R"(format: meter-instrument/1
id: t
version: "1.0"
status: released
title: { en: T, fr: T }
languages: [en, fr]
default_answer_set: scale
answer_sets:
  - id: scale
    levels:
      - { code: "0", value: 0, label: { en: "No", fr: "Non" } }
      - { code: "1", value: 1, label: { en: "Yes", fr: "Oui" } }
    dont_know: { en: Don't know, fr: Ne sait pas }
    not_applicable: { en: Not applicable, fr: Sans objet }
  - id: three
    levels:
      - { code: "0", value: 0, label: { en: "None", fr: "Aucun" } }
      - { code: "1", value: 0.5, label: { en: "Some", fr: "Un peu" } }
      - { code: "2", value: 1, label: { en: "All", fr: "Tout" } }
    dont_know: { en: Don't know, fr: Ne sait pas }
    not_applicable: { en: Not applicable, fr: Sans objet }
pillars:
  - id: C
    name: { en: Commitment, fr: Engagement }
    overview: { en: Why commitment matters., fr: Pourquoi l'engagement compte. }
    subareas:
      - id: C1
        name: { en: Training, fr: Formation }
        actions:
          low: [{ en: Start training., fr: Commencer la formation. }]
          middle: [{ en: Extend., fr: Étendre. }]
          high: [{ en: Consolidate., fr: Consolider. }]
          very_high: [{ en: Sustain., fr: Maintenir. }]
        statements:
          - { id: C1.1, text: { en: First., fr: Premier. } }
          - { id: C1.2, text: { en: Second., fr: Deuxième. } }
      - id: C2
        name: { en: Service, fr: Service public }
        prerequisites: [C1]
        actions:
          low: [{ en: Start., fr: Commencer. }]
          middle: [{ en: Extend., fr: Étendre. }]
          high: [{ en: Consolidate., fr: Consolider. }]
          very_high: [{ en: Sustain., fr: Maintenir. }]
        statements:
          - { id: C2.1, text: { en: Third., fr: Troisième. } }
          - { id: C2.2, text: { en: Fourth., fr: Quatrième. } }
  - id: L
    name: { en: Legal, fr: Juridique }
    overview: { en: Why law matters., fr: Pourquoi le droit compte. }
    subareas:
      - id: L1
        name: { en: Regulation, fr: Réglementation }
        actions:
          low: [{ en: Start., fr: Commencer. }]
          middle: [{ en: Extend., fr: Étendre. }]
          high: [{ en: Consolidate., fr: Consolider. }]
          very_high: [{ en: Sustain., fr: Maintenir. }]
        statements:
          - { id: L1.1, text: { en: Fifth., fr: Cinquième. } }
      - id: L2
        name: { en: Privacy, fr: Vie privée }
        actions:
          low: [{ en: Start., fr: Commencer. }]
          middle: [{ en: Extend., fr: Étendre. }]
          high: [{ en: Consolidate., fr: Consolider. }]
          very_high: [{ en: Sustain., fr: Maintenir. }]
        statements:
          - { id: L2.1, text: { en: Sixth., fr: Sixième. } }
          - { id: L2.2, text: { en: Seventh., fr: Septième. } }
)";

// A pillar to add at the end of the pillars.
const char* const kPillarM = R"(  - id: M
    name: { en: Marketing, fr: Marketing }
    overview: { en: Why marketing matters., fr: Pourquoi le marketing compte. }
    subareas:
      - id: M1
        name: { en: Awareness, fr: Notoriété }
        actions:
          low: [{ en: Start., fr: Commencer. }]
          middle: [{ en: Extend., fr: Étendre. }]
          high: [{ en: Consolidate., fr: Consolider. }]
          very_high: [{ en: Sustain., fr: Maintenir. }]
        statements:
          - { id: M1.1, text: { en: Eighth., fr: Huitième. } }
)";

using testing::Replace;

Instrument Load(const std::string& text) { return testing::LoadText(text, "t.yaml"); }

// `text` as version 2.0, which follows 1.0 with this mapping (YAML flow maps and lists).
std::string Version2(const std::string& text, const std::string& renamed = "{}",
                     const std::string& retired = "[]") {
  return Replace(text, "version: \"1.0\"", "version: \"2.0\"") + "mapping:\n  from: \"1.0\"\n" +
         "  renamed: " + renamed + "\n  retired: " + retired + "\n";
}

// `text` in English only.
std::string EnglishOnly(const std::string& text) {
  return std::regex_replace(Replace(text, "languages: [en, fr]", "languages: [en]"),
                            std::regex(", fr: [^}]*"), "");
}

// The changes of one unit kind and kind, as "old_id>id" (or "id") with "before|after" after ":"
// when either is there.
std::vector<std::string> Of(const InstrumentDiff& d, DiffUnit unit, DiffKind kind) {
  std::vector<std::string> out;
  for (const InstrumentChange& c : d.changes) {
    if (c.unit != unit || c.kind != kind) continue;
    std::string s = (c.old_id.empty() ? "" : c.old_id + ">") + c.id;
    if (!c.before.empty() || !c.after.empty()) s += ":" + c.before + "|" + c.after;
    out.push_back(s);
  }
  return out;
}

// The change of this unit kind, kind and ID; an empty one (and a failure) when there is none.
const InstrumentChange* Find(const InstrumentDiff& d, DiffUnit unit, DiffKind kind,
                             const std::string& id) {
  for (const InstrumentChange& c : d.changes) {
    if (c.unit == unit && c.kind == kind && c.id == id) return &c;
  }
  ADD_FAILURE() << "no " << DiffKindKey(unit, kind) << " change of " << id;
  static const InstrumentChange kNone;
  return &kNone;
}

TEST(DiffInstruments, TheSameVersionHasNoChanges) {
  const Instrument a = Load(kBase), b = Load(kBase);
  const InstrumentDiff d = DiffInstruments(a, b);
  EXPECT_THAT(d.changes, IsEmpty());
  EXPECT_FALSE(d.mapped);
  EXPECT_FALSE(d.matched_by_id_only);
  EXPECT_EQ(d.from_version, "1.0");
  EXPECT_EQ(d.to_id, "t");
}

TEST(DiffInstruments, LanguagesAddedAndRemoved) {
  const Instrument en = Load(EnglishOnly(kBase)), both = Load(Version2(kBase));
  const InstrumentDiff added = DiffInstruments(en, both);
  EXPECT_THAT(Of(added, DiffUnit::kLanguage, DiffKind::kAdded), ElementsAre("fr"));
  EXPECT_THAT(Of(added, DiffUnit::kLanguage, DiffKind::kRetired), IsEmpty());
  const InstrumentDiff removed = DiffInstruments(both, en);
  EXPECT_THAT(Of(removed, DiffUnit::kLanguage, DiffKind::kRetired), ElementsAre("fr"));
  // Only translations changed: nothing was reworded.
  EXPECT_EQ(removed.changes.size(), 1u);
}

TEST(DiffInstruments, AnswerSetsAddedRemovedAndLevelsChanged) {
  const std::string base = kBase;
  const size_t three = base.find("  - id: three\n");
  const std::string without_three = base.substr(0, three) + base.substr(base.find("pillars:"));
  const Instrument with = Load(kBase), without = Load(without_three);
  EXPECT_THAT(Of(DiffInstruments(without, with), DiffUnit::kAnswerSet, DiffKind::kAdded),
              ElementsAre("three:|0=0, 1=0.5, 2=1"));
  EXPECT_THAT(Of(DiffInstruments(with, without), DiffUnit::kAnswerSet, DiffKind::kRetired),
              ElementsAre("three:0=0, 1=0.5, 2=1|"));
  EXPECT_EQ(DiffKindKey(DiffUnit::kAnswerSet, DiffKind::kRetired), "removed");

  const Instrument revalued = Load(Version2(Replace(kBase, "value: 0.5", "value: 0.4")));
  EXPECT_THAT(Of(DiffInstruments(with, revalued), DiffUnit::kAnswerSet, DiffKind::kLevelsChanged),
              ElementsAre("three:0=0, 1=0.5, 2=1|0=0, 1=0.4, 2=1"));
  // A new English label changes the levels too, though codes and values stay.
  const Instrument relabelled = Load(Version2(Replace(kBase, "en: \"Some\"", "en: \"Part\"")));
  EXPECT_THAT(Of(DiffInstruments(with, relabelled), DiffUnit::kAnswerSet, DiffKind::kLevelsChanged),
              ElementsAre("three:0=0, 1=0.5, 2=1|0=0, 1=0.5, 2=1"));
}

TEST(DiffInstruments, PillarsAddedAndRetired) {
  const Instrument v1 = Load(kBase), v2 = Load(Version2(std::string(kBase) + kPillarM));
  const InstrumentDiff d = DiffInstruments(v1, v2);
  EXPECT_TRUE(d.mapped);
  EXPECT_THAT(Of(d, DiffUnit::kPillar, DiffKind::kAdded), ElementsAre("M:|Marketing"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kAdded), ElementsAre("M1:|Awareness"));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kAdded), ElementsAre("M1.1:|Eighth."));
  EXPECT_EQ(d.changes.size(), 3u);
  const InstrumentDiff back = DiffInstruments(v2, v1);
  EXPECT_TRUE(back.mapped);
  EXPECT_THAT(Of(back, DiffUnit::kPillar, DiffKind::kRetired), ElementsAre("M:Marketing|"));
  EXPECT_THAT(Of(back, DiffUnit::kSubArea, DiffKind::kRetired), ElementsAre("M1:Awareness|"));
  EXPECT_THAT(Of(back, DiffUnit::kStatement, DiffKind::kRetired), ElementsAre("M1.1:Eighth.|"));
}

TEST(DiffInstruments, PillarNameOverviewAndWeight) {
  std::string text = Replace(kBase, "{ en: Legal, fr: Juridique }", "{ en: Law, fr: Droit }");
  text = Replace(text, "{ en: Why law matters., fr: Pourquoi le droit compte. }",
                 "{ en: Why the law matters., fr: Pourquoi le droit compte., fuzzy: [fr] }");
  text = Replace(text, "    name: { en: Commitment", "    weight: 2\n    name: { en: Commitment");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(Version2(text)));
  EXPECT_THAT(Of(d, DiffUnit::kPillar, DiffKind::kReworded), ElementsAre("L:Legal|Law"));
  EXPECT_THAT(Find(d, DiffUnit::kPillar, DiffKind::kReworded, "L")->updated_languages,
              ElementsAre("fr"));
  EXPECT_THAT(Of(d, DiffUnit::kPillar, DiffKind::kOverviewChanged),
              ElementsAre("L:Why law matters.|Why the law matters."));
  const InstrumentChange* overview = Find(d, DiffUnit::kPillar, DiffKind::kOverviewChanged, "L");
  EXPECT_THAT(overview->stale_languages, ElementsAre("fr"));
  EXPECT_THAT(overview->updated_languages, IsEmpty());
  EXPECT_THAT(Of(d, DiffUnit::kPillar, DiffKind::kWeightChanged), ElementsAre("C:1|2"));
  EXPECT_EQ(d.changes.size(), 3u);
}

TEST(DiffInstruments, SubAreasAddedAndRetired) {
  const std::string c3 =
      "      - id: C3\n        name: { en: Innovation, fr: Innovation }\n        actions:\n"
      "          low: [{ en: Start., fr: Commencer. }]\n"
      "          middle: [{ en: Extend., fr: Étendre. }]\n"
      "          high: [{ en: Consolidate., fr: Consolider. }]\n"
      "          very_high: [{ en: Sustain., fr: Maintenir. }]\n        statements:\n"
      "          - { id: C3.1, text: { en: New., fr: Nouveau. } }\n";
  const std::string text = Replace(kBase, "  - id: L\n", c3 + "  - id: L\n");
  const Instrument v1 = Load(kBase), v2 = Load(Version2(text));
  EXPECT_THAT(Of(DiffInstruments(v1, v2), DiffUnit::kSubArea, DiffKind::kAdded),
              ElementsAre("C3:|Innovation"));
  EXPECT_THAT(Of(DiffInstruments(v2, v1), DiffUnit::kSubArea, DiffKind::kRetired),
              ElementsAre("C3:Innovation|"));
}

TEST(DiffInstruments, ASubAreaWhoseStatementsAllMovedIsRenamedAndMoved) {
  // L2 becomes C3: its statements follow the mapping into the new sub-area of another pillar.
  std::string text = Replace(kBase, "- id: L2\n", "- id: C3\n");
  text = Replace(text, "id: L2.1,", "id: C3.1,");
  text = Replace(text, "id: L2.2,", "id: C3.2,");
  // Sub-areas must sit in their pillar: move the block under C.
  const size_t from = text.find("      - id: C3\n");
  const std::string block = text.substr(from);
  text = Replace(text.substr(0, from), "  - id: L\n", block + "  - id: L\n");
  const InstrumentDiff d =
      DiffInstruments(Load(kBase), Load(Version2(text, "{ L2.1: C3.1, L2.2: C3.2 }")));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kRenamed), ElementsAre("L2>C3"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kMoved), ElementsAre("L2>C3:L|C"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kAdded), IsEmpty());
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kRetired), IsEmpty());
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kRenamed),
              ElementsAre("L2.1>C3.1", "L2.2>C3.2"));
  // The statements stayed in their sub-area, which moved: they did not move themselves.
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kMoved), IsEmpty());
}

TEST(DiffInstruments, ASubAreaRenumberedInItsPillarIsRenamedNotMoved) {
  std::string text = Replace(kBase, "- id: C2\n", "- id: C3\n");
  text = Replace(text, "id: C2.1,", "id: C3.1,");
  text = Replace(text, "id: C2.2,", "id: C3.2,");
  const InstrumentDiff d =
      DiffInstruments(Load(kBase), Load(Version2(text, "{ C2.1: C3.1, C2.2: C3.2 }")));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kRenamed), ElementsAre("C2>C3"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kMoved), IsEmpty());
}

TEST(DiffInstruments, SubAreaNameActionsPrerequisitesAndWeight) {
  std::string text = Replace(kBase, "{ en: Training, fr: Formation }",
                             "{ en: Training resources, fr: Formation, fuzzy: [fr] }");
  text = Replace(text, "low: [{ en: Start training., fr: Commencer la formation. }]",
                 "low: [{ en: Start training now., fr: Commencer la formation. }]");
  text = Replace(text, "        prerequisites: [C1]\n", "");
  text = Replace(text, "      - id: L1\n", "      - id: L1\n        weight: 0.5\n");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(Version2(text)));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kReworded),
              ElementsAre("C1:Training|Training resources"));
  EXPECT_THAT(Find(d, DiffUnit::kSubArea, DiffKind::kReworded, "C1")->stale_languages,
              ElementsAre("fr"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kActionsChanged), ElementsAre("C1"));
  EXPECT_THAT(Find(d, DiffUnit::kSubArea, DiffKind::kActionsChanged, "C1")->bands,
              ElementsAre("low"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kPrerequisitesChanged), ElementsAre("C2:C1|"));
  EXPECT_THAT(Of(d, DiffUnit::kSubArea, DiffKind::kWeightChanged), ElementsAre("L1:1|0.5"));
  EXPECT_EQ(d.changes.size(), 4u);
}

TEST(DiffInstruments, TranslationOnlyChangesAreNotChanges) {
  const std::string text = Replace(kBase, "fr: Premier.", "fr: Le premier.");
  EXPECT_THAT(DiffInstruments(Load(kBase), Load(Version2(text))).changes, IsEmpty());
}

TEST(DiffInstruments, StatementsAddedRetiredAndRenamed) {
  // C1.2 is renamed C1.3, C2.2 retired, L1.2 added.
  std::string text = Replace(kBase, "id: C1.2,", "id: C1.3,");
  text = Replace(text, "          - { id: C2.2, text: { en: Fourth., fr: Quatrième. } }\n", "");
  text = Replace(text, "          - { id: L1.1, text: { en: Fifth., fr: Cinquième. } }\n",
                 "          - { id: L1.1, text: { en: Fifth., fr: Cinquième. } }\n"
                 "          - { id: L1.2, text: { en: New., fr: Nouveau. } }\n");
  const InstrumentDiff d =
      DiffInstruments(Load(kBase), Load(Version2(text, "{ C1.2: C1.3 }", "[C2.2]")));
  EXPECT_TRUE(d.mapped);
  EXPECT_FALSE(d.matched_by_id_only);
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kRenamed), ElementsAre("C1.2>C1.3"));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kRetired), ElementsAre("C2.2:Fourth.|"));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kAdded), ElementsAre("L1.2:|New."));
  EXPECT_EQ(d.changes.size(), 3u);
}

TEST(DiffInstruments, AStatementRenamedIntoAnotherSubAreaHasMoved) {
  std::string text =
      Replace(kBase, "          - { id: C1.2, text: { en: Second., fr: Deuxième. } }\n", "");
  text = Replace(text, "          - { id: C2.2, text: { en: Fourth., fr: Quatrième. } }\n",
                 "          - { id: C2.2, text: { en: Fourth., fr: Quatrième. } }\n"
                 "          - { id: C2.3, text: { en: Second., fr: Deuxième. } }\n");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(Version2(text, "{ C1.2: C2.3 }")));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kRenamed), ElementsAre("C1.2>C2.3"));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kMoved), ElementsAre("C1.2>C2.3:C1|C2"));
  EXPECT_EQ(d.changes.size(), 2u);
}

TEST(DiffInstruments, StatementRewordedWithItsTranslationsUpdatedOrStale) {
  std::string text =
      Replace(kBase, "{ en: First., fr: Premier. }", "{ en: The first., fr: Le premier. }");
  text = Replace(text, "{ en: Third., fr: Troisième. }",
                 "{ en: The third., fr: Troisième., source: 00000000 }");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(Version2(text)));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kReworded),
              ElementsAre("C1.1:First.|The first.", "C2.1:Third.|The third."));
  const InstrumentChange* updated = Find(d, DiffUnit::kStatement, DiffKind::kReworded, "C1.1");
  EXPECT_THAT(updated->updated_languages, ElementsAre("fr"));
  EXPECT_THAT(updated->stale_languages, IsEmpty());
  // The fingerprint is not the new English's: the French was made from older English.
  const InstrumentChange* stale = Find(d, DiffUnit::kStatement, DiffKind::kReworded, "C2.1");
  EXPECT_THAT(stale->updated_languages, IsEmpty());
  EXPECT_THAT(stale->stale_languages, ElementsAre("fr"));
}

TEST(DiffInstruments, StatementAnswerSetAndWeight) {
  std::string text = Replace(kBase, "{ id: C2.1, text:", "{ id: C2.1, answer_set: three, text:");
  text = Replace(text, "{ id: L1.1, text:", "{ id: L1.1, weight: 3, text:");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(Version2(text)));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kAnswerSetChanged),
              ElementsAre("C2.1:scale|three"));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kWeightChanged), ElementsAre("L1.1:1|3"));
  EXPECT_EQ(d.changes.size(), 2u);
}

TEST(DiffInstruments, WithoutAMappingStatementsAreMatchedByIdAndTheResultSaysSo) {
  // The same edit as a rename, but 2.0 declares no mapping: the rename cannot be seen.
  const std::string text =
      Replace(Replace(kBase, "version: \"1.0\"", "version: \"2.0\""), "id: C1.2,", "id: C1.3,");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(text));
  EXPECT_FALSE(d.mapped);
  EXPECT_TRUE(d.matched_by_id_only);
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kRenamed), IsEmpty());
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kAdded), ElementsAre("C1.3:|Second."));
  EXPECT_THAT(Of(d, DiffUnit::kStatement, DiffKind::kRetired), ElementsAre("C1.2:Second.|"));
  // A mapping from another version does not link these two either.
  const std::string renamed = Replace(kBase, "id: C1.2,", "id: C1.3,");
  const std::string other =
      Replace(Version2(renamed, "{ C1.2: C1.3 }"), "from: \"1.0\"", "from: \"0.9\"");
  const InstrumentDiff unlinked = DiffInstruments(Load(kBase), Load(other));
  EXPECT_TRUE(unlinked.matched_by_id_only);
  EXPECT_THAT(Of(unlinked, DiffUnit::kStatement, DiffKind::kRenamed), IsEmpty());
}

TEST(DiffInstruments, FromTheNewerVersionTheMappingIsReadBackwards) {
  // 2.0 renames C1.2 to C1.3, retires C2.2 and reuses its ID for a new statement.
  std::string text = Replace(kBase, "id: C1.2,", "id: C1.3,");
  text = Replace(text, "{ id: C2.2, text: { en: Fourth., fr: Quatrième. } }",
                 "{ id: C2.2, text: { en: Another fourth., fr: Un autre quatrième. } }");
  const Instrument v1 = Load(kBase), v2 = Load(Version2(text, "{ C1.2: C1.3 }", "[C2.2]"));
  const InstrumentDiff forward = DiffInstruments(v1, v2);
  EXPECT_THAT(Of(forward, DiffUnit::kStatement, DiffKind::kRetired), ElementsAre("C2.2:Fourth.|"));
  EXPECT_THAT(Of(forward, DiffUnit::kStatement, DiffKind::kAdded),
              ElementsAre("C2.2:|Another fourth."));
  EXPECT_THAT(Of(forward, DiffUnit::kStatement, DiffKind::kReworded), IsEmpty());

  const InstrumentDiff back = DiffInstruments(v2, v1);
  EXPECT_TRUE(back.mapped);
  EXPECT_FALSE(back.matched_by_id_only);
  EXPECT_THAT(Of(back, DiffUnit::kStatement, DiffKind::kRenamed), ElementsAre("C1.3>C1.2"));
  EXPECT_THAT(Of(back, DiffUnit::kStatement, DiffKind::kRetired),
              ElementsAre("C2.2:Another fourth.|"));
  EXPECT_THAT(Of(back, DiffUnit::kStatement, DiffKind::kAdded), ElementsAre("C2.2:|Fourth."));
}

TEST(DiffInstruments, ChangesAreGroupedByUnitThenKindInInstrumentOrder) {
  std::string text = std::string(kBase) + kPillarM;
  text = Replace(text, "{ en: Sixth., fr: Sixième. }", "{ en: Sixth!, fr: Sixième ! }");
  text = Replace(text, "{ en: First., fr: Premier. }", "{ en: First!, fr: Premier ! }");
  const InstrumentDiff d = DiffInstruments(Load(kBase), Load(EnglishOnly(Version2(text))));
  std::vector<std::string> order;
  for (const InstrumentChange& c : d.changes) {
    order.push_back(std::string(DiffUnitKey(c.unit)) + "." +
                    std::string(DiffKindKey(c.unit, c.kind)) + "." + c.id);
  }
  EXPECT_THAT(order, ElementsAre("languages.removed.fr", "pillars.added.M", "subareas.added.M1",
                                 "statements.added.M1.1", "statements.reworded.C1.1",
                                 "statements.reworded.L2.1"));
  EXPECT_EQ(d.Count(DiffUnit::kStatement, DiffKind::kReworded), 2u);
}

TEST(DiffInstruments, TheBundled30DraftAddsTheMarketingPillar) {
  const Instrument v2 = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  const Instrument v3 = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  const InstrumentDiff d = DiffInstruments(v2, v3);
  EXPECT_TRUE(d.mapped);
  EXPECT_THAT(Of(d, DiffUnit::kPillar, DiffKind::kAdded), ElementsAre("M:|Marketing"));
  EXPECT_EQ(d.Count(DiffUnit::kSubArea, DiffKind::kAdded), 4u);
  EXPECT_EQ(d.Count(DiffUnit::kStatement, DiffKind::kAdded), 17u);
  EXPECT_EQ(d.changes.size(), 22u);
}

}  // namespace
}  // namespace meter
