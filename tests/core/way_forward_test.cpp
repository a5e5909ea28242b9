// The Way Forward planner on a small instrument with prerequisites: priorities, targets, "measure
// first", the order prerequisites impose, and the three phases.
#include "core/way_forward.h"

#include <gmock/gmock.h>

#include <cmath>

#include "core/answers_csv.h"
#include "core/roadmap.h"
#include "core/text.h"
#include "test_support.h"

namespace meter {
namespace {

// Pillar X: X1 (weight 1), X2 (weight 2, after X1), X3 (after X2), X4; each one statement.
constexpr const char* kInstrument = R"(format: meter-instrument/1
id: plan
version: "1"
title: { en: Plan }
answer_sets:
  - id: s
    levels: [{ code: "0", value: 0, label: { en: a } }, { code: "2", value: 0.5, label: { en: b } },
             { code: "3", value: 0.75, label: { en: c } }, { code: "4", value: 1, label: { en: d } }]
    dont_know: { en: dk }
    not_applicable: { en: na }
pillars:
  - id: X
    name: { en: X }
    overview: { en: X }
    subareas:
      - { id: X1, name: { en: X1 }, actions: &a { low: [{ en: a }], middle: [{ en: b }], high: [{ en: c }], very_high: [{ en: d }] }, statements: [{ id: X1.1, text: { en: s } }] }
      - { id: X2, name: { en: X2 }, weight: 2, prerequisites: [X1], actions: *a, statements: [{ id: X2.1, text: { en: s } }] }
      - { id: X3, name: { en: X3 }, prerequisites: [X2], actions: *a, statements: [{ id: X3.1, text: { en: s } }] }
      - { id: X4, name: { en: X4 }, actions: *a, statements: [{ id: X4.1, text: { en: s } }] }
      - { id: X5, name: { en: X5 }, actions: *a, statements: [{ id: X5.1, text: { en: s } }] }
)";

class WayForwardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadInstrument(kInstrument, "plan.yaml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    in_ = std::make_unique<Instrument>(std::move(loaded).value());
  }
  WayForwardPlan Plan(const std::string& answers,
                      const std::map<std::string, double>& targets = {}) {
    auto sheet =
        ParseAnswersCsv("respondent,group,statement,answer,comment\n" + answers, "a", *in_);
    EXPECT_TRUE(sheet.ok()) << sheet.error().ToString();
    return PlanWayForward(*in_, Score(*in_, sheet.value()), targets);
  }
  static std::vector<std::string> Ids(const std::vector<WayForwardItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.subarea);
    return out;
  }
  std::unique_ptr<Instrument> in_;
};

TEST_F(WayForwardTest, RanksByPriorityButNeverBeforeAPrerequisite) {
  // Scores: X1 75, X2 50 (weight 2 → priority 100), X3 0 (priority 100), X4 0 (100), X5 DK only.
  const auto plan = Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,0,\nr,g,X5.1,DK,\n");
  EXPECT_EQ(Ids(plan.measure_first), (std::vector<std::string>{"X5"}));
  EXPECT_EQ(plan.measure_first[0].dk_rate, 1.0);
  // X2, X3 and X4 all have priority 100; X3 must follow X2, and X1 (priority 25) must precede X2.
  EXPECT_EQ(Ids(plan.priorities), (std::vector<std::string>{"X4", "X1", "X2", "X3"}));
  EXPECT_EQ(plan.priorities[2].priority, 100);
  EXPECT_EQ(plan.priorities[1].priority, 25);
  EXPECT_EQ(plan.priorities[2].after, (std::vector<std::string>{"X1"}));
}

TEST_F(WayForwardTest, SplitsIntoThreePhasesWithPrerequisitesNeverLater) {
  const auto plan = Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,0,\nr,g,X5.1,0,\n");
  ASSERT_EQ(plan.priorities.size(), 5u);
  std::map<std::string, int> phase;
  for (const auto& i : plan.priorities) phase[i.subarea] = i.phase;
  EXPECT_EQ(plan.priorities.front().phase, 1);
  EXPECT_EQ(plan.priorities.back().phase, 3);
  EXPECT_LE(phase["X1"], phase["X2"]);
  EXPECT_LE(phase["X2"], phase["X3"]);
}

TEST_F(WayForwardTest, TargetsChangePrioritiesAndDropWhatIsReached) {
  const auto plan =
      Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,4,\nr,g,X5.1,3,\n", {{"X", 60}});
  // At or above 60: X1 (75), X4 (100), X5 (75) drop out. X2: (60 − 50) / 60 × 100 × 2 = 33.3;
  // X3: (60 − 0) / 60 × 100 = 100, after X2 all the same.
  EXPECT_EQ(Ids(plan.priorities), (std::vector<std::string>{"X2", "X3"}));
  EXPECT_DOUBLE_EQ(plan.priorities[0].priority, 10.0 / 60 * 100 * 2);
  EXPECT_DOUBLE_EQ(plan.priorities[1].priority, 100);
  EXPECT_TRUE(plan.priorities[0].targeted);
  EXPECT_TRUE(plan.priorities[0].after.empty())
      << "X1 reached its target, so it holds nothing back";
  EXPECT_EQ(plan.priorities[1].target, 60);
}

TEST_F(WayForwardTest, EachItemSaysWhyItIsInItsPhase) {
  // As in the first test: plan order X4, X1, X2, X3 in phases 1, 1, 2, 3. By priority alone X2,
  // X3 and X4 (100) would come before X1 (25).
  const auto plan = Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,0,\nr,g,X5.1,DK,\n");
  std::map<std::string, std::string> why;
  for (const auto& i : plan.priorities) why[i.subarea] = Render(i.reason);
  EXPECT_EQ(why["X4"], "Phase 1: score 0.0, the weakest in its pillar, which has no target.");
  EXPECT_EQ(why["X1"], "Phase 1: score 75.0, a prerequisite of X2.");
  EXPECT_EQ(why["X2"], "Phase 2: score 50.0, after X1, which it depends on.");
  EXPECT_EQ(why["X3"], "Phase 3: score 0.0, after X2, which it depends on.");
  // The reason is a template with values, translated by whoever shows it.
  EXPECT_EQ(plan.priorities[1].reason.message, "Phase {1}: score {2}, a prerequisite of {3}.");
  EXPECT_EQ(plan.priorities[1].reason.args, (std::vector<std::string>{"1", "75.0", "X2"}));
  EXPECT_TRUE(plan.measure_first[0].reason.message.empty()) << "measure first has its own section";
}

TEST_F(WayForwardTest, AReasonNamesThePillarsTargetOrSaysThereIsNone) {
  // X1–X3 reach 100 and leave the plan, so X4 and X5 (no prerequisites) rank by score alone.
  const auto untargeted = Plan("r,g,X1.1,4,\nr,g,X2.1,4,\nr,g,X3.1,4,\nr,g,X4.1,0,\nr,g,X5.1,2,\n");
  ASSERT_EQ(Ids(untargeted.priorities), (std::vector<std::string>{"X4", "X5"}));
  EXPECT_EQ(Render(untargeted.priorities[1].reason),
            "Phase 2: score 50.0, 50.0 points below 100; its pillar has no target.");
  const auto targeted =
      Plan("r,g,X1.1,4,\nr,g,X2.1,4,\nr,g,X3.1,4,\nr,g,X4.1,0,\nr,g,X5.1,2,\n", {{"X", 80}});
  ASSERT_EQ(Ids(targeted.priorities), (std::vector<std::string>{"X4", "X5"}));
  EXPECT_EQ(Render(targeted.priorities[0].reason),
            "Phase 1: score 0.0, the furthest below its pillar's target of 80.0.");
  EXPECT_EQ(Render(targeted.priorities[1].reason),
            "Phase 2: score 50.0, 30.0 points below its pillar's target of 80.0.");
}

// The reported case (item 14 of issue 11), on the demo round's answers: with targets on three
// pillars, a target used to stand in for 100 in (target − score) × weight, so the weakest
// sub-area, C3 (20.1, pillar target 60), fell to phase 2 behind "High" sub-areas of the pillars
// without a target (T1 52.8, T4 53.0, O1 55.2).
TEST(WayForwardReportedCase, APillarWithoutATargetKeepsTheUntargetedPriority) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  auto sheet = ParseAnswersCsv(
      testing::ReadText(testing::SourcePath("content/samples/aurelia-2026-answers.csv")),
      "aurelia-2026-answers.csv", in);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  const ScoreReport report = Score(in, sheet.value());
  const WayForwardPlan untargeted = PlanWayForward(in, report, {});
  const WayForwardPlan plan = PlanWayForward(in, report, {{"C", 60}, {"L", 80}, {"P", 60}});
  std::map<std::string, const WayForwardItem*> item;
  for (const auto& i : plan.priorities) item[i.subarea] = &i;
  ASSERT_TRUE(item.count("C3") && item.count("T1") && item.count("T4"));
  EXPECT_EQ(OneDecimal(item["C3"]->score), "20.1");
  EXPECT_EQ(item["C3"]->phase, 1) << "the weakest sub-area stays in phase 1";
  EXPECT_EQ(Render(item["C3"]->reason),
            "Phase 1: score 20.1, the furthest below its pillar's target of 60.0.");
  // C3 now comes before every "High" sub-area (before: after T1 and T4, which have no target).
  bool high_seen = false;
  for (const auto& i : plan.priorities) {
    if (i.subarea == "C3") {
      EXPECT_FALSE(high_seen) << "a High sub-area comes before C3";
    }
    if (i.band == Band::kHigh) high_seen = true;
  }
  for (const char* high : {"T1", "T4"}) EXPECT_EQ(item[high]->band, Band::kHigh) << high;
  EXPECT_EQ(Render(item["T1"]->reason),
            "Phase 1: score 52.8, 47.2 points below 100; its pillar has no target.");
  EXPECT_EQ(Render(item["T4"]->reason), "Phase 3: score 53.0, after L1, T2, which it depends on.");
  // The pillars without a target keep exactly their untargeted priorities.
  for (const auto& u : untargeted.priorities) {
    if (u.pillar != "O" && u.pillar != "T") continue;
    ASSERT_TRUE(item.count(u.subarea)) << u.subarea;
    EXPECT_DOUBLE_EQ(item[u.subarea]->priority, u.priority) << u.subarea;
  }
}

TEST_F(WayForwardTest, TheRoadmapAppliesTheCoordinatorsEditsAndKeepsThePlanElsewhere) {
  const auto plan = Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,0,\nr,g,X5.1,0,\n");
  // Plan order X4, X5, X1, X2, X3 in phases 1, 1, 2, 2, 3 (thirds of five, prerequisites first).
  std::map<std::string, int> planned;
  for (const auto& i : plan.priorities) planned[i.subarea] = i.phase;
  const std::vector<RoadmapEdit> edits = {{"X4", 3, "Ministry of ICT", "2027-06-30"},
                                          {"X1", 0, "Cabinet Office", ""},
                                          {"GONE", 2, "nobody", ""}};
  const auto roadmap = BuildRoadmap(plan, edits);
  ASSERT_EQ(roadmap.size(), plan.priorities.size()) << "an edit of a sub-area not in the plan "
                                                       "adds nothing";
  std::map<std::string, const RoadmapItem*> by_id;
  for (const auto& r : roadmap) by_id[r.item.subarea] = &r;
  EXPECT_EQ(by_id["X4"]->phase, 3);
  EXPECT_TRUE(by_id["X4"]->moved());
  EXPECT_EQ(by_id["X4"]->owner, "Ministry of ICT");
  EXPECT_EQ(by_id["X4"]->due, "2027-06-30");
  EXPECT_EQ(by_id["X1"]->phase, planned["X1"]) << "phase 0 keeps the plan's phase";
  EXPECT_FALSE(by_id["X1"]->moved());
  EXPECT_EQ(by_id["X1"]->owner, "Cabinet Office");
  for (size_t i = 1; i < roadmap.size(); ++i) {
    EXPECT_LE(roadmap[i - 1].phase, roadmap[i].phase) << "items are listed by phase in force";
  }
}

TEST_F(WayForwardTest, ARoadmapEditCannotPutASubAreaBeforeItsPrerequisite) {
  const auto plan = Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,0,\nr,g,X5.1,0,\n");
  std::map<std::string, int> planned;
  for (const auto& i : plan.priorities) planned[i.subarea] = i.phase;
  ASSERT_EQ(planned["X2"], 2);
  ASSERT_EQ(planned["X3"], 3);
  // X3 depends on X2 (phase 2): moving X3 to phase 1 would put it first.
  auto early = CheckRoadmapEdit(plan, {}, {"X3", 1, "", ""});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  EXPECT_EQ(early.error().problems[0].args, (std::vector<std::string>{"X3", "X2"}));
  // Moving the prerequisite X1 after its dependant X2 is refused as well.
  auto same = CheckRoadmapEdit(plan, {}, {"X1", 1, "", ""});
  EXPECT_TRUE(same.ok()) << "earlier than its dependant is always fine";
  auto later = CheckRoadmapEdit(plan, {}, {"X1", 3, "", ""});
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().problems[0].args, (std::vector<std::string>{"X2", "X1"}));
  // An item without prerequisites moves freely.
  EXPECT_TRUE(CheckRoadmapEdit(plan, {}, {"X4", 3, "Someone", "2028-02-29"}).ok());
}

TEST_F(WayForwardTest, ARoadmapEditWithBadFieldsNamesEachField) {
  const auto plan = Plan("r,g,X1.1,3,\nr,g,X2.1,2,\nr,g,X3.1,0,\nr,g,X4.1,0,\nr,g,X5.1,0,\n");
  auto bad = CheckRoadmapEdit(plan, {}, {"NOPE", 4, std::string(201, 'o'), "2027-02-30"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  std::vector<std::string> fields;
  for (const Problem& p : bad.error().problems) fields.push_back(p.where);
  EXPECT_EQ(fields, (std::vector<std::string>{"subarea", "phase", "due", "owner"}));
}

TEST(IsoDate, AcceptsOnlyRealCalendarDates) {
  EXPECT_TRUE(IsIsoDate("2027-01-31"));
  EXPECT_TRUE(IsIsoDate("2028-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-02-29"));
  EXPECT_FALSE(IsIsoDate("2100-02-29"));
  EXPECT_TRUE(IsIsoDate("2000-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-13-01"));
  EXPECT_FALSE(IsIsoDate("2027-1-01"));
  EXPECT_FALSE(IsIsoDate("27-01-2027"));
  EXPECT_FALSE(IsIsoDate(""));
}

TEST_F(WayForwardTest, TargetsMustBeAPillarAndAScore) {
  EXPECT_TRUE(CheckTarget(*in_, "X", 80).ok());
  EXPECT_TRUE(CheckTarget(*in_, "X", 0).ok());
  EXPECT_FALSE(CheckTarget(*in_, "X", 100.5).ok());
  EXPECT_FALSE(CheckTarget(*in_, "X", -1).ok());
  EXPECT_FALSE(CheckTarget(*in_, "X", std::nan("")).ok());
  auto unknown = CheckTarget(*in_, "Q", 50);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().problems[0].args, (std::vector<std::string>{"Q"}));
}

}  // namespace
}  // namespace meter
