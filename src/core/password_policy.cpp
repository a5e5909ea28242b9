#include "core/password_policy.h"

#include <algorithm>

#include "core/utf8.h"

namespace meter {
namespace {

// ASCII letters folded to lower case. The list is ASCII; folding other scripts would need tables
// that core does not have, and a password in another script is not on the list anyway.
std::string Folded(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string_view Trimmed(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

}  // namespace

Result<PasswordPolicy> PasswordPolicy::Parse(std::string_view text, const std::string& where) {
  PasswordPolicy policy;
  size_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    const std::string_view line = Trimmed(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (FindInvalidUtf8(line) != std::string_view::npos) {
      return Error::Of(ErrorCode::kInvalidInput, where + ":" + std::to_string(line_number),
                       METER_N("the text is not valid UTF-8"));
    }
    policy.common_.insert(Folded(line));
  }
  return policy;
}

std::optional<Problem> PasswordPolicy::Check(std::string_view password, std::string_view email,
                                             const std::string& field) const {
  auto problem = [&](const char* message, std::vector<std::string> args = {}) {
    return Problem{field, message, std::move(args)};
  };
  if (FindInvalidUtf8(password) != std::string_view::npos)
    return problem(METER_N("the text is not valid UTF-8"));
  const size_t characters = CodePoints(password);
  if (characters < kMinPasswordCharacters) {
    return CountProblem(field,
                        METER_NP("the password must have at least {1} character",
                                 "the password must have at least {1} characters"),
                        kMinPasswordCharacters, {std::to_string(kMinPasswordCharacters)});
  }
  if (characters > kMaxPasswordCharacters) {
    return CountProblem(field,
                        METER_NP("the password must have at most {1} character",
                                 "the password must have at most {1} characters"),
                        kMaxPasswordCharacters, {std::to_string(kMaxPasswordCharacters)});
  }
  const std::string folded = Folded(password);
  if (common_.count(folded)) {
    return problem(METER_N("this password is one of the most common ones; choose another"));
  }
  const std::string address = Folded(Trimmed(email));
  const std::string local = address.substr(0, address.find('@'));
  if (!address.empty() && (folded == address || folded == local)) {
    return problem(METER_N("the password must not be the e-mail address or its part before the @"));
  }
  return std::nullopt;
}

}  // namespace meter
