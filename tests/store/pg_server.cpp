#include "store/pg_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/http_client.h"  // FormEncode: the same unreserved set as a URI needs

namespace meter::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDirPrefix = "meter-pg-";

std::string BinDir() {
  const char* dir = std::getenv("METER_PG_BINDIR");
  return dir && dir[0] ? dir : "/usr/lib/postgresql/15/bin";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `argv` in `cwd` with stdin from /dev/null and stdout and stderr into `output_file`;
// returns its exit status (127 when it could not be run).
int Run(const std::vector<std::string>& argv, const std::string& cwd,
        const std::string& output_file) {
  // Everything the child needs is made before fork: only async-signal-safe calls after it.
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// initdb and postgres refuse to run as root: then they run as `postgres`.
std::vector<std::string> AsServerUser(const std::string& program) {
  if (::geteuid() != 0) return {program};
  return {"/usr/sbin/runuser", "-u", "postgres", "--", program};
}

// A TCP port on 127.0.0.1 that nothing listens on now (0 when none could be found).
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

std::string Quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// Stops and removes the servers of test processes that died without doing so themselves.
void ReapStale() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
    if (entry.path().filename().string().rfind(kDirPrefix, 0) != 0) continue;
    const std::string owner = ReadAll(entry.path() / "owner.pid");
    const long pid = std::atol(owner.c_str());
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    if (fs::exists(entry.path() / "data" / "postmaster.pid")) {
      std::vector<std::string> stop = AsServerUser(BinDir() + "/pg_ctl");
      for (const char* a : {"-D", "data", "-m", "immediate", "-w", "stop"}) stop.push_back(a);
      Run(stop, entry.path().string(), "/dev/null");
    }
    fs::remove_all(entry.path(), ec);
  }
}

PgServer* instance = nullptr;

class PgEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { PgServer::Shutdown(); }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new PgEnvironment);

}  // namespace

PgServer& PgServer::Get() {
  if (!instance) {
    instance = new PgServer();
    instance->Init();
  }
  return *instance;
}

void PgServer::Shutdown() {
  if (!instance) return;
  if (instance->running_) {
    std::string output;
    instance->RunProgram("pg_ctl", {"-D", "data", "-m", "immediate", "-w", "stop"}, &output);
  }
  instance->Remove();
  delete instance;
  instance = nullptr;
}

bool PgServer::Fail(const std::string& step, const std::string& output) {
  failure_ = "PostgreSQL for the tests could not start: " + step + "\n" + output;
  if (!dir_.empty() && fs::exists(fs::path(dir_) / "server.log")) {
    failure_ += "\n--- server log ---\n" + ReadAll(fs::path(dir_) / "server.log");
  }
  return false;
}

int PgServer::RunProgram(const std::string& program, const std::vector<std::string>& args,
                         std::string* output) const {
  std::vector<std::string> argv = AsServerUser(BinDir() + "/" + program);
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string file = dir_ + "/command.out";
  const int status = Run(argv, dir_, file);
  *output = ReadAll(file);
  if (status == 127 && output->empty()) *output = "could not run " + BinDir() + "/" + program;
  return status;
}

bool PgServer::Init() {
  ReapStale();
  if (!fs::exists(BinDir() + "/initdb")) {
    return Fail("no " + BinDir() + "/initdb",
                "Install the Debian package postgresql (scripts/setup does), or set "
                "METER_PG_BINDIR.");
  }
  std::string pattern = (fs::temp_directory_path() / kDirPrefix).string() + "XXXXXX";
  if (!::mkdtemp(pattern.data())) return Fail("mkdtemp", std::strerror(errno));
  dir_ = pattern;
  std::ofstream(dir_ + "/owner.pid") << ::getpid() << '\n';
  const std::string pwfile = dir_ + "/password";
  std::ofstream(pwfile, std::ios::binary) << kPassword << '\n';
  if (::geteuid() == 0) {
    const passwd* postgres = ::getpwnam("postgres");
    if (!postgres) return Fail("running as root, but there is no postgres user", "");
    for (const std::string& path : {dir_, pwfile}) {
      if (::chown(path.c_str(), postgres->pw_uid, postgres->pw_gid) != 0) {
        return Fail("chown " + path, std::strerror(errno));
      }
    }
  }
  std::string output;
  if (RunProgram("initdb",
                 {"-D", "data", "-U", "meter", "--pwfile=" + pwfile, "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                  "--no-instructions"},
                 &output) != 0) {
    return Fail("initdb", output);
  }
  fs::remove(pwfile);
  for (int attempt = 0; attempt < 3 && !running_; ++attempt) {
    port_ = FreePort();
    if (StartOnce()) return true;  // another process may have taken the port meanwhile: retry
  }
  return false;
}

bool PgServer::StartOnce() {
  const std::string options = "-k " + dir_ + " -p " + std::to_string(port_) +
                              " -c listen_addresses=127.0.0.1 -c fsync=off"
                              " -c synchronous_commit=off -c full_page_writes=off";
  std::string output;
  if (RunProgram(
          "pg_ctl",
          {"-D", "data", "-l", dir_ + "/server.log", "-w", "-t", "60", "-o", options, "start"},
          &output) != 0) {
    return Fail("pg_ctl start on port " + std::to_string(port_), output);
  }
  running_ = true;
  failure_.clear();
  return true;
}

bool PgServer::Stop() {
  std::string output;
  if (RunProgram("pg_ctl", {"-D", "data", "-m", "fast", "-w", "stop"}, &output) != 0) {
    ADD_FAILURE() << "pg_ctl stop: " << output;
    return false;
  }
  running_ = false;
  stopped_ = true;
  return true;
}

bool PgServer::Restart() {
  if (!stopped_) return running_;  // never started, or not stopped by Stop(): nothing to restart
  stopped_ = false;
  if (StartOnce()) return true;
  ADD_FAILURE() << failure_;
  return false;
}

void PgServer::Remove() {
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
  dir_.clear();
}

std::string PgServer::CreateDatabase() {
  const std::string name = "meter_test_" + std::to_string(++databases_);
  // FILE_COPY copies the small template's files at once: several times faster here than the
  // default WAL_LOG, which logs every block.
  auto created = Query("postgres", "CREATE DATABASE " + name + " STRATEGY FILE_COPY");
  if (!created) {
    ADD_FAILURE() << created.error().ToString();
    return "";
  }
  return name;
}

void PgServer::DropDatabase(const std::string& name) {
  auto dropped = Query("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  EXPECT_TRUE(dropped.ok()) << dropped.error().ToString();
}

std::string PgServer::SocketUrl(const std::string& name) const {
  return "postgresql://meter@/" + name + "?host=" + FormEncode(dir_) +
         "&port=" + std::to_string(port_);
}

std::string PgServer::TcpUrl(const std::string& name) const {
  return "postgresql://meter:" + FormEncode(kPassword) + "@127.0.0.1:" + std::to_string(port_) +
         "/" + name;
}

Result<std::string> PgServer::Query(const std::string& database, const std::string& sql) const {
  const std::string conninfo = "host=" + Quoted(dir_) + " port=" + std::to_string(port_) +
                               " user=meter dbname=" + Quoted(database);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::string error;
  std::string value;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(result);
    } else if (PQntuples(result) > 0 && PQnfields(result) > 0) {
      value = PQgetvalue(result, 0, 0);
    }
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) return Error::Of(ErrorCode::kUnavailable, database, sql + ": " + error);
  return value;
}

}  // namespace meter::testing
