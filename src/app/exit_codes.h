// The exit codes of the `meter` command (docs/cli.md), in one place.
#pragma once

#include "core/problem.h"

namespace meter {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;      // a bug: please report it
inline constexpr int kExitInvalidInput = 2;  // an input file is wrong; the messages say where
inline constexpr int kExitUnavailable = 3;   // a file could not be read or written
inline constexpr int kExitNotFound = 4;      // a named thing (a pillar, a language) does not exist
inline constexpr int kExitConflict = 5;      // the request contradicts the current state
inline constexpr int kExitUsage = 64;        // the command line itself is wrong

int ExitCodeFor(ErrorCode code);

}  // namespace meter
