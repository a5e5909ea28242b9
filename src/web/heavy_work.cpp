#include "web/heavy_work.h"

namespace meter {

HeavyWorkLimiter::Slot& HeavyWorkLimiter::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = other.owner_;
    other.owner_ = nullptr;
  }
  return *this;
}

void HeavyWorkLimiter::Slot::Release() {
  if (owner_) owner_->in_use_.fetch_sub(1);
  owner_ = nullptr;
}

HeavyWorkLimiter::Slot HeavyWorkLimiter::TryAcquire() {
  size_t taken = in_use_.load();
  do {
    if (taken >= slots_) return Slot();
  } while (!in_use_.compare_exchange_weak(taken, taken + 1));
  return Slot(this);
}

size_t DefaultHeavyWorkSlots(size_t threads) { return threads > 1 ? threads - 1 : 1; }

}  // namespace meter
