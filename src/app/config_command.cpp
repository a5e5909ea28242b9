#include "app/config_command.h"

#include <ostream>
#include <set>

#include "app/exit_codes.h"
#include "i18n/i18n.h"

namespace meter {
namespace {

const CLI::App* Find(const CLI::App& root, const std::vector<std::string>& names) {
  const CLI::App* app = &root;
  for (const std::string& n : names) {
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : app->get_subcommands({})) {
      if (sub->get_name() == n) next = sub;
    }
    if (!next) return nullptr;
    app = next;
  }
  return app;
}

// The settings of one command as a YAML section with the source of each value as a comment.
void PrintSection(std::ostream& out, const CLI::App& command, const std::vector<std::string>& names,
                  const ConfigState& state) {
  std::string indent;
  for (const std::string& n : names) {
    out << indent << n << ":\n";
    indent += "  ";
  }
  for (const ConfigSetting& s : EffectiveSettings(command, names, state.file, state.getenv)) {
    out << indent << s.key << ": " << (s.value.empty() ? "\"\"" : s.value) << "  # " << s.source
        << '\n';
  }
}

}  // namespace

CLI::App* ConfigCheckCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "check", context.Translate("Check a configuration file and print the effective "
                                 "configuration, secrets masked"));
  cmd->add_option("file", file_,
                  context.Translate("The file to check (default: --config, METER_CONFIG or "
                                    "/etc/meter/meter.yaml)"));
  return cmd;
}

int ConfigCheckCommand::Run(const Context& context) {
  if (state_.file.path.empty()) {
    context.out << "# "
                << Substitute(context.Translate("no configuration file ({1} does not exist): "
                                                "defaults and the environment only"),
                              {kDefaultConfigFile})
                << '\n';
  } else {
    context.out << "# "
                << Substitute(context.Translate("{1}: no problems found"), {state_.file.path})
                << '\n';
  }
  std::set<std::vector<std::string>> sections{{"serve"}};
  for (const ConfigEntry& e : state_.file.entries) {
    if (!e.section.empty()) sections.insert(e.section);
  }
  for (const auto& names : sections) {
    const CLI::App* command = Find(*state_.root, names);
    if (command && command->get_options().size() > 1) {
      PrintSection(context.out, *command, names, state_);
    }
  }
  return kExitOk;
}

}  // namespace meter
