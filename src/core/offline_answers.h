// Answering offline (issue 14): the layout of the questionnaire workbook a respondent downloads,
// and what an uploaded one says, read from its cells (core/workbook.h) with every problem placed
// as `Sheet!C5`. report/ writes the workbook and reads the XLSX file; web/ checks who uploads it
// and saves with the web questionnaire's rules (SortPostedPage, then the store). Pure functions;
// thread-safe.
//
// The workbook: one sheet per pillar the respondent answers (OfflineSheetName), a header row, then
// one row per statement in instrument order with the columns of OfflineColumn; and a hidden sheet
// kOfflineSheet that says whose workbook it is (round, respondent, instrument and version,
// language: OfflineKeyRow) and, from kOfflineVersionsRow on, each statement's answer version when
// it was downloaded, so that an answer changed on the web meanwhile is reported, not overwritten.
// Nothing in it is secret: the uploader must be the respondent it names (or their coordinator),
// so a forged identity gains nothing, and a forged version only what the web form allows.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/instrument.h"
#include "core/problem.h"
#include "core/questionnaire_page.h"
#include "core/workbook.h"

namespace meter {

inline constexpr const char* kOfflineSheet = "meter";
inline constexpr const char* kOfflineFormat = "1";  // kOfflineSheet!B1
enum OfflineColumn : uint32_t {
  kIdColumn = 1,
  kTextColumn,
  kAnswerColumn,
  kCommentColumn,
  kEvidenceColumn
};
// Rows of kOfflineSheet, column A the key and B the value.
enum OfflineKeyRow : uint32_t {
  kFormatRow = 1,
  kRoundRow,
  kRespondentRow,
  kInstrumentRow,
  kVersionRow,
  kLanguageRow,
  kOfflineVersionsRow = 9  // statement ID, answer version; one row each, after a header in 8
};
// kOfflineSheet's column holding the choices of answer set i (header: the set's ID), from D.
inline constexpr uint32_t kChoicesColumn = 4;

// Whose workbook it is.
struct OfflineKey {
  Id round = 0;
  Id respondent = 0;
  std::string instrument, version;
  std::string language;  // the labels' language (an instrument language or English)
};

// What the workbook and the printable PDF of one respondent's questionnaire are made of. Borrows
// the instrument, which must outlive it.
struct OfflineQuestionnaire {
  OfflineKey key;
  const Instrument* instrument = nullptr;
  Respondent respondent;
  std::vector<StoredAnswer> answers;  // the respondent's answers now, in any order
  std::string title;                  // the round's title, for the PDF's first page
};

// What one answer cell may hold: the set's levels, then "don't know" and "not applicable", each
// as its label in `lang` (English where missing) and the code stored.
struct AnswerChoice {
  std::string label, code;
};
std::vector<AnswerChoice> AnswerChoices(const AnswerSet& set, std::string_view lang);

// A pillar's sheet: "C Commitment" in `lang`, without the characters a sheet name may not hold
// ([]:*?/\) and cut to 31 characters.
std::string OfflineSheetName(const Pillar& pillar, std::string_view lang);

// The pillars `respondent` answers, in instrument order.
std::vector<const Pillar*> OfflinePillars(const Instrument& instrument,
                                          const Respondent& respondent);

// One statement's answer as the workbook gives it, and the row it is on.
struct OfflineAnswer {
  AnswerWrite write;  // expected_version: as downloaded (kOfflineSheet), 0 when it had none
  std::string sheet;
  uint32_t row = 0;
};
struct OfflineUpload {
  OfflineKey key;
  std::vector<OfflineAnswer> answers;  // every statement of the respondent's pillars
};

// Reads `book` as the workbook of `expected` (its language is taken from the file). kInvalidInput
// with every problem: not a METER questionnaire workbook; another round's, respondent's,
// instrument's or version's workbook (and then nothing else is checked); a pillar's sheet missing;
// a statement ID changed, repeated or missing; an answer that is not one of the statement's
// choices; an answer without an ID; a version that is not a number. The content of comments and
// links is left to CheckAnswer (SortPostedPage), whose refusals OfflineRefusals places.
Result<OfflineUpload> ReadOfflineAnswers(const Workbook& book, const OfflineKey& expected,
                                         const Instrument& instrument,
                                         const Respondent& respondent);

// The input refusals of SortPostedPage over `upload`'s writes, each placed at its cell (an answer
// changed elsewhere is not a problem of the file and is left out).
std::vector<Problem> OfflineRefusals(const OfflineUpload& upload,
                                     const std::map<std::string, AnswerRefusal>& refused);

}  // namespace meter
