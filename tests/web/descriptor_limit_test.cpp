// Issue 11, item 1: running out of file descriptors must not stop the server for good. A real
// `meter serve` runs under a low RLIMIT_NOFILE; more idle connections than the limit are opened
// and closed, and the server must answer again.
#include <dirent.h>
#include <gmock/gmock.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "serve_process.h"

namespace meter::testing {
namespace {

constexpr unsigned long kDescriptorLimit = 128;
constexpr int kIdleConnections = 300;  // more than the limit

// Opens `count` connections that send nothing. connect() completes in the kernel's listen queue
// whether or not the server accepts.
std::vector<int> OpenIdleConnections(int port, int count) {
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ADD_FAILURE() << "connection " << i << " failed";
      if (fd >= 0) ::close(fd);
      break;
    }
    fds.push_back(fd);
  }
  return fds;
}

void CloseAll(std::vector<int>& fds) {
  for (int fd : fds) ::close(fd);
  fds.clear();
}

// The sockets the process `pid` holds open (its listening socket and connections).
size_t SocketsHeldBy(pid_t pid) {
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  size_t sockets = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      char target[64] = {};
      const std::string link = dir + "/" + e->d_name;
      if (::readlink(link.c_str(), target, sizeof target - 1) > 0 &&
          std::string(target).rfind("socket:", 0) == 0)
        ++sockets;
    }
    ::closedir(d);
  }
  return sockets;
}

// Waits until the server has taken all the connections it will: at least `at_least` sockets, the
// same count on three looks in a row. Returns the count.
size_t WaitUntilSettled(const ServeProcess& server, size_t at_least) {
  size_t last = 0, same = 0;
  for (int i = 0; i < 600 && same < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const size_t now = SocketsHeldBy(server.pid());
    same = now >= at_least && now == last ? same + 1 : 0;
    last = now;
  }
  return last;
}

// GET `path` on a fresh connection; status 0 when nothing comes back within 30 s (a server that
// stopped accepting), so that the test fails rather than hangs.
int StatusOf(int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval wait{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string raw;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, n);
  }
  ::close(fd);
  return raw.size() > 12 && raw.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(raw.substr(9, 3)) : 0;
}

// The default: connections are capped below the descriptor limit, so the server never runs out,
// and the connections past the cap wait in the listen queue until the first ones close.
TEST(DescriptorLimit, IdleConnectionsBeyondTheLimitWaitAndTheServerAnswersOnceTheyClose) {
  ServeProcess server;
  ASSERT_TRUE(server.Start({}, kDescriptorLimit)) << server.log();
  EXPECT_THAT(server.log(), ::testing::HasSubstr("holding at most 64 connections open at once"));
  std::vector<int> idle = OpenIdleConnections(server.port(), kIdleConnections);
  const size_t held = WaitUntilSettled(server, 64);
  EXPECT_LE(held, 70u) << "the server took more connections than its cap";
  EXPECT_THAT(server.log(), ::testing::Not(::testing::HasSubstr("cannot accept a connection")));
  CloseAll(idle);
  EXPECT_EQ(StatusOf(server.port(), "/login"), 200) << server.log();
}

// A cap above what the limit allows (or descriptors used up elsewhere): accept() fails with
// EMFILE, and the server must go on trying rather than stop accepting for good.
TEST(DescriptorLimit, TheServerKeepsAcceptingAfterItRanOutOfDescriptors) {
  ServeProcess server;
  ASSERT_TRUE(server.Start({"--max-connections", "1000"}, kDescriptorLimit)) << server.log();
  EXPECT_THAT(server.log(), ::testing::HasSubstr("--max-connections 1000 is more than"));
  std::vector<int> idle = OpenIdleConnections(server.port(), kIdleConnections);
  WaitUntilSettled(server, kDescriptorLimit / 2);
  CloseAll(idle);
  EXPECT_EQ(StatusOf(server.port(), "/login"), 200) << server.log();
  EXPECT_THAT(server.log(),
              ::testing::HasSubstr("cannot accept a connection: Too many open files"));
  // And again: the slots that failed are armed again, not spent.
  idle = OpenIdleConnections(server.port(), kIdleConnections);
  WaitUntilSettled(server, kDescriptorLimit / 2);
  CloseAll(idle);
  EXPECT_EQ(StatusOf(server.port(), "/login"), 200) << server.log();
}

}  // namespace
}  // namespace meter::testing
