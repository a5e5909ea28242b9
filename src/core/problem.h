// Problems and results: how core reports expected failures.
//
// A Problem is one thing wrong with an input, with the place it was found ("meter.yaml:12:5") and a
// message template whose {1}, {2}… are filled from `args`. Templates are marked with METER_N() so
// the translation catalog picks them up; core never translates (it has no locale), the caller
// renders a problem through its own translator. An Error is a failure code plus one or more
// problems.
//
// Result<T> holds either a value or an Error. Thread-safety: plain values, no shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// Marks a message template for extraction by xgettext; expands to the literal itself.
#define METER_N(text) text

namespace meter {

enum class ErrorCode {
  kInvalidInput,  // the input (a file, a form, a request) is wrong; the problems say where and why
  kNotFound,      // a named thing does not exist
  kConflict,      // the request contradicts the current state (a stale version, a closed round)
  kUnavailable,   // a file or service could not be read or reached
  kStorageFull,   // the disk holding the data has no room left: nothing was written; retry once
                  // space is freed
  kInternal,      // a broken invariant; a bug
};

struct Problem {
  std::string where;    // "file:line:column", "file:line", "file", or empty
  std::string message;  // an English template with {1}, {2}… placeholders
  std::vector<std::string> args;
  uint32_t translated_args = 0;  // bit i set: args[i] is itself a template, translated on rendering
  uint32_t number_args = 0;      // bit i set: args[i] is a decimal number, written in the reader's
                                 // way on rendering ("57.3" → "57,3" in French)
};

// Translates a message template; the identity when the caller has no catalog.
using Translator = std::function<std::string(const std::string&)>;

// Renders "where: message" with the arguments substituted, after translating the template. An
// argument marked as a number is written as `lang` writes numbers ("57,3" in French).
std::string Render(const Problem& problem, const Translator& translate = nullptr,
                   std::string_view lang = "en");

// Substitutes {1}, {2}… in `text` with `args` (a placeholder without an argument is kept as is).
std::string Substitute(std::string_view text, const std::vector<std::string>& args);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::vector<Problem> problems;

  // One problem, in one call.
  static Error Of(ErrorCode code, std::string where, std::string message,
                  std::vector<std::string> args = {});
  // Every problem rendered, one per line.
  std::string ToString(const Translator& translate = nullptr, std::string_view lang = "en") const;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  // Precondition: !ok().
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace meter
