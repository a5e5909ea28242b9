// A spreadsheet's cells as a reader found them: sheets in workbook order, each with its rows and
// their non-empty cells, every cell with its A1 reference. A plain value that knows no file
// format: report/xlsx_reader.h reads an XLSX file into it, and what a workbook means (offline
// answers, bulk invitations) is read from it by code that never sees ZIP or XML. Thread-safety:
// a plain value; share it read-only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meter {

struct WorkbookCell {
  uint32_t column = 0;  // 1-based: A is 1
  std::string text;     // a string as written, a number or date as its stored decimal ("3", "0.5")
};

struct WorkbookRow {
  uint32_t number = 0;              // 1-based, as the sheet shows it
  std::vector<WorkbookCell> cells;  // non-empty cells, by column
  // The text of the cell in `column`, or "" when it is empty.
  const std::string& Text(uint32_t column) const;
};

struct WorkbookSheet {
  std::string name;
  bool hidden = false;            // hidden or very hidden in the file
  std::vector<WorkbookRow> rows;  // rows with a non-empty cell, by number
  // The row numbered `number`, or nullptr.
  const WorkbookRow* Row(uint32_t number) const;
  // "Answers!C5": where a problem about a cell is, as every message about a workbook names it.
  std::string Where(uint32_t row, uint32_t column) const;
};

struct Workbook {
  std::vector<WorkbookSheet> sheets;
  // The sheet named `name` (exactly), or nullptr.
  const WorkbookSheet* Sheet(std::string_view name) const;
};

// "A", "B", … "Z", "AA": the letters of a 1-based column.
std::string ColumnLetters(uint32_t column);

}  // namespace meter
