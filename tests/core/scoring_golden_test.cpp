// Runs every scoring case in tests/golden/scoring/ (format: the first lines of each file and
// docs/methodology.md): answers in, expected unit fields out, to within 1e-9.
#include <cmath>
#include <map>

#include "core/answers_csv.h"
#include "core/scoring.h"
#include "test_support.h"

namespace meter {
namespace {

using testing::BoolOf;
using testing::ExpectNumber;
using testing::NumberOf;

namespace fs = std::filesystem;

std::vector<fs::path> GoldenCases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("tests/golden/scoring"))) {
    if (entry.path().filename() != "instrument.yaml") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

void CheckUnit(const UnitScore& unit, const ScoreReport& report, const YamlNode& expect) {
  const std::string id = unit.id;
  std::map<std::string, const std::optional<double>*> numbers = {{"score", &unit.score},
                                                                 {"coverage", &unit.coverage},
                                                                 {"dk_rate", &unit.dk_rate},
                                                                 {"group_gap", &unit.group_gap},
                                                                 {"sd", &unit.sd}};
  for (const YamlEntry& field : expect.Entries()) {
    const std::string key = field.first.Scalar();
    if (auto it = numbers.find(key); it != numbers.end()) {
      ExpectNumber(field.second, *it->second, id + "." + key);
    } else if (key == "band") {
      const std::string want = field.second.IsNull() ? "null" : field.second.Scalar();
      const std::string got = unit.band ? std::string(BandKey(*unit.band)) : "null";
      EXPECT_EQ(got, want) << id << ".band";
    } else if (key == "applicable") {
      EXPECT_EQ(unit.applicable, BoolOf(field.second)) << id << ".applicable";
    } else if (key == "groups") {
      std::map<std::string, double> got;
      for (size_t g = 0; g < report.groups.size(); ++g) {
        if (unit.group_scores[g]) got[report.groups[g].name] = *unit.group_scores[g];
      }
      EXPECT_EQ(got.size(), field.second.size()) << id << ".groups has other groups";
      for (const YamlEntry& g : field.second.Entries()) {
        const std::string name = g.first.Scalar();
        ASSERT_TRUE(got.count(name)) << id << ".groups lacks " << name;
        EXPECT_NEAR(got[name], NumberOf(g.second), 1e-9) << id << ".groups." << name;
      }
    } else {
      ADD_FAILURE() << "unknown expectation '" << key << "' for " << id;
    }
  }
}

class ScoringGolden : public ::testing::TestWithParam<fs::path> {};

TEST_P(ScoringGolden, MatchesExpectedScores) {
  const Instrument instrument = testing::LoadOrFail("tests/golden/scoring/instrument.yaml");
  const YamlDocument file =
      testing::ReadYamlOrFail(testing::ReadText(GetParam()), GetParam().filename().string());
  const YamlNode doc = file.root();
  std::vector<Group> groups;
  for (const YamlNode g : doc["groups"].Items()) {
    groups.push_back({g["name"].Scalar(), NumberOf(g["weight"])});
  }
  auto sheet = ParseAnswersCsv(doc["answers"].Scalar(), GetParam().filename().string(), instrument,
                               doc["groups"] ? &groups : nullptr);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  const ScoreReport report = Score(instrument, sheet.value());
  ASSERT_TRUE(doc["expect"].IsMap() && doc["expect"].size() > 0) << "a case must expect something";
  for (const YamlEntry& expect : doc["expect"].Entries()) {
    const std::string id = expect.first.Scalar();
    auto unit = std::find_if(report.units.begin(), report.units.end(),
                             [&](const UnitScore& u) { return u.id == id; });
    ASSERT_NE(unit, report.units.end()) << "no unit " << id;
    CheckUnit(*unit, report, expect.second);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ScoringGolden, ::testing::ValuesIn(GoldenCases()),
                         [](const auto& info) {
                           std::string name = info.param.stem().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(ScoringGoldenSuite, HasAtLeastFifteenCases) { EXPECT_GE(GoldenCases().size(), 15u); }

}  // namespace
}  // namespace meter
