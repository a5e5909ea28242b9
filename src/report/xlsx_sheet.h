// Private to report/: what every XLSX file METER writes shares (the round's workbook, the campaign
// download). libxlsxwriter 1.1 writes only to a named file, so a workbook goes to a private
// temporary file (mkstemp in the system temp directory) that is read back and removed on every
// path. Not thread-safe per object; each workbook has its own.
#pragma once

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "core/problem.h"
#include "core/roadmap.h"

namespace meter::xlsx {

// Excel's (and libxlsxwriter's) limit on the characters of a cell.
inline constexpr size_t kMaxCellChars = 32767;

// A file name that exists only for the lifetime of this object.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string pattern = (dir / "meter-workbook-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return;
    ::close(fd);
    path_ = pattern;
  }
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }  // empty when none could be made

 private:
  std::string path_;
};

struct Formats {
  lxw_format* header;
  lxw_format* score;    // one decimal shown, full precision kept
  lxw_format* percent;  // a ratio shown as a percentage
  lxw_format* date;
};

// Writes one sheet: a bold, frozen header row, then rows of cells. Remembers the first error
// libxlsxwriter reports, so the caller checks once.
class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name, const Formats& f, lxw_error& error)
      : ws_(workbook_add_worksheet(book, name)), f_(f), error_(error) {
    if (!ws_) Check(LXW_ERROR_MEMORY_MALLOC_FAILED);
  }
  // The header row and column widths (in characters); HeaderCell adds one more column.
  void Header(std::initializer_list<std::pair<const char*, double>> columns) {
    lxw_col_t c = 0;
    for (const auto& [title, width] : columns) HeaderCell(c++, title, width);
    if (ws_) worksheet_freeze_panes(ws_, 1, 0);
  }
  void HeaderCell(lxw_col_t col, const std::string& title, double width) {
    if (!ws_) return;
    Check(worksheet_set_column(ws_, col, col, width, nullptr));
    Check(worksheet_write_string(ws_, 0, col, title.c_str(), f_.header));
  }
  // Always a string cell, never a formula. Text beyond a cell's limit is cut at a character
  // boundary rather than failing the whole workbook.
  void Text(lxw_row_t row, lxw_col_t col, const std::string& text) {
    if (!ws_ || text.empty()) return;
    size_t end = 0, chars = 0;
    for (; end < text.size(); ++end) {
      const bool lead = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
      if (lead && chars++ == kMaxCellChars) break;
    }
    Check(worksheet_write_string(ws_, row, col, text.substr(0, end).c_str(), nullptr));
  }
  void Number(lxw_row_t row, lxw_col_t col, const std::optional<double>& v,
              lxw_format* format = nullptr) {
    if (ws_ && v) Check(worksheet_write_number(ws_, row, col, *v, format));
  }
  // A YYYY-MM-DD text as a date cell; anything else as text.
  void Date(lxw_row_t row, lxw_col_t col, const std::string& text) {
    lxw_datetime dt{};
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3 &&
        IsIsoDate(text)) {
      if (ws_) Check(worksheet_write_datetime(ws_, row, col, &dt, f_.date));
    } else {
      Text(row, col, text);
    }
  }

 private:
  void Check(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }
  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_error& error_;
};

// The whole file at `path`; kUnavailable when it cannot be read or is empty.
Result<std::string> ReadWhole(const std::string& path);

// A workbook's bytes: starts one on a temporary file, lets `fill` add its sheets and properties
// to `book` (recording the first failed call's code in `error`), closes it (which frees it,
// whatever happened) and reads the file back. kUnavailable when no temporary file or workbook
// could be started or the file could not be written or read; kInternal when a call of `fill`
// failed.
Result<std::string> WriteWorkbook(
    const std::function<void(lxw_workbook* book, lxw_error& error)>& fill);

// The bold header, score, percent and date formats of `book`, which owns them.
Formats FormatsOf(lxw_workbook* book);

}  // namespace meter::xlsx
