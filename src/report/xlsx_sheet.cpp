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
