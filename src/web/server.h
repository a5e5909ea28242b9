// Carries a WebApp over HTTP/1.1 with RESTinio: `threads` worker threads share one io_context, and
// SIGINT or SIGTERM stops the server. Blocks until then. At most `max_connections` connections are
// open at once, and accepting goes on after the process or the system ran out of descriptors
// (server_acceptor.h). A HEAD request gets the headers of the GET and no body.
//
// Returns kUnavailable when the address cannot be bound (in use, not allowed). `on_ready` is called
// once the socket listens, so the caller can announce the URL.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/problem.h"
#include "web/web_app.h"

namespace meter {

struct ServeOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  size_t threads = 2;
  // Client connections held open at once; more wait in the listen queue (connection_budget.h).
  size_t max_connections = 1000;
};

Result<bool> Serve(WebApp& app, const ServeOptions& options, const std::function<void()>& on_ready);

}  // namespace meter
