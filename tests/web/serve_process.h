// A `meter serve` started with extra options and, optionally, a low file descriptor limit: for the
// tests of the server's own limits (issue 11), which MeterServer's fixed command line cannot start.
// A fresh SQLite file in a temporary folder; stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace meter::testing {

class ServeProcess {
 public:
  ServeProcess();
  ~ServeProcess();
  // Before Start(): adds an admin through the CLI.
  void AddAdmin(const std::string& email, const std::string& password);
  // Starts `meter serve` with `extra_args`, under RLIMIT_NOFILE `descriptor_limit` (soft and hard;
  // 0: inherited), and waits until it listens; false (with the log in log()) when it did not.
  bool Start(const std::vector<std::string>& extra_args, unsigned long descriptor_limit = 0);
  void Stop();
  std::string log() const;
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  std::string dir_, db_url_;
  int port_ = 0;
  pid_t pid_ = 0;
};

}  // namespace meter::testing
