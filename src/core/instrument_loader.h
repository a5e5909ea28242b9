// Loading an instrument file (docs/instrument-format.md) and checking every rule on it.
//
// LoadInstrument parses the YAML text given by the caller (core reads no files) and returns a
// sealed Instrument, or an Error of kind kInvalidInput carrying every problem found, each placed at
// "file:line:column" with `file_name` as given. It never returns a partially checked instrument.
// Thread-safe: no shared state.
#pragma once

#include <string_view>

#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

inline constexpr std::string_view kInstrumentFormat = "meter-instrument/1";

Result<Instrument> LoadInstrument(std::string_view yaml_text, std::string_view file_name);

}  // namespace meter
