// What the readiness check and the metrics read of the database (issue 15), and the audit events
// of their own (signing in and out).
#include <soci/soci.h>

#include <algorithm>

#include "store/sql_store.h"
#include "store/sql_store_impl.h"

namespace meter {
namespace {

// How long /readyz waits for a pooled connection before it says the node is not ready.
constexpr int kReadyLeaseMilliseconds = 2000;

Error NoConnectionFree() {
  return Error::Of(ErrorCode::kUnavailable, "",
                   METER_N("no database connection came free within 2 seconds"));
}

}  // namespace

// Runs `read` on a pooled connection lent for at most kReadyLeaseMilliseconds, opening the
// connection again once when the server dropped it (it restarted).
template <typename T, typename Read>
Result<T> ReadOnReadyLease(sql::Database& db, Read read) {
  size_t position = 0;
  if (!db.pool->try_lease(position, kReadyLeaseMilliseconds)) return NoConnectionFree();
  ++*db.leased;
  soci::session& sql = db.pool->at(position);
  Result<T> out = T{};
  try {
    try {
      out = read(sql);
    } catch (const soci::soci_error&) {
      if (!sql::Reconnect(db, sql)) throw;
      out = read(sql);
    }
  } catch (const soci::soci_error& e) {
    out = sql::FromSociError(e, db);
  }
  --*db.leased;
  db.pool->give_back(position);
  return out;
}

Result<int> SqlStore::SchemaVersionNow() {
  return ReadOnReadyLease<int>(db_, [](soci::session& sql) {
    int version = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(version) FROM meter_schema", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
}

Result<std::string> SqlStore::NotAdditiveSince(int version) {
  return ReadOnReadyLease<std::string>(db_, [version](soci::session& sql) {
    auto blocking = sql::NotAdditiveAfter(sql, version);
    return blocking ? blocking.value() : std::string();
  });
}

int SqlStore::KnownSchemaVersion() const { return LatestSchemaVersion(); }

PoolUse SqlStore::PoolUsage() const {
  PoolUse use;
  use.size = db_.size;
  use.in_use = static_cast<size_t>(std::max<long>(0, db_.leased->load()));
  use.errors = sql::DatabaseErrorCount();
  return use;
}

Result<long long> SqlStore::OutboxWaiting() {
  return sql::Reading<long long>(db_, [](soci::session& sql) -> Result<long long> {
    long long waiting = 0;
    sql << "SELECT COUNT(*) FROM outbox WHERE sent_at = 0 AND failed_at = 0", soci::into(waiting);
    return waiting;
  });
}

Result<bool> SqlStore::RecordAudit(const std::string& actor, const std::string& action,
                                   const std::string& target, const std::string& detail) {
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    sql::Audit(sql, actor, action, target, detail);
    return true;
  });
}

}  // namespace meter
