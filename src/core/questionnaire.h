// The questionnaire as a respondent meets it: one page per sub-area of the pillars they were asked
// about, the check of each answer they give, and their progress. Pure functions of the instrument
// and the stored values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"
#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

struct QuestionnairePage {
  const Pillar* pillar;
  const SubArea* subarea;
};

// The pages of `respondent`, in instrument order: every sub-area of the pillars they were invited
// to answer (all pillars when their list is empty).
std::vector<QuestionnairePage> PagesFor(const Instrument& instrument, const Respondent& respondent);

// Checks one write against the instrument and the respondent's pillars: a known statement, a level
// code of its answer set or DK or NA (or empty, to clear), a comment of at most kMaxCommentLength
// characters (lines allowed) and an evidence link that is empty or a one-line http(s) URL of at
// most kMaxEvidenceLinkLength characters (core/limits.h), all UTF-8 without control characters
// (core/text_rules.h).
// kInvalidInput with problems whose `where` is the statement ID (or the field for an unknown one).
Result<bool> CheckAnswer(const Instrument& instrument, const Respondent& respondent,
                         const AnswerWrite& write);

struct Progress {
  size_t answered = 0;  // statements with a value
  size_t total = 0;     // statements on the respondent's pages
};

// Overall progress, and per pillar in instrument order (pillars the respondent does not answer are
// left out).
Progress ProgressOf(const Instrument& instrument, const Respondent& respondent,
                    const std::vector<StoredAnswer>& answers);
std::vector<std::pair<std::string, Progress>> ProgressByPillar(
    const Instrument& instrument, const Respondent& respondent,
    const std::vector<StoredAnswer>& answers);
// The same from the count the store keeps with the respondent (Respondent::answered), without
// reading the answers: what every questionnaire page shows. Every answer METER stores passed
// CheckAnswer, so the count covers only statements on the respondent's pages.
Progress ProgressOf(const Instrument& instrument, const Respondent& respondent);

}  // namespace meter
