// Moving a whole METER installation from one database to another, for `meter copy` — typically
// from the embedded SQLite file to PostgreSQL when a secretariat outgrows one machine, but any
// direction works (docs/operations.md).
//
// CopyDatabase reads every table of the source in one read-only snapshot, so a server may keep
// running on it (what it writes after the snapshot is not copied), migrates the target to this
// METER's schema and writes every row into it in one transaction: the target gets all of it or,
// on any failure, none of it. Identifiers keep their values, so links, sessions and invitation
// links stay valid; PostgreSQL's sequences are moved past the copied identifiers, SQLite's
// full-text index is rebuilt from the copied knowledge entries. Afterwards the rows of every table
// are counted on both sides.
//
// Failures: kInvalidInput for a malformed URL, the same database on both sides, or a source that is
// not a METER database; kConflict when the source's schema is not this METER's (migrate it first,
// or run a newer METER) or the target already holds data; kUnavailable when either database cannot
// be reached, read or written. Messages name databases without their passwords.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/problem.h"

namespace meter {

// What was copied: each table with its number of rows, in the order they were written.
struct CopySummary {
  std::vector<std::pair<std::string, long long>> tables;
  long long rows() const;
};

Result<CopySummary> CopyDatabase(const std::string& from_url, const std::string& to_url);

// The tables that hold an installation's data, in an order that satisfies their foreign keys.
// Everything else is derived (SQLite's full-text index) or bookkeeping (the schema version).
const std::vector<std::string>& InstallationTables();

}  // namespace meter
