#include "app/smtp_server.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace meter::testing {

namespace fs = std::filesystem;

SmtpServer::SmtpServer(Mode mode, int refusals, std::string login)
    : mode_(mode), refusals_(refusals), login_(std::move(login)) {
  char pattern[] = "/tmp/meter-smtp-XXXXXX";
  dir_ = mkdtemp(pattern) ? pattern : "";
}

SmtpServer::~SmtpServer() {
  Stop();
  if (!dir_.empty()) fs::remove_all(dir_);
}

bool SmtpServer::Start(int port) {
  int out[2];
  if (dir_.empty() || pipe(out) != 0) return false;
  const std::string script = std::string(METER_SOURCE_DIR) + "/tests/app/smtp_server.py";
  std::vector<std::string> args = {"/usr/bin/python3", script, dir_, "--port",
                                   std::to_string(port)};
  if (mode_ == Mode::kRefuseFirst) {
    args.insert(args.end(), {"--refuse-first", std::to_string(refusals_)});
  }
  if (mode_ == Mode::kReject) args.push_back("--reject");
  if (mode_ == Mode::kLogin) args.insert(args.end(), {"--login", login_});
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* from = fdopen(out[0], "r");
  char line[64] = "";
  const bool ready =
      from && fgets(line, sizeof line, from) && sscanf(line, "ready %d", &port_) == 1;
  if (from) fclose(from);
  if (!ready) Stop();
  return ready;
}

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

std::vector<nlohmann::json> SmtpServer::Received() const {
  std::vector<nlohmann::json> out;
  for (int n = 1;; ++n) {
    char name[16];
    std::snprintf(name, sizeof name, "%03d.json", n);
    std::ifstream in(fs::path(dir_) / name);
    if (!in) return out;
    out.push_back(nlohmann::json::parse(in));
  }
}

std::string SmtpServer::Raw(int n) const {
  char name[16];
  std::snprintf(name, sizeof name, "%03d.eml", n);
  std::ifstream in(fs::path(dir_) / name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace meter::testing
