// Where a YAML node is, as METER prints it: libyaml counts lines as YAML 1.1 does ("\r", "\r\n",
// NEL, LS and PS end one) and columns in characters; METER prints, as it did with yaml-cpp, the
// line counted by '\n' only and the column in bytes, both 1-based. Private to yaml_tree.cpp.
//
// Holds a view of the text it was made from, which must outlive it. Not thread-safe (At moves a
// cursor).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/yaml_tree.h"

namespace meter {

// The UTF-8 byte-order mark some editors put at the start of a file.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class YamlPositions {
 public:
  explicit YamlPositions(std::string_view text);

  // The place of libyaml's 0-based (line, column); past the end, the end of the text.
  YamlMark At(size_t yaml_line, size_t yaml_column);
  // The place of a byte of the text.
  YamlMark AtOffset(size_t offset) const;

 private:
  std::string_view text_;
  size_t bom_ = 0;                     // the byte-order mark's length (3), or 0
  std::vector<size_t> yaml_lines_;     // where each of libyaml's lines starts
  std::vector<size_t> newline_lines_;  // where each line after a '\n' starts
  struct Cursor {
    size_t line = static_cast<size_t>(-1), column = 0, offset = 0;
  } cursor_;  // the last place At found
};

}  // namespace meter
