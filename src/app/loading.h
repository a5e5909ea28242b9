// Reading the CLI's input files into core values: an instrument, a groups file, an answers file.
// Each returns kUnavailable when the file cannot be read and kInvalidInput with every problem
// placed at "file:line[:column]" when its content is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/answers.h"
#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

Result<Instrument> LoadInstrumentFile(const std::string& path);
Result<AnswerSheet> LoadAnswersFile(const std::string& path, const Instrument& instrument,
                                    const std::optional<std::string>& groups_path);

}  // namespace meter
