// UTF-8 validation for text that arrives from outside (CSV files, forms).
#pragma once

#include <cstddef>
#include <string_view>

namespace meter {

// The byte offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or npos when all of `text` is well formed.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace meter
