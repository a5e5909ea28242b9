#include "app/instrument_stats_command.h"

#include <ostream>
#include <vector>

#include "app/exit_codes.h"
#include "core/item_statistics.h"
#include "core/round_dossier.h"
#include "report/item_statistics_formats.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* InstrumentStatsCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "stats",
      context.Translate("Item statistics of an instrument version over its published rounds"));
  cmd->add_option("--version", version_, context.Translate("The instrument version (\"2.0\")"))
      ->required();
  cmd->add_option("--instrument", instrument_,
                  context.Translate("The instrument's ID (default: meter)"));
  cmd->add_option("--format", format_, context.Translate("table, json or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--db", paths_.db_url,
                  context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--content", paths_.content_dir, context.Translate("The content folder"));
  return cmd;
}

int InstrumentStatsCommand::Run(const Context& context) {
  Installation inst;
  auto content = Installation::LoadContent(paths_, inst);
  if (!content) return context.Fail(content.error());
  const Instrument* instrument = inst.instruments.Find(instrument_, version_);
  if (!instrument) {
    return context.Fail(Error::Of(ErrorCode::kNotFound, "--version",
                                  METER_N("the installation has no instrument {1} {2}"),
                                  {instrument_, version_}));
  }
  auto store = OpenStore(paths_.db_url, StoreOptions{1});
  if (!store) return context.Fail(store.error());
  auto rounds = PublishedRoundsOf(*store.value(), *instrument);
  if (!rounds) return context.Fail(rounds.error());
  auto read = ReadItemStatistics(*store.value(), *instrument, rounds.value());
  if (!read) return context.Fail(read.error());
  const ItemStatistics& stats = read.value();
  if (format_ == "json") {
    context.out << ItemStatisticsAsJson(*instrument, stats);
  } else if (format_ == "csv") {
    context.out << ItemStatisticsAsCsv(*instrument, stats);
  } else {
    context.out << ItemStatisticsAsTable(*instrument, stats, context.locale, context.lang);
  }
  return kExitOk;
}

}  // namespace meter
