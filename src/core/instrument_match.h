// Which statement and sub-area of one instrument version continues which of another: a private
// helper of instrument_diff.cpp (not used outside core). The rules are instrument_diff.h's:
// statements through the mapping of whichever version follows the other, else by ID; sub-areas by
// ID, or, for one that is gone, the one new sub-area all its statements went to.
//
// Borrows both instruments, which must outlive it. Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <string>

#include "core/instrument.h"

namespace meter {

struct SubAreaPlace {
  const Pillar* pillar = nullptr;
  const SubArea* subarea = nullptr;
};

class UnitMatch {
 public:
  UnitMatch(const Instrument& from, const Instrument& to);

  // A mapping paired the statements (see InstrumentDiff for both flags).
  bool mapped() const { return mapped_; }
  bool by_id_only() const { return by_id_only_; }
  // The index in from.statements() of the statement that `to`'s statement `to_id` continues, or -1
  // for a new one.
  int StatementBefore(const std::string& to_id) const;
  // True when `from`'s statement `from_id` has a successor in `to`.
  bool StatementKept(const std::string& from_id) const { return after_.count(from_id) > 0; }
  // `from`'s sub-area that `to`'s sub-area `to_id` continues, or nullptr for a new one.
  const SubAreaPlace* SubAreaBefore(const std::string& to_id) const;
  // The ID in `to` of the successor of `from`'s sub-area `from_id`; "" when it has none.
  std::string SubAreaAfter(const std::string& from_id) const;
  bool SubAreaKept(const std::string& from_id) const { return !SubAreaAfter(from_id).empty(); }

 private:
  void MatchStatements(const Instrument& from, const Instrument& to);
  void MatchSubAreas(const Instrument& from, const Instrument& to);

  const VersionMapping* forward_ = nullptr;   // to's mapping, when `to` follows `from`
  const VersionMapping* backward_ = nullptr;  // from's mapping, when `from` follows `to`
  bool mapped_ = false;
  bool by_id_only_ = false;
  std::map<std::string, int> before_;                   // to statement ID → index in `from`
  std::map<std::string, std::string> after_;            // from statement ID → to's, when kept
  std::map<std::string, SubAreaPlace> subarea_before_;  // to sub-area ID → from's
  std::map<std::string, std::string> subarea_after_;    // from sub-area ID → to's
};

// The ID of the sub-area a statement of `in` sits in.
const std::string& SubAreaIdOf(const Instrument& in, const StatementPlace& place);

}  // namespace meter
