#include "core/instrument_match.h"

#include <algorithm>

namespace meter {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

const std::string& SubAreaIdOf(const Instrument& in, const StatementPlace& place) {
  return in.pillars[static_cast<size_t>(place.pillar)]
      .subareas[static_cast<size_t>(place.subarea)]
      .id;
}

UnitMatch::UnitMatch(const Instrument& from, const Instrument& to) {
  if (to.Follows(from)) {
    forward_ = &*to.mapping;
  } else if (from.Follows(to)) {
    backward_ = &*from.mapping;
  }
  mapped_ = forward_ != nullptr || backward_ != nullptr;
  by_id_only_ = !mapped_ && (from.id != to.id || from.version != to.version);
  MatchStatements(from, to);
  MatchSubAreas(from, to);
}

void UnitMatch::MatchStatements(const Instrument& from, const Instrument& to) {
  // to's IDs that the forward mapping gives to a renamed statement; from's IDs that the backward
  // mapping names as renamed (from's ID → to's).
  std::set<std::string> taken;
  std::map<std::string, std::string> renamed_back;
  if (forward_ != nullptr) {
    for (const auto& [old_id, new_id] : forward_->renamed) taken.insert(new_id);
  }
  if (backward_ != nullptr) {
    for (const auto& [old_id, new_id] : backward_->renamed) renamed_back.emplace(new_id, old_id);
  }
  // The ID in `to` that from's statement `id` continues as, or "".
  auto successor = [&](const std::string& id) -> std::string {
    if (forward_ != nullptr) {
      if (auto it = forward_->renamed.find(id); it != forward_->renamed.end()) return it->second;
      if (Contains(forward_->retired, id) || taken.count(id) > 0) return "";
    } else if (backward_ != nullptr) {
      if (auto it = renamed_back.find(id); it != renamed_back.end()) return it->second;
      // to's statement of this ID was renamed or retired on the way to `from`: this one is new.
      if (backward_->renamed.count(id) > 0 || Contains(backward_->retired, id)) return "";
    }
    return id;
  };
  const auto& statements = from.statements();
  for (size_t i = 0; i < statements.size(); ++i) {
    const std::string& id = statements[i].statement->id;
    const std::string next = successor(id);
    if (next.empty() || to.StatementIndex(next) < 0) continue;
    if (before_.emplace(next, static_cast<int>(i)).second) after_.emplace(id, next);
  }
}

void UnitMatch::MatchSubAreas(const Instrument& from, const Instrument& to) {
  auto pair = [&](const Pillar& p, const SubArea& s, const std::string& to_id) {
    subarea_before_[to_id] = SubAreaPlace{&p, &s};
    subarea_after_[s.id] = to_id;
  };
  for (const Pillar& p : from.pillars) {
    for (const SubArea& s : p.subareas) {
      if (to.FindSubArea(s.id) != nullptr) pair(p, s, s.id);
    }
  }
  for (const Pillar& p : from.pillars) {
    for (const SubArea& s : p.subareas) {
      if (subarea_after_.count(s.id) > 0) continue;
      std::set<std::string> went_to;  // to's sub-areas holding this one's statements
      for (const Statement& st : s.statements) {
        auto it = after_.find(st.id);
        if (it == after_.end()) continue;
        const int index = to.StatementIndex(it->second);
        went_to.insert(SubAreaIdOf(to, to.statements()[static_cast<size_t>(index)]));
      }
      if (went_to.size() == 1 && from.FindSubArea(*went_to.begin()) == nullptr &&
          subarea_before_.count(*went_to.begin()) == 0) {
        pair(p, s, *went_to.begin());
      }
    }
  }
}

int UnitMatch::StatementBefore(const std::string& to_id) const {
  auto it = before_.find(to_id);
  return it == before_.end() ? -1 : it->second;
}

const SubAreaPlace* UnitMatch::SubAreaBefore(const std::string& to_id) const {
  auto it = subarea_before_.find(to_id);
  return it == subarea_before_.end() ? nullptr : &it->second;
}

std::string UnitMatch::SubAreaAfter(const std::string& from_id) const {
  auto it = subarea_after_.find(from_id);
  return it == subarea_after_.end() ? "" : it->second;
}

}  // namespace meter
