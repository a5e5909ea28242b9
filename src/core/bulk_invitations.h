// Bulk invitations (issue 14): a table of people to invite to a round, one per row, with the
// columns name, email, group, language and (optionally) pillars, checked whole before anyone is
// invited. The table is file-format neutral: ReadInvitationCsv makes one from a CSV file and
// InvitationTableOfWorkbook from a spreadsheet's first sheet (core/workbook.h, which
// report/xlsx_reader.h fills from an XLSX file), so that both are checked by CheckInvitationTable
// with the same rules and the same messages. Pure functions; thread-safe.
//
// Every problem is at "FILE:ROW:COLUMN" (the column's name, e.g. "people.csv:4:email"), or at
// "FILE:ROW" for a problem of the whole row, or "FILE" for one of the whole file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/instrument.h"
#include "core/problem.h"
#include "core/workbook.h"

namespace meter {

// The columns, as the header row names them (lower case; a header cell is trimmed and compared
// without case). "pillars" may be left out; any other column is refused.
inline const std::vector<std::string> kInvitationColumns = {"name", "email", "group", "language",
                                                            "pillars"};

struct CellRow {
  size_t number = 0;               // as the file counts rows: the header is row 1 in a CSV
  std::vector<std::string> cells;  // in the order of InvitationTable::columns
};

struct InvitationTable {
  std::string file;                  // the name problems give, e.g. "people.csv"
  size_t header_row = 1;             // the row that named the columns
  std::vector<std::string> columns;  // as the header names them
  std::vector<CellRow> rows;         // the rows below it, blank ones left out
};

// The table of a CSV file (RFC 4180, UTF-8, an optional byte order mark): the first record is
// the header. kInvalidInput at "FILE:LINE" for text that is not UTF-8, holds a control
// character, or is not CSV. Rows are numbered by the line they start on.
Result<InvitationTable> ReadInvitationCsv(const std::string& file, std::string_view text);

// The table of a workbook's first visible sheet that has a cell: its first row with a cell names
// the columns, the rows below it follow with the numbers the sheet shows (an empty cell between
// two others is an empty cell of the row). kInvalidInput at "FILE" when no visible sheet has a
// cell.
Result<InvitationTable> InvitationTableOfWorkbook(const std::string& file,
                                                  const Workbook& workbook);

// The respondents `table` invites to `round` (of `instrument`; nullptr when not installed) which
// already has `invited`, each with name, email, group, language and pillars filled (token and
// round left to the caller), in the table's order. kInvalidInput with every problem found, none
// left out (up to 200): a missing, unknown or repeated column; a row with more cells than
// columns; a name as CheckNewRespondent wants it; an e-mail that is not one address; a group not
// of the round; a language not one of the six UN languages or not of the questionnaire; a pillar
// not of the instrument (pillars are separated by ';'); a name or e-mail given twice in the file
// (naming the row it repeats) or already invited; more respondents than a round may have; and a
// table without rows.
Result<std::vector<Respondent>> CheckInvitationTable(const InvitationTable& table,
                                                     const Round& round,
                                                     const Instrument* instrument,
                                                     const std::vector<Respondent>& invited);

}  // namespace meter
