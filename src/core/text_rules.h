// The rule every text from outside follows (a form field, a JSON string, a CSV or YAML value):
// well-formed UTF-8, no control character but those its shape allows, and a length cap. PostgreSQL
// cannot store a NUL and cuts the text there, so both engines keep only what this rule allows.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"

namespace meter {

// What a text may hold: one line (a name, a title, a link) allows no control character at all; a
// text of several lines (a comment, a summary, a body) allows tab, line feed and the carriage
// return of a CRLF. Neither allows NUL, the other C0 controls or DEL.
enum class TextShape { kLine, kLines };

// The byte offset of the first character `shape` does not allow, or npos.
size_t FindForbiddenControl(std::string_view text, TextShape shape);

// The length of the longest start of `text` that is plain ASCII: printable characters, tab and line
// feed. It is UTF-8 and has no control character TextShape::kLines forbids, so a checker can skip
// it (read eight bytes at a time, where the checks above look at more cases).
size_t PlainAsciiPrefix(std::string_view text);

// The number of characters (code points) of UTF-8 `text`.
size_t CountCharacters(std::string_view text);

// The problem with `text` as the field `field`, or nullopt: not UTF-8, a control character its
// shape does not allow, or more than `max_length` characters (0: no cap here). The problem's
// `where` is `field`.
std::optional<Problem> TextProblem(std::string_view field, std::string_view text, TextShape shape,
                                   size_t max_length = 0);

// The rules of a user's texts, for the admin form and `meter user add` alike: an e-mail address
// with an '@' of at most kMaxEmailLength characters and a name of at most kMaxUserNameLength, each
// one line. The problems are at "email" and "name".
std::vector<Problem> UserFieldProblems(std::string_view email, std::string_view name);

}  // namespace meter
