// Online, consistent backups of a METER database and their restore, for `meter backup` and
// `meter restore` (docs/operations.md).
//
// SQLite: BackupDatabase copies the live database page by page with SQLite's online backup API
// into `out_path` (through a temporary file beside it, renamed when complete), while the server
// keeps serving; the copy is one consistent state. RestoreDatabase checks that `from_path` is a
// METER database whose schema this METER knows, then copies it over the database at `url` with
// the same API, in one step that readers see whole: a restore replaces everything.
// PostgreSQL: pg_dump in its custom format (a consistent snapshot by MVCC), and pg_restore --clean
// in a single transaction; both programs must be on the PATH.
//
// Failures: kInvalidInput for a URL of an unknown kind or a file that is not a METER database,
// kConflict for a backup from a newer METER, kUnavailable when a file or the database cannot be
// read or written (nothing is left half-written: the target file or database stays as it was).
// Messages name the database without its password.
#pragma once

#include <string>

#include "core/problem.h"

namespace meter {

Result<bool> BackupDatabase(const std::string& url, const std::string& out_path);
Result<bool> RestoreDatabase(const std::string& url, const std::string& from_path);

}  // namespace meter
