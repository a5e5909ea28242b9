#include "store/programs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace meter::sql {
namespace {

// The environment of this process without any PGPASSWORD, plus `password` as PGPASSWORD when
// there is one.
std::vector<std::string> Environment(const std::string& password) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) out.emplace_back(*e);
  }
  if (!password.empty()) out.push_back("PGPASSWORD=" + password);
  return out;
}

std::vector<char*> Pointers(std::vector<std::string>& texts) {
  std::vector<char*> out;
  for (std::string& t : texts) out.push_back(t.data());
  out.push_back(nullptr);
  return out;
}

// Starts `command` with `in`/`out`/`err` (-1: this process's own) as its standard streams. The
// pipes are made O_CLOEXEC, so the program holds no other end of them. The child's id, or -1.
pid_t Start(const Command& command, const std::string& password, int in, int out, int err) {
  std::vector<std::string> argv_text(command), env_text = Environment(password);
  std::vector<char*> argv = Pointers(argv_text), env = Pointers(env_text);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // The child: only async-signal-safe calls from here on.
  signal(SIGPIPE, SIG_DFL);  // RunThrough ignores it in this process, not in its programs
  if (in >= 0) dup2(in, 0);
  if (out >= 0) dup2(out, 1);
  if (err >= 0) dup2(err, 2);
  execvpe(argv[0], argv.data(), env.data());
  _exit(127);
}

int Wait(pid_t pid) {
  if (pid < 0) return 127;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

int RunProgram(const Command& command, const std::string& password, int stdout_fd) {
  return Wait(Start(command, password, -1, stdout_fd, -1));
}

int CaptureProgram(const Command& command, const std::string& password, std::string& output) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return 127;
  const pid_t pid = Start(command, password, -1, fds[1], fds[1]);
  close(fds[1]);
  char buffer[8192];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (n > 0)
      output.append(buffer, static_cast<size_t>(n));
    else if (errno != EINTR)
      break;
  }
  close(fds[0]);
  return Wait(pid);
}

namespace {

// Writes all of `text` to `fd`; false when the reader has gone (EPIPE) or another error.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

int RunThrough(const Command& first, const Command& second, const std::string& password,
               const std::string& head, const std::string& tail) {
  int from_first[2], to_second[2];
  if (pipe2(from_first, O_CLOEXEC) != 0) return 127;
  if (pipe2(to_second, O_CLOEXEC) != 0) {
    close(from_first[0]);
    close(from_first[1]);
    return 127;
  }
  // A reader that stops early must show as a failed write here, not end this process.
  struct sigaction ignore {
  }, before{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &before);
  const pid_t writer = Start(first, password, -1, from_first[1], -1);
  const pid_t reader = Start(second, password, to_second[0], -1, -1);
  close(from_first[1]);
  close(to_second[0]);
  bool open = WriteAll(to_second[1], head);
  char buffer[65536];
  for (ssize_t n; (n = read(from_first[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (open) open = WriteAll(to_second[1], std::string_view(buffer, static_cast<size_t>(n)));
    if (!open) break;
  }
  close(from_first[0]);  // a writer still writing gets SIGPIPE and ends
  const int write_status = Wait(writer);
  if (open && write_status == 0) WriteAll(to_second[1], tail);
  close(to_second[1]);
  const int read_status = Wait(reader);
  sigaction(SIGPIPE, &before, nullptr);
  return write_status != 0 ? write_status : read_status;
}

}  // namespace meter::sql
