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
// The same lane, with one thread and batches, carries the respondents' saves on SQLite (the save
// lane; server.h): there a thread takes every save waiting, up to `max_batch`, and runs them inside
// `together` (Store::SharingOneCommit: one commit, one sync to disk, for all), and only then writes
// their answers (`done`), or, when the commit failed, answers each as `expired` — so that no
// client is told of a save that is not stored. Saving takes a worker thread only as long as it
// takes to hand the request over, and saves no longer wait for the disk one after the other.
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
  size_t max_batch = 1;  // jobs a thread takes at once, run together (HeavyLane's `together`)
  // Close() lets the threads run the jobs waiting (a draining server's saves) instead of
  // expiring them; Stop() expires any still left.
  bool run_waiting_on_close = false;
};

class HeavyLane {
 public:
  struct Job {
    std::function<void()> run;          // the work, with its answer (or making it, for `done`)
    std::function<void()> expired;      // instead of run: waited too long, or the lane stopped; or
                                        // after run, when its batch failed together
    std::function<void()> done = {};    // after run, once its batch succeeded (may be empty)
    std::function<void()> failed = {};  // after run, when its batch failed (empty: `expired`)
  };
  // Runs a batch's `run`s (the argument) as one; false when the batch failed as a whole.
  using Together = std::function<bool(const std::function<void()>&)>;

  // `together` may be empty: each job then runs by itself.
  explicit HeavyLane(const HeavyLaneOptions& options, Together together = nullptr);
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
  void RunBatch(std::vector<Waiting>& batch);

  const HeavyLaneOptions options_;
  const Together together_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Waiting> queue_;
  bool closed_ = false;    // no new job; the waiting ones were expired
  bool stopping_ = false;  // the threads end once their job is done
  std::mutex join_mutex_;  // one Stop() joins the threads; another waits for it
  std::vector<std::thread> threads_;
};

}  // namespace meter
