// Helpers shared by the tests: reading files of the source tree and loading instruments.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/instrument_loader.h"

namespace meter::testing {

inline std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(METER_SOURCE_DIR) / relative;
}

inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Loads an instrument of the source tree; fails the test (and returns an empty one) if it is
// invalid.
inline Instrument LoadOrFail(const std::string& relative) {
  auto loaded = LoadInstrument(ReadText(SourcePath(relative)), relative);
  if (!loaded) {
    ADD_FAILURE() << loaded.error().ToString();
    return Instrument{};
  }
  return std::move(loaded).value();
}

}  // namespace meter::testing
