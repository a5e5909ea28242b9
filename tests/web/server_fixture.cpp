#include "server_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace meter::testing {

int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool WaitUntilReady(pid_t& pid, int tries, const std::function<bool()>& ready) {
  for (int i = 0; i < tries; ++i) {
    if (ready()) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = 0;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

namespace {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

int RunMeter(const std::string& args, const std::string& input, std::string& out) {
  const std::string in_file =
      std::filesystem::temp_directory_path() / ("meter-in-" + std::to_string(::getpid()));
  const std::string out_file = in_file + ".out";
  std::ofstream(in_file) << input;
  const std::string command = "cd " + ShellQuote(METER_SOURCE_DIR) + " && " +
                              ShellQuote(METER_BINARY) + " " + args + " <" + ShellQuote(in_file) +
                              " >" + ShellQuote(out_file) + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream result(out_file);
  std::stringstream text;
  text << result.rdbuf();
  out = text.str();
  std::filesystem::remove(in_file);
  std::filesystem::remove(out_file);
  return WEXITSTATUS(status);
}

MeterServer::MeterServer(const std::string& db_url) {
  char pattern[] = "/tmp/meter-web-XXXXXX";
  dir_ = ::mkdtemp(pattern);
  db_url_ = db_url.empty() ? "sqlite:" + dir_ + "/meter.db" : db_url;
}

MeterServer::~MeterServer() {
  Stop();
  std::filesystem::remove_all(dir_);
}

void MeterServer::AddUser(const std::string& email, const std::string& role,
                          const std::string& password, const std::vector<std::string>& countries) {
  std::string args =
      "user add --db " + ShellQuote(db_url_) + " --email " + ShellQuote(email) + " --role " + role;
  for (const std::string& c : countries) args += " --country " + c;
  std::string out;
  if (RunMeter(args, password + "\n", out) != 0)
    std::fprintf(stderr, "user add failed: %s\n", out.c_str());
}

bool MeterServer::Start() {
  const size_t earlier_log = log().size();  // a restart appends to the same log
  port_ = FreePort();
  pid_ = ::fork();
  if (pid_ == 0) {
    const std::string log = dir_ + "/server.log";
    std::freopen(log.c_str(), "a", stdout);
    std::freopen(log.c_str(), "a", stderr);
    if (::chdir(METER_SOURCE_DIR) != 0) ::_exit(127);
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args = {METER_BINARY, "serve", "--db", db_url_, "--listen", listen};
    args.insert(args.end(), serve_args.begin(), serve_args.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(METER_BINARY, argv.data());
    ::_exit(127);
  }
  return WaitUntilReady(
      pid_, 300, [&] { return log().find("METER is running", earlier_log) != std::string::npos; });
}

void MeterServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = 0;
}

void MeterServer::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = 0;
}

void MeterServer::Sql(const std::string& statement) {
  const std::string command =
      "sqlite3 " + ShellQuote(db_url_.substr(7)) + " " + ShellQuote(statement);
  if (std::system(command.c_str()) != 0)
    std::fprintf(stderr, "sqlite3 failed: %s\n", statement.c_str());
}

std::string MeterServer::log() const {
  std::ifstream in(dir_ + "/server.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int SignIn(HttpClient& client, const std::string& email, const std::string& password) {
  client.Get("/login");
  const HttpResponse r =
      client.PostForm("/login", "csrf=" + FormEncode(client.csrf) + "&email=" + FormEncode(email) +
                                    "&password=" + FormEncode(password) + "&next=%2Frounds");
  client.Get("/");  // picks up the session's own CSRF token
  client.Get("/rounds");
  return r.status;
}

}  // namespace meter::testing
