// The Store (core/store.h) over SOCI, for SQLite (the embedded default, in WAL mode) and
// PostgreSQL.
//
// OpenStore reads the database URL — `sqlite:PATH`, or a libpq URI `postgresql://…` /
// `postgres://…` (store/pg_url.h) — opens every connection of its pool, applies the pending
// migrations (store/migrations.h) in one transaction, and refuses a database whose schema is newer
// than this METER knows (kConflict) unless every migration beyond this METER's is additive: then
// it runs on it as it is (a rolling upgrade: the newer nodes migrated, this one still runs). A
// malformed URL is kInvalidInput; a database that cannot be reached, opened or created is
// kUnavailable with the engine's reason; so is a SQLite file or folder METER cannot write (a
// read-only filesystem), refused before SQLite opens it read-only. Messages name the database by
// its URL without the password (RedactDatabaseUrl), or the file.
//
// Thread-safe: every call borrows a pooled connection for its duration, and waits for one when all
// are lent. The Store owns its connections and closes them when destroyed.
#pragma once

#include <memory>
#include <string>

#include "core/store.h"

namespace meter {

struct StoreOptions {
  // Connections opened at start and kept open (at least 1). A call waits while all are lent, so a
  // server wants one per worker thread plus one for its background work. On PostgreSQL each is a
  // server connection: nodes × pool_size must stay below the server's max_connections.
  size_t pool_size = 4;
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

// What MigrateDatabase did: the schema version before and after (equal when nothing was pending).
struct SchemaChange {
  int from = 0;
  int to = 0;
};

// Opens the database at `url` with one connection, applies the pending migrations as OpenStore
// does, and closes it. Fails as OpenStore does. `up_to` > 0 stops after that schema version (for
// tests that make a database of an older release); 0 applies them all.
Result<SchemaChange> MigrateDatabase(const std::string& url, int up_to = 0);

// The highest schema version this METER knows.
int LatestSchemaVersion();

// Who else has a database open, for `meter restore` and `meter migrate` to warn before they change
// it under running nodes (which then refuse to save: see sql_base.h's CheckSchemaUnchanged).
// PostgreSQL: `connections` counts the other connections to the database under METER's
// application_name (the URL's, "meter" unless it sets one) in pg_stat_activity; `pid` is 0.
// SQLite: `connections` is 1 when another process holds the database's -shm file locked — any
// process with it open, METER or not, as SQLite's unix VFS locks it for every open connection in
// WAL mode — and `pid` is one such process; call it before this process opens the database.
// Errors as OpenStore's for a database that cannot be reached.
struct OtherUsers {
  long long connections = 0;
  long long pid = 0;
};
Result<OtherUsers> FindOtherUsers(const std::string& url);

}  // namespace meter
