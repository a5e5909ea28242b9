// The two forms of `meter instrument diff` output (docs/cli.md): a text report for people, grouped
// by unit and kind of change with a counted heading for each group, and JSON, the stable interface
// whose keys docs/cli.md lists.
//
// Each function returns the whole text, so the caller writes all or nothing. They cannot fail.
// Thread-safe: no shared state. They borrow their arguments for the call only.
#pragma once

#include <locale>
#include <string>

#include "core/instrument.h"
#include "core/instrument_diff.h"

namespace meter {

// The report in the language of `locale`; names and texts of units added, retired or otherwise
// named are shown in `lang` when the instrument carries it (else English), and a changed English
// text is shown as it was and as it is, in English, with the state of its translations.
// `from` and `to` are the instruments `diff` was computed from.
std::string InstrumentDiffAsText(const InstrumentDiff& diff, const Instrument& from,
                                 const Instrument& to, const std::locale& locale,
                                 const std::string& lang);
// Every change, grouped as InstrumentDiff is, with every key present for every unit kind.
std::string InstrumentDiffAsJson(const InstrumentDiff& diff);

}  // namespace meter
