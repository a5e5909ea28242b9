// The Store (core/store.h) over SOCI, for SQLite (the embedded default, in WAL mode) and
// PostgreSQL.
//
// OpenStore parses the database URL — `sqlite:PATH` or `postgresql://…` (any libpq URI) — opens a
// pool of connections, applies the pending migrations (store/migrations.h) in one transaction each,
// and refuses a database whose schema is newer than this METER knows (kConflict). Failures to reach
// or create the database are kUnavailable, with the engine's reason.
//
// Thread-safe: every call borrows a pooled connection for its duration.
#pragma once

#include <memory>
#include <string>

#include "core/store.h"

namespace meter {

struct StoreOptions {
  size_t pool_size = 4;  // connections kept open
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

// The highest schema version this METER knows.
int LatestSchemaVersion();

}  // namespace meter
