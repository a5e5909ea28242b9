// Item statistics (docs/methodology.md §13) against golden data: a case worked by hand
// (tests/golden/item_statistics/hand.yaml) and two rounds whose statistics an independent script
// computed (reference.py → expected.json), each number to within 1e-9, and every flag.
#include "core/item_statistics.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <stdexcept>

#include "core/answers_csv.h"
#include "test_support.h"

namespace meter {
namespace {

using testing::ExpectNumber;

const char* kInstrument = "tests/golden/scoring/instrument.yaml";

std::vector<std::string> FlagKeys(const StatementStatistics& s) {
  std::vector<std::string> out;
  for (ItemFlag f : s.flags) out.push_back(ItemFlagKey(f));
  return out;
}

// Checks the fields `expect` names (a map of field → value) on `s`; an unknown field fails.
void CheckStatement(const StatementStatistics& s, const YAML::Node& expect) {
  const std::map<std::string, const std::optional<double>*> numbers = {
      {"mean", &s.mean},
      {"sd", &s.sd},
      {"dk_rate", &s.dk_rate},
      {"na_rate", &s.na_rate},
      {"floor_share", &s.floor_share},
      {"ceiling_share", &s.ceiling_share},
      {"item_rest", &s.item_rest},
      {"alpha_if_removed", &s.alpha_if_removed}};
  for (const auto& field : expect) {
    const std::string key = field.first.Scalar();
    if (auto it = numbers.find(key); it != numbers.end()) {
      ExpectNumber(field.second, *it->second, s.id + "." + key);
    } else if (key == "answers") {
      EXPECT_EQ(s.answers, field.second.as<size_t>()) << s.id;
    } else if (key == "levels") {
      EXPECT_EQ(s.levels, field.second.as<size_t>()) << s.id;
    } else if (key == "flags") {
      EXPECT_EQ(FlagKeys(s), field.second.as<std::vector<std::string>>()) << s.id;
    } else if (key != "id" && key != "pillar") {
      ADD_FAILURE() << "unknown expectation '" << key << "' for " << s.id;
    }
  }
}

const StatementStatistics& Statement(const ItemStatistics& stats, const std::string& id) {
  for (const StatementStatistics& s : stats.statements) {
    if (s.id == id) return s;
  }
  throw std::runtime_error("no statement " + id);
}

const PillarStatistics& PillarOf(const ItemStatistics& stats, const std::string& id) {
  for (const PillarStatistics& p : stats.pillars) {
    if (p.id == id) return p;
  }
  throw std::runtime_error("no pillar " + id);
}

AnswerSheet Sheet(const Instrument& in, const std::string& csv, const std::string& name) {
  auto sheet = ParseAnswersCsv(csv, name, in);
  if (!sheet.ok()) throw std::runtime_error(sheet.error().ToString());
  return std::move(sheet).value();
}

TEST(ItemStatistics, MatchTheCaseWorkedByHand) {
  const Instrument in = testing::LoadOrFail(kInstrument);
  const YAML::Node doc =
      YAML::LoadFile(testing::SourcePath("tests/golden/item_statistics/hand.yaml").string());
  const ItemStatistics stats =
      ComputeItemStatistics(in, {Sheet(in, doc["answers"].as<std::string>(), "hand.yaml")});
  const YAML::Node expect = doc["expect"];
  EXPECT_EQ(stats.rounds, expect["rounds"].as<size_t>());
  EXPECT_EQ(stats.respondents, expect["respondents"].as<size_t>());
  for (const auto& p : expect["pillars"]) {
    const PillarStatistics& pillar = PillarOf(stats, p.first.Scalar());
    EXPECT_EQ(pillar.statements, p.second["statements"].as<size_t>());
    EXPECT_EQ(pillar.complete, p.second["complete"].as<size_t>());
    ExpectNumber(p.second["alpha"], pillar.alpha, pillar.id + ".alpha");
  }
  ASSERT_GE(expect["statements"].size(), 3u);
  for (const auto& s : expect["statements"]) {
    CheckStatement(Statement(stats, s.first.Scalar()), s.second);
  }
}

TEST(ItemStatistics, MatchTheIndependentScriptOnTwoRounds) {
  const Instrument in = testing::LoadOrFail(kInstrument);
  std::vector<AnswerSheet> rounds;
  for (const char* name : {"round-1.csv", "round-2.csv"}) {
    rounds.push_back(Sheet(
        in,
        testing::ReadText(testing::SourcePath(std::string("tests/golden/item_statistics/") + name)),
        name));
  }
  const ItemStatistics stats = ComputeItemStatistics(in, rounds);
  // JSON is YAML: yaml-cpp reads the script's output as it is.
  const YAML::Node expected =
      YAML::LoadFile(testing::SourcePath("tests/golden/item_statistics/expected.json").string());
  EXPECT_EQ(stats.rounds, expected["rounds"].as<size_t>());
  EXPECT_EQ(stats.respondents, expected["respondents"].as<size_t>());
  ASSERT_EQ(stats.pillars.size(), expected["pillars"].size());
  for (size_t i = 0; i < stats.pillars.size(); ++i) {
    const YAML::Node p = expected["pillars"][i];
    EXPECT_EQ(stats.pillars[i].id, p["id"].as<std::string>());
    EXPECT_EQ(stats.pillars[i].complete, p["complete"].as<size_t>());
    ExpectNumber(p["alpha"], stats.pillars[i].alpha, stats.pillars[i].id + ".alpha");
  }
  ASSERT_EQ(stats.statements.size(), expected["statements"].size());
  std::set<std::string> flags_seen;
  for (size_t i = 0; i < stats.statements.size(); ++i) {
    const YAML::Node s = expected["statements"][i];
    EXPECT_EQ(stats.statements[i].id, s["id"].as<std::string>());
    EXPECT_EQ(stats.statements[i].pillar, s["pillar"].as<std::string>());
    CheckStatement(stats.statements[i], s);
    for (const std::string& f : FlagKeys(stats.statements[i])) flags_seen.insert(f);
  }
  // The data were made so that every kind of flag is raised at least once.
  EXPECT_EQ(flags_seen, (std::set<std::string>{"dk_rate", "item_rest", "alpha_if_removed", "floor",
                                               "ceiling"}));
}

TEST(ItemStatistics, WhatCannotBeComputedIsNullNeverZero) {
  const Instrument in = testing::LoadOrFail(kInstrument);
  // No rounds at all.
  const ItemStatistics none = ComputeItemStatistics(in, {});
  EXPECT_EQ(none.respondents, 0u);
  for (const StatementStatistics& s : none.statements) {
    EXPECT_EQ(s.answers, 0u);
    EXPECT_FALSE(s.mean || s.sd || s.dk_rate || s.item_rest || s.alpha_if_removed) << s.id;
    EXPECT_TRUE(s.flags.empty());
  }
  // Two respondents who agree on everything: no variance, so no correlation and no α; one answer
  // only gives a mean but no standard deviation.
  const ItemStatistics same =
      ComputeItemStatistics(in, {Sheet(in,
                                       "respondent,group,statement,answer,comment\n"
                                       "a,G,B1.1,2,\na,G,B1.2,2,\na,G,B1.3,2,\na,G,B1.4,Y,\n"
                                       "b,G,B1.1,2,\nb,G,B1.2,2,\nb,G,B1.3,2,\nb,G,B1.4,Y,\n"
                                       "a,G,A1.1,3,\n",
                                       "same.csv")});
  EXPECT_EQ(PillarOf(same, "B").complete, 2u);
  EXPECT_FALSE(PillarOf(same, "B").alpha);
  EXPECT_FALSE(Statement(same, "B1.1").item_rest);
  EXPECT_FALSE(Statement(same, "B1.1").alpha_if_removed);
  ExpectNumber(YAML::Load("0"), Statement(same, "B1.1").sd, "B1.1.sd");
  ExpectNumber(YAML::Load("75"), Statement(same, "A1.1").mean, "A1.1.mean");
  EXPECT_FALSE(Statement(same, "A1.1").sd);
  // Everyone at the top of a yes/no statement: its ceiling share is 1 and flagged.
  EXPECT_EQ(FlagKeys(Statement(same, "B1.4")), std::vector<std::string>{"ceiling"});
}

}  // namespace
}  // namespace meter
