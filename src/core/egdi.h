// The UN E-Government Survey's figures (issue 14): a country's E-Government Development Index
// (EGDI), its rank and the indices it is made of, per survey year, and the reader of one year's
// CSV file (content/egdi/README.md).
//
// The survey is a different, external measure on its own 0–1 scale; METER shows it beside a
// self-assessment and never converts one into the other. The reader keeps the real files as they
// are: an empty field is missing, never zero; a row whose EGDI is 0.0 (the 2010 states without a
// Human Capital Index, sharing rank 184) has its EGDI and rank missing, as the survey did not
// compute them; values keep their floating-point noise; ranks may tie. Plain values; no shared
// state, safe to use from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/problem.h"

namespace meter {

// One country in one survey year. Every figure may be missing.
struct EgdiRow {
  std::string iso3;  // ISO 3166-1 alpha-3, one of the member states
  int year = 0;
  std::optional<int> rank;     // 1 = best; ties share a rank
  std::optional<double> egdi;  // the E-Government Development Index, 0–1
  std::optional<double> osi;   // Online Service Index, 0–1
  std::optional<double> hci;   // Human Capital Index, 0–1
  std::optional<double> tii;   // Telecommunication Infrastructure Index, 0–1
  std::optional<double> epi;   // E-Participation Index, 0–1
};

inline constexpr size_t kMaxEgdiProblems = 100;
// The survey years METER accepts (the first survey was 2001; the bound keeps typos out).
inline constexpr int kFirstEgdiYear = 2001;
inline constexpr int kLastEgdiYear = 2100;

// Reads one survey year's file: a header with the columns country-code, e-gov-rank, e-gov-index,
// e-pat-index, osi, hci and tii in any order (country-name and others are ignored), then one row
// per country. Returns the rows in file order, each with `year`, or kInvalidInput listing every
// problem at "file:line" (up to kMaxEgdiProblems): text that is not UTF-8 or holds a control
// character, a malformed record, a missing column, a row with too few fields, a code that is not
// one of `countries`, a country listed twice, an index that is not a number in [0, 1], a rank that
// is not a positive whole number ("136.0" is one), a file without rows. Never a partial list.
// `text` and `countries` are only read during the call.
Result<std::vector<EgdiRow>> ParseEgdiCsv(std::string_view text, std::string_view file_name,
                                          int year, const CountryList& countries);

// A survey year as a person writes it ("2020"): a whole number from kFirstEgdiYear to
// kLastEgdiYear, else nullopt.
std::optional<int> ParseEgdiYear(std::string_view text);
// The year of a bundled file named "egdi-<year>.csv" ("egdi-2018.csv" → 2018); nullopt for any
// other name.
std::optional<int> EgdiYearOfFileName(std::string_view name);

// The survey years a file's name gives, in order: each run of four digits, not part of a longer
// number, that ParseEgdiYear accepts ("egdi-2016.csv", "UN_EGOV_2016_data.csv" → 2016), in the
// name itself (what follows its last '/' or '\\').
std::vector<int> EgdiYearsInFileName(std::string_view name);

// Why a file named `file_name` must not be imported as the survey of `year`, each placed at `where`
// (the form's field, the command's option); empty when it may. Its name gives years and none is
// `year` (the wrong file, or the wrong year typed); or the year is held already (`held`) and the
// importer did not say to replace it (`replace`): an import replaces every figure of its year, and
// a file of a few countries would silently remove the others'.
std::vector<Problem> EgdiImportRefusals(std::string_view file_name, int year, bool held,
                                        bool replace, const std::string& where);

// A survey figure and the year it is from.
struct SurveyReading {
  int year = 0;
  double value = 0;
};

// The figure `index` (&EgdiRow::egdi, &EgdiRow::tii…) of the newest year in `rows` (one country's)
// that has one; nullopt when no year has.
std::optional<SurveyReading> LatestReading(const std::vector<EgdiRow>& rows,
                                           std::optional<double> EgdiRow::*index);

// A figure as a page or a report shows it: three decimals written as `lang` writes numbers
// ("0.716", "0,716" in French), or the dash "—" when missing.
std::string EgdiFigure(const std::optional<double>& value, std::string_view lang);

}  // namespace meter
