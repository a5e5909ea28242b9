#include "app/egdi_files.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "app/files.h"

namespace meter {

Result<size_t> ImportEgdiFile(const std::string& path, int year, const CountryList& countries,
                              EgdiRepository& store, const std::string& actor) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  auto rows = ParseEgdiCsv(text.value(), path, year, countries);
  if (!rows) return rows.error();
  return store.ImportEgdi(year, rows.value(), actor);
}

Result<std::vector<int>> LoadBundledEgdi(const std::string& dir, const CountryList& countries,
                                         EgdiRepository& store) {
  std::map<int, std::string> files;  // by year, so that years load oldest first
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (auto year = EgdiYearOfFileName(e.path().filename().string())) {
      files[*year] = e.path().string();
    }
  }
  auto held = store.EgdiYears();
  if (!held) return held.error();
  std::vector<int> loaded;
  for (const auto& [year, path] : files) {
    if (std::find(held.value().begin(), held.value().end(), year) != held.value().end()) continue;
    auto imported = ImportEgdiFile(path, year, countries, store, "system");
    if (!imported) {
      // Two nodes starting at once on one PostgreSQL both find the year missing; the second's
      // import then fails on the first's rows. The year being there now is what was wanted.
      auto now = store.EgdiYears();
      if (now && std::find(now.value().begin(), now.value().end(), year) != now.value().end()) {
        continue;
      }
      return imported.error();
    }
    loaded.push_back(year);
  }
  return loaded;
}

}  // namespace meter
