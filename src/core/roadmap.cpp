#include "core/roadmap.h"

#include <algorithm>
#include <cmath>

#include "core/text_rules.h"

namespace meter {
namespace {

const RoadmapEdit* EditFor(const std::vector<RoadmapEdit>& edits, const std::string& subarea) {
  for (const RoadmapEdit& e : edits) {
    if (e.subarea == subarea) return &e;
  }
  return nullptr;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::vector<RoadmapItem> BuildRoadmap(const WayForwardPlan& plan,
                                      const std::vector<RoadmapEdit>& edits) {
  std::vector<RoadmapItem> out;
  for (const WayForwardItem& item : plan.priorities) {
    RoadmapItem row{item, item.phase, {}, {}};
    if (const RoadmapEdit* e = EditFor(edits, item.subarea)) {
      if (e->phase >= 1 && e->phase <= kPhaseCount) row.phase = e->phase;
      row.owner = e->owner;
      row.due = e->due;
    }
    out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RoadmapItem& a, const RoadmapItem& b) { return a.phase < b.phase; });
  return out;
}

bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int days = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= days;
}

Result<bool> CheckRoadmapEdit(const WayForwardPlan& plan, const std::vector<RoadmapEdit>& edits,
                              const RoadmapEdit& edit) {
  std::vector<Problem> problems;
  const bool in_plan = std::any_of(plan.priorities.begin(), plan.priorities.end(),
                                   [&](const auto& i) { return i.subarea == edit.subarea; });
  if (!in_plan) {
    problems.push_back(
        {"subarea", METER_N("'{1}' is not among the priorities of this plan"), {edit.subarea}});
  }
  if (edit.phase < 0 || edit.phase > kPhaseCount) {
    problems.push_back({"phase", METER_N("the phase must be 1, 2 or 3"), {}});
  }
  if (!edit.due.empty() && !IsIsoDate(edit.due)) {
    problems.push_back({"due", METER_N("the due date must be a date written YYYY-MM-DD"), {}});
  }
  if (auto problem = TextProblem("owner", edit.owner, TextShape::kLine)) {
    problems.push_back(std::move(*problem));
  } else if (CountCharacters(edit.owner) > kMaxOwnerLength) {
    problems.push_back({"owner", METER_N("the owner must have at most 200 characters"), {}});
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};

  std::vector<RoadmapEdit> after = edits;
  std::erase_if(after, [&](const RoadmapEdit& e) { return e.subarea == edit.subarea; });
  after.push_back(edit);
  std::map<std::string, int> phase_of;
  for (const RoadmapItem& r : BuildRoadmap(plan, after)) phase_of[r.item.subarea] = r.phase;
  for (const WayForwardItem& item : plan.priorities) {
    for (const std::string& prerequisite : item.after) {
      auto p = phase_of.find(prerequisite);
      if (p == phase_of.end() || p->second <= phase_of.at(item.subarea)) continue;
      return Error::Of(ErrorCode::kConflict, "phase",
                       METER_N("{1} cannot come before its prerequisite {2}"),
                       {item.subarea, prerequisite});
    }
  }
  return true;
}

Result<bool> CheckTarget(const Instrument& instrument, const std::string& pillar, double target) {
  if (!instrument.FindPillar(pillar)) {
    return Error::Of(ErrorCode::kInvalidInput, "pillar",
                     METER_N("'{1}' is not a pillar of this instrument"), {pillar});
  }
  if (!std::isfinite(target) || target < 0 || target > 100) {
    return Error::Of(ErrorCode::kInvalidInput, pillar,
                     METER_N("a target must be a number from 0 to 100"));
  }
  return true;
}

}  // namespace meter
