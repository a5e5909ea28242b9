// `meter knowledge export --format json|csv`: the approved knowledge base as data for others to
// load (UNPACS, researchers), with its licence stated: in JSON a top-level `licence` and
// `attribution`, and each entry's own `licence`; in CSV a `licence` column. Every field of an
// entry, its title and summary in each language it has, its body and its sources. Columns and keys
// are listed in docs/cli.md.
//
// Pure functions of their arguments (the caller reads the approved entries from the store:
// KnowledgeRepository::AllKnowledge); thread-safe. Entries come out in the order given.
#pragma once

#include <string>
#include <vector>

#include "core/store.h"

namespace meter {

// The note on reuse every export carries, in English (a licence statement is not translated).
inline constexpr const char* kKnowledgeAttribution =
    "Lessons learned and case studies of the METER knowledge base (e-government readiness). "
    "Unless an entry's licence says otherwise, it is shared under the Creative Commons "
    "Attribution 4.0 International licence (CC BY 4.0, "
    "https://creativecommons.org/licenses/by/4.0/): you may share and adapt it, giving credit to "
    "METER and to the entry's sources, and saying what you changed.";

// {"licence", "licence_url", "attribution", "count", "entries": [...]}, indented, ending in '\n'.
std::string KnowledgeAsJson(const std::vector<StoredKnowledge>& entries);

// A header line and one row per entry (RFC 4180, CRLF line ends, text fields safe for
// spreadsheets: CsvTextField). Sources are one field, one source per line as
// "title | url | publication".
std::string KnowledgeAsCsv(const std::vector<StoredKnowledge>& entries);

}  // namespace meter
