// Monitoring a country across rounds (docs/methodology.md §12): the change of every score between
// two rounds, and each pillar's score over all of a country's rounds.
//
// Units are matched by ID. When the two rounds used different instrument versions, statements are
// matched through the newer version's `mapping` from the older one (renamed IDs follow their
// rename, retired ones have no successor); sub-areas, pillars and the overall index keep their IDs.
// What has no counterpart is listed, on each side, rather than dropped.
//
// Pure functions; thread-safe; they cannot fail. They borrow their arguments for the duration of
// the call only, except TrendSeries, which copies what it shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/instrument.h"
#include "core/scoring.h"
#include "core/text.h"

namespace meter {

struct ComparisonRow {
  std::string id;      // the unit's ID in the newer version ("overall", "C", "C1", "C1.1")
  std::string old_id;  // the older version's ID when the statement was renamed, else empty
  UnitKind kind = UnitKind::kStatement;
  std::optional<double> before;  // the score in the `before` round; nullopt when withheld
  std::optional<double> after;   // the score in the `after` round
  std::optional<double> change;  // after − before; nullopt when either is withheld
};

// A unit of one round with no counterpart in the other.
struct UnmatchedUnit {
  std::string id;  // in its own round's version
  UnitKind kind = UnitKind::kStatement;
  std::optional<double> score;
  bool retired = false;  // the newer version's mapping retires it explicitly
};

struct RoundComparison {
  std::string before_version;
  std::string after_version;
  // The versions differ and a mapping between them was used.
  bool mapped = false;
  // The versions differ but neither instrument carries a mapping from the other: units were matched
  // by ID only, which may pair statements whose meaning changed. Say so to the reader.
  bool matched_by_id_only = false;
  // Matched units, overall first, in the newer version's order (the `after` one's when neither is
  // newer or no mapping links them).
  std::vector<ComparisonRow> rows;
  std::vector<UnmatchedUnit> only_before;  // retired, or absent from the `after` round's version
  std::vector<UnmatchedUnit> only_after;   // new in the `after` round's version ("M" in 3.0)
};

// Compares two rounds of a country, each with the instrument it was scored with. `before` is
// usually the earlier round, but either may use the newer version: the mapping of whichever
// instrument declares `from` equal to the other's version is used.
RoundComparison CompareRounds(const Instrument& before_instrument, const ScoreReport& before,
                              const Instrument& after_instrument, const ScoreReport& after);

// One round's results, borrowed, for PillarTrends.
struct RoundScores {
  const Round* round;
  const Instrument* instrument;
  const ScoreReport* report;
};

struct TrendPoint {
  Id round_id = 0;
  int year = 0;
  // What the x axis shows: the year, or "year · title" when several rounds share the year.
  std::string label;
  std::optional<double> score;  // nullopt is a gap: withheld, or not in the round's version
  bool assessed = true;         // false when the round's instrument has no such unit
};

struct TrendSeries {
  std::string id;                  // the pillar ID
  LocalizedText name;              // from the newest round whose instrument has the pillar
  std::vector<TrendPoint> points;  // one per round, in round order
};

// One series per pillar of any of the rounds (the newest instrument's order first, then pillars
// only older versions had), each with one point per round, rounds ordered by year, then creation
// time, then ID.
std::vector<TrendSeries> PillarTrends(std::vector<RoundScores> rounds);

}  // namespace meter
