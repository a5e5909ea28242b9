// Issue 14: country management over real HTTP: the member states with their coordinators and
// rounds, a country's page with its history, adding and removing a coordinator (which changes what
// that coordinator may open), the refusals of a bad addition, and who may do it.
#include <gmock/gmock.h>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class CountryAdminWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
};
World* CountryAdminWeb::world_ = nullptr;

TEST_F(CountryAdminWeb, ListsEveryMemberStateWithItsCoordinatorsAndRounds) {
  const HttpResponse page = world_->admin->Get("/admin/countries");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("193 countries"));
  EXPECT_THAT(page.body, HasSubstr("<a href=\"/admin/countries/ARM\">Armenia</a></th><td>ARM</td>"
                                   "<td>Asia</td><td>Western Asia</td><td>arm@test.example</td>"
                                   "<td class=\"meter-num\">1</td>"));
  EXPECT_THAT(page.body, HasSubstr(">Norway</a></th><td>NOR</td><td>Europe</td><td>Northern "
                                   "Europe</td><td></td><td class=\"meter-num\">0</td>"));
  // By name, not by code: Albania (ALB) before Angola (AGO).
  EXPECT_LT(page.body.find(">Albania</a>"), page.body.find(">Angola</a>"));
  const HttpResponse africa = world_->admin->Get("/admin/countries?region=Africa");
  EXPECT_THAT(africa.body, HasSubstr(">Kenya</a>"));
  EXPECT_THAT(africa.body, Not(HasSubstr(">Armenia</a>")));
  EXPECT_THAT(africa.body, Not(HasSubstr("193 countries")));
}

TEST_F(CountryAdminWeb, ACountryShowsItsCoordinatorsRoundsAndHistory) {
  const HttpResponse page = world_->admin->Get("/admin/countries/ARM");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<h1>Armenia (ARM)</h1>"));
  EXPECT_THAT(page.body, HasSubstr("<li>arm@test.example"));
  EXPECT_THAT(page.body, HasSubstr(">Round of ARM</a></th><td>2026</td><td>meter 2.0</td>"));
  EXPECT_THAT(page.body, HasSubstr("<code>round.create</code>"));
  EXPECT_THAT(page.body, HasSubstr("round:" + std::to_string(world_->round)));
  // Kenya's round is not Armenia's history.
  EXPECT_THAT(page.body, Not(HasSubstr("round:" + std::to_string(world_->other_round) + "<")));
  EXPECT_EQ(world_->admin->Get("/admin/countries/XYZ").status, 404);
}

TEST_F(CountryAdminWeb, AddingAndRemovingACoordinatorChangesWhatTheyMayOpen) {
  World& w = *world_;
  const std::string armenian_round = "/rounds/" + std::to_string(w.round);
  ASSERT_EQ(w.other_coordinator->Get(armenian_round).status, 403);

  const HttpResponse added = w.admin->PostForm("/admin/countries/ARM/coordinators",
                                               FormWithCsrf(*w.admin, "email=KEN%40test.example"));
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 2000);
  const HttpResponse after = w.admin->Get("/admin/countries/ARM");
  EXPECT_THAT(after.body, HasSubstr("ken@test.example now coordinates this country."));
  EXPECT_THAT(after.body, HasSubstr("<li>ken@test.example"));
  EXPECT_THAT(after.body, HasSubstr("<code>country.coordinator_add</code>"));
  EXPECT_EQ(w.other_coordinator->Get(armenian_round).status, 200);
  // Adding them again changes nothing and says the same.
  EXPECT_EQ(w.admin
                ->PostForm("/admin/countries/ARM/coordinators",
                           FormWithCsrf(*w.admin, "email=ken%40test.example"))
                .status,
            303);

  const std::string body = w.admin->Get("/admin/countries/ARM").body;
  const std::string marker = "/admin/countries/ARM/coordinators/";
  size_t at = body.find(marker);
  std::string ken_form;
  for (; at != std::string::npos; at = body.find(marker, at + 1)) {
    const std::string path = body.substr(at, body.find('"', at) - at);
    if (body.find("ken@test.example", at) < body.find("</li>", at)) ken_form = path;
  }
  ASSERT_THAT(ken_form, StartsWith(marker));
  ASSERT_EQ(w.admin->PostForm(ken_form, FormWithCsrf(*w.admin)).status, 303);
  const HttpResponse removed = w.admin->Get("/admin/countries/ARM");
  EXPECT_THAT(removed.body, HasSubstr("ken@test.example no longer coordinates this country."));
  EXPECT_THAT(removed.body, HasSubstr("<code>country.coordinator_remove</code>"));
  EXPECT_EQ(w.other_coordinator->Get(armenian_round).status, 403);
  // Kenya is still theirs.
  EXPECT_EQ(w.other_coordinator->Get("/rounds/" + std::to_string(w.other_round)).status, 200);
}

TEST_F(CountryAdminWeb, ABadAdditionComesBackWithItsProblemAndChangesNothing) {
  World& w = *world_;
  const HttpResponse unknown = w.admin->PostForm(
      "/admin/countries/NOR/coordinators", FormWithCsrf(*w.admin, "email=nobody%40test.example"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(unknown.body, HasSubstr("no user has the e-mail address &#39;nobody@test.example"));
  EXPECT_THAT(unknown.body, HasSubstr("value=\"nobody@test.example\""));
  const HttpResponse expert = w.admin->PostForm(
      "/admin/countries/NOR/coordinators", FormWithCsrf(*w.admin, "email=expert%40test.example"));
  EXPECT_EQ(expert.status, 400);
  EXPECT_THAT(expert.body, HasSubstr("only a coordinator can coordinate a country"));
  EXPECT_THAT(expert.body, HasSubstr("aria-invalid=\"true\""));
  const HttpResponse page = w.admin->Get("/admin/countries/NOR");
  EXPECT_THAT(page.body, HasSubstr("Nobody coordinates this country yet."));
  EXPECT_THAT(page.body, HasSubstr("Nothing has happened on this country yet."));
  EXPECT_EQ(w.admin
                ->PostForm("/admin/countries/XYZ/coordinators",
                           FormWithCsrf(*w.admin, "email=arm%40test.example"))
                .status,
            404);
  EXPECT_EQ(
      w.admin->PostForm("/admin/countries/NOR/coordinators", "email=arm%40test.example").status,
      403);  // no CSRF token
}

TEST_F(CountryAdminWeb, OnlyAdminsManageCountries) {
  World& w = *world_;
  for (const char* path : {"/admin/countries", "/admin/countries/ARM"}) {
    EXPECT_EQ(w.coordinator->Get(path).status, 403) << path;
    EXPECT_EQ(w.expert->Get(path).status, 403) << path;
    const HttpResponse anonymous = w.anonymous->Get(path);
    EXPECT_EQ(anonymous.status, 303) << path;
    EXPECT_THAT(anonymous.Header("location"), StartsWith("/login")) << path;
  }
  EXPECT_EQ(w.coordinator
                ->PostForm("/admin/countries/ARM/coordinators",
                           FormWithCsrf(*w.coordinator, "email=ken%40test.example"))
                .status,
            403);
  EXPECT_THAT(w.admin->Get("/rounds").body,
              HasSubstr("<a href=\"/admin/countries\">Country management</a>"));
}

// A disabled coordinator opens nothing, but stays listed as the country's, marked, with the form
// that removes them: otherwise the assignment would be out of every admin's sight.
TEST_F(CountryAdminWeb, ADisabledCoordinatorStaysListedAndCanBeRemoved) {
  World& w = *world_;
  const std::string users = w.admin->Get("/admin/users").body;
  const size_t ken_row = users.find("<td>ken@test.example</td>");
  ASSERT_NE(ken_row, std::string::npos);
  const size_t action = users.find("/admin/users/", ken_row) + std::string("/admin/users/").size();
  const std::string ken = users.substr(action, users.find('/', action) - action);
  ASSERT_EQ(w.admin
                ->PostForm("/admin/countries/MLT/coordinators",
                           FormWithCsrf(*w.admin, "email=ken%40test.example"))
                .status,
            303);
  ASSERT_EQ(w.admin->PostForm("/admin/users/" + ken + "/disable", FormWithCsrf(*w.admin)).status,
            303);
  const HttpResponse page = w.admin->Get("/admin/countries/MLT");
  EXPECT_THAT(page.body, HasSubstr("<li>ken@test.example"));
  EXPECT_THAT(page.body, HasSubstr(" · <strong>disabled</strong>"));
  EXPECT_THAT(w.admin->Get("/admin/countries?region=Europe").body,
              HasSubstr("<td>ken@test.example (disabled)</td>"));
  const std::string form = "/admin/countries/MLT/coordinators/" + ken + "/remove";
  EXPECT_THAT(page.body, HasSubstr("action=\"" + form + "\""));
  ASSERT_EQ(w.admin->PostForm(form, FormWithCsrf(*w.admin)).status, 303);
  const HttpResponse removed = w.admin->Get("/admin/countries/MLT");
  EXPECT_THAT(removed.body, HasSubstr("Nobody coordinates this country yet."));
  ASSERT_EQ(w.admin->PostForm("/admin/users/" + ken + "/enable", FormWithCsrf(*w.admin)).status,
            303);
  // Disabling signed them out everywhere (so this test runs last of the suite).
  EXPECT_EQ(w.other_coordinator->Get("/rounds/" + std::to_string(w.other_round)).status, 303);
}

}  // namespace
}  // namespace meter::testing
