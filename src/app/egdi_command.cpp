#include "app/egdi_command.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "app/egdi_files.h"
#include "app/exit_codes.h"
#include "app/installation.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* EgdiImportCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "import", context.Translate("Import one year of the UN E-Government Survey's figures "
                                  "(EGDI and its indices) from a CSV file"));
  cmd->add_option("file", file_, context.Translate("The survey's CSV file of that year"))
      ->required();
  cmd->add_option("--year", year_, context.Translate("The survey year the file holds"))
      ->required()
      ->check(CLI::Range(kFirstEgdiYear, kLastEgdiYear));
  cmd->add_flag("--replace", replace_,
                context.Translate("Replace the figures of a year already held"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--content", content_, context.Translate("The content folder"));
  return cmd;
}

int EgdiImportCommand::Run(const Context& context) {
  Installation inst;
  InstallationPaths paths;
  paths.content_dir = content_;
  auto loaded = Installation::LoadContent(paths, inst);
  if (!loaded) return context.Fail(loaded.error());
  auto store = OpenStore(db_);
  if (!store) return context.Fail(store.error());
  auto held = store.value()->EgdiYears();
  if (!held) return context.Fail(held.error());
  const bool is_held =
      std::find(held.value().begin(), held.value().end(), year_) != held.value().end();
  auto refusals = EgdiImportRefusals(std::filesystem::path(file_).filename().string(), year_,
                                     is_held, replace_, "--year");
  if (!refusals.empty()) return context.Fail(Error{ErrorCode::kInvalidInput, std::move(refusals)});
  auto imported = ImportEgdiFile(file_, year_, inst.countries, *store.value(), "cli");
  if (!imported) return context.Fail(imported.error());
  const long count = static_cast<long>(imported.value());
  context.out << Substitute(context.TranslateN("imported the survey of {1}: {2} country",
                                               "imported the survey of {1}: {2} countries", count),
                            {std::to_string(year_), std::to_string(count)})
              << '\n';
  return kExitOk;
}

}  // namespace meter
