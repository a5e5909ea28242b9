#include "core/way_forward.h"

#include <algorithm>
#include <set>

#include "core/problem.h"

namespace meter {
namespace {

std::map<std::string, const UnitScore*> UnitsById(const ScoreReport& report) {
  std::map<std::string, const UnitScore*> out;
  for (const UnitScore& u : report.units) out[u.id] = &u;
  return out;
}

// Orders `items` by priority, never before a prerequisite that is among them.
std::vector<WayForwardItem> OrderRespectingPrerequisites(std::vector<WayForwardItem> items) {
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.priority != b.priority ? a.priority > b.priority : a.subarea < b.subarea;
  });
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
    const double target = target_it == targets.end() ? 100 : target_it->second;
    for (const SubArea& sub : pillar.subareas) {
      const UnitScore* u = units.at(sub.id);
      WayForwardItem item{sub.id, pillar.id, u->score, u->dk_rate, u->band, target, 0, 1, {}};
      if (!u->score) {
        plan.measure_first.push_back(std::move(item));
        continue;
      }
      if (*u->score >= target) continue;  // at or above target: not in the plan
      item.priority = (target - *u->score) * sub.weight;
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
    item.phase = 1 + static_cast<int>(i * kPhaseCount / std::max<size_t>(n, 1));
    for (const std::string& p : item.after) item.phase = std::max(item.phase, phase_of[p]);
    phase_of[item.subarea] = item.phase;
  }
  std::stable_sort(
      plan.measure_first.begin(), plan.measure_first.end(),
      [](const auto& a, const auto& b) { return a.dk_rate.value_or(-1) > b.dk_rate.value_or(-1); });
  return plan;
}

}  // namespace meter
