// `meter instrument stats --version V [--instrument ID] [--db URL] [--content DIR]
// [--format table|json|csv]`: the item statistics of an instrument version over the published
// rounds that used it (core/item_statistics.h, docs/methodology.md §13), for the experts.
//
// Reads only: nothing is written. Fails with exit 4 naming --version when the installation has no
// such instrument, 3 when the database cannot be opened or read, and 64 for an unknown --format.
// With no published round, every statistic is empty and the table says there were none.
#pragma once

#include <string>

#include "app/command.h"
#include "app/installation.h"

namespace meter {

class InstrumentStatsCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  InstallationPaths paths_;
  std::string instrument_ = "meter";
  std::string version_;
  std::string format_ = "table";
};

}  // namespace meter
