// The cache of values by version (core/versioned_cache.h): a value is computed once per key and
// version, a new version computes afresh, many callers missing at once compute once, and the
// least recently used keys go when the bytes pass the capacity.
#include "core/versioned_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace meter {
namespace {

using Cache = VersionedCache<int, long long, std::string>;

// A compute() that counts its calls and gives `text` at cost `cost`.
std::function<Cache::Computed()> Counting(int& calls, const std::string& text, size_t cost = 10) {
  return [&calls, text, cost] {
    ++calls;
    return Cache::Computed{std::make_shared<const std::string>(text), cost};
  };
}

TEST(VersionedCache, AHitAtTheSameVersionDoesNotComputeAgain) {
  Cache cache(1000);
  int calls = 0;
  EXPECT_EQ(*cache.Get(1, 5, Counting(calls, "a")), "a");
  EXPECT_EQ(*cache.Get(1, 5, Counting(calls, "b")), "a");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().computed, 1u);
}

TEST(VersionedCache, AnotherVersionComputesAfreshEvenAnOlderOne) {
  Cache cache(1000);
  int calls = 0;
  cache.Get(1, 5, Counting(calls, "v5"));
  EXPECT_EQ(*cache.Get(1, 6, Counting(calls, "v6")), "v6");
  // A restored database may bring the version back: the newer value must not stand in for it.
  EXPECT_EQ(*cache.Get(1, 5, Counting(calls, "v5 again")), "v5 again");
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(VersionedCache, AFailureIsNotKept) {
  Cache cache(1000);
  int calls = 0;
  EXPECT_EQ(cache.Get(1, 1, [&] { return Cache::Computed{nullptr, 0}; }), nullptr);
  EXPECT_EQ(*cache.Get(1, 1, Counting(calls, "ok")), "ok");
  EXPECT_EQ(calls, 1);
  EXPECT_THROW(cache.Get(2, 1, []() -> Cache::Computed { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_EQ(*cache.Get(2, 1, Counting(calls, "after")), "after");
}

TEST(VersionedCache, ManyCallersMissingAtOnceComputeOnce) {
  Cache cache(1000);
  std::atomic<int> calls = 0;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::vector<std::future<std::string>> results;
  for (int i = 0; i < 8; ++i) {
    results.push_back(std::async(std::launch::async, [&] {
      return *cache.Get(7, 1, [&] {
        ++calls;
        released.wait();  // every other caller arrives while this one computes, or after it
        return Cache::Computed{std::make_shared<const std::string>("once"), 1};
      });
    }));
  }
  // Wait until one caller computes; the others are then waiting for it or come later as hits.
  while (calls.load() == 0) std::this_thread::yield();
  release.set_value();
  for (auto& r : results) EXPECT_EQ(r.get(), "once");
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(cache.stats().hits, 7u);
}

TEST(VersionedCache, TheLeastRecentlyUsedKeysGoPastTheCapacity) {
  Cache cache(100);
  int calls = 0;
  cache.Get(1, 1, Counting(calls, "one", 40));
  cache.Get(2, 1, Counting(calls, "two", 40));
  cache.Get(1, 1, Counting(calls, "one"));  // 1 is now more recent than 2
  cache.Get(3, 1, Counting(calls, "three", 40));
  EXPECT_EQ(cache.stats().evicted, 1u);
  EXPECT_EQ(cache.stats().entries, 2u);
  EXPECT_EQ(cache.stats().cost, 80u);
  EXPECT_EQ(calls, 3);
  cache.Get(1, 1, Counting(calls, "one"));  // kept
  EXPECT_EQ(calls, 3);
  cache.Get(2, 1, Counting(calls, "two", 40));  // evicted: computed again
  EXPECT_EQ(calls, 4);
}

TEST(VersionedCache, AValueLargerThanTheCapacityIsGivenButNotKept) {
  Cache cache(100);
  int calls = 0;
  EXPECT_EQ(*cache.Get(1, 1, Counting(calls, "big", 500)), "big");
  EXPECT_EQ(cache.stats().entries, 0u);
  cache.Get(1, 1, Counting(calls, "big", 500));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace meter
