// Issue 14: workbooks for the offline-answer tests, made by tests/report/offline_workbook.py
// (openpyxl fills a downloaded workbook as a respondent's spreadsheet program would; zipfile
// makes broken archives). Each helper fails the current test when the script fails.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace meter::testing {

// Runs the script with `command` ("bomb", "fill", "new", "raw") and the paths; returns what it
// wrote at OUT.
inline std::string RunOfflineScript(const std::string& command, const std::string& in_bytes,
                                    const std::string& edits) {
  char dir[] = "/tmp/meter-offline-XXXXXX";
  if (!::mkdtemp(dir)) {
    ADD_FAILURE() << "no temporary directory";
    return "";
  }
  const std::string d = dir;
  std::ofstream(d + "/in.xlsx", std::ios::binary) << in_bytes;
  std::ofstream(d + "/edits.json", std::ios::binary) << edits;
  const std::string script = SourcePath("tests/report/offline_workbook.py").string();
  const std::string in = command == "fill" ? " '" + d + "/in.xlsx'" : "";
  const std::string edits_arg =
      command == "fill" || command == "new" || command == "raw" ? " '" + d + "/edits.json'" : "";
  const std::string args = in + " '" + d + "/out.xlsx'" + edits_arg;
  const std::string line = "/usr/bin/python3 '" + script + "' " + command + args + " 2>&1";
  std::string said;
  if (FILE* pipe = ::popen(line.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) said.append(buf, n);
    const int status = ::pclose(pipe);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << said;
  }
  std::string out = ReadText(d + "/out.xlsx");
  std::filesystem::remove_all(d);
  return out;
}

// `bytes` opened, edited and saved by openpyxl. Each edit is {"sheet": name or "#0", "cell":
// "C2", "value": …}.
inline std::string FillWorkbook(const std::string& bytes, const nlohmann::json& edits) {
  return RunOfflineScript("fill", bytes, edits.dump());
}

// A new workbook holding only `edits` (a sheet they name is added to the first, "Sheet").
inline std::string NewWorkbook(const nlohmann::json& edits) {
  return RunOfflineScript("new", "", edits.dump());
}

// A workbook of one sheet, "People", whose <sheetData> holds `rows` (XML as written) and whose
// shared strings are `shared`.
inline std::string RawWorkbook(const std::string& rows, const std::vector<std::string>& shared) {
  return RunOfflineScript("raw", "", nlohmann::json({{"rows", rows}, {"shared", shared}}).dump());
}

// "bomb" (a small file whose sheet inflates to 48 MiB) or "no-parts" (a ZIP without a workbook).
inline std::string BrokenArchive(const std::string& kind) { return RunOfflineScript(kind, "", ""); }

}  // namespace meter::testing
