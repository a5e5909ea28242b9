#include "store/sql_store.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "log/log.h"
#include "store/migrations.h"
#include "store/pg_url.h"
#include "store/sql_store_impl.h"

namespace meter {
namespace sql {

namespace {

// A unique or other integrity constraint refused the write: SQLite's result code 19
// (SQLITE_CONSTRAINT, in its low byte) or a PostgreSQL SQLSTATE of class 23.
bool IsConstraintViolation(const soci::soci_error& e) {
  if (e.get_error_category() == soci::soci_error::constraint_violation) return true;
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e))
    return (lite->result() & 0xff) == 19;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e))
    return pg->sqlstate().rfind("23", 0) == 0;
  return false;
}

// The failure for the log: SOCI's message names the statement, then " with :name=value…", the
// bound values, which may be password hashes, tokens or a respondent's answers: those are left out.
std::string ForTheLog(const soci::soci_error& e) {
  // SOCI ends its message with the statement and its bound values (' while executing "…" with
  // :t=…', or ' while fetching data from "…" with …'): keep the statement, drop the values, which
  // may be a token hash or a person's answer.
  std::string text = e.what();
  const size_t values = text.rfind("\" with :");
  if (values != std::string::npos) text.erase(values + 1);
  return text;
}

}  // namespace

// What every new connection is told. SQLite: WAL, full synchronous commits (an acknowledged write
// survives a crash of the process or the machine) and foreign keys. PostgreSQL: no notices (an
// empty text-search query, say), which would only clutter the log.
void Configure(soci::session& s, const std::string& engine) {
  if (engine == "sqlite") {
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA synchronous=FULL";
    s << "PRAGMA foreign_keys=ON";
  } else {
    s << "SET client_min_messages = warning";
  }
}

namespace {
std::atomic<unsigned long long> database_errors{0};
}  // namespace

unsigned long long DatabaseErrorCount() { return database_errors.load(); }

Error FromSociError(const soci::soci_error& e) {
  // The engine's own words go to the log, not to the user: they are untranslated and say more about
  // the schema than a user should see. One line, whatever lines the engine's message has.
  ++database_errors;
  log::Write(log::Level::kError, "database", ForTheLog(e));
  if (IsConstraintViolation(e)) {
    return Error::Of(
        ErrorCode::kConflict, "",
        METER_N("the change conflicts with data stored meanwhile; reload and try again"));
  }
  return Error::Of(ErrorCode::kUnavailable, "",
                   METER_N("the database cannot be used now; try again in a moment"));
}

bool Reconnect(Database& db, soci::session& sql) {
  if (db.engine != "postgresql" || sql.is_connected()) return false;
  try {
    // The statements prepared on the lost connection go with it (their DEALLOCATE fails quietly).
    if (KeptStatements::OnConnection* kept = db.kept->For(sql)) kept->Clear();
    sql.reconnect();
    Configure(sql, db.engine);
    log::Write(log::Level::kInfo, "database", "reconnected");
    return true;
  } catch (const soci::soci_error&) {
    return false;
  }
}

void RollBackQuietly(soci::session& sql) noexcept {
  try {
    sql << "ROLLBACK";
  } catch (...) {
    // Nothing more to do: see the declaration.
  }
}

Error SharedCommitAbandoned() {
  return Error::Of(ErrorCode::kUnavailable, "",
                   METER_N("the database cannot be used now; try again in a moment"));
}

bool RollBackToSavepoint(soci::session& sql) noexcept {
  try {
    sql << "ROLLBACK TO meter_write";
    sql << "RELEASE meter_write";
    return true;
  } catch (...) {
    return false;
  }
}

Result<bool> OneCommit(Database& db, const std::function<void()>& work) {
  try {
    Lease lease(db);
    soci::session& sql = lease.session();
    WriterTurn turn(db.writers.get());
    sql << "BEGIN IMMEDIATE";
    SharedCommit shared;
    shared.db = &db;
    shared.sql = &sql;
    try {
      if (auto same = CheckSchemaUnchanged(db, sql); !same) {
        sql << "ROLLBACK";
        return same.error();
      }
      SharedCommit* const outer = SharedCommit::open_;  // another database's, or none
      SharedCommit::open_ = &shared;
      try {
        work();
      } catch (...) {
        SharedCommit::open_ = outer;
        throw;
      }
      SharedCommit::open_ = outer;
      if (shared.failed) {
        sql << "ROLLBACK";
        return SharedCommitAbandoned();
      }
      sql << "COMMIT";
      return true;
    } catch (...) {
      RollBackQuietly(sql);
      throw;
    }
  } catch (const soci::soci_error& e) {
    return FromSociError(e, db);
  }
}

KeptStatements::Held* KeptStatements::OnConnection::Find(std::type_index type,
                                                         const std::string& variant) {
  auto it = held_.find({type, variant});
  return it == held_.end() ? nullptr : it->second.get();
}

KeptStatements::Held* KeptStatements::OnConnection::Add(std::type_index type,
                                                        const std::string& variant,
                                                        std::unique_ptr<Held> held) {
  return held_.emplace(std::make_pair(type, variant), std::move(held)).first->second.get();
}

void KeptStatements::OnConnection::Drop(std::type_index type, const std::string& variant) {
  held_.erase({type, variant});
}

void KeptStatements::Track(const soci::session& sql) {
  connections_.emplace(&sql, std::make_unique<OnConnection>());
}

KeptStatements::OnConnection* KeptStatements::For(const soci::session& sql) {
  auto it = connections_.find(&sql);
  return it == connections_.end() ? nullptr : it->second.get();
}

namespace {

// A statement without values, kept by its text (the variant).
struct PlainStatement {
  PlainStatement(soci::session& sql, const std::string& text, soci::details::statement_type type)
      : st(sql) {
    Prepare(st, text, type);
  }
  soci::statement st;
};

}  // namespace

ReadSnapshot::ReadSnapshot(Database& db, soci::session& sql) : db_(db), sql_(sql) {
  if (db.engine != "sqlite") return;
  Kept<PlainStatement>(db, sql, "BEGIN")->st.execute(true);
  open_ = true;
}

ReadSnapshot::~ReadSnapshot() {
  if (!open_) return;
  try {
    Kept<PlainStatement>(db_, sql_, "COMMIT")->st.execute(true);
  } catch (const soci::soci_error& e) {
    // The caller has its result or error already; the connection must not go back to the pool
    // inside a transaction, or its later reads would all see this moment.
    log::Write(log::Level::kError, "database", std::string("ending a read: ") + ForTheLog(e));
    try {
      Kept<PlainStatement>(db_, sql_, "ROLLBACK")->st.execute(true);
    } catch (const soci::soci_error&) {
      // Nothing more to do here; the next BEGIN on this connection reports the state.
    }
  }
}

void PrepareBound(soci::statement& st, const std::string& text, soci::details::statement_type type,
                  const std::function<void()>& bind) {
  st.alloc();
  bind();
  st.prepare(text, type);
  st.define_and_bind();
}

std::string SelectList(const std::vector<std::pair<const char*, const char*>>& columns,
                       const std::string& alias, bool coalesce) {
  std::string out;
  for (const auto& [name, empty] : columns) {
    if (!out.empty()) out += ", ";
    out += coalesce ? "COALESCE(" + alias + name + ", " + empty + ")" : alias + name;
  }
  return out;
}

void ResetSqlite(soci::statement& st) noexcept {
  // Only called for SQLite statements (SOCI does not export the backend's type for a
  // dynamic_cast).
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
}

void Audit(soci::session& sql, const std::string& actor, const std::string& action,
           const std::string& target, const std::string& detail) {
  const long long at = Now();
  sql << "INSERT INTO audit (at, actor, action, target, detail) VALUES (:at, :actor, :action, "
         ":target, :detail)",
      soci::use(at), soci::use(actor), soci::use(action), soci::use(target), soci::use(detail);
}

namespace {

// sql::Kept: every save runs it.
struct BumpQuery {
  BumpQuery(soci::session& sql, const std::string&, soci::details::statement_type type) : st(sql) {
    Prepare(st,
            "INSERT INTO cache_versions (name, version) VALUES (:n, 1) ON CONFLICT (name) DO "
            "UPDATE SET version = cache_versions.version + 1",
            type, soci::use(name));
  }
  std::string name;
  soci::statement st;  // last: bound to the members above
};

}  // namespace

void BumpVersion(Database& db, soci::session& sql, const std::string& name) {
  Kept<BumpQuery> q(db, sql, "");
  q->name = name;
  q->st.execute(true);
}

long long Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace sql

namespace {

// SQLite's process-wide settings, before its first connection. The pool lends each connection to
// one thread at a time, so SQLite need not lock every call on a connection (multi-thread mode), and
// METER never reads SQLite's memory statistics, which otherwise take a process-wide lock on every
// allocation — the two showed as lock contention between the worker threads under load. Once SQLite
// is initialised (a test or SOCI opened a file first) the calls are refused and change nothing.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

// Opens one connection; SQLite waits up to 10 s for another writer.
void OpenConnection(soci::session& s, const std::string& engine, const std::string& target) {
  if (engine == "sqlite") {
    ConfigureSqliteOnce();
    s.open(soci::sqlite3, "db=" + target + " timeout=10 shared_cache=false");
  } else {
    s.open(soci::postgresql, target);
  }
  sql::Configure(s, engine);
}

// The SOCI connection string for a PostgreSQL URL, with METER's defaults for what the URL leaves
// out: give up on an unreachable server after 10 s rather than never, speak UTF-8 whatever the
// database's encoding, and show as `meter` in pg_stat_activity.
Result<std::string> PostgresTarget(const std::string& url) {
  auto params = LibpqParams::Parse(url);
  if (!params) return params.error();
  LibpqParams& p = params.value();
  if (!p.Has("connect_timeout")) p.Set("connect_timeout", "10");
  if (!p.Has("client_encoding")) p.Set("client_encoding", "UTF8");
  if (!p.Has("application_name")) p.Set("application_name", "meter");
  return p.SociConnectString();
}

// The engine's reason on one line: libpq's messages run over several.
std::string OneLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  const std::string soci_prefix = "Cannot establish connection to the database. ";
  if (out.rfind(soci_prefix, 0) == 0) out.erase(0, soci_prefix.size());
  return out;
}

}  // namespace

Result<sql::Database> sql::OpenDatabase(const std::string& url, size_t pool_size) {
  sql::Database db;
  std::string target;
  if (sql::IsSqliteUrl(url)) {
    db.engine = "sqlite";
    target = url.substr(7);
    db.file = target;
    if (target.empty()) {
      return Error::Of(ErrorCode::kInvalidInput, url, METER_N("the SQLite URL names no file"));
    }
    const auto dir = std::filesystem::path(target).parent_path();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  } else if (sql::IsPostgresUrl(url)) {
    db.engine = "postgresql";
    auto pg = PostgresTarget(url);
    if (!pg) return pg.error();
    target = pg.value();
  } else {
    return Error::Of(ErrorCode::kInvalidInput, RedactDatabaseUrl(url),
                     METER_N("unknown database URL; use sqlite:PATH or postgresql://…"));
  }
  db.size = std::max<size_t>(1, pool_size);
  db.pool = std::make_unique<soci::connection_pool>(db.size);
  try {
    // Every connection now, so that a server that cannot take them all fails at start, not later
    // under load.
    for (size_t i = 0; i < db.size; ++i) {
      OpenConnection(db.pool->at(i), db.engine, target);
      db.kept->Track(db.pool->at(i));
    }
  } catch (const soci::soci_error& e) {
    return Error::Of(ErrorCode::kUnavailable, RedactDatabaseUrl(url),
                     METER_N("cannot open the database: {1}"), {OneLine(e.get_error_message())});
  }
  return db;
}

namespace {

Result<int> SchemaVersion(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS meter_schema (version INTEGER NOT NULL, applied_at BIGINT "
         "NOT NULL)";
  int version = 0;
  soci::indicator ind;
  sql << "SELECT MAX(version) FROM meter_schema", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

// Applies every pending migration in one transaction. Nodes starting together take turns: SQLite's
// BEGIN IMMEDIATE and PostgreSQL's advisory lock let one migrate while the others wait, then find
// nothing left to do.
Result<SchemaChange> Migrate(sql::Database& db, const std::string& url, int up_to) {
  auto change =
      sql::InTransaction<SchemaChange>(db, [&](soci::session& sql) -> Result<SchemaChange> {
        if (db.engine == "postgresql") sql << "SELECT pg_advisory_xact_lock(4242001)";
        auto current = SchemaVersion(sql);
        if (!current) return current.error();
        if (current.value() > LatestSchemaVersion()) {
          auto blocking = sql::NotAdditiveAfter(sql, LatestSchemaVersion());
          if (!blocking) return blocking.error();
          if (blocking.value().empty()) return SchemaChange{current.value(), current.value()};
          return Error::Of(
              ErrorCode::kConflict, RedactDatabaseUrl(url),
              METER_N("the database has schema version {1}, newer than this METER knows "
                      "({2}), and its migrations {3} are not additive: this release cannot run "
                      "on it. Run the newer METER on every node, or restore the backup made "
                      "before the upgrade"),
              {std::to_string(current.value()), std::to_string(LatestSchemaVersion()),
               blocking.value()});
        }
        for (const Migration& m : Migrations()) {
          if (m.version <= current.value() || m.version > up_to) continue;
          for (const MigrationStatement& statement : m.statements) {
            if (statement.AppliesTo(db.engine)) sql << ForEngine(statement.sql, db.engine);
          }
          const long long at = sql::Now();
          const int additive = m.additive ? 1 : 0;
          if (m.version >= kSchemaRecordsAdditive) {
            sql << "INSERT INTO meter_schema (version, applied_at, additive) VALUES (:v, :at, :a)",
                soci::use(m.version), soci::use(at), soci::use(additive);
          } else {
            sql << "INSERT INTO meter_schema (version, applied_at) VALUES (:v, :at)",
                soci::use(m.version), soci::use(at);
          }
        }
        // Search documents are made by METER, not by SQL: those a migration left empty, or that
        // another version of METER made, are made again in the same transaction.
        RefreshKnowledgeSearch(sql, db.engine);
        return SchemaChange{current.value(), std::max(current.value(), up_to)};
      });
  if (!change && change.error().problems.size() == 1 && change.error().problems[0].where.empty()) {
    Error named = change.error();  // the database failed mid-way: say which one
    named.problems[0].where = RedactDatabaseUrl(url);
    return named;
  }
  return change;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  if (auto writable = sql::CheckWritable(url); !writable) return writable.error();
  auto db = sql::OpenDatabase(url, options.pool_size);
  if (!db) return db.error();
  auto migrated = Migrate(db.value(), url, LatestSchemaVersion());
  if (!migrated) return migrated.error();
  // From now on every write transaction checks that no migration or restore moved it.
  db.value().schema_version = migrated.value().to;
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(db).value()));
}

Result<SchemaChange> MigrateDatabase(const std::string& url, int up_to) {
  if (auto writable = sql::CheckWritable(url); !writable) return writable.error();
  auto db = sql::OpenDatabase(url, 1);
  if (!db) return db.error();
  return Migrate(db.value(), url, up_to > 0 ? up_to : LatestSchemaVersion());
}

Result<std::vector<AuditEvent>> SqlStore::ListAudit(size_t limit) {
  return sql::Reading<std::vector<AuditEvent>>(db_, [&](soci::session& sql) {
    std::vector<AuditEvent> out;
    const long long n = static_cast<long long>(limit);
    AuditEvent e;
    long long id = 0, at = 0;
    soci::statement st = (sql.prepare << "SELECT id, at, actor, action, target, detail FROM audit "
                                         "ORDER BY id DESC LIMIT :n",
                          soci::into(id), soci::into(at), soci::into(e.actor), soci::into(e.action),
                          soci::into(e.target), soci::into(e.detail), soci::use(n));
    st.execute();
    while (st.fetch()) {
      e.id = id;
      e.at = at;
      out.push_back(e);
    }
    return Result<std::vector<AuditEvent>>(std::move(out));
  });
}

}  // namespace meter
