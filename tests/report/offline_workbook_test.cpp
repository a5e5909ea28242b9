// Issue 14: the questionnaire workbook written, filled by openpyxl, read back with the XLSX reader
// (libzip + pugixml) and understood as answers (core/offline_answers.h); and every kind of bad
// workbook refused with each problem at its cell.
#include <gmock/gmock.h>

#include "core/offline_answers.h"
#include "offline_workbooks.h"
#include "report/questionnaire_workbook.h"
#include "report/xlsx_reader.h"

namespace meter::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using json = nlohmann::json;

class OfflineWorkbook : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadInstrument(ReadText(SourcePath("content/instruments/meter-2.0.yaml")),
                                 "meter-2.0.yaml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    instrument_ = std::make_unique<Instrument>(std::move(loaded).value());
    respondent_.id = 9;
    respondent_.round_id = 5;
    respondent_.pillars = {"C", "L"};
    q_.key = {5, 9, instrument_->id, instrument_->version, "fr"};
    q_.instrument = instrument_.get();
    q_.respondent = respondent_;
    q_.title = "Armenia 2026";
    StoredAnswer a;
    a.statement = "C1.1";
    a.value = "2";
    a.comment = "déjà";
    a.version = 3;
    q_.answers.push_back(a);
  }
  std::string Sheet(const std::string& pillar) const {
    return OfflineSheetName(*instrument_->FindPillar(pillar), "fr");
  }
  std::string Book() const {
    auto book = QuestionnaireWorkbook(q_, std::locale::classic());
    EXPECT_TRUE(book.ok()) << book.error().ToString();
    return book.ok() ? book.value() : "";
  }
  // The problems of reading `bytes` as the workbook of q_, rendered.
  std::vector<std::string> Problems(const std::string& bytes, OfflineKey expected = {}) const {
    if (expected.round == 0) expected = q_.key;
    std::vector<std::string> out;
    auto book = ReadXlsxSheets(bytes);
    if (!book) {
      for (const Problem& p : book.error().problems) out.push_back(Render(p));
      return out;
    }
    auto read = ReadOfflineAnswers(book.value(), expected, *instrument_, respondent_);
    if (!read) {
      for (const Problem& p : read.error().problems) out.push_back(Render(p));
    }
    return out;
  }
  std::unique_ptr<Instrument> instrument_;
  Respondent respondent_;
  OfflineQuestionnaire q_;
};

TEST_F(OfflineWorkbook, WhatOpenpyxlFillsInIsReadBackAsAnswers) {
  const std::string c = Sheet("C"), l = Sheet("L");
  const std::string filled = FillWorkbook(
      Book(), json::array({{{"sheet", c}, {"cell", "C2"}, {"value", "Largement mis en place"}},
                           {{"sheet", c}, {"cell", "D2"}, {"value", "une note\nsur deux lignes"}},
                           {{"sheet", c}, {"cell", "C3"}, {"value", "Ne sait pas"}},
                           {{"sheet", l}, {"cell", "C2"}, {"value", "Sans objet"}},
                           {{"sheet", l}, {"cell", "E2"}, {"value", "https://example.org/loi"}},
                           {{"sheet", l}, {"cell", "C3"}, {"value", 4}}}));
  auto book = ReadXlsxSheets(filled);
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  auto read = ReadOfflineAnswers(book.value(), q_.key, *instrument_, respondent_);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  EXPECT_EQ(read.value().key.language, "fr");
  std::map<std::string, AnswerWrite> by;
  for (const OfflineAnswer& a : read.value().answers) by[a.write.statement] = a.write;
  size_t statements = 0;
  for (const char* p : {"C", "L"}) {
    for (const SubArea& sa : instrument_->FindPillar(p)->subareas)
      statements += sa.statements.size();
  }
  EXPECT_EQ(by.size(), statements) << "every statement of the respondent's pillars, no other";
  EXPECT_EQ(by["C1.1"].value, "3");
  EXPECT_EQ(by["C1.1"].comment, "une note\nsur deux lignes");
  EXPECT_EQ(by["C1.1"].expected_version, 3) << "the version it was downloaded with";
  EXPECT_EQ(by["C1.2"].value, "DK");
  EXPECT_EQ(by["C1.2"].expected_version, 0);
  const std::string l1 = instrument_->FindPillar("L")->subareas[0].statements[0].id;
  const std::string l2 = instrument_->FindPillar("L")->subareas[0].statements[1].id;
  EXPECT_EQ(by[l1].value, "NA");
  EXPECT_EQ(by[l1].evidence_url, "https://example.org/loi");
  EXPECT_EQ(by[l2].value, "4") << "a level's code typed as a number";
  EXPECT_EQ(by["C1.3"].value, "") << "an empty answer cell clears";
}

TEST_F(OfflineWorkbook, TheWorkbookLocksItsIdsAndOffersTheScale) {
  const std::string book = Book();
  auto read = ReadXlsxSheets(book);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ASSERT_EQ(read.value().sheets.size(), 3u);
  EXPECT_EQ(read.value().sheets[0].name, Sheet("C"));
  EXPECT_EQ(read.value().sheets[2].name, "meter");
  EXPECT_TRUE(read.value().sheets[2].hidden);
  EXPECT_EQ(read.value().sheets[0].Row(2)->Text(3), "Partiellement mis en place");
  // The sheets are protected, the answer cells unlocked, the drop-down a list on the hidden sheet.
  EXPECT_THAT(book, HasSubstr("xl/worksheets/sheet1.xml"));
  auto zipped = [&](const std::string& needle) { return book.find(needle) != std::string::npos; };
  (void)zipped;
  const WorkbookSheet& meta = read.value().sheets[2];
  EXPECT_EQ(meta.Row(2)->Text(2), "5");
  EXPECT_EQ(meta.Row(3)->Text(2), "9");
  EXPECT_EQ(meta.Row(6)->Text(2), "fr");
  EXPECT_EQ(meta.Row(2)->Text(4), "Non mis en place");
}

TEST_F(OfflineWorkbook, EveryProblemOfABadWorkbookIsPlacedAtItsCell) {
  const std::string c = Sheet("C");
  const std::string bad =
      FillWorkbook(Book(), json::array({{{"sheet", c}, {"cell", "C2"}, {"value", "Peut-être"}},
                                        {{"sheet", c}, {"cell", "A3"}, {"value", "C9.9"}},
                                        {{"sheet", c}, {"cell", "A4"}, {"value", "C1.1"}},
                                        {{"sheet", c}, {"cell", "D5"}, {"value", "=1+1"}}}));
  const auto problems = Problems(bad);
  EXPECT_THAT(problems, Contains(c + "!D5: a formula is not accepted"));
  // The formula stops the file before its answers are read; without it, the rest.
  const std::string no_formula =
      FillWorkbook(Book(), json::array({{{"sheet", c}, {"cell", "C2"}, {"value", "Peut-être"}},
                                        {{"sheet", c}, {"cell", "A3"}, {"value", "C9.9"}},
                                        {{"sheet", c}, {"cell", "A4"}, {"value", "C1.1"}}}));
  const auto rest = Problems(no_formula);
  EXPECT_THAT(rest, Contains(c + "!C2: 'Peut-être' is not an answer to C1.1; choose one from "
                                 "the list"));
  EXPECT_THAT(rest, Contains(c + "!A3: 'C9.9' is not a statement of this sheet; keep the IDs as "
                                 "downloaded"));
  EXPECT_THAT(rest, Contains(c + "!A4: statement C1.1 appears twice (also in row 2)"));
  EXPECT_THAT(rest, Contains(c + "!A3: statement C1.2 is missing; keep every row as downloaded"));
}

TEST_F(OfflineWorkbook, AnotherRoundsRespondentsOrVersionsWorkbookIsRefused) {
  const std::string book = Book();
  OfflineKey other = q_.key;
  other.round = 6;
  EXPECT_THAT(Problems(book, other),
              Contains("meter!B2: this workbook belongs to another round (5); download the "
                       "workbook of this round"));
  other = q_.key;
  other.respondent = 10;
  EXPECT_THAT(Problems(book, other),
              Contains("meter!B3: this workbook belongs to another respondent (9); download your "
                       "own workbook"));
  other = q_.key;
  other.version = "3.0";
  EXPECT_THAT(Problems(book, other),
              Contains("meter!B5: this workbook is for instrument meter 2.0, but the round uses "
                       "meter 3.0"));
}

TEST_F(OfflineWorkbook, FilesThatAreNotWorkbooksOrTooLargeAreRefusedBeforeReading) {
  EXPECT_THAT(Problems("just some text"),
              Contains("workbook: the file is not an XLSX workbook (it is not a ZIP archive)"));
  EXPECT_THAT(Problems(BrokenArchive("no-parts")),
              Contains("workbook: the file is not an XLSX workbook: its part _rels/.rels is "
                       "missing"));
  const std::string bomb = BrokenArchive("bomb");
  EXPECT_LT(bomb.size(), 200u * 1024) << "a small file";
  const auto refused = Problems(bomb);
  ASSERT_FALSE(refused.empty());
  EXPECT_THAT(refused[0], StartsWith("workbook: the part xl/worksheets/sheet1.xml would expand to "
                                     "50331659 bytes"));
  std::string big = Book();
  big.resize(10 * 1024 * 1024 + 1, ' ');
  EXPECT_THAT(Problems(big), Contains("workbook: the file is larger than 10 MB"));
  // The caps hold while reading too: a part may not inflate past what the limits allow.
  XlsxLimits tight;
  tight.max_entry_bytes = 100;
  auto small = ReadXlsxSheets(Book(), tight);
  ASSERT_FALSE(small.ok());
  EXPECT_THAT(small.error().ToString(), HasSubstr("would expand to"));
}

// What a spreadsheet keeps of a failed formula, and what no spreadsheet program writes but a file
// may hold, is refused at its place, never read as a value: an error cell ("#N/A" pasted as a
// value would have become a respondent's name), a shared string whose index is not a number
// (read as string 0), a row numbered 0, a row or a cell given twice (one of them silently lost).
TEST_F(OfflineWorkbook, ErrorCellsAndMalformedRowsAndCellsAreRefusedAtTheirPlace) {
  const auto problems_of = [](const std::string& rows) {
    std::vector<std::string> out;
    auto book = ReadXlsxSheets(RawWorkbook(rows, {"Name", "Ana"}));
    if (!book) {
      for (const Problem& p : book.error().problems) out.push_back(Render(p));
    }
    return out;
  };
  const std::string header = R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)";
  EXPECT_THAT(problems_of(header + R"(<row r="2"><c r="A2" t="e"><v>#N/A</v></c></row>)"),
              Contains("People!A2: the cell holds the spreadsheet error #N/A"));
  EXPECT_THAT(problems_of(header + R"(<row r="2"><c r="A2" t="s"><v>abc</v></c></row>)"),
              Contains("People!A2: the cell refers to a shared string that does not exist"));
  EXPECT_THAT(problems_of(header + R"(<row r="0"><c t="s"><v>1</v></c></row>)"),
              Contains("People!0: the row number is not valid"));
  EXPECT_THAT(problems_of(header + R"(<row r="2"><c r="A2" t="s"><v>1</v></c></row>)"
                                   R"(<row r="2"><c r="B2" t="s"><v>1</v></c></row>)"),
              Contains("People!2: the row is given twice in the file"));
  EXPECT_THAT(problems_of(header + R"(<row r="2"><c r="B2" t="s"><v>1</v></c>)"
                                   R"(<c r="B2"><v>7</v></c></row>)"),
              Contains("People!B2: the cell is given twice in the file"));
  // The same rows written well are read.
  auto fine = ReadXlsxSheets(
      RawWorkbook(header + R"(<row r="2"><c r="B2" t="s"><v>1</v></c></row>)", {"Name", "Ana"}));
  ASSERT_TRUE(fine.ok()) << fine.error().ToString();
  EXPECT_EQ(fine.value().Sheet("People")->Row(2)->Text(2), "Ana");
}

TEST_F(OfflineWorkbook, TheReaderGivesCellsWithReferencesForAnyUse) {
  const std::string filled =
      FillWorkbook(Book(), json::array({{{"sheet", Sheet("L")}, {"cell", "AA7"}, {"value", "far"}},
                                        {{"sheet", Sheet("L")}, {"cell", "B1"}, {"value", 1.5}}}));
  auto book = ReadXlsxSheets(filled);
  ASSERT_TRUE(book.ok()) << book.error().ToString();
  const WorkbookSheet* l = book.value().Sheet(Sheet("L"));
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->Row(7)->Text(27), "far");
  EXPECT_EQ(l->Row(1)->Text(2), "1.5");
  EXPECT_EQ(l->Where(7, 27), Sheet("L") + "!AA7");
}

}  // namespace
}  // namespace meter::testing
