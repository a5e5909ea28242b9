// The bundled instruments and the sample: the shape the project promises (issue 2 and
// docs/instrument-format.md), checked on the real files.
#include <gmock/gmock.h>

#include <set>

#include "core/answers_csv.h"
#include "core/groups_csv.h"
#include "core/scoring.h"
#include "test_support.h"

namespace meter {
namespace {

size_t CountIn(const Pillar& p) {
  size_t n = 0;
  for (const SubArea& s : p.subareas) n += s.statements.size();
  return n;
}

const Pillar* FindPillar(const Instrument& in, const std::string& id) {
  for (const Pillar& p : in.pillars) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

TEST(BundledContent, Meter20HasTheKnownShape) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  EXPECT_EQ(in.version, "2.0");
  EXPECT_EQ(in.status, "released");
  std::vector<std::string> pillars;
  for (const Pillar& p : in.pillars) pillars.push_back(p.id);
  EXPECT_EQ(pillars, (std::vector<std::string>{"C", "L", "P", "O", "T"}));
  const std::map<std::string, size_t> commitment = {{"C1", 12}, {"C2", 17}, {"C3", 2}, {"C4", 3}};
  for (const auto& [id, count] : commitment) {
    ASSERT_NE(in.FindSubArea(id), nullptr) << id;
    EXPECT_EQ(in.FindSubArea(id)->statements.size(), count) << id;
  }
  for (const char* id : {"L1", "L2", "P1", "P2", "P3", "P4", "P5", "P6", "O1", "O2", "O3"}) {
    EXPECT_NE(in.FindSubArea(id), nullptr) << id << " is known from METER 2.0";
  }
  for (const Pillar& p : in.pillars) {
    EXPECT_FALSE(p.overview.Get().empty()) << p.id;
    for (const SubArea& s : p.subareas) {
      if (s.id != "C3" && s.id != "C4") {
        EXPECT_GE(s.statements.size(), 3u) << s.id;
      }
      for (const auto& band : s.actions) EXPECT_FALSE(band.empty()) << s.id;
    }
  }
  EXPECT_GE(in.statements().size(), 120u);
}

TEST(BundledContent, BothUseTheDefaultFiveLevelScale) {
  for (const char* file :
       {"content/instruments/meter-2.0.yaml", "content/instruments/meter-3.0.yaml"}) {
    const Instrument in = testing::LoadOrFail(file);
    ASSERT_EQ(in.answer_sets.size(), 1u) << file;
    std::vector<std::pair<std::string, double>> levels;
    for (const AnswerLevel& l : in.answer_sets[0].levels) levels.emplace_back(l.code, l.value);
    EXPECT_EQ(levels, (std::vector<std::pair<std::string, double>>{
                          {"0", 0}, {"1", 0.25}, {"2", 0.5}, {"3", 0.75}, {"4", 1}}))
        << file;
  }
}

TEST(BundledContent, Meter30IsMeter20PlusMarketing) {
  const Instrument v2 = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  const Instrument v3 = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  EXPECT_EQ(v3.status, "released");
  ASSERT_TRUE(v3.mapping.has_value());
  EXPECT_EQ(v3.mapping->from, "2.0");
  for (const StatementPlace& place : v2.statements()) {
    const int i = v3.StatementIndex(place.statement->id);
    ASSERT_GE(i, 0) << place.statement->id << " is missing from 3.0";
    EXPECT_EQ(v3.statements()[i].statement->text.Get(), place.statement->text.Get());
  }
  const Pillar* m = FindPillar(v3, "M");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->name.Get(), "Marketing");
  EXPECT_GE(m->subareas.size(), 4u);
  EXPECT_LE(m->subareas.size(), 5u);
  for (const SubArea& s : m->subareas) EXPECT_GE(s.statements.size(), 3u) << s.id;
  EXPECT_EQ(v3.statements().size(), v2.statements().size() + CountIn(*m));
}

TEST(BundledContent, SampleAssessmentIsRealisticAndScores) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  auto groups = ParseGroupsCsv(
      testing::ReadText(testing::SourcePath("content/samples/aurelia-2026-groups.csv")), "groups");
  ASSERT_TRUE(groups.ok()) << groups.error().ToString();
  auto sheet = ParseAnswersCsv(
      testing::ReadText(testing::SourcePath("content/samples/aurelia-2026-answers.csv")), "answers",
      in, &groups.value());
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  const AnswerSheet& s = sheet.value();
  EXPECT_EQ(s.groups.size(), 3u);
  EXPECT_GE(s.respondents.size(), 10u);
  EXPECT_LE(s.respondents.size(), 15u);
  size_t dk = 0, na = 0;
  for (const AnswerRow& r : s.rows) {
    dk += r.answer == kDontKnow;
    na += r.answer == kNotApplicable;
  }
  EXPECT_GT(dk, 0u);
  EXPECT_GT(na, 0u);
  EXPECT_GT(s.comments.size(), 10u);
  const ScoreReport report = Score(in, s);
  ASSERT_TRUE(report.units[0].score.has_value());
  EXPECT_GT(*report.units[0].score, 10);
  EXPECT_LT(*report.units[0].score, 90);
  EXPECT_TRUE(report.units[0].group_gap.has_value());
  std::set<Band> bands;
  for (const UnitScore& u : report.units) {
    if (u.kind == UnitKind::kSubArea && u.band) bands.insert(*u.band);
  }
  EXPECT_GE(bands.size(), 2u) << "sub-areas should not all land in one band";
}

}  // namespace
}  // namespace meter
