// From a round's stored answers to the inputs of scoring and to the answers export, so that the web
// results and `meter score` on the exported CSV are the same computation on the same data.
#pragma once

#include <string>
#include <vector>

#include "core/answers.h"
#include "core/domain.h"
#include "core/instrument.h"
#include "core/scoring.h"

namespace meter {

// The sheet of a round: its groups and weights, its respondents (by name, in id order) and their
// answers with a value. Answers to statements the instrument does not have are skipped.
AnswerSheet SheetOf(const Instrument& instrument, const Round& round,
                    const std::vector<Respondent>& respondents,
                    const std::vector<StoredAnswer>& answers);

// How exports name a respondent: "r" and the store's ID ("r12"), never the name, e-mail address or
// token, which are confidential.
std::string RespondentLabel(Id id);

// The answers CSV of a round (docs/cli.md, docs/exports.md): respondent,group,statement,answer,
// comment plus the columns evidence_url, round_id, instrument_id and instrument_version, which
// `meter score` ignores. Respondents are named by RespondentLabel. One row per stored answer of a
// listed respondent that holds an answer, a comment or an evidence link (a row without an answer
// is "not answered" to `meter score`). Comments, evidence links and the instrument are guarded
// against spreadsheet formulas (CsvTextField); the group is written as it is, since `meter score
// --groups` must find it in the groups CSV.
std::string AnswersCsvOf(const Instrument& instrument, const Round& round,
                         const std::vector<Respondent>& respondents,
                         const std::vector<StoredAnswer>& answers);

// The groups CSV of a round (group,weight), for `meter score --groups`.
std::string GroupsCsvOf(const Round& round);

}  // namespace meter
