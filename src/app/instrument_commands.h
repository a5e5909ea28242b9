// `meter instrument validate FILE…`, `meter instrument show FILE [--pillar ID]`, the translators'
// pair `meter instrument po-export --lang L FILE` / `po-import FILE CATALOG.po`
// (core/instrument_po.h), and `meter instrument diff A B` (core/instrument_diff.h).
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

// Prints the gettext catalog of one language of an instrument on standard output.
class InstrumentPoExportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string file_;
  std::string lang_;
};

// Applies a translated catalog to an instrument file and rewrites the file in the canonical layout
// (core/instrument_writer.h), atomically. Bad input (exit 2): every problem at "file:line", and
// the instrument file is not touched. A catalog that changes nothing leaves the file as it was.
class InstrumentPoImportCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string file_;
  std::string catalog_;
};

// Prints what changed from one instrument file to another, as text or JSON. Both files are
// validated first: a bad one fails as `validate` does (exit 2, every problem at "file:line:column";
// 3 when a file cannot be read), with nothing on standard output. Differences are the result, not a
// failure: exit 0 whether or not there are any (docs/cli.md says why).
class InstrumentDiffCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string from_;
  std::string to_;
  std::string format_ = "text";
};

}  // namespace meter
