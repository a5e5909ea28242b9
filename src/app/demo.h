// The demonstration data `meter serve --demo` adds: an admin, a coordinator and two experts with
// known passwords, an open round for a fictional country with the sample assessment's answers, and
// (issue 14) published rounds of six member states with made-up answers (demo_published.h).
// Idempotent: a second run finds the data and only issues a fresh respondent link.
#pragma once

#include <iosfwd>

#include "app/context.h"
#include "app/installation.h"

namespace meter {

inline constexpr const char* kDemoAdmin = "admin@demo.meter";
inline constexpr const char* kDemoCoordinator = "coordinator@demo.meter";
inline constexpr const char* kDemoPassword = "demo-password-2026";
// Two experts, so that one reviews the knowledge entries the other writes (issue 13).
inline constexpr const char* kDemoExpert = "expert@demo.meter";
inline constexpr const char* kDemoExpert2 = "expert2@demo.meter";

// Adds a demo login with kDemoPassword unless `email` has one already (then nothing changes).
Result<bool> EnsureDemoUser(Store& store, const std::string& email, const std::string& name,
                            Role role, std::vector<std::string> countries = {});

// Prints the logins and one respondent's link (under `base_url`) to the context's output, in its
// language.
Result<bool> SeedDemo(Installation& inst, const std::string& base_url, const Context& context);

}  // namespace meter
