// A bounded in-memory cache of values computed from the database, each kept with the version of
// the data it was computed from (core/store.h CacheVersions): what the web keeps of a round's
// scores and pages (web/score_cache.h), so that a page view does not score the round afresh.
//
// Get(key, version, compute) gives the value stored under `key` when it was computed at exactly
// `version`; otherwise it calls compute() and stores the result under that version. A caller that
// read the version before asking gets a value computed from data at least that new, so a node
// never serves scores older than a save it can see. Equality rather than "at least": a restored
// database may bring versions back, and then the old value must not count as newer.
//
// Single flight: while one thread computes a key at a version, the others asking for the same
// key and version wait for its value instead of computing it too. Bounded: each value has a cost
// (its bytes, roughly; the caller says), and when the sum passes `capacity` the least recently
// used keys go, never the one just stored. A value whose cost alone passes the capacity is
// returned but not kept.
//
// compute() returns nullptr for a failure (the database is down, say): that is given to the
// callers waiting for it and nothing is stored, so the next call tries again. An exception from
// compute() is the same as nullptr for the waiters and propagates to the computing caller.
// Thread-safe; values are immutable once stored and shared by every caller.
#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace meter {

template <typename Key, typename Version, typename Value>
class VersionedCache {
 public:
  using Pointer = std::shared_ptr<const Value>;
  struct Computed {
    Pointer value;  // nullptr for a failure
    size_t cost = 0;
  };
  struct Stats {
    size_t hits = 0;      // served from the cache (including waits for another's computation)
    size_t computed = 0;  // compute() called
    size_t evicted = 0;   // keys dropped to stay under the capacity
    size_t entries = 0;   // keys held now
    size_t cost = 0;      // their summed cost
  };

  explicit VersionedCache(size_t capacity) : capacity_(capacity) {}

  Pointer Get(const Key& key, const Version& version, const std::function<Computed()>& compute) {
    std::promise<Pointer> promise;
    std::unique_lock lock(mutex_);
    auto found = entries_.find(key);
    if (found != entries_.end() && found->second.version == version) {
      ++stats_.hits;
      lru_.splice(lru_.begin(), lru_, found->second.lru);
      std::shared_future<Pointer> value = found->second.value;
      lock.unlock();
      return value.get();
    }
    if (found == entries_.end()) {
      lru_.push_front(key);
      found = entries_.emplace(key, Entry{}).first;
      found->second.lru = lru_.begin();
    } else {
      lru_.splice(lru_.begin(), lru_, found->second.lru);
      stats_.cost -= found->second.cost;
    }
    const size_t ticket = ++tickets_;
    Entry& entry = found->second;
    entry.version = version;
    entry.value = promise.get_future().share();
    entry.cost = 0;
    entry.ticket = ticket;
    ++stats_.computed;
    lock.unlock();

    Computed computed;
    try {
      computed = compute();
    } catch (...) {
      promise.set_value(nullptr);
      Forget(key, ticket);
      throw;
    }
    promise.set_value(computed.value);
    if (!computed.value) {
      Forget(key, ticket);
      return nullptr;
    }
    Keep(key, ticket, computed.cost);
    return computed.value;
  }

  Stats stats() const {
    std::lock_guard lock(mutex_);
    Stats out = stats_;
    out.entries = entries_.size();
    return out;
  }
  size_t capacity() const { return capacity_; }

 private:
  struct Entry {
    Version version{};
    std::shared_future<Pointer> value;
    size_t cost = 0;
    size_t ticket = 0;  // which computation filled it, so that a late one does not undo a newer
    typename std::list<Key>::iterator lru;
  };

  // Drops `key` when it still holds computation `ticket`.
  void Forget(const Key& key, size_t ticket) {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end() || found->second.ticket != ticket) return;
    Erase(found);
  }

  void Keep(const Key& key, size_t ticket, size_t cost) {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end() || found->second.ticket != ticket) return;
    if (cost > capacity_) {
      Erase(found);
      return;
    }
    found->second.cost = cost;
    stats_.cost += cost;
    while (stats_.cost > capacity_ && lru_.size() > 1) {
      auto last = entries_.find(lru_.back());
      if (last == found) break;  // cannot happen: the new key is at the front
      Erase(last);
      ++stats_.evicted;
    }
  }

  void Erase(typename std::map<Key, Entry>::iterator at) {
    stats_.cost -= at->second.cost;
    lru_.erase(at->second.lru);
    entries_.erase(at);
  }

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::map<Key, Entry> entries_;
  std::list<Key> lru_;  // most recently used first
  size_t tickets_ = 0;
  Stats stats_;
};

}  // namespace meter
