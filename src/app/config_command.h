// `meter config check [FILE]`: checks a configuration file (config_file.h) against every command's
// options, reporting each problem as `file:line: problem` (exit 2), and prints the configuration
// `meter serve` and the file's other sections will run with: every key, its value (secrets
// masked) and where it came from. Without FILE it checks the file `meter` would read (--config,
// METER_CONFIG or /etc/meter/meter.yaml). The checking itself is done by RunCli before any command
// runs, so this command only reports.
#pragma once

#include <string>

#include "app/command.h"
#include "app/config_file.h"

namespace meter {

// What RunCli found before running the command: the commands, and the file read (if any).
struct ConfigState {
  const CLI::App* root = nullptr;
  ConfigFile file;
  Getenv getenv;
};

class ConfigCheckCommand : public Command {
 public:
  explicit ConfigCheckCommand(const ConfigState& state) : state_(state) {}
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;
  // The FILE argument; empty when not given.
  const std::string& file() const { return file_; }

 private:
  const ConfigState& state_;
  std::string file_;
};

}  // namespace meter
