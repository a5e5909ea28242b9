// Monitoring across rounds: the change of each score between two rounds of the same version,
// between METER 2.0 and the bundled 3.0 draft through its version mapping (renamed, retired and new
// units), without a mapping, and each pillar's trend over several rounds.
#include "core/monitoring.h"

#include <gmock/gmock.h>

#include <functional>

#include "core/answers_csv.h"
#include "core/instrument_writer.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::Optional;

// One respondent answering every statement of `in` with the level code `answer(id)` returns ("" to
// skip the statement).
ScoreReport Answered(const Instrument& in,
                     const std::function<std::string(const std::string&)>& answer) {
  std::string csv = "respondent,group,statement,answer,comment\n";
  for (const StatementPlace& s : in.statements()) {
    const std::string a = answer(s.statement->id);
    if (!a.empty()) csv += "r,g," + s.statement->id + "," + a + ",\n";
  }
  auto sheet = ParseAnswersCsv(csv, "answers.csv", in);
  EXPECT_TRUE(sheet.ok()) << sheet.error().ToString();
  return sheet.ok() ? Score(in, sheet.value()) : ScoreReport{};
}

using testing::LoadText;
using testing::Replace;

const ComparisonRow* Row(const RoundComparison& c, const std::string& id) {
  for (const ComparisonRow& r : c.rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<std::string> Ids(const std::vector<UnmatchedUnit>& units) {
  std::vector<std::string> out;
  for (const UnmatchedUnit& u : units) out.push_back(u.id);
  return out;
}

TEST(CompareRounds, SameVersionGivesTheChangeOfEveryUnit) {
  const Instrument in = testing::LoadOrFail("tests/golden/scoring/instrument.yaml");
  // Before: A1.1 at 25, B only DK (withheld). After: A1.1 at 100, B at 50.
  auto before = Answered(in, [](const std::string& id) {
    return id == "A1.1" ? "1" : id.starts_with("B") ? "DK" : "2";
  });
  // B1.4 (a yes/no statement) unanswered after: B1 = 50 with coverage 3/4.
  auto after = Answered(in, [](const std::string& id) {
    return id == "A1.1" ? "4" : id == "B1.4" ? "" : "2";
  });
  const RoundComparison c = CompareRounds(in, before, in, after);
  EXPECT_FALSE(c.mapped);
  EXPECT_FALSE(c.matched_by_id_only);
  EXPECT_THAT(c.only_before, IsEmpty());
  EXPECT_THAT(c.only_after, IsEmpty());
  ASSERT_EQ(c.rows.size(), after.units.size());
  EXPECT_EQ(c.rows[0].id, "overall");
  const ComparisonRow* a11 = Row(c, "A1.1");
  ASSERT_NE(a11, nullptr);
  EXPECT_EQ(a11->kind, UnitKind::kStatement);
  EXPECT_THAT(a11->before, Optional(25.0));
  EXPECT_THAT(a11->after, Optional(100.0));
  EXPECT_THAT(a11->change, Optional(75.0));
  EXPECT_EQ(a11->old_id, "");
  // A1 = (s1 + s2 + 2·s3) / 4: before (25 + 50 + 100) / 4, after (100 + 50 + 100) / 4.
  EXPECT_THAT(Row(c, "A1")->change, Optional(75.0 / 4));
  const ComparisonRow* b = Row(c, "B");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->before, std::nullopt);  // withheld
  EXPECT_THAT(b->after, Optional(50.0));
  EXPECT_EQ(b->change, std::nullopt);
}

class BundledInstruments : public ::testing::Test {
 protected:
  const std::string v3_text_ =
      testing::ReadText(testing::SourcePath("content/instruments/meter-3.0.yaml"));
  Instrument v2_ = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  Instrument v3_ = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
};

TEST_F(BundledInstruments, TwoToThreeMatchesEveryStatementAndListsMarketingAsNew) {
  ASSERT_TRUE(v3_.mapping.has_value());
  const auto before = Answered(v2_, [](const std::string&) { return "2"; });
  const auto after = Answered(v3_, [](const std::string&) { return "3"; });
  const RoundComparison c = CompareRounds(v2_, before, v3_, after);
  EXPECT_EQ(c.before_version, "2.0");
  EXPECT_EQ(c.after_version, "3.0");
  EXPECT_TRUE(c.mapped);
  EXPECT_FALSE(c.matched_by_id_only);
  EXPECT_THAT(c.only_before, IsEmpty());
  // The Marketing pillar, its 4 sub-areas and 17 statements exist only in 3.0.
  EXPECT_EQ(c.only_after.size(), 1u + 4u + 17u);
  EXPECT_THAT(c.only_after, Contains(Field(&UnmatchedUnit::id, "M")));
  EXPECT_THAT(c.only_after, Contains(Field(&UnmatchedUnit::id, "M4.4")));
  EXPECT_EQ(c.only_after.front().kind, UnitKind::kPillar);
  EXPECT_THAT(c.only_after.front().score, Optional(75.0));
  // Overall, 5 pillars, 19 sub-areas and 124 statements matched.
  EXPECT_EQ(c.rows.size(), 1u + 5u + 19u + 124u);
  EXPECT_THAT(Row(c, "C2.17")->change, Optional(25.0));
  EXPECT_THAT(Row(c, "overall")->change, Optional(25.0));
}

// The bundled 3.0 draft keeps every 2.0 statement ID, so a variant of it exercises the mapping:
// C3.2 is renumbered C3.3 and C4.3 is dropped.
TEST_F(BundledInstruments, ARenamedStatementIsMatchedAndARetiredOneListed) {
  // The draft with C3.2 renamed C3.3 and C4.3 retired, written back as a file would be.
  Instrument edited = LoadText(v3_text_, "v3");
  for (Pillar& p : edited.pillars) {
    for (SubArea& s : p.subareas) {
      for (Statement& st : s.statements) {
        if (st.id == "C3.2") st.id = "C3.3";
      }
      std::erase_if(s.statements, [](const Statement& st) { return st.id == "C4.3"; });
    }
  }
  ASSERT_TRUE(edited.mapping.has_value());
  edited.mapping->renamed["C3.2"] = "C3.3";
  edited.mapping->retired.push_back("C4.3");
  const std::string text = WriteInstrumentYaml(edited);
  const Instrument v3 = LoadText(text, "variant.yaml");
  const auto before = Answered(v2_, [](const std::string& id) {
    return id == "C3.2" ? "4" : id == "C4.3" ? "0" : "2";
  });
  const auto after = Answered(v3, [](const std::string& id) { return id == "C3.3" ? "1" : "3"; });
  const RoundComparison c = CompareRounds(v2_, before, v3, after);
  EXPECT_TRUE(c.mapped);
  const ComparisonRow* renamed = Row(c, "C3.3");
  ASSERT_NE(renamed, nullptr);
  EXPECT_EQ(renamed->old_id, "C3.2");
  EXPECT_THAT(renamed->before, Optional(100.0));
  EXPECT_THAT(renamed->after, Optional(25.0));
  EXPECT_THAT(renamed->change, Optional(-75.0));
  EXPECT_EQ(Row(c, "C3.2"), nullptr);
  ASSERT_THAT(Ids(c.only_before), ElementsAre("C4.3"));
  EXPECT_TRUE(c.only_before[0].retired);
  EXPECT_THAT(c.only_before[0].score, Optional(0.0));
  // The sub-area keeps its ID: C4 before (50 + 50 + 0) / 3, after (75 + 75) / 2.
  EXPECT_THAT(Row(c, "C4")->before, Optional(100.0 / 3));
  EXPECT_THAT(Row(c, "C4")->after, Optional(75.0));

  // Compared the other way round (the newer round first), the same mapping applies.
  const RoundComparison back = CompareRounds(v3, after, v2_, before);
  EXPECT_TRUE(back.mapped);
  EXPECT_EQ(Row(back, "C3.3")->old_id, "C3.2");
  EXPECT_THAT(Row(back, "C3.3")->change, Optional(75.0));
  EXPECT_THAT(Ids(back.only_after), ElementsAre("C4.3"));
  EXPECT_THAT(back.only_before, Contains(Field(&UnmatchedUnit::id, "M")));
}

TEST_F(BundledInstruments, WithoutAMappingUnitsAreMatchedByIdAndTheComparisonSaysSo) {
  const Instrument unmapped = LoadText(Replace(v3_text_, "mapping:\n  from: \"2.0\"\n", ""), "v3");
  ASSERT_FALSE(unmapped.mapping.has_value());
  const auto before = Answered(v2_, [](const std::string&) { return "2"; });
  const auto after = Answered(unmapped, [](const std::string&) { return "3"; });
  const RoundComparison c = CompareRounds(v2_, before, unmapped, after);
  EXPECT_FALSE(c.mapped);
  EXPECT_TRUE(c.matched_by_id_only);
  EXPECT_EQ(c.rows.size(), 1u + 5u + 19u + 124u);
  EXPECT_EQ(c.only_after.size(), 22u);
  EXPECT_THAT(Row(c, "C1.1")->change, Optional(25.0));
}

TEST_F(BundledInstruments, PillarTrendsHaveOnePointPerRoundInYearOrderWithGaps) {
  auto round = [](Id id, const std::string& title, int year) {
    Round r;
    r.id = id;
    r.country = "AUT";
    r.title = title;
    r.year = year;
    return r;
  };
  const Round r2019 = round(1, "First", 2019), r2023 = round(2, "Third", 2023);
  const Round r2021a = round(3, "Second", 2021), r2021b = round(4, "Second bis", 2021);
  const auto s2019 = Answered(v2_, [](const std::string&) { return "1"; });
  // 2021a: Legal unanswered, so withheld.
  const auto s2021a = Answered(v2_, [](const std::string& id) { return id[0] == 'L' ? "" : "2"; });
  const auto s2021b = Answered(v2_, [](const std::string&) { return "3"; });
  const auto s2023 = Answered(v3_, [](const std::string&) { return "4"; });
  const auto series = PillarTrends({{&r2023, &v3_, &s2023},
                                    {&r2021b, &v2_, &s2021b},
                                    {&r2019, &v2_, &s2019},
                                    {&r2021a, &v2_, &s2021a}});
  std::vector<std::string> ids;
  for (const TrendSeries& s : series) ids.push_back(s.id);
  EXPECT_THAT(ids, ElementsAre("C", "L", "P", "O", "T", "M"));
  const TrendSeries& legal = series[1];
  EXPECT_EQ(legal.name.Get("en"), "Legal");
  ASSERT_EQ(legal.points.size(), 4u);
  std::vector<std::string> labels;
  for (const TrendPoint& p : legal.points) labels.push_back(p.label);
  EXPECT_THAT(labels, ElementsAre("2019", "2021 · Second", "2021 · Second bis", "2023"));
  EXPECT_THAT(legal.points[0].score, Optional(25.0));
  EXPECT_EQ(legal.points[1].score, std::nullopt);  // withheld: a gap
  EXPECT_TRUE(legal.points[1].assessed);
  EXPECT_THAT(legal.points[3].score, Optional(100.0));
  const TrendSeries& marketing = series[5];
  EXPECT_FALSE(marketing.points[0].assessed);  // 2.0 has no Marketing pillar
  EXPECT_EQ(marketing.points[0].score, std::nullopt);
  EXPECT_TRUE(marketing.points[3].assessed);
  EXPECT_THAT(marketing.points[3].score, Optional(100.0));
  EXPECT_EQ(marketing.points[3].round_id, 2);
}

}  // namespace
}  // namespace meter
