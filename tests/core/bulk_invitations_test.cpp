// Bulk invitations (core/bulk_invitations.h): each kind of bad row reported at FILE:ROW:COLUMN,
// every problem of a file at once, and a clean file giving the respondents in order. The table is
// what an XLSX reader would give too, so the rows are also built here by hand.
#include "core/bulk_invitations.h"

#include <gmock/gmock.h>

#include "core/csv.h"
#include "core/limits.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class BulkInvitationsTest : public ::testing::Test {
 protected:
  BulkInvitationsTest() {
    round_.id = 3;
    round_.groups = DefaultGroups();
  }
  // The problems of `csv` as "where: message" lines, or "" when it is clean.
  std::vector<std::string> Problems(const std::string& csv,
                                    const std::vector<Respondent>& invited = {}) {
    auto table = ReadInvitationCsv("people.csv", csv);
    if (!table) return Rendered(table.error());
    auto checked = CheckInvitationTable(table.value(), round_, &instrument_, invited);
    if (!checked) return Rendered(checked.error());
    return {};
  }
  static std::vector<std::string> Rendered(const Error& e) {
    std::vector<std::string> out;
    for (const Problem& p : e.problems) out.push_back(p.where + ": " + Render(p));
    return out;
  }
  std::string Group(size_t i) const { return round_.groups.at(i).name; }

  Instrument instrument_ = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  Round round_;
};

TEST_F(BulkInvitationsTest, ACleanFileGivesEveryRespondentInOrder) {
  const std::string clean =
      "\xEF\xBB\xBFName, Email ,group,language,pillars\n"
      "Ana Lima,Ana@Example.org," +
      Group(0) +
      ",FR,\n"
      "\n"
      "\"Dupont, Jean\",jean@example.org," +
      Group(2) + ",ar,C; T\n";
  auto table = ReadInvitationCsv("people.csv", clean);
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  auto people = CheckInvitationTable(table.value(), round_, &instrument_, {});
  ASSERT_TRUE(people.ok()) << people.error().ToString();
  ASSERT_EQ(people.value().size(), 2u);
  const Respondent& ana = people.value()[0];
  EXPECT_EQ(ana.name, "Ana Lima");
  EXPECT_EQ(ana.email, "Ana@Example.org");
  EXPECT_EQ(ana.language, "fr");
  EXPECT_TRUE(ana.pillars.empty());
  const Respondent& jean = people.value()[1];
  EXPECT_EQ(jean.name, "Dupont, Jean");
  EXPECT_EQ(jean.group, Group(2));
  EXPECT_THAT(jean.pillars, ElementsAre("C", "T"));
}

TEST_F(BulkInvitationsTest, EachKindOfBadCellIsReportedAtItsRowAndColumn) {
  const std::string csv =
      "name,email,group,language,pillars\n"
      "Ana,not-an-address," +
      Group(0) + ",en,\n" +                                // row 2
      "Ben,ben@example.org,Ministers,en,\n" +              // row 3
      "Cai,cai@example.org," + Group(0) + ",pt,\n" +       // row 4
      "Dee,dee@example.org," + Group(0) + ",en,C;X9\n" +   // row 5
      ",eve@example.org," + Group(0) + ",en,\n" +          // row 6
      "Ana,ana2@example.org," + Group(0) + ",en,\n" +      // row 7
      "Fay,BEN@example.org," + Group(0) + ",en,\n" +       // row 8
      "Old,old2@example.org," + Group(0) + ",en,\n" +      // row 9
      "Gil,old@example.org," + Group(0) + ",en,\n" +       // row 10
      "Hal,hal@example.org," + Group(0) + ",en,,extra\n";  // row 11
  Respondent old;
  old.name = "Old";
  old.email = "Old@example.org";
  const auto problems = Problems(csv, {old});
  EXPECT_THAT(problems,
              ElementsAre(HasSubstr("people.csv:2:email: 'not-an-address' is not an e-mail"),
                          HasSubstr("people.csv:3:group: 'Ministers' is not a group of this round"),
                          HasSubstr("people.csv:4:language: 'pt' is not one of the six UN"),
                          HasSubstr("people.csv:5:pillars: there is no pillar 'X9'"),
                          HasSubstr("people.csv:6:name: give the respondent's name"),
                          HasSubstr("people.csv:7:name: 'Ana' is given twice: row 2 has it"),
                          HasSubstr("people.csv:8:email: 'ben@example.org' is given twice: row 3"),
                          HasSubstr("people.csv:9:name: 'Old' is already a respondent"),
                          HasSubstr("people.csv:10:email: 'old@example.org' is already a "),
                          HasSubstr("people.csv:11: this row has 6 cells but the header names 5")));
}

TEST_F(BulkInvitationsTest, BadColumnsAreReportedBeforeAnyRow) {
  EXPECT_THAT(Problems("name,mail,group,language,phone\nAna,a@example.org,x,en,1\n"),
              ElementsAre(HasSubstr("people.csv:1:mail: unknown column 'mail'"),
                          HasSubstr("people.csv:1:phone: unknown column 'phone'"),
                          HasSubstr("people.csv:1:email: the column 'email' is missing")));
  EXPECT_THAT(Problems("name,email,group,language,Name\n"),
              ElementsAre(HasSubstr("people.csv:1:name: the column 'name' is given twice")));
  EXPECT_THAT(Problems("name,email,group,language\n\n"),
              ElementsAre(HasSubstr("people.csv: the file names its columns but invites no one")));
  EXPECT_THAT(Problems(""), ElementsAre(HasSubstr("people.csv: the file is empty")));
}

// Two ways a spreadsheet program saves "CSV" that are not comma-separated lines: separated by
// semicolons (a European language's setting) and old Mac line ends (a carriage return alone). Each
// gets one message that says what to do, not a list of unknown and missing columns or "a control
// character (code 13)" the person cannot see (found by an outside tester). The same messages come
// from every CSV reader (core/csv.h), for `meter score` and the survey's files too.
TEST_F(BulkInvitationsTest, ASemicolonSeparatedOrOldMacFileIsToldWhatToDo) {
  EXPECT_THAT(
      Problems("name;email;group;language\nAna;a@example.org;x;en\n"),
      ElementsAre(HasSubstr("people.csv:1: the header is one column holding ';': the file seems "
                            "separated by semicolons; save it as CSV with commas between the "
                            "columns")));
  EXPECT_THAT(Problems("name,email,group,language\rAna,a@example.org,x,en\r"),
              ElementsAre(HasSubstr("people.csv:1: the lines of this file end in a carriage return "
                                    "alone (an old Mac format)")));
  CsvProblems problems("answers.csv", 10);
  EXPECT_FALSE(HeaderColumns({"respondent;group;statement;answer"}, 1, {"respondent"}, problems));
  const std::vector<Problem> said = problems.Take();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_THAT(Render(said[0]), HasSubstr("separated by semicolons"));
}

TEST_F(BulkInvitationsTest, TextThatIsNotCleanCsvIsRefusedAtItsLine) {
  EXPECT_THAT(Problems("name,email,group,language\nAna,\"a@example.org,x,en\n"),
              ElementsAre(HasSubstr("people.csv:2:")));
  EXPECT_THAT(Problems("name,email,group,language\nAn\xff,a@example.org,x,en\n"),
              ElementsAre(HasSubstr("people.csv:2:")));
  EXPECT_THAT(Problems("name,email,group,language\nAn\x01,a@example.org,x,en\n"),
              ElementsAre(HasSubstr("people.csv:2:")));
}

TEST_F(BulkInvitationsTest, ATableFromAnotherFormatIsCheckedTheSameWay) {
  InvitationTable table;
  table.file = "people.xlsx";
  table.header_row = 1;
  table.columns = {"email", "name", "language", "group"};
  table.rows = {{2, {"a@example.org", "Ana", "zh", Group(1)}}, {5, {"bad", "Ben", "en", Group(1)}}};
  auto checked = CheckInvitationTable(table, round_, &instrument_, {});
  ASSERT_FALSE(checked.ok());
  ASSERT_EQ(checked.error().problems.size(), 1u);
  EXPECT_EQ(checked.error().problems[0].where, "people.xlsx:5:email");
  table.rows.pop_back();
  EXPECT_TRUE(CheckInvitationTable(table, round_, &instrument_, {}).ok());
}

TEST_F(BulkInvitationsTest, AWorkbooksFirstVisibleSheetIsReadWithTheRowNumbersItShows) {
  Workbook book;
  book.sheets.push_back({"Notes", true, {{1, {{1, "hidden, so not read"}}}}});
  book.sheets.push_back({"Empty", false, {}});
  book.sheets.push_back({"People",
                         false,
                         {{3, {{2, "name"}, {3, "email"}, {4, "group"}, {5, "language"}}},
                          {4, {{2, "Ana"}, {3, "a@example.org"}, {4, Group(0)}, {5, "es"}}},
                          {6, {{1, " "}}},
                          {7, {{2, "Ben"}, {4, Group(1)}, {5, "ru"}}}}});
  auto table = InvitationTableOfWorkbook("people.xlsx", book);
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  EXPECT_EQ(table.value().header_row, 3u);
  EXPECT_THAT(table.value().columns, ElementsAre("", "name", "email", "group", "language"));
  ASSERT_EQ(table.value().rows.size(), 2u);  // the blank row 6 left out
  EXPECT_EQ(table.value().rows[1].number, 7u);
  EXPECT_THAT(table.value().rows[1].cells, ElementsAre("", "Ben", "", Group(1), "ru"));
  // Column A has no name and no value: the table starts in column B. Ben has no e-mail.
  auto checked = CheckInvitationTable(table.value(), round_, &instrument_, {});
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(Rendered(checked.error()), ElementsAre(HasSubstr("people.xlsx:7:email: ")));
  // A value in the unnamed column would be lost: refused at its row.
  book.sheets[2].rows[1].cells.insert(book.sheets[2].rows[1].cells.begin(), {1, "note"});
  book.sheets[2].rows[3].cells.insert(book.sheets[2].rows[3].cells.begin() + 1,
                                      {3, "b@example.org"});
  checked = CheckInvitationTable(InvitationTableOfWorkbook("people.xlsx", book).value(), round_,
                                 &instrument_, {});
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(Rendered(checked.error()),
              ElementsAre(HasSubstr("people.xlsx:4: cell 1 holds 'note' but the header names no "
                                    "column there")));
}

TEST_F(BulkInvitationsTest, AnUnnamedColumnOfACsvHeaderIsRefusedOnlyWhereItHoldsAValue) {
  const std::string header = "name,email,group,language,\n";
  EXPECT_THAT(Problems(header + "Ana,a@example.org," + Group(0) + ",en,\n"), ElementsAre());
  EXPECT_THAT(Problems(header + "Ana,a@example.org," + Group(0) + ",en,T\n"),
              ElementsAre(HasSubstr("people.csv:2: cell 5 holds 'T' but the header names no column "
                                    "there")));
}

TEST_F(BulkInvitationsTest, AFileWithMorePeopleThanARoundMayHaveIsRefusedAtTheFirstRowTooMany) {
  std::string csv = "name,email,group,language\n";
  for (size_t i = 0; i < kMaxRespondentsPerRound + 5; ++i) csv += "x\n";
  const std::string row = std::to_string(kMaxRespondentsPerRound + 2);  // after the header
  EXPECT_THAT(Problems(csv), ElementsAre(HasSubstr("people.csv:" + row +
                                                   ": a file may invite at "
                                                   "most 500 people")));
  Workbook book;
  book.sheets.push_back({"People", false, {{1, {{1, "name"}}}}});
  for (uint32_t r = 2; r < kMaxRespondentsPerRound + 9; ++r) {
    book.sheets[0].rows.push_back({r, {{1, "x"}}});
  }
  auto table = InvitationTableOfWorkbook("people.xlsx", book);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(Rendered(table.error()),
              ElementsAre(HasSubstr("people.xlsx:" + row + ": a file may invite at most 500")));
}

TEST_F(BulkInvitationsTest, AWorkbookCellFarToTheRightIsRefusedAtItsCell) {
  Workbook book;
  book.sheets.push_back({"People", false, {{1, {{1, "name"}}}, {2, {{1, "Ana"}, {16384, "x"}}}}});
  auto table = InvitationTableOfWorkbook("people.xlsx", book);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(Rendered(table.error()),
              ElementsAre(HasSubstr("People!XFD2: a table of people to invite ends at column Z")));
}

TEST_F(BulkInvitationsTest, AWorkbookWithoutAVisibleCellIsRefused) {
  Workbook book;
  book.sheets.push_back({"Hidden", true, {{1, {{1, "name"}}}}});
  auto table = InvitationTableOfWorkbook("people.xlsx", book);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(Rendered(table.error()),
              ElementsAre(HasSubstr("people.xlsx: the workbook is empty")));
}

}  // namespace
}  // namespace meter
