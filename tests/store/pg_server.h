// A throwaway PostgreSQL 15 server for the tests that need one (the store contract suite on
// PostgreSQL, `meter migrate`): initdb in a new temporary directory, pg_ctl start with fsync off,
// listening on a unix socket in that directory and on 127.0.0.1 at a free port, one fresh database
// per test. As root (CI), initdb and postgres refuse to run, so they run as the `postgres` system
// user (runuser) in a directory handed to it; otherwise as the current user.
//
// The server starts on first use, so that test processes that never touch PostgreSQL (ctest runs
// most tests one per process) do not pay for it; a gtest global Environment stops it and removes
// its directory after the last test. A crashed test process cannot do that: the next start stops
// and removes servers whose owning process is gone.
//
// When the server cannot start, running() is false and failure() says which step failed, with its
// output and the server's log: a test that needs the server fails with it (never skips).
//
// Not thread-safe: call from the test's thread. The binaries are in /usr/lib/postgresql/15/bin
// (the Debian package `postgresql`), or in $METER_PG_BINDIR.
#pragma once

#include <string>
#include <vector>

#include "core/problem.h"

namespace meter::testing {

class PgServer {
 public:
  // The password of the superuser `meter` over TCP (the unix socket needs none). It holds every
  // character that a URL or a libpq keyword/value string treats specially.
  static constexpr const char* kPassword = "p@ss:w/rd?&=#% 'q'\\\"x\xC3\xA9";

  // This process's server, started by the first call.
  static PgServer& Get();
  // Stops and removes the server if it was started (the global Environment's TearDown).
  static void Shutdown();

  bool running() const { return running_; }
  const std::string& failure() const { return failure_; }
  int port() const { return port_; }
  const std::string& socket_dir() const { return dir_; }

  // Creates a new, empty database and returns its name; "" after ADD_FAILURE when it cannot.
  std::string CreateDatabase();
  // Drops the database, closing its connections first.
  void DropDatabase(const std::string& name);
  // URLs of a database: over the unix socket without a password, over TCP with kPassword.
  std::string SocketUrl(const std::string& name) const;
  std::string TcpUrl(const std::string& name) const;
  // Runs one SQL command in `database`; returns the first column of the first row ("" when
  // there is none), or kUnavailable with the server's message.
  Result<std::string> Query(const std::string& database, const std::string& sql) const;

  // An outage: Stop stops the server but keeps its data; Restart starts it again on the same port
  // after a Stop (else it does nothing). Both ADD_FAILURE and return false when they fail.
  bool Stop();
  bool Restart();

 private:
  PgServer() = default;
  bool Init();
  bool StartOnce();
  // Runs a PostgreSQL program (as `postgres` when root); its output goes to `output`.
  int RunProgram(const std::string& program, const std::vector<std::string>& args,
                 std::string* output) const;
  bool Fail(const std::string& step, const std::string& output);
  void Remove();

  bool running_ = false;
  bool stopped_ = false;  // by Stop(), for Restart()
  std::string failure_;
  std::string dir_;  // the temporary directory: data/, server.log, the socket
  int port_ = 0;
  int databases_ = 0;
};

}  // namespace meter::testing
