// The root of the `meter` command line, shared by both programs that answer it: the full one
// (cli.h, every command) and the small one for the offline commands (lean_main.cpp). Both set up
// the same root options, translations, configuration layer and error handling here, and differ
// only in the commands they register, so that a command parses and runs the same in either.
//
// Not thread-safe: used once per process. Never throws.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/command.h"
#include "app/config_command.h"

namespace meter {

// The commands one program offers, as they are registered. Owned by RunCommandLine for one run.
class CommandRegistry {
 public:
  // Adds `command`'s subcommand under `parent`, described in the context's language; returns it.
  CLI::App* Add(CLI::App& parent, std::unique_ptr<Command> command, const Context& context);
  // The command whose subcommand the command line selected; null when none.
  Command* Selected() const;
  // The FILE argument of `meter config check`, when the program registers that command: it names
  // the configuration to read before any other. Borrowed from the command; may stay null.
  const std::string* checked_config = nullptr;

 private:
  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands_;
};

// Adds a program's commands under `root`. `config` lives as long as the run.
using RegisterCommands = void (*)(CLI::App& root, const Context& context, ConfigState& config,
                                  CommandRegistry& registry);

// What a program does with a command line its commands cannot parse (CLI11 refused it, or a
// required option is missing after the configuration is applied).
enum class OnParseError {
  kReport,   // print the translated message, exit 64 (the full program)
  kDecline,  // print nothing and return nullopt: the caller hands the line to the full program
};

// Parses argv against the root options and the commands `register_commands` adds, applies the
// configuration file and the environment (config_file.h), and runs the selected command. Returns
// the exit code (exit_codes.h), or nullopt when declined (see OnParseError). `version_line` is
// what --version prints.
std::optional<int> RunCommandLine(int argc, const char* const* argv, std::ostream& out,
                                  std::ostream& err, const std::string& version_line,
                                  RegisterCommands register_commands, OnParseError on_error);

// The configuration file the command line reads: `checked` (config check's FILE), else --config's
// `option`, else METER_CONFIG, else /etc/meter/meter.yaml when it exists; empty for none.
std::string ConfigFileToRead(const std::string& checked, const std::string& option);

// The user's language for messages: --lang on the command line, else the environment's (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG), else "en".
std::string LanguageOfCommandLine(int argc, const char* const* argv);

}  // namespace meter
