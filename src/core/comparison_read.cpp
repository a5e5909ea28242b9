// ReadComparisonInputs: the published rounds and the stored survey years, for the pure functions of
// comparison.cpp.
#include "core/comparison.h"

namespace meter {

Result<ComparisonInputs> ReadComparisonInputs(Store& store) {
  ComparisonInputs in;
  auto published = store.ListPublished();
  if (!published) return published.error();
  in.published = std::move(published).value();
  auto years = store.EgdiYears();
  if (!years) return years.error();
  for (int year : years.value()) {  // oldest first, so each country's rows are too
    auto rows = store.EgdiYear(year);
    if (!rows) return rows.error();
    for (EgdiRow& row : rows.value()) {
      row.year = year;
      in.survey[row.iso3].push_back(std::move(row));
    }
  }
  return in;
}

}  // namespace meter
