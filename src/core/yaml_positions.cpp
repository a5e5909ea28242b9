#include "core/yaml_positions.h"

#include <algorithm>

namespace meter {
namespace {

// The length of the line break starting at `i`, as YAML 1.1 reads one; 0 when none.
size_t BreakAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  switch (byte(i)) {
    case '\n':
      return 1;
    case '\r':
      return byte(i + 1) == '\n' ? 2 : 1;
    case 0xC2:
      return byte(i + 1) == 0x85 ? 2 : 0;  // NEL
    case 0xE2:
      return byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9) ? 3 : 0;
    default:
      return 0;
  }
}

}  // namespace

YamlPositions::YamlPositions(std::string_view text) : text_(text) {
  // A byte-order mark is not given to libyaml (yaml_tree.cpp), nor counted in line 1's columns.
  const size_t start = text.substr(0, 3) == kUtf8Bom ? 3 : 0;
  bom_ = start;
  yaml_lines_.push_back(start);
  newline_lines_.push_back(0);
  for (size_t i = start; i < text.size();) {
    const size_t length = BreakAt(text, i);
    if (length == 0) {
      ++i;
      continue;
    }
    if (text[i + length - 1] == '\n') newline_lines_.push_back(i + length);
    i += length;
    yaml_lines_.push_back(i);
  }
}

YamlMark YamlPositions::At(size_t yaml_line, size_t yaml_column) {
  if (yaml_line >= yaml_lines_.size()) return AtOffset(text_.size());
  // Events come in the file's order: carry on from the last place asked on the same line, so that
  // a long line costs its length once, not once per node on it.
  size_t c = 0;
  size_t offset = yaml_lines_[yaml_line];
  if (cursor_.line == yaml_line && cursor_.column <= yaml_column) {
    c = cursor_.column;
    offset = cursor_.offset;
  }
  for (; c < yaml_column && offset < text_.size(); ++c) {
    const unsigned char lead = static_cast<unsigned char>(text_[offset]);
    offset += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  offset = std::min(offset, text_.size());
  cursor_ = {yaml_line, c, offset};
  return AtOffset(offset);
}

YamlMark YamlPositions::AtOffset(size_t offset) const {
  const auto after = std::upper_bound(newline_lines_.begin(), newline_lines_.end(), offset);
  const size_t line = static_cast<size_t>(after - newline_lines_.begin());  // 1-based
  const size_t begin = line == 1 ? std::min(bom_, offset) : newline_lines_[line - 1];
  return {static_cast<int>(line), static_cast<int>(offset - begin + 1)};
}

}  // namespace meter
