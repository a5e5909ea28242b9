// Private to store/: the connection pool, transactions and error mapping shared by the SQL
// repositories. Not used outside this folder.
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <utility>
#include <vector>

#include "core/problem.h"

namespace meter::sql {

// Statements kept prepared on each pooled connection, for the reads nearly every request makes
// (the session, the caller, the round, the answers, the cache versions): SOCI otherwise parses
// every statement afresh on SQLite, which was a quarter of a questionnaire page's CPU, and on
// PostgreSQL sends each one to be parsed and planned. Used through Kept below.
// The connections are registered while the pool opens, before any use, and never change; a
// connection's statements are used only by the thread that leased it, so nothing here locks.
// On PostgreSQL they are server-side prepared statements (libpq's PQprepare, through SOCI), which
// live as long as the server's connection: Reconnect drops them with it, and each is prepared
// again on its first use on the new connection.
class KeptStatements {
 public:
  struct Held {
    virtual ~Held() = default;
  };
  // The statements kept on one connection.
  class OnConnection {
   public:
    // The statement of type `type` and `variant`, or nullptr.
    Held* Find(std::type_index type, const std::string& variant);
    Held* Add(std::type_index type, const std::string& variant, std::unique_ptr<Held> held);
    // Drops a statement that failed, so that the next use prepares it afresh.
    void Drop(std::type_index type, const std::string& variant);
    // Drops every statement: the connection they were prepared on is gone.
    void Clear() { held_.clear(); }
    size_t size() const { return held_.size(); }

   private:
    std::map<std::pair<std::type_index, std::string>, std::unique_ptr<Held>> held_;
  };
  // Registers a pooled connection: only while the pool is being opened.
  void Track(const soci::session& sql);
  // The statements of `sql`, or nullptr for a connection that is not the pool's.
  OnConnection* For(const soci::session& sql);

 private:
  std::map<const soci::session*, std::unique_ptr<OnConnection>> connections_;
};

// The pool and the engine's name; owned by the SqlStore.
struct Database {
  std::string engine;  // "sqlite" or "postgresql"
  std::string file;    // SQLite: the database file, for the log and to ask its filesystem
  std::unique_ptr<soci::connection_pool> pool;
  size_t size = 0;
  // After the pool, so that the statements go before the connections they were prepared on.
  std::unique_ptr<KeptStatements> kept = std::make_unique<KeptStatements>();
  // The schema version this store opened at, which every write transaction checks first
  // (CheckSchemaUnchanged); 0 for no check (while migrating, and in meter copy).
  int schema_version = 0;
  // The last moved version the log was told about, so that it is told once.
  std::unique_ptr<std::atomic<int>> schema_logged = std::make_unique<std::atomic<int>>(0);
  // Connections lent now (Lease), for the metrics (issue 15).
  std::unique_ptr<std::atomic<long>> leased = std::make_unique<std::atomic<long>>(0);
  // SQLite: held by this process's write transactions (InTransaction), so that its writers queue
  // here and wake as soon as the one before commits. Without it the second of two writers sleeps
  // in SQLite's busy handler, 1, 2, 5, 10… up to 100 ms between tries, however soon the lock
  // frees, and under load that sleep was the questionnaire's tail (bench/load). Another process
  // writing the same file (a `meter` command) is still waited for by the busy handler.
  std::unique_ptr<std::mutex> writers = std::make_unique<std::mutex>();
};

// Database failures FromSociError has seen in this process, for the metrics (issue 15).
unsigned long long DatabaseErrorCount();

// A handle on a Query to run: a struct whose constructor Query(soci::session&, const std::string&
// variant, soci::details::statement_type) prepares its member `soci::statement st` bound to its own
// members; `variant` tells apart the texts one Query type can have (a WHERE clause, say).
//
// On a pooled connection (the pool's own session, as InTransaction and Reading pass it) the handle
// gives the Query kept for that connection, made on first use; when the handle goes, a SQLite
// statement is reset, so that no finished read holds its snapshot open, and a statement that threw
// is dropped. On another session (meter copy's, a migration's) it gives a new one-time statement.
// Two handles on the same Query and variant must not be alive at once on one connection (they
// would share one statement): the loaders read all their rows before they return.
template <typename Query>
class Kept {
 public:
  Kept(Database& db, soci::session& sql, const std::string& variant);
  ~Kept();
  Kept(const Kept&) = delete;
  Kept& operator=(const Kept&) = delete;
  Query* operator->() { return query_; }

 private:
  struct Holder : KeptStatements::Held {
    Holder(soci::session& sql, const std::string& variant, soci::details::statement_type type)
        : query(sql, variant, type) {}
    Query query;
  };
  std::string variant_;
  KeptStatements::OnConnection* connection_ = nullptr;  // where the statement is kept, if it is
  bool sqlite_ = false;
  std::unique_ptr<Holder> owned_;  // otherwise, a one-time statement
  Query* query_ = nullptr;
  int exceptions_ = std::uncaught_exceptions();
};

// For a Query's constructor: prepares `st` as `text` of `type`, bound to `elements` (soci::into
// and soci::use, in the order of the statement's columns and parameters).
template <typename... Elements>
void Prepare(soci::statement& st, const std::string& text, soci::details::statement_type type,
             Elements&&... elements) {
  st.alloc();
  (st.exchange(std::forward<Elements>(elements)), ...);
  st.prepare(text, type);
  st.define_and_bind();
}

// The same, for elements that `bind` exchanges with `st` itself (a row reader's Bind).
void PrepareBound(soci::statement& st, const std::string& text, soci::details::statement_type type,
                  const std::function<void()>& bind);

// "a.x, a.y" for `columns` with `alias` "a."; with `coalesce`, "COALESCE(a.x, 0), …", each with
// its column's empty value. Each entry is {name, empty value as SQL}.
std::string SelectList(const std::vector<std::pair<const char*, const char*>>& columns,
                       const std::string& alias, bool coalesce);

// Resets a SQLite statement after its last row was read (sqlite3_reset); `st` must be SQLite's.
void ResetSqlite(soci::statement& st) noexcept;

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

// First in every write transaction of a store (db.schema_version set): kUnavailable, with one log
// line the first time, when the database's schema version is no longer the one the store opened
// at — a migration or a restore ran under this running node, and its writes could go wrong on a
// schema it does not know. On PostgreSQL it also holds METER's migration lock shared until the
// transaction ends, so that no migration or restore (which take it alone) can move the version
// between this check and the commit; SQLite's BEGIN IMMEDIATE already keeps them out.
Result<bool> CheckSchemaUnchanged(Database& db, soci::session& sql);
// The migrations applied after schema `version` that are not additive (store/migrations.h), as
// "16, 17"; empty when every one is additive, so that a node knowing `version` may run. Needs a
// database at schema 14 or later (the `additive` column).
Result<std::string> NotAdditiveAfter(soci::session& sql, int version);

// Runs `body` on a pooled connection inside one transaction (BEGIN IMMEDIATE on SQLite, so that two
// writers never deadlock), commits when it returns a success and rolls back otherwise. A
// connection found broken at BEGIN, before anything was written, is reopened and BEGIN tried once
// more. Refuses to write when the schema moved (CheckSchemaUnchanged). Exceptions from SOCI become
// Errors.
template <typename T>
Result<T> InTransaction(Database& db, const std::function<Result<T>(soci::session&)>& body);

// PostgreSQL only: runs `body`, a write made of one statement, on a pooled connection outside any
// transaction, so that the statement commits by itself: no BEGIN, schema check or COMMIT round
// trips. `body` makes the schema check itself (see SqlStore::SaveAnswers). Once more on a reopened
// connection when the first was broken, so `body` must be a write that cannot apply twice (a save
// names the version it replaces: a second try after a lost reply is refused as stale, never stored
// again). Exceptions from SOCI become Errors.
template <typename T>
Result<T> AutoCommitted(Database& db, const std::function<Result<T>(soci::session&)>& body);

// Runs `body`'s reads on a pooled connection; once more on a reopened connection when the first was
// broken (a read can be repeated). On SQLite the reads share one read transaction (ReadSnapshot):
// they see one state of the database, and take the WAL read lock once rather than per statement,
// which under load was the most contended lock of a questionnaire page. On PostgreSQL they run
// without a transaction (BEGIN and COMMIT would be two more round trips).
template <typename T>
Result<T> Reading(Database& db, const std::function<Result<T>(soci::session&)>& body);

// --- implementation -------------------------------------------------------------------------

// A connection lent by the pool for one call and given back at the end. The session it hands out
// is the pool's own, which lives as long as the pool, so statements kept on it stay valid after
// the call (a soci::session made from the pool is a stand-in that dies with the call).
class Lease {
 public:
  explicit Lease(Database& db) : pool_(*db.pool), position_(pool_.lease()), leased_(*db.leased) {
    ++leased_;
  }
  ~Lease() {
    --leased_;
    pool_.give_back(position_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& session() { return pool_.at(position_); }

 private:
  soci::connection_pool& pool_;
  size_t position_;
  std::atomic<long>& leased_;
};

template <typename Query>
Kept<Query>::Kept(Database& db, soci::session& sql, const std::string& variant)
    : variant_(variant), sqlite_(db.engine == "sqlite") {
  connection_ = db.kept->For(sql);
  if (!connection_) {
    owned_ = std::make_unique<Holder>(sql, variant, soci::details::st_one_time_query);
    query_ = &owned_->query;
    return;
  }
  auto* held = static_cast<Holder*>(connection_->Find(typeid(Query), variant));
  if (!held) {
    held = static_cast<Holder*>(connection_->Add(
        typeid(Query), variant,
        std::make_unique<Holder>(sql, variant, soci::details::st_repeatable_query)));
  }
  query_ = &held->query;
}

template <typename Query>
Kept<Query>::~Kept() {
  if (!connection_) return;
  if (sqlite_) ResetSqlite(query_->st);
  if (std::uncaught_exceptions() > exceptions_) connection_->Drop(typeid(Query), variant_);
}

// This thread's hold on a Database's `writers` (nullptr for none, or on PostgreSQL) for the life
// of the object. A transaction begun while the thread holds it already does not wait for itself:
// it meets SQLite's lock as before, which the busy handler reports after its time-out.
class WriterTurn {
 public:
  explicit WriterTurn(std::mutex* writers) : outer_(held_) {
    if (writers == nullptr || held_ == writers) return;
    writers->lock();
    held_ = locked_ = writers;
  }
  ~WriterTurn() {
    if (locked_ == nullptr) return;
    held_ = outer_;
    locked_->unlock();
  }
  WriterTurn(const WriterTurn&) = delete;
  WriterTurn& operator=(const WriterTurn&) = delete;

 private:
  static inline thread_local std::mutex* held_ = nullptr;
  std::mutex* const outer_;  // held_ before this turn, put back after it
  std::mutex* locked_ = nullptr;
};

// A shared commit open on this thread (Store::SharingOneCommit, OneCommit below): the
// connection, in its transaction, that this thread's writes and reads of `db` use until it ends.
struct SharedCommit {
  Database* db = nullptr;
  soci::session* sql = nullptr;
  bool failed = false;  // a statement threw: the transaction is abandoned, not committed
  // The one open on this thread for `db`, or nullptr.
  static SharedCommit* On(const Database& db) {
    return open_ != nullptr && open_->db == &db ? open_ : nullptr;
  }
  static inline thread_local SharedCommit* open_ = nullptr;
};

// Runs `work` in one transaction on SQLite (BEGIN IMMEDIATE, this process's writers' turn held
// throughout), committed at the end: every InTransaction and Reading of `db` on this thread
// meanwhile runs on its connection, each write in a savepoint of its own. kUnavailable, with
// nothing stored, when a statement threw or the commit failed; a refused write (an error Result) is
// only rolled back to its savepoint. Exceptions from `work` roll back and go on up.
Result<bool> OneCommit(Database& db, const std::function<void()>& work);

// Ends the transaction on `sql` with ROLLBACK, ignoring a failure: the connection is then broken,
// the pool hands it out again and the next call on it reports that.
void RollBackQuietly(soci::session& sql) noexcept;

// The error of a read or write asked for after its shared commit was abandoned (kUnavailable).
Error SharedCommitAbandoned();

// Undoes the writes since the last SAVEPOINT meter_write and ends it; false when even that failed
// (the connection is gone), and the shared commit must then be abandoned.
bool RollBackToSavepoint(soci::session& sql) noexcept;

// InTransaction inside a shared commit: `body` between a savepoint and its release, rolled back to
// the savepoint when it returns an error or throws (a constraint the write broke, say), so that
// the other writes go on; the commit is marked failed only when that rollback fails too.
template <typename T>
Result<T> InSavepoint(SharedCommit& shared, const std::function<Result<T>(soci::session&)>& body) {
  soci::session& sql = *shared.sql;
  // Once a statement failed and even its rollback did, SQLite may have ended the transaction:
  // a SAVEPOINT now would begin a new one and its RELEASE commit it, outside the shared commit.
  if (shared.failed) return SharedCommitAbandoned();
  try {
    sql << "SAVEPOINT meter_write";
  } catch (const soci::soci_error& e) {
    shared.failed = true;
    return FromSociError(e, *shared.db);
  }
  try {
    Result<T> result = body(sql);
    if (!result.ok()) {
      if (!RollBackToSavepoint(sql)) shared.failed = true;
      return result;
    }
    sql << "RELEASE meter_write";
    return result;
  } catch (const soci::soci_error& e) {
    if (!RollBackToSavepoint(sql)) shared.failed = true;
    return FromSociError(e, *shared.db);
  } catch (...) {
    if (!RollBackToSavepoint(sql)) shared.failed = true;
    throw;
  }
}

template <typename T>
Result<T> InTransaction(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  if (SharedCommit* shared = SharedCommit::On(db)) return InSavepoint<T>(*shared, body);
  try {
    Lease lease(db);
    soci::session& sql = lease.session();
    const bool sqlite = db.engine == "sqlite";
    WriterTurn turn(sqlite ? db.writers.get() : nullptr);  // until the COMMIT or ROLLBACK below
    const char* begin = sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
    try {
      sql << begin;
    } catch (const soci::soci_error&) {
      if (!Reconnect(db, sql)) throw;
      sql << begin;
    }
    try {
      Result<T> result = [&]() -> Result<T> {
        if (auto same = CheckSchemaUnchanged(db, sql); !same) return same.error();
        return body(sql);
      }();
      sql << (result.ok() ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (...) {
      RollBackQuietly(sql);
      throw;
    }
  } catch (const soci::soci_error& e) {
    return FromSociError(e, db);
  }
}

// On SQLite, a read transaction on `sql` for the life of the object (kept BEGIN and COMMIT
// statements); nothing on PostgreSQL. Ends the transaction however the reads end.
class ReadSnapshot {
 public:
  ReadSnapshot(Database& db, soci::session& sql);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
  soci::session& sql_;
  bool open_ = false;
};

// Runs `body` on a pooled connection, inside a ReadSnapshot when `snapshot` is set; once more,
// without one, on a reopened connection when the first was broken. SOCI's exceptions become Errors.
template <typename T>
Result<T> OnPooledConnection(Database& db, const std::function<Result<T>(soci::session&)>& body,
                             bool snapshot) {
  try {
    Lease lease(db);
    soci::session& sql = lease.session();
    try {
      std::optional<ReadSnapshot> read;  // ended before a reconnect
      if (snapshot) read.emplace(db, sql);
      return body(sql);
    } catch (const soci::soci_error&) {
      if (!Reconnect(db, sql)) throw;
    }
    return body(sql);
  } catch (const soci::soci_error& e) {
    return FromSociError(e, db);
  }
}

template <typename T>
Result<T> AutoCommitted(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  return OnPooledConnection<T>(db, body, false);
}

template <typename T>
Result<T> Reading(Database& db, const std::function<Result<T>(soci::session&)>& body) {
  if (SharedCommit* shared = SharedCommit::On(db)) {  // sees the writes made so far
    if (shared->failed) return SharedCommitAbandoned();
    try {
      return body(*shared->sql);
    } catch (const soci::soci_error& e) {
      shared->failed = true;
      return FromSociError(e, db);
    }
  }
  return OnPooledConnection<T>(db, body, true);
}

// Defence in depth for every write of text: PostgreSQL cannot store a NUL (libpq would cut the text
// there) while SQLite keeps it whole, so both engines refuse such a text. The core rules and the
// web readers refuse NUL and other control characters long before; this keeps a caller that
// forgot from storing a cut text on one engine only. Add the texts a write stores, then ask
// Refusal(): kInvalidInput naming the first column ("answers.comment") whose text holds a NUL.
class NulCheck {
 public:
  NulCheck& Add(const char* column, std::string_view text) {
    if (!column_ && text.find('\0') != std::string_view::npos) column_ = column;
    return *this;
  }
  NulCheck& Add(const char* column, const std::vector<std::string>& texts) {
    for (const std::string& t : texts) Add(column, t);
    return *this;
  }
  std::optional<Error> Refusal() const {
    if (!column_) return std::nullopt;
    return Error::Of(ErrorCode::kInvalidInput, column_,
                     METER_N("the text holds a NUL character, which cannot be stored"));
  }

 private:
  const char* column_ = nullptr;
};

// Appends an audit event inside the caller's transaction.
void Audit(soci::session& sql, const std::string& actor, const std::string& action,
           const std::string& target, const std::string& detail = "");

// Adds one to the cache version `name` ("round:ID", "published", "knowledge", "egdi"; core/store.h
// CacheVersions) inside the caller's transaction, creating it at 1. Call it last in the
// transaction: on PostgreSQL it holds the version's row lock until the commit, so that writers of
// one version wait for each other only for that moment. Answer saves do not bump "round:ID": they
// count on their respondent's row (sql_answers.cpp), which ReadVersions adds to it.
void BumpVersion(Database& db, soci::session& sql, const std::string& name);
inline std::string RoundVersionName(long long round) { return "round:" + std::to_string(round); }

// The current time, seconds since the epoch.
long long Now();

}  // namespace meter::sql
