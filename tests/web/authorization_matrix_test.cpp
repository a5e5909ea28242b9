// The authorization matrix: every route, called as every kind of caller, answers with the expected
// status. A route added without a row here makes the test fail.
#include <gmock/gmock.h>

#include <set>

#include "web/web_app.h"
#include "web_world.h"

namespace meter::testing {
namespace {

// The callers, in the order of the expectation columns.
enum Who { kAnon, kAdmin, kCoord, kOtherCoord, kExpert, kResp, kOtherResp, kWhoCount };
const char* kWhoNames[] = {"anonymous",
                           "admin",
                           "coordinator",
                           "other country's coordinator",
                           "expert",
                           "respondent",
                           "other round's respondent"};

struct Row {
  const char* method;
  const char* pattern;  // as in the route table
  std::string path;     // the concrete path called
  std::string body;     // for POST/PUT; "{csrf}" is replaced by the caller's token
  const char* type;     // "form", "json", "multipart" or ""
  std::array<int, kWhoCount> expect;
};

class AuthorizationMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
};
World* AuthorizationMatrix::world_ = nullptr;

// Runs first: the matrix below ends every session.
TEST_F(AuthorizationMatrix, ARespondentSeesOnlyTheirOwnAnswers) {
  World& w = *world_;
  auto [link, id] = w.Invite(*w.coordinator, w.round, "private@gov.example", "Agencies");
  HttpClient a(w.server.port()), b(w.server.port());
  ASSERT_EQ(a.Get(link).status, 303);
  a.Get("/q/1");
  auto [link_b, id_b] = w.Invite(*w.coordinator, w.round, "neighbour@gov.example", "Agencies");
  ASSERT_EQ(b.Get(link_b).status, 303);
  b.Get("/q/1");
  ASSERT_EQ(a.Send("PUT", "/api/answers/C1.1",
                   "{\"value\":\"3\",\"comment\":\"only mine\",\"version\":0}", "application/json",
                   CsrfHeader(a))
                .status,
            200);
  const std::string theirs = b.Get("/api/answers").body;
  EXPECT_THAT(theirs, ::testing::Not(::testing::HasSubstr("only mine")));
  EXPECT_THAT(a.Get("/api/answers").body, ::testing::HasSubstr("only mine"));
}

TEST_F(AuthorizationMatrix, EveryRouteAnswersEveryCallerAsExpected) {
  World& w = *world_;
  ASSERT_NE(w.round, 0);
  const std::string r = "/rounds/" + std::to_string(w.round);
  const std::string ar = "/api/rounds/" + std::to_string(w.round);
  const auto [spare_link, spare] = w.Invite(*w.coordinator, w.round, "to-be-withdrawn", "Agencies");
  const auto [remind_link, remind] =
      w.Invite(*w.coordinator, w.round, "to-be-reminded", "Agencies");
  const std::string user = "/admin/users/" + std::to_string(w.spare_user);
  const std::string reset_link = w.ResetLink(w.spare_user);
  const std::string new_round =
      "{\"country\":\"ARM\",\"title\":\"Matrix\",\"year\":2026,\"instrument\":{\"id\":\"meter\","
      "\"version\":\"2.0\"}}";
  // Issue 13: the expert's draft, which the public, coordinators and respondents do not see.
  w.expert->Get("/knowledge/new");
  const HttpResponse made = w.expert->PostForm(
      "/knowledge/new",
      FormWithCsrf(*w.expert,
                   "kind=lesson&language=en&title_en=Matrix+draft&summary_en=A+draft.&pillars=T"
                   "&subareas=T1&sources=A+source&body=Draft."));
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 1000);
  const std::string draft = made.Header("location");
  const std::vector<Row> rows = {
      //                                                                                    anon adm
      //                                                                                    crd  oc
      //                                                                                    exp resp
      //                                                                                    oresp
      {"GET", "/", "/", "", "", {200, 303, 303, 303, 303, 303, 303}},
      {"GET", "/login", "/login", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"POST",
       "/login",
       "/login",
       "csrf={csrf}&email=x{who}%40y.z&password=wrong-password-123",
       "form",
       {401, 401, 401, 401, 401, 401, 401}},
      {"GET", "/lang/:code", "/lang/fr?next=%2F", "", "", {303, 303, 303, 303, 303, 303, 303}},
      {"GET", "/admin/users", "/admin/users", "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/users",
       "/admin/users",
       "csrf={csrf}&email=bad",
       "form",
       {401, 400, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/users/:id/disable",
       user + "/disable",
       "csrf={csrf}",
       "form",
       {401, 303, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/users/:id/enable",
       user + "/enable",
       "csrf={csrf}",
       "form",
       {401, 303, 403, 403, 403, 403, 403}},
      {"GET", "/admin/audit", "/admin/audit", "", "", {303, 200, 403, 403, 403, 403, 403}},
      // Issue 14: the survey's file of a year, uploaded as a browser does.
      {"GET", "/admin/egdi", "/admin/egdi", "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/egdi",
       "/admin/egdi",
       MultipartBody({{"csrf", "{csrf}"}, {"year", "2030"}}, "egdi-2030.csv",
                     "country-code,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\n"
                     "ARM,60,0.6,,,,\n"),
       "multipart",
       {401, 303, 403, 403, 403, 403, 403}},
      // Issue 14: country management.
      {"GET", "/admin/countries", "/admin/countries", "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"GET",
       "/admin/countries/:iso3",
       "/admin/countries/NOR",
       "",
       "",
       {303, 200, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/countries/:iso3/coordinators",
       "/admin/countries/NOR/coordinators",
       "csrf={csrf}&email=nobody%40test.example",
       "form",
       {401, 400, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/countries/:iso3/coordinators/:uid/remove",
       "/admin/countries/NOR/coordinators/" + std::to_string(w.spare_user) + "/remove",
       "csrf={csrf}",
       "form",
       {401, 303, 403, 403, 403, 403, 403}},
      // Issue 14: the secretariat's campaign page and its downloads.
      {"GET", "/campaign", "/campaign", "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"GET", "/campaign.csv", "/campaign.csv", "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"GET", "/campaign.xlsx", "/campaign.xlsx", "", "", {303, 200, 403, 403, 403, 403, 403}},
      // Issue 14: the comparison of published rounds and its charts (nothing is published in this
      // world, so the admin's chart is 404: there is no chart to draw).
      {"GET", "/compare", "/compare", "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"GET",
       "/compare/chart/:file",
       "/compare/chart/pillars.svg",
       "",
       "",
       {303, 404, 403, 403, 403, 403, 403}},
      {"GET", "/rounds", "/rounds", "", "", {303, 200, 200, 200, 403, 403, 403}},
      {"POST",
       "/rounds",
       "/rounds",
       "csrf={csrf}&country=ARM&title=Matrix&year=2026&instrument=meter+2.0",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      {"GET", "/rounds/:id", r, "", "", {303, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/status",
       r + "/status",
       "csrf={csrf}&to=draft",
       "form",
       {401, 409, 409, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/weights",
       r + "/weights",
       "csrf={csrf}&weight%3AAgencies=1",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/respondents",
       r + "/respondents",
       "csrf={csrf}&name=matrix{who}&group=Agencies",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      // Issue 14: a round's deadline, and invitations from a file.
      {"POST",
       "/rounds/:id/deadline",
       r + "/deadline",
       "csrf={csrf}&deadline=2099-12-31",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/invitations",
       r + "/invitations",
       MultipartBody({{"csrf", "{csrf}"}}, "people.csv",
                     "name,email,group,language\nbulk{who},bulk{who}@example.org,Agencies,en\n"),
       "multipart",
       {401, 303, 303, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/respondents/:rid/revoke",
       r + "/respondents/" + std::to_string(spare) + "/revoke",
       "csrf={csrf}",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/respondents/:rid/remind",
       r + "/respondents/" + std::to_string(remind) + "/remind",
       "csrf={csrf}",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      // Confirmation pages before closing, withdrawing and a new link; restoring a withdrawn one.
      {"GET", "/rounds/:id/close", r + "/close", "", "", {303, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/rounds/:id/respondents/:rid/revoke",
       r + "/respondents/" + std::to_string(spare) + "/revoke",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/rounds/:id/respondents/:rid/remind",
       r + "/respondents/" + std::to_string(remind) + "/remind",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/respondents/:rid/restore",
       r + "/respondents/" + std::to_string(spare) + "/restore",
       "csrf={csrf}",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      {"GET", "/rounds/:id/results", r + "/results", "", "", {303, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/rounds/:id/answers.csv",
       r + "/answers.csv",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/rounds/:id/download/:kind",
       r + "/download/sdmx",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/rounds/:id/way-forward",
       r + "/way-forward",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/targets",
       r + "/targets",
       "csrf={csrf}&target%3AC=70",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      // The matrix round has too few answers for any priority: the edit is refused as bad input
      // (400) once the caller is allowed to make it.
      {"GET", "/rounds/:id/progress", r + "/progress", "", "", {303, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/roadmap/:subarea",
       r + "/roadmap/C1",
       "csrf={csrf}&phase=2&owner=x&due=",
       "form",
       {401, 400, 400, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/publish",
       r + "/publish",
       "csrf={csrf}",
       "form",
       {401, 409, 409, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/unpublish",
       r + "/unpublish",
       "csrf={csrf}",
       "form",
       {401, 303, 303, 403, 403, 403, 403}},
      {"GET", "/knowledge", "/knowledge?pillar=M", "", "", {200, 200, 200, 200, 200, 200, 200}},
      // The instruments and their item statistics: every signed-in user, no respondent.
      {"GET", "/instruments", "/instruments", "", "", {303, 200, 200, 200, 200, 403, 403}},
      {"GET",
       "/instruments/:id/:version",
       "/instruments/meter/2.0",
       "",
       "",
       {303, 200, 200, 200, 200, 403, 403}},
      // The expert channel (issue 13): experts and admins read and propose, experts vote, admins
      // decide and release; coordinators and respondents see no proposals. No draft or proposal
      // exists here, so nothing is changed: the allowed callers get 400 or 404.
      {"GET",
       "/instruments/diff",
       "/instruments/diff?from=meter%2F2.0&to=meter%2F3.0",
       "",
       "",
       {303, 200, 200, 200, 200, 403, 403}},
      {"POST",
       "/instruments",
       "/instruments",
       "csrf={csrf}&from=meter%2F3.0&version=Not%20valid",
       "form",
       {401, 400, 403, 403, 403, 403, 403}},
      {"GET",
       "/instruments/:id/:version/export",
       "/instruments/meter/2.0/export",
       "",
       "",
       {303, 200, 200, 200, 200, 403, 403}},
      {"POST",
       "/instruments/:id/:version/release",
       "/instruments/meter/2.0/release",
       "csrf={csrf}&revision=1",
       "form",
       {401, 400, 403, 403, 403, 403, 403}},
      {"POST",
       "/instruments/:id/:version/retire",
       "/instruments/meter/9.9/retire",
       "csrf={csrf}",
       "form",
       {401, 404, 403, 403, 403, 403, 403}},
      {"GET",
       "/instruments/:id/:version/proposals",
       "/instruments/meter/3.0/proposals",
       "",
       "",
       {303, 200, 403, 403, 200, 403, 403}},
      {"GET",
       "/instruments/:id/:version/proposals/new",
       "/instruments/meter/3.0/proposals/new",
       "",
       "",
       {303, 200, 403, 403, 200, 403, 403}},
      {"POST",
       "/instruments/:id/:version/proposals",
       "/instruments/meter/3.0/proposals",
       "csrf={csrf}&kind=retire-statement&target=C1.1&rationale=x",
       "form",
       {401, 400, 403, 403, 400, 403, 403}},
      {"GET", "/proposals/:pid", "/proposals/999999", "", "", {303, 404, 403, 403, 404, 403, 403}},
      {"POST",
       "/proposals/:pid/comments",
       "/proposals/999999/comments",
       "csrf={csrf}&comment=hi",
       "form",
       {401, 404, 403, 403, 404, 403, 403}},
      {"POST",
       "/proposals/:pid/vote",
       "/proposals/999999/vote",
       "csrf={csrf}&choice=support",
       "form",
       {401, 403, 403, 403, 404, 403, 403}},
      {"POST",
       "/proposals/:pid/decision",
       "/proposals/999999/decision",
       "csrf={csrf}&verdict=rejected&reason=x&stamp=1",
       "form",
       {401, 404, 403, 403, 403, 403, 403}},
      // Issue 13: what changed, and the digest choice (admins and experts).
      {"GET", "/changes", "/changes", "", "", {303, 200, 403, 403, 200, 403, 403}},
      {"POST",
       "/changes/digest",
       "/changes/digest",
       "csrf={csrf}&digest=off",
       "form",
       {401, 303, 403, 403, 303, 403, 403}},
      {"GET",
       "/knowledge/:slug",
       "/knowledge/case-korea-koneps",
       "",
       "",
       {200, 200, 200, 200, 200, 200, 200}},
      // The knowledge forms: admins and experts only. The bodies lack a title, so nothing is saved.
      {"GET", "/knowledge/new", "/knowledge/new", "", "", {303, 200, 403, 403, 200, 403, 403}},
      {"POST",
       "/knowledge/new",
       "/knowledge/new",
       "csrf={csrf}&kind=lesson&title_en=",
       "form",
       {401, 400, 403, 403, 400, 403, 403}},
      // An approved entry is edited by the secretariat only (issue 13): an expert gets 409.
      {"GET",
       "/knowledge/:slug/edit",
       "/knowledge/case-korea-koneps/edit",
       "",
       "",
       {303, 200, 403, 403, 409, 403, 403}},
      {"POST",
       "/knowledge/:slug/edit",
       "/knowledge/case-korea-koneps/edit",
       "csrf={csrf}&kind=case&title_en=",
       "form",
       {401, 400, 403, 403, 400, 403, 403}},
      {"GET", "/r/:token", "/r/not-a-real-token", "", "", {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/q/:page", "/q/1", "", "", {303, 403, 403, 403, 403, 200, 200}},
      {"POST",
       "/q/:page",
       "/q/1",
       "csrf={csrf}&go=stay",
       "form",
       {401, 403, 403, 403, 403, 303, 303}},
      // Issue 14: answering offline, the respondent's own and the coordinator's for a workshop.
      {"GET", "/offline", "/offline", "", "", {303, 403, 403, 403, 403, 200, 200}},
      {"GET",
       "/offline/download",
       "/offline/download?kind=xlsx",
       "",
       "",
       {303, 403, 403, 403, 403, 200, 200}},
      {"POST",
       "/offline",
       "/offline",
       MultipartBody({{"csrf", "{csrf}"}}, "empty.xlsx", ""),
       "multipart",
       {401, 403, 403, 403, 403, 400, 400}},
      {"POST",
       "/offline/keep",
       "/offline/keep",
       "csrf={csrf}",
       "form",
       {401, 403, 403, 403, 403, 200, 200}},
      {"GET",
       "/rounds/:id/respondents/:rid/offline",
       r + "/respondents/" + std::to_string(remind) + "/offline",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/rounds/:id/respondents/:rid/offline/download",
       r + "/respondents/" + std::to_string(remind) + "/offline/download?kind=pdf",
       "",
       "",
       {303, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/respondents/:rid/offline",
       r + "/respondents/" + std::to_string(remind) + "/offline",
       MultipartBody({{"csrf", "{csrf}"}}, "empty.xlsx", ""),
       "multipart",
       {401, 400, 400, 403, 403, 403, 403}},
      {"POST",
       "/rounds/:id/respondents/:rid/offline/keep",
       r + "/respondents/" + std::to_string(remind) + "/offline/keep",
       "csrf={csrf}",
       "form",
       {401, 200, 200, 403, 403, 403, 403}},
      {"GET", "/done", "/done", "", "", {303, 403, 403, 403, 403, 200, 200}},
      {"GET", "/review", "/review", "", "", {303, 403, 403, 403, 403, 200, 200}},
      {"GET", "/api/instruments", "/api/instruments", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET",
       "/api/instruments/:id/:version",
       "/api/instruments/meter/2.0",
       "",
       "",
       {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/rounds", "/api/rounds", "", "", {401, 200, 200, 200, 403, 403, 403}},
      {"POST",
       "/api/rounds",
       "/api/rounds",
       new_round,
       "json",
       {401, 201, 201, 403, 403, 403, 403}},
      {"GET", "/api/rounds/:id", ar, "", "", {401, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/api/rounds/:id/respondents",
       ar + "/respondents",
       "",
       "",
       {401, 200, 200, 403, 403, 403, 403}},
      {"POST",
       "/api/rounds/:id/respondents",
       ar + "/respondents",
       "{\"name\":\"api{who}\",\"group\":\"Agencies\"}",
       "json",
       {401, 201, 201, 403, 403, 403, 403}},
      {"GET",
       "/api/rounds/:id/results",
       ar + "/results",
       "",
       "",
       {401, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/api/rounds/:id/answers.csv",
       ar + "/answers.csv",
       "",
       "",
       {401, 200, 200, 403, 403, 403, 403}},
      {"GET",
       "/api/rounds/:id/download/:kind",
       ar + "/download/json",
       "",
       "",
       {401, 200, 200, 403, 403, 403, 403}},
      {"GET", "/api/answers", "/api/answers", "", "", {401, 403, 403, 403, 403, 200, 200}},
      {"PUT",
       "/api/answers/:statement",
       "/api/answers/C1.1",
       "{\"value\":\"9\",\"version\":0}",
       "json",
       {401, 403, 403, 403, 403, 400, 400}},
      // Issue 11: an invitation confirmed over a session (item 5: an unknown link is 404 for
      // everyone); editing users and their password links (item 20: admins only; the password
      // page for anyone holding a valid link, before the reset-link row replaces that link).
      {"POST",
       "/r/:token",
       "/r/not-a-real-token",
       "csrf={csrf}",
       "form",
       {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/admin/users/:id", user, "", "", {303, 200, 403, 403, 403, 403, 403}},
      {"POST",
       "/admin/users/:id",
       user,
       "csrf={csrf}&role=coordinator",
       "form",
       {401, 400, 403, 403, 403, 403, 403}},
      {"GET", "/password/:token", reset_link, "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"POST",
       "/password/:token",
       reset_link,
       "csrf={csrf}&password=short&repeat=short",
       "form",
       {400, 400, 400, 400, 400, 400, 400}},
      {"POST",
       "/admin/users/:id/reset-link",
       user + "/reset-link",
       "csrf={csrf}",
       "form",
       {401, 303, 403, 403, 403, 403, 403}},
      // Issue 13: knowledge contributions under review. None of these calls changes a status: the
      // approved entry takes no submission or comment, the draft's version is stale, and a draft
      // is not in review.
      {"GET",
       "/knowledge/review",
       "/knowledge/review",
       "",
       "",
       {303, 200, 403, 403, 200, 403, 403}},
      {"GET", "/knowledge/:slug", draft, "", "", {404, 200, 404, 404, 200, 404, 404}},
      {"POST",
       "/knowledge/:slug/submit",
       "/knowledge/case-korea-koneps/submit",
       "csrf={csrf}&version=1",
       "form",
       {401, 409, 403, 403, 403, 403, 403}},
      {"POST",
       "/knowledge/:slug/submit",
       draft + "/submit",
       "csrf={csrf}&version=0",
       "form",
       {401, 409, 403, 403, 409, 403, 403}},
      {"POST",
       "/knowledge/:slug/review",
       "/knowledge/case-korea-koneps/review",
       "csrf={csrf}&verdict=comment&text=Late",
       "form",
       {401, 409, 403, 403, 409, 403, 403}},
      {"POST",
       "/knowledge/:slug/review",
       draft + "/review",
       "csrf={csrf}&verdict=approve&version=1",
       "form",
       {401, 409, 403, 403, 403, 403, 403}},
      // Issue 13: the public pages, the feed, the sitemap and robots.txt: everyone, signed in or
      // not.
      {"GET", "/countries", "/countries", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/countries/:iso3", "/countries/ARM", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/regions/:m49", "/regions/142", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/feed.atom", "/feed.atom", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/sitemap.xml", "/sitemap.xml", "", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/robots.txt", "/robots.txt", "", "", {200, 200, 200, 200, 200, 200, 200}},
      // Last, because it ends the sessions.
      {"POST", "/logout", "/logout", "csrf={csrf}", "form", {401, 303, 303, 303, 303, 303, 303}},
  };
  std::set<std::pair<std::string, std::string>> covered;
  for (const Row& row : rows) covered.emplace(row.method, row.pattern);
  for (const auto& [method, pattern] : RouteTable()) {
    EXPECT_TRUE(covered.count({method, pattern}))
        << method << " " << pattern << " has no row in the matrix";
  }
  HttpClient* callers[] = {w.anonymous.get(),         w.admin.get(),  w.coordinator.get(),
                           w.other_coordinator.get(), w.expert.get(), w.respondent.get(),
                           w.other_respondent.get()};
  for (const Row& row : rows) {
    for (int who = 0; who < kWhoCount; ++who) {
      HttpClient& c = *callers[who];
      std::string body = row.body;
      if (size_t at = body.find("{csrf}"); at != std::string::npos)
        body.replace(at, 6, FormEncode(c.csrf));
      // Distinct accounts, so that login throttling (tested elsewhere) does not answer 429.
      for (size_t at = body.find("{who}"); at != std::string::npos; at = body.find("{who}", at))
        body.replace(at, 5, std::to_string(who));
      const std::string type = std::string(row.type) == "form" ? "application/x-www-form-urlencoded"
                               : std::string(row.type) == "json"      ? "application/json"
                               : std::string(row.type) == "multipart" ? kMultipartType
                                                                      : "";
      const std::string headers = std::string(row.type) == "json" ? CsrfHeader(c) : "";
      const HttpResponse response = c.Send(row.method, row.path, body, type, headers);
      EXPECT_EQ(response.status, row.expect[who])
          << row.method << " " << row.path << " as " << kWhoNames[who] << ": "
          << response.body.substr(0, 300);
    }
  }
}

}  // namespace
}  // namespace meter::testing
