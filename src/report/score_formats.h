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

// The instrument's name of a pillar or sub-area, or a statement's text, in `lang` (else English);
// "" for the overall index, which has no name in the instrument, and for an unknown unit.
std::string InstrumentUnitName(const Instrument& instrument, const UnitScore& unit,
                               const std::string& lang);

// The shortest decimal text that reads back as exactly `value` ("57.3", "0.125", "1e-05"); "" for
// nullopt. For files that programs read: no digits are lost and none are invented.
std::string ExactNumber(const std::optional<double>& value);

}  // namespace meter
