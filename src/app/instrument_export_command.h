// `meter instrument export --version V [--instrument ID] [--db URL] [--output FILE]`: one version
// of an instrument as the database holds it, drafts included, in the YAML of
// docs/instrument-format.md, which `meter instrument check` accepts and which loads to the same
// instrument. This is how a version made through the expert channel becomes a file of
// content/instruments/ (METER 3.0 was exported this way).
//
// Reads only the database; writes only FILE (whole, or not at all), or standard output. Fails with
// exit 4 naming --version when the database has no such version, 3 when it cannot be read.
#pragma once

#include <string>

#include "app/command.h"
#include "app/installation.h"

namespace meter {

class InstrumentExportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  InstallationPaths paths_;
  std::string instrument_ = "meter";
  std::string version_;
  std::string output_;
};

}  // namespace meter
