#include "app/migrate_command.h"

#include <ostream>

#include "app/exit_codes.h"
#include "store/pg_url.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* MigrateCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "migrate",
      context.Translate("Bring the database's schema up to date and report its version"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  return cmd;
}

int MigrateCommand::Run(const Context& context) {
  auto change = MigrateDatabase(db_);
  if (!change) return context.Fail(change.error());
  const std::string database = RedactDatabaseUrl(db_);
  const SchemaChange& c = change.value();
  if (c.from == c.to) {
    context.out << Substitute(
                       context.Translate("{1}: schema version {2}, up to date; nothing to do"),
                       {database, std::to_string(c.to)})
                << '\n';
  } else {
    context.out << Substitute(context.Translate("{1}: migrated from schema version {2} to {3}"),
                              {database, std::to_string(c.from), std::to_string(c.to)})
                << '\n';
  }
  return kExitOk;
}

}  // namespace meter
