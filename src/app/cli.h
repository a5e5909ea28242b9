// The `meter` command line: parses argv, picks the subcommand and runs it. Used by main() and, in
// process, by the tests. Never throws; returns the exit code (exit_codes.h).
#pragma once

#include <iosfwd>

namespace meter {

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace meter
