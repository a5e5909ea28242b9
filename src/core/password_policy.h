// The rules a password must follow wherever one is set (`meter user add`, `meter user passwd`, the
// admin's user form): at least kMinPasswordCharacters characters (code points, so that a
// passphrase in Arabic or Chinese counts what its reader sees), at most kMaxPasswordCharacters
// (argon2id hashes anything, but a megabyte "password" is a denial of service, not a secret), valid
// UTF-8, not one of the most common passwords (compared case-insensitively, from the list of
// content/common-passwords.txt), and not the account's own e-mail address or its part before the
// '@'. These are the rules of NIST SP 800-63B: length and a block list, no composition rules.
//
// Core reads no files: the caller hands Parse the list's text. A PasswordPolicy is an immutable
// value after Parse; Check is const and safe to call from many threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/problem.h"

namespace meter {

inline constexpr size_t kMinPasswordCharacters = 12;
inline constexpr size_t kMaxPasswordCharacters = 256;

class PasswordPolicy {
 public:
  // A policy without a list of common passwords: only the length, UTF-8 and e-mail rules. For
  // tests and tools that have no content folder; servers and the CLI use Parse.
  PasswordPolicy() = default;

  // Reads the list of common passwords: one a line, blank lines and lines starting with '#'
  // skipped, surrounding spaces and a trailing '\r' ignored. kInvalidInput at "where:line" for a
  // line that is not UTF-8; the list may be empty.
  static Result<PasswordPolicy> Parse(std::string_view common_passwords, const std::string& where);

  // The first rule `password` breaks for the account `email`, as a Problem placed at `field` (the
  // form field or option the password came from); nullopt when it may be used.
  std::optional<Problem> Check(std::string_view password, std::string_view email,
                               const std::string& field) const;

  // How many distinct common passwords the policy knows.
  size_t common_count() const { return common_.size(); }

 private:
  std::unordered_set<std::string> common_;  // lower-case (ASCII letters folded)
};

}  // namespace meter
