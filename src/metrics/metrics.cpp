#include "metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <mutex>

namespace meter {

namespace p = prometheus;

namespace {

// A metric without labels: its family of one series.
p::Counter& OneCounter(p::Registry& registry, const char* name, const char* help) {
  return p::BuildCounter().Name(name).Help(help).Register(registry).Add({});
}
p::Gauge& OneGauge(p::Registry& registry, const char* name, const char* help) {
  return p::BuildGauge().Name(name).Help(help).Register(registry).Add({});
}

}  // namespace

struct Metrics::Families {
  p::Registry registry;
  p::Family<p::Counter>& requests = p::BuildCounter()
                                        .Name("meter_http_requests_total")
                                        .Help("HTTP requests answered, by route pattern and status")
                                        .Register(registry);
  p::Family<p::Histogram>& durations =
      p::BuildHistogram()
          .Name("meter_http_request_duration_seconds")
          .Help("Time from a request's arrival at the application to its response")
          .Register(registry);
  p::Gauge& connections_open =
      OneGauge(registry, "meter_http_connections_open", "Client connections open now");
  p::Counter& connections =
      OneCounter(registry, "meter_http_connections_total", "Client connections accepted");
  p::Gauge& pool_size =
      OneGauge(registry, "meter_db_pool_connections", "Database connections the pool keeps open");
  p::Gauge& pool_in_use =
      OneGauge(registry, "meter_db_pool_in_use", "Database connections lent to a call now");
  p::Counter& db_errors = OneCounter(registry, "meter_db_errors_total",
                                     "Database failures (statements or connections refused)");
  p::Gauge& db_up =
      OneGauge(registry, "meter_db_up", "1 when the database answered this scrape, else 0");
  p::Gauge& outbox = OneGauge(registry, "meter_outbox_waiting",
                              "E-mail messages in the outbox not yet sent or given up on");
  p::Counter& saves = OneCounter(registry, "meter_answer_saves_total",
                                 "Saves that stored answers (a page, an autosave, an upload)");
  p::Counter& answers =
      OneCounter(registry, "meter_answers_saved_total", "Answers stored by those saves");
  p::Family<p::Counter>& sign_ins = p::BuildCounter()
                                        .Name("meter_sign_ins_total")
                                        .Help("Sign-ins by outcome: success, failure, lockout")
                                        .Register(registry);
  p::Counter& sign_outs = OneCounter(registry, "meter_sign_outs_total", "Sign-outs of users");
  p::Family<p::Gauge>& build = p::BuildGauge()
                                   .Name("meter_build_info")
                                   .Help("The METER build: its version and schema, always 1")
                                   .Register(registry);
  std::mutex scrape;                      // one scrape at a time reads the store
  unsigned long long errors_counted = 0;  // store errors already added to db_errors
};

namespace {

const p::Histogram::BucketBoundaries& Buckets() {
  static const p::Histogram::BucketBoundaries kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                          0.5,   1,    2.5,   5,    10};
  return kBuckets;
}

const char* OutcomeName(SignInOutcome outcome) {
  switch (outcome) {
    case SignInOutcome::kSuccess:
      return "success";
    case SignInOutcome::kFailure:
      return "failure";
    case SignInOutcome::kLockout:
      return "lockout";
  }
  return "failure";
}

}  // namespace

Metrics::Metrics(Store& store, const BuildInfo& build)
    : store_(store), families_(std::make_unique<Families>()) {
  families_->build
      .Add({{"version", build.version},
            {"schema", std::to_string(build.schema)},
            {"engine", build.engine}})
      .Set(1);
  for (const SignInOutcome o :
       {SignInOutcome::kSuccess, SignInOutcome::kFailure, SignInOutcome::kLockout})
    families_->sign_ins.Add({{"outcome", OutcomeName(o)}});
}

Metrics::~Metrics() = default;

std::string Metrics::Text() {
  Families& f = *families_;
  {
    std::lock_guard lock(f.scrape);
    const auto waiting = store_.OutboxWaiting();
    f.db_up.Set(waiting ? 1 : 0);
    if (waiting) f.outbox.Set(static_cast<double>(waiting.value()));
    // After the outbox's read, so that its failure is counted in this scrape.
    const PoolUse pool = store_.PoolUsage();
    f.pool_size.Set(static_cast<double>(pool.size));
    f.pool_in_use.Set(static_cast<double>(pool.in_use));
    if (pool.errors > f.errors_counted) {
      f.db_errors.Increment(static_cast<double>(pool.errors - f.errors_counted));
      f.errors_counted = pool.errors;
    }
  }
  return p::TextSerializer().Serialize(f.registry.Collect());
}

void Metrics::OnRequest(const RequestRecord& request) noexcept {
  try {
    const std::string method(request.method);
    const std::string route(request.route);
    families_->requests
        .Add({{"method", method}, {"route", route}, {"status", std::to_string(request.status)}})
        .Increment();
    families_->durations.Add({{"method", method}, {"route", route}}, Buckets())
        .Observe(request.seconds);
  } catch (...) {
    // Out of memory for a new series: the request is not counted.
  }
}

void Metrics::OnSignIn(SignInOutcome outcome) noexcept {
  try {
    families_->sign_ins.Add({{"outcome", OutcomeName(outcome)}}).Increment();
  } catch (...) {
  }
}

void Metrics::OnSignOut() noexcept { families_->sign_outs.Increment(); }

void Metrics::OnAnswersSaved(size_t answers) noexcept {
  families_->saves.Increment();
  families_->answers.Increment(static_cast<double>(answers));
}

void Metrics::OnConnectionOpened() noexcept {
  families_->connections.Increment();
  families_->connections_open.Increment();
}

void Metrics::OnConnectionClosed() noexcept { families_->connections_open.Decrement(); }

}  // namespace meter
