// The `meter` executable: the offline commands (offline_commands.h) run here, in a program that
// loads only core, i18n and the text formats, so that `meter score` starts in a few milliseconds
// instead of the full program's ~20 ms of dynamic loading (docs/performance.md). Every other
// command line is handed, unchanged, to the full program (full_program.h). docs/cli.md.
#include <iostream>

#include "app/command_line.h"
#include "app/full_program.h"
#include "app/offline_commands.h"
#include "i18n/i18n.h"

namespace {

// Replaces this process with the full program; returns only when that fails, with its exit code.
int HandOver(int argc, char** argv) {
  const meter::Error error = meter::ExecFullProgram(argv);
  const std::string lang = meter::LanguageOfCommandLine(argc, argv);
  const meter::Catalogs catalogs(meter::LocaleDirectory());
  const meter::Context context{std::cout, std::cerr, lang, catalogs.For(lang)};
  return context.Fail(error);
}

}  // namespace

int main(int argc, char** argv) {
  // A configuration file is checked against every command's options, which only the full program
  // has; so is the version line's schema number.
  if (!meter::IsOfflineCommandLine(argc, argv) || !meter::ConfigFileToRead("", "").empty()) {
    return HandOver(argc, argv);
  }
  // The offline commands have no --version, so the version line is never printed here.
  const std::optional<int> code =
      meter::RunCommandLine(argc, argv, std::cout, std::cerr, "", meter::RegisterOfflineCommands,
                            meter::OnParseError::kDecline);
  return code ? *code : HandOver(argc, argv);
}
