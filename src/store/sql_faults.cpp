// Storage faults of a SQLite database: a full disk and a read-only file, told apart from the other
// failures so that a user gets a status and a message that say what happened (nothing was saved,
// what was saved before is safe), and the log says which file and what the operator can do.
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "log/log.h"
#include "store/sql_base.h"

namespace meter::sql {
namespace {

using namespace sqlite_api;  // NOLINT: the SQLite C API, as SOCI declares it

enum class StorageFault { kNone, kFull, kReadOnly };

std::string FolderOf(const std::string& file) {
  const std::string dir = std::filesystem::path(file).parent_path();
  return dir.empty() ? "." : dir;
}

// SQLite reports some faults only as an I/O error (a -shm file that cannot grow on a full disk,
// say): then the filesystem holding the file says what it is.
StorageFault FilesystemFault(const std::string& file) {
  struct statvfs fs {};
  if (::statvfs(FolderOf(file).c_str(), &fs) != 0) return StorageFault::kNone;
  if (fs.f_flag & ST_RDONLY) return StorageFault::kReadOnly;
  if (fs.f_bfree == 0 || fs.f_bavail == 0) return StorageFault::kFull;
  return StorageFault::kNone;
}

// The primary result code (its low byte) of a SQLite failure, or -1 for another engine.
int SqliteCode(const soci::soci_error& e) {
  const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
  return lite ? lite->result() & 0xff : -1;
}

StorageFault FaultOf(int code, const std::string& file) {
  switch (code) {
    case SQLITE_FULL:
      return StorageFault::kFull;
    case SQLITE_READONLY:
      return StorageFault::kReadOnly;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return FilesystemFault(file);
    default:
      return StorageFault::kNone;
  }
}

// One line for the operator: the file, SQLite's own words and what to do.
void LogFault(StorageFault fault, int code, const std::string& file) {
  const std::string sqlite = sqlite3_errstr(code);
  if (fault == StorageFault::kFull) {
    log::Write(log::Level::kError, "database",
               "the disk is full (SQLite: " + sqlite +
                   "); nothing was written. Free space on its filesystem: saving works again "
                   "without a restart",
               {{"file", file}});
  } else {
    log::Write(log::Level::kError, "database",
               "the database is read-only (SQLite: " + sqlite +
                   "); nothing was written. Make its filesystem writable (mount -o remount,rw) "
                   "or fix the file's permissions",
               {{"file", file}});
  }
}

}  // namespace

Error FromSociError(const soci::soci_error& e, const Database& db) {
  Error error = FromSociError(e);  // logs the engine's message with the statement
  const int code = SqliteCode(e);
  const StorageFault fault = db.file.empty() ? StorageFault::kNone : FaultOf(code, db.file);
  if (fault == StorageFault::kNone) return error;
  LogFault(fault, code, db.file);
  if (fault == StorageFault::kFull) {
    return Error::Of(ErrorCode::kStorageFull, "",
                     METER_N("the server has run out of disk space, so this was not saved; what "
                             "was saved before is safe. Please try again later"));
  }
  return Error::Of(ErrorCode::kUnavailable, "",
                   METER_N("the server cannot write to its database just now, so this was not "
                           "saved; what was saved before is safe. Please try again later"));
}

Result<bool> CheckWritable(const std::string& url) {
  const std::string file = IsSqliteUrl(url) ? url.substr(7) : "";
  if (file.empty()) return true;  // PostgreSQL, or no file named: OpenDatabase says so
  std::error_code ec;
  // SQLite writes the file and, beside it, its -wal and -shm files. A folder that does not exist
  // yet is created by OpenDatabase.
  for (const std::string& path : {file, FolderOf(file)}) {
    if (!std::filesystem::exists(path, ec)) continue;
    if (::access(path.c_str(), W_OK) != 0) {
      const int why = errno;
      return Error::Of(ErrorCode::kUnavailable, path,
                       METER_N("METER cannot write here ({1}), and it must write to its "
                               "database: remount a read-only filesystem read-write, or make "
                               "the file and its folder writable"),
                       {std::strerror(why)});
    }
  }
  return true;
}

}  // namespace meter::sql
