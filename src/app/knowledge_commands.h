// `meter knowledge export --out DIR [--db URL]` and `meter knowledge validate [--content DIR]`.
//
// export writes every entry of the database (from files and made in the web) to DIR/<slug>.md in
// the format of content/knowledge/ (FormatKnowledgeEntry), each file atomically (a reader never
// sees half a file; a failed write leaves the old file). It creates DIR if needed and leaves other
// files there alone. Exit 0, 3 when the database or a file cannot be used (the files already
// written stay).
//
// validate checks every file of content/knowledge/ against the bundled instruments and countries
// and prints every problem as file:line:column; exit 0 when all are valid, 2 otherwise. (`meter
// serve` leaves a bad file out and carries on; this is the strict check for CI and editors.)
#pragma once

#include <string>

#include "app/command.h"

namespace meter {

class KnowledgeExportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
  std::string out_;
};

class KnowledgeValidateCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string content_ = "content";
};

}  // namespace meter
