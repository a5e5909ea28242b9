// The campaign page's downloads (issue 14; docs/exports.md): the rows as the page shows them,
// with the same filters and order, as CSV (RFC 4180, UTF-8 with a byte order mark, CRLF line
// ends) and as a one-sheet XLSX workbook ("Campaign"). Column names are stable English
// identifiers; the country's name is in the language the rows were read in. Titles are guarded
// against spreadsheet formulas (CsvTextField; string cells in XLSX).
//
// CampaignCsv cannot fail. CampaignWorkbook fails as ExportWorkbook does (exports.h): kUnavailable
// for the temporary file, kInternal when libxlsxwriter refuses a cell. Thread-safe: no shared
// state.
#pragma once

#include <string>
#include <vector>

#include "core/campaign.h"
#include "core/problem.h"

namespace meter {

std::string CampaignCsv(const std::vector<CampaignRow>& rows);
Result<std::string> CampaignWorkbook(const std::vector<CampaignRow>& rows);

}  // namespace meter
