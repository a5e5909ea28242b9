// Item statistics (docs/methodology.md §13) against golden data: a case worked by hand
// (tests/golden/item_statistics/hand.yaml) and two rounds whose statistics an independent script
// computed (reference.py → expected.json), each number to within 1e-9, and every flag.
#include "core/item_statistics.h"

#include <map>
#include <set>
#include <stdexcept>

#include "core/answers_csv.h"
#include "test_support.h"

namespace meter {
namespace {

using testing::CountOf;
using testing::ExpectNumber;
using testing::TextsOf;

const char* kInstrument = "tests/golden/scoring/instrument.yaml";

std::vector<std::string> FlagKeys(const StatementStatistics& s) {
  std::vector<std::string> out;
  for (ItemFlag f : s.flags) out.push_back(ItemFlagKey(f));
  return out;
}

// Checks the fields `expect` names (a map of field → value) on `s`; an unknown field fails.
void CheckStatement(const StatementStatistics& s, const YamlNode& expect) {
  const std::map<std::string, const std::optional<double>*> numbers = {
      {"mean", &s.mean},
      {"sd", &s.sd},
      {"dk_rate", &s.dk_rate},
      {"na_rate", &s.na_rate},
      {"floor_share", &s.floor_share},
      {"ceiling_share", &s.ceiling_share},
      {"item_rest", &s.item_rest},
      {"alpha_if_removed", &s.alpha_if_removed}};
  for (const YamlEntry& field : expect.Entries()) {
    const std::string key = field.first.Scalar();
    if (auto it = numbers.find(key); it != numbers.end()) {
      ExpectNumber(field.second, *it->second, s.id + "." + key);
    } else if (key == "answers") {
      EXPECT_EQ(s.answers, CountOf(field.second)) << s.id;
    } else if (key == "levels") {
      EXPECT_EQ(s.levels, CountOf(field.second)) << s.id;
    } else if (key == "flags") {
      EXPECT_EQ(FlagKeys(s), TextsOf(field.second)) << s.id;
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
  const YamlDocument file = testing::ReadYamlOrFail(
      testing::ReadText(testing::SourcePath("tests/golden/item_statistics/hand.yaml")),
      "hand.yaml");
  const YamlNode doc = file.root();
  const ItemStatistics stats =
      ComputeItemStatistics(in, {Sheet(in, doc["answers"].Scalar(), "hand.yaml")});
  const YamlNode expect = doc["expect"];
  EXPECT_EQ(stats.rounds, CountOf(expect["rounds"]));
  EXPECT_EQ(stats.respondents, CountOf(expect["respondents"]));
  for (const YamlEntry& p : expect["pillars"].Entries()) {
    const PillarStatistics& pillar = PillarOf(stats, p.first.Scalar());
    EXPECT_EQ(pillar.statements, CountOf(p.second["statements"]));
    EXPECT_EQ(pillar.complete, CountOf(p.second["complete"]));
    ExpectNumber(p.second["alpha"], pillar.alpha, pillar.id + ".alpha");
  }
  ASSERT_GE(expect["statements"].size(), 3u);
  for (const YamlEntry& s : expect["statements"].Entries()) {
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
  // JSON is YAML: core's reader reads the script's output as it is.
  const YamlDocument file = testing::ReadYamlOrFail(
      testing::ReadText(testing::SourcePath("tests/golden/item_statistics/expected.json")),
      "expected.json");
  const YamlNode expected = file.root();
  EXPECT_EQ(stats.rounds, CountOf(expected["rounds"]));
  EXPECT_EQ(stats.respondents, CountOf(expected["respondents"]));
  ASSERT_EQ(stats.pillars.size(), expected["pillars"].size());
  for (size_t i = 0; i < stats.pillars.size(); ++i) {
    const YamlNode p = expected["pillars"].Item(i);
    EXPECT_EQ(stats.pillars[i].id, p["id"].Scalar());
    EXPECT_EQ(stats.pillars[i].complete, CountOf(p["complete"]));
    ExpectNumber(p["alpha"], stats.pillars[i].alpha, stats.pillars[i].id + ".alpha");
  }
  ASSERT_EQ(stats.statements.size(), expected["statements"].size());
  std::set<std::string> flags_seen;
  for (size_t i = 0; i < stats.statements.size(); ++i) {
    const YamlNode s = expected["statements"].Item(i);
    EXPECT_EQ(stats.statements[i].id, s["id"].Scalar());
    EXPECT_EQ(stats.statements[i].pillar, s["pillar"].Scalar());
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
  ExpectNumber(0, Statement(same, "B1.1").sd, "B1.1.sd");
  ExpectNumber(75, Statement(same, "A1.1").mean, "A1.1.mean");
  EXPECT_FALSE(Statement(same, "A1.1").sd);
  // Everyone at the top of a yes/no statement: its ceiling share is 1 and flagged.
  EXPECT_EQ(FlagKeys(Statement(same, "B1.4")), std::vector<std::string>{"ceiling"});
}

}  // namespace
}  // namespace meter
