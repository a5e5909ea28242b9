#include "core/countries.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/csv.h"

namespace meter {

Result<CountryList> CountryList::Parse(std::string_view csv, std::string_view file_name) {
  CsvProblems problems(file_name, 20);
  CountryList list;
  std::set<std::string> seen;
  if (CheckUtf8(csv, problems)) {
    CsvReader reader(csv);
    std::vector<std::string> header;
    if (auto col = ReadHeader(reader, {"iso3", "name", "region", "subregion"}, problems, &header)) {
      std::map<std::string, size_t> name_columns;  // language → column
      std::optional<size_t> region_code;           // optional, as older lists lack it
      for (size_t i = 0; i < header.size(); ++i) {
        if (header[i].rfind("name_", 0) == 0) name_columns[header[i].substr(5)] = i;
        if (header[i] == "region_code") region_code = i;
      }
      std::vector<std::string_view> f;
      while (reader.Next(f)) {
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() <= *std::max_element(col->begin(), col->end())) {
          problems.Add(reader.line(), METER_N("too few fields"));
          continue;
        }
        Country c{std::string(f[(*col)[0]]),
                  std::string(f[(*col)[1]]),
                  std::string(f[(*col)[2]]),
                  std::string(f[(*col)[3]]),
                  {},
                  {},
                  {}};
        if (region_code && *region_code < f.size() && !f[*region_code].empty())
          list.region_codes_.emplace(c.region, std::string(f[*region_code]));
        c.names.Set("en", c.name);
        for (const auto& [lang, index] : name_columns) {
          if (index < f.size() && !f[index].empty()) c.names.Set(lang, std::string(f[index]));
        }
        if (c.name.empty()) problems.Add(reader.line(), METER_N("the country has no name"));
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

Result<bool> CountryList::ReadRegionNames(std::string_view csv, std::string_view file_name) {
  CsvProblems problems(file_name, 20);
  std::set<std::string> known;
  for (const Country& c : countries_) known.insert({c.region, c.subregion});
  std::map<std::string, LocalizedText, std::less<>> names;
  if (CheckUtf8(csv, problems)) {
    CsvReader reader(csv);
    std::vector<std::string> header;
    if (auto col = ReadHeader(reader, {"name"}, problems, &header)) {
      std::vector<std::string_view> f;
      while (reader.Next(f)) {
        if (f.size() == 1 && f[0].empty()) continue;
        const std::string english((*col)[0] < f.size() ? f[(*col)[0]] : "");
        if (!known.count(english)) {
          problems.Add(reader.line(), METER_N("'{1}' is not a region or sub-region of any country"),
                       {english});
          continue;
        }
        if (names.count(english)) {
          problems.Add(reader.line(), METER_N("region '{1}' is listed twice"), {english});
          continue;
        }
        LocalizedText& text = names[english];
        text.Set("en", english);
        for (size_t i = 0; i < header.size() && i < f.size(); ++i) {
          if (i == (*col)[0]) continue;
          if (f[i].empty()) {
            problems.Add(reader.line(), METER_N("region '{1}' has no name in '{2}'"),
                         {english, header[i]});
          } else {
            text.Set(header[i], std::string(f[i]));
          }
        }
      }
      if (reader.error()) problems.Add(reader.line(), reader.error());
    }
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  region_names_ = std::move(names);
  for (Country& c : countries_) {
    c.region_names = region_names_[c.region];
    c.subregion_names = region_names_[c.subregion];
  }
  return true;
}

const std::string& CountryList::RegionName(const std::string& english,
                                           std::string_view lang) const {
  auto it = region_names_.find(english);
  return it == region_names_.end() ? english : it->second.Get(lang);
}

std::vector<CountryList::Region> CountryList::Regions() const {
  std::vector<Region> out;
  for (const auto& [name, code] : region_codes_) out.push_back({code, name});
  std::sort(out.begin(), out.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  return out;
}

std::string CountryList::RegionCode(std::string_view english) const {
  auto it = region_codes_.find(english);
  return it == region_codes_.end() ? "" : it->second;
}

const Country* CountryList::Find(std::string_view iso3) const {
  auto it = std::lower_bound(countries_.begin(), countries_.end(), iso3,
                             [](const Country& c, std::string_view code) { return c.iso3 < code; });
  return it != countries_.end() && it->iso3 == iso3 ? &*it : nullptr;
}

}  // namespace meter
