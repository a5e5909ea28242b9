#include "core/scoring.h"

#include <algorithm>
#include <cmath>

namespace meter {
namespace {

// A weighted mean built one term at a time.
struct Mean {
  double num = 0, den = 0;
  void Add(const std::optional<double>& value, double weight) {
    if (!value) return;
    num += weight * *value;
    den += weight;
  }
  // nullopt without a weight, and for a mean that is not a finite number (weights so large that
  // their sum overflows), so that a score is a number or absent, never NaN.
  std::optional<double> Get() const {
    if (!(den > 0)) return std::nullopt;
    const double mean = num / den;
    if (!std::isfinite(mean)) return std::nullopt;
    return mean;
  }
};

// What a sub-area, pillar or the overall index gathers from below before it is finished.
struct Tally {
  uint32_t applicable = 0, scored = 0;
  std::vector<uint32_t> group_scored;
  Mean mean;
  std::vector<Mean> group_mean;
  uint32_t level = 0, dk = 0, na = 0;

  explicit Tally(size_t groups) : group_scored(groups, 0), group_mean(groups) {}

  // Counts come from the statements under a unit, directly; means from its children.
  void AddCounts(const Tally& child) {
    applicable += child.applicable;
    scored += child.scored;
    for (size_t g = 0; g < group_scored.size(); ++g) group_scored[g] += child.group_scored[g];
    level += child.level;
    dk += child.dk;
    na += child.na;
  }
  void AddMeans(const UnitScore& child, double weight) {
    mean.Add(child.score, weight);
    for (size_t g = 0; g < group_mean.size(); ++g) group_mean[g].Add(child.group_scores[g], weight);
  }
};

std::optional<double> Ratio(uint32_t part, uint32_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

void SetGap(UnitScore& unit) {
  std::optional<double> lo, hi;
  int count = 0;
  for (const auto& g : unit.group_scores) {
    if (!g) continue;
    ++count;
    lo = lo ? std::min(*lo, *g) : *g;
    hi = hi ? std::max(*hi, *g) : *g;
  }
  if (count >= 2) unit.group_gap = *hi - *lo;
}

UnitScore Finish(std::string id, UnitKind kind, int depth, const Tally& t) {
  UnitScore u;
  u.id = std::move(id);
  u.kind = kind;
  u.depth = depth;
  u.coverage = Ratio(t.scored, t.applicable);
  if (u.coverage && *u.coverage >= kMinCoverage) u.score = t.mean.Get();
  if (u.score) u.band = BandOf(*u.score);
  u.group_scores.resize(t.group_mean.size());
  for (size_t g = 0; g < t.group_mean.size(); ++g) {
    const auto group_coverage = Ratio(t.group_scored[g], t.applicable);
    if (group_coverage && *group_coverage >= kMinCoverage)
      u.group_scores[g] = t.group_mean[g].Get();
  }
  SetGap(u);
  u.dk_rate = Ratio(t.dk, t.level + t.dk);
  u.level_answers = t.level;
  u.dk_answers = t.dk;
  u.na_answers = t.na;
  return u;
}

// Scores one statement and adds it to its sub-area's tally.
UnitScore ScoreStatement(const Statement& st, size_t s, const AnswerTotals& acc,
                         const std::vector<Group>& groups, Tally& parent) {
  UnitScore u;
  u.id = st.id;
  u.kind = UnitKind::kStatement;
  u.depth = 3;
  u.level_answers = acc.level(s);
  u.dk_answers = acc.dk(s);
  u.na_answers = acc.na(s);
  u.applicable = acc.na(s) <= acc.level(s) + acc.dk(s);
  u.dk_rate = Ratio(acc.dk(s), acc.level(s) + acc.dk(s));
  if (acc.level(s) > 0) {
    const double n = acc.level(s);
    const double mean = acc.sum(s) / n;
    u.sd = std::sqrt(std::max(0.0, acc.sum_sq(s) / n - mean * mean));
  }
  u.group_scores.resize(groups.size());
  if (!u.applicable) return u;

  Mean score;
  for (size_t g = 0; g < groups.size(); ++g) {
    const uint32_t count = acc.group_count(s, g);
    if (count == 0) continue;
    u.group_scores[g] = acc.group_sum(s, g) / count;
    score.Add(u.group_scores[g], groups[g].weight);
    ++parent.group_scored[g];
    parent.group_mean[g].Add(u.group_scores[g], st.weight);
  }
  u.score = score.Get();
  u.coverage = u.score ? 1.0 : 0.0;
  if (u.score) u.band = BandOf(*u.score);
  SetGap(u);
  ++parent.applicable;
  if (u.score) ++parent.scored;
  parent.mean.Add(u.score, st.weight);
  parent.level += acc.level(s);
  parent.dk += acc.dk(s);
  parent.na += acc.na(s);
  return u;
}

}  // namespace

const char* UnitKindKey(UnitKind kind) {
  switch (kind) {
    case UnitKind::kStatement:
      return "statement";
    case UnitKind::kSubArea:
      return "subarea";
    case UnitKind::kPillar:
      return "pillar";
    case UnitKind::kOverall:
      return "overall";
  }
  return "";
}

AnswerTotals::AnswerTotals(const Instrument& instrument)
    : statements_(instrument.statements().size()), x_(statements_) {
  sum_.assign(statements_, 0);
  sum_sq_.assign(statements_, 0);
  level_.assign(statements_, 0);
  dk_.assign(statements_, 0);
  na_.assign(statements_, 0);
  for (size_t s = 0; s < statements_; ++s) {
    for (const AnswerLevel& l :
         instrument.AnswerSetOf(*instrument.statements()[s].statement).levels) {
      x_[s].push_back(100.0 * l.value);
    }
  }
}

void AnswerTotals::AddGroups(size_t groups) {
  groups_ = groups;
  group_sum_.resize(groups_ * statements_, 0);
  group_count_.resize(groups_ * statements_, 0);
}

ScoreReport Score(const Instrument& instrument, const AnswerSheet& sheet) {
  AnswerTotals totals(instrument);
  for (const AnswerRow& row : sheet.rows) {
    totals.Add(row.statement, sheet.respondent_group[row.respondent], row.answer);
  }
  return Score(instrument, sheet.groups, totals);
}

ScoreReport Score(const Instrument& instrument, const std::vector<Group>& group_list,
                  const AnswerTotals& acc) {
  const size_t groups = group_list.size();
  ScoreReport report;
  report.groups = group_list;
  report.units.emplace_back();  // the overall index, filled in last
  Tally overall(groups);
  size_t s = 0;  // the flat statement index, in the same order as the walk below
  for (const Pillar& pillar : instrument.pillars) {
    const size_t pillar_slot = report.units.size();
    report.units.emplace_back();
    Tally pillar_tally(groups);
    for (const SubArea& sub : pillar.subareas) {
      const size_t sub_slot = report.units.size();
      report.units.emplace_back();
      Tally sub_tally(groups);
      for (const Statement& st : sub.statements) {
        report.units.push_back(ScoreStatement(st, s++, acc, group_list, sub_tally));
      }
      report.units[sub_slot] = Finish(sub.id, UnitKind::kSubArea, 2, sub_tally);
      pillar_tally.AddCounts(sub_tally);
      pillar_tally.AddMeans(report.units[sub_slot], sub.weight);
    }
    report.units[pillar_slot] = Finish(pillar.id, UnitKind::kPillar, 1, pillar_tally);
    overall.AddCounts(pillar_tally);
    overall.AddMeans(report.units[pillar_slot], pillar.weight);
  }
  report.units[0] = Finish("overall", UnitKind::kOverall, 0, overall);
  return report;
}

}  // namespace meter
