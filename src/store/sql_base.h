// Private to store/: the connection pool, transactions and error mapping shared by the SQL
// repositories. Not used outside this folder.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <string>

#include "core/problem.h"

namespace meter::sql {

// The pool and the engine's name; owned by the SqlStore.
struct Database {
  std::string engine;  // "sqlite" or "postgresql"
  std::string file;    // SQLite: the database file, for the log and to ask its filesystem
  std::unique_ptr<soci::connection_pool> pool;
  size_t size = 0;
};

// What kind of database a URL names.
inline bool IsSqliteUrl(const std::string& url) { return url.rfind("sqlite:", 0) == 0; }
inline bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// Reads a database URL (sqlite:PATH or a libpq URI) and opens `pool_size` connections (at least
// one), creating the SQLite file's folder. kInvalidInput for a URL of neither kind, kUnavailable
// with the engine's reason when the database cannot be opened. Applies no migration.
Result<Database> OpenDatabase(const std::string& url, size_t pool_size);

// For a SQLite URL: true when the file (if it exists) and its folder (if it exists) can be
// written. Else kUnavailable naming the one that cannot and why ("Read-only file system"): SQLite
// would open such a file read-only without a word, and fail only at the first save. True for
// PostgreSQL.
Result<bool> CheckWritable(const std::string& url);

// Sets up a newly opened connection (SQLite's pragmas, PostgreSQL's session settings).
void Configure(soci::session& sql, const std::string& engine);

// Maps a SOCI failure to an Error: constraint violations (SQLite's SQLITE_CONSTRAINT, PostgreSQL's
// SQLSTATE class 23, such as 23505 for a unique key) are conflicts, the rest unavailability. Logs
// the engine's message to stderr, without the statement's bound values.
Error FromSociError(const soci::soci_error& e);
// The same for a failure on `db`, telling the storage faults apart: a full disk (SQLite's
// SQLITE_FULL, or an I/O error while the file's filesystem has no free block) is kStorageFull, and
// a read-only database (SQLITE_READONLY, or an I/O error on a read-only filesystem) kUnavailable
// with its own message; both logged with the file and what the operator can do.
Error FromSociError(const soci::soci_error& e, const Database& db);

// After a failed statement: when the pooled connection `sql` is gone (the PostgreSQL server
// restarted, or the network dropped it), opens it again and returns true; false when it was not
// broken, or cannot be opened yet (the next call tries again). This is how the store recovers by
// itself once the server is back.
bool Reconnect(Database& db, soci::session& sql);

// Runs `body` on a pooled connection inside one transaction (BEGIN IMMEDIATE on SQLite, so that two
// writers never deadlock), commits when it returns a success and rolls back otherwise. A
// connection found broken at BEGIN, before anything was written, is reopened and BEGIN tried once
// more. Exceptions from SOCI become Errors.
template <typename T>
Result<T> InTransaction(Database& db, const std::function<Result<T>(soci::session&)>& body);

// Runs `body` on a pooled connection without a transaction (single reads); once more on a reopened
// connection when the first was broken (a read can be repeated).
template <typename T>
Result<T> Reading(Database& db, const std::function<Result<T>(soci::session&)>& body);

// --- implementation -------------------------------------------------------------------------

template <typename T>
Result<T> InTransaction(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  try {
    soci::session sql(*db.pool);
    const char* begin = db.engine == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN";
    try {
      sql << begin;
    } catch (const soci::soci_error&) {
      if (!Reconnect(db, sql)) throw;
      sql << begin;
    }
    try {
      Result<T> result = body(sql);
      sql << (result.ok() ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // The connection is broken; the pool will hand it out again and the next call reports it.
      }
      throw;
    }
  } catch (const soci::soci_error& e) {
    return FromSociError(e, db);
  }
}

template <typename T>
Result<T> Reading(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  try {
    soci::session sql(*db.pool);
    try {
      return body(sql);
    } catch (const soci::soci_error&) {
      if (!Reconnect(db, sql)) throw;
    }
    return body(sql);
  } catch (const soci::soci_error& e) {
    return FromSociError(e, db);
  }
}

// Appends an audit event inside the caller's transaction.
void Audit(soci::session& sql, const std::string& actor, const std::string& action,
           const std::string& target, const std::string& detail = "");

// The current time, seconds since the epoch.
long long Now();

}  // namespace meter::sql
