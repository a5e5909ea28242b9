// One `meter` subcommand: it declares its options on a CLI11 app and runs with the parsed values.
// Commands are created by RunCli for one invocation and borrow the Context while they run.
#pragma once

#include <CLI/CLI.hpp>

#include "app/context.h"

namespace meter {

class Command {
 public:
  virtual ~Command() = default;
  // Adds the subcommand and its options under `parent`, described in the context's language;
  // returns the subcommand.
  virtual CLI::App* Register(CLI::App& parent, const Context& context) = 0;
  // Runs after a successful parse. Returns the process exit code (exit_codes.h).
  virtual int Run(const Context& context) = 0;
};

}  // namespace meter
