// The demonstration data `meter serve --demo` adds: an admin and a coordinator with known
// passwords, and an open round for a fictional country with the sample assessment's answers.
// Idempotent: a second run finds the data and only issues a fresh respondent link.
#pragma once

#include <iosfwd>

#include "app/context.h"
#include "app/installation.h"

namespace meter {

inline constexpr const char* kDemoAdmin = "admin@demo.meter";
inline constexpr const char* kDemoCoordinator = "coordinator@demo.meter";
inline constexpr const char* kDemoPassword = "demo-password-2026";

// Prints the logins and one respondent's link (under `base_url`) to the context's output, in its
// language.
Result<bool> SeedDemo(Installation& inst, const std::string& base_url, const Context& context);

}  // namespace meter
