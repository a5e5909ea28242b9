// The secretariat's comparison of published rounds (issue 14; docs/methodology.md §14): countries
// side by side by pillar and sub-area with regional averages, and the self-assessment beside the UN
// E-Government Survey — the METER index against the latest EGDI, the Technology pillar against the
// Telecommunication Infrastructure Index — with an ordinary least-squares line and the countries
// furthest above and below it.
//
// Only published rounds count (a profile whose round is not published is ignored), and only rounds
// of one instrument version at a time, since the pillars differ between versions. Each country
// counts with its latest published round of that version (highest year, then latest created, then
// highest ID), as benchmarks choose it. A missing figure stays missing: a withheld score or a
// survey year without the index leaves the country out of that plot, listed by why.
//
// ReadSurveyByCountry reads the store (the published rounds come from the caller, the web's cache
// of them); everything else is a pure function of its arguments.
// Thread-safe; results own their values except where a field says it borrows.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/benchmarks.h"
#include "core/countries.h"
#include "core/egdi.h"
#include "core/problem.h"
#include "core/store.h"

namespace meter {

// What the page asks for. An empty version means the default (DefaultVersion); an empty region any
// region. A version or region that nothing matches gives an empty comparison, not an error.
struct ComparisonFilter {
  std::string version;
  std::string region;  // an English UN M49 region name ("Africa"), as Country::region
};

// An instrument version with published rounds and how many countries published one on it.
struct PublishedVersion {
  std::string instrument_id;  // "meter"
  std::string version;        // "2.0"
  size_t countries = 0;
};

// The versions with at least one published round, oldest version first (numbers compared part by
// part: "2.0" < "3.0" < "10.0").
std::vector<PublishedVersion> PublishedVersions(const std::vector<PublishedProfile>& published);
// The version with the most countries; between equals, the newer. "" when nothing is published.
std::string DefaultVersion(const std::vector<PublishedVersion>& versions);

struct ComparedCountry {
  std::string iso3;
  std::string name;    // in the language asked for; the ISO code when not a member state
  std::string region;  // English M49 name; "" when `iso3` is not in the country list
  const PublishedProfile* profile = nullptr;  // borrowed from Compare's `published`
};

// The plain mean of each unit over the region's compared countries that have a score for it (a
// unit no country has a score for is absent).
struct RegionAverage {
  std::string region;  // English M49 name
  std::string name;    // the region's name in the language asked for
  size_t countries = 0;
  std::map<std::string, double> scores;  // "overall", pillar and sub-area IDs
};

struct Comparison {
  std::string instrument_id, version;  // what is compared; empty when nothing is
  // By region (countries outside the list last), then by name as SearchDocument orders it.
  std::vector<ComparedCountry> countries;
  std::vector<RegionAverage> averages;  // one per region among `countries`, in the same order
};

// The latest published round of `filter.version` (DefaultVersion when empty) of each country in
// `filter.region` (any when empty; a country outside `countries` only then), with the regional
// averages. Borrows `published`, which must outlive the result.
Comparison Compare(const std::vector<PublishedProfile>& published, const CountryList& countries,
                   const ComparisonFilter& filter, std::string_view lang);

// ---- The UN E-Government Survey beside the self-assessment ----

// An ordinary least-squares line y = intercept + slope · x over n points, and Pearson's r (nullopt
// when every y is the same, where r is undefined).
struct LineFit {
  double slope = 0, intercept = 0;
  std::optional<double> r;
  size_t n = 0;
};

// A line is fitted, and outliers named, only over at least this many points.
inline constexpr size_t kMinFitPoints = 3;
// How many countries are named on each side of the line.
inline constexpr size_t kNamedOutliers = 3;
// A residual smaller than this (half the 0.1 the pages show) counts as on the line, never named.
inline constexpr double kOnTheLine = 0.05;

// The least-squares line through `points` (x, y): slope = Sxy / Sxx, intercept = ȳ − slope · x̄,
// r = Sxy / √(Sxx · Syy). nullopt with fewer than kMinFitPoints points or when every x is the same.
std::optional<LineFit> FitLine(const std::vector<std::pair<double, double>>& points);

struct ScatterPoint {
  std::string iso3, name;
  int survey_year = 0;
  double survey = 0;    // x: the survey's index, 0–1
  double score = 0;     // y: the METER score, 0–100
  double residual = 0;  // score − (intercept + slope · survey); 0 without a fit
};

struct Scatter {
  std::vector<ScatterPoint> points;  // in the comparison's order
  std::optional<LineFit> fit;
  // Indices into `points`: the largest positive residuals first, and the most negative first; at
  // most kNamedOutliers each, none without a fit, none within kOnTheLine of the line.
  std::vector<size_t> above, below;
  std::vector<std::string> no_survey;  // names of countries with no such survey figure
  std::vector<std::string> no_score;   // names of countries whose score for the unit is withheld
};

// The countries of `comparison` with their score for `unit` ("overall", "T") against the survey's
// `index` (LatestReading of `survey[iso3]`), the fitted line and the named outliers. Ties in a
// residual are broken by ISO code.
Scatter BuildScatter(const Comparison& comparison,
                     const std::map<std::string, std::vector<EgdiRow>>& survey,
                     const std::string& unit, std::optional<double> EgdiRow::*index);

// Every stored survey row by ISO code, each country's oldest year first (with its year set).
using SurveyByCountry = std::map<std::string, std::vector<EgdiRow>>;
// Fails with the store's error (kUnavailable).
Result<SurveyByCountry> ReadSurveyByCountry(Store& store);

}  // namespace meter
