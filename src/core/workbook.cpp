#include "core/workbook.h"

#include <algorithm>

namespace meter {

const std::string& WorkbookRow::Text(uint32_t column) const {
  static const std::string kEmpty;
  auto it = std::lower_bound(cells.begin(), cells.end(), column,
                             [](const WorkbookCell& c, uint32_t col) { return c.column < col; });
  return it != cells.end() && it->column == column ? it->text : kEmpty;
}

const WorkbookRow* WorkbookSheet::Row(uint32_t number) const {
  auto it = std::lower_bound(rows.begin(), rows.end(), number,
                             [](const WorkbookRow& r, uint32_t n) { return r.number < n; });
  return it != rows.end() && it->number == number ? &*it : nullptr;
}

std::string WorkbookSheet::Where(uint32_t row, uint32_t column) const {
  return name + "!" + ColumnLetters(column) + std::to_string(row);
}

const WorkbookSheet* Workbook::Sheet(std::string_view name) const {
  for (const WorkbookSheet& s : sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string ColumnLetters(uint32_t column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return out;
}

}  // namespace meter
