// A counting limit on heavy work: building a PDF report or an XLSX workbook takes one server
// thread for seconds and much memory. At most `slots` run at once, so that the other threads stay
// free for every other request; past that the caller answers 503 with Retry-After rather than
// queueing (a queued request would hold its thread all the same).
//
// Thread-safe. A Slot is released when it is destroyed; it must not outlive its limiter.
#pragma once

#include <atomic>
#include <cstddef>

namespace meter {

class HeavyWorkLimiter {
 public:
  // `slots` may be 0: every attempt is refused (for tests, or to turn such downloads off).
  explicit HeavyWorkLimiter(size_t slots) : slots_(slots) {}
  HeavyWorkLimiter(const HeavyWorkLimiter&) = delete;
  HeavyWorkLimiter& operator=(const HeavyWorkLimiter&) = delete;

  // One unit of running heavy work; empty (false) when the limit was reached. Movable.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    ~Slot() { Release(); }
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    friend class HeavyWorkLimiter;
    explicit Slot(HeavyWorkLimiter* owner) : owner_(owner) {}
    void Release();
    HeavyWorkLimiter* owner_ = nullptr;
  };

  // A slot when fewer than `slots` are taken, else an empty Slot. Never waits.
  Slot TryAcquire();

  size_t slots() const { return slots_; }
  size_t in_use() const { return in_use_.load(); }

 private:
  const size_t slots_;
  std::atomic<size_t> in_use_{0};
};

// How many heavy downloads `meter serve` runs at once when not told: one less than its threads,
// so one thread is always free for other requests, but at least 1.
size_t DefaultHeavyWorkSlots(size_t threads);

// Seconds a client is told to wait (Retry-After) when every slot is taken.
inline constexpr int kHeavyWorkRetryAfterSeconds = 5;

}  // namespace meter
