// A real nginx (Debian's package) in front of several `meter serve` nodes for the tests, as the
// operations guide deploys it: on loopback, round robin over the nodes, the client's address passed
// on in X-Forwarded-For. Each answer names the node that served it in an X-Upstream header, so a
// test can see the requests alternate.
//
// Start() writes the configuration into a new temporary directory and starts nginx in the
// foreground as a child; it returns false (with nginx's log in log()) when nginx does not come
// up. The destructor stops it (SIGTERM, then SIGKILL) and removes the directory.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace meter::testing {

class NginxProxy {
 public:
  explicit NginxProxy(std::vector<int> node_ports);
  ~NginxProxy();
  NginxProxy(const NginxProxy&) = delete;
  NginxProxy& operator=(const NginxProxy&) = delete;

  bool Start();
  int port() const { return port_; }
  std::string log() const;

 private:
  std::vector<int> nodes_;
  std::string dir_;
  int port_ = 0;
  pid_t pid_ = 0;
};

}  // namespace meter::testing
