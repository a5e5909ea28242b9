// Reading an answers CSV (docs/cli.md): a header with the columns respondent, group, statement,
// answer and comment, in any order (other columns are ignored), then one row per answer.
//
// The answer is a level code of the statement's answer set, DK or NA; an empty answer means "not
// answered" and the row is skipped. A respondent with an empty group is in the group "all".
// When `declared_groups` is given, every group used must be in it and its weights apply; otherwise
// each group named in the file gets weight 1.
//
// Fails with kInvalidInput listing the problems at "file:line" (up to kMaxAnswerProblems): text
// that is not UTF-8, a control character (only a comment may hold a tab or a line break;
// core/text_rules.h), a comment longer than kMaxCommentLength characters, a malformed CSV record
// or one longer than kMaxAnswersRecord bytes, a missing column, an empty respondent, an unknown
// statement, an answer code the statement's scale does not have, a respondent×statement given
// twice, a respondent in two groups, an undeclared group. Never a partial result. Both functions
// read the file with the one reader of core/answers_reader.h.
#pragma once

#include <string_view>
#include <vector>

#include "core/answers.h"
#include "core/answers_reader.h"
#include "core/byte_source.h"
#include "core/instrument.h"
#include "core/problem.h"
#include "core/scoring.h"

namespace meter {

// The whole sheet, for text in memory. `text` is only read during the call.
Result<AnswerSheet> ParseAnswersCsv(std::string_view text, std::string_view file_name,
                                    const Instrument& instrument,
                                    const std::vector<Group>* declared_groups = nullptr);

// The what `meter score` needs for a file of any size: the file streamed from `source` and scored
// as it is read (core/scoring.h AnswerTotals), in memory bounded by the instrument × the groups
// and kScoreRespondentBudget; the report equals Score(ParseAnswersCsv(…)) to the last bit. The
// source is read again when the file has more respondents than the budget holds.
inline constexpr size_t kScoreRespondentBudget = size_t{1} << 20;
Result<ScoreReport> ScoreAnswersCsv(ByteSource& source, std::string_view file_name,
                                    const Instrument& instrument,
                                    const std::vector<Group>* declared_groups = nullptr,
                                    size_t respondent_budget = kScoreRespondentBudget);

}  // namespace meter
