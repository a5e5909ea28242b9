// `meter score --instrument FILE --answers FILE.csv [--groups FILE] [--format table|json|csv]`:
// scores every unit and prints it. All or nothing: on any bad input it prints the problems, writes
// nothing to standard output and exits 2.
#pragma once

#include <optional>
#include <string>

#include "app/command.h"

namespace meter {

class ScoreCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string instrument_;
  std::string answers_;
  std::optional<std::string> groups_;
  std::string format_ = "table";
};

}  // namespace meter
