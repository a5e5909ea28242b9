// Carries a WebApp over HTTP/1.1 with RESTinio: `threads` worker threads share one io_context.
// Blocks until SIGINT or SIGTERM, which drains (issue 15): the listeners close (no new
// connection), requests in flight are answered (their responses say Connection: close), and once
// none is left, or after `drain_timeout`, Serve returns; a second signal stops at once. Each step
// goes to the log (log/log.h, event "stop"). At most `max_connections` connections are
// open at once, and accepting goes on after the process or the system ran out of descriptors
// (server_acceptor.h). A HEAD request gets the headers of the GET and no body.
//
// Heavy work — PDF reports, XLSX workbooks, PNG charts (WebApp::IsHeavy) — runs on a lane of
// threads of its own at a lower priority (heavy_lane.h), waiting there in arrival order, so that
// reports being made never hold the worker threads the questionnaire needs; a full lane or a
// request that waited past `heavy.max_wait` is answered 503 with Retry-After (WebApp::Busy).
//
// With `metrics_port`, a second listener on `metrics_host` answers GET /metrics with
// `metrics_text()` (the Prometheus text format) and every other request with 404: the metrics stay
// off the public listener. The observer, when given, is told of every connection opened and closed
// on the public listener.
//
// Returns kUnavailable when an address cannot be bound (in use, not allowed). `on_ready` is called
// once the sockets listen, so the caller can announce the URL.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/problem.h"
#include "web/heavy_lane.h"
#include "web/web_app.h"

namespace meter {

struct ServeOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  size_t threads = 2;
  // Client connections held open at once; more wait in the listen queue (connection_budget.h).
  size_t max_connections = 1000;
  // Issue 15.
  WebObserver* observer = nullptr;  // borrowed; may be null
  std::string metrics_host = "127.0.0.1";
  uint16_t metrics_port = 0;  // 0: no metrics listener
  std::function<std::string()> metrics_text;
  std::chrono::seconds drain_timeout{30};
  // Issue 14: the threads for heavy work (PDF, XLSX, PNG; WebApp::IsHeavy) and how many such
  // requests may wait for them, and how long (heavy_lane.h). threads 0: no lane, heavy work runs
  // on the worker threads like the rest (and the app's own limit answers 503 past its slots).
  HeavyLaneOptions heavy;
  // Issue 14: a respondent's saves (WebApp::IsAnswerSave) go to a lane of one thread that runs
  // every save waiting, up to `save_batch`, in one commit (heavy_lane.h), where the store shares
  // commits (Store::SharesCommits: SQLite). 0: each save on its worker thread, committed alone.
  size_t save_batch = 64;
};

Result<bool> Serve(WebApp& app, const ServeOptions& options, const std::function<void()>& on_ready);

}  // namespace meter
