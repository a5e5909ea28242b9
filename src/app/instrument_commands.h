// `meter instrument validate FILE…` and `meter instrument show FILE [--pillar ID]`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/command.h"

namespace meter {

// Validates each file and prints every problem; exit 0 when all are valid, 2 otherwise (3 when a
// file cannot be read).
class InstrumentValidateCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::vector<std::string> files_;
};

// Prints the pillar → sub-area → statement tree with counts, in the context's language.
class InstrumentShowCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string file_;
  std::string pillar_;
};

}  // namespace meter
