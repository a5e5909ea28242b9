#include "app/instrument_export_command.h"

#include <ostream>

#include "app/exit_codes.h"
#include "app/files.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* InstrumentExportCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "export", context.Translate("Write an instrument version from the database as YAML"));
  cmd->add_option("--version", version_, context.Translate("The instrument version (\"2.0\")"))
      ->required();
  cmd->add_option("--instrument", instrument_,
                  context.Translate("The instrument's ID (default: meter)"));
  cmd->add_option("--db", paths_.db_url,
                  context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--output", output_,
                  context.Translate("The file to write (default: standard output)"));
  return cmd;
}

int InstrumentExportCommand::Run(const Context& context) {
  auto store = OpenStore(paths_.db_url, StoreOptions{1});
  if (!store) return context.Fail(store.error());
  auto version = store.value()->GetInstrumentVersion(instrument_, version_);
  if (!version && version.error().code == ErrorCode::kNotFound) {
    return context.Fail(Error::Of(ErrorCode::kNotFound, "--version",
                                  METER_N("the database has no instrument {1} {2}"),
                                  {instrument_, version_}));
  }
  if (!version) return context.Fail(version.error());
  if (output_.empty()) {
    context.out << version.value().yaml;
    return kExitOk;
  }
  auto written = WriteFileAtomically(output_, version.value().yaml);
  if (!written) return context.Fail(written.error());
  return kExitOk;
}

}  // namespace meter
