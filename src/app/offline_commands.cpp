#include "app/offline_commands.h"

#include <algorithm>
#include <string_view>

#include "app/instrument_commands.h"
#include "app/score_command.h"
#include "app/template_command.h"

namespace meter {

CLI::App* AddInstrumentFileCommands(CLI::App& root, const Context& context,
                                    CommandRegistry& registry) {
  CLI::App* instrument =
      root.add_subcommand("instrument", context.Translate("Work with instrument files"));
  instrument->require_subcommand(1);
  registry.Add(*instrument, std::make_unique<InstrumentValidateCommand>(), context);
  registry.Add(*instrument, std::make_unique<InstrumentShowCommand>(), context);
  registry.Add(*instrument, std::make_unique<InstrumentPoExportCommand>(), context);
  registry.Add(*instrument, std::make_unique<InstrumentPoImportCommand>(), context);
  registry.Add(*instrument, std::make_unique<InstrumentDiffCommand>(), context);
  return instrument;
}

void AddAnswersFileCommands(CLI::App& root, const Context& context, CommandRegistry& registry) {
  registry.Add(root, std::make_unique<TemplateCommand>(), context);
  registry.Add(root, std::make_unique<ScoreCommand>(), context);
}

void RegisterOfflineCommands(CLI::App& root, const Context& context, ConfigState& /*config*/,
                             CommandRegistry& registry) {
  AddInstrumentFileCommands(root, context, registry);
  AddAnswersFileCommands(root, context, registry);
}

const std::vector<std::string>& OfflineCommandPaths() {
  static const std::vector<std::string> paths{"instrument validate",
                                              "instrument show",
                                              "instrument po-export",
                                              "instrument po-import",
                                              "instrument diff",
                                              "template",
                                              "score"};
  return paths;
}

bool IsOfflineCommandLine(int argc, const char* const* argv) {
  if (argc < 2) return false;
  std::string path = argv[1];
  if (path == "instrument" && argc >= 3) path += std::string(" ") + argv[2];
  const auto& paths = OfflineCommandPaths();
  if (std::find(paths.begin(), paths.end(), path) == paths.end()) return false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--version" || arg == "--config" || arg.starts_with("--config=")) return false;
  }
  return true;
}

}  // namespace meter
