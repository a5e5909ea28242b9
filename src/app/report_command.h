// `meter report --round ID --out FILE [--db URL] [--content DIR]`: writes the country report of a
// round (report/country_report.h) as PDF, in the language of --lang.
//
// The file is written whole or not at all (a temporary file beside it, then renamed), so a failure
// never leaves a partial report. Fails with exit 4 naming the round when the database has no such
// round, 3 naming the path when the file cannot be written or the database cannot be opened, and
// 3 when the round's instrument is not among the bundled instruments.
#pragma once

#include <string>

#include "app/command.h"
#include "app/installation.h"

namespace meter {

class ReportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  InstallationPaths paths_;
  Id round_ = 0;
  std::string out_;
};

}  // namespace meter
