// Answering offline (issue 14): one respondent's questionnaire as an XLSX workbook to fill in, and
// as a printable PDF with boxes to tick, in the language of `q.key.language` (instrument text,
// answer labels) and `locale` (METER's own words: headings, the instructions). The workbook's
// layout is core/offline_answers.h's: a sheet per pillar, protected, where only the answer (a
// drop-down of the choices), comment and evidence cells can be changed; the current answers filled
// in; and the hidden sheet that says whose workbook it is. Thread-safe: no shared state.
#pragma once

#include <locale>
#include <string>

#include "core/offline_answers.h"
#include "core/problem.h"

namespace meter {

// The workbook's bytes; kUnavailable when no temporary file could be used, kInternal when
// libxlsxwriter fails.
Result<std::string> QuestionnaireWorkbook(const OfflineQuestionnaire& q, const std::locale& locale);

// The PDF's bytes (A4, tagged as the country report is); kInternal when cairo fails.
Result<std::string> QuestionnairePdf(const OfflineQuestionnaire& q, const std::locale& locale);

}  // namespace meter
