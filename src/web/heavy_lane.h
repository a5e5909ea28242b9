// The server's lane for heavy work (issue 14, the campaign mix): PDF reports, XLSX workbooks and
// charts drawn as PNG take a thread for a tenth of a second to seconds each. Run on the server's
// worker threads, a few coordinators downloading reports would hold every thread and the
// respondents' autosaves would wait behind them. The lane runs such requests on threads of its
// own, at a lower CPU priority (nice), one after another in arrival order; the worker threads stay
// free for everything else, and when both compete for a core the kernel favours the questionnaire.
//
// Bounded: at most `max_waiting` jobs wait; Post refuses more (the caller answers 503 with
// Retry-After). A job that waited longer than `max_wait` is not run: its `expired` is called
// instead (503 too), so that no client waits past its proxy's time-out for work nobody will read.
//
// Thread-safe. Close() refuses new jobs and expires the waiting ones at once (a draining server
// calls it, so that their 503s go out while it can still write); the jobs running go on. Stop()
// (and the destructor) closes, then waits for the running jobs and ends the threads. The lane owns
// its jobs until they have run or expired.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace meter {

struct HeavyLaneOptions {
  size_t threads = 1;
  size_t max_waiting = 64;
  std::chrono::milliseconds max_wait{30000};
  int nice = 10;  // added to the process's niceness for the lane's threads (Linux); 0: unchanged
};

class HeavyLane {
 public:
  struct Job {
    std::function<void()> run;      // the work, with its answer
    std::function<void()> expired;  // instead of run: waited too long, or the lane stopped
  };

  explicit HeavyLane(const HeavyLaneOptions& options);
  ~HeavyLane();
  HeavyLane(const HeavyLane&) = delete;
  HeavyLane& operator=(const HeavyLane&) = delete;

  // Queues `job`; false when max_waiting jobs wait already or the lane is closed (the job is then
  // dropped unrun: the caller answers for it).
  bool Post(Job job);
  void Close();
  void Stop();

  size_t waiting() const;

 private:
  struct Waiting {
    Job job;
    std::chrono::steady_clock::time_point since;
  };
  void Work();

  const HeavyLaneOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Waiting> queue_;
  bool closed_ = false;    // no new job; the waiting ones were expired
  bool stopping_ = false;  // the threads end once their job is done
  std::mutex join_mutex_;  // one Stop() joins the threads; another waits for it
  std::vector<std::thread> threads_;
};

}  // namespace meter
