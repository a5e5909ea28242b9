#include "app/score_command.h"

#include <ostream>

#include "app/exit_codes.h"
#include "app/loading.h"
#include "core/scoring.h"
#include "report/score_formats.h"

namespace meter {

CLI::App* ScoreCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "score", context.Translate("Score an answers CSV against an instrument"));
  cmd->add_option("--instrument", instrument_, context.Translate("Instrument YAML file"))
      ->required();
  cmd->add_option("--answers", answers_, context.Translate("Answers CSV file"))->required();
  cmd->add_option("--groups", groups_, context.Translate("Groups CSV file (group,weight)"));
  cmd->add_option("--format", format_, context.Translate("table, json or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  return cmd;
}

int ScoreCommand::Run(const Context& context) {
  auto instrument = LoadInstrumentFile(instrument_);
  if (!instrument) return context.Fail(instrument.error());
  auto scored = ScoreAnswersFile(answers_, instrument.value(), groups_);
  if (!scored) return context.Fail(scored.error());
  const ScoreReport& report = scored.value();
  if (format_ == "json") {
    context.out << ScoresAsJson(instrument.value(), report);
  } else if (format_ == "csv") {
    context.out << ScoresAsCsv(instrument.value(), report);
  } else {
    context.out << ScoresAsTable(instrument.value(), report, context.locale, context.lang);
  }
  return context.out.good() ? kExitOk : kExitUnavailable;
}

}  // namespace meter
