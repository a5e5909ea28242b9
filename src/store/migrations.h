// METER's database schema, as numbered, forward-only migrations written in SQL that SQLite and
// PostgreSQL both accept. `{id}` in a statement stands for the engine's auto-numbered primary key.
// A migration, once released, never changes: a change is a new migration at the end.
#pragma once

#include <string>
#include <vector>

namespace meter {

struct Migration {
  int version;
  const char* description;
  std::vector<const char*> statements;
};

const std::vector<Migration>& Migrations();

// `statement` with `{id}` replaced for `engine` ("sqlite" or "postgresql").
std::string ForEngine(const std::string& statement, const std::string& engine);

}  // namespace meter
