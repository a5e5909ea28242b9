// Private to store/: runs the PostgreSQL client programs (pg_dump, pg_restore, psql) for backups
// and restores, without a shell, with the database password in PGPASSWORD (never on a command
// line, where `ps` shows it).
//
// Each function waits for its programs to end. A program that cannot be started exits 127, as a
// shell would say. What the programs print on standard error reaches the operator unless the
// function says otherwise.
#pragma once

#include <string>
#include <vector>

namespace meter::sql {

// A program and its arguments (argv[0] is looked up on the PATH).
using Command = std::vector<std::string>;

// Runs `command`; its standard output goes to `stdout_fd` when it is not -1. Its exit status (0
// for success; 128 + the signal when one ended it).
int RunProgram(const Command& command, const std::string& password, int stdout_fd = -1);

// Runs `command` with its standard output and error both read into `output`. Its exit status.
int CaptureProgram(const Command& command, const std::string& password, std::string& output);

// Runs `first | second` with this process in between: `second` reads `head`, then everything
// `first` writes, then `tail` only when `first` exited 0 — so that a script that opens a
// transaction in `head` and commits it in `tail` commits nothing of a half-written output (psql
// rolls back a transaction left open at the end of its input). `first`'s exit status when it
// failed, else `second`'s.
int RunThrough(const Command& first, const Command& second, const std::string& password,
               const std::string& head, const std::string& tail);

}  // namespace meter::sql
