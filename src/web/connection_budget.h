// How many client connections `meter serve` may hold open at once, so that it stays below its
// file descriptor limit (RLIMIT_NOFILE): every connection is a descriptor, and the database pool,
// the log, the fonts and files of a PDF report and the server's own event loop need some too.
// Pure functions but DescriptorLimit; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace meter {

// Descriptors kept for everything but connections: 64, plus 4 per database connection (an SQLite
// connection holds the database, its WAL, the shared memory index and sometimes a journal), but
// never more than half of `descriptor_limit`.
size_t DescriptorReserve(uint64_t descriptor_limit, size_t db_pool);

// `descriptor_limit` minus DescriptorReserve; at least 1.
size_t SafeConnectionLimit(uint64_t descriptor_limit, size_t db_pool);

// The process's soft RLIMIT_NOFILE (what accept() runs into); UINT64_MAX when unlimited or when it
// cannot be read.
uint64_t DescriptorLimit();

}  // namespace meter
