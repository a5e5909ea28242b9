// The coordinator's forms over real HTTP (issue 11): every form post ends in a redirect and a
// reload repeats nothing; a refused form comes back as typed with the message beside the field; a
// closed round refuses new weights, invitations and links with the reason; destructive actions ask
// first on a page of their own; a withdrawn respondent can be restored.
#include <gmock/gmock.h>

#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class CoordinatorForms : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  static HttpClient& Coordinator() { return *world_->coordinator; }
  // A new open round of Armenia; its page path.
  static std::string NewRound(const std::string& title) {
    HttpClient& c = Coordinator();
    const HttpResponse r = c.Send("POST", "/api/rounds",
                                  json({{"country", "ARM"},
                                        {"title", title},
                                        {"year", 2026},
                                        {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                                      .dump(),
                                  "application/json", CsrfHeader(c));
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string path = "/rounds/" + std::to_string(json::parse(r.body)["id"].get<long>());
    EXPECT_EQ(Post(path + "/status", "to=open").status, 303);
    return path;
  }
  static HttpResponse Post(const std::string& path, const std::string& fields) {
    return Coordinator().PostForm(path, FormWithCsrf(Coordinator(), fields));
  }
  static json Respondents(const std::string& round_path) {
    return json::parse(Coordinator().Get("/api" + round_path + "/respondents").body);
  }
  static long long IdOf(const std::string& round_path, const std::string& name) {
    for (const json& r : Respondents(round_path)) {
      if (r["name"] == name) return r["id"].get<long long>();
    }
    return 0;
  }

  static World* world_;
};
World* CoordinatorForms::world_ = nullptr;

TEST_F(CoordinatorForms, AnInvitationRedirectsShowsItsLinkOnceAndCannotBeRepeated) {
  const std::string round = NewRound("Invitations");
  const std::string form = "name=once%40gov.example&group=Agencies";
  const HttpResponse posted = Post(round + "/respondents", form);
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 500);
  EXPECT_EQ(posted.Header("location"), round);
  const std::string page = Coordinator().Get(round).body;
  const std::string link = LinkShownOn(page);
  EXPECT_THAT(link, ::testing::MatchesRegex("/r/[A-Za-z0-9_-]{43}"));
  EXPECT_THAT(page, HasSubstr("Invitation link for"));
  // Reloading the page the POST led to shows the link no more and invites no one.
  const std::string reloaded = Coordinator().Get(round).body;
  EXPECT_EQ(LinkShownOn(reloaded), "");
  EXPECT_EQ(Respondents(round).size(), 1u);
  // The same form posted again (the back button, a double click) is refused beside the name.
  const HttpResponse again = Post(round + "/respondents", form);
  EXPECT_EQ(again.status, 409);
  EXPECT_THAT(again.body, HasSubstr("is already a respondent of this round"));
  EXPECT_THAT(again.body, HasSubstr("aria-describedby=\"r-name-error\""));
  EXPECT_THAT(again.body, HasSubstr("value=\"once@gov.example\""));
  EXPECT_THAT(again.body, Not(HasSubstr("Something is not right")));
  EXPECT_EQ(Respondents(round).size(), 1u);
  // The link works.
  HttpClient respondent(world_->server.port());
  EXPECT_EQ(respondent.Get(link).status, 303);
}

TEST_F(CoordinatorForms, ARefusedInvitationComesBackAsTyped) {
  const std::string round = NewRound("Refused invitation");
  const HttpResponse refused = Post(round + "/respondents", "name=&group=Agencies&pillars=L");
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("usa-form-group--error"));
  EXPECT_THAT(refused.body, HasSubstr("id=\"r-name-error\""));
  EXPECT_THAT(refused.body, HasSubstr("value=\"L\" checked"));
  EXPECT_THAT(refused.body, HasSubstr("<option value=\"Agencies\" selected>"));
  EXPECT_TRUE(Respondents(round).empty());
}

TEST_F(CoordinatorForms, ANewLinkAsksFirstThenShowsTheLinkOnce) {
  const std::string round = NewRound("New links");
  const std::string old_link = world_->InviteByForm(Coordinator(), std::stoll(round.substr(8)),
                                                    "relinked@gov.example", "Agencies");
  const std::string respondent =
      round + "/respondents/" + std::to_string(IdOf(round, "relinked@gov.example"));
  // The round page links to a confirmation page; no form on it posts the action.
  const std::string page = Coordinator().Get(round).body;
  EXPECT_THAT(page, HasSubstr("href=\"" + respondent + "/remind\""));
  EXPECT_THAT(page, Not(HasSubstr("action=\"" + respondent + "/remind\"")));
  const HttpResponse ask = Coordinator().Get(respondent + "/remind");
  ASSERT_EQ(ask.status, 200);
  EXPECT_THAT(ask.body, HasSubstr("Give relinked@gov.example a new link?"));
  EXPECT_THAT(ask.body, HasSubstr("action=\"" + respondent + "/remind\""));
  EXPECT_THAT(ask.body, HasSubstr("name=\"csrf\""));
  EXPECT_EQ(LinkShownOn(Coordinator().Get(round).body), "") << "asking replaced nothing";
  HttpClient before(world_->server.port());
  ASSERT_EQ(before.Get(old_link).status, 303) << "the old link still works";

  const HttpResponse confirmed = Post(respondent + "/remind", "");
  ASSERT_EQ(confirmed.status, 303);
  const std::string new_link = LinkShownOn(Coordinator().Get(round).body);
  EXPECT_FALSE(new_link.empty());
  EXPECT_NE(new_link, old_link);
  EXPECT_EQ(LinkShownOn(Coordinator().Get(round).body), "") << "a reload shows it no more";
  HttpClient after(world_->server.port());
  EXPECT_EQ(after.Get(old_link).status, 404);
  EXPECT_EQ(after.Get(new_link).status, 303);
}

TEST_F(CoordinatorForms, ClosingAndWithdrawingAskFirstAndAWithdrawnRespondentIsRestored) {
  const std::string round = NewRound("Withdraw and restore");
  const std::string link = world_->InviteByForm(Coordinator(), std::stoll(round.substr(8)),
                                                "undone@gov.example", "Agencies");
  const std::string respondent =
      round + "/respondents/" + std::to_string(IdOf(round, "undone@gov.example"));
  const std::string page = Coordinator().Get(round).body;
  EXPECT_THAT(page, HasSubstr("href=\"" + respondent + "/revoke\""));
  EXPECT_THAT(page, Not(HasSubstr("action=\"" + respondent + "/revoke\"")));
  EXPECT_THAT(page, HasSubstr("href=\"" + round + "/close\""));
  EXPECT_THAT(page, Not(HasSubstr("value=\"closed\"")));
  const HttpResponse ask_close = Coordinator().Get(round + "/close");
  EXPECT_EQ(ask_close.status, 200);
  EXPECT_THAT(ask_close.body, HasSubstr("action=\"" + round + "/status\""));
  EXPECT_THAT(ask_close.body, HasSubstr("name=\"to\" value=\"closed\""));
  const HttpResponse ask = Coordinator().Get(respondent + "/revoke");
  EXPECT_EQ(ask.status, 200);
  EXPECT_THAT(ask.body, HasSubstr("Withdraw the invitation of undone@gov.example?"));

  ASSERT_EQ(Post(respondent + "/revoke", "").status, 303);
  const std::string withdrawn = Coordinator().Get(round).body;
  EXPECT_THAT(withdrawn, HasSubstr("undone@gov.example&#39;s link no longer works"));
  EXPECT_THAT(withdrawn, HasSubstr("action=\"" + respondent + "/restore\""));
  HttpClient r(world_->server.port());
  EXPECT_EQ(r.Get(link).status, 410);

  ASSERT_EQ(Post(respondent + "/restore", "").status, 303);
  EXPECT_THAT(Coordinator().Get(round).body, HasSubstr("undone@gov.example can use their link"));
  EXPECT_EQ(r.Get(link).status, 303) << "the same link works again";
  EXPECT_EQ(Post(respondent + "/restore", "").status, 303) << "a second restore is harmless";
  EXPECT_EQ(Respondents(round)[0]["revoked"], false);
}

TEST_F(CoordinatorForms, AClosedRoundRefusesWeightsInvitationsAndNewLinksAndSaysWhy) {
  const std::string round = NewRound("Closed round");
  world_->InviteByForm(Coordinator(), std::stoll(round.substr(8)), "early@gov.example", "Agencies");
  const std::string respondent =
      round + "/respondents/" + std::to_string(IdOf(round, "early@gov.example"));
  ASSERT_EQ(Post(round + "/status", "to=closed").status, 303);

  // The page says why, and offers neither form nor a new link.
  const std::string page = Coordinator().Get(round).body;
  EXPECT_THAT(page, HasSubstr("no one can be invited or given a new link; reopen the round first"));
  EXPECT_THAT(page, HasSubstr("its group weights cannot change; reopen the round first"));
  EXPECT_THAT(page, Not(HasSubstr("action=\"" + round + "/respondents\"")));
  EXPECT_THAT(page, Not(HasSubstr("action=\"" + round + "/weights\"")));
  EXPECT_THAT(page, Not(HasSubstr("href=\"" + respondent + "/remind\"")));

  // Posted anyway (an old page, another tab): refused with the reason, nothing written.
  const HttpResponse weights = Post(round + "/weights", "weight%3AAgencies=5");
  EXPECT_EQ(weights.status, 409);
  EXPECT_THAT(weights.body, HasSubstr("reopen the round first"));
  EXPECT_THAT(weights.body, Not(HasSubstr("Something is not right")));
  const json stored = json::parse(Coordinator().Get("/api" + round).body);
  EXPECT_EQ(stored["groups"][1]["weight"], 1);
  const HttpResponse invite =
      Post(round + "/respondents", "name=late%40gov.example&group=Agencies");
  EXPECT_EQ(invite.status, 409);
  EXPECT_THAT(invite.body, HasSubstr("reopen the round first"));
  const HttpResponse api =
      Coordinator().Send("POST", "/api" + round + "/respondents",
                         json({{"name", "api-late@gov.example"}, {"group", "Agencies"}}).dump(),
                         "application/json", CsrfHeader(Coordinator()));
  EXPECT_EQ(api.status, 409);
  EXPECT_THAT(api.body, HasSubstr("reopen the round first"));
  EXPECT_EQ(Post(respondent + "/remind", "").status, 409);
  EXPECT_EQ(Coordinator().Get(respondent + "/remind").status, 409);
  EXPECT_EQ(Respondents(round).size(), 1u);

  // Reopened, it takes them again.
  ASSERT_EQ(Post(round + "/status", "to=open").status, 303);
  EXPECT_EQ(Post(round + "/weights", "weight%3AAgencies=5").status, 303);
  EXPECT_EQ(Post(round + "/respondents", "name=late%40gov.example&group=Agencies").status, 303);
}

TEST_F(CoordinatorForms, ANewRoundWithABadYearOrWeightComesBackAsTyped) {
  const HttpResponse r =
      Post("/rounds",
           "country=ARM&title=Typed+title&year=1999&instrument=meter+2.0"
           "&group_name=Central+government&group_weight=1&group_name=Agencies&group_weight=abc"
           "&group_name=Civil+society&group_weight=1&group_name=Academia&group_weight=0.5");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, Not(HasSubstr("Something is not right")));
  EXPECT_THAT(r.body, HasSubstr("value=\"Typed title\""));
  EXPECT_THAT(r.body,
              HasSubstr("value=\"1999\" aria-invalid=\"true\" aria-describedby=\"year-error\""));
  EXPECT_THAT(r.body, HasSubstr("id=\"year-error\""));
  EXPECT_THAT(r.body, HasSubstr("id=\"groups-error\""));
  EXPECT_THAT(r.body, HasSubstr("the weight of group &#39;Agencies&#39;"));
  EXPECT_THAT(r.body, HasSubstr("value=\"abc\""));
  EXPECT_THAT(r.body, HasSubstr("value=\"Academia\""));
  EXPECT_THAT(r.body, HasSubstr("value=\"0.5\""));
  EXPECT_THAT(Coordinator().Get("/api/rounds").body, Not(HasSubstr("Typed title")));
}

TEST_F(CoordinatorForms, RefusedWeightsComeBackAsTypedAndWeightsReadAsNumbers) {
  const std::string round = NewRound("Weights");
  const HttpResponse bad = Post(round + "/weights", "weight%3AAgencies=0&weight%3ACivil+society=2");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("id=\"w-1-error\""));
  EXPECT_THAT(bad.body, HasSubstr("value=\"0\" inputmode=\"decimal\" aria-invalid=\"true\""));
  EXPECT_THAT(bad.body, HasSubstr("value=\"2\""));
  EXPECT_EQ(json::parse(Coordinator().Get("/api" + round).body)["groups"][2]["weight"], 1)
      << "one bad weight saves none";
  const HttpResponse saved =
      Post(round + "/weights", "weight%3AAgencies=0.5&weight%3ACivil+society=5");
  ASSERT_EQ(saved.status, 303);
  const std::string page = Coordinator().Get(round).body;
  EXPECT_THAT(page, HasSubstr("The group weights are saved."));
  EXPECT_THAT(page, HasSubstr("value=\"0.5\""));
  EXPECT_THAT(page, HasSubstr("value=\"5\""));
  EXPECT_THAT(page, Not(HasSubstr("0.500000")));
  EXPECT_THAT(page, Not(HasSubstr("5.000000")));
}

}  // namespace
}  // namespace meter::testing
