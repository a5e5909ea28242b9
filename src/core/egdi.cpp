#include "core/egdi.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "core/csv.h"
#include "core/text.h"

namespace meter {
namespace {

// The columns the reader needs, in the order of EgdiColumn.
enum EgdiColumn { kCode, kRank, kEgdi, kEpi, kOsi, kHci, kTii, kColumnCount };

// An index field: missing when empty, else a number in [0, 1]; reports anything else.
std::optional<double> ReadIndex(std::string_view field, const char* column, size_t line,
                                CsvProblems& problems) {
  if (field.empty()) return std::nullopt;
  const auto value = ParseDecimal(field);
  if (!value || *value < 0 || *value > 1) {
    problems.Add(line, METER_N("{1} must be a number from 0 to 1, not '{2}'"),
                 {column, std::string(field)});
    return std::nullopt;
  }
  return value;
}

// A rank field: missing when empty, else a positive whole number ("136" or "136.0").
std::optional<int> ReadRank(std::string_view field, size_t line, CsvProblems& problems) {
  if (field.empty()) return std::nullopt;
  const auto value = ParseDecimal(field);
  if (!value || *value < 1 || *value > 100000 || std::floor(*value) != *value) {
    problems.Add(line, METER_N("the rank must be a positive whole number, not '{1}'"),
                 {std::string(field)});
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

// Reads one data row into `row`; false (with the problems reported) when it cannot be kept.
bool ReadRow(const std::vector<std::string_view>& f, const std::vector<size_t>& col, size_t line,
             const CountryList& countries, CsvProblems& problems, EgdiRow& row) {
  const size_t need = *std::max_element(col.begin(), col.end()) + 1;
  if (f.size() < need) {
    problems.Add(line, CountProblem("",
                                    METER_NP("expected at least {1} field, found {2}",
                                             "expected at least {1} fields, found {2}"),
                                    static_cast<long>(need),
                                    {std::to_string(need), std::to_string(f.size())}));
    return false;
  }
  row.iso3 = std::string(f[col[kCode]]);
  const bool known = countries.Find(row.iso3) != nullptr;
  if (!known) {
    problems.Add(line, METER_N("'{1}' is not the ISO 3166-1 alpha-3 code of a UN member state"),
                 {row.iso3});
  }
  row.rank = ReadRank(f[col[kRank]], line, problems);
  row.egdi = ReadIndex(f[col[kEgdi]], "e-gov-index", line, problems);
  row.epi = ReadIndex(f[col[kEpi]], "e-pat-index", line, problems);
  row.osi = ReadIndex(f[col[kOsi]], "osi", line, problems);
  row.hci = ReadIndex(f[col[kHci]], "hci", line, problems);
  row.tii = ReadIndex(f[col[kTii]], "tii", line, problems);
  // The survey wrote 0.0 (with a shared last rank) where it did not compute the index.
  if (row.egdi && *row.egdi == 0.0) {
    row.egdi.reset();
    row.rank.reset();
  }
  return known;
}

}  // namespace

Result<std::vector<EgdiRow>> ParseEgdiCsv(std::string_view text, std::string_view file_name,
                                          int year, const CountryList& countries) {
  CsvProblems problems(file_name, kMaxEgdiProblems);
  std::vector<EgdiRow> rows;
  std::unordered_map<std::string, size_t> first_line;  // each country's first line
  if (CheckUtf8(text, problems) && CheckControlCharacters(text, problems)) {
    CsvReader reader(text);
    const auto columns = ReadHeader(
        reader, {"country-code", "e-gov-rank", "e-gov-index", "e-pat-index", "osi", "hci", "tii"},
        problems);
    if (columns) {
      std::vector<std::string_view> fields;
      while (!problems.full() && reader.Next(fields)) {
        if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
        EgdiRow row;
        row.year = year;
        if (!ReadRow(fields, *columns, reader.line(), countries, problems, row)) continue;
        if (auto [it, added] = first_line.emplace(row.iso3, reader.line()); !added) {
          problems.Add(reader.line(), METER_N("country '{1}' is listed twice (first on line {2})"),
                       {row.iso3, std::to_string(it->second)});
        }
        rows.push_back(std::move(row));
      }
      if (reader.error()) problems.Add(reader.line(), reader.error());
      if (problems.empty() && rows.empty()) problems.Add(0, METER_N("the file lists no countries"));
    }
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return rows;
}

std::optional<int> ParseEgdiYear(std::string_view text) {
  const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return std::nullopt;
  const int year = std::stoi(std::string(text));
  if (year < kFirstEgdiYear || year > kLastEgdiYear) return std::nullopt;
  return year;
}

std::optional<int> EgdiYearOfFileName(std::string_view name) {
  constexpr std::string_view kPrefix = "egdi-", kSuffix = ".csv";
  if (name.size() != kPrefix.size() + 4 + kSuffix.size() || !name.starts_with(kPrefix) ||
      !name.ends_with(kSuffix)) {
    return std::nullopt;
  }
  return ParseEgdiYear(name.substr(kPrefix.size(), 4));
}

std::vector<int> EgdiYearsInFileName(std::string_view name) {
  // The name alone: a browser may send the whole path ("C:\\2019\\egdi-2016.csv").
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::vector<int> found;
  for (size_t i = 0; i < name.size();) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
    if (end - i == 4) {
      if (const auto year = ParseEgdiYear(name.substr(i, 4))) found.push_back(*year);
    }
    i = end;
  }
  return found;
}

std::vector<Problem> EgdiImportRefusals(std::string_view file_name, int year, bool held,
                                        bool replace, const std::string& where) {
  std::vector<Problem> out;
  // Refused when the name gives years and none is `year` ("egdi-2016-rev2019.csv" as 2014).
  const std::vector<int> named = EgdiYearsInFileName(file_name);
  if (!named.empty() && std::find(named.begin(), named.end(), year) == named.end()) {
    out.push_back({where,
                   METER_N("the file's name gives the survey year {1}, not {2}: check the year, "
                           "or rename the file"),
                   {std::to_string(named.front()), std::to_string(year)}});
  }
  if (held && !replace) {
    out.push_back({where,
                   METER_N("the survey of {1} is held already, and importing this file replaces "
                           "all of its figures: confirm that it should"),
                   {std::to_string(year)}});
  }
  return out;
}

std::string EgdiFigure(const std::optional<double>& value, std::string_view lang) {
  return value ? Decimals(value, 3, lang) : "—";
}

std::optional<SurveyReading> LatestReading(const std::vector<EgdiRow>& rows,
                                           std::optional<double> EgdiRow::*index) {
  std::optional<SurveyReading> latest;
  for (const EgdiRow& row : rows) {
    const std::optional<double>& value = row.*index;
    if (value && (!latest || row.year > latest->year)) latest = SurveyReading{row.year, *value};
  }
  return latest;
}

}  // namespace meter
