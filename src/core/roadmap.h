// The roadmap of a round: the Way Forward's priority sub-areas in three phases, as the coordinator
// has adjusted them (moved to another phase, given an owner and a due date).
//
// The plan proposes a phase for every item; a RoadmapEdit records only what the coordinator
// changed, so a new target or new answers re-plan everything the coordinator did not touch. Edits
// of sub-areas that are no longer in the plan are kept in the store but ignored here.
//
// CheckRoadmapEdit refuses (kInvalidInput, naming the field) a phase outside 1–3, a due date that
// is not a real YYYY-MM-DD date, an owner longer than 200 characters or not on one line or a
// sub-area that is not in the plan, and (kConflict, naming the prerequisite) a move that would
// schedule a sub-area before one of its prerequisites or a prerequisite after a sub-area that
// depends on it. Pure, thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/limits.h"
#include "core/problem.h"
#include "core/way_forward.h"

namespace meter {

struct RoadmapEdit {
  std::string subarea;
  int phase = 0;      // 0: the phase the plan proposes
  std::string owner;  // who is responsible; may be empty
  std::string due;    // YYYY-MM-DD or empty
};

struct RoadmapItem {
  WayForwardItem item;  // item.phase is the phase the plan proposed
  int phase = 1;        // the phase in force: the coordinator's, or the plan's
  std::string owner;
  std::string due;
  bool moved() const { return phase != item.phase; }
};

// Every priority of `plan` with its edit applied, by phase in force, then plan order.
std::vector<RoadmapItem> BuildRoadmap(const WayForwardPlan& plan,
                                      const std::vector<RoadmapEdit>& edits);

// Checks `edit` against the plan with the other `edits` in force (see the header comment).
Result<bool> CheckRoadmapEdit(const WayForwardPlan& plan, const std::vector<RoadmapEdit>& edits,
                              const RoadmapEdit& edit);

// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(const std::string& text);

// kInvalidInput (naming the pillar) for a pillar the instrument does not have or a target outside
// 0–100.
Result<bool> CheckTarget(const Instrument& instrument, const std::string& pillar, double target);

}  // namespace meter
