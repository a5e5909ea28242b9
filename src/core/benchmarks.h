// Benchmarks and peer learning from published rounds (docs/methodology.md §11): the sub-regional,
// regional and all-countries averages shown beside a country's own scores, and the published rounds
// of other countries a country can learn from in one sub-area.
//
// Only rounds whose coordinator chose to publish them ever count: every function here ignores a
// profile whose `round.published` is false, whatever the caller hands in. Unit IDs are compared as
// they are across instrument versions (IDs are stable across versions; a unit that a version lacks,
// such as the Marketing pillar before 3.0, is simply absent from that round's profile).
//
// A country never benchmarks against itself: every average shown to a country leaves all of that
// country's rounds out, so that "other countries" means what it says.
//
// Pure functions of their arguments; thread-safe. They cannot fail: thin data gives empty results.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/countries.h"
#include "core/domain.h"
#include "core/instrument.h"
#include "core/scoring.h"

namespace meter {

// A group's average is shown only when at least this many countries' published rounds form it, and
// a unit's average only when at least this many of them have a score for that unit.
inline constexpr size_t kMinBenchmarkRounds = 3;
// A peer must score at least this in the sub-area it is a peer for (the "Very high" band).
inline constexpr double kPeerMinScore = 75;

// The scores of one round as other countries may see them: the overall index, the pillars and the
// sub-areas (never statements, comments or respondents). Withheld scores are absent.
struct PublishedProfile {
  Round round;
  std::map<std::string, double> scores;  // "overall", pillar IDs ("C"), sub-area IDs ("C1")
};

// The profile of `round` from its score report. It copies; `round.published` is kept as it is, so
// a profile of an unpublished round is ignored by the functions below.
PublishedProfile ProfileOf(const Round& round, const ScoreReport& report);

struct BenchmarkGroup {
  std::string scope;  // "subregion", "region" or "world"
  // The UN M49 name from countries.csv ("Western Europe", "Europe"), or "All other countries" for
  // the world (an English msgid: translate it for display).
  std::string name;
  // How many countries form the group: one published round each, never the viewing country's.
  size_t countries = 0;
  // Unit ID → mean score; empty while countries < kMinBenchmarkRounds, and a unit is absent when
  // fewer than kMinBenchmarkRounds of the group's rounds have a score for it.
  std::map<std::string, double> scores;
};

// The averages to show beside country `iso3`'s scores, in the order sub-region, region, world.
//
// One vote per country: each country counts with its LATEST published round only (highest year,
// then latest created, then highest ID), so that a country that published five rounds does not
// weigh five times as much as one that published one, and an average reflects the present rather
// than history. The viewing country `iso3` is in none of its groups: its own rounds, published or
// not, never count in an average shown to it. Each average is the plain (unweighted) mean over the
// group's rounds that have a score for the unit.
//
// When `iso3` is not in `countries`, only the world group is returned. Published rounds of
// countries missing from `countries` count in the world group only.
// Gives the region and sub-region groups their names in `lang` (content/regions.csv); the world
// group's name stays a message, translated when its heading is rendered.
void NameGroupsIn(std::vector<BenchmarkGroup>& groups, const CountryList& countries,
                  std::string_view lang);

std::vector<BenchmarkGroup> Benchmarks(const std::string& iso3, const CountryList& countries,
                                       const std::vector<PublishedProfile>& published);

// How to head a group's column, as a message with no place for the caller to Render through its
// translator: "{1} ({2} countries)" once the group has an average, otherwise "{1}: needs published
// rounds of at least {2} other countries ({3} so far)". {1} is the group's name, marked for
// translation when it is the world's.
Problem BenchmarkHeading(const BenchmarkGroup& group);

// Issue 13 (the public region page): the average of region `region` (an English M49 name, as in
// Country::region) over its countries' published rounds, with the rules of Benchmarks (each
// country's latest published round, kMinBenchmarkRounds) but leaving no country out, since no
// country is viewing. Scope "region"; `name` is `region`.
BenchmarkGroup RegionBenchmark(const std::string& region, const CountryList& countries,
                               const std::vector<PublishedProfile>& published);

// Issue 13 (the public country page): a score report holding only what `profile` published: the
// overall index and each pillar of `instrument` (the round's), in instrument order, each with its
// band; a pillar the round did not publish a score for is withheld. No statements, groups, coverage
// or gaps, which are not published. For PillarTrends and the pages' band names.
ScoreReport PublishedReport(const PublishedProfile& profile, const Instrument& instrument);

struct Peer {
  const PublishedProfile* profile;  // borrowed from the `published` argument of PeersFor
  double distance;                  // Euclidean, over the pillars both profiles have a score for
  double subarea_score;             // the peer's score in the sub-area, >= kPeerMinScore
};

// Up to `max` published rounds of other countries that score at least kPeerMinScore in `subarea`,
// closest first to `own`'s pillar profile.
//
// Distance = sqrt(Σ (own_p − peer_p)²) over the pillars p that BOTH profiles have a score for (a
// pillar withheld on either side, or missing from either instrument version, is left out); a round
// sharing no scored pillar with `own` is not a candidate. Because a missing pillar adds nothing,
// rounds compared over fewer pillars may look closer: the caller can show how many were compared.
// Ties are broken by country code, then by the more recent year. A country appears at most once,
// with its closest qualifying round, so three peers are three countries. `own`'s country is never a
// peer, whichever of its rounds `own` is. The returned pointers point into `published`, which must
// outlive the result.
std::vector<Peer> PeersFor(const PublishedProfile& own, const std::string& subarea,
                           const std::vector<PublishedProfile>& published, size_t max = 3);

}  // namespace meter
