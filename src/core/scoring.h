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

ScoreReport Score(const Instrument& instrument, const AnswerSheet& sheet);

}  // namespace meter
