// ReadComparisonInputs: the published rounds and the stored survey years, for the pure functions of
// comparison.cpp; ReadSurveyByCountry, for them and for the campaign page.
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

Result<ComparisonInputs> ReadComparisonInputs(Store& store) {
  ComparisonInputs in;
  auto published = store.ListPublished();
  if (!published) return published.error();
  in.published = std::move(published).value();
  auto survey = ReadSurveyByCountry(store);
  if (!survey) return survey.error();
  in.survey = std::move(survey).value();
  return in;
}

}  // namespace meter
