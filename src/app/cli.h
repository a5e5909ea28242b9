// The full `meter` command line (the `meter-full` program): every command, the database's among
// them, on the root that command_line.h sets up. Used by main() and, in process, by the tests.
// Never throws; returns the exit code (exit_codes.h).
#pragma once

#include <iosfwd>

namespace meter {

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace meter
