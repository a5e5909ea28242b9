#include "report/text_table.h"

#include <algorithm>
#include <cstdint>

namespace meter {
namespace {

// Decodes the code point starting at text[i] and advances i. Input is assumed to be UTF-8.
uint32_t NextCodePoint(const std::string& text, size_t& i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (size_t k = 1; k < len && i + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

// East Asian wide and full-width characters take two terminal columns.
size_t ColumnsOf(uint32_t cp) {
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                    (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) width += ColumnsOf(NextCodePoint(text, i));
  return width;
}

std::string ClipToWidth(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width) return text;
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const size_t w = ColumnsOf(NextCodePoint(text, i));
    if (used + w + 1 > width) return text.substr(0, start) + "…";
    used += w;
  }
  return text;
}

std::string TextTable::Render() const {
  std::vector<size_t> widths(right_.size(), 0);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      const std::string fill(widths[c] - DisplayWidth(row[c]), ' ');
      if (c > 0) line += "  ";
      line += right_[c] ? fill + row[c] : row[c] + fill;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace meter
