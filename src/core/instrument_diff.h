// What changed between two versions of an instrument (`meter instrument diff`,
// docs/instrument-format.md "Comparing versions"): statements, sub-areas, pillars, answer sets and
// languages added, retired, renamed, reworded, moved or otherwise changed, for the expert network
// and the secretariat to review a draft against the version it follows.
//
// Matching follows core/monitoring.h: statements are matched through the mapping of whichever
// instrument declares that it follows the other (renamed IDs follow their rename, retired ones have
// no successor); without one they are matched by ID, and the result says so. Pillars and answer
// sets keep their IDs. A sub-area keeps its ID too, but one that is gone and whose statements all
// follow the mapping into one new sub-area is that sub-area under a new ID: renamed, and moved when
// the new ID is in another pillar (sub-area IDs begin with their pillar's).
//
// Words: `renamed` is always a new ID; `reworded` is always a new English text (a statement's text,
// a sub-area's or pillar's name). Only English changes make a unit reworded; for each one the
// result tells which translations changed with it and which went stale.
//
// Pure; thread-safe; it cannot fail. The result copies what it shows and borrows nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/instrument.h"

namespace meter {

// What a change is about, in the order reports list them.
enum class DiffUnit { kLanguage, kAnswerSet, kPillar, kSubArea, kStatement };
inline constexpr int kDiffUnitCount = 5;

// The kinds of change, in the order reports list them within a unit kind. Which kinds each unit
// kind can have is DiffKindsOf.
enum class DiffKind {
  kAdded,                 // in `to` only: `after` is its English text or name (answer sets: levels)
  kRetired,               // in `from` only: `before` is (answer sets and languages: removed)
  kRenamed,               // a new ID: old_id → id
  kMoved,                 // statement: before/after are sub-area IDs; sub-area: pillar IDs
  kReworded,              // the English text (name) changed: before/after are the English texts
  kOverviewChanged,       // pillar: before/after are the English overviews
  kActionsChanged,        // sub-area: `bands` lists the bands whose English actions changed
  kPrerequisitesChanged,  // sub-area: before/after are the IDs, comma-separated ("" for none)
  kAnswerSetChanged,      // statement: before/after are answer set IDs
  kWeightChanged,         // before/after are the weights as plain numbers ("1", "0.5")
  kLevelsChanged,         // answer set: before/after list "code=value" ("0=0, 1=0.25, …")
};
inline constexpr int kDiffKindCount = 11;

struct InstrumentChange {
  DiffKind kind = DiffKind::kAdded;
  DiffUnit unit = DiffUnit::kStatement;
  std::string id;      // in `to`; in `from` for what was retired
  std::string old_id;  // in `from` when it differs from `id`, else empty
  std::string before;  // see DiffKind; empty where the kind has nothing to show
  std::string after;
  // Reworded and overview changes: the other languages of `to` whose text changed too and is
  // current, and those whose translation is stale in `to` (shown in English until reviewed). A
  // language in neither kept its text as still right.
  std::vector<std::string> updated_languages;
  std::vector<std::string> stale_languages;
  std::vector<std::string> bands;  // actions changes: band keys ("low", "very_high")
};

struct InstrumentDiff {
  std::string from_id, from_version;
  std::string to_id, to_version;
  // Statements were matched through `to`'s mapping (the usual case: `to` follows `from`), or
  // through `from`'s, read backwards (`from` follows `to`).
  bool mapped = false;
  // The versions differ but neither declares that it follows the other: statements were matched
  // by ID only, which may pair statements whose meaning changed. Say so to the reader.
  bool matched_by_id_only = false;
  // Grouped by unit kind (DiffUnit order), then by kind (DiffKind order); within a group in
  // instrument order (`to`'s; `from`'s for what was retired).
  std::vector<InstrumentChange> changes;

  size_t Count(DiffUnit unit, DiffKind kind) const;
};

// Compares `from` (usually the older version) with `to`. Both must be validated instruments.
InstrumentDiff DiffInstruments(const Instrument& from, const Instrument& to);

// The kinds of change a unit kind can have, in report order.
const std::vector<DiffKind>& DiffKindsOf(DiffUnit unit);
// Stable keys for files and JSON: "languages", "answer_sets", "pillars", "subareas",
// "statements"; and "added", "retired" ("removed" for answer sets and languages), "renamed",
// "moved", "reworded", "overview_changed", "actions_changed", "prerequisites_changed",
// "answer_set_changed", "weight_changed", "levels_changed".
std::string_view DiffUnitKey(DiffUnit unit);
std::string_view DiffKindKey(DiffUnit unit, DiffKind kind);

}  // namespace meter
