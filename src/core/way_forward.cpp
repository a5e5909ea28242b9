#include "core/way_forward.h"

#include <algorithm>
#include <set>

#include "core/problem.h"
#include "core/text.h"

namespace meter {
namespace {

std::map<std::string, const UnitScore*> UnitsById(const ScoreReport& report) {
  std::map<std::string, const UnitScore*> out;
  for (const UnitScore& u : report.units) out[u.id] = &u;
  return out;
}

// Highest priority first; the sub-area ID breaks ties, so that a plan never depends on input order.
bool ByPriority(const WayForwardItem& a, const WayForwardItem& b) {
  return a.priority != b.priority ? a.priority > b.priority : a.subarea < b.subarea;
}

// Orders `items` by priority, never before a prerequisite that is among them.
std::vector<WayForwardItem> OrderRespectingPrerequisites(std::vector<WayForwardItem> items) {
  std::sort(items.begin(), items.end(), ByPriority);
  std::vector<WayForwardItem> ordered;
  std::set<std::string> placed;
  while (!items.empty()) {
    auto ready = std::find_if(items.begin(), items.end(), [&](const WayForwardItem& item) {
      return std::all_of(item.after.begin(), item.after.end(),
                         [&](const std::string& p) { return placed.count(p) > 0; });
    });
    if (ready == items.end()) ready = items.begin();  // a cycle: instruments forbid it, never loop
    placed.insert(ready->subarea);
    ordered.push_back(std::move(*ready));
    items.erase(ready);
  }
  return ordered;
}

// The phase of the item at `position` (0-based) of an order of `n`: thirds of the order.
int PhaseOfPosition(size_t position, size_t n) {
  return 1 + static_cast<int>(position * kPhaseCount / std::max<size_t>(n, 1));
}

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The phase `plan.priorities[index]` would have by its priority alone, without prerequisites.
int PhaseByPriorityAlone(const WayForwardPlan& plan, size_t index) {
  const WayForwardItem& item = plan.priorities[index];
  size_t ahead = 0;
  for (const WayForwardItem& other : plan.priorities) {
    if (ByPriority(other, item)) ++ahead;
  }
  return PhaseOfPosition(ahead, plan.priorities.size());
}

}  // namespace

const char* PhaseName(int phase) {
  switch (phase) {
    case 1:
      return METER_N("Phase 1: the first 6 months");
    case 2:
      return METER_N("Phase 2: months 6 to 18");
    default:
      return METER_N("Phase 3: months 18 to 36");
  }
}

WayForwardPlan PlanWayForward(const Instrument& instrument, const ScoreReport& report,
                              const std::map<std::string, double>& targets) {
  const auto units = UnitsById(report);
  WayForwardPlan plan;
  std::vector<WayForwardItem> ranked;
  for (const Pillar& pillar : instrument.pillars) {
    auto target_it = targets.find(pillar.id);
    const bool targeted = target_it != targets.end();
    const double target = targeted ? target_it->second : 100;
    for (const SubArea& sub : pillar.subareas) {
      const UnitScore* u = units.at(sub.id);
      WayForwardItem item{sub.id,   pillar.id, u->score, u->dk_rate, u->band, target,
                          targeted, 0,         1,        {},         {}};
      if (!u->score) {
        plan.measure_first.push_back(std::move(item));
        continue;
      }
      if (*u->score >= target) continue;  // at or above target (so target > 0): not in the plan
      // As a share of the target, so that a pillar's target never changes the priorities of the
      // pillars without one (which aim at 100: (100 − score) × weight).
      item.priority = (target - *u->score) / target * 100 * sub.weight;
      item.after = sub.prerequisites;
      ranked.push_back(std::move(item));
    }
  }
  // Only prerequisites that are themselves in the plan hold an item back.
  std::set<std::string> in_plan;
  for (const auto& i : ranked) in_plan.insert(i.subarea);
  for (const auto& i : plan.measure_first) in_plan.insert(i.subarea);
  for (auto& item : ranked) {
    std::erase_if(item.after, [&](const std::string& p) { return !in_plan.count(p); });
  }
  plan.priorities = OrderRespectingPrerequisites(std::move(ranked));
  const size_t n = plan.priorities.size();
  std::map<std::string, int> phase_of;
  for (const auto& m : plan.measure_first) phase_of[m.subarea] = 1;
  for (size_t i = 0; i < n; ++i) {
    WayForwardItem& item = plan.priorities[i];
    item.phase = PhaseOfPosition(i, n);
    for (const std::string& p : item.after) item.phase = std::max(item.phase, phase_of[p]);
    phase_of[item.subarea] = item.phase;
  }
  for (size_t i = 0; i < n; ++i) plan.priorities[i].reason = PlanReason(plan, i);
  std::stable_sort(
      plan.measure_first.begin(), plan.measure_first.end(),
      [](const auto& a, const auto& b) { return a.dk_rate.value_or(-1) > b.dk_rate.value_or(-1); });
  return plan;
}

// The bits of Problem::number_args for the score ({2}) of every reason.
constexpr uint32_t kScoreArg = 2u;

Problem PlanReason(const WayForwardPlan& plan, size_t index) {
  const WayForwardItem& item = plan.priorities.at(index);
  const std::string phase = std::to_string(item.phase);
  const std::string score = OneDecimal(item.score);
  const int alone = PhaseByPriorityAlone(plan, index);
  if (item.phase > alone && !item.after.empty()) {
    return {"",
            METER_N("Phase {1}: score {2}, after {3}, which it depends on."),
            {phase, score, Joined(item.after)},
            0,
            kScoreArg};
  }
  std::vector<std::string> dependants;
  for (const WayForwardItem& other : plan.priorities) {
    if (std::find(other.after.begin(), other.after.end(), item.subarea) != other.after.end()) {
      dependants.push_back(other.subarea);
    }
  }
  if (item.phase < alone && !dependants.empty()) {
    return {"",
            METER_N("Phase {1}: score {2}, a prerequisite of {3}."),
            {phase, score, Joined(dependants)},
            0,
            kScoreArg};
  }
  const bool weakest =
      std::none_of(plan.priorities.begin(), plan.priorities.end(), [&](const WayForwardItem& o) {
        return o.pillar == item.pillar && o.score && item.score && *o.score < *item.score;
      });
  if (item.targeted) {
    if (weakest) {
      return {"",
              METER_N("Phase {1}: score {2}, the furthest below its pillar's target of {3}."),
              {phase, score, OneDecimal(item.target)},
              0,
              kScoreArg | 4u};
    }
    return {
        "",
        METER_N("Phase {1}: score {2}, {3} points below its pillar's target of {4}."),
        {phase, score, OneDecimal(item.target - item.score.value_or(0)), OneDecimal(item.target)},
        0,
        kScoreArg | 4u | 8u};
  }
  if (weakest) {
    return {"",
            METER_N("Phase {1}: score {2}, the weakest in its pillar, which has no target."),
            {phase, score},
            0,
            kScoreArg};
  }
  return {"",
          METER_N("Phase {1}: score {2}, {3} points below 100; its pillar has no target."),
          {phase, score, OneDecimal(100 - item.score.value_or(0))},
          0,
          kScoreArg | 4u};
}

}  // namespace meter
