// Everything an installation holds, read for comparison by the tests straight through SOCI, apart
// from METER's own store code: every row of every table of store/copy.h's InstallationTables(),
// each as "column=value|…" with numbers in full precision (a rounded double shows as a
// difference), sorted. PostgreSQL's computed search column is left out (SQLite has none).
#pragma once

#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace meter::testing {

using DatabaseContents = std::map<std::string, std::vector<std::string>>;

// Names a database of the test PostgreSQL server (store/pg_server.h) for Open and ContentsOf.
std::string OnPg(const std::string& database);

// Opens `sqlite:PATH`, or OnPg(name) over the server's unix socket. Throws SOCI's errors.
std::unique_ptr<soci::session> Open(const std::string& where);

DatabaseContents ContentsOf(const std::string& where);

// The first column of the first row of `query`, a number.
long long Count(const std::string& where, const std::string& query);

}  // namespace meter::testing
