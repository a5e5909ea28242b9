// `meter migrate [--db URL]`: applies the pending schema migrations to the database and reports its
// schema version, without starting anything else. Run it once before starting several `meter
// serve` nodes on one PostgreSQL (they migrate at start too, taking turns, so it is not required),
// or to check a database. Running it again does nothing and says so. Warns (WarnIfInUse) when other
// connections have the database open: running nodes refuse to save once the schema has moved.
//
// Exit 0; 3 when the database cannot be reached or opened (the message names it, without its
// password); 5 when its schema is newer than this METER knows; 2 for a malformed URL.
#pragma once

#include <string>

#include "app/command.h"

namespace meter {

class MigrateCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
};

// For commands that change a database under possibly running nodes (meter migrate, meter restore):
// prints a warning to context.err when other connections have the database at `db` open
// (FindOtherUsers in store/sql_store.h), and nothing when none do or when that cannot be told (the
// command then reports the database's error itself). Call it before opening the database.
void WarnIfInUse(const Context& context, const std::string& db);

}  // namespace meter
