// UTF-8 validation for text that arrives from outside (CSV files, forms).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace meter {

// The byte offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or npos when all of `text` is well formed.
size_t FindInvalidUtf8(std::string_view text);

// A code point of UTF-8 text and the bytes it takes.
struct CodePoint {
  char32_t value = 0;
  size_t length = 1;
};
// The code point that starts at byte `at` of `text` (at < text.size()); {U+FFFD, 1} for a byte that
// does not start a well-formed sequence, as FindInvalidUtf8 defines it. The one UTF-8 decoder of
// core: the search folding, the YAML writer and the messages' escaping read text through it.
CodePoint DecodeUtf8At(std::string_view text, size_t at);

// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD: for messages
// that quote text from outside (a library's error, a cut excerpt) and must stay UTF-8.
std::string ToValidUtf8(std::string_view text);

// The byte offset of the first C0 control character other than tab, line feed and carriage return,
// or npos. YAML does not allow them raw (yaml-cpp turned a NUL into stray bytes), so the YAML
// loaders refuse them; the YAML emitter writes them as escapes.
size_t FindControlCharacter(std::string_view text);

}  // namespace meter
