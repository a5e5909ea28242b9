// Issue 14: the UN E-Government Survey on the web. The bundled years are loaded at start and shown
// on a round's results page and the country's public page as a separate measure; the
// secretariat's upload is refused whole, with every problem listed, when the file is bad.
#include <gmock/gmock.h>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EgdiWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
};
World* EgdiWeb::world_ = nullptr;

const std::string kHeader = "country-code,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\n";

TEST_F(EgdiWeb, TheResultsAndCountryPagesShowTheBundledSurveyAsADifferentMeasure) {
  World& w = *world_;
  const HttpResponse results =
      w.coordinator->Get("/rounds/" + std::to_string(w.round) + "/results");
  ASSERT_EQ(results.status, 200);
  EXPECT_THAT(results.body, HasSubstr("UN E-Government Survey"));
  EXPECT_THAT(results.body, HasSubstr("It is not converted into METER"));
  // Armenia, 2010 and 2018, as the survey published them, with the rank.
  EXPECT_THAT(results.body,
              HasSubstr("<th scope=\"row\">2010</th><td class=\"meter-num\">0.402</td>"
                        "<td class=\"meter-num\">110</td>"));
  EXPECT_THAT(results.body,
              HasSubstr("<th scope=\"row\">2018</th><td class=\"meter-num\">0.594</td>"
                        "<td class=\"meter-num\">87</td>"));
  const HttpResponse country = w.anonymous->Get("/countries/ARM");
  ASSERT_EQ(country.status, 200);
  EXPECT_THAT(country.body, HasSubstr("id=\"egdi-heading\""));
  // Kiribati's 2010 EGDI was not computed: a dash, never 0.
  const HttpResponse kiribati = w.anonymous->Get("/countries/KIR");
  EXPECT_THAT(kiribati.body, HasSubstr("<th scope=\"row\">2010</th><td class=\"meter-num\">"
                                       "<span aria-hidden=\"true\">—</span>"));
}

TEST_F(EgdiWeb, ABadFileIsRefusedWithEveryProblemAndNothingStored) {
  HttpClient& admin = *world_->admin;
  ASSERT_EQ(admin.Get("/admin/egdi").status, 200);
  const HttpResponse refused =
      admin.Send("POST", "/admin/egdi",
                 MultipartBody({{"csrf", admin.csrf}, {"year", "2032"}}, "bad.csv",
                               kHeader + "ARM,1,1.5,,,,\nXKX,2,0.5,,,,\nARM,3,0.5,,,,\n"),
                 kMultipartType);
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("Nothing was imported"));
  EXPECT_THAT(refused.body, HasSubstr("bad.csv:2: e-gov-index must be a number from 0 to 1"));
  EXPECT_THAT(refused.body, HasSubstr("bad.csv:3: &#39;XKX&#39; is not"));
  EXPECT_THAT(refused.body, HasSubstr("bad.csv:4: country &#39;ARM&#39; is listed twice"));
  EXPECT_THAT(admin.Get("/admin/egdi").body, Not(HasSubstr("<li>2032</li>")));
  // A good file of that year is imported and listed.
  const HttpResponse done = admin.Send("POST", "/admin/egdi",
                                       MultipartBody({{"csrf", admin.csrf}, {"year", "2032"}},
                                                     "good.csv", kHeader + "ARM,5,0.9,,,,\n"),
                                       kMultipartType);
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 500);
  const std::string page = admin.Get("/admin/egdi").body;
  EXPECT_THAT(page, HasSubstr("<li>2032</li>"));
  EXPECT_THAT(page, HasSubstr("The survey of 2032 is imported: 1 country."));
}

// A year held already (2018 is bundled) is replaced only when the form's box says so, and a file
// whose name gives another year is refused: either would replace a year's figures with the wrong
// ones, or with a few countries' only.
TEST_F(EgdiWeb, AYearHeldIsReplacedOnlyWhenAskedAndAMisnamedFileIsRefused) {
  HttpClient& admin = *world_->admin;
  ASSERT_EQ(admin.Get("/admin/egdi").status, 200);
  const std::string one_country = kHeader + "ARM,5,0.9,,,,\n";
  const HttpResponse held =
      admin.Send("POST", "/admin/egdi",
                 MultipartBody({{"csrf", admin.csrf}, {"year", "2018"}}, "update.csv", one_country),
                 kMultipartType);
  EXPECT_EQ(held.status, 400);
  EXPECT_THAT(held.body, HasSubstr("the survey of 2018 is held already"));
  EXPECT_THAT(held.body, HasSubstr("id=\"egdi-replace\""));
  const HttpResponse misnamed =
      admin.Send("POST", "/admin/egdi",
                 MultipartBody({{"csrf", admin.csrf}, {"year", "2036"}, {"replace", "1"}},
                               "egdi-2016.csv", one_country),
                 kMultipartType);
  EXPECT_EQ(misnamed.status, 400);
  EXPECT_THAT(misnamed.body, HasSubstr("value=\"1\" checked>")) << "the refused form keeps the box";
  EXPECT_THAT(misnamed.body, HasSubstr("the file&#39;s name gives the survey year 2016, not 2036"));
  EXPECT_THAT(admin.Get("/admin/egdi").body, Not(HasSubstr("<li>2036</li>")));
  // The 2018 figures are as bundled: Armenia's EGDI of 2018 is still the survey's 0.594.
  EXPECT_THAT(admin.Get("/countries/ARM").body,
              HasSubstr("<th scope=\"row\">2018</th><td class=\"meter-num\">0.594</td>"));
}

TEST_F(EgdiWeb, AMalformedUploadIsRefusedAndNothingStored) {
  HttpClient& admin = *world_->admin;
  ASSERT_EQ(admin.Get("/admin/egdi").status, 200);
  const std::string good = MultipartBody({{"csrf", admin.csrf}, {"year", "2034"}}, "good.csv",
                                         kHeader + "ARM,5,0.9,,,,\n");
  // No boundary; a boundary the body never uses; a body cut in the middle of its part.
  for (const auto& [type, body] : std::vector<std::pair<std::string, std::string>>{
           {"multipart/form-data", good},
           {"multipart/form-data; boundary=another-boundary", good},
           {kMultipartType, good.substr(0, good.size() / 2)}}) {
    const HttpResponse r = admin.Send("POST", "/admin/egdi", body, type);
    EXPECT_EQ(r.status, 400) << type;
  }
  EXPECT_THAT(admin.Get("/admin/egdi").body, Not(HasSubstr("<li>2034</li>")));
}

TEST_F(EgdiWeb, AnUploadWithoutAFileOrYearNamesBoth) {
  HttpClient& admin = *world_->admin;
  admin.Get("/admin/egdi");
  const HttpResponse r = admin.PostForm("/admin/egdi", FormWithCsrf(admin, "year=20"));
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("egdi-year-error"));
  EXPECT_THAT(r.body, HasSubstr("egdi-file-error"));
}

}  // namespace
}  // namespace meter::testing
