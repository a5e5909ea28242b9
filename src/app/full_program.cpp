#include "app/full_program.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string_view>

namespace meter {

namespace {

namespace fs = std::filesystem;

// This program's file as the shell found it, for a system without /proc (a bare chroot): argv[0]
// when it names a path, else the first match in PATH; its links resolved. Empty when not found.
fs::path ProgramFromArgv0(const char* argv0) {
  std::error_code ec;
  const std::string name = argv0 ? argv0 : "";
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return fs::canonical(name, ec);
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  while (!dirs.empty()) {
    const size_t colon = dirs.find(':');
    const fs::path candidate = fs::path(dirs.substr(0, colon)) / name;
    if (access(candidate.c_str(), X_OK) == 0) return fs::canonical(candidate, ec);
    dirs = colon == std::string_view::npos ? "" : dirs.substr(colon + 1);
  }
  return {};
}

}  // namespace

Error ExecFullProgram(char** argv) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = ProgramFromArgv0(argv[0]);
  if (exe.empty()) {
    return Error::Of(ErrorCode::kUnavailable, "/proc/self/exe",
                     METER_N("cannot find the full METER program: {1}"), {ec.message()});
  }
  const fs::path dir = exe.parent_path();
  const std::string beside = (dir / "meter-full").string();
  const std::string installed = (dir.parent_path() / "lib" / "meter" / "meter-full").string();
  // Whatever this program wrote must not be lost with its buffers when the image is replaced.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  for (const std::string& path : {beside, installed}) {
    execv(path.c_str(), argv);
    const int failure = errno;  // before anything below can change it
    // Only a missing file lets the next place be tried: one that is there but cannot run is the
    // installation's fault, and is reported as such.
    if (failure != ENOENT) {
      return Error::Of(ErrorCode::kUnavailable, path,
                       METER_N("cannot run the full METER program: {1}"), {std::strerror(failure)});
    }
  }
  return Error::Of(ErrorCode::kUnavailable, beside,
                   METER_N("the full METER program is missing, here and at {1}"), {installed});
}

}  // namespace meter
