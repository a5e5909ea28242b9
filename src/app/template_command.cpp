#include "app/template_command.h"

#include <ostream>

#include "app/exit_codes.h"
#include "app/files.h"
#include "app/loading.h"
#include "core/csv.h"

namespace meter {

CLI::App* TemplateCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "template", context.Translate("Write a blank answers CSV for an instrument"));
  cmd->add_option("--instrument", instrument_, context.Translate("Instrument YAML file"))
      ->required();
  cmd->add_option("--out", out_, context.Translate("Write here instead of to standard output"));
  cmd->add_option("--respondent", respondent_,
                  context.Translate("Fill the respondent column with this ID"));
  cmd->add_option("--group", group_, context.Translate("Fill the group column with this group"));
  return cmd;
}

int TemplateCommand::Run(const Context& context) {
  auto loaded = LoadInstrumentFile(instrument_);
  if (!loaded) return context.Fail(loaded.error());
  const Instrument& in = loaded.value();
  std::string csv = "respondent,group,statement,answer,comment,statement_text\n";
  const std::string who = CsvField(respondent_) + "," + CsvField(group_) + ",";
  for (const StatementPlace& place : in.statements()) {
    csv += who + place.statement->id + ",,," + CsvField(place.statement->text.Get(context.lang)) +
           "\n";
  }
  if (out_.empty()) {
    context.out << csv;
    return kExitOk;
  }
  auto written = WriteFileAtomically(out_, csv);
  return written ? kExitOk : context.Fail(written.error());
}

}  // namespace meter
