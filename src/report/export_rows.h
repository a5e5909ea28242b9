// What the text exports (exports.cpp) and the workbook (export_workbook.cpp) both show, decided in
// one place so that the CSV, the JSON and the sheets never disagree. Internal to report/.
//
// Pure functions; thread-safe. Pointers handed out borrow from the dossier and its instrument.
#pragma once

#include <string>
#include <vector>

#include "core/round_dossier.h"

namespace meter::export_rows {

// The English name of a unit: the instrument's, or "Overall index" for the overall index.
std::string UnitName(const Instrument& instrument, const UnitScore& unit);

// The English name of a sub-area, or "" when the instrument does not have it.
std::string SubAreaName(const Instrument& instrument, const std::string& id);

// "very_high"…, or "" without a band.
std::string BandKeyOf(const std::optional<Band>& band);

struct AnswerOf {
  const StoredAnswer* answer;
  const Respondent* respondent;
};

// The answers that exports show, in stored order: those of the dossier's respondents that hold
// an answer, a comment or an evidence link (the same rows AnswersCsvOf writes).
std::vector<AnswerOf> ExportedAnswers(const RoundDossier& dossier);

// The SDMX OBS_STATUS of a unit's score: "A" ("P" while the round's results are provisional), "O"
// (withheld) or "M" (nothing applicable).
const char* ObsStatus(const UnitScore& unit, RoundStatus status);

// "provisional" while the round is not closed (ResultsAreProvisional), else "final".
const char* ResultStatus(RoundStatus status);

}  // namespace meter::export_rows
