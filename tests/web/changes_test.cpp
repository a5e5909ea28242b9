// "What changed" over real HTTP (issue 13): an expert sees what others did since their last visit,
// in words with a link, and only once; their own changes are not news; the digest choice is kept
// and shown; coordinators and respondents may not see the page, anonymous callers sign in first.
#include <gmock/gmock.h>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ChangesWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  // Creates a lesson titled `title` as `c`; returns the status of the POST.
  static int CreateLesson(HttpClient& c, const std::string& title) {
    c.Get("/knowledge/new");
    std::string body = FormWithCsrf(c);
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"kind", "lesson"},
                                      {"language", "en"},
                                      {"title_en", title},
                                      {"pillars", "T"},
                                      {"subareas", "T1"},
                                      {"sources", "A review | https://www.oecd.org/"},
                                      {"summary_en", "A summary of it."},
                                      {"body", "## What was done\n"}}) {
      body += "&" + name + "=" + FormEncode(value);
    }
    const HttpResponse r = c.PostForm("/knowledge/new", body);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
    return r.status;
  }

  static World* world_;
};
World* ChangesWeb::world_ = nullptr;

TEST_F(ChangesWeb, AnExpertSeesWhatOthersChangedSinceTheLastVisitOnce) {
  World& w = *world_;
  const HttpResponse first = w.expert->Get("/changes");
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 1000);
  EXPECT_THAT(first.body, HasSubstr("This is your first visit"));
  EXPECT_THAT(first.body, HasSubstr("href=\"/changes\""));  // the navigation's link
  ASSERT_EQ(CreateLesson(*w.admin, "Shared service centres"), 303);
  ASSERT_EQ(CreateLesson(*w.expert, "My own lesson"), 303);
  const HttpResponse second = w.expert->Get("/changes");
  ASSERT_EQ(second.status, 200);
  EXPECT_THAT(second.body, HasSubstr("1 change since your last visit on"));
  EXPECT_THAT(second.body, HasSubstr("href=\"/knowledge/lesson-shared-service-centres\""));
  EXPECT_THAT(second.body,
              HasSubstr("admin@test.example added a knowledge entry: Shared service centres"));
  EXPECT_THAT(second.body, Not(HasSubstr("My own lesson")));
  const HttpResponse third = w.expert->Get("/changes");
  EXPECT_THAT(third.body, HasSubstr("Nothing has changed since your last visit."));
  EXPECT_THAT(third.body, Not(HasSubstr("Shared service centres")));
  // The admin's own page tells them of the expert's entry.
  EXPECT_THAT(w.admin->Get("/changes").body, HasSubstr("My own lesson"));
}

TEST_F(ChangesWeb, TheDigestChoiceIsKeptAndShown) {
  World& w = *world_;
  w.expert->Get("/changes");
  const HttpResponse set =
      w.expert->PostForm("/changes/digest", FormWithCsrf(*w.expert, "digest=daily"));
  ASSERT_EQ(set.status, 303);
  EXPECT_EQ(set.Header("location"), "/changes");
  const HttpResponse shown = w.expert->Get("/changes");
  EXPECT_THAT(shown.body, HasSubstr("You will receive a daily digest"));
  EXPECT_THAT(shown.body, HasSubstr("value=\"daily\" checked"));
  const HttpResponse bad =
      w.expert->PostForm("/changes/digest", FormWithCsrf(*w.expert, "digest=hourly"));
  EXPECT_EQ(bad.status, 400);
  ASSERT_EQ(w.expert->PostForm("/changes/digest", FormWithCsrf(*w.expert, "digest=off")).status,
            303);
  const HttpResponse off = w.expert->Get("/changes");
  EXPECT_THAT(off.body, HasSubstr("You will no longer receive the daily digest."));
  EXPECT_THAT(off.body, HasSubstr("value=\"off\" checked"));
}

TEST_F(ChangesWeb, CoordinatorsAndRespondentsMayNotAndAnonymousCallersSignInFirst) {
  World& w = *world_;
  EXPECT_EQ(w.coordinator->Get("/changes").status, 403);
  EXPECT_THAT(w.coordinator->Get("/rounds").body, Not(HasSubstr("href=\"/changes\"")));
  EXPECT_EQ(w.respondent->Get("/changes").status, 403);
  const HttpResponse anonymous = w.anonymous->Get("/changes");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_THAT(anonymous.Header("location"), HasSubstr("/login"));
}

TEST_F(ChangesWeb, DraftsProposalsAndEntriesWaitingForReviewAreShownToExperts) {
  World& w = *world_;
  w.expert->Get("/changes");  // the mark: only what follows is news
  w.admin->Get("/instruments");
  ASSERT_EQ(
      w.admin->PostForm("/instruments", FormWithCsrf(*w.admin) + "&from=meter%2F3.0&version=3.7")
          .status,
      303);
  w.admin->Get("/instruments/meter/3.7/proposals/new");
  const HttpResponse proposed = w.admin->PostForm(
      "/instruments/meter/3.7/proposals",
      FormWithCsrf(*w.admin) + "&kind=change-weight&target=M1&weight=2&rationale=Because");
  ASSERT_EQ(proposed.status, 303) << proposed.body.substr(0, 2000);
  const std::string proposal = proposed.Header("location");
  ASSERT_EQ(CreateLesson(*w.admin, "Waiting lesson"), 303);
  w.admin->Get("/knowledge/lesson-waiting-lesson");
  ASSERT_EQ(w.admin
                ->PostForm("/knowledge/lesson-waiting-lesson/submit",
                           FormWithCsrf(*w.admin) + "&version=1")
                .status,
            303);

  const HttpResponse page = w.expert->Get("/changes");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("admin@test.example started the draft of instrument version "
                                   "meter/3.7"));
  EXPECT_THAT(page.body, HasSubstr("href=\"/instruments/meter/3.7\""));
  EXPECT_THAT(page.body, HasSubstr("admin@test.example proposed a change: change-weight M1"));
  EXPECT_THAT(page.body, HasSubstr("href=\"" + proposal + "\""));
  EXPECT_THAT(page.body, HasSubstr("admin@test.example submitted a knowledge entry for review: "
                                   "Waiting lesson"));
  // Waiting for the expert's review, and not for its author's.
  const std::string waiting = "Waiting lesson</a>, submitted by admin@test.example on ";
  EXPECT_THAT(page.body, HasSubstr(waiting));
  const HttpResponse own = w.admin->Get("/changes");
  EXPECT_THAT(own.body, Not(HasSubstr(waiting)));
  EXPECT_THAT(own.body, HasSubstr("No entry is waiting for your review."));
}

}  // namespace
}  // namespace meter::testing
