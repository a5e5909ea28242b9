// Reading the CLI's input files into core values: an instrument, a groups file, an answers file
// (scored as it is read).
// Each returns kUnavailable when the file cannot be read and kInvalidInput with every problem
// placed at "file:line[:column]" when its content is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/answers.h"
#include "core/instrument.h"
#include "core/problem.h"
#include "core/scoring.h"

namespace meter {

Result<Instrument> LoadInstrumentFile(const std::string& path);
// The scores of an answers file of any size, streamed (core/answers_csv.h ScoreAnswersCsv).
Result<ScoreReport> ScoreAnswersFile(const std::string& path, const Instrument& instrument,
                                     const std::optional<std::string>& groups_path);

}  // namespace meter
