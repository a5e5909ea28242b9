// What `meter --version` prints: the release (CMake's project VERSION, which CHANGELOG.md
// explains), the database schema this binary knows (store/migrations.h), and the build (`git
// describe` of the source tree when it was configured, "unknown" outside a git checkout). Pure
// values; never fails.
#pragma once

#include <string>

namespace meter {

// "0.15.0": the release. A schema change bumps the minor version at least (CHANGELOG.md).
std::string ReleaseVersion();
// "v0.14.0-12-gabc1234" or "abc1234-dirty" or "unknown".
std::string BuildId();
// The one line of `meter --version`: "meter 0.15.0 (schema 14, build abc1234)".
std::string VersionLine();

}  // namespace meter
