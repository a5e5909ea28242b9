// The demo's published rounds (issue 14): six member states, two in each of three UN M49 regions,
// each with one closed and published METER 2.0 round whose answers are made up, so that a demo's
// comparison page, benchmarks and public country pages have something to show beside the UN
// E-Government Survey's real figures. Their titles say "demo data": they are nobody's
// assessment, and `meter serve --demo` is not for a real installation.
//
// Deterministic: the same answers on every machine (a country's level, moved by at most one step
// per statement by an FNV-1a hash of the country and the statement ID). Idempotent: a country
// that already has its demo round is left as it is.
#pragma once

#include "app/installation.h"

namespace meter {

// Creates, answers, closes and publishes the rounds that are missing. Fails with the store's
// error, or kNotFound when METER 2.0 is not installed; rounds already published stay.
Result<bool> SeedDemoPublished(Installation& inst);

}  // namespace meter
