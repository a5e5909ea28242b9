// The UN member states (content/countries.csv): ISO 3166-1 alpha-3 codes with their UN M49 region
// and sub-region. Immutable after loading; safe to share.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/problem.h"

namespace meter {

class CountryList {
 public:
  // Reads `iso3,name,region_code,region,subregion_code,subregion` CSV, with optional columns
  // `name_<lang>` (`name_fr`…) for the names in other languages. kInvalidInput with "file:line"
  // problems for a missing column, a code that is not three capital letters, a duplicate code, or
  // an empty name.
  static Result<CountryList> Parse(std::string_view csv, std::string_view file_name);
  // Reads the names of the M49 regions and sub-regions in other languages (content/regions.csv:
  // `name` in English, then one column per language). kInvalidInput at "file:line" for a region
  // that no country has, a duplicate, or an empty name; nothing is kept then.
  Result<bool> ReadRegionNames(std::string_view csv, std::string_view file_name);

  // A country's name in `lang` (English when the list has none in that language).
  static const std::string& NameOf(const Country& country, std::string_view lang) {
    return country.names.Get(lang);
  }
  // A region's or sub-region's name in `lang`; the English name itself when it has no other.
  const std::string& RegionName(const std::string& english, std::string_view lang) const;

  // Issue 13 (public pages): a UN M49 region, by its numeric code ("150") and English name.
  struct Region {
    std::string code, name;
  };
  // The regions of the listed countries, by code; none when the list has no region_code column.
  std::vector<Region> Regions() const;
  // The M49 code of the region named `english` ("Europe" → "150"); "" when no country has it.
  std::string RegionCode(std::string_view english) const;

  // nullptr when `iso3` is not a member state.
  const Country* Find(std::string_view iso3) const;
  const std::vector<Country>& all() const { return countries_; }

 private:
  std::vector<Country> countries_;                                  // sorted by ISO3
  std::map<std::string, LocalizedText, std::less<>> region_names_;  // by English name
  // Issue 13: each region's M49 code ("150"), by English name, from the region_code column (the
  // first one given for a region counts).
  std::map<std::string, std::string, std::less<>> region_codes_;
};

}  // namespace meter
