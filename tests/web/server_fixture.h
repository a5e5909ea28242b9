// A real `meter serve` for the integration tests: a fresh SQLite file in a temporary folder, users
// added with `meter user add`, the server started on a free port and stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "http_client.h"

namespace meter::testing {

class MeterServer {
 public:
  // On a fresh SQLite file in a temporary folder, or on `db_url` (a PostgreSQL database, say).
  explicit MeterServer(const std::string& db_url = "");
  ~MeterServer();

  // Before Start(): adds a user through the CLI.
  void AddUser(const std::string& email, const std::string& role, const std::string& password,
               const std::vector<std::string>& countries = {});
  // Starts the server and waits until it listens; false (with the log in `log()`) when it did not.
  bool Start();
  void Stop();
  // Ends the server with SIGKILL, as a crash or a power cut would: no shutdown code runs.
  void Kill();
  // Runs a statement on the database with the sqlite3 command (to age a token, say).
  void Sql(const std::string& statement);

  // More `meter serve` options, set before Start() (issue 11, item 4: "--threads", "8").
  std::vector<std::string> serve_args;

  int port() const { return port_; }
  const std::string& db_url() const { return db_url_; }
  const std::string& dir() const { return dir_; }
  std::string log() const;

 private:
  std::string dir_;
  std::string db_url_;
  int port_ = 0;
  pid_t pid_ = 0;
};

// A TCP port on 127.0.0.1 that is free now.
int FreePort();

// Waits for a started child process until `ready()` (checked every 50 ms, `tries` times): true
// then; false when it did not come or the child exited (`pid` is then set to 0).
bool WaitUntilReady(pid_t& pid, int tries, const std::function<bool()>& ready);

// Signs `client` in through the login form; returns the final status (303 on success).
int SignIn(HttpClient& client, const std::string& email, const std::string& password);

// Runs the meter binary with `args` (and `input` on standard input); returns the exit code and puts
// standard output in `out`.
int RunMeter(const std::string& args, const std::string& input, std::string& out);

}  // namespace meter::testing
