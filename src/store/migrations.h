// METER's database schema, as numbered, forward-only migrations written in SQL that SQLite and
// PostgreSQL both accept. `{id}` in a statement stands for the engine's auto-numbered primary key.
// Where the engines differ (full-text search: an FTS5 table on SQLite, a tsvector column on
// PostgreSQL), a statement is marked SqliteOnly or PostgresOnly and the other engine skips it.
// A migration, once released, never changes: a change is a new migration at the end.
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

struct Migration {
  int version;
  const char* description;
  std::vector<MigrationStatement> statements;
};

const std::vector<Migration>& Migrations();

// `statement` with `{id}` replaced for `engine` ("sqlite" or "postgresql").
std::string ForEngine(const std::string& statement, const std::string& engine);

}  // namespace meter
