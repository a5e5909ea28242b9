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

// The answers CSV of a round (docs/cli.md): respondent,group,statement,answer,comment plus
// evidence_url, round and instrument columns, which `meter score` ignores. Respondents are named
// "r<id>" so that the export carries no names or e-mail addresses.
std::string AnswersCsvOf(const Instrument& instrument, const Round& round,
                         const std::vector<Respondent>& respondents,
                         const std::vector<StoredAnswer>& answers);

// The groups CSV of a round (group,weight), for `meter score --groups`.
std::string GroupsCsvOf(const Round& round);

}  // namespace meter
