// The secretariat's user management over real HTTP (issue 11, item 20): editing a user's role and
// countries, a one-time password link (shown once, single use, expiring, ending the user's
// sessions, applying the password policy by the field), the audit log's filters and pages with
// stable URLs, and Post/Redirect/Get on every admin form, with a refused form shown again as typed.
#include <gmock/gmock.h>

#include <regex>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class UserAdmin : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  static std::string UserPath() { return "/admin/users/" + std::to_string(world_->spare_user); }
  // The number of rows of an audit log page.
  static size_t Rows(const std::string& page) {
    static const std::regex row("<tr><td>[^<]*</td><td>");
    return std::distance(std::sregex_iterator(page.begin(), page.end(), row),
                         std::sregex_iterator());
  }
  static World* world_;
};
World* UserAdmin::world_ = nullptr;

TEST_F(UserAdmin, RolesAreWordsInTheUsersLanguage) {
  HttpClient& admin = *world_->admin;
  const std::string page = admin.Get("/admin/users").body;
  EXPECT_THAT(page, HasSubstr("<td>Country coordinator</td>"));
  EXPECT_THAT(page, HasSubstr("<td>Secretariat (administrator)</td>"));
  EXPECT_THAT(page, Not(HasSubstr("<td>coordinator</td>")));
  EXPECT_THAT(page, HasSubstr("<option value=\"coordinator\">Country coordinator</option>"));
}

// The countries a user may be given are named in the admin's language and listed in the order of
// those names: "Arménie" in French, not "Armenia" (an outside tester found them English in every
// language).
TEST_F(UserAdmin, CountriesAreNamedAndOrderedInTheAdminsLanguage) {
  HttpClient admin(world_->server.port());
  admin.cookies() = world_->admin->cookies();
  admin.Get("/lang/fr?next=%2F");
  const std::string page = admin.Get("/admin/users").body;
  EXPECT_THAT(page, HasSubstr(">Arménie (ARM)</option>"));
  EXPECT_THAT(page, Not(HasSubstr(">Armenia (ARM)</option>")));
  // "Allemagne" (DEU) comes before "Arménie" (ARM) by name, after it by code.
  ASSERT_NE(page.find(">Allemagne (DEU)<"), std::string::npos);
  EXPECT_LT(page.find(">Allemagne (DEU)<"), page.find(">Arménie (ARM)<"));
}

TEST_F(UserAdmin, TheAdminEditsRoleAndCountriesWithPostRedirectGet) {
  HttpClient& admin = *world_->admin;
  const std::string form = admin.Get(UserPath()).body;
  EXPECT_THAT(form, HasSubstr("spare@test.example"));
  EXPECT_THAT(form, HasSubstr("<option value=\"expert\" selected>"));

  // A coordinator without a country: the form again, as typed, the message by the field.
  const HttpResponse refused = admin.PostForm(UserPath(), FormWithCsrf(admin, "role=coordinator"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("usa-form-group usa-form-group--error"));
  EXPECT_THAT(refused.body,
              HasSubstr("<span class=\"usa-error-message\" id=\"edit-countries-error\">"
                        "a coordinator needs at least one country</span>"));
  EXPECT_THAT(refused.body, HasSubstr("<option value=\"coordinator\" selected>"));
  EXPECT_THAT(refused.body, Not(HasSubstr("Something is not right")));
  EXPECT_THAT(admin.Get(UserPath()).body, HasSubstr("<option value=\"expert\" selected>"))
      << "nothing was saved";

  const HttpResponse saved = admin.PostForm(
      UserPath(), FormWithCsrf(admin, "role=coordinator&countries=KEN&countries=ARM"));
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.Header("location"), "/admin/users");
  const std::string list = admin.Get("/admin/users").body;
  EXPECT_THAT(list, HasSubstr("The role and countries of spare@test.example are saved."));
  EXPECT_THAT(list, HasSubstr("<td>Country coordinator</td><td>ARM, KEN</td>"));
  EXPECT_THAT(admin.Get("/admin/users").body, Not(HasSubstr("are saved.")))
      << "the notice is shown once";
  // The spare user, now coordinator of Kenya, sees Kenya's round.
  HttpClient spare(world_->server.port());
  ASSERT_EQ(SignIn(spare, "spare@test.example", kPassword), 303);
  EXPECT_EQ(spare.Get("/rounds/" + std::to_string(world_->other_round)).status, 200);

  // An admin cannot take the secretariat role from their own account.
  const std::string me = admin.Get("/admin/users").body;
  const size_t row = me.find("admin@test.example");
  const size_t link = me.find("href=\"/admin/users/", row);
  const std::string own = me.substr(link + 6, me.find('"', link + 6) - link - 6);
  const HttpResponse self = admin.PostForm(own, FormWithCsrf(admin, "role=expert"));
  EXPECT_EQ(self.status, 400) << own;
  EXPECT_THAT(self.body, HasSubstr("you cannot take the secretariat role from your own account"));
}

TEST_F(UserAdmin, ARefusedNewUserIsShownAgainAsTypedAndACreatedOneCannotBeRepeated) {
  HttpClient& admin = *world_->admin;
  admin.Get("/admin/users");
  const std::string typed = "email=typed%40test.example&name=Typed+Name&role=coordinator&password=";
  const HttpResponse refused = admin.PostForm("/admin/users", FormWithCsrf(admin, typed + "short"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("value=\"typed@test.example\""));
  EXPECT_THAT(refused.body, HasSubstr("value=\"Typed Name\""));
  EXPECT_THAT(refused.body, HasSubstr("id=\"new-countries-error\""));
  EXPECT_THAT(refused.body, HasSubstr("id=\"new-password-error\""));
  EXPECT_THAT(refused.body, HasSubstr("password: the password must have at least 12 characters"));
  const HttpResponse created = admin.PostForm(
      "/admin/users", FormWithCsrf(admin, "email=typed%40test.example&role=expert&password=" +
                                              FormEncode("a-typed-passphrase")));
  EXPECT_EQ(created.status, 303);
  EXPECT_EQ(created.Header("location"), "/admin/users") << "no query to repeat on reload";
  EXPECT_THAT(admin.Get("/admin/users").body, HasSubstr("User added: typed@test.example"));
  // The same e-mail again: the form again, the message by the e-mail field.
  const HttpResponse twice = admin.PostForm(
      "/admin/users", FormWithCsrf(admin, "email=typed%40test.example&role=expert&password=" +
                                              FormEncode("a-typed-passphrase")));
  EXPECT_EQ(twice.status, 409);
  EXPECT_THAT(twice.body, HasSubstr("id=\"new-email-error\""));
}

TEST_F(UserAdmin, DisablingAndEnablingEndInARedirectWithANotice) {
  HttpClient& admin = *world_->admin;
  admin.Get("/admin/users");
  const HttpResponse off = admin.PostForm(
      "/admin/users/" + std::to_string(world_->spare_user) + "/disable", FormWithCsrf(admin));
  EXPECT_EQ(off.status, 303);
  EXPECT_THAT(admin.Get("/admin/users").body,
              HasSubstr("spare@test.example is disabled and signed out everywhere."));
  const HttpResponse on = admin.PostForm(
      "/admin/users/" + std::to_string(world_->spare_user) + "/enable", FormWithCsrf(admin));
  EXPECT_EQ(on.status, 303);
  EXPECT_THAT(admin.Get("/admin/users").body, HasSubstr("spare@test.example can sign in again."));
}

TEST_F(UserAdmin, APasswordLinkIsShownOnceWorksOnceAndEndsTheUsersSessions) {
  World& w = *world_;
  HttpClient& admin = *w.admin;
  HttpClient signed_in(w.server.port());
  ASSERT_EQ(SignIn(signed_in, "expert@test.example", kPassword), 303);
  // The expert's id, from the users list.
  const std::string users = admin.Get("/admin/users").body;
  const size_t row = users.find("<td>expert@test.example</td>");
  const size_t at = users.find("/admin/users/", row) + 13;
  const long long expert = std::stoll(users.substr(at, users.find('/', at) - at));
  const std::string link = w.ResetLink(expert);
  ASSERT_FALSE(link.empty());
  EXPECT_THAT(admin.Get("/admin/users/" + std::to_string(expert)).body, Not(HasSubstr(link)))
      << "the link is shown once";

  HttpClient holder(w.server.port());
  const HttpResponse form = holder.Get(link);
  EXPECT_EQ(form.status, 200);
  EXPECT_THAT(form.body, HasSubstr("expert@test.example"));
  // The policy applies, with the message by the field, and the link still works afterwards.
  const HttpResponse weak =
      holder.PostForm(link, FormWithCsrf(holder, "password=Password1234&repeat=Password1234"));
  EXPECT_EQ(weak.status, 400);
  EXPECT_THAT(weak.body, HasSubstr("id=\"new-password-error\">this password is one of the most"));
  const HttpResponse differ = holder.PostForm(
      link, FormWithCsrf(holder, "password=a-new-passphrase&repeat=a-new-passphrose"));
  EXPECT_EQ(differ.status, 400);
  EXPECT_THAT(differ.body, HasSubstr("id=\"new-repeat-error\">the two passwords are not the same"));
  EXPECT_EQ(signed_in.Get("/knowledge/new").status, 200) << "still signed in before the reset";

  const HttpResponse set = holder.PostForm(
      link, FormWithCsrf(holder, "password=a-new-passphrase&repeat=a-new-passphrase"));
  EXPECT_EQ(set.status, 303);
  EXPECT_EQ(set.Header("location"), "/login");
  EXPECT_THAT(holder.Get("/login").body, HasSubstr("Your new password is set"));
  EXPECT_EQ(signed_in.Get("/knowledge/new").status, 303) << "old sessions end on reset";
  EXPECT_EQ(holder.Get(link).status, 404) << "single use";
  HttpClient old_password(w.server.port());
  EXPECT_EQ(SignIn(old_password, "expert@test.example", kPassword), 401);
  EXPECT_EQ(SignIn(holder, "expert@test.example", "a-new-passphrase"), 303);

  // An expired link is refused.
  const std::string late = w.ResetLink(expert);
  w.server.Sql("UPDATE password_resets SET expires_at = 1");
  EXPECT_EQ(HttpClient(w.server.port()).Get(late).status, 404);
  // Every step is in the audit log.
  const std::string log = admin.Get("/admin/audit?user=expert%40test.example").body;
  EXPECT_THAT(log, HasSubstr("<code>user.password_reset</code>"));
  const std::string links = admin.Get("/admin/audit?action=user.reset_link").body;
  EXPECT_GE(Rows(links), 2u);
  EXPECT_THAT(links, Not(HasSubstr("<code>user.create</code>")));
}

TEST_F(UserAdmin, TheAuditLogIsFilteredAndPagedWithStableUrls) {
  World& w = *world_;
  HttpClient& admin = *w.admin;
  HttpClient& arm = *w.coordinator;
  // 105 events of one kind: more than one page.
  arm.Get("/rounds");
  const std::string weights = "/rounds/" + std::to_string(w.round) + "/weights";
  for (int i = 0; i < 105; ++i)
    ASSERT_EQ(
        arm.PostForm(weights, FormWithCsrf(arm, "weight%3AAgencies=" + std::to_string(1 + i % 3)))
            .status,
        303);
  const std::string first = admin.Get("/admin/audit?action=round.weights").body;
  EXPECT_EQ(Rows(first), 100u);
  EXPECT_THAT(first, HasSubstr("href=\"/admin/audit?action=round.weights&amp;page=2\""));
  EXPECT_THAT(first, HasSubstr("<option value=\"round.weights\" selected>"));
  const std::string second = admin.Get("/admin/audit?action=round.weights&page=2").body;
  EXPECT_EQ(Rows(second), 5u);
  EXPECT_THAT(second, HasSubstr("href=\"/admin/audit?action=round.weights\""));  // newer
  EXPECT_THAT(second, Not(HasSubstr("page=3")));
  // By user and round together; by date (every event is of today, none of 2001).
  const std::string round = std::to_string(w.round);
  const std::string theirs =
      admin.Get("/admin/audit?user=arm%40test.example&round=" + round + "&action=round.open").body;
  EXPECT_EQ(Rows(theirs), 1u);
  EXPECT_THAT(theirs, HasSubstr("<td>round:" + round + "</td>"));
  EXPECT_EQ(Rows(admin.Get("/admin/audit?from=2001-01-01&to=2001-12-31").body), 0u);
  EXPECT_THAT(admin.Get("/admin/audit?from=2001-01-01&to=2001-12-31").body,
              HasSubstr("No event matches this filter."));
  EXPECT_GE(Rows(admin.Get("/admin/audit?from=2001-01-01").body), 100u);
  // A filter that cannot be read: the form again with the message by its field.
  const HttpResponse bad = admin.Get("/admin/audit?round=twelve&from=31.12.2026");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("id=\"audit-round-error\">enter a round number"));
  EXPECT_THAT(bad.body, HasSubstr("id=\"audit-from-error\">enter a date as YYYY-MM-DD"));
  EXPECT_THAT(bad.body, HasSubstr("value=\"twelve\""));
}

}  // namespace
}  // namespace meter::testing
