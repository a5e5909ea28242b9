// Issue 14, "Fast results": the results page, the Way Forward, the JSON results and the downloads
// come from scores cached per round (web/score_cache.h). A save bumps the round's version and the
// next view shows the new score; a view at an unchanged version does not score the round again
// (the X-Meter-Scores header says which). On PostgreSQL with two nodes: two_nodes_test.cpp.
#include <gmock/gmock.h>

#include "score_views.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class ScoreCacheWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  static std::string Base() { return "/rounds/" + std::to_string(world_->round); }
  static World* world_;
};
World* ScoreCacheWeb::world_ = nullptr;

TEST_F(ScoreCacheWeb, ASaveShowsOnTheNextViewAndViewsBetweenSavesDoNotRescore) {
  auto respondent = Respondent(*world_, world_->server.port(), "cached");
  std::map<std::string, long long> versions;
  AnswerC1(*respondent, "0", versions);
  HttpClient& coordinator = *world_->coordinator;

  const HttpResponse first = coordinator.Get(Base() + "/results");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.Header("x-meter-scores"), "computed");
  EXPECT_EQ(ScoreOnPage(first.body, "C1"), "0.0");
  for (const char* path : {"/results", "/way-forward", "/download/scores"}) {
    const HttpResponse again = coordinator.Get(Base() + path);
    EXPECT_EQ(again.status, 200) << path;
    EXPECT_EQ(again.Header("x-meter-scores"), "cached") << path << ": no save since";
  }
  const HttpResponse json_view = coordinator.Get("/api" + Base() + "/results");
  EXPECT_EQ(json_view.Header("x-meter-scores"), "cached");
  EXPECT_EQ(ScoreInJson(json_view.body, "C1"), json(0.0));

  AnswerC1(*respondent, "4", versions);
  const HttpResponse after = coordinator.Get(Base() + "/results");
  EXPECT_EQ(after.Header("x-meter-scores"), "computed");
  EXPECT_EQ(ScoreOnPage(after.body, "C1"), "100.0");
  const HttpResponse json_after = coordinator.Get("/api" + Base() + "/results");
  EXPECT_EQ(json_after.Header("x-meter-scores"), "cached");
  EXPECT_EQ(ScoreInJson(json_after.body, "C1"), json(100.0));
  EXPECT_THAT(coordinator.Get(Base() + "/download/scores").body, HasSubstr("C1,"));
}

// The page is rendered once for everyone of a language and role: each caller still gets their
// own security token and name in it.
TEST_F(ScoreCacheWeb, ACachedPageCarriesEachCallersOwnTokenAndName) {
  const HttpResponse coordinator = world_->coordinator->Get(Base() + "/results");
  const HttpResponse admin = world_->admin->Get(Base() + "/results");
  ASSERT_EQ(coordinator.status, 200);
  ASSERT_EQ(admin.status, 200);
  EXPECT_THAT(coordinator.body, HasSubstr(world_->coordinator->csrf));
  EXPECT_THAT(admin.body, HasSubstr(world_->admin->csrf));
  EXPECT_THAT(coordinator.body, HasSubstr("arm@test.example"));
  EXPECT_THAT(admin.body, ::testing::Not(HasSubstr("arm@test.example")));
}

// What else changes a round's scores or plan bumps its version too: closing (the page stops
// saying provisional), a target (the Way Forward shows it), the group weights.
TEST_F(ScoreCacheWeb, ClosingAndTargetsAreSeenAtOnce) {
  HttpClient& coordinator = *world_->coordinator;
  EXPECT_THAT(coordinator.Get(Base() + "/results").body, HasSubstr("Provisional results"));
  ASSERT_EQ(coordinator.PostForm(Base() + "/targets", FormWithCsrf(coordinator, "target%3AC=87.5"))
                .status,
            303);
  EXPECT_THAT(coordinator.Get(Base() + "/way-forward").body,
              HasSubstr("name=\"target:C\" value=\"87.5\""));
  ASSERT_EQ(coordinator.PostForm(Base() + "/status", FormWithCsrf(coordinator, "to=closed")).status,
            303);
  const HttpResponse closed = coordinator.Get(Base() + "/results");
  EXPECT_EQ(closed.Header("x-meter-scores"), "computed");
  EXPECT_THAT(closed.body, ::testing::Not(HasSubstr("Provisional results")));
  ASSERT_EQ(coordinator.PostForm(Base() + "/status", FormWithCsrf(coordinator, "to=open")).status,
            303);
}

// The instrument page's item statistics are computed over every published round of the version:
// kept by the published version, so that views do not compute them again and a publication shows
// at once.
TEST_F(ScoreCacheWeb, ItemStatisticsAreKeptUntilARoundIsPublished) {
  HttpClient& admin = *world_->admin;
  const std::string page = "/instruments/meter/2.0";
  const HttpResponse first = admin.Get(page);
  ASSERT_EQ(first.status, 200);
  const HttpResponse again = admin.Get(page);
  EXPECT_EQ(again.Header("x-meter-scores"), "cached");
  EXPECT_EQ(again.body, first.body);
  world_->PublishRound("KEN", 2025, "3");
  const HttpResponse after = admin.Get(page);
  EXPECT_EQ(after.Header("x-meter-scores"), "computed");
  EXPECT_NE(after.body, first.body) << "the published round counts at once";
  EXPECT_EQ(admin.Get(page).Header("x-meter-scores"), "cached");
}

}  // namespace
}  // namespace meter::testing
