// Issue 14: the UN E-Government Survey's files (content/egdi/, core/egdi.h) into the database, for
// `meter serve` at start and `meter egdi import`.
//
// Each function reads whole files and writes one year in one transaction (EgdiRepository::
// ImportEgdi): a refused file writes nothing. Not thread-safe beyond what the store is.
#pragma once

#include <string>
#include <vector>

#include "core/countries.h"
#include "core/egdi.h"
#include "core/store.h"

namespace meter {

// Reads `path` as the survey's file of `year` and replaces that year in `store`, audited by
// `actor`. Returns how many countries were stored; kUnavailable when the file cannot be read,
// kInvalidInput with every problem at "file:line" when it is refused (nothing is written), or the
// store's failure.
Result<size_t> ImportEgdiFile(const std::string& path, int year, const CountryList& countries,
                              EgdiRepository& store, const std::string& actor);

// Loads each egdi-<year>.csv of `dir` whose year the database does not hold yet (a year already
// there, imported by an administrator say, is left as it is), audited as "system". Returns the
// years loaded, oldest first; none when the folder is missing. A year whose import fails but
// that the database holds now (another node, starting at the same time, loaded it) counts as
// there. Fails with the first bad file's problems, after loading the years before it.
Result<std::vector<int>> LoadBundledEgdi(const std::string& dir, const CountryList& countries,
                                         EgdiRepository& store);

}  // namespace meter
