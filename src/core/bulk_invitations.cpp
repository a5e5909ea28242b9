#include "core/bulk_invitations.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/csv.h"
#include "core/languages.h"
#include "core/limits.h"
#include "core/mail.h"
#include "core/round_rules.h"

namespace meter {
namespace {

constexpr size_t kMaxProblems = 200;

std::string Trimmed(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return "";
  const size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(start, end - start + 1));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::vector<std::string> SplitPillarList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string id = Trimmed(std::string_view(text).substr(start, end - start));
    if (!id.empty()) out.push_back(id);
    start = end + 1;
  }
  return out;
}

// How far a workbook's row is read: a table of people has five columns, and a cell far to the
// right (XFD is column 16,384) would otherwise make every row that wide in memory.
constexpr uint32_t kMaxWorkbookColumns = 26;

// A file with more people than a round may have is refused at the first row too many, before
// the rest is read into memory (a 10 MB file of one-letter rows would be millions of rows).
Error TooManyRows(const std::string& file, size_t row) {
  return Error::Of(ErrorCode::kInvalidInput, file + ":" + std::to_string(row),
                   METER_NP("a file may invite at most {1} person: a round may have at most {1} "
                            "respondent",
                            "a file may invite at most {1} people: a round may have at most {1} "
                            "respondents"),
                   static_cast<long>(kMaxRespondentsPerRound),
                   {std::to_string(kMaxRespondentsPerRound)});
}

bool IsBlank(const CellRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](const std::string& c) { return Trimmed(c).empty(); });
}

// Collects problems at "FILE:ROW:COLUMN", at most kMaxProblems and then one saying so.
class TableProblems {
 public:
  explicit TableProblems(std::string file) : file_(std::move(file)) {}
  void Add(size_t row, const std::string& column, Problem p) {
    if (list_.size() > kMaxProblems) return;
    p.where = file_ + (row ? ":" + std::to_string(row) : "") + (column.empty() ? "" : ":" + column);
    if (list_.size() == kMaxProblems) {
      p = {p.where, METER_N("too many problems; the rest of the file was not checked"), {}};
    }
    list_.push_back(std::move(p));
  }
  bool empty() const { return list_.empty(); }
  Error Take() { return Error{ErrorCode::kInvalidInput, std::move(list_)}; }

 private:
  std::string file_;
  std::vector<Problem> list_;
};

// Which cell of a row holds each known column (-1: the table has no such column).
struct ColumnMap {
  std::map<std::string, int> at;
  std::string Cell(const CellRow& row, const std::string& column) const {
    auto it = at.find(column);
    if (it == at.end() || it->second < 0 || static_cast<size_t>(it->second) >= row.cells.size())
      return "";
    return Trimmed(row.cells[static_cast<size_t>(it->second)]);
  }
};

ColumnMap MapColumns(const InvitationTable& table, TableProblems& problems) {
  ColumnMap map;
  if (table.columns.size() == 1 && IsSemicolonHeader({std::string_view(table.columns.front())})) {
    problems.Add(table.header_row, "", SemicolonHeaderProblem(""));
    return map;
  }
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const std::string name = Lower(Trimmed(table.columns[i]));
    if (name.empty()) continue;  // an unnamed column may hold nothing (CheckUnnamedCells)
    const bool known = std::find(kInvitationColumns.begin(), kInvitationColumns.end(), name) !=
                       kInvitationColumns.end();
    if (!known) {
      problems.Add(table.header_row, table.columns[i],
                   {"",
                    METER_N("unknown column '{1}': the columns are name, email, group, language "
                            "and, optionally, pillars"),
                    {table.columns[i]}});
    } else if (map.at.count(name)) {
      problems.Add(table.header_row, name,
                   {"", METER_N("the column '{1}' is given twice"), {name}});
    } else {
      map.at[name] = static_cast<int>(i);
    }
  }
  for (const char* required : {"name", "email", "group", "language"}) {
    if (!map.at.count(required)) {
      problems.Add(table.header_row, required,
                   {"", METER_N("the column '{1}' is missing"), {required}});
    }
  }
  return map;
}

// A spreadsheet's table often has a column without a name in its header (a trailing comma, a
// table that starts in column B); a value in such a column would be lost, so it is refused.
void CheckUnnamedCells(const CellRow& row, const InvitationTable& table, TableProblems& problems) {
  for (size_t i = 0; i < row.cells.size() && i < table.columns.size(); ++i) {
    if (!Trimmed(table.columns[i]).empty() || Trimmed(row.cells[i]).empty()) continue;
    problems.Add(row.number, "",
                 {"",
                  METER_N("cell {1} holds '{2}' but the header names no column there"),
                  {std::to_string(i + 1), Trimmed(row.cells[i])}});
  }
}

// The problems of one row's cells, by column, and the respondent they make.
Respondent CheckRow(const CellRow& row, const ColumnMap& columns, const Round& round,
                    const Instrument* instrument, TableProblems& problems) {
  Respondent r;
  r.name = columns.Cell(row, "name");
  r.email = columns.Cell(row, "email");
  r.group = columns.Cell(row, "group");
  r.language = Lower(columns.Cell(row, "language"));
  r.pillars = SplitPillarList(columns.Cell(row, "pillars"));
  if (auto address = CheckMailAddress(r.email, "email"); !address) {
    problems.Add(row.number, "email", address.error().problems.front());
  }
  const bool known_group = std::any_of(round.groups.begin(), round.groups.end(),
                                       [&](const RespondentGroup& g) { return g.name == r.group; });
  if (!known_group) {
    std::string names;
    for (const RespondentGroup& g : round.groups) names += (names.empty() ? "" : ", ") + g.name;
    problems.Add(
        row.number, "group",
        {"", METER_N("'{1}' is not a group of this round; its groups are: {2}"), {r.group, names}});
  }
  if (!IsUnLanguage(r.language)) {
    problems.Add(row.number, "language",
                 {"",
                  METER_N("'{1}' is not one of the six UN languages: ar, zh, en, fr, ru or es"),
                  {r.language}});
  }
  // The rules a single invitation follows (name, pillars, the questionnaire's languages).
  Respondent checked = r;
  if (!IsUnLanguage(r.language)) checked.language.clear();  // said above
  checked.group = round.groups.empty() ? r.group : round.groups.front().name;
  if (auto rules = CheckNewRespondent(checked, instrument, 0); !rules) {
    for (Problem p : rules.error().problems) {
      const std::string column = p.where;
      problems.Add(row.number, column, std::move(p));
    }
  }
  return r;
}

}  // namespace

Result<InvitationTable> ReadInvitationCsv(const std::string& file, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvProblems problems(file, kMaxProblems);
  if (!CheckUtf8(text, problems) || !CheckControlCharacters(text, problems)) {
    return Error{ErrorCode::kInvalidInput, problems.Take()};
  }
  InvitationTable table;
  table.file = file;
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  bool header = true;
  while (reader.Next(fields)) {
    CellRow row;
    row.number = reader.line();
    for (std::string_view f : fields) row.cells.emplace_back(f);
    if (header) {
      table.header_row = row.number;
      table.columns = std::move(row.cells);
      header = false;
      continue;
    }
    if (IsBlank(row)) continue;
    if (table.rows.size() == kMaxRespondentsPerRound) return TooManyRows(file, row.number);
    table.rows.push_back(std::move(row));
  }
  if (reader.error()) problems.Add(reader.line(), reader.error());
  if (header && !reader.error()) {
    problems.Add(0, METER_N("the file is empty: its first line must name the columns"));
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return table;
}

Result<InvitationTable> InvitationTableOfWorkbook(const std::string& file,
                                                  const Workbook& workbook) {
  const WorkbookSheet* sheet = nullptr;
  for (const WorkbookSheet& s : workbook.sheets) {
    if (!s.hidden && !s.rows.empty()) {
      sheet = &s;
      break;
    }
  }
  if (!sheet) {
    return Error{ErrorCode::kInvalidInput,
                 {{file,
                   METER_N("the workbook is empty: the first row of its first sheet must name "
                           "the columns"),
                   {}}}};
  }
  InvitationTable table;
  table.file = file;
  for (const WorkbookRow& row : sheet->rows) {
    if (row.cells.back().column > kMaxWorkbookColumns) {
      return Error::Of(ErrorCode::kInvalidInput, sheet->Where(row.number, row.cells.back().column),
                       METER_N("a table of people to invite ends at column {1}: this cell is "
                               "beyond it"),
                       {ColumnLetters(kMaxWorkbookColumns)});
    }
    CellRow cells{row.number, std::vector<std::string>(row.cells.back().column)};
    for (const WorkbookCell& cell : row.cells) cells.cells[cell.column - 1] = cell.text;
    if (table.columns.empty()) {
      table.header_row = row.number;
      table.columns = std::move(cells.cells);
    } else if (!IsBlank(cells)) {
      if (table.rows.size() == kMaxRespondentsPerRound) return TooManyRows(file, row.number);
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

Result<std::vector<Respondent>> CheckInvitationTable(const InvitationTable& table,
                                                     const Round& round,
                                                     const Instrument* instrument,
                                                     const std::vector<Respondent>& invited) {
  TableProblems problems(table.file);
  const ColumnMap columns = MapColumns(table, problems);
  if (!problems.empty()) return problems.Take();  // the rows cannot be read without their columns
  if (table.rows.empty()) {
    problems.Add(0, "", {"", METER_N("the file names its columns but invites no one"), {}});
    return problems.Take();
  }
  if (invited.size() + table.rows.size() > kMaxRespondentsPerRound) {
    problems.Add(0, "",
                 CountProblem("",
                              METER_NP("a round may have at most {1} respondent",
                                       "a round may have at most {1} respondents"),
                              kMaxRespondentsPerRound, {std::to_string(kMaxRespondentsPerRound)}));
  }
  std::map<std::string, size_t> names, emails;  // → the row that gave them first
  for (const Respondent& r : invited) {
    names.emplace(r.name, 0);
    if (!r.email.empty()) emails.emplace(Lower(r.email), 0);
  }
  std::vector<Respondent> out;
  for (const CellRow& row : table.rows) {
    if (row.cells.size() > table.columns.size()) {
      problems.Add(row.number, "",
                   {"",
                    METER_N("this row has {1} cells but the header names {2} columns"),
                    {std::to_string(row.cells.size()), std::to_string(table.columns.size())}});
    }
    CheckUnnamedCells(row, table, problems);
    Respondent r = CheckRow(row, columns, round, instrument, problems);
    auto repeated = [&](std::map<std::string, size_t>& seen, const std::string& key,
                        const char* column) {
      if (key.empty()) return;
      auto [it, fresh] = seen.emplace(key, row.number);
      if (fresh) return;
      problems.Add(row.number, column,
                   it->second == 0
                       ? Problem{"", METER_N("'{1}' is already a respondent of this round"), {key}}
                       : Problem{"",
                                 METER_N("'{1}' is given twice: row {2} has it already"),
                                 {key, std::to_string(it->second)}});
    };
    repeated(names, r.name, "name");
    repeated(emails, Lower(r.email), "email");
    out.push_back(std::move(r));
  }
  if (!problems.empty()) return problems.Take();
  return out;
}

}  // namespace meter
