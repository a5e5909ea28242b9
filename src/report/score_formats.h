// The three forms of `meter score` output: an aligned text table for people, JSON (the stable
// interface of docs/cli.md) and CSV (one row per unit, for spreadsheets).
//
// Each function returns the whole text, so the caller writes all or nothing. They cannot fail.
// Thread-safe: no shared state. The table is in the language of `locale` (labels through the
// translation catalog, instrument names in that language when the instrument carries it).
#pragma once

#include <locale>
#include <string>

#include "core/instrument.h"
#include "core/scoring.h"

namespace meter {

std::string ScoresAsTable(const Instrument& instrument, const ScoreReport& report,
                          const std::locale& locale, const std::string& lang);
std::string ScoresAsJson(const Instrument& instrument, const ScoreReport& report);
std::string ScoresAsCsv(const Instrument& instrument, const ScoreReport& report);

}  // namespace meter
