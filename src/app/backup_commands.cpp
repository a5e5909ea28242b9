#include "app/backup_commands.h"

#include <ostream>

#include "app/exit_codes.h"
#include "app/migrate_command.h"
#include "store/backup.h"
#include "store/pg_url.h"

namespace meter {

CLI::App* BackupCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "backup", context.Translate("Write a consistent copy of the whole database to a file"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--out", out_, context.Translate("The backup file to write"))->required();
  return cmd;
}

int BackupCommand::Run(const Context& context) {
  auto done = BackupDatabase(db_, out_);
  if (!done) return context.Fail(done.error());
  context.out << Substitute(context.Translate("backed up {1} to {2}"),
                            {RedactDatabaseUrl(db_), out_})
              << '\n';
  return kExitOk;
}

CLI::App* RestoreCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "restore",
      context.Translate("Replace the whole database with a backup made by meter backup"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--from", from_, context.Translate("The backup file to read"))->required();
  return cmd;
}

int RestoreCommand::Run(const Context& context) {
  WarnIfInUse(context, db_);
  auto done = RestoreDatabase(db_, from_);
  if (!done) return context.Fail(done.error());
  context.out << Substitute(context.Translate("restored {1} from {2}"),
                            {RedactDatabaseUrl(db_), from_})
              << '\n';
  return kExitOk;
}

}  // namespace meter
