// The expert channel over real HTTP on a real server and SQLite file: the secretariat starts a
// draft, experts propose, comment and vote, the secretariat decides (a change that no longer
// applies gets 409 naming the proposal that came first, a stale page 409 too), releases once the
// draft is complete in every language, and a coordinator starts a round of the new version.
// Every step is in the audit log. Bad forms are refused naming the field, with nothing stored.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "web/http.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Six languages of one text, as the proposal form's fields.
std::string AllLanguages(const std::string& field, const std::string& text) {
  std::string out;
  for (const char* lang : {"en", "ar", "zh", "fr", "ru", "es"}) {
    out += "&" + field + "_" + lang + "=" + UrlEncode(text + " (" + lang + ")");
  }
  return out;
}

class Channel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    second_ = world_->Client().release();
    ASSERT_EQ(SignIn(*second_, "spare@test.example", kPassword), 303);
    const HttpResponse started = world_->admin->PostForm(
        "/instruments", FormWithCsrf(*world_->admin, "from=meter%2F3.0&version=3.1"));
    ASSERT_EQ(started.status, 303) << started.body;
    // The first test releases 3.1; the others propose on 3.3.
    ASSERT_EQ(
        world_->admin
            ->PostForm("/instruments", FormWithCsrf(*world_->admin, "from=meter%2F3.0&version=3.3"))
            .status,
        303);
  }
  static void TearDownTestSuite() {
    delete second_;
    delete world_;
  }

  // Makes a proposal as `who`; returns its ID (0 when refused).
  static long long Propose(HttpClient& who, const std::string& fields,
                           const std::string& version = "3.3") {
    const HttpResponse r = who.PostForm("/instruments/meter/" + version + "/proposals",
                                        FormWithCsrf(who, fields + "&rationale=Because."));
    if (r.status != 303) return 0;
    std::smatch m;
    const std::string location = r.Header("location");
    if (!std::regex_search(location, m, std::regex("/proposals/(\\d+)"))) return 0;
    return std::stoll(m[1]);
  }
  static std::string Stamp(HttpClient& who, long long id) {
    const std::string page = who.Get("/proposals/" + std::to_string(id)).body;
    std::smatch m;
    std::regex_search(page, m, std::regex("name=\"stamp\" value=\"(\\d+)\""));
    return m.size() > 1 ? m[1].str() : "";
  }
  static HttpResponse Decide(long long id, const std::string& verdict,
                             const std::string& stamp = "") {
    HttpClient& admin = *world_->admin;
    const std::string s = stamp.empty() ? Stamp(admin, id) : stamp;
    return admin.PostForm("/proposals/" + std::to_string(id) + "/decision",
                          FormWithCsrf(admin, "verdict=" + verdict + "&reason=Agreed&stamp=" + s));
  }
  static World* world_;
  static HttpClient* second_;
};
World* Channel::world_ = nullptr;
HttpClient* Channel::second_ = nullptr;

TEST_F(Channel, ProposeDiscussVoteAcceptReleaseAndStartARound) {
  World& w = *world_;
  const long long id = Propose(
      *w.expert,
      "kind=add-statement&target=M1.5&parent=M1" + AllLanguages("text", "Officials promote METER"),
      "3.1");
  ASSERT_GT(id, 0);
  const std::string path = "/proposals/" + std::to_string(id);
  EXPECT_EQ(second_->PostForm(path + "/comments", FormWithCsrf(*second_, "comment=**Good**%20idea"))
                .status,
            303);
  const std::string page = w.expert->Get(path).body;
  EXPECT_THAT(page, HasSubstr("<strong>Good</strong>"));  // Markdown, rendered safely
  EXPECT_EQ(second_->PostForm(path + "/vote", FormWithCsrf(*second_, "choice=support")).status,
            303);
  EXPECT_EQ(w.expert->PostForm(path + "/vote", FormWithCsrf(*w.expert, "choice=abstain")).status,
            303);
  // A vote can change until the decision.
  EXPECT_EQ(w.expert->PostForm(path + "/vote", FormWithCsrf(*w.expert, "choice=support")).status,
            303);
  EXPECT_THAT(w.expert->Get(path).body, HasSubstr("Support: 2 · Oppose: 0 · Abstain: 0"));

  ASSERT_EQ(Decide(id, "accepted").status, 303);
  EXPECT_THAT(w.expert->Get("/instruments/meter/3.1").body, HasSubstr("M1.5"));
  // Decided: votes are closed.
  EXPECT_EQ(
      second_->PostForm(path + "/vote", FormWithCsrf(*second_, "choice=oppose&reason=x")).status,
      409);

  const std::string draft = w.admin->Get("/instruments/meter/3.1").body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(draft, m, std::regex("name=\"revision\" value=\"(\\d+)\"")))
      << draft;
  EXPECT_EQ(w.admin
                ->PostForm("/instruments/meter/3.1/release",
                           FormWithCsrf(*w.admin, "revision=" + m[1].str()))
                .status,
            303);
  const std::string yaml = w.expert->Get("/instruments/meter/3.1/export").body;
  EXPECT_THAT(yaml, HasSubstr("status: released"));
  EXPECT_THAT(yaml, HasSubstr("M1.5"));

  const HttpResponse round =
      w.coordinator->Send("POST", "/api/rounds",
                          nlohmann::json({{"country", "ARM"},
                                          {"title", "Armenia on 3.1"},
                                          {"year", 2027},
                                          {"instrument", {{"id", "meter"}, {"version", "3.1"}}}})
                              .dump(),
                          "application/json", CsrfHeader(*w.coordinator));
  EXPECT_EQ(round.status, 201) << round.body;

  const std::string audit = w.admin->Get("/admin/audit?limit=200").body;
  for (const char* action : {"instrument.draft", "proposal.create", "proposal.comment",
                             "proposal.vote", "proposal.decide", "instrument.release"}) {
    EXPECT_THAT(audit, HasSubstr(action)) << action;
  }
}

TEST_F(Channel, TheSecondOfTwoChangesToOneStatementIsRefusedNamingTheFirst) {
  World& w = *world_;
  const long long retire = Propose(*w.expert, "kind=retire-statement&target=M2.1");
  const long long reword =
      Propose(*second_, "kind=reword-statement&target=M2.1&text_en=Reworded%20M2.1");
  ASSERT_GT(retire, 0);
  ASSERT_GT(reword, 0);
  ASSERT_EQ(Decide(retire, "accepted").status, 303);
  const HttpResponse refused = Decide(reword, "accepted");
  EXPECT_EQ(refused.status, 409);
  EXPECT_THAT(refused.body, HasSubstr("proposal " + std::to_string(retire)));
  // Still undecided: it can be rejected instead.
  EXPECT_EQ(Decide(reword, "rejected").status, 303);
}

TEST_F(Channel, AStaleDecisionIsAConflict) {
  World& w = *world_;
  const long long id = Propose(*w.expert, "kind=change-weight&target=M3&weight=2");
  ASSERT_GT(id, 0);
  const std::string stamp = Stamp(*w.admin, id);
  ASSERT_EQ(Decide(id, "deferred", stamp).status, 303);
  // A second tab still holds the old stamp.
  EXPECT_EQ(Decide(id, "accepted", stamp).status, 409);
  EXPECT_EQ(Decide(id, "accepted").status, 303);
}

TEST_F(Channel, BadFormsNameTheFieldAndStoreNothing) {
  World& w = *world_;
  const std::string before = w.expert->Get("/instruments/meter/3.3/proposals").body;
  const HttpResponse bad = w.expert->PostForm(
      "/instruments/meter/3.3/proposals",
      FormWithCsrf(*w.expert, "kind=add-statement&target=C1.1&parent=C1&weight=heavy"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("href=\"#pf-weight\""));
  EXPECT_THAT(bad.body, HasSubstr("href=\"#pf-rationale\""));
  const HttpResponse taken = w.expert->PostForm(
      "/instruments/meter/3.3/proposals",
      FormWithCsrf(*w.expert, "kind=add-statement&target=C1.1&parent=C1&text_en=x&rationale=y"));
  EXPECT_EQ(taken.status, 400);
  EXPECT_THAT(taken.body, HasSubstr("href=\"#pf-target\""));
  EXPECT_EQ(w.expert->Get("/instruments/meter/3.3/proposals").body, before);

  const long long id = Propose(*w.expert, "kind=retire-statement&target=M4.4");
  ASSERT_GT(id, 0);
  const std::string path = "/proposals/" + std::to_string(id);
  EXPECT_EQ(second_->PostForm(path + "/vote", FormWithCsrf(*second_, "choice=oppose")).status,
            400);  // opposing needs a reason
  EXPECT_EQ(second_->PostForm(path + "/comments", FormWithCsrf(*second_, "comment=")).status, 400);
  EXPECT_EQ(Decide(id, "maybe").status, 400);
  // A released version takes no proposal.
  EXPECT_EQ(w.expert
                ->PostForm("/instruments/meter/2.0/proposals",
                           FormWithCsrf(*w.expert,
                                        "kind=retire-statement&target=C1.1&"
                                        "rationale=x"))
                .status,
            400);
}

TEST_F(Channel, AStatementShowsTheProposalsThatTouchItOnItsDraftAndItsReleasedVersion) {
  World& w = *world_;
  const long long id =
      Propose(*w.expert, "kind=reword-statement&target=M4.3&text_en=Clearer%20words");
  ASSERT_GT(id, 0);
  const std::string link = "href=\"/proposals/" + std::to_string(id) + "\"";
  // Beside the statement's row (its flags and figures), on the draft and on the version it
  // follows, where the item statistics are.
  for (const char* page : {"/instruments/meter/3.3", "/instruments/meter/3.0"}) {
    const std::string body = w.expert->Get(page).body;
    const size_t row = body.find("id=\"statement-M4.3\"");
    ASSERT_NE(row, std::string::npos) << page;
    const size_t end = body.find("</tr>", row);
    EXPECT_NE(body.substr(row, end - row).find(link), std::string::npos) << page;
    EXPECT_THAT(body, HasSubstr("Proposal " + std::to_string(id) +
                                " for version 3.3: Reword a "
                                "statement (open)"));
  }
  // Coordinators read instruments but see no proposals.
  EXPECT_THAT(w.coordinator->Get("/instruments/meter/3.0").body, Not(HasSubstr(link)));
}

TEST_F(Channel, ADraftThatLacksTranslationsIsNotReleased) {
  World& w = *world_;
  ASSERT_EQ(
      w.admin->PostForm("/instruments", FormWithCsrf(*w.admin, "from=meter%2F3.0&version=3.2"))
          .status,
      303);
  const long long id =
      Propose(*w.expert, "kind=reword-statement&target=C1.1&text_en=New%20words", "3.2");
  ASSERT_GT(id, 0);
  ASSERT_EQ(Decide(id, "accepted").status, 303);
  const std::string draft = w.admin->Get("/instruments/meter/3.2").body;
  EXPECT_THAT(draft, HasSubstr("stand in the way of a release"));
  const HttpResponse refused =
      w.admin->PostForm("/instruments/meter/3.2/release", FormWithCsrf(*w.admin, "revision=2"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("C1.1"));
  // Experts cannot release, decide or start drafts.
  EXPECT_EQ(
      w.expert->PostForm("/instruments/meter/3.2/release", FormWithCsrf(*w.expert, "revision=2"))
          .status,
      403);
}

}  // namespace
}  // namespace meter::testing
