// Passwords, tokens and hashes, on libsodium. Thread-safe once InitSecurity() has run (it is called
// by the server and the CLI before anything else; calling it again is harmless).
//
// Passwords are hashed with argon2id at the OWASP-recommended cost (19 MiB of memory, 2 passes);
// verification reads the cost from the stored hash. At most two hashes are computed at once, so a
// burst of sign-ins cannot make the server's memory grow by 19 MiB per request. Tokens are 32
// random bytes from the system CSPRNG, written in URL-safe base64; only their SHA-256 is stored, so
// a stolen database does not reveal a working session or invitation link.
#pragma once

#include <string>
#include <string_view>

#include "core/problem.h"

namespace meter {

// False when libsodium cannot start (no entropy source); nothing here may be used then.
bool InitSecurity();

// The argon2id hash of `password`; kInternal when hashing fails (out of memory). It does not judge
// the password: callers that set one check it first with PasswordPolicy (core/password_policy.h).
Result<std::string> HashPassword(const std::string& password);
// True when `password` matches `hash`. Takes the same time whether the user exists or not if the
// caller passes a dummy hash for unknown users.
bool VerifyPassword(const std::string& hash, const std::string& password);

// 32 random bytes as 43 characters of URL-safe base64 without padding.
std::string RandomToken();
// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace meter
