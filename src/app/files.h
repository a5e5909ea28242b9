// Whole-file reads and writes for the CLI. Failures are kUnavailable with the path and the system's
// reason. WriteFileAtomically writes a temporary file beside the target and renames it, so a reader
// never sees half a file and a failed write leaves the old file as it was.
#pragma once

#include <string>
#include <string_view>

#include "core/problem.h"

namespace meter {

Result<std::string> ReadFile(const std::string& path);
Result<bool> WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace meter
