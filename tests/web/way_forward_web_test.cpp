// The Way Forward over real HTTP: targets per pillar, moving and assigning roadmap items, and
// publishing a closed round — each with its bad input refused and nothing written.
#include <gmock/gmock.h>

#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class WayForwardWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    // One respondent answers every Commitment statement of C1 with the lowest level: C1 scores 0
    // and is the only priority; everything else is "measure first".
    auto [link, id] =
        world_->Invite(*world_->coordinator, world_->round, "planner", "Central government");
    HttpClient r(world_->server.port());
    r.Get(link);
    r.Get("/q/1");
    for (int i = 1; i <= 12; ++i) {
      const HttpResponse saved =
          r.Send("PUT", "/api/answers/C1." + std::to_string(i),
                 json({{"value", "0"}, {"version", 0}}).dump(), "application/json", CsrfHeader(r));
      ASSERT_EQ(saved.status, 200) << saved.body;
    }
  }
  static void TearDownTestSuite() { delete world_; }

  static std::string Base() { return "/rounds/" + std::to_string(world_->round); }
  static std::string Page() { return world_->coordinator->Get(Base() + "/way-forward").body; }
  static HttpResponse Post(const std::string& path, const std::string& fields) {
    return world_->coordinator->PostForm(Base() + path, FormWithCsrf(*world_->coordinator, fields));
  }

  static World* world_;
};
World* WayForwardWeb::world_ = nullptr;

TEST_F(WayForwardWeb, TheCoordinatorMovesAssignsAndDatesARoadmapItem) {
  const std::string before = Page();
  ASSERT_THAT(before, HasSubstr("id=\"item-C1\""));
  EXPECT_THAT(before, HasSubstr("Phase 1: the first 6 months"));
  EXPECT_THAT(before, Not(HasSubstr("moved by the coordinator")));

  const HttpResponse moved =
      Post("/roadmap/C1", "phase=3&owner=Ministry+of+%3Cb%3EICT%3C%2Fb%3E&due=2027-06-30");
  ASSERT_EQ(moved.status, 303) << moved.body;
  const std::string after = Page();
  EXPECT_THAT(after, HasSubstr("Phase 3: months 18 to 36"));
  EXPECT_THAT(after, HasSubstr("moved by the coordinator"));
  EXPECT_THAT(after, HasSubstr("Ministry of &lt;b&gt;ICT&lt;/b&gt;"));
  EXPECT_THAT(after, Not(HasSubstr("Ministry of <b>ICT")));
  EXPECT_THAT(after, HasSubstr("value=\"2027-06-30\""));

  // Back to the plan's phase: no longer marked as moved, owner kept.
  ASSERT_EQ(Post("/roadmap/C1", "phase=1&owner=Cabinet&due=").status, 303);
  EXPECT_THAT(Page(), Not(HasSubstr("moved by the coordinator")));
  EXPECT_THAT(Page(), HasSubstr("Cabinet"));
}

// A refused edit comes back as typed, with the message beside the refused field; the fields
// without a problem are saved (issue 11: a refused move kept nothing of what was typed).
TEST_F(WayForwardWeb, BadRoadmapEditsComeBackAsTypedAndTheValidPartIsSaved) {
  ASSERT_EQ(Post("/roadmap/C1", "phase=1&owner=Keeper&due=2027-01-15").status, 303);
  const HttpResponse bad_date = Post("/roadmap/C1", "phase=1&owner=Other&due=2027-02-30");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_THAT(bad_date.body, HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(bad_date.body, HasSubstr("id=\"due-C1-error\""));
  EXPECT_THAT(bad_date.body, HasSubstr("value=\"2027-02-30\" aria-invalid=\"true\" "
                                       "aria-describedby=\"due-C1-error\""));
  EXPECT_THAT(bad_date.body, HasSubstr("The fields without a message are saved"));
  EXPECT_THAT(bad_date.body, Not(HasSubstr("Something is not right")));
  std::string page = Page();
  EXPECT_THAT(page, HasSubstr("Owner: Other")) << "the valid owner is saved";
  EXPECT_THAT(page, HasSubstr("2027-01-15")) << "the refused date leaves the stored one";

  const HttpResponse bad_phase = Post("/roadmap/C1", "phase=7&owner=Third&due=");
  EXPECT_EQ(bad_phase.status, 400);
  EXPECT_THAT(bad_phase.body, HasSubstr("id=\"phase-C1-error\""));
  EXPECT_THAT(bad_phase.body, HasSubstr("value=\"Third\""));
  EXPECT_EQ(Post("/roadmap/C1", "phase=two&owner=Third&due=").status, 400);
  const HttpResponse unknown = Post("/roadmap/L1", "phase=1&owner=Other&due=");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(unknown.body, HasSubstr("L1"));
  const HttpResponse no_csrf =
      world_->coordinator->PostForm(Base() + "/roadmap/C1", "phase=2&owner=Fourth&due=");
  EXPECT_EQ(no_csrf.status, 403);
  page = Page();
  EXPECT_THAT(page, HasSubstr("Owner: Third"));
  EXPECT_THAT(page, Not(HasSubstr("Fourth")));
  EXPECT_THAT(page, Not(HasSubstr("moved by the coordinator"))) << "no refused phase is stored";
}

TEST_F(WayForwardWeb, TargetsRePlanAndBadTargetsAreRefused) {
  ASSERT_EQ(Post("/targets", "target%3AC=40&target%3AL=").status, 303);
  std::string page = Page();
  EXPECT_THAT(page, HasSubstr("name=\"target:C\" value=\"40.0\""));
  EXPECT_THAT(page, HasSubstr("radar-target")) << "the radar shows the targets";
  EXPECT_THAT(page, HasSubstr("id=\"item-C1\"")) << "C1 (0) is still below 40";

  const HttpResponse too_high = Post("/targets", "target%3AC=140");
  EXPECT_EQ(too_high.status, 400);
  EXPECT_THAT(too_high.body,
              HasSubstr("value=\"140\" aria-label=\"Target for Commitment\" "
                        "aria-invalid=\"true\" aria-describedby=\"target-C-error\""));
  EXPECT_THAT(too_high.body, HasSubstr("a target must be a number from 0 to 100"));
  EXPECT_EQ(Post("/targets", "target%3AC=forty").status, 400);
  EXPECT_EQ(Post("/targets", "target%3AC=nan").status, 400);
  EXPECT_THAT(Page(), HasSubstr("name=\"target:C\" value=\"40.0\"")) << "nothing written";
  // Each target stands alone: a valid one is saved beside a refused one.
  const HttpResponse mixed = Post("/targets", "target%3AC=40&target%3AL=55&target%3AP=101");
  EXPECT_EQ(mixed.status, 400);
  EXPECT_THAT(mixed.body, HasSubstr("The other targets are saved."));
  EXPECT_THAT(mixed.body, HasSubstr("name=\"target:P\" value=\"101\""));
  EXPECT_THAT(Page(), HasSubstr("name=\"target:L\" value=\"55.0\""));
  ASSERT_EQ(Post("/targets", "target%3AC=40").status, 303);

  // A target of 0 is reached by a score of 0: C1 leaves the plan.
  ASSERT_EQ(Post("/targets", "target%3AC=0").status, 303);
  EXPECT_THAT(Page(), Not(HasSubstr("id=\"item-C1\"")));
  ASSERT_EQ(Post("/targets", "").status, 303);
  EXPECT_THAT(Page(), HasSubstr("id=\"item-C1\"")) << "without targets C1 aims at 100 again";
}

TEST_F(WayForwardWeb, OnlyAClosedRoundIsPublishedAndReopeningWithdrawsIt) {
  EXPECT_EQ(Post("/publish", "").status, 409);
  ASSERT_EQ(Post("/status", "to=closed").status, 303);
  ASSERT_EQ(Post("/publish", "").status, 303);
  const json round =
      json::parse(world_->coordinator->Get("/api/rounds/" + std::to_string(world_->round)).body);
  EXPECT_EQ(round["published"], true);
  EXPECT_THAT(world_->coordinator->Get(Base()).body, HasSubstr("Withdraw publication"));
  EXPECT_EQ(world_->other_coordinator
                ->PostForm(Base() + "/unpublish", FormWithCsrf(*world_->other_coordinator, ""))
                .status,
            403);
  ASSERT_EQ(Post("/status", "to=open").status, 303);
  const json reopened =
      json::parse(world_->coordinator->Get("/api/rounds/" + std::to_string(world_->round)).body);
  EXPECT_EQ(reopened["published"], false);
}

TEST_F(WayForwardWeb, EveryDownloadCarriesTheRoundAndItsInstrument) {
  HttpClient& c = *world_->coordinator;
  const std::string round = std::to_string(world_->round);
  const HttpResponse pdf = c.Get(Base() + "/download/pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_THAT(pdf.headers.find("content-type")->second, HasSubstr("application/pdf"));
  EXPECT_THAT(pdf.headers.find("content-disposition")->second,
              HasSubstr("meter-round-" + round + "-report.pdf"));
  const HttpResponse xlsx = c.Get(Base() + "/download/xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "an XLSX file is a zip archive";
  const HttpResponse sdmx = c.Get(Base() + "/download/sdmx");
  ASSERT_EQ(sdmx.status, 200);
  EXPECT_EQ(sdmx.body.substr(0, sdmx.body.find('\n')),
            "DATAFLOW,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,OBS_STATUS,INSTRUMENT_ID,"
            "INSTRUMENT_VERSION,ROUND_ID");
  EXPECT_THAT(sdmx.body, HasSubstr(",ARM,2026,C1,0,P,meter,2.0," + round))
      << "the round is open: its scores are provisional values";
  const json everything = json::parse(c.Get(Base() + "/download/json").body);
  EXPECT_EQ(everything["round"]["id"], world_->round);
  EXPECT_EQ(everything["round"]["instrument"]["version"], "2.0");
  EXPECT_THAT(c.Get(Base() + "/download/scores").body, HasSubstr(round + ",meter,2.0,ARM,2026"));
  const std::string answers = c.Get(Base() + "/download/answers").body;
  EXPECT_THAT(answers, HasSubstr("round_id,instrument_id,instrument_version"));
  EXPECT_THAT(answers, HasSubstr("C1.1"));
  EXPECT_THAT(answers, Not(HasSubstr("planner"))) << "respondents are never named";
  // Item 18 of issue 11: the CSV files for spreadsheets start with a byte order mark; SDMX-CSV
  // and the answers file for `meter score` are written exactly as specified.
  const std::string bom = "\xEF\xBB\xBF";
  EXPECT_EQ(c.Get(Base() + "/download/scores").body.substr(0, 12), bom + "round_id,");
  EXPECT_EQ(answers.substr(0, 14), bom + "respondent,");
  EXPECT_EQ(sdmx.body.substr(0, 9), "DATAFLOW,");
  EXPECT_EQ(c.Get(Base() + "/answers.csv").body.substr(0, 11), "respondent,");
  const HttpResponse unknown = c.Get(Base() + "/download/docx");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.body, HasSubstr("docx"));
}

// Items 12 and 14 of issue 11: an open round's results and plan say they are provisional, and
// each item of the plan says why it is in its phase.
TEST_F(WayForwardWeb, OpenRoundsAreProvisionalAndEachItemSaysWhyItIsThere) {
  const std::string results = world_->coordinator->Get(Base() + "/results").body;
  EXPECT_THAT(results, HasSubstr("id=\"provisional\""));
  EXPECT_THAT(results, HasSubstr("Provisional results"));
  std::string plan = Page();
  EXPECT_THAT(plan, HasSubstr("Provisional results"));
  EXPECT_THAT(plan, HasSubstr("<p class=\"meter-reason\">Phase 1: score 0.0, the weakest in its "
                              "pillar, which has no target.</p>"));
  ASSERT_EQ(Post("/targets", "target%3AC=60").status, 303);
  plan = Page();
  EXPECT_THAT(plan, HasSubstr("Phase 1: score 0.0, the furthest below its pillar&#39;s target of "
                              "60.0."));
  ASSERT_EQ(Post("/targets", "").status, 303);
  ASSERT_EQ(Post("/status", "to=closed").status, 303);
  EXPECT_THAT(world_->coordinator->Get(Base() + "/results").body,
              Not(HasSubstr("Provisional results")));
  EXPECT_THAT(Page(), Not(HasSubstr("Provisional results")));
  ASSERT_EQ(Post("/status", "to=open").status, 303);
}

// Issue 12: the lessons and case studies of an item are titled in the reader's language, the most
// relevant first (those about C1 above all others tagged with it further down their list).
TEST_F(WayForwardWeb, LessonsAndCasesAreTitledInTheReadersLanguage) {
  HttpClient zh(world_->server.port());
  zh.cookies() = world_->coordinator->cookies();
  zh.cookies()["meter_lang"] = "zh";
  const std::string plan = zh.Get(Base() + "/way-forward").body;
  EXPECT_THAT(plan, HasSubstr("<a href=\"/knowledge/lesson-digital-skills-academies\">"
                              "通过学院和能力框架在公务员系统中培养数字技能</a>"));
  EXPECT_THAT(Page(), HasSubstr("<a href=\"/knowledge/lesson-digital-skills-academies\">Building "
                                "digital skills in the civil service"));
}

TEST_F(WayForwardWeb, ProgressComparesRoundsAcrossInstrumentVersions) {
  HttpClient& c = *world_->coordinator;
  // Alone, the round has a trend of one point and nothing to compare with.
  const HttpResponse alone = c.Get(Base() + "/progress");
  ASSERT_EQ(alone.status, 200);
  EXPECT_THAT(alone.body, HasSubstr("only round so far"));
  EXPECT_THAT(alone.body, HasSubstr("<svg"));

  // A later round on the 3.0 draft, where C1 improves and Marketing is new.
  const HttpResponse created = c.Send("POST", "/api/rounds",
                                      json({{"country", "ARM"},
                                            {"title", "Second round"},
                                            {"year", 2028},
                                            {"instrument", {{"id", "meter"}, {"version", "3.0"}}}})
                                          .dump(),
                                      "application/json", CsrfHeader(c));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string second =
      "/rounds/" + std::to_string(json::parse(created.body)["id"].get<long long>());
  ASSERT_EQ(c.PostForm(second + "/status", FormWithCsrf(c, "to=open")).status, 303);
  auto [link, id] = world_->Invite(c, json::parse(created.body)["id"], "later", "Agencies");
  HttpClient r(world_->server.port());
  r.Get(link);
  r.Get("/q/1");
  for (int i = 1; i <= 12; ++i) {
    ASSERT_EQ(
        r.Send("PUT", "/api/answers/C1." + std::to_string(i),
               json({{"value", "4"}, {"version", 0}}).dump(), "application/json", CsrfHeader(r))
            .status,
        200);
  }
  const HttpResponse page = c.Get(second + "/progress");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("2026 · Round of ARM → 2028 · Second round"));
  EXPECT_THAT(page.body, HasSubstr("mapping from version"));
  EXPECT_THAT(page.body, HasSubstr("+100.0")) << "C1 went from 0 to 100";
  EXPECT_THAT(page.body, HasSubstr("Only in")) << "Marketing exists only in 3.0";
  EXPECT_THAT(page.body, HasSubstr("<strong>M</strong>"));
  EXPECT_THAT(page.body, HasSubstr("trend-series"));
  EXPECT_EQ(c.Get(second + "/progress?compare=" + std::to_string(world_->other_round)).status, 404)
      << "another country's round is not a comparison";
  EXPECT_EQ(world_->other_coordinator->Get(second + "/progress").status, 403);
}

// Answers every statement of C1 and C2 (29 of Commitment's 34, so the pillar is scored) with
// `value`, as a new respondent of round `round_id`.
void AnswerCommitment(World& world, HttpClient& coordinator, long long round_id,
                      const std::string& value) {
  auto [link, id] = world.Invite(coordinator, round_id, "c-" + std::to_string(round_id) + value,
                                 "Central government");
  HttpClient r(world.server.port());
  ASSERT_EQ(r.Get(link).status, 303);
  r.Get("/q/1");
  std::vector<std::string> statements;
  for (int i = 1; i <= 12; ++i) statements.push_back("C1." + std::to_string(i));
  for (int i = 1; i <= 17; ++i) statements.push_back("C2." + std::to_string(i));
  for (const std::string& s : statements) {
    const HttpResponse saved =
        r.Send("PUT", "/api/answers/" + s, json({{"value", value}, {"version", 0}}).dump(),
               "application/json", CsrfHeader(r));
    ASSERT_EQ(saved.status, 200) << s << ": " << saved.body;
  }
}

TEST_F(WayForwardWeb, PublishedRoundsGiveBenchmarksAndPeers) {
  HttpClient& admin = *world_->admin;
  // Without three published rounds there is no average yet.
  EXPECT_THAT(world_->coordinator->Get(Base() + "/results").body,
              HasSubstr("needs published rounds of at least 3 other countries (0 so far)"));
  // Three European countries publish a round that scores 100 in C1 and C2.
  for (const char* country : {"DNK", "EST", "PRT"}) {
    const HttpResponse created =
        admin.Send("POST", "/api/rounds",
                   json({{"country", country},
                         {"title", std::string("Peer ") + country},
                         {"year", 2025},
                         {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                       .dump(),
                   "application/json", CsrfHeader(admin));
    ASSERT_EQ(created.status, 201) << created.body;
    const long long id = json::parse(created.body)["id"];
    const std::string path = "/rounds/" + std::to_string(id);
    ASSERT_EQ(admin.PostForm(path + "/status", FormWithCsrf(admin, "to=open")).status, 303);
    AnswerCommitment(*world_, admin, id, "4");
    ASSERT_EQ(admin.PostForm(path + "/status", FormWithCsrf(admin, "to=closed")).status, 303);
    ASSERT_EQ(admin.PostForm(path + "/publish", FormWithCsrf(admin)).status, 303);
  }
  // Armenia's own round now scores Commitment (C2 answered low), so it has a profile to compare.
  AnswerCommitment(*world_, *world_->coordinator, world_->round, "1");
  std::string results = world_->coordinator->Get(Base() + "/results").body;
  EXPECT_THAT(results, HasSubstr("All other countries (3 countries)"));
  EXPECT_THAT(results,
              HasSubstr("Western Asia: needs published rounds of at least 3 other countries (0 so "
                        "far)"))
      << "Armenia's own sub-region has no published round";
  EXPECT_THAT(results, HasSubstr("Asia: needs published rounds")) << "each column names its region";
  EXPECT_THAT(results, HasSubstr("100.0"));
  EXPECT_THAT(results, HasSubstr("radar-comparison")) << "the radar draws the world average";

  // Item 13 of issue 11: once Armenia publishes its own (low) round, the averages shown to it stay
  // those of the three others, while Denmark's now count Armenia.
  ASSERT_EQ(Post("/status", "to=closed").status, 303);
  ASSERT_EQ(Post("/publish", "").status, 303);
  results = world_->coordinator->Get(Base() + "/results").body;
  EXPECT_THAT(results, HasSubstr("All other countries (3 countries)"));
  EXPECT_THAT(results, Not(HasSubstr("(4 countries)")));
  EXPECT_THAT(results, Not(HasSubstr("Provisional results"))) << "the round is closed";
  long long denmark = 0;
  for (const json& r : json::parse(admin.Get("/api/rounds").body)) {
    if (r["country"] == "DNK") denmark = r["id"];
  }
  const std::string danish = admin.Get("/rounds/" + std::to_string(denmark) + "/results").body;
  EXPECT_THAT(danish, HasSubstr("All other countries (3 countries)"));
  EXPECT_THAT(danish, HasSubstr("Northern Europe: needs published rounds of at least 3 other "
                                "countries (1 so far)"))
      << "Estonia, not Denmark itself";
  EXPECT_THAT(danish, HasSubstr("<th scope=\"col\" class=\"meter-num\">Europe: needs"))
      << "the region's column is headed by its name";

  const std::string plan = Page();
  EXPECT_THAT(plan, HasSubstr("Countries that do well here"));
  EXPECT_THAT(plan, HasSubstr("Denmark (2025)"));
  EXPECT_THAT(plan, HasSubstr("/knowledge?country=EST&amp;kind=case"));
  EXPECT_THAT(plan, HasSubstr("/knowledge/case-estonia-once-only-principle"))
      << "a peer's own case studies are listed";

  // Withdrawn publications leave the averages at once.
  const HttpResponse list = admin.Get("/api/rounds");
  for (const json& r : json::parse(list.body)) {
    if (r["published"] == true) {
      ASSERT_EQ(admin
                    .PostForm("/rounds/" + std::to_string(r["id"].get<long long>()) + "/unpublish",
                              FormWithCsrf(admin))
                    .status,
                303);
    }
  }
  EXPECT_THAT(world_->coordinator->Get(Base() + "/results").body,
              HasSubstr("needs published rounds of at least 3 other countries (0 so far)"));
  EXPECT_THAT(Page(), Not(HasSubstr("Countries that do well here")));
  ASSERT_EQ(Post("/status", "to=open").status, 303);
}

}  // namespace
}  // namespace meter::testing
