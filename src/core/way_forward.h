// The Way Forward: from a round's scores to a prioritised, prerequisite-respecting plan.
//
// Priority of a sub-area = (100 − score) × weight, or (target − score) × weight once its pillar has
// a target, in which case sub-areas at or above the target drop out. Sub-areas with insufficient
// data are not ranked: they come first, as "measure first", with their DK rates (a high DK rate is
// itself a finding). The ranked sub-areas are ordered by priority without ever placing one before a
// prerequisite that is itself in the plan, then split into three phases (0–6, 6–18 and 18–36
// months) by thirds of that order, and no item is in an earlier phase than its prerequisites.
//
// PlanWayForward is a pure function; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/instrument.h"
#include "core/scoring.h"

namespace meter {

inline constexpr int kPhaseCount = 3;

// "Phase 1: the first 6 months"…: the English name of a phase (1–3), marked for translation.
const char* PhaseName(int phase);

struct WayForwardItem {
  std::string subarea;
  std::string pillar;
  std::optional<double> score;  // nullopt for "measure first"
  std::optional<double> dk_rate;
  std::optional<Band> band;
  double target = 100;             // the pillar's target, or 100
  double priority = 0;             // (target − score) × weight; 0 for "measure first"
  int phase = 1;                   // 1, 2 or 3
  std::vector<std::string> after;  // prerequisites that are in the plan too
};

struct WayForwardPlan {
  std::vector<WayForwardItem> measure_first;  // insufficient data, highest DK rate first
  std::vector<WayForwardItem> priorities;     // in plan order
};

// `targets` maps pillar IDs to target scores (0–100); pillars without one aim at 100.
WayForwardPlan PlanWayForward(const Instrument& instrument, const ScoreReport& report,
                              const std::map<std::string, double>& targets);

}  // namespace meter
