// The three forms of `meter instrument stats` output (core/item_statistics.h): an aligned text
// table for people, JSON (the stable interface of docs/cli.md) and CSV (one row per statement, for
// spreadsheets). Numbers are as computed, at full precision in JSON and CSV; what could not be
// computed is "—" in the table, null in JSON and empty in CSV.
//
// Each function returns the whole text, so the caller writes all or nothing. They cannot fail.
// Thread-safe: no shared state. The table's labels are in the language of `locale`.
#pragma once

#include <locale>
#include <string>

#include "core/instrument.h"
#include "core/item_statistics.h"

namespace meter {

std::string ItemStatisticsAsTable(const Instrument& instrument, const ItemStatistics& stats,
                                  const std::locale& locale, const std::string& lang);
std::string ItemStatisticsAsJson(const Instrument& instrument, const ItemStatistics& stats);
std::string ItemStatisticsAsCsv(const Instrument& instrument, const ItemStatistics& stats);

}  // namespace meter
