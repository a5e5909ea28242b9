// ReadSurveyByCountry: the stored survey years by country, for the pure functions of
// comparison.cpp and for the campaign page.
#include "core/comparison.h"

namespace meter {

Result<SurveyByCountry> ReadSurveyByCountry(Store& store) {
  SurveyByCountry survey;
  auto years = store.EgdiYears();
  if (!years) return years.error();
  for (int year : years.value()) {  // oldest first, so each country's rows are too
    auto rows = store.EgdiYear(year);
    if (!rows) return rows.error();
    for (EgdiRow& row : rows.value()) {
      row.year = year;
      survey[row.iso3].push_back(std::move(row));
    }
  }
  return survey;
}

}  // namespace meter
