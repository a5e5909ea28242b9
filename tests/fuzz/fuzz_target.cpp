// One libFuzzer target: built once per parser, with METER_FUZZ_CHECK naming its Check* function
// of fuzz_checks.h (tests/fuzz/CMakeLists.txt). A broken property aborts, so libFuzzer keeps the
// input as a crash, like a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      meter::fuzz::METER_FUZZ_CHECK(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz: property broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
