#include "core/monitoring.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace meter {
namespace {

std::optional<double> Change(const std::optional<double>& before,
                             const std::optional<double>& after) {
  if (!before || !after) return std::nullopt;
  return *after - *before;
}

UnmatchedUnit Unmatched(const UnitScore& u, bool retired) {
  return UnmatchedUnit{u.id, u.kind, u.score, retired};
}

// The older version's ID that a unit of the newer version continues, or "" when it is new. Without
// a mapping every ID continues itself.
std::string OlderId(const UnitScore& u, const VersionMapping* mapping,
                    const std::multimap<std::string, std::string>& renamed_to) {
  if (mapping == nullptr || u.kind != UnitKind::kStatement) return u.id;
  if (auto it = renamed_to.find(u.id); it != renamed_to.end()) return it->second;
  const auto& retired = mapping->retired;
  const bool reused = mapping->renamed.count(u.id) > 0 ||
                      std::find(retired.begin(), retired.end(), u.id) != retired.end();
  return reused ? "" : u.id;
}

}  // namespace

RoundComparison CompareRounds(const Instrument& before_instrument, const ScoreReport& before,
                              const Instrument& after_instrument, const ScoreReport& after) {
  RoundComparison out;
  out.before_version = before_instrument.version;
  out.after_version = after_instrument.version;
  const bool same = before_instrument.id == after_instrument.id &&
                    before_instrument.version == after_instrument.version;
  // Which side is the newer version, when a mapping links the two.
  bool after_is_newer = true;
  const VersionMapping* mapping = nullptr;
  if (!same) {
    if (after_instrument.Follows(before_instrument)) {
      mapping = &*after_instrument.mapping;
    } else if (before_instrument.Follows(after_instrument)) {
      mapping = &*before_instrument.mapping;
      after_is_newer = false;
    }
    out.mapped = mapping != nullptr;
    out.matched_by_id_only = mapping == nullptr;
  }
  const ScoreReport& newer = after_is_newer ? after : before;
  const ScoreReport& older = after_is_newer ? before : after;
  std::multimap<std::string, std::string> renamed_to;  // newer ID → older ID
  if (mapping != nullptr) {
    for (const auto& [old_id, new_id] : mapping->renamed) renamed_to.emplace(new_id, old_id);
  }
  std::map<std::string, const UnitScore*> older_by_id;
  for (const UnitScore& u : older.units) older_by_id.emplace(u.id, &u);

  std::set<std::string> matched;  // older IDs that found their counterpart
  std::vector<UnmatchedUnit>& only_newer = after_is_newer ? out.only_after : out.only_before;
  std::vector<UnmatchedUnit>& only_older = after_is_newer ? out.only_before : out.only_after;
  for (const UnitScore& u : newer.units) {
    const std::string old_id = OlderId(u, mapping, renamed_to);
    auto it = old_id.empty() ? older_by_id.end() : older_by_id.find(old_id);
    if (it == older_by_id.end() || it->second->kind != u.kind || !matched.insert(old_id).second) {
      only_newer.push_back(Unmatched(u, false));
      continue;
    }
    ComparisonRow row{u.id, old_id == u.id ? "" : old_id, u.kind, {}, {}, {}};
    row.before = after_is_newer ? it->second->score : u.score;
    row.after = after_is_newer ? u.score : it->second->score;
    row.change = Change(row.before, row.after);
    out.rows.push_back(std::move(row));
  }
  for (const UnitScore& u : older.units) {
    if (matched.count(u.id) > 0) continue;
    const bool retired =
        mapping != nullptr && u.kind == UnitKind::kStatement &&
        std::find(mapping->retired.begin(), mapping->retired.end(), u.id) != mapping->retired.end();
    only_older.push_back(Unmatched(u, retired));
  }
  return out;
}

std::vector<TrendSeries> PillarTrends(std::vector<RoundScores> rounds) {
  std::stable_sort(rounds.begin(), rounds.end(), [](const RoundScores& a, const RoundScores& b) {
    return std::tie(a.round->year, a.round->created_at, a.round->id) <
           std::tie(b.round->year, b.round->created_at, b.round->id);
  });
  std::map<int, int> per_year;
  for (const RoundScores& r : rounds) ++per_year[r.round->year];

  std::vector<TrendSeries> series;
  for (auto r = rounds.rbegin(); r != rounds.rend(); ++r) {  // newest instrument first
    for (const Pillar& p : r->instrument->pillars) {
      auto same = [&](const TrendSeries& s) { return s.id == p.id; };
      if (std::none_of(series.begin(), series.end(), same)) series.push_back({p.id, p.name, {}});
    }
  }
  for (TrendSeries& s : series) {
    for (const RoundScores& r : rounds) {
      TrendPoint point;
      point.round_id = r.round->id;
      point.year = r.round->year;
      point.label = std::to_string(point.year);
      if (per_year[point.year] > 1) point.label += " · " + r.round->title;
      point.assessed = r.instrument->FindPillar(s.id) != nullptr;
      for (const UnitScore& u : r.report->units) {
        if (u.kind == UnitKind::kPillar && u.id == s.id) point.score = u.score;
      }
      s.points.push_back(std::move(point));
    }
  }
  return series;
}

}  // namespace meter
