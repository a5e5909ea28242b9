// Private to store/: what sql_backup.cpp (SQLite, and the entry points of store/backup.h) and
// pg_backup.cpp (pg_dump and pg_restore) share.
#pragma once

#include <string>

#include "core/problem.h"

namespace meter::sql {

// Creates `path` anew for a backup, readable and writable by its owner only (0600) from the
// moment it exists, whatever the umask: a backup holds password and session hashes. Removes a
// file left at `path` by an earlier failed run first; refuses to follow a symbolic link there.
// The open descriptor (the caller closes it), or kUnavailable naming `path` and the reason.
Result<int> CreatePrivateFile(const std::string& path);

// Checks that `path` exists, can be read, and is not a backup of the other engine than `engine`
// ("sqlite" or "postgresql"), judged by its first bytes (SQLite's file header, pg_dump's PGDMP).
// kUnavailable when it does not exist or cannot be read; kInvalidInput, pointing to `meter copy`,
// for the other engine's backup. Says nothing of whether it is a METER backup.
Result<bool> CheckBackupEngine(const std::string& path, const std::string& engine);

// The failure of a database program (pg_dump, pg_restore, psql) that exited with `status`:
// `message` (which says its reason is above), or, for 127, that it cannot be run at all.
Error ProgramFailed(const std::string& url, const std::string& program, int status,
                    const char* message);

Result<bool> BackupPostgres(const std::string& url, const std::string& out_path);
Result<bool> RestorePostgres(const std::string& url, const std::string& from_path);

}  // namespace meter::sql
