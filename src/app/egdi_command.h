// `meter egdi import FILE --year Y [--db URL] [--content DIR]` (issue 14): the UN E-Government
// Survey's file of one year into the database, replacing what it held for that year.
//
// The file is checked whole against the member states of DIR/countries.csv (core/egdi.h); every
// problem is printed as file:line: problem and nothing is imported while any remains. Exit 0 when
// the year was stored, 2 for a refused file, 3 when the file or the database cannot be used
// (exit_codes.h), 64 for a year that is not one (kFirstEgdiYear–kLastEgdiYear).
#pragma once

#include <string>

#include "app/command.h"
#include "app/data_paths.h"

namespace meter {

class EgdiImportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string file_;
  int year_ = 0;
  bool replace_ = false;  // the year may be held already: its figures are replaced
  std::string db_ = "sqlite:var/meter.db";
  std::string content_ = DataPath("content", "content");
};

}  // namespace meter
