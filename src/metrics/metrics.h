// The node's metrics in the Prometheus text format (issue 15), over prometheus-cpp's core and its
// text serializer only: `meter serve --metrics-listen` serves Text() on a listener of its own
// (web/server.h). Metrics implements the web layer's WebObserver, so that the counters move as
// requests are answered while web, store and core know nothing of Prometheus; what only the
// database knows (its pool, its errors, the outbox) is read at each scrape.
//
// The metrics (every name begins with meter_):
//   http_requests_total{method,route,status}          counter, route is the pattern
//   http_request_duration_seconds{method,route}       histogram
//   http_connections_open                             gauge
//   http_connections_total                            counter, connections accepted
//   db_pool_connections, db_pool_in_use               gauges
//   db_errors_total                                   counter
//   db_up                                             gauge, 1 when the last scrape read the outbox
//   outbox_waiting                                    gauge, messages not yet sent
//   answer_saves_total, answers_saved_total           counters: saves, and answers they stored
//   sign_ins_total{outcome=success|failure|lockout}   counter
//   sign_outs_total                                   counter
//   build_info{version,schema,engine}                 gauge, always 1
//
// Thread-safe: the observer calls come from every server thread; Text() from the metrics
// listener's. The Store is borrowed and must outlive the Metrics.
#pragma once

#include <memory>
#include <string>

#include "core/store.h"
#include "web/observer.h"

namespace meter {

struct BuildInfo {
  std::string version;  // "0.1.0"
  int schema = 0;
  std::string engine;  // "sqlite" or "postgresql"
};

class Metrics final : public WebObserver {
 public:
  Metrics(Store& store, const BuildInfo& build);
  ~Metrics() override;

  // Every metric now, in the text format 0.0.4. Reads the pool's use and the outbox first; when
  // the database does not answer, db_up is 0 and the outbox gauge keeps its last value.
  std::string Text();

  void OnRequest(const RequestRecord& request) noexcept override;
  void OnSignIn(SignInOutcome outcome) noexcept override;
  void OnSignOut() noexcept override;
  void OnAnswersSaved(size_t answers) noexcept override;
  void OnConnectionOpened() noexcept override;
  void OnConnectionClosed() noexcept override;

 private:
  struct Families;
  Store& store_;
  std::unique_ptr<Families> families_;
};

}  // namespace meter
