#include "core/benchmarks.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <tuple>

#include "core/band.h"
#include "core/problem.h"

namespace meter {
namespace {

// Pillar IDs are one capital letter (docs/instrument-format.md); sub-area IDs add a number and the
// overall index is "overall", so the ID alone says which scores are pillars.
bool IsPillarId(const std::string& id) { return id.size() == 1 && id[0] >= 'A' && id[0] <= 'Z'; }

// True when `a` is a later round of its country than `b`.
bool Later(const Round& a, const Round& b) {
  return std::tie(a.year, a.created_at, a.id) > std::tie(b.year, b.created_at, b.id);
}

// Each country's latest published round, leaving out the rounds of `viewer`.
std::map<std::string, const PublishedProfile*> LatestByCountry(
    const std::vector<PublishedProfile>& published, const std::string& viewer) {
  std::map<std::string, const PublishedProfile*> latest;
  for (const PublishedProfile& p : published) {
    if (!p.round.published || p.round.country == viewer) continue;
    const PublishedProfile*& slot = latest[p.round.country];
    if (slot == nullptr || Later(p.round, slot->round)) slot = &p;
  }
  return latest;
}

BenchmarkGroup Average(std::string scope, std::string name,
                       const std::vector<const PublishedProfile*>& members) {
  BenchmarkGroup group{std::move(scope), std::move(name), members.size(), {}};
  if (members.size() < kMinBenchmarkRounds) return group;
  std::map<std::string, std::pair<double, size_t>> sums;
  for (const PublishedProfile* p : members) {
    for (const auto& [unit, score] : p->scores) {
      auto& [sum, count] = sums[unit];
      sum += score;
      ++count;
    }
  }
  for (const auto& [unit, sum_count] : sums) {
    const auto& [sum, count] = sum_count;
    if (count >= kMinBenchmarkRounds) group.scores[unit] = sum / static_cast<double>(count);
  }
  return group;
}

// The distance between two pillar profiles over their common pillars, or nothing when they share
// none.
std::optional<double> PillarDistance(const PublishedProfile& a, const PublishedProfile& b) {
  double sum = 0;
  size_t common = 0;
  for (const auto& [id, score] : a.scores) {
    if (!IsPillarId(id)) continue;
    auto other = b.scores.find(id);
    if (other == b.scores.end()) continue;
    sum += (score - other->second) * (score - other->second);
    ++common;
  }
  if (common == 0) return std::nullopt;
  return std::sqrt(sum);
}

}  // namespace

PublishedProfile ProfileOf(const Round& round, const ScoreReport& report) {
  PublishedProfile profile{round, {}};
  for (const UnitScore& u : report.units) {
    if (u.kind == UnitKind::kStatement || !u.score) continue;
    profile.scores[u.id] = *u.score;
  }
  return profile;
}

std::vector<BenchmarkGroup> Benchmarks(const std::string& iso3, const CountryList& countries,
                                       const std::vector<PublishedProfile>& published) {
  const auto latest = LatestByCountry(published, iso3);
  std::vector<const PublishedProfile*> world, region, subregion;
  const Country* own = countries.Find(iso3);
  for (const auto& [code, profile] : latest) {
    world.push_back(profile);
    const Country* c = countries.Find(code);
    if (own == nullptr || c == nullptr) continue;
    if (c->region == own->region) region.push_back(profile);
    if (c->subregion == own->subregion) subregion.push_back(profile);
  }
  std::vector<BenchmarkGroup> groups;
  if (own != nullptr) {
    groups.push_back(Average("subregion", own->subregion, subregion));
    groups.push_back(Average("region", own->region, region));
  }
  groups.push_back(Average("world", METER_N("All other countries"), world));
  return groups;
}

BenchmarkGroup RegionBenchmark(const std::string& region, const CountryList& countries,
                               const std::vector<PublishedProfile>& published) {
  std::vector<const PublishedProfile*> members;
  for (const auto& [code, profile] : LatestByCountry(published, "")) {
    const Country* c = countries.Find(code);
    if (c != nullptr && c->region == region) members.push_back(profile);
  }
  return Average("region", region, members);
}

ScoreReport PublishedReport(const PublishedProfile& profile, const Instrument& instrument) {
  ScoreReport report;
  auto unit = [&](const std::string& id, UnitKind kind, int depth) {
    UnitScore u;
    u.id = id;
    u.kind = kind;
    u.depth = depth;
    if (auto it = profile.scores.find(id); it != profile.scores.end()) {
      u.score = it->second;
      u.band = BandOf(it->second);
    }
    report.units.push_back(std::move(u));
  };
  unit("overall", UnitKind::kOverall, 0);
  for (const Pillar& p : instrument.pillars) unit(p.id, UnitKind::kPillar, 1);
  return report;
}

void NameGroupsIn(std::vector<BenchmarkGroup>& groups, const CountryList& countries,
                  std::string_view lang) {
  for (BenchmarkGroup& g : groups) {
    if (g.scope != "world") g.name = countries.RegionName(g.name, lang);
  }
}

Problem BenchmarkHeading(const BenchmarkGroup& group) {
  const uint32_t translated_name = group.scope == "world" ? 1u : 0u;
  if (group.scores.empty()) {
    Problem p = CountProblem(
        "",
        METER_NP("{1}: needs published rounds of at least {2} other country ({3} so far)",
                 "{1}: needs published rounds of at least {2} other countries ({3} so far)"),
        static_cast<long>(kMinBenchmarkRounds),
        {group.name, std::to_string(kMinBenchmarkRounds), std::to_string(group.countries)});
    p.translated_args = translated_name;
    return p;
  }
  Problem p = CountProblem("", METER_NP("{1} ({2} country)", "{1} ({2} countries)"),
                           static_cast<long>(group.countries),
                           {group.name, std::to_string(group.countries)});
  p.translated_args = translated_name;
  return p;
}

std::vector<Peer> PeersFor(const PublishedProfile& own, const std::string& subarea,
                           const std::vector<PublishedProfile>& published, size_t max) {
  std::vector<Peer> candidates;
  for (const PublishedProfile& p : published) {
    if (!p.round.published || p.round.country == own.round.country) continue;
    auto score = p.scores.find(subarea);
    if (score == p.scores.end() || score->second < kPeerMinScore) continue;
    if (auto distance = PillarDistance(own, p))
      candidates.push_back({&p, *distance, score->second});
  }
  // Closest first; then by country code; then the more recent round first.
  auto key = [](const Peer& p) {
    const Round& r = p.profile->round;
    return std::tuple<double, const std::string&, int, Seconds, Id>(p.distance, r.country, -r.year,
                                                                    -r.created_at, -r.id);
  };
  std::sort(candidates.begin(), candidates.end(),
            [&](const Peer& a, const Peer& b) { return key(a) < key(b); });
  std::vector<Peer> peers;
  std::set<std::string> countries;
  for (const Peer& peer : candidates) {
    if (peers.size() >= max) break;
    if (countries.insert(peer.profile->round.country).second) peers.push_back(peer);
  }
  return peers;
}

}  // namespace meter
