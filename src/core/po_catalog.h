// gettext PO catalogs (the text format of GNU gettext, as Poedit and Weblate read and write it):
// enough of the format for METER's instrument catalogs — msgctxt, msgid, msgstr, the fuzzy flag,
// comments, multi-line strings and C escapes. Plural entries (msgid_plural) are refused: instrument
// texts have none.
//
// ParsePo returns every problem at "file:line" (kInvalidInput): a keyword out of place, an
// unterminated string, an unknown escape, invalid UTF-8, a duplicate msgctxt+msgid. WritePo writes
// what ParsePo reads back. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"

namespace meter {

struct PoEntry {
  std::string context;                // msgctxt; empty when absent
  std::string id;                     // msgid
  std::string text;                   // msgstr
  bool fuzzy = false;                 // "#, fuzzy"
  std::vector<std::string> notes;     // "#." extracted comments, one per line
  std::vector<std::string> previous;  // "#|" lines, as written (without "#| ")
  size_t line = 0;                    // where the entry starts (1-based)
};

struct PoCatalog {
  std::map<std::string, std::string> header;   // "Language" → "fr"…, from the header entry
  size_t header_line = 0;                      // 0 when the catalog has no header entry
  std::map<std::string, size_t> header_lines;  // the line each header field is written on
  std::vector<PoEntry> entries;                // in file order, without the header
};

Result<PoCatalog> ParsePo(std::string_view text, std::string_view file_name);

// The catalog's text: the header entry built from `header` (in the given order), then each entry.
std::string WritePo(const std::vector<std::pair<std::string, std::string>>& header,
                    const std::vector<PoEntry>& entries);

}  // namespace meter
