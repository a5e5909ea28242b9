// Helpers shared by the tests: reading files of the source tree and loading instruments.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/instrument_loader.h"
#include "core/yaml_tree.h"

namespace meter::testing {

// A golden YAML (or JSON) file read with core's reader; fails the test (and gives an empty
// document) when it cannot be read.
inline YamlDocument ReadYamlOrFail(const std::string& text, const std::string& name) {
  YamlDocument document;
  if (const auto error = ReadYaml(text, document)) {
    ADD_FAILURE() << name << ":" << error->mark.line << ":" << error->mark.column << ": "
                  << error->message << (error->args.empty() ? "" : " " + error->args[0]);
  }
  return document;
}

// The value of a golden file's scalar; fails the test when it is not one of that kind.
inline double NumberOf(const YamlNode& node) {
  double value = 0;
  if (!YamlToDouble(node, value)) ADD_FAILURE() << "not a number at line " << node.Mark().line;
  return value;
}
inline size_t CountOf(const YamlNode& node) {
  int value = -1;
  if (!YamlToInt(node, value) || value < 0) {
    ADD_FAILURE() << "not a count at line " << node.Mark().line;
  }
  return static_cast<size_t>(value);
}
inline bool BoolOf(const YamlNode& node) {
  bool value = false;
  if (!YamlToBool(node, value)) ADD_FAILURE() << "not true or false at line " << node.Mark().line;
  return value;
}
inline std::vector<std::string> TextsOf(const YamlNode& node) {
  std::vector<std::string> out;
  if (!node.IsSequence()) ADD_FAILURE() << "not a list at line " << node.Mark().line;
  for (const YamlNode item : node.Items()) out.push_back(item.Scalar());
  return out;
}

// Expects `actual` to be within 1e-9 of `expected`; `what` names the value in the failure message.
inline void ExpectNumber(double expected, const std::optional<double>& actual,
                         const std::string& what) {
  ASSERT_TRUE(actual.has_value()) << what << ": expected " << expected << ", got null";
  EXPECT_NEAR(*actual, expected, 1e-9) << what;
}

// Expects `actual` to be null when `expected` is (a YAML or JSON null), else within 1e-9 of it.
inline void ExpectNumber(const YamlNode& expected, const std::optional<double>& actual,
                         const std::string& what) {
  if (expected.IsNull()) {
    EXPECT_FALSE(actual.has_value()) << what << ": expected null, got " << actual.value_or(0);
    return;
  }
  ExpectNumber(NumberOf(expected), actual, what);
}

inline std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(METER_SOURCE_DIR) / relative;
}

inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// What a run of the meter binary gave: its exit code, standard output and standard error.
struct Outcome {
  int code;
  std::string out;
  std::string err;
};

// Runs the meter binary from the source tree, in the C.UTF-8 locale, with `args` (after `wrapper`,
// a command such as `env X=1`, when given) and `input` on standard input; its output goes through
// files in `dir`.
inline Outcome RunMeterIn(const std::filesystem::path& dir, const std::string& args,
                          const std::string& input = "", const std::string& wrapper = "") {
  const std::filesystem::path in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  std::ofstream(in, std::ios::binary) << input;
  const std::string command = "cd '" + std::string(METER_SOURCE_DIR) + "' && LANG=C.UTF-8 " +
                              wrapper + " '" + METER_BINARY + "' " + args + " <'" + in.string() +
                              "' >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return {WEXITSTATUS(status), ReadText(out), ReadText(err)};
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

// Loads an instrument from `text`, reported as `name`; fails the test (and returns an empty one) if
// it is invalid.
inline Instrument LoadText(const std::string& text, const std::string& name = "x.yaml") {
  auto loaded = LoadInstrument(text, name);
  if (!loaded) {
    ADD_FAILURE() << loaded.error().ToString();
    return Instrument{};
  }
  return std::move(loaded).value();
}

// `text` with its one occurrence of `from` replaced by `to`; fails the test when there is none.
inline std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "not found: " << from;
    return text;
  }
  return text.replace(at, from.size(), to);
}

}  // namespace meter::testing
