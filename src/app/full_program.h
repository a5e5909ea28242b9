// Handing a command line to the full `meter` program (`meter-full`: every command, the database,
// the web server and the reports) from the small one that runs only the offline commands
// (lean_main.cpp).
//
// The full program is looked for beside the running executable (/proc/self/exe, or argv[0] as the
// shell found it where /proc is not mounted, as in a bare chroot): `meter-full` in
// the same folder (a build tree), then `../lib/meter/meter-full` (installed: /usr/bin/meter and
// /usr/lib/meter/meter-full). It replaces this process with execv(), so the process id, standard
// streams, environment, signals and exit code are the full program's own: systemd's
// `ExecStart=/usr/bin/meter serve` watches the server itself.
#pragma once

#include "core/problem.h"

namespace meter {

// Replaces this process with the full program, given `argv` unchanged (argv[0] as the user typed
// it: `ps` and `pidof meter` show what was run, and the full program never reads argv[0]).
// Returns only on failure: kUnavailable, placed at the path that could not be run (or at the first
// place looked when neither exists), with the reason.
Error ExecFullProgram(char** argv);

}  // namespace meter
