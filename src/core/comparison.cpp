#include "core/comparison.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <tuple>

#include "core/search_text.h"

namespace meter {
namespace {

bool Later(const Round& a, const Round& b) {
  return std::tie(a.year, a.created_at, a.id) > std::tie(b.year, b.created_at, b.id);
}

// The whole numbers of a version ("3.10" → 3, 10); a part that is not a number counts as 0.
std::vector<long> VersionParts(std::string_view version) {
  std::vector<long> parts;
  size_t start = 0;
  while (start <= version.size()) {
    size_t dot = version.find('.', start);
    if (dot == std::string_view::npos) dot = version.size();
    long n = 0;
    std::from_chars(version.data() + start, version.data() + dot, n);
    parts.push_back(n);
    start = dot + 1;
  }
  return parts;
}

bool OlderVersion(const PublishedVersion& a, const PublishedVersion& b) {
  return std::make_tuple(a.instrument_id, VersionParts(a.version), a.version) <
         std::make_tuple(b.instrument_id, VersionParts(b.version), b.version);
}

// Each country's latest published round of `version`, by ISO code.
std::map<std::string, const PublishedProfile*> LatestOf(
    const std::vector<PublishedProfile>& published, const std::string& version) {
  std::map<std::string, const PublishedProfile*> latest;
  for (const PublishedProfile& p : published) {
    if (!p.round.published || p.round.instrument_version != version) continue;
    const PublishedProfile*& slot = latest[p.round.country];
    if (slot == nullptr || Later(p.round, slot->round)) slot = &p;
  }
  return latest;
}

RegionAverage AverageOf(const std::string& region, std::string name,
                        const std::vector<ComparedCountry>& members) {
  RegionAverage average{region, std::move(name), members.size(), {}};
  std::map<std::string, std::pair<double, size_t>> sums;
  for (const ComparedCountry& c : members) {
    for (const auto& [unit, score] : c.profile->scores) {
      auto& [sum, count] = sums[unit];
      sum += score;
      ++count;
    }
  }
  for (const auto& [unit, sum_count] : sums) {
    average.scores[unit] = sum_count.first / static_cast<double>(sum_count.second);
  }
  return average;
}

// The `max` points furthest from the line on the side `sign` (+1 above, −1 below), furthest first.
std::vector<size_t> Furthest(const std::vector<ScatterPoint>& points, double sign, size_t max) {
  std::vector<size_t> side;
  for (size_t i = 0; i < points.size(); ++i) {
    if (sign * points[i].residual >= kOnTheLine) side.push_back(i);
  }
  std::sort(side.begin(), side.end(), [&](size_t a, size_t b) {
    const double ea = sign * points[a].residual, eb = sign * points[b].residual;
    if (ea != eb) return ea > eb;
    return points[a].iso3 < points[b].iso3;
  });
  if (side.size() > max) side.resize(max);
  return side;
}

}  // namespace

std::vector<PublishedVersion> PublishedVersions(const std::vector<PublishedProfile>& published) {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> countries;
  for (const PublishedProfile& p : published) {
    if (!p.round.published) continue;
    countries[{p.round.instrument_id, p.round.instrument_version}].insert(p.round.country);
  }
  std::vector<PublishedVersion> out;
  for (const auto& [key, members] : countries)
    out.push_back({key.first, key.second, members.size()});
  std::sort(out.begin(), out.end(), OlderVersion);
  return out;
}

std::string DefaultVersion(const std::vector<PublishedVersion>& versions) {
  const PublishedVersion* best = nullptr;
  for (const PublishedVersion& v : versions) {  // oldest first: a later equal one wins
    if (best == nullptr || v.countries >= best->countries) best = &v;
  }
  return best == nullptr ? "" : best->version;
}

Comparison Compare(const std::vector<PublishedProfile>& published, const CountryList& countries,
                   const ComparisonFilter& filter, std::string_view lang) {
  Comparison out;
  out.version =
      filter.version.empty() ? DefaultVersion(PublishedVersions(published)) : filter.version;
  // Sort keys: region ("" last), then the name as search text orders it, then the code.
  std::vector<std::tuple<bool, std::string, std::string, std::string, ComparedCountry>> rows;
  for (const auto& [iso3, profile] : LatestOf(published, out.version)) {
    const Country* country = countries.Find(iso3);
    ComparedCountry c{iso3, country ? CountryList::NameOf(*country, lang) : iso3,
                      country ? country->region : "", profile};
    if (!filter.region.empty() && c.region != filter.region) continue;
    out.instrument_id = profile->round.instrument_id;
    const bool outside = c.region.empty();
    std::string region = c.region, key = SearchDocument(c.name);
    rows.emplace_back(outside, std::move(region), std::move(key), iso3, std::move(c));
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a), std::get<3>(a)) <
           std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b), std::get<3>(b));
  });
  for (auto& row : rows) out.countries.push_back(std::move(std::get<4>(row)));
  if (out.countries.empty()) out.instrument_id.clear();
  for (size_t i = 0; i < out.countries.size();) {
    const std::string& region = out.countries[i].region;
    size_t end = i;
    while (end < out.countries.size() && out.countries[end].region == region) ++end;
    if (!region.empty()) {
      out.averages.push_back(
          AverageOf(region, countries.RegionName(region, lang),
                    std::vector<ComparedCountry>(out.countries.begin() + static_cast<long>(i),
                                                 out.countries.begin() + static_cast<long>(end))));
    }
    i = end;
  }
  return out;
}

std::optional<LineFit> FitLine(const std::vector<std::pair<double, double>>& points) {
  if (points.size() < kMinFitPoints) return std::nullopt;
  const double n = static_cast<double>(points.size());
  double mean_x = 0, mean_y = 0;
  for (const auto& [x, y] : points) {
    mean_x += x / n;
    mean_y += y / n;
  }
  double sxx = 0, syy = 0, sxy = 0;
  for (const auto& [x, y] : points) {
    sxx += (x - mean_x) * (x - mean_x);
    syy += (y - mean_y) * (y - mean_y);
    sxy += (x - mean_x) * (y - mean_y);
  }
  if (sxx <= 0) return std::nullopt;
  LineFit fit;
  fit.n = points.size();
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  if (syy > 0) fit.r = sxy / std::sqrt(sxx * syy);
  return fit;
}

Scatter BuildScatter(const Comparison& comparison,
                     const std::map<std::string, std::vector<EgdiRow>>& survey,
                     const std::string& unit, std::optional<double> EgdiRow::*index) {
  Scatter out;
  static const std::vector<EgdiRow> kNone;
  std::vector<std::pair<double, double>> xy;
  for (const ComparedCountry& c : comparison.countries) {
    auto score = c.profile->scores.find(unit);
    auto rows = survey.find(c.iso3);
    const auto reading = LatestReading(rows == survey.end() ? kNone : rows->second, index);
    if (!reading) out.no_survey.push_back(c.name);
    if (score == c.profile->scores.end()) out.no_score.push_back(c.name);
    if (!reading || score == c.profile->scores.end()) continue;
    out.points.push_back({c.iso3, c.name, reading->year, reading->value, score->second, 0});
    xy.emplace_back(reading->value, score->second);
  }
  out.fit = FitLine(xy);
  if (!out.fit) return out;
  for (ScatterPoint& p : out.points) {
    p.residual = p.score - (out.fit->intercept + out.fit->slope * p.survey);
  }
  out.above = Furthest(out.points, +1, kNamedOutliers);
  out.below = Furthest(out.points, -1, kNamedOutliers);
  return out;
}

}  // namespace meter
