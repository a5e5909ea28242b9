// The scoring methodology (docs/methodology.md, normative): answers → statement, sub-area, pillar
// and overall scores, with coverage, DK rate, band, per-group scores and the gap between groups.
//
// Score() is a pure function of the instrument and the sheet; it cannot fail (a sheet built by
// ParseAnswersCsv or by the store only refers to statements, levels and groups that exist).
// Thread-safe: no shared state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/answers.h"
#include "core/band.h"
#include "core/instrument.h"

namespace meter {

enum class UnitKind { kStatement, kSubArea, kPillar, kOverall };

// "statement", "subarea", "pillar", "overall": the keys used in JSON and CSV.
const char* UnitKindKey(UnitKind kind);

// A coverage below this withholds a unit's score ("insufficient data").
inline constexpr double kMinCoverage = 0.5;

struct UnitScore {
  std::string id;  // "C1.1", "C1", "C" or "overall"
  UnitKind kind = UnitKind::kStatement;
  int depth = 0;                    // 0 overall, 1 pillar, 2 sub-area, 3 statement
  std::optional<double> score;      // 0–100; nullopt when withheld or undefined
  std::optional<double> coverage;   // 0–1; nullopt when nothing under the unit is applicable
  std::optional<double> dk_rate;    // DK / (level + DK); nullopt when there are neither
  std::optional<Band> band;         // present exactly when score is
  std::optional<double> group_gap;  // max − min of the group scores; nullopt with fewer than two
  std::vector<std::optional<double>> group_scores;  // by group index of the sheet
  // Statements only: applicability and the population standard deviation of the level answers.
  bool applicable = true;
  std::optional<double> sd;
  // Counts of answers under the unit (statements: all; other units: applicable statements only).
  uint32_t level_answers = 0;
  uint32_t dk_answers = 0;
  uint32_t na_answers = 0;
};

struct ScoreReport {
  std::vector<Group> groups;
  // Pre-order: overall first, then each pillar followed by its sub-areas, each sub-area followed by
  // its statements, in instrument order.
  std::vector<UnitScore> units;
};

// All that scoring reads of the answers: per statement the sum and count of the level answers'
// values x(r,s) in each group, their sum and sum of squares over all respondents, and the counts of
// level, DK and NA answers. Built one answer at a time, so that a file of any size can be scored
// in memory that grows with statements × groups only; the sums are the same, to the last bit, as
// Score(sheet)'s when the answers come in the sheet's order.
class AnswerTotals {
 public:
  explicit AnswerTotals(const Instrument& instrument);
  // `answer`: a level index of statement `s`'s scale (checked by the caller), kDontKnow or
  // kNotApplicable. `group` is any index; the tables grow to hold it.
  void Add(size_t s, size_t group, int8_t answer) {
    if (answer == kDontKnow) {
      ++dk_[s];
    } else if (answer == kNotApplicable) {
      ++na_[s];
    } else {
      if (group >= groups_) AddGroups(group + 1);
      const double v = x_[s][static_cast<size_t>(answer)];
      const size_t cell = group * statements_ + s;
      group_sum_[cell] += v;
      ++group_count_[cell];
      sum_[s] += v;
      sum_sq_[s] += v * v;
      ++level_[s];
    }
  }

  uint32_t level(size_t s) const { return level_[s]; }
  uint32_t dk(size_t s) const { return dk_[s]; }
  uint32_t na(size_t s) const { return na_[s]; }
  double sum(size_t s) const { return sum_[s]; }
  double sum_sq(size_t s) const { return sum_sq_[s]; }
  // 0 for a group without level answers.
  double group_sum(size_t s, size_t g) const {
    return g < groups_ ? group_sum_[g * statements_ + s] : 0;
  }
  uint32_t group_count(size_t s, size_t g) const {
    return g < groups_ ? group_count_[g * statements_ + s] : 0;
  }

 private:
  void AddGroups(size_t groups);

  size_t statements_;
  size_t groups_ = 0;
  std::vector<std::vector<double>> x_;  // 100 × the value of each level of each statement's scale
  std::vector<double> group_sum_;       // group × statement
  std::vector<uint32_t> group_count_;   // group × statement
  std::vector<double> sum_, sum_sq_;    // per statement, over all respondents
  std::vector<uint32_t> level_, dk_, na_;
};

ScoreReport Score(const Instrument& instrument, const AnswerSheet& sheet);
// The same from totals: `groups` are the groups the totals' group indexes refer to.
ScoreReport Score(const Instrument& instrument, const std::vector<Group>& groups,
                  const AnswerTotals& totals);

}  // namespace meter
