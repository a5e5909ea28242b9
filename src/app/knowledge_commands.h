// `meter knowledge export [--format markdown|json|csv] [--out DIR] [--output FILE] [--db URL]`
// and `meter knowledge validate [--content DIR]`.
//
// export writes the approved entries of the database (from files and made in the web; drafts and
// entries in review are left out) to DIR/<slug>.md in the format of content/knowledge/
// (FormatKnowledgeEntry), each file atomically (a reader never sees half a file; a failed write
// leaves the old file). It creates DIR if needed and leaves other files there alone. With
// --format json or csv it writes them as one data file with their licence stated
// (report/knowledge_export.h) to FILE, atomically, or to standard output. Exit 0, 2 when markdown
// has no --out, 3 when the database or a file cannot be used (the files already written stay).
//
// validate checks every file of content/knowledge/ against the bundled instruments and countries
// and prints every problem as file:line:column; exit 0 when all are valid, 2 otherwise. (`meter
// serve` leaves a bad file out and carries on; this is the strict check for CI and editors.)
#pragma once

#include <string>

#include "app/command.h"
#include "app/data_paths.h"

namespace meter {

class KnowledgeExportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
  std::string format_ = "markdown";
  std::string out_;
  std::string output_;
};

class KnowledgeValidateCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string content_ = DataPath("content", "content");
};

}  // namespace meter
