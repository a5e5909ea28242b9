#include "core/countries.h"

#include <algorithm>
#include <set>

#include "core/csv.h"

namespace meter {

Result<CountryList> CountryList::Parse(std::string_view csv, std::string_view file_name) {
  CsvProblems problems(file_name, 20);
  CountryList list;
  std::set<std::string> seen;
  if (CheckUtf8(csv, problems)) {
    CsvReader reader(csv);
    if (auto col = ReadHeader(reader, {"iso3", "name", "region", "subregion"}, problems)) {
      std::vector<std::string_view> f;
      while (reader.Next(f)) {
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() <= *std::max_element(col->begin(), col->end())) {
          problems.Add(reader.line(), METER_N("too few fields"));
          continue;
        }
        Country c{std::string(f[(*col)[0]]), std::string(f[(*col)[1]]), std::string(f[(*col)[2]]),
                  std::string(f[(*col)[3]])};
        const bool code_ok =
            c.iso3.size() == 3 && std::all_of(c.iso3.begin(), c.iso3.end(),
                                              [](char ch) { return ch >= 'A' && ch <= 'Z'; });
        if (!code_ok) {
          problems.Add(reader.line(), METER_N("'{1}' is not an ISO 3166-1 alpha-3 code"), {c.iso3});
        } else if (!seen.insert(c.iso3).second) {
          problems.Add(reader.line(), METER_N("country '{1}' is listed twice"), {c.iso3});
        } else {
          list.countries_.push_back(std::move(c));
        }
      }
      std::sort(list.countries_.begin(), list.countries_.end(),
                [](const Country& a, const Country& b) { return a.iso3 < b.iso3; });
      if (reader.error()) problems.Add(reader.line(), reader.error());
    }
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return list;
}

const Country* CountryList::Find(std::string_view iso3) const {
  auto it = std::lower_bound(countries_.begin(), countries_.end(), iso3,
                             [](const Country& c, std::string_view code) { return c.iso3 < code; });
  return it != countries_.end() && it->iso3 == iso3 ? &*it : nullptr;
}

}  // namespace meter
