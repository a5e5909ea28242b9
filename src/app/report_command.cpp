#include "app/report_command.h"

#include <ostream>
#include <vector>

#include "app/exit_codes.h"
#include "app/files.h"
#include "app/round_outputs.h"
#include "core/benchmarks.h"
#include "core/round_dossier.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* ReportCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "report", context.Translate("Write the country report of a round as PDF"));
  cmd->add_option("--round", round_, context.Translate("The round's ID"))->required();
  cmd->add_option("--out", out_, context.Translate("The PDF file to write"))->required();
  cmd->add_option("--db", paths_.db_url,
                  context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--content", paths_.content_dir, context.Translate("The content folder"));
  return cmd;
}

int ReportCommand::Run(const Context& context) {
  Installation inst;
  paths_.demo_country = true;  // so that the demo round's report names its fictional country
  auto content = Installation::LoadContent(paths_, inst);
  if (!content) return context.Fail(content.error());
  auto store = OpenStore(paths_.db_url, StoreOptions{1});
  if (!store) return context.Fail(store.error());
  auto round = store.value()->GetRound(round_);
  if (!round) {
    if (round.error().code != ErrorCode::kNotFound) return context.Fail(round.error());
    return context.Fail(Error::Of(ErrorCode::kNotFound, "--round", METER_N("there is no round {1}"),
                                  {std::to_string(round_)}));
  }
  auto dossier = ReadRoundDossier(*store.value(), inst.instruments, round.value());
  if (!dossier) return context.Fail(dossier.error());

  const Country* country = inst.countries.Find(round.value().country);
  // The averages of the published rounds; with fewer than three in every group the report's
  // benchmarks section says why there are none.
  auto published = store.value()->ListPublished();
  if (!published) return context.Fail(published.error());
  std::vector<BenchmarkGroup> benchmarks =
      Benchmarks(round.value().country, inst.countries, published.value());
  NameGroupsIn(benchmarks, inst.countries, context.lang);
  const CountryReportOptions options =
      ReportOptionsFor(dossier.value(), country, benchmarks, context.locale, context.lang);
  auto pdf = CountryReportPdf(dossier.value(), options);
  if (!pdf) return context.Fail(pdf.error());
  auto written = WriteFileAtomically(out_, pdf.value());
  if (!written) return context.Fail(written.error());
  context.out << Substitute(context.Translate("wrote the report of round {1} to {2}"),
                            {std::to_string(round_), out_})
              << '\n';
  return kExitOk;
}

}  // namespace meter
