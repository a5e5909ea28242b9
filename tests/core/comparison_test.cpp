// The comparison of published rounds: one round per country of the chosen version, the default
// version, regions and their averages, the latest survey figure, the least-squares line computed by
// hand, the named outliers, and the countries left out of a plot for a missing figure.
#include "core/comparison.h"

#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

CountryList MemberStates() {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  EXPECT_TRUE(list.ok());
  return list.ok() ? std::move(list).value() : CountryList{};
}

// A published round of `country` on METER `version` in `year`, with `scores`.
PublishedProfile Published(const std::string& country, const std::string& version, int year,
                           std::map<std::string, double> scores, bool published = true) {
  static Id next_id = 1;
  PublishedProfile p;
  p.round.id = next_id++;
  p.round.country = country;
  p.round.instrument_id = "meter";
  p.round.instrument_version = version;
  p.round.year = year;
  p.round.published = published;
  p.scores = std::move(scores);
  return p;
}

std::vector<std::string> Codes(const Comparison& c) {
  std::vector<std::string> out;
  for (const ComparedCountry& country : c.countries) out.push_back(country.iso3);
  return out;
}

EgdiRow Survey(const std::string& iso3, int year, std::optional<double> egdi,
               std::optional<double> tii = std::nullopt) {
  EgdiRow row;
  row.iso3 = iso3;
  row.year = year;
  row.egdi = egdi;
  row.tii = tii;
  return row;
}

TEST(PublishedVersions, CountCountriesNotRoundsAndDefaultToTheMostCountries) {
  const std::vector<PublishedProfile> published = {
      Published("FRA", "2.0", 2020, {}),  Published("FRA", "2.0", 2022, {}),
      Published("DEU", "2.0", 2022, {}),  Published("KEN", "3.0", 2024, {}),
      Published("ARM", "10.0", 2024, {}), Published("BRA", "3.0", 2024, {}, /*published=*/false)};
  const auto versions = PublishedVersions(published);
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version, "2.0");
  EXPECT_EQ(versions[0].countries, 2u);  // France's two rounds count once
  EXPECT_EQ(versions[1].version, "3.0");
  EXPECT_EQ(versions[1].countries, 1u);  // Brazil's round is not published
  EXPECT_EQ(versions[2].version, "10.0");
  EXPECT_EQ(DefaultVersion(versions), "2.0");
  // Between equals, the newer version.
  EXPECT_EQ(DefaultVersion({{"meter", "2.0", 2}, {"meter", "3.0", 2}}), "3.0");
  EXPECT_EQ(DefaultVersion({}), "");
}

TEST(Compare, TakesEachCountrysLatestRoundOfTheVersionGroupedByRegionWithAverages) {
  const std::vector<PublishedProfile> published = {
      Published("FRA", "2.0", 2020, {{"overall", 10}, {"T", 10}}),
      Published("FRA", "2.0", 2023, {{"overall", 60}, {"T", 70}}),
      Published("FRA", "3.0", 2025, {{"overall", 99}}),  // another version: not compared
      Published("DEU", "2.0", 2022, {{"overall", 80}}),  // Technology withheld
      Published("KEN", "2.0", 2022, {{"overall", 40}, {"T", 30}}),
      Published("XDM", "2.0", 2026, {{"overall", 50}}),  // not a member state
      Published("ARM", "2.0", 2024, {{"overall", 5}}, /*published=*/false)};
  const CountryList countries = MemberStates();
  const Comparison all = Compare(published, countries, {"2.0", ""}, "en");
  EXPECT_EQ(all.instrument_id, "meter");
  EXPECT_EQ(all.version, "2.0");
  // Africa, then Europe (France before Germany by name), then what is not a member state.
  EXPECT_THAT(Codes(all), ElementsAre("KEN", "FRA", "DEU", "XDM"));
  EXPECT_EQ(all.countries[1].name, "France");
  EXPECT_EQ(all.countries[1].profile->round.year, 2023);
  EXPECT_EQ(all.countries[3].name, "XDM");
  ASSERT_EQ(all.averages.size(), 2u);
  EXPECT_EQ(all.averages[0].region, "Africa");
  EXPECT_EQ(all.averages[1].region, "Europe");
  EXPECT_EQ(all.averages[1].countries, 2u);
  // overall (60 + 80) / 2; T only France's, since Germany's is withheld.
  EXPECT_THAT(all.averages[1].scores, ElementsAre(Pair("T", 70.0), Pair("overall", 70.0)));

  const Comparison europe = Compare(published, countries, {"2.0", "Europe"}, "fr");
  EXPECT_THAT(Codes(europe), ElementsAre("DEU", "FRA"));  // Allemagne, France
  EXPECT_EQ(europe.countries[0].name, "Allemagne");
  EXPECT_EQ(europe.averages.size(), 1u);
  // The default version is the one with the most countries (2.0: four against one).
  EXPECT_EQ(Compare(published, countries, {}, "en").version, "2.0");
  const Comparison none = Compare(published, countries, {"9.9", ""}, "en");
  EXPECT_THAT(none.countries, IsEmpty());
  EXPECT_THAT(none.averages, IsEmpty());
  EXPECT_EQ(none.instrument_id, "");
}

TEST(LatestReading, IsTheNewestYearThatHasTheFigure) {
  const std::vector<EgdiRow> rows = {Survey("KIR", 2010, std::nullopt, 0.01),
                                     Survey("KIR", 2012, 0.3, std::nullopt),
                                     Survey("KIR", 2014, std::nullopt, std::nullopt)};
  const auto egdi = LatestReading(rows, &EgdiRow::egdi);
  ASSERT_TRUE(egdi.has_value());
  EXPECT_EQ(egdi->year, 2012);
  EXPECT_DOUBLE_EQ(egdi->value, 0.3);
  const auto tii = LatestReading(rows, &EgdiRow::tii);
  ASSERT_TRUE(tii.has_value());
  EXPECT_EQ(tii->year, 2010);
  EXPECT_FALSE(LatestReading(rows, &EgdiRow::osi).has_value());
  EXPECT_FALSE(LatestReading({}, &EgdiRow::egdi).has_value());
}

TEST(FitLine, IsTheLeastSquaresLineComputedByHand) {
  // x̄ = 0.5, ȳ = 50; Sxx = 0.2, Sxy = 14, Syy = 1400: slope 70, intercept 15, r = 14 / √280.
  const auto fit = FitLine({{0.2, 30}, {0.4, 50}, {0.6, 40}, {0.8, 80}});
  ASSERT_TRUE(fit.has_value());
  EXPECT_NEAR(fit->slope, 70, 1e-9);
  EXPECT_NEAR(fit->intercept, 15, 1e-9);
  ASSERT_TRUE(fit->r.has_value());
  EXPECT_NEAR(*fit->r, 14 / std::sqrt(280.0), 1e-12);
  EXPECT_EQ(fit->n, 4u);
  // A perfect falling line: r = −1.
  const auto falling = FitLine({{0.1, 90}, {0.5, 50}, {0.9, 10}});
  ASSERT_TRUE(falling.has_value());
  EXPECT_NEAR(falling->slope, -100, 1e-9);
  EXPECT_NEAR(*falling->r, -1, 1e-12);
}

TEST(FitLine, NeedsThreePointsAndSomeSpreadInX) {
  EXPECT_FALSE(FitLine({}).has_value());
  EXPECT_FALSE(FitLine({{0.2, 30}, {0.8, 80}}).has_value());
  EXPECT_FALSE(FitLine({{0.5, 30}, {0.5, 50}, {0.5, 80}}).has_value());  // every x the same
  // Every y the same: a flat line, and r is undefined rather than 0.
  const auto flat = FitLine({{0.2, 40}, {0.5, 40}, {0.9, 40}});
  ASSERT_TRUE(flat.has_value());
  EXPECT_NEAR(flat->slope, 0, 1e-12);
  EXPECT_NEAR(flat->intercept, 40, 1e-12);
  EXPECT_FALSE(flat->r.has_value());
}

// Five countries of the 2.0 comparison; scores and survey figures chosen for the line above.
struct Plotted {
  std::vector<PublishedProfile> published = {
      Published("ARM", "2.0", 2024, {{"overall", 30}, {"T", 30}}),
      Published("FRA", "2.0", 2024, {{"overall", 50}, {"T", 50}}),
      Published("KEN", "2.0", 2024, {{"overall", 40}}),  // Technology withheld
      Published("NOR", "2.0", 2024, {{"overall", 80}, {"T", 90}}),
      Published("KIR", "2.0", 2024, {{"overall", 20}, {"T", 20}}),
      Published("BRA", "2.0", 2024, {{"overall", 55}, {"T", 55}}),
  };
  std::map<std::string, std::vector<EgdiRow>> survey = {
      {"ARM", {Survey("ARM", 2016, 0.9), Survey("ARM", 2018, 0.2, 0.2)}},
      {"FRA", {Survey("FRA", 2018, 0.4, 0.4)}},
      {"KEN", {Survey("KEN", 2018, 0.6, 0.6)}},
      {"NOR", {Survey("NOR", 2018, 0.8, 0.8)}},
      // Kiribati's EGDI was not computed and it has no TII: missing, never 0.
      {"KIR", {Survey("KIR", 2010, std::nullopt)}},
      // Brazil has no survey row at all.
  };
};

TEST(BuildScatter, FitsTheLineNamesTheOutliersAndListsWhatIsMissing) {
  const Plotted data;
  const Comparison comparison = Compare(data.published, MemberStates(), {"2.0", ""}, "en");
  const Scatter index = BuildScatter(comparison, data.survey, "overall", &EgdiRow::egdi);
  // Armenia's latest EGDI is 2018's 0.2, not 2016's 0.9.
  ASSERT_EQ(index.points.size(), 4u);
  ASSERT_TRUE(index.fit.has_value());
  EXPECT_NEAR(index.fit->slope, 70, 1e-9);
  EXPECT_NEAR(index.fit->intercept, 15, 1e-9);
  // Residuals: Armenia 30 − 29 = 1, France 50 − 43 = 7, Kenya 40 − 57 = −17, Norway 80 − 71 = 9.
  std::map<std::string, double> residuals;
  for (const ScatterPoint& p : index.points) residuals[p.iso3] = p.residual;
  EXPECT_NEAR(residuals["ARM"], 1, 1e-9);
  EXPECT_NEAR(residuals["KEN"], -17, 1e-9);
  std::vector<std::string> above, below;
  for (size_t i : index.above) above.push_back(index.points[i].iso3);
  for (size_t i : index.below) below.push_back(index.points[i].iso3);
  EXPECT_THAT(above, ElementsAre("NOR", "FRA", "ARM"));
  EXPECT_THAT(below, ElementsAre("KEN"));
  EXPECT_THAT(index.no_survey, ElementsAre("Brazil", "Kiribati"));
  EXPECT_THAT(index.no_score, IsEmpty());

  // Technology against the TII: Kenya's pillar is withheld, Kiribati and Brazil have no TII; the
  // three left lie on one line, so nobody is named.
  const Scatter technology = BuildScatter(comparison, data.survey, "T", &EgdiRow::tii);
  ASSERT_EQ(technology.points.size(), 3u);
  ASSERT_TRUE(technology.fit.has_value());
  EXPECT_NEAR(technology.fit->slope, 100, 1e-9);  // 30, 50, 90 at 0.2, 0.4, 0.8
  EXPECT_THAT(technology.above, IsEmpty());
  EXPECT_THAT(technology.below, IsEmpty());
  EXPECT_THAT(technology.no_score, ElementsAre("Kenya"));
  EXPECT_THAT(technology.no_survey, ElementsAre("Brazil", "Kiribati"));
}

TEST(BuildScatter, WithFewerThanThreeCountriesHasNoLineAndNamesNobody) {
  Plotted data;
  data.published.resize(2);  // Armenia and France
  const Comparison comparison = Compare(data.published, MemberStates(), {"2.0", ""}, "en");
  const Scatter index = BuildScatter(comparison, data.survey, "overall", &EgdiRow::egdi);
  EXPECT_EQ(index.points.size(), 2u);
  EXPECT_FALSE(index.fit.has_value());
  EXPECT_THAT(index.above, IsEmpty());
  EXPECT_THAT(index.below, IsEmpty());
  EXPECT_EQ(index.points[0].residual, 0);
}

}  // namespace
}  // namespace meter
