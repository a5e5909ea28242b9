#include "app/cli.h"

#include <memory>

#include "app/backup_commands.h"
#include "app/command_line.h"
#include "app/config_command.h"
#include "app/copy_command.h"
#include "app/egdi_command.h"
#include "app/instrument_export_command.h"
#include "app/instrument_stats_command.h"
#include "app/knowledge_commands.h"
#include "app/migrate_command.h"
#include "app/offline_commands.h"
#include "app/report_command.h"
#include "app/serve_command.h"
#include "app/user_admin_commands.h"
#include "app/user_commands.h"
#include "app/version.h"

namespace meter {
namespace {

// Every command, in the order `meter --help` lists them.
void RegisterAllCommands(CLI::App& app, const Context& context, ConfigState& config,
                         CommandRegistry& registry) {
  auto add = [&](CLI::App& parent, std::unique_ptr<Command> command) {
    registry.Add(parent, std::move(command), context);
  };
  CLI::App* instrument = AddInstrumentFileCommands(app, context, registry);
  add(*instrument, std::make_unique<InstrumentStatsCommand>());
  add(*instrument, std::make_unique<InstrumentExportCommand>());
  AddAnswersFileCommands(app, context, registry);
  add(app, std::make_unique<ServeCommand>());
  add(app, std::make_unique<MigrateCommand>());
  add(app, std::make_unique<ReportCommand>());
  add(app, std::make_unique<BackupCommand>());
  add(app, std::make_unique<RestoreCommand>());
  add(app, std::make_unique<CopyCommand>());
  CLI::App* user = app.add_subcommand("user", context.Translate("Manage users"));
  user->require_subcommand(1);
  add(*user, std::make_unique<UserAddCommand>());
  add(*user, std::make_unique<UserPasswdCommand>());
  add(*user, std::make_unique<UserListCommand>());
  add(*user, std::make_unique<UserDisableCommand>(true));
  add(*user, std::make_unique<UserDisableCommand>(false));
  CLI::App* knowledge =
      app.add_subcommand("knowledge", context.Translate("Work with the knowledge base"));
  knowledge->require_subcommand(1);
  add(*knowledge, std::make_unique<KnowledgeExportCommand>());
  add(*knowledge, std::make_unique<KnowledgeValidateCommand>());
  CLI::App* egdi = app.add_subcommand(
      "egdi", context.Translate("Work with the UN E-Government Survey's figures"));
  egdi->require_subcommand(1);
  add(*egdi, std::make_unique<EgdiImportCommand>());
  CLI::App* config_group =
      app.add_subcommand("config", context.Translate("Check METER's configuration"));
  config_group->require_subcommand(1);
  auto check = std::make_unique<ConfigCheckCommand>(config);
  registry.checked_config = &check->file();
  add(*config_group, std::move(check));
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return *RunCommandLine(argc, argv, out, err, VersionLine(), RegisterAllCommands,
                         OnParseError::kReport);
}

}  // namespace meter
