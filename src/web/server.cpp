// server_acceptor.h first: it specializes RESTinio's acceptor before anything instantiates it.
#include "web/server_acceptor.h"
// clang-format off
#include "web/server.h"
// clang-format on

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "log/log.h"

namespace meter {

void LogAcceptFailure(const std::error_code& error) noexcept {
  using Clock = std::chrono::steady_clock;
  static std::atomic<Clock::rep> last{0};
  const Clock::rep now = Clock::now().time_since_epoch().count();
  Clock::rep before = last.load();
  const Clock::rep interval =
      std::chrono::duration_cast<Clock::duration>(kAcceptLogInterval).count();
  if (before != 0 && now - before < interval) return;
  if (!last.compare_exchange_strong(before, now)) return;
  log::Write(log::Level::kError, "accept",
             "cannot accept a connection: " + error.message() + "; trying again");
}

namespace {

using Traits = ServerTraits;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Client Error" : "Server Error";
  }
}

Request ToRequest(const restinio::request_handle_t& req) {
  Request r;
  r.method = req->header().method().c_str();
  r.path = std::string(req->header().path());
  r.query = std::string(req->header().query());
  req->header().for_each_field([&r](const restinio::http_header_field_t& f) {
    std::string name(f.name());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  });
  r.body = req->body();
  r.remote_address = req->remote_endpoint().address().to_string();
  return r;
}

}  // namespace

namespace {

// The requests between their arrival and the end of writing their response, and whether the
// server is draining (SIGTERM): then every response closes its connection.
struct InFlight {
  std::atomic<long> requests{0};
  std::atomic<bool> draining{false};
};

// Writes `response` to `req`'s connection; the request stops counting as in flight once written.
// Callable from any thread (RESTinio posts the write to the connection's executor).
restinio::request_handling_status_t Write(InFlight& flight, const restinio::request_handle_t& req,
                                          Response response) {
  const restinio::http_status_line_t status{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
      ReasonPhrase(response.status)};
  auto headers = [&response, &flight](auto& out) {
    out.append_header(restinio::http_field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out.append_header(name, value);
    if (flight.draining) out.connection_close();
  };
  auto written = [&flight](const asio::error_code&) { --flight.requests; };
  if (req->header().method() == restinio::http_method_head()) {
    // HEAD: the headers of the GET, with the length of the body that is not sent.
    auto out = req->create_response<restinio::user_controlled_output_t>(status);
    headers(out);
    out.set_content_length(response.body.size());
    return out.done(written);
  }
  auto out = req->create_response(status);
  headers(out);
  out.set_body(std::move(response.body));
  return out.done(written);
}

// The save lane's last failed commit, read by the answers of that batch (on the lane's thread).
using CommitFailure = std::shared_ptr<std::optional<Error>>;

// The lanes that take requests off the worker threads (heavy_lane.h); either may be null.
struct Lanes {
  HeavyLane* heavy = nullptr;  // PDF, XLSX, PNG
  HeavyLane* saves = nullptr;  // a respondent's saves, a batch in one commit
  CommitFailure failure;       // the save lane's
};

// Hands a save to the save lane: its answer is written once its batch is committed; when the
// commit failed, the commit's error instead (app.AnswerRefused: 507 for a full disk); 503 from
// app.Busy when the lane is full or the save waited too long.
restinio::request_handling_status_t AnswerSave(WebApp& app, InFlight& flight, HeavyLane& saves,
                                               const CommitFailure& failure,
                                               const restinio::request_handle_t& req,
                                               const std::shared_ptr<const Request>& request) {
  auto response = std::make_shared<std::optional<Response>>();
  auto observe = std::make_shared<std::function<void()>>();  // once the commit stored the save
  HeavyLane::Job job;
  job.run = [&app, request, response, observe] {
    *response = app.HandleObservingLater(*request, observe.get());
  };
  job.done = [&app, &flight, req, request, response, observe] {
    if (*response && *observe) (*observe)();
    Write(flight, req, *response ? std::move(**response) : app.Busy(*request));
  };
  job.failed = [&app, &flight, req, request, failure] {
    Write(flight, req, *failure ? app.AnswerRefused(*request, **failure) : app.Busy(*request));
  };
  job.expired = [&app, &flight, req, request] { Write(flight, req, app.Busy(*request)); };
  if (!saves.Post(std::move(job))) return Write(flight, req, app.Busy(*request));
  return restinio::request_accepted();
}

// Answers `req` from `app`: a save on the save lane and heavy work (WebApp::IsHeavy) on the heavy
// lane when there are such lanes — 503 from app.Busy when a lane is full or the request waited
// too long — the rest on this thread.
restinio::request_handling_status_t Answer(WebApp& app, InFlight& flight, const Lanes& lanes,
                                           const restinio::request_handle_t& req) {
  ++flight.requests;
  auto request = std::make_shared<const Request>(ToRequest(req));
  if (lanes.saves && app.IsAnswerSave(*request))
    return AnswerSave(app, flight, *lanes.saves, lanes.failure, req, request);
  HeavyLane* lane = lanes.heavy;
  if (!lane || !app.IsHeavy(*request)) return Write(flight, req, app.Handle(*request));
  HeavyLane::Job job;
  job.run = [&app, &flight, req, request] { Write(flight, req, app.Handle(*request)); };
  job.expired = [&app, &flight, req, request] { Write(flight, req, app.Busy(*request)); };
  if (!lane->Post(std::move(job))) return Write(flight, req, app.Busy(*request));
  return restinio::request_accepted();
}

// After a stop signal: answers the heavy requests still waiting in the lane with 503 (their
// clients try another node), then waits until no request is in flight, or `timeout` has passed,
// looking every 50 ms, then stops the io_context; logs the start and the end.
class Drainer {
 public:
  Drainer(asio::io_context& io, InFlight& flight, const Lanes& lanes, std::chrono::seconds timeout)
      : io_(io), flight_(flight), lanes_(lanes), timeout_(timeout), timer_(io) {}

  void Start(const char* signal) {
    flight_.draining = true;
    if (lanes_.heavy) lanes_.heavy->Close();
    if (lanes_.saves) lanes_.saves->Close();
    deadline_ = std::chrono::steady_clock::now() + timeout_;
    log::Write(log::Level::kInfo, "stop",
               "stopping: no longer accepting connections; answering the requests in flight",
               {{"signal", signal},
                {"in_flight", std::to_string(flight_.requests.load())},
                {"timeout_s", std::to_string(timeout_.count())}});
    Check();
  }

 private:
  void Check() {
    const long left = flight_.requests.load();
    const bool late = std::chrono::steady_clock::now() >= deadline_;
    if (left <= 0 || late) {
      log::Write(late && left > 0 ? log::Level::kWarning : log::Level::kInfo, "stop",
                 left > 0 ? "stopped at the drain timeout with requests unanswered"
                          : "stopped: every request in flight was answered",
                 {{"unanswered", std::to_string(std::max<long>(0, left))}});
      io_.stop();
      return;
    }
    timer_.expires_after(std::chrono::milliseconds(50));
    timer_.async_wait([this](const asio::error_code& error) {
      if (!error) Check();
    });
  }

  asio::io_context& io_;
  InFlight& flight_;
  Lanes lanes_;
  std::chrono::seconds timeout_;
  asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
};

using MetricsServer = restinio::http_server_t<restinio::default_traits_t>;

// The metrics listener: GET /metrics and nothing else.
std::unique_ptr<MetricsServer> OpenMetrics(asio::io_context& io, const ServeOptions& options) {
  auto handler = [text = options.metrics_text](const restinio::request_handle_t& req) {
    const bool metrics =
        req->header().method() == restinio::http_method_get() && req->header().path() == "/metrics";
    if (!metrics) {
      return req->create_response(restinio::status_not_found())
          .append_header(restinio::http_field::content_type, "text/plain; charset=utf-8")
          .set_body("only GET /metrics here\n")
          .done();
    }
    return req->create_response()
        .append_header(restinio::http_field::content_type, "text/plain; version=0.0.4")
        .append_header("Cache-Control", "no-store")
        .set_body(text ? text() : std::string())
        .done();
  };
  auto server = std::make_unique<MetricsServer>(
      restinio::external_io_context(io), restinio::server_settings_t<restinio::default_traits_t>{}
                                             .address(options.metrics_host)
                                             .port(options.metrics_port)
                                             .request_handler(handler));
  server->open_sync();
  return server;
}

}  // namespace

Result<bool> Serve(WebApp& app, const ServeOptions& options,
                   const std::function<void()>& on_ready) {
  // Before `io`: a write io still holds when it is destroyed counts itself out of `flight`.
  InFlight flight;
  asio::io_context io;
  // Destroyed before `io`: its jobs hold requests of io's connections.
  std::unique_ptr<HeavyLane> lane, saves;
  if (options.heavy.threads > 0) lane = std::make_unique<HeavyLane>(options.heavy);
  auto failure = std::make_shared<std::optional<Error>>();
  if (options.save_batch > 0 && app.SharesCommits()) {
    HeavyLaneOptions one_commit;
    one_commit.threads = 1;  // the store takes one writer at a time anyway
    one_commit.nice = 0;
    one_commit.max_batch = options.save_batch;
    one_commit.max_waiting = 1024;
    one_commit.run_waiting_on_close = true;  // a draining server still saves what arrived
    saves =
        std::make_unique<HeavyLane>(one_commit, [&app, failure](const std::function<void()>& work) {
          auto committed = app.InOneCommit(work);
          *failure = committed ? std::nullopt : std::optional<Error>(committed.error());
          return committed.ok();
        });
  }
  const Lanes lanes{lane.get(), saves.get(), failure};
  auto handler = [&app, &flight, lanes](restinio::request_handle_t req) {
    return Answer(app, flight, lanes, req);
  };
  using Server = restinio::http_server_t<Traits>;
  std::unique_ptr<Server> server;
  std::unique_ptr<MetricsServer> metrics;
  try {
    server = std::make_unique<Server>(
        restinio::external_io_context(io),
        restinio::server_settings_t<Traits>{}
            .address(options.host)
            .port(options.port)
            .request_handler(handler)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(
                12u << 20))  // a file upload: kMaxUploadBodyBytes
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            .handle_request_timeout(std::chrono::seconds(60))
            // RESTinio accepts one connection per turn of the event loop by default: under load
            // (nginx opening connections to a busy node, 256 clients at once) new connections
            // then wait seconds in the listen queue. Several accepts in flight, and the
            // connection objects made apart from the accepting, keep them flowing
            // (bench/load, docs/performance.md).
            .concurrent_accepts_count(16)
            .separate_accept_and_create_connect(true)
            // Connections past this wait in the listen queue instead of running the process out
            // of descriptors (connection_budget.h, server_acceptor.h).
            .max_parallel_connections(std::max<size_t>(1, options.max_connections))
            .connection_state_listener(std::make_shared<ConnectionCounter>(options.observer)));
    server->open_sync();
  } catch (const std::exception& e) {
    return Error::Of(ErrorCode::kUnavailable, options.host + ":" + std::to_string(options.port),
                     METER_N("cannot listen on this address: {1}"), {e.what()});
  }
  if (options.metrics_port != 0) {
    try {
      metrics = OpenMetrics(io, options);
    } catch (const std::exception& e) {
      return Error::Of(ErrorCode::kUnavailable,
                       options.metrics_host + ":" + std::to_string(options.metrics_port),
                       METER_N("cannot listen on this address: {1}"), {e.what()});
    }
  }
  Drainer drainer(io, flight, lanes, options.drain_timeout);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& error, int signal) {
    if (error) return;
    auto ignore = [](std::exception_ptr) {};
    server->close_async([] {}, ignore);
    if (metrics) metrics->close_async([] {}, ignore);
    // A second signal does not wait any longer.
    signals.async_wait([&io](const asio::error_code& again, int) {
      if (!again) io.stop();
    });
    drainer.Start(signal == SIGTERM ? "SIGTERM" : "SIGINT");
  });
  if (on_ready) on_ready();
  std::vector<std::thread> workers;
  for (size_t i = 1; i < std::max<size_t>(1, options.threads); ++i)
    workers.emplace_back([&io] { io.run(); });
  io.run();
  for (std::thread& t : workers) t.join();
  if (saves) saves->Stop();
  if (lane) lane->Stop();
  return true;
}

}  // namespace meter
