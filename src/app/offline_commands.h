// The commands that read and write only files: `meter score`, `meter template` and `meter
// instrument validate|show|po-export|po-import|diff`. Both programs register them with these
// functions (cli.cpp, lean_main.cpp), so that their options are declared once.
//
// The small `meter` program runs a command line itself only when IsOfflineCommandLine says so;
// every other line goes to the full program, which parses it as it always has.
#pragma once

#include <string>
#include <vector>

#include "app/command_line.h"

namespace meter {

// Adds `instrument` under `root` with its file-only subcommands; returns it, for the full program
// to add the ones that read the database.
CLI::App* AddInstrumentFileCommands(CLI::App& root, const Context& context,
                                    CommandRegistry& registry);

// Adds `template` and `score` under `root`.
void AddAnswersFileCommands(CLI::App& root, const Context& context, CommandRegistry& registry);

// The small program's commands: the two functions above, nothing else.
void RegisterOfflineCommands(CLI::App& root, const Context& context, ConfigState& config,
                             CommandRegistry& registry);

// True when argv names one of the offline commands first (`score …`, `template …`, `instrument
// validate …` and the other file-only `instrument` subcommands) and asks for nothing that only
// the full program answers: no --version (the version line names the database schema) and no
// --config (the file is checked against every command's options). Options before the command
// make it false too. Looks at argv only; the caller checks for a configuration file.
bool IsOfflineCommandLine(int argc, const char* const* argv);

// The offline commands' paths ("score", "instrument diff"), as IsOfflineCommandLine knows them: a
// test checks that they are exactly what RegisterOfflineCommands adds.
const std::vector<std::string>& OfflineCommandPaths();

}  // namespace meter
