#include "report/xlsx_sheet.h"

#include <fstream>
#include <sstream>

namespace meter::xlsx {

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return Error::Of(ErrorCode::kUnavailable, path, METER_N("the workbook could not be read back"));
  }
  std::string out = bytes.str();
  if (out.empty()) {
    return Error::Of(ErrorCode::kUnavailable, path, METER_N("the workbook could not be read back"));
  }
  return out;
}

Result<std::string> WriteWorkbook(
    const std::function<void(lxw_workbook* book, lxw_error& error)>& fill) {
  TempFile file;
  if (file.path().empty()) {
    return Error::Of(ErrorCode::kUnavailable, "",
                     METER_N("no temporary file could be created for the workbook"));
  }
  lxw_workbook* book = workbook_new(file.path().c_str());
  if (!book) {
    return Error::Of(ErrorCode::kUnavailable, file.path(),
                     METER_N("the workbook could not be started"));
  }
  lxw_error error = LXW_NO_ERROR;
  fill(book, error);
  const lxw_error closed = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    return Error::Of(ErrorCode::kInternal, "", METER_N("the workbook could not be written: {1}"),
                     {lxw_strerror(error)});
  }
  if (closed != LXW_NO_ERROR) {
    return Error::Of(ErrorCode::kUnavailable, file.path(),
                     METER_N("the workbook could not be written: {1}"), {lxw_strerror(closed)});
  }
  return ReadWhole(file.path());
}

Formats FormatsOf(lxw_workbook* book) {
  Formats f{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
            workbook_add_format(book)};
  format_set_bold(f.header);
  format_set_num_format(f.score, "0.0");
  format_set_num_format(f.percent, "0.0%");
  format_set_num_format(f.date, "yyyy-mm-dd");
  return f;
}

}  // namespace meter::xlsx
