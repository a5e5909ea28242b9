// The Way Forward: from a round's scores to a prioritised, prerequisite-respecting plan.
//
// Priority of a sub-area = (T − score) / T × 100 × weight: how far it is below what its pillar aims
// at, as a share of that aim, on a 0–100 scale. T is the pillar's target; a pillar without one aims
// at 100, so its sub-areas keep the untargeted priority (100 − score) × weight, whatever targets
// other pillars have. Sub-areas at or above their target drop out. Sub-areas with insufficient
// data are not ranked: they come first, as "measure first", with their DK rates (a high DK rate is
// itself a finding). The ranked sub-areas are ordered by priority without ever placing one before a
// prerequisite that is itself in the plan, then split into three phases (0–6, 6–18 and 18–36
// months) by thirds of that order, and no item is in an earlier phase than its prerequisites. Each
// ranked item carries the reason it is in its phase, as a message for the caller to translate.
//
// PlanWayForward is a pure function; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/instrument.h"
#include "core/problem.h"
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
  double target = 100;    // the pillar's target, or 100
  bool targeted = false;  // the pillar has a target of the coordinator's
  double priority = 0;    // (target − score) / target × 100 × weight; 0 for "measure first"
  int phase = 1;          // 1, 2 or 3
  std::vector<std::string> after;  // prerequisites that are in the plan too
  // Why the plan puts it in `phase`, one sentence: "Phase {1}: score {2}, the furthest below its
  // pillar's target of {3}." and the like (PlanReason), as a message with no place for the caller
  // to Render through its translator. Empty for "measure first".
  Problem reason;
};

struct WayForwardPlan {
  std::vector<WayForwardItem> measure_first;  // insufficient data, highest DK rate first
  std::vector<WayForwardItem> priorities;     // in plan order
};

// `targets` maps pillar IDs to target scores (0–100); pillars without one aim at 100.
WayForwardPlan PlanWayForward(const Instrument& instrument, const ScoreReport& report,
                              const std::map<std::string, double>& targets);

// The reason the ranked item `plan.priorities[index]` is in its phase, the first that applies:
// - a prerequisite holds it in a later phase than its priority alone would give: "Phase {1}:
//   score {2}, after {3}, which it depends on." ({3}: its prerequisites in the plan);
// - it is in an earlier phase than its priority alone would give, because sub-areas of the plan
//   depend on it: "Phase {1}: score {2}, a prerequisite of {3}.";
// - its pillar has a target: "Phase {1}: score {2}, the furthest below its pillar's target of {3}."
//   for the lowest score of its pillar in the plan, else "Phase {1}: score {2}, {3} points below
//   its pillar's target of {4}.";
// - no target: "Phase {1}: score {2}, the weakest in its pillar, which has no target." or "Phase
//   {1}: score {2}, {3} points below 100; its pillar has no target."
// Numbers as OneDecimal writes them. PlanWayForward fills each item's `reason` with it.
Problem PlanReason(const WayForwardPlan& plan, size_t index);

}  // namespace meter
