#include "app/copy_command.h"

#include <ostream>

#include "app/exit_codes.h"
#include "store/copy.h"
#include "store/pg_url.h"

namespace meter {

CLI::App* CopyCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "copy", context.Translate("Copy a whole installation into an empty database"));
  cmd->add_option("--from", from_,
                  context.Translate("The database to copy: sqlite:PATH or postgresql://…"))
      ->required();
  cmd->add_option("--to", to_,
                  context.Translate("The empty database to fill: sqlite:PATH or postgresql://…"))
      ->required();
  return cmd;
}

int CopyCommand::Run(const Context& context) {
  auto copied = CopyDatabase(from_, to_);
  if (!copied) return context.Fail(copied.error());
  for (const auto& [table, rows] : copied.value().tables) {
    context.out << "  " << table << ": " << rows << '\n';
  }
  const long rows = static_cast<long>(copied.value().rows());
  context.out << Substitute(
                     context.TranslateN("copied {1} row from {2} to {3}",
                                        "copied {1} rows from {2} to {3}", rows),
                     {std::to_string(rows), RedactDatabaseUrl(from_), RedactDatabaseUrl(to_)})
              << '\n';
  return kExitOk;
}

}  // namespace meter
