// What stands between a draft instrument version and its release: the checks the secretariat's
// "Release" runs (docs/user-guide.md, "Releasing a version"), and the released copy it stores.
//
// A draft may be incomplete while experts work on it (a pillar without sub-areas, a sub-area
// without statements or actions); a release may not, and every text must be there and current in
// every language the version declares. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

// Every reason `draft` cannot be released, each at the unit it concerns ("M1", "M1.2",
// "M1 actions.low"…); empty when it can.
std::vector<Problem> ReleaseProblems(const Instrument& draft);

// `draft` as a released version: the same content with status "released". Fails with
// kInvalidInput carrying ReleaseProblems when there are any.
Result<Instrument> ReleasedCopy(const Instrument& draft);

}  // namespace meter
