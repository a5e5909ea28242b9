// An aligned plain-text table for terminals, in any of the UN languages: widths are counted in
// terminal columns (a Chinese character takes two), and each column is as wide as its widest cell.
// Not thread-safe; build one per output.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace meter {

// The number of terminal columns `text` (UTF-8) takes.
size_t DisplayWidth(const std::string& text);
// `text` cut to at most `width` columns, ending with "…" when it was cut.
std::string ClipToWidth(const std::string& text, size_t width);

class TextTable {
 public:
  // `right_aligned[i]` says whether column i is aligned right (numbers) or left (text).
  explicit TextTable(std::vector<bool> right_aligned) : right_(std::move(right_aligned)) {}
  // Precondition: cells.size() == the number of columns.
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // Every row, columns separated by two spaces, without trailing blanks.
  std::string Render() const;

 private:
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace meter
