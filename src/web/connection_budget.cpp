#include "web/connection_budget.h"

#include <sys/resource.h>

#include <algorithm>
#include <limits>

namespace meter {

size_t DescriptorReserve(uint64_t descriptor_limit, size_t db_pool) {
  const uint64_t wanted = 64 + 4 * static_cast<uint64_t>(db_pool);
  return static_cast<size_t>(std::min(wanted, descriptor_limit / 2));
}

size_t SafeConnectionLimit(uint64_t descriptor_limit, size_t db_pool) {
  const uint64_t limit = std::min<uint64_t>(descriptor_limit, std::numeric_limits<size_t>::max());
  return static_cast<size_t>(std::max<uint64_t>(1, limit - DescriptorReserve(limit, db_pool)));
}

uint64_t DescriptorLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return std::numeric_limits<uint64_t>::max();
  return static_cast<uint64_t>(limit.rlim_cur);
}

}  // namespace meter
