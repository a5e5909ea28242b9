// Issue 14, the campaign mix: the server's lane for heavy work (web/heavy_lane.h) runs jobs in
// arrival order on threads of its own at a lower priority, refuses past its queue, answers
// `expired` for a job that waited too long and for those still waiting when it stops.
#include "web/heavy_lane.h"

#include <gmock/gmock.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "web/web_app.h"

namespace meter {
namespace {

using namespace std::chrono_literals;

// What the jobs of a test did, in order: each job records its name when it runs, or its name and
// " expired" when it expires.
class JobLog {
 public:
  HeavyLane::Job Job(const std::string& name) {
    return {[this, name] { Add(name); }, [this, name] { Add(name + " expired"); }};
  }
  std::vector<std::string> names() {
    std::lock_guard lock(mutex_);
    return names_;
  }
  void Add(const std::string& entry) {
    std::lock_guard lock(mutex_);
    names_.push_back(entry);
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> names_;
};

// Returns once `lane` has taken every job posted before (a last job, run or expired, says so).
// The lane must not be stopped.
void WaitForTheJobsBefore(HeavyLane& lane) {
  std::promise<void> reached;
  // A full queue takes it once the lane has taken one of the waiting jobs.
  while (!lane.Post({[&reached] { reached.set_value(); }, [&reached] { reached.set_value(); }}))
    std::this_thread::sleep_for(1ms);
  reached.get_future().wait();
}

// Keeps a lane's one thread busy until Release(): Occupy posts a job that blocks and returns once
// it began (or expired, in a lane with no patience at all).
class Occupier {
 public:
  void Occupy(HeavyLane& lane) {
    std::shared_future<void> release = release_.get_future().share();
    ASSERT_TRUE(lane.Post({[this, release] {
                             started_.set_value();
                             release.wait();
                           },
                           [this] { started_.set_value(); }}));
    started_.get_future().wait();
  }
  void Release() { release_.set_value(); }

 private:
  std::promise<void> started_, release_;
};

TEST(HeavyLane, RunsJobsInArrivalOrderOnItsOwnThread) {
  HeavyLane lane({1, 8, 60s, 0});
  JobLog log;
  Occupier busy;
  busy.Occupy(lane);
  for (const char* name : {"a", "b", "c"}) ASSERT_TRUE(lane.Post(log.Job(name)));
  EXPECT_EQ(lane.waiting(), 3u);
  busy.Release();
  std::promise<std::thread::id> where;
  ASSERT_TRUE(lane.Post({[&where] { where.set_value(std::this_thread::get_id()); }, {}}));
  EXPECT_NE(where.get_future().get(), std::this_thread::get_id());
  EXPECT_EQ(log.names(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(HeavyLane, RefusesPastItsQueueAndLeavesTheJobToTheCaller) {
  HeavyLane lane({1, 2, 60s, 0});
  JobLog log;
  Occupier busy;
  busy.Occupy(lane);  // running, so no longer waiting
  EXPECT_TRUE(lane.Post(log.Job("one")));
  EXPECT_TRUE(lane.Post(log.Job("two")));
  EXPECT_FALSE(lane.Post(log.Job("three")));
  busy.Release();
  WaitForTheJobsBefore(lane);
  EXPECT_EQ(log.names(), (std::vector<std::string>{"one", "two"}));
}

TEST(HeavyLane, AJobThatWaitedTooLongExpiresInsteadOfRunning) {
  HeavyLane lane({1, 8, 50ms, 0});
  JobLog log;
  Occupier busy;
  busy.Occupy(lane);
  ASSERT_TRUE(lane.Post(log.Job("late")));
  std::this_thread::sleep_for(100ms);  // the lane busy past the 50 ms a job may wait
  busy.Release();
  WaitForTheJobsBefore(lane);
  EXPECT_EQ(log.names(), (std::vector<std::string>{"late expired"}));
}

TEST(HeavyLane, StoppingExpiresTheJobsStillWaitingAndRefusesNewOnes) {
  HeavyLane lane({1, 8, 60s, 0});
  JobLog log;
  Occupier busy;
  busy.Occupy(lane);
  ASSERT_TRUE(lane.Post(log.Job("waiting")));
  std::thread stopper([&lane] { lane.Stop(); });
  // Stop expires the waiting job at once and then waits for the running one. With the lane's one
  // thread occupied, only Stop can have emptied the queue.
  while (lane.waiting() != 0) std::this_thread::sleep_for(1ms);
  busy.Release();
  stopper.join();
  EXPECT_FALSE(lane.Post(log.Job("after")));
  EXPECT_EQ(log.names(), (std::vector<std::string>{"waiting expired"}));
}

// What a draining server does: the waiting jobs expire at once, the running one goes on, and new
// ones are refused.
TEST(HeavyLane, ClosingExpiresTheWaitingJobsAndLetsTheRunningOneFinish) {
  HeavyLane lane({1, 8, 60s, 0});
  JobLog log;
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(lane.Post({[&] {
                           started.set_value();
                           released.wait();
                           log.Job("running").run();
                         },
                         {}}));
  started.get_future().wait();
  ASSERT_TRUE(lane.Post(log.Job("waiting")));
  lane.Close();
  EXPECT_EQ(log.names(), (std::vector<std::string>{"waiting expired"}));
  EXPECT_FALSE(lane.Post(log.Job("after")));
  release.set_value();
  lane.Stop();
  EXPECT_EQ(log.names(), (std::vector<std::string>{"waiting expired", "running"}));
}

TEST(HeavyLane, ItsThreadsRunAtALowerPriorityThanTheProcess) {
  errno = 0;
  const int process = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  ASSERT_EQ(errno, 0);
  HeavyLane lane({1, 8, 60s, 10});
  std::promise<int> seen;
  ASSERT_TRUE(lane.Post(
      {[&seen] { seen.set_value(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()))); }, {}}));
  EXPECT_EQ(seen.get_future().get(), std::min(process + 10, 19));  // the kernel's ceiling is 19
}

Request Asking(const std::string& method, const std::string& path) {
  Request r;
  r.method = method;
  r.path = path;
  return r;
}

// The save lane (server.cpp): a job per save, each batch's `run`s inside `together` (one commit),
// each job's `done` (its answer) only after `together` returned true; `expired` for every job of
// a batch that failed.
class Batches {
 public:
  HeavyLane::Job Job(const std::string& name) {
    return {[this, name] { log_.Add(name); }, [this, name] { log_.Add(name + " expired"); },
            [this, name] { log_.Add(name + " answered"); }};
  }
  // Commits the first `commits` batches and fails the later ones.
  HeavyLane::Together Together(int commits) {
    return [this, commits](const std::function<void()>& work) {
      log_.Add("begin");
      work();
      const bool commit = batches_++ < commits;
      log_.Add(commit ? "commit" : "rollback");
      return commit;
    };
  }
  // The log once it has `n` entries (the lane writes them on its thread), or as it is after a
  // minute without them, for the comparison to show what is missing.
  std::vector<std::string> NamesOnce(size_t n) {
    for (int i = 0; i < 60000 && log_.names().size() < n; ++i) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(10ms);  // and any entry that should not be there
    return log_.names();
  }

 private:
  JobLog log_;
  std::atomic<int> batches_ = 0;
};

TEST(HeavyLane, TakesTheWaitingJobsAsOneBatchAndAnswersThemAfterIt) {
  Batches batches;
  HeavyLane lane({1, 8, 60s, 0, 2}, batches.Together(10));
  Occupier busy;
  busy.Occupy(lane);  // a batch of one, running until released
  for (const char* name : {"a", "b", "c"}) ASSERT_TRUE(lane.Post(batches.Job(name)));
  busy.Release();
  EXPECT_EQ(batches.NamesOnce(12),
            (std::vector<std::string>{"begin", "commit",  // the occupier's batch
                                      "begin", "a", "b", "commit", "a answered", "b answered",
                                      "begin", "c", "commit", "c answered"}));
}

TEST(HeavyLane, EveryJobOfABatchThatFailedIsAnsweredAsExpired) {
  Batches batches;
  HeavyLane lane({1, 8, 60s, 0, 8}, batches.Together(1));
  Occupier busy;
  busy.Occupy(lane);
  for (const char* name : {"a", "b"}) ASSERT_TRUE(lane.Post(batches.Job(name)));
  busy.Release();
  EXPECT_EQ(batches.NamesOnce(8), (std::vector<std::string>{"begin", "commit", "begin", "a", "b",
                                                            "rollback", "a expired", "b expired"}));
}

// Which requests the server gives the save lane: a respondent's autosave and page form only.
TEST(AnswerSave, OnlyAutosavesAndQuestionnaireFormsAreSaves) {
  EXPECT_TRUE(IsAnswerSave(Asking("PUT", "/api/answers/C1.1")));
  EXPECT_TRUE(IsAnswerSave(Asking("POST", "/q/3")));
  EXPECT_FALSE(IsAnswerSave(Asking("GET", "/q/3")));
  EXPECT_FALSE(IsAnswerSave(Asking("GET", "/api/answers")));
  EXPECT_FALSE(IsAnswerSave(Asking("PUT", "/api/answers")));
  EXPECT_FALSE(IsAnswerSave(Asking("POST", "/q")));
  EXPECT_FALSE(IsAnswerSave(Asking("POST", "/review")));
  EXPECT_FALSE(IsAnswerSave(Asking("POST", "/offline")));
  EXPECT_FALSE(IsAnswerSave(Asking("PUT", "/api/answers/C1.1/x")));
}

// Which requests the server gives the lane: reports, workbooks and PNG charts; not the light
// downloads of the same routes, nor pages, nor unknown paths.
TEST(HeavyWork, OnlyReportsWorkbooksAndPngChartsAreHeavy) {
  for (const char* path :
       {"/rounds/7/download/pdf", "/rounds/7/download/xlsx", "/api/rounds/7/download/pdf",
        "/api/rounds/7/download/xlsx", "/campaign.xlsx", "/compare/chart/scatter.png",
        "/offline/download", "/rounds/7/respondents/3/offline/download"}) {
    EXPECT_TRUE(IsHeavyWork(Asking("GET", path))) << path;
    EXPECT_TRUE(IsHeavyWork(Asking("HEAD", path))) << "HEAD " << path;
  }
  for (const char* path :
       {"/rounds/7/download/csv", "/rounds/7/download/json", "/rounds/7/download/sdmx",
        "/api/rounds/7/download/scores", "/compare/chart/scatter.svg", "/campaign.csv", "/campaign",
        "/rounds/7/results", "/rounds/7/way-forward", "/nowhere", "/"}) {
    EXPECT_FALSE(IsHeavyWork(Asking("GET", path))) << path;
  }
  EXPECT_FALSE(IsHeavyWork(Asking("POST", "/rounds/7/download/pdf")));
  EXPECT_FALSE(IsHeavyWork(Asking("POST", "/offline")));
}

}  // namespace
}  // namespace meter
