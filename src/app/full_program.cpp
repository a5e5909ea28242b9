#include "app/full_program.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace meter {

Error ExecFullProgram(char** argv) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    return Error::Of(ErrorCode::kUnavailable, "/proc/self/exe",
                     METER_N("cannot find the full METER program: {1}"), {ec.message()});
  }
  const fs::path dir = exe.parent_path();
  const std::string beside = (dir / "meter-full").string();
  const std::string installed = (dir.parent_path() / "lib" / "meter" / "meter-full").string();
  for (const std::string& path : {beside, installed}) {
    execv(path.c_str(), argv);
    // Only a missing file lets the next place be tried: one that is there but cannot run is the
    // installation's fault, and is reported as such.
    if (errno != ENOENT) {
      return Error::Of(ErrorCode::kUnavailable, path,
                       METER_N("cannot run the full METER program: {1}"), {std::strerror(errno)});
    }
  }
  return Error::Of(ErrorCode::kUnavailable, beside,
                   METER_N("the full METER program is missing, here and at {1}"), {installed});
}

}  // namespace meter
