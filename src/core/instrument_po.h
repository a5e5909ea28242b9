// The translators' workflow for an instrument: a gettext catalog per language, keyed by the stable
// IDs (msgctxt "C2.5/text", "C2/name", "C2/actions/low/1", "C/overview",
// "answer_set/maturity/level/0", "title"…), with the English as msgid, so that Poedit, Weblate or
// any gettext tool can be used (docs/instrument-format.md, "Translating").
//
// ExportInstrumentPo writes every text of the instrument; a stale translation is marked fuzzy.
// ImportInstrumentPo applies a catalog to an instrument in memory and returns how many texts
// changed, or kInvalidInput with every problem at "file:line" — an unknown ID, a placeholder of
// the English missing or added in the translation, a catalog in English or with no language, a
// text that breaks the text rules — in which case nothing was changed. A catalog in a language the
// instrument does not have yet adds that language (as a draft translation) when it translates every
// text, and is refused otherwise.
// A catalog entry whose msgid is no longer the current English, or that is marked fuzzy, is kept as
// a stale translation: it is stored, but pages show the English until a translator reviews it.
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/instrument.h"
#include "core/po_catalog.h"

namespace meter {

// Calls `visit` for every text of the instrument, in document order, with its catalog key.
void ForEachInstrumentText(
    Instrument& instrument,
    const std::function<void(const std::string& key, LocalizedText&)>& visit);

std::string ExportInstrumentPo(Instrument& instrument, std::string_view lang);

Result<size_t> ImportInstrumentPo(Instrument& instrument, const PoCatalog& catalog,
                                  std::string_view file_name);

}  // namespace meter
