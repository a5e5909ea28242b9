#include "web/heavy_lane.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "log/log.h"

namespace meter {

namespace {

// Lowers the calling thread's CPU priority by `nice` (on Linux, setpriority with a thread's ID
// applies to that thread alone). A failure is logged and the lane goes on at normal priority.
void LowerThisThreadsPriority(int nice) {
  if (nice == 0) return;
  const pid_t thread = gettid();
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, static_cast<id_t>(thread));
  if (errno == 0 && setpriority(PRIO_PROCESS, static_cast<id_t>(thread), now + nice) == 0) return;
  log::Write(log::Level::kWarning, "heavy_lane",
             "cannot lower the priority of the thread for reports; it runs at normal priority",
             {{"errno", std::to_string(errno)}});
}

// Runs a job's `run` or `expired`. The jobs answer their own errors; an exception here is a last
// guard, logged, so that one job cannot end the lane's thread or a Close().
void RunGuarded(const std::function<void()>& act) {
  try {
    if (act) act();
  } catch (const std::exception& e) {
    log::Write(log::Level::kError, "heavy_lane", e.what());
  }
}

}  // namespace

HeavyLane::HeavyLane(const HeavyLaneOptions& options, Together together)
    : options_(options), together_(std::move(together)) {
  try {
    for (size_t i = 0; i < std::max<size_t>(1, options_.threads); ++i)
      threads_.emplace_back([this] { Work(); });
  } catch (...) {  // no thread to be had: end those started before giving up
    Stop();
    throw;
  }
}

HeavyLane::~HeavyLane() { Stop(); }

bool HeavyLane::Post(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (closed_ || queue_.size() >= options_.max_waiting) return false;
    queue_.push_back({std::move(job), std::chrono::steady_clock::now()});
  }
  wake_.notify_one();
  return true;
}

void HeavyLane::Close() {
  std::deque<Waiting> dropped;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    if (!options_.run_waiting_on_close) dropped.swap(queue_);
  }
  for (Waiting& w : dropped) RunGuarded(w.job.expired);
}

void HeavyLane::Stop() {
  Close();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  std::lock_guard joining(join_mutex_);
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
  std::deque<Waiting> left;  // with run_waiting_on_close, what the threads did not reach
  {
    std::lock_guard lock(mutex_);
    left.swap(queue_);
  }
  for (Waiting& w : left) RunGuarded(w.job.expired);
}

size_t HeavyLane::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void HeavyLane::Work() {
  LowerThisThreadsPriority(options_.nice);
  for (;;) {
    std::vector<Waiting> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      const size_t take = std::min(queue_.size(), std::max<size_t>(1, options_.max_batch));
      for (size_t i = 0; i < take; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void HeavyLane::RunBatch(std::vector<Waiting>& batch) {
  const auto now = std::chrono::steady_clock::now();
  std::vector<Job*> running;
  for (Waiting& w : batch) {
    if (now - w.since > options_.max_wait) {
      RunGuarded(w.job.expired);
    } else {
      running.push_back(&w.job);
    }
  }
  if (running.empty()) return;
  const auto run_all = [&running] {
    for (Job* job : running) RunGuarded(job->run);
  };
  bool ok = true;
  if (together_) {
    try {
      ok = together_(run_all);
    } catch (const std::exception& e) {
      log::Write(log::Level::kError, "heavy_lane", e.what());
      ok = false;
    }
  } else {
    run_all();
  }
  for (Job* job : running) RunGuarded(ok ? job->done : job->failed ? job->failed : job->expired);
}

}  // namespace meter
