#include "nginx_proxy.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "server_fixture.h"
#include "test_support.h"

namespace meter::testing {
namespace {

// The whole configuration: one worker (as root it runs as root too, so that it can use the
// temporary directory), nginx's temporary files in `dir`, and the nodes as a round-robin upstream.
std::string Configuration(const std::string& dir, int port, const std::vector<int>& nodes) {
  std::string upstream;
  for (int node : nodes) upstream += "    server 127.0.0.1:" + std::to_string(node) + ";\n";
  const std::string user = ::geteuid() == 0 ? "user root;\n" : "";
  return user + "worker_processes 1;\ndaemon off;\npid " + dir + "/nginx.pid;\nerror_log " + dir +
         "/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n" +
         "  client_body_temp_path " + dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n" +
         "  fastcgi_temp_path " + dir + "/fastcgi;\n  uwsgi_temp_path " + dir + "/uwsgi;\n" +
         "  scgi_temp_path " + dir + "/scgi;\n  upstream meter {\n" + upstream + "  }\n" +
         "  server {\n    listen 127.0.0.1:" + std::to_string(port) + ";\n" +
         "    client_max_body_size 2m;\n    location / {\n      proxy_pass http://meter;\n" +
         "      proxy_set_header Host $host;\n" +
         "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n" +
         "      add_header X-Upstream $upstream_addr always;\n    }\n  }\n}\n";
}

bool Listening(int port) {
  HttpClient probe(port);
  return probe.Get("/login").status != 0;
}

}  // namespace

NginxProxy::NginxProxy(std::vector<int> node_ports) : nodes_(std::move(node_ports)) {
  char pattern[] = "/tmp/meter-nginx-XXXXXX";
  dir_ = ::mkdtemp(pattern);
}

NginxProxy::~NginxProxy() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  std::filesystem::remove_all(dir_);
}

bool NginxProxy::Start() {
  port_ = FreePort();
  const std::string conf = dir_ + "/nginx.conf";
  std::ofstream(conf) << Configuration(dir_, port_, nodes_);
  pid_ = ::fork();
  if (pid_ == 0) {
    const std::string out = dir_ + "/error.log";
    std::freopen(out.c_str(), "a", stdout);
    std::freopen(out.c_str(), "a", stderr);
    ::execlp("nginx", "nginx", "-c", conf.c_str(), "-p", dir_.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return WaitUntilReady(pid_, 200, [&] { return Listening(port_); });
}

std::string NginxProxy::log() const { return ReadText(dir_ + "/error.log"); }

}  // namespace meter::testing
