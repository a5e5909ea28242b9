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
  std::unique_ptr<soci::connection_pool> pool;
  size_t size = 0;
};

// Maps a SOCI failure to an Error: constraint violations are conflicts, the rest unavailability.
Error FromSociError(const soci::soci_error& e);

// Runs `body` on a pooled connection inside one transaction (BEGIN IMMEDIATE on SQLite, so that two
// writers never deadlock), commits when it returns a success and rolls back otherwise. Exceptions
// from SOCI become Errors.
template <typename T>
Result<T> InTransaction(Database& db, const std::function<Result<T>(soci::session&)>& body);

// Runs `body` on a pooled connection without a transaction (single reads).
template <typename T>
Result<T> Reading(Database& db, const std::function<Result<T>(soci::session&)>& body);

// --- implementation -------------------------------------------------------------------------

template <typename T>
Result<T> InTransaction(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  try {
    soci::session sql(*db.pool);
    sql << (db.engine == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN");
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
    return FromSociError(e);
  }
}

template <typename T>
Result<T> Reading(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  try {
    soci::session sql(*db.pool);
    return body(sql);
  } catch (const soci::soci_error& e) {
    return FromSociError(e);
  }
}

// Appends an audit event inside the caller's transaction.
void Audit(soci::session& sql, const std::string& actor, const std::string& action,
           const std::string& target, const std::string& detail = "");

// The current time, seconds since the epoch.
long long Now();

}  // namespace meter::sql
