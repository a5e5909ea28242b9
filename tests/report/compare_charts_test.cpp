// The comparison's charts: accessible (title, a description that states the numbers, the fit and
// the named countries), readable by librsvg (ChartPng draws them at the slides' width), region
// averages in the grid, and a clear refusal of what is not SVG.
#include "report/compare_charts.h"

#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

PublishedProfile Profile(const std::string& iso3, double score) {
  static Id next = 1;
  PublishedProfile p;
  p.round.id = next++;
  p.round.country = iso3;
  p.round.instrument_id = "meter";
  p.round.instrument_version = "2.0";
  p.round.year = 2024;
  p.round.published = true;
  p.scores = {{"overall", score}, {"C", score}, {"T", score}};
  return p;
}

CountryList MemberStates() {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  EXPECT_TRUE(list.ok());
  return list.ok() ? std::move(list).value() : CountryList{};
}

// The 32-bit big-endian number at `at` of a PNG (the IHDR's width at 16, height at 20).
uint32_t Word(const std::string& png, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
  return v;
}

TEST(CompareCharts, GridAndScatterAreAccessibleAndDrawnAsPngAtSlideWidth) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  const std::vector<PublishedProfile> published = {Profile("FRA", 30), Profile("NOR", 50),
                                                   Profile("KEN", 40), Profile("ARM", 80)};
  const Comparison c = Compare(published, MemberStates(), {}, "en");
  const std::locale locale = std::locale::classic();
  const std::string grid = ComparisonGrid(c, in, locale, "en");
  EXPECT_THAT(grid, StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(grid, HasSubstr("role=\"img\""));
  EXPECT_THAT(grid, HasSubstr("<title id=\"grid-title\">Pillar scores by country</title>"));
  EXPECT_THAT(grid, HasSubstr("France: index 30.0; C 30.0, L insufficient data"));
  EXPECT_THAT(grid, HasSubstr(">Average: Europe</text>"));
  EXPECT_THAT(grid, Not(HasSubstr(" style=")));

  const std::map<std::string, std::vector<EgdiRow>> survey = {
      {"ARM", {{"ARM", 2018, {}, 0.2, {}, {}, {}, {}}}},
      {"FRA", {{"FRA", 2018, {}, 0.4, {}, {}, {}, {}}}},
      {"KEN", {{"KEN", 2018, {}, 0.6, {}, {}, {}, {}}}},
      {"NOR", {{"NOR", 2018, {}, 0.8, {}, {}, {}, {}}}}};
  // Armenia 0.2 → 80, France 0.4 → 30, Kenya 0.6 → 40, Norway 0.8 → 50.
  const Scatter s = BuildScatter(c, survey, "overall", &EgdiRow::egdi);
  ASSERT_TRUE(s.fit.has_value());
  const std::string scatter =
      ScatterChart(s, {"index-egdi", "The METER index and the EGDI", "EGDI", "METER"}, locale);
  EXPECT_THAT(scatter, HasSubstr("<title id=\"index-egdi-title\">The METER index and the EGDI"));
  // x̄ 0.5, ȳ 50, Sxx 0.2, Sxy −8, Syy 1400: slope −40, intercept 70, r −8 / √280.
  EXPECT_THAT(scatter, HasSubstr("Least-squares line: METER = 70.0 − 40.0 × survey; r = -0.478; "
                                 "n = 4."));
  EXPECT_THAT(scatter, HasSubstr("Furthest above the line: Armenia +18.0, Norway +12.0."));
  EXPECT_THAT(scatter, HasSubstr("Furthest below the line: France −24.0, Kenya −6.0."));
  EXPECT_THAT(scatter, HasSubstr("class=\"scatter-fit\""));
  for (const std::string& svg : {grid, scatter}) {
    auto png = ChartPng(svg);
    ASSERT_TRUE(png.ok()) << png.error().ToString();
    EXPECT_THAT(png.value(), StartsWith("\x89PNG\r\n\x1a\n"));
    EXPECT_EQ(Word(png.value(), 16), 1600u);
    EXPECT_GT(Word(png.value(), 20), 400u);
  }
}

TEST(CompareCharts, ScatterWithoutALineSaysWhy) {
  const std::string svg = ScatterChart({}, {"x", "T", "X", "Y"}, std::locale::classic());
  EXPECT_THAT(svg, HasSubstr("No line is fitted: it needs at least 3 countries"));
  EXPECT_THAT(svg, Not(HasSubstr("scatter-fit")));
  EXPECT_TRUE(ChartPng(svg).ok());
}

TEST(ChartPng, RefusesWhatIsNotSvg) {
  auto broken = ChartPng("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(broken.error().ToString(), HasSubstr("chart"));
  auto sizeless = ChartPng("<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  EXPECT_FALSE(sizeless.ok());
}

}  // namespace
}  // namespace meter
