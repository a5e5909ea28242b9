// A questionnaire page as a respondent sends it back whole (a form posted without JavaScript),
// and what is left for them to answer before they finish. Pure functions of the instrument, the
// respondent's pages and the stored answers; thread-safe.
//
// A posted page is taken in part: every statement whose input is valid and whose version is the
// stored one is written; the others are refused one by one, each with the reason it was refused
// (so the page can show the message beside the field and keep what was typed), and never stop the
// rest of the page from being saved.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/instrument.h"
#include "core/problem.h"
#include "core/questionnaire.h"

namespace meter {

// Why one statement's posted answer was not written. Problems have no `where` (the field they
// are grouped under says it).
struct AnswerRefusal {
  std::vector<Problem> value, comment, evidence;  // input the rules refuse, by field
  // Set when the page was opened on another version than the stored one: the answer as stored now
  // (version 0 and empty when it was cleared or never given), which the respondent can keep or
  // replace with what they sent.
  std::optional<StoredAnswer> stale;
  bool invalid() const { return !value.empty() || !comment.empty() || !evidence.empty(); }
};

struct PageSave {
  std::vector<AnswerWrite> writes;               // valid, current and changed: to be written
  std::map<std::string, AnswerRefusal> refused;  // by statement ID
  bool invalid() const;                          // some input broke the rules (not only stale)
};

// Sorts the posted answers of one page (one write per statement of the page, `expected_version`
// as posted, -1 when the form carried none or not a number: refused as invalid input) against the
// stored answers to the page's statements.
// An answer posted exactly as stored is neither written nor refused, whatever its version, so
// that an untouched statement never conflicts. Checks each field on its own with CheckAnswer, so
// that each problem belongs to one field.
PageSave SortPostedPage(const Instrument& instrument, const Respondent& respondent,
                        const std::vector<AnswerWrite>& posted,
                        const std::vector<StoredAnswer>& stored);

// A statement the respondent has not answered yet, or answered "don't know".
struct LeftStatement {
  size_t page = 0;  // 1-based, among the respondent's pages
  const Statement* statement = nullptr;
  bool dont_know = false;  // answered "don't know" (else: no answer)
};

// Every statement of `pages` without a value in `answers` or answered "DK", in page order.
std::vector<LeftStatement> LeftToAnswer(const std::vector<QuestionnairePage>& pages,
                                        const std::vector<StoredAnswer>& answers);

}  // namespace meter
