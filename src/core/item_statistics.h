// Item statistics of an instrument version (docs/methodology.md §13): how each statement behaved in
// the published rounds that used it, for the experts who improve the instrument. For each
// statement: how many answers, their mean and standard deviation, the DK and NA rates, the shares
// at the floor and the ceiling, and its item-rest correlation within its pillar; for each pillar,
// Cronbach's α and, for each of its statements, α if that statement were removed. Flags point at
// the statements worth a second look.
//
// The input is one AnswerSheet per round, all scored with `instrument` (the caller picks the
// rounds: published ones only). A statistic that cannot be computed (too few answers, no variance)
// is nullopt, never 0. Pure functions of their arguments; thread-safe; they cannot fail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/answers.h"
#include "core/instrument.h"

namespace meter {

// Why a statement deserves the experts' attention. The thresholds are those of methodology §13.
enum class ItemFlag {
  kManyDontKnow,       // DK rate over 30 %
  kLowItemRest,        // item-rest correlation under 0.2
  kAlphaRisesWithout,  // the pillar's α would rise without it
  kFloor,              // more than 80 % of the level answers at the lowest level
  kCeiling,            // more than 80 % at the highest level
};

// Below this many published rounds, statement figures describe one or two countries' answers: the
// pages show them to coordinators only from this many (the secretariat and experts always).
inline constexpr size_t kItemStatisticsMinRounds = 3;

inline constexpr double kFlagDontKnowRate = 0.30;
inline constexpr double kFlagItemRest = 0.2;
inline constexpr double kFlagFloorCeilingShare = 0.80;

// "dk_rate", "item_rest", "alpha_if_removed", "floor", "ceiling": the flag's key in JSON and CSV.
const char* ItemFlagKey(ItemFlag flag);
// The flag in words, to translate (METER_N).
const char* ItemFlagName(ItemFlag flag);

struct StatementStatistics {
  std::string id;                       // "C1.1"
  std::string pillar;                   // "C"
  size_t answers = 0;                   // level, DK and NA answers
  size_t levels = 0;                    // level answers: n of the mean and the standard deviation
  std::optional<double> mean;           // of x = 100·v over the level answers
  std::optional<double> sd;             // sample standard deviation (n − 1); needs n ≥ 2
  std::optional<double> dk_rate;        // DK answers / answers
  std::optional<double> na_rate;        // NA answers / answers
  std::optional<double> floor_share;    // level answers at the lowest level / level answers
  std::optional<double> ceiling_share;  // at the highest level / level answers
  // Pearson's r between the statement and the sum of the pillar's other statements, over the
  // pillar's complete respondents.
  std::optional<double> item_rest;
  // The pillar's α over the same respondents without this statement.
  std::optional<double> alpha_if_removed;
  std::vector<ItemFlag> flags;
};

struct PillarStatistics {
  std::string id;         // "C"
  size_t statements = 0;  // k
  // Respondents who gave a level answer to every statement of the pillar: the sample of α and of
  // the item-rest correlations (listwise deletion).
  size_t complete = 0;
  std::optional<double> alpha;  // Cronbach's α; needs k ≥ 2, two complete respondents, variance
};

struct ItemStatistics {
  size_t rounds = 0;
  size_t respondents = 0;                       // who gave at least one answer
  std::vector<PillarStatistics> pillars;        // in instrument order
  std::vector<StatementStatistics> statements;  // in instrument order
};

// The answers the statistics are computed from, added one round at a time, so that a caller
// reading many rounds (a campaign has thousands) holds one round's sheet at once besides this:
// one byte per respondent and statement. Keeps a pointer to `instrument`, which must outlive it.
class ItemAnswers {
 public:
  explicit ItemAnswers(const Instrument& instrument);
  // Adds the round's respondents and answers (rows naming no respondent or statement of it are
  // left out, as scoring leaves them).
  void Add(const AnswerSheet& round);
  ItemStatistics Compute() const;

  size_t respondents() const { return columns_ ? cells_.size() / columns_ : 0; }
  // The answers of respondent `r`, by statement index: a level index, kDontKnow, kNotApplicable,
  // or INT8_MIN where none.
  const int8_t* Row(size_t r) const { return cells_.data() + r * columns_; }

 private:
  const Instrument* instrument_;
  size_t columns_;
  size_t rounds_ = 0;
  std::vector<int8_t> cells_;  // respondents × statements, row after row
};

// The same for rounds read already.
ItemStatistics ComputeItemStatistics(const Instrument& instrument,
                                     const std::vector<AnswerSheet>& rounds);

}  // namespace meter
