// Schema changes under running nodes: the check every write transaction makes first
// (sql_base.h), and who else has a database open (sql_store.h), for meter restore and migrate.
#include <fcntl.h>
#include <unistd.h>

#include <string>

#include "log/log.h"
#include "store/pg_url.h"
#include "store/sql_base.h"
#include "store/sql_store.h"

namespace meter {
namespace sql {
namespace {

// MAX(version) of meter_schema.
struct SchemaVersionQuery {
  SchemaVersionQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    Prepare(st, "SELECT MAX(version) FROM meter_schema", type, soci::into(version, ind));
  }
  soci::statement st;
  int version = 0;
  soci::indicator ind = soci::i_null;
};

// PostgreSQL: METER's migration lock, shared, until the transaction ends; waits while a migration
// or a restore holds it.
struct MigrationLockQuery {
  MigrationLockQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    Prepare(st, "SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(4242001)) AS migration_lock",
            type, soci::into(one));
  }
  soci::statement st;
  int one = 0;
};

}  // namespace

Result<bool> CheckSchemaUnchanged(Database& db, soci::session& sql) {
  if (db.schema_version == 0) return true;
  // On SQLite a kept statement on a table of a few rows: microseconds. On PostgreSQL two more
  // round trips per write transaction (reads, most requests, and a respondent's one-answer saves
  // pay nothing): the lock first, then the version in a statement of its own, whose snapshot is
  // taken once the lock is held — read in the statement that waited, the version would be the
  // one from before a migration that committed during the wait.
  if (db.engine == "postgresql") {
    Kept<MigrationLockQuery> lock(db, sql, "");
    lock->st.execute(true);
  }
  Kept<SchemaVersionQuery> query(db, sql, "");
  query->st.execute(true);
  const int now = query->ind == soci::i_ok ? query->version : 0;
  if (now == db.schema_version) return true;
  // A rolling upgrade: a newer node added to the schema only what this one may ignore.
  if (now > db.schema_version) {
    auto blocking = NotAdditiveAfter(sql, db.schema_version);
    if (blocking && blocking.value().empty()) return true;
  }
  if (db.schema_logged->exchange(now) != now) {
    const std::string text =
        "the schema version is now " + std::to_string(now) + ", not " +
        std::to_string(db.schema_version) +
        " as when this node started: a migration or a restore ran under it. This node refuses "
        "every save (503) until it is restarted with a METER that knows schema " +
        std::to_string(now) + ".";
    log::Write(log::Level::kError, "database", text);
  }
  return Error::Of(ErrorCode::kUnavailable, "",
                   METER_N("the service is being maintained and cannot save changes now; try "
                           "again later"));
}

Result<std::string> NotAdditiveAfter(soci::session& sql, int version) {
  std::string out;
  soci::rowset<int> rows = (sql.prepare << "SELECT version FROM meter_schema WHERE version > :v "
                                           "AND additive = 0 ORDER BY version",
                            soci::use(version));
  for (int v : rows) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return out;
}

}  // namespace sql

namespace {

// SQLite: in WAL mode every connection to the database holds a lock on its -shm file for as long
// as it is open (SQLite's unix VFS), so a lock there held by another process means that process
// has the database open. Asks the kernel without taking any lock; closing the descriptor would
// drop this process's own locks on that file, so it must be called before this process opens the
// database.
Result<OtherUsers> SqliteOtherUsers(const std::string& file) {
  OtherUsers out;
  const std::string shm = file + "-shm";
  const int fd = ::open(shm.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;  // no -shm file: nobody has the database open in WAL mode
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;  // l_start 0 and l_len 0: the whole file
  if (::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK) {
    out.connections = 1;
    out.pid = probe.l_pid;
  }
  ::close(fd);
  return out;
}

Result<OtherUsers> PostgresOtherUsers(const std::string& url) {
  auto db = sql::OpenDatabase(url, 1);
  if (!db) return db.error();
  OtherUsers out;
  try {
    soci::session& sql = db.value().pool->at(0);
    // METER's connections carry the URL's application_name ("meter" unless the URL sets one), as
    // this one does.
    sql << "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND "
           "pid <> pg_backend_pid() AND application_name = current_setting('application_name')",
        soci::into(out.connections);
  } catch (const soci::soci_error& e) {
    return sql::FromSociError(e);
  }
  return out;
}

}  // namespace

Result<OtherUsers> FindOtherUsers(const std::string& url) {
  if (sql::IsSqliteUrl(url)) return SqliteOtherUsers(url.substr(7));
  if (sql::IsPostgresUrl(url)) return PostgresOtherUsers(url);
  return OtherUsers{};
}

}  // namespace meter
