// Issue 14: the secretariat's comparison of published rounds over real HTTP. Four countries publish
// a round in which every unit scores the same (France 25, Armenia 50, Kenya 75, Norway 100); the
// survey's figures are the bundled real files (2018 is the newest year of each): the rows, the
// regional averages, the filters, the least-squares lines against the EGDI and the TII computed by
// hand, the named countries, the charts as SVG and PNG, and who may see it.
#include <gmock/gmock.h>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class CompareWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    world_->PublishRound("FRA", 2024, "1");  // 25 in every unit
    world_->PublishRound("ARM", 2024, "2");  // 50
    world_->PublishRound("KEN", 2023, "3");  // 75
    world_->PublishRound("NOR", 2024, "4");  // 100
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
};
World* CompareWeb::world_ = nullptr;

size_t At(const std::string& body, const std::string& text) { return body.find(text); }

TEST_F(CompareWeb, ShowsEachCountryByPillarAndSubAreaWithRegionalAverages) {
  const HttpResponse page = world_->admin->Get("/compare");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("4 countries"));
  EXPECT_THAT(page.body, HasSubstr("<option value=\"2.0\" selected>METER 2.0 (4 countries)"));
  // Africa, Asia, Europe; each region's countries then its average.
  EXPECT_THAT(page.body, HasSubstr("<th scope=\"row\"><a href=\"/countries/FRA\">France</a></th>"
                                   "<td class=\"meter-num\">2024</td><td class=\"meter-num\">25.0"
                                   "</td>"));
  EXPECT_LT(At(page.body, ">Kenya<"), At(page.body, ">Armenia<"));
  EXPECT_LT(At(page.body, ">Armenia<"), At(page.body, ">France<"));
  EXPECT_LT(At(page.body, ">France<"), At(page.body, ">Norway<"));
  // Europe: (25 + 100) / 2 in the index, every pillar and every sub-area.
  EXPECT_THAT(page.body,
              HasSubstr("<tr class=\"meter-average\"><th scope=\"row\">Average: Europe "
                        "(2 countries)</th><td class=\"meter-num\"></td>"
                        "<td class=\"meter-num\">62.5</td><td class=\"meter-num\">62.5"));
  EXPECT_THAT(page.body, HasSubstr("Average: Africa (1 country)"));
  EXPECT_LT(At(page.body, ">Norway<"), At(page.body, "Average: Europe"));
  EXPECT_THAT(page.body, HasSubstr("id=\"subareas-caption\""));
  EXPECT_THAT(page.body, HasSubstr(">C1<span class=\"usa-sr-only\"> "));
  // The tables scroll in their own region; the charts are inline with their downloads.
  EXPECT_THAT(page.body, HasSubstr("role=\"region\" aria-labelledby=\"pillars-caption\""));
  EXPECT_THAT(page.body, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(page.body, HasSubstr("href=\"/compare/chart/pillars.svg?version=2.0\""));
  EXPECT_THAT(page.body, HasSubstr("href=\"/compare/chart/index-egdi.png?version=2.0\""));
  EXPECT_THAT(page.body, HasSubstr("methodology, section 14"));
}

TEST_F(CompareWeb, FitsTheLinesByHandAndNamesTheCountriesFurthestFromThem) {
  const std::string page = world_->admin->Get("/compare").body;
  // EGDI 2018: France 0.879, Armenia 0.5944, Kenya 0.4541, Norway 0.8557 against 25, 50, 75,
  // 100: slope −20.554, intercept 76.802, r −0.131; residuals Norway +40.8, Kenya +7.5, Armenia
  // −14.6, France −33.7.
  EXPECT_THAT(page, HasSubstr("The least-squares line over 4 countries: METER = 76.8 − 20.6 × "
                              "survey figure, with a correlation r of -0.131."));
  EXPECT_THAT(page, HasSubstr("Self-assessment furthest above the line: Norway (+40.8), Kenya "
                              "(+7.5)"));
  EXPECT_THAT(page, HasSubstr("Self-assessment furthest below the line: France (−33.7), Armenia "
                              "(−14.6)"));
  // TII 2018: 0.7979, 0.466, 0.1901, 0.7131 against the Technology pillar: slope −29.544,
  // intercept 78.506, r −0.250.
  EXPECT_THAT(page, HasSubstr("METER = 78.5 − 29.5 × survey figure, with a correlation r of "
                              "-0.250."));
  EXPECT_THAT(page, HasSubstr("<th scope=\"row\">Kenya</th><td class=\"meter-num\">2018</td>"
                              "<td class=\"meter-num\">0.454</td><td class=\"meter-num\">75.0</td>"
                              "<td class=\"meter-num\">+7.5</td>"));
  EXPECT_THAT(page, Not(HasSubstr("No survey figure")));
}

TEST_F(CompareWeb, FiltersByRegionAndVersion) {
  HttpClient& admin = *world_->admin;
  const std::string europe = admin.Get("/compare?region=Europe").body;
  EXPECT_THAT(europe, HasSubstr("2 countries"));
  EXPECT_THAT(europe, HasSubstr(">France<"));
  EXPECT_THAT(europe, Not(HasSubstr(">Kenya<")));
  EXPECT_THAT(europe, HasSubstr("<option value=\"Europe\" selected>"));
  // Two countries are too few for a line, and nobody is named.
  EXPECT_THAT(europe, HasSubstr("No line is fitted: it needs at least 3 countries"));
  EXPECT_THAT(europe, Not(HasSubstr("furthest above")));
  EXPECT_THAT(europe,
              HasSubstr("href=\"/compare/chart/pillars.svg?version=2.0&amp;region=Europe\""));
  const std::string none = admin.Get("/compare?version=3.0").body;
  EXPECT_THAT(none, HasSubstr("No published round matches these filters."));
  EXPECT_THAT(none, HasSubstr("0 countries"));
}

TEST_F(CompareWeb, ChartsDownloadAsSvgAndPngWithTheSameFilters) {
  HttpClient& admin = *world_->admin;
  for (const char* name : {"pillars", "index-egdi", "technology-tii"}) {
    const HttpResponse svg = admin.Get(std::string("/compare/chart/") + name + ".svg");
    ASSERT_EQ(svg.status, 200) << name;
    EXPECT_THAT(svg.Header("content-type"), HasSubstr("image/svg+xml")) << name;
    EXPECT_THAT(svg.Header("content-disposition"), HasSubstr(std::string("meter-") + name + ".svg"))
        << name;
    EXPECT_THAT(svg.body, StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << name;
    EXPECT_THAT(svg.body, HasSubstr("</svg>")) << name;
    const HttpResponse png = admin.Get(std::string("/compare/chart/") + name + ".png");
    ASSERT_EQ(png.status, 200) << name;
    EXPECT_THAT(png.Header("content-type"), HasSubstr("image/png")) << name;
    EXPECT_THAT(png.body, StartsWith("\x89PNG\r\n\x1a\n")) << name;
    // The width, in the IHDR chunk: 1600 pixels, big-endian.
    ASSERT_GT(png.body.size(), 24u);
    EXPECT_EQ(png.body.substr(16, 4), std::string("\0\0\x06\x40", 4)) << name;
  }
  const std::string grid = admin.Get("/compare/chart/pillars.svg?region=Africa").body;
  EXPECT_THAT(grid, HasSubstr(">Kenya<"));
  EXPECT_THAT(grid, Not(HasSubstr(">France<")));
  EXPECT_THAT(admin.Get("/compare/chart/index-egdi.svg").body,
              HasSubstr("Furthest above the line: Norway +40.8, Kenya +7.5."));
  EXPECT_EQ(admin.Get("/compare/chart/pillars.gif").status, 404);
  EXPECT_EQ(admin.Get("/compare/chart/nothing.svg").status, 404);
  EXPECT_EQ(admin.Get("/compare/chart/pillars.svg?version=3.0").status, 404);
}

TEST_F(CompareWeb, OnlyAdminsSeeIt) {
  World& w = *world_;
  for (const char* path :
       {"/compare", "/compare/chart/pillars.svg", "/compare/chart/pillars.png"}) {
    EXPECT_EQ(w.coordinator->Get(path).status, 403) << path;
    EXPECT_EQ(w.expert->Get(path).status, 403) << path;
    EXPECT_EQ(w.respondent->Get(path).status, 403) << path;
    const HttpResponse anonymous = w.anonymous->Get(path);
    EXPECT_EQ(anonymous.status, 303) << path;
    EXPECT_THAT(anonymous.Header("location"), StartsWith("/login")) << path;
  }
  EXPECT_THAT(w.admin->Get("/rounds").body, HasSubstr("<a href=\"/compare\">Comparison</a>"));
  EXPECT_THAT(w.coordinator->Get("/rounds").body, Not(HasSubstr("href=\"/compare\"")));
}

}  // namespace
}  // namespace meter::testing
