// Online, consistent backups of a METER database and their restore, for `meter backup` and
// `meter restore` (docs/operations.md). A backup file is created with mode 0600 (it holds password
// and session hashes), whatever the umask, through a temporary file beside it that is renamed when
// complete.
//
// SQLite: BackupDatabase copies the live database page by page with SQLite's online backup API
// while the server keeps serving; the copy is one consistent state. RestoreDatabase checks that
// `from_path` is a METER database whose schema this METER knows, then copies it over the database
// at `url` with the same API, in one step that readers see whole: a restore replaces everything.
// PostgreSQL (pg_backup.cpp): pg_dump in its custom format (a consistent snapshot by MVCC). The
// restore reads the archive's METER schema version with pg_restore alone, before touching the
// database; then psql runs, in one transaction under METER's migration lock, the moving aside of
// every relation of the schema public, the archive's statements, a check of the restored version,
// and the dropping of what was moved aside. pg_dump, pg_restore and psql must be on the PATH.
// Both engines then bring an older backup's schema up to date.
//
// Failures: kInvalidInput for a URL of an unknown kind, a file that is not a METER backup (another
// database's archive), or a backup of the other engine (the message points to meter copy);
// kConflict for a backup from a newer METER; kUnavailable when a file or the database cannot be
// read or written, or a restore failed. A refused or failed restore leaves the database exactly
// as it was, and a failed backup leaves no file. Messages name the database without its password.
#pragma once

#include <string>

#include "core/problem.h"

namespace meter {

Result<bool> BackupDatabase(const std::string& url, const std::string& out_path);
Result<bool> RestoreDatabase(const std::string& url, const std::string& from_path);

}  // namespace meter
