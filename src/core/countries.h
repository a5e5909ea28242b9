// The UN member states (content/countries.csv): ISO 3166-1 alpha-3 codes with their UN M49 region
// and sub-region. Immutable after loading; safe to share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/problem.h"

namespace meter {

class CountryList {
 public:
  // Reads `iso3,name,region_code,region,subregion_code,subregion` CSV. kInvalidInput with
  // "file:line" problems for a missing column, a code that is not three capital letters, or a
  // duplicate code.
  static Result<CountryList> Parse(std::string_view csv, std::string_view file_name);

  // nullptr when `iso3` is not a member state.
  const Country* Find(std::string_view iso3) const;
  const std::vector<Country>& all() const { return countries_; }

 private:
  std::vector<Country> countries_;  // sorted by ISO3
};

}  // namespace meter
