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

void WarnIfInUse(const Context& context, const std::string& db) {
  auto others = FindOtherUsers(db);
  if (!others || others.value().connections == 0) return;
  if (others.value().pid != 0) {
    context.err << Substitute(
                       context.Translate(
                           "warning: another process (pid {1}) has this database open, perhaps a "
                           "meter serve still running; stop every node first: a node that finds "
                           "the schema changed under it refuses to save until it is restarted"),
                       {std::to_string(others.value().pid)})
                << '\n';
    return;
  }
  context.err << Substitute(
                     context.Translate(
                         "warning: {1} other METER connections are open on this database, perhaps "
                         "meter serve nodes still running; stop every node first: a node that "
                         "finds the schema changed under it refuses to save until it is restarted"),
                     {std::to_string(others.value().connections)})
              << '\n';
}

int MigrateCommand::Run(const Context& context) {
  WarnIfInUse(context, db_);
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
