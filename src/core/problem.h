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
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

// Marks a message template for extraction by xgettext; expands to the literal itself.
#define METER_N(text) text
// The same for a message whose English is shared by different meanings: `context` (gettext's
// msgctxt) tells the translator which one; the caller translates it with that same context.
#define METER_NC(context, text) text
// A message that shows a count, in its English singular and plural forms (PluralMessage).
#define METER_NP(singular, plural) (::meter::PluralMessage{singular, plural})

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
  // For a message that shows a count: `message` is its singular, `plural` its English plural, and
  // `count` picks the form in the reader's language. Empty `plural`: no count.
  std::string plural = "";
  long count = 0;
};

// The English forms of a message that shows a count, written METER_NP("…{1} file", "…{1} files").
struct PluralMessage {
  const char* singular;
  const char* plural;
};

// A problem whose message shows the count `n` (usually also one of `args`).
Problem CountProblem(std::string where, PluralMessage message, long n,
                     std::vector<std::string> args);

// Translates message templates: one function for a plain template, and optionally one for a
// template with plural forms (singular, plural, count). An empty Translator translates nothing; a
// Translator without the plural function picks the English form. Built from a lambda on a plain
// template, as before.
class Translator {
 public:
  using One = std::function<std::string(const std::string&)>;
  using Plural = std::function<std::string(const std::string&, const std::string&, long)>;

  Translator() = default;
  Translator(std::nullptr_t) {}  // NOLINT: implicit by design, as for std::function
  template <typename F,
            typename = std::enable_if_t<std::is_invocable_r_v<std::string, F, const std::string&>>>
  Translator(F one) : one_(std::move(one)) {}  // NOLINT: implicit by design
  Translator(One one, Plural plural) : one_(std::move(one)), plural_(std::move(plural)) {}

  explicit operator bool() const { return static_cast<bool>(one_); }
  std::string operator()(const std::string& msgid) const { return one_ ? one_(msgid) : msgid; }
  std::string operator()(const std::string& singular, const std::string& plural, long n) const;

 private:
  One one_;
  Plural plural_;
};

// Renders "where: message" with the arguments substituted, after translating the template. An
// argument marked as a number is written as `lang` writes numbers ("57,3" in French). The place and
// the arguments, which may quote what a user typed or a file held, go through ShownInAMessage.
std::string Render(const Problem& problem, const Translator& translate = nullptr,
                   std::string_view lang = "en");

// `text` with the characters that could act on a terminal or reorder a line instead of showing —
// control characters (C0, DEL, C1), the line and paragraph separators and the bidirectional
// embeddings, overrides and isolates — written as escapes ("\n", "\x1B", "\u202E"), so that an
// error message quoting a file or a form shows what is there and cannot clear a screen or disguise
// itself. Everything else, invalid UTF-8 included, is left as it is.
std::string ShownInAMessage(std::string_view text);

// Substitutes {1}, {2}… in `text` with `args` (a placeholder without an argument is kept as is).
std::string Substitute(std::string_view text, const std::vector<std::string>& args);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::vector<Problem> problems;

  // One problem, in one call.
  static Error Of(ErrorCode code, std::string where, std::string message,
                  std::vector<std::string> args = {});
  // One problem whose message shows the count `n`.
  static Error Of(ErrorCode code, std::string where, PluralMessage message, long n,
                  std::vector<std::string> args);
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
