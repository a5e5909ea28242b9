// METER's database schema, as numbered, forward-only migrations written in SQL that SQLite and
// PostgreSQL both accept. `{id}` in a statement stands for the engine's auto-numbered primary key.
// Where the engines differ (full-text search: an FTS5 table on SQLite, a tsvector column on
// PostgreSQL), a statement is marked SqliteOnly or PostgresOnly and the other engine skips it.
// A migration, once released, never changes: a change is a new migration at the end.
//
// Each migration is marked additive or not. Additive: it only adds (tables, indexes, columns with
// defaults), and a node of the previous release may keep running on the migrated database, its
// reads and writes still right (a rolling upgrade). Not additive: it changes what existing rows
// mean or what every write must keep up to date (a count, a cache version, a status), so every
// node must be stopped first. From schema 14 on, meter_schema records the mark of each migration
// applied, and a node refuses to start on a newer schema unless every migration beyond its own is
// additive (sql_store.h).
#pragma once

#include <string>
#include <vector>

namespace meter {

// One SQL statement, for both engines unless `engine` names one ("sqlite" or "postgresql").
struct MigrationStatement {
  MigrationStatement(const char* text) : sql(text) {}  // NOLINT: implicit, for both engines
  MigrationStatement(const char* only, const char* text) : engine(only), sql(text) {}
  bool AppliesTo(const std::string& name) const { return engine == nullptr || name == engine; }

  const char* engine = nullptr;
  const char* sql;
};

inline MigrationStatement SqliteOnly(const char* text) { return {"sqlite", text}; }
inline MigrationStatement PostgresOnly(const char* text) { return {"postgresql", text}; }

inline constexpr bool kAdditive = true;
inline constexpr bool kNotAdditive = false;

struct Migration {
  int version;
  const char* description;
  std::vector<MigrationStatement> statements;
  bool additive = kNotAdditive;  // see above; decide for each migration, never copy the last one
};

// The first schema whose meter_schema table has the `additive` column.
inline constexpr int kSchemaRecordsAdditive = 14;

const std::vector<Migration>& Migrations();

// `statement` with `{id}` replaced for `engine` ("sqlite" or "postgresql").
std::string ForEngine(const std::string& statement, const std::string& engine);

}  // namespace meter
