#include "serve_process.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server_fixture.h"

namespace meter::testing {

ServeProcess::ServeProcess() {
  char pattern[] = "/tmp/meter-serve-XXXXXX";
  dir_ = ::mkdtemp(pattern);
  db_url_ = "sqlite:" + dir_ + "/meter.db";
}

ServeProcess::~ServeProcess() {
  Stop();
  std::filesystem::remove_all(dir_);
}

void ServeProcess::AddAdmin(const std::string& email, const std::string& password) {
  std::string out;
  if (RunMeter("user add --db " + db_url_ + " --email " + email + " --role admin", password + "\n",
               out) != 0)
    std::fprintf(stderr, "user add failed: %s\n", out.c_str());
}

bool ServeProcess::Start(const std::vector<std::string>& extra_args,
                         unsigned long descriptor_limit) {
  port_ = FreePort();
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  std::vector<const char*> argv = {METER_BINARY,    "serve",    "--db",
                                   db_url_.c_str(), "--listen", listen.c_str()};
  for (const std::string& arg : extra_args) argv.push_back(arg.c_str());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    const std::string log = dir_ + "/server.log";
    std::freopen(log.c_str(), "a", stdout);
    std::freopen(log.c_str(), "a", stderr);
    const rlimit limit{descriptor_limit, descriptor_limit};
    if (descriptor_limit > 0 && ::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::_exit(126);
    if (::chdir(METER_SOURCE_DIR) != 0) ::_exit(127);
    ::execv(METER_BINARY, const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  return WaitUntilReady(pid_, 300,
                        [&] { return log().find("METER is running") != std::string::npos; });
}

void ServeProcess::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = 0;
}

std::string ServeProcess::log() const {
  std::ifstream in(dir_ + "/server.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace meter::testing
