// Proposals against a draft: what a well-formed proposal is, what accepting each kind does to the
// draft and its mapping from the released version it follows, when a change no longer applies,
// and what a release requires.
#include "core/proposal.h"

#include <gmock/gmock.h>

#include "core/instrument_diff.h"
#include "core/instrument_loader.h"
#include "core/instrument_release.h"
#include "core/instrument_writer.h"

namespace meter {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

const char* const kReleased = R"(format: meter-instrument/1
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
pillars:
  - id: C
    name: { en: Commitment, fr: Engagement }
    overview: { en: Why., fr: Pourquoi. }
    subareas:
      - id: C1
        name: { en: Training, fr: Formation }
        actions:
          low: [{ en: Start., fr: Commencer. }]
          middle: [{ en: Extend., fr: Étendre. }]
          high: [{ en: Consolidate., fr: Consolider. }]
          very_high: [{ en: Sustain., fr: Maintenir. }]
        statements:
          - { id: C1.1, text: { en: First., fr: Premier. } }
          - { id: C1.2, text: { en: Second., fr: Deuxième. } }
      - id: C2
        name: { en: Service, fr: Service }
        prerequisites: [C1]
        actions:
          low: [{ en: Begin., fr: Débuter. }]
          middle: [{ en: Grow., fr: Croître. }]
          high: [{ en: Keep., fr: Garder. }]
          very_high: [{ en: Lead., fr: Mener. }]
        statements:
          - { id: C2.1, text: { en: Third., fr: Troisième. } }
)";

Instrument Load(const std::string& text) {
  auto in = LoadInstrument(text, "test.yaml");
  EXPECT_TRUE(in.ok()) << (in.ok() ? "" : in.error().ToString());
  return std::move(in).value();
}

// The released 1.0 and a draft 2.0 that follows it, unchanged.
struct Fixture {
  Instrument released = Load(kReleased);
  Instrument draft = [this] {
    Instrument copy = Load(WriteInstrumentYaml(released));
    copy.version = "2.0";
    copy.status = "draft";
    copy.mapping = VersionMapping{"1.0", {}, {}};
    return Load(WriteInstrumentYaml(copy));
  }();
};

LocalizedText En(const std::string& text) {
  LocalizedText t;
  t.Set("en", text);
  return t;
}

Proposal Propose(ProposalKind kind, std::string target, std::string parent = "") {
  Proposal p;
  p.instrument_id = "t";
  p.version = "2.0";
  p.rationale = "Because.";
  p.change.kind = kind;
  p.change.target = std::move(target);
  p.change.parent = std::move(parent);
  return p;
}

std::vector<std::string> WhereOf(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const Problem& p : problems) out.push_back(p.where);
  return out;
}

TEST(ProposalKinds, EveryKindHasAKeyThatParsesBack) {
  EXPECT_EQ(AllProposalKinds().size(), 14u);
  for (ProposalKind k : AllProposalKinds()) {
    EXPECT_EQ(ParseProposalKind(ProposalKindKey(k)), k) << ProposalKindKey(k);
  }
  EXPECT_FALSE(ParseProposalKind("drop-table").has_value());
}

TEST(CheckProposal, AWellFormedAdditionHasNoProblem) {
  Fixture f;
  Proposal p = Propose(ProposalKind::kAddStatement, "C1.3", "C1");
  p.change.text = En("A new statement.");
  EXPECT_THAT(CheckProposal(p, f.draft), IsEmpty());
}

TEST(CheckProposal, NamesEachFieldThatIsWrong) {
  Fixture f;
  Proposal taken = Propose(ProposalKind::kAddStatement, "C1.1", "C1");
  taken.change.text.Set("de", "Deutsch");
  taken.rationale = "";
  EXPECT_THAT(WhereOf(CheckProposal(taken, f.draft)),
              ElementsAre("target", "text_en", "text_de", "rationale"));

  Proposal misplaced = Propose(ProposalKind::kAddStatement, "C2.5", "C1");
  misplaced.change.text = En("x");
  EXPECT_THAT(WhereOf(CheckProposal(misplaced, f.draft)), ElementsAre("target"));

  Proposal wrong_kind = Propose(ProposalKind::kRewordStatement, "C1");
  wrong_kind.change.text = En("x");
  EXPECT_THAT(WhereOf(CheckProposal(wrong_kind, f.draft)), ElementsAre("target"));

  Proposal heavy = Propose(ProposalKind::kChangeWeight, "C1.1");
  heavy.change.weight = 11;
  EXPECT_THAT(WhereOf(CheckProposal(heavy, f.draft)), ElementsAre("weight"));

  Proposal move = Propose(ProposalKind::kMoveStatement, "C1.1", "C2");
  move.change.new_id = "C2.1";
  EXPECT_THAT(WhereOf(CheckProposal(move, f.draft)), ElementsAre("new_id"));
}

TEST(CheckProposal, AReleasedVersionTakesNone) {
  Fixture f;
  Proposal p = Propose(ProposalKind::kRetireStatement, "C1.1");
  EXPECT_THAT(WhereOf(CheckProposal(p, f.released)), ElementsAre("version"));
}

TEST(ApplyProposal, AddsAStatementWhereItSays) {
  Fixture f;
  ProposedChange c = Propose(ProposalKind::kAddStatement, "C1.3", "C1").change;
  c.text = En("Third of training.");
  auto out = ApplyProposal(f.draft, c, &f.released);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out.value().StatementIndex("C1.3"), 2);
  // The new text has no French yet: readers of French see English until a translator adds it.
  EXPECT_EQ(out.value().FindSubArea("C1")->statements[2].text.Get("fr"), "Third of training.");
  EXPECT_THAT(out.value().mapping->renamed, IsEmpty());
}

TEST(ApplyProposal, RewordingInEnglishOnlyLeavesTheFrenchStale) {
  Fixture f;
  ProposedChange c = Propose(ProposalKind::kRewordStatement, "C1.1").change;
  c.text = En("First, reworded.");
  auto out = ApplyProposal(f.draft, c, &f.released);
  ASSERT_TRUE(out.ok());
  const LocalizedText& t = out.value().FindSubArea("C1")->statements[0].text;
  EXPECT_TRUE(t.IsStale("fr"));
  EXPECT_THAT(ReleaseProblems(out.value()), ::testing::Not(IsEmpty()));

  c.text.Set("fr", "Premier, reformulé.");
  auto both = ApplyProposal(f.draft, c, &f.released);
  ASSERT_TRUE(both.ok());
  EXPECT_FALSE(both.value().FindSubArea("C1")->statements[0].text.IsStale("fr"));
  EXPECT_THAT(ReleaseProblems(both.value()), IsEmpty());
}

TEST(ApplyProposal, MovesAndRetirementsWriteTheMappingFromTheReleasedVersion) {
  Fixture f;
  ProposedChange move = Propose(ProposalKind::kMoveStatement, "C1.2", "C2").change;
  move.new_id = "C2.2";
  auto moved = ApplyProposal(f.draft, move, &f.released);
  ASSERT_TRUE(moved.ok()) << moved.error().ToString();
  EXPECT_THAT(moved.value().mapping->renamed, ElementsAre(Pair("C1.2", "C2.2")));

  // Moving it on keeps the mapping from the released ID; retiring it then retires that ID.
  ProposedChange again = Propose(ProposalKind::kMoveStatement, "C2.2", "C2").change;
  again.new_id = "C2.7";
  auto twice = ApplyProposal(moved.value(), again, &f.released);
  ASSERT_TRUE(twice.ok());
  EXPECT_THAT(twice.value().mapping->renamed, ElementsAre(Pair("C1.2", "C2.7")));
  auto retired = ApplyProposal(twice.value(),
                               Propose(ProposalKind::kRetireStatement, "C2.7").change, &f.released);
  ASSERT_TRUE(retired.ok());
  EXPECT_THAT(retired.value().mapping->renamed, IsEmpty());
  EXPECT_THAT(retired.value().mapping->retired, ElementsAre("C1.2"));

  // The diff reads the mapping the proposals wrote.
  const InstrumentDiff diff = DiffInstruments(f.released, retired.value());
  EXPECT_TRUE(diff.mapped);
}

TEST(ApplyProposal, AMarketingPillarGrowsThroughIncompleteDraftsToARelease) {
  Fixture f;
  ProposedChange pillar = Propose(ProposalKind::kAddPillar, "M").change;
  pillar.text.Set("en", "Marketing");
  pillar.text.Set("fr", "Marketing");
  pillar.overview.Set("en", "Why promotion matters.");
  pillar.overview.Set("fr", "Pourquoi la promotion compte.");
  auto step1 = ApplyProposal(f.draft, pillar, &f.released);
  ASSERT_TRUE(step1.ok()) << step1.error().ToString();
  EXPECT_THAT(WhereOf(ReleaseProblems(step1.value())), ElementsAre("M"));

  ProposedChange sub = Propose(ProposalKind::kAddSubArea, "M1", "M").change;
  sub.text.Set("en", "Awareness");
  sub.text.Set("fr", "Notoriété");
  auto step2 = ApplyProposal(step1.value(), sub, &f.released);
  ASSERT_TRUE(step2.ok()) << step2.error().ToString();

  ProposedChange st = Propose(ProposalKind::kAddStatement, "M1.1", "M1").change;
  st.text.Set("en", "Campaigns inform people.");
  st.text.Set("fr", "Des campagnes informent.");
  auto step3 = ApplyProposal(step2.value(), st, &f.released);
  ASSERT_TRUE(step3.ok());
  // Still no actions: one problem for each of the sub-area's four bands.
  EXPECT_EQ(ReleaseProblems(step3.value()).size(), 4u);

  ProposedChange actions = Propose(ProposalKind::kChangeActions, "M1").change;
  for (int b = 0; b < kBandCount; ++b) {
    LocalizedText a;
    a.Set("en", "Act " + std::to_string(b));
    a.Set("fr", "Agir " + std::to_string(b));
    actions.actions[b].push_back(a);
  }
  auto step4 = ApplyProposal(step3.value(), actions, &f.released);
  ASSERT_TRUE(step4.ok());
  EXPECT_THAT(ReleaseProblems(step4.value()), IsEmpty());
  auto released = ReleasedCopy(step4.value());
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(released.value().status, "released");
  EXPECT_EQ(released.value().StatementIndex("M1.1"), 3);
  EXPECT_TRUE(released.value().Follows(f.released));
}

TEST(ApplyProposal, AChangeThatNoLongerAppliesIsAConflict) {
  Fixture f;
  auto gone =
      ApplyProposal(f.draft, Propose(ProposalKind::kRetireStatement, "C1.1").change, &f.released);
  ASSERT_TRUE(gone.ok());
  ProposedChange reword = Propose(ProposalKind::kRewordStatement, "C1.1").change;
  reword.text = En("Too late.");
  auto late = ApplyProposal(gone.value(), reword, &f.released);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);

  // A retired ID of the released version is never given to a new statement.
  ProposedChange reuse = Propose(ProposalKind::kAddStatement, "C1.1", "C1").change;
  reuse.text = En("Reused ID.");
  auto reused = ApplyProposal(gone.value(), reuse, &f.released);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().code, ErrorCode::kConflict);

  // A sub-area another one depends on cannot be retired first.
  auto blocked =
      ApplyProposal(f.draft, Propose(ProposalKind::kRetireSubArea, "C1").change, &f.released);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace meter
