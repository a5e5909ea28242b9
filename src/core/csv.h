// An RFC 4180 CSV reader over text the caller owns.
//
// Fields are separated by commas and records by CRLF or LF. A field may be quoted with double
// quotes; inside quotes, commas and line breaks are data and "" is one quote. The views returned by
// Next() point into the text or into the reader's own buffer and stay valid until the next call.
// Not thread-safe; one reader per text.
//
// Streaming: a reader made with `final` false takes the text as the start of more. A record it
// cannot finish before the end of that text (no line break yet) is not returned: Next() returns
// false with need_more() set, and consumed() says how many bytes of the text are done. The caller
// then passes the rest of the text (from consumed()) with what follows to Continue().
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"

namespace meter {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text, bool final = true);

  // Reads the next record into `fields`. Returns false at the end of the text, or on a malformed
  // record, in which case error() is non-empty and line() is where the record started. A blank line
  // is returned as a record with one empty field.
  bool Next(std::vector<std::string_view>& fields);
  // The 1-based line on which the last record returned (or the malformed one) started.
  size_t line() const { return record_line_; }
  // Empty, or an English message template describing why the last record is malformed.
  const char* error() const { return error_; }

  // Streaming (above): whether Next() stopped for want of text, the bytes of the text read into
  // records so far, the line at that point, and the next text (starting at the first byte not
  // consumed).
  bool need_more() const { return need_more_; }
  size_t consumed() const { return pos_; }
  size_t next_line() const { return line_; }
  void Continue(std::string_view text, bool final);

 private:
  struct Span {
    size_t start;
    size_t length;
    bool escaped;  // contains "" pairs that must be collapsed
  };
  bool ReadQuoted(Span& span);
  bool NextPlain(std::vector<std::string_view>& fields);

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
  const char* error_ = nullptr;
  bool final_ = true;
  bool need_more_ = false;
  std::vector<Span> spans_;
  std::string buffer_;
};

// Problems found while reading one CSV file, each at "file:line". Stops collecting at `limit` and
// then adds one last problem saying that more were left out.
class CsvProblems {
 public:
  CsvProblems(std::string_view file, size_t limit) : file_(file), limit_(limit) {}
  void Add(size_t line, std::string message, std::vector<std::string> args = {});
  // `problem` (a count's plural forms and all) at `line`, in place of its own `where`.
  void Add(size_t line, Problem problem);
  bool full() const { return list_.size() > limit_; }
  bool empty() const { return list_.empty(); }
  std::vector<Problem> Take() { return std::move(list_); }
  const std::string& file() const { return file_; }
  // Forgets every problem, for a problem that makes all others moot (a file that is not UTF-8).
  void Clear();
  // Adds the problems `other` found in another reading of the same file, in line order among
  // these, keeping the limit.
  void Merge(CsvProblems&& other);

 private:
  struct Found {
    size_t line;
    Problem problem;
  };
  std::vector<Found> SortedFound();

  std::string file_;
  size_t limit_;
  std::vector<Problem> list_;
  std::vector<size_t> lines_;  // parallel to list_
};

// Checks that `text` is UTF-8; reports the line of the first bad byte and returns false otherwise.
bool CheckUtf8(std::string_view text, CsvProblems& problems);

// Checks that `text` holds no control character but tab and line breaks (core/text_rules.h: NUL
// and the other C0 controls and DEL are refused); reports the line of the first and returns false
// otherwise. Which fields may hold a tab or a line break is the caller's to check.
bool CheckControlCharacters(std::string_view text, CsvProblems& problems);
// The problem of a forbidden control character `c` in a file: a carriage return alone in a file
// without line feeds (`line_feeds`) is an old Mac file's line end, and is told so; any other, by
// its code.
Problem ControlCharacterProblem(unsigned char c, bool line_feeds);

// Whether a header read as one column holds ';' — a file separated by semicolons, as a spreadsheet
// set to a European language writes "CSV" — and the problem that says so, to report instead of a
// missing column per required one.
bool IsSemicolonHeader(const std::vector<std::string_view>& header);
Problem SemicolonHeaderProblem(const std::string& where);

// Reads the header record and returns the position of each `required` column, in that order.
// Reports a missing header or each missing column and returns nullopt. With `all`, also gives
// every column's name, in order, for files with optional columns.
std::optional<std::vector<size_t>> ReadHeader(CsvReader& reader,
                                              std::initializer_list<const char*> required,
                                              CsvProblems& problems,
                                              std::vector<std::string>* all = nullptr);

// The same for a header record read already (at `line`).
std::optional<std::vector<size_t>> HeaderColumns(const std::vector<std::string_view>& header,
                                                 size_t line,
                                                 std::initializer_list<const char*> required,
                                                 CsvProblems& problems);

// `field` as one CSV field: quoted (with quotes doubled) when it holds a comma, a quote or a line
// break.
std::string CsvField(std::string_view field);

// Free text (a comment, a title, a name) as one CSV field that a spreadsheet shows as text: a text
// starting with = + - @, a tab or a carriage return gets a leading apostrophe, so that
// "=HYPERLINK(…)" is never run as a formula when someone opens the file (CSV injection).
std::string CsvTextField(std::string_view text);

}  // namespace meter
