// Reads an XLSX workbook that someone uploaded into its cells (core/workbook.h), with Debian's
// libzip for the archive and pugixml for the XML: no ZIP or XML parser of our own. It reads what
// any writer (Excel, LibreOffice, openpyxl, libxlsxwriter) puts there: the sheets named in
// workbook.xml and found through its relationships, shared strings, inline strings, numbers,
// booleans, cell references (or none, counted), rich text.
//
// The file is untrusted, so it is bounded before and while it is read (XlsxLimits): its size
// before unzipping; the number of entries; each entry's size and compression ratio as the central
// directory declares them; and again while inflating, so that an archive that lies about its
// sizes is stopped at the cap. pugixml expands no DTD or external entity. A cell holding a formula
// is refused (`Sheet!C5: a formula is not accepted`): METER takes typed values only.
//
// Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/problem.h"
#include "core/workbook.h"

namespace meter {

struct XlsxLimits {
  size_t max_file_bytes = 10 * 1024 * 1024;   // the uploaded file, before unzipping
  size_t max_entries = 1000;                  // entries in the archive
  size_t max_entry_bytes = 32 * 1024 * 1024;  // one part, uncompressed
  size_t max_total_bytes = 64 * 1024 * 1024;  // every part read, uncompressed
  // A part larger than 1 MiB may expand at most this many times its compressed size (real sheets
  // reach about 20; a zip bomb thousands).
  double max_ratio = 200;
  size_t max_problems = 200;  // past this, one last problem says how many more there were
};

// The cells of every worksheet of the XLSX file `bytes`, in workbook order (chart sheets are left
// out). kInvalidInput with every problem found, each placed as `Sheet!C5` for a cell or
// `workbook` for the file: not a ZIP archive, a part missing, a bound passed, XML that does not
// parse, a bad cell reference, a formula.
Result<Workbook> ReadXlsxSheets(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace meter
