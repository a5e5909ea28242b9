// The admin's side over real HTTP: the user form applies the password rules (naming the field,
// writing nothing), and every change a person makes through the web or the CLI appears in the
// audit log at /admin/audit with who did it and to what. Every route that writes is either
// audited here or listed, with the reason, as not audited; a new route must pick one.
#include <gmock/gmock.h>

#include <regex>
#include <set>

#include "web/web_app.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

using RouteKey = std::pair<std::string, std::string>;

// Writes that are not audited, and why.
const std::map<RouteKey, const char*> kNotAudited = {
    {{"POST", "/login"}, "signing in changes no data (failures are counted for throttling)"},
    {{"POST", "/logout"}, "signing out changes no data"},
    {{"POST", "/q/:page"}, "answers carry their own version and time, and are confidential"},
    {{"PUT", "/api/answers/:statement"}, "answers carry their own version and time"},
    {{"POST", "/r/:token"}, "entering with an invitation signs in as a respondent: no data"},
    {{"POST", "/rounds/:id/invitations"},
     "audited per person (respondent.invite, mail.queue): web/invitations_web_test.cpp uploads"},
    // Issue 14: a workbook's answers are saved as the questionnaire's are.
    {{"POST", "/offline"}, "answers carry their own version and time, and are confidential"},
    {{"POST", "/offline/keep"}, "answers carry their own version and time"},
    // Not audited yet (the store has no audit event for answers written on someone's behalf):
    // the workshop's answers are the respondent's, with their version and time.
    {{"POST", "/rounds/:id/respondents/:rid/offline"}, "a workshop's answers, as the respondent's"},
    {{"POST", "/rounds/:id/respondents/:rid/offline/keep"}, "as the workshop's upload"},
};

struct AuditRow {
  std::string actor, action, target, detail, time;
  bool operator==(const AuditRow&) const = default;
};

class AdminSide : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  // The rows of the audit log, newest first, as the admin sees them.
  static std::vector<AuditRow> AuditLog() {
    const HttpResponse page = world_->admin->Get("/admin/audit");
    EXPECT_EQ(page.status, 200);
    static const std::regex row(
        "<tr><td>([^<]*)</td><td>([^<]*)</td><td><code>([^<]*)</code></td><td>([^<]*)</"
        "td><td>([^<]*)"
        "</td></tr>");
    std::vector<AuditRow> out;
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), row), end; it != end; ++it)
      out.push_back({(*it)[2], (*it)[3], (*it)[4], (*it)[5], (*it)[1]});
    return out;
  }
  // How many events `after` (the first page of the log, newest first) has above the newest of
  // `before`: the page holds at most 100 rows, so counting rows would stop at 100.
  static size_t NewEvents(const std::vector<AuditRow>& before, const std::vector<AuditRow>& after) {
    if (before.empty()) return after.size();
    for (size_t i = 0; i < after.size(); ++i) {
      if (after[i] == before[0] &&
          (before.size() < 2 || (i + 1 < after.size() && after[i + 1] == before[1]))) {
        return i;
      }
    }
    return after.size();
  }
  // Sends a write and checks that the newest audit event is `action` by `actor` on `target` (a
  // prefix when it ends with ':', for what gets its ID only now). Records the route as covered.
  static HttpResponse Audited(HttpClient& c, const RouteKey& route, const std::string& path,
                              const std::string& body, const std::string& action,
                              const std::string& actor, const std::string& target,
                              bool api = false) {
    covered_.insert(route);
    const std::vector<AuditRow> before = AuditLog();
    const HttpResponse r =
        api ? c.Send(route.first, path, body, "application/json", CsrfHeader(c))
            : c.Send(route.first, path, FormWithCsrf(c, body), "application/x-www-form-urlencoded");
    EXPECT_GE(r.status, 200) << path;
    EXPECT_LT(r.status, 400) << path << ": " << r.body.substr(0, 500);
    const std::vector<AuditRow> log = AuditLog();
    EXPECT_EQ(NewEvents(before, log), 1u)
        << route.second << " wrote " << NewEvents(before, log) << " audit events";
    if (log.empty()) return r;
    EXPECT_EQ(log[0].action, action) << route.second;
    EXPECT_EQ(log[0].actor, actor) << route.second;
    if (!target.empty() && target.back() == ':') {
      EXPECT_EQ(log[0].target.rfind(target, 0), 0u) << route.second << ": " << log[0].target;
    } else {
      EXPECT_EQ(log[0].target, target) << route.second;
    }
    return r;
  }

  static World* world_;
  static std::set<RouteKey> covered_;
};
World* AdminSide::world_ = nullptr;
std::set<RouteKey> AdminSide::covered_;

TEST_F(AdminSide, TheUserFormRefusesWeakPasswordsNamingTheFieldAndWritesNothing) {
  HttpClient& admin = *world_->admin;
  admin.Get("/admin/users");
  // Signed in before the log is read: a sign-in is an audit event of its own (issue 15).
  HttpClient french(world_->server.port());
  ASSERT_EQ(SignIn(french, "admin@test.example", kPassword), 303);
  const std::vector<AuditRow> events = AuditLog();
  struct Case {
    std::string email, password, message;
  };
  const std::vector<Case> cases = {
      {"weak1@test.example", "", "password: the password must have at least 12 characters"},
      {"weak2@test.example", "short-pw", "password: the password must have at least 12 characters"},
      {"weak3@test.example", "Password1234", "password: this password is one of the most common"},
      {"weak4@test.example", "1q2w3e4r5t6y", "password: this password is one of the most common"},
      {"weak5@test.example", "WEAK5@test.example", "password: the password must not be the e-mail"},
      {"sebastian.vidal@test.example", "Sebastian.Vidal", "its part before the @"},
      {"weak7@test.example", std::string(257, 'p'), "password: the password must have at most 256"},
  };
  for (const Case& c : cases) {
    const HttpResponse r = admin.PostForm(
        "/admin/users", FormWithCsrf(admin, "role=expert&email=" + FormEncode(c.email) +
                                                "&password=" + FormEncode(c.password)));
    EXPECT_EQ(r.status, 400) << c.email;
    EXPECT_THAT(r.body, HasSubstr(c.message)) << c.email;
  }
  // In French too, naming the same field.
  french.cookies()["meter_lang"] = "fr";
  french.Get("/admin/users");
  const HttpResponse fr = french.PostForm(
      "/admin/users",
      FormWithCsrf(french, "role=expert&email=weak8%40test.example&password=Password1234"));
  EXPECT_EQ(fr.status, 400);
  EXPECT_THAT(fr.body, HasSubstr("password: ce mot de passe fait partie des plus courants"));

  const std::string users = admin.Get("/admin/users").body;
  for (const Case& c : cases) EXPECT_THAT(users, Not(HasSubstr(c.email)));
  EXPECT_EQ(NewEvents(events, AuditLog()), 0u) << "a refused user was written";
  // The form says what the rules are.
  EXPECT_THAT(users, HasSubstr("maxlength=\"256\""));
  EXPECT_THAT(users, HasSubstr("not a common password"));
  // A good password goes through, and its owner can sign in with it.
  const HttpResponse ok = admin.PostForm(
      "/admin/users",
      FormWithCsrf(admin, "role=expert&email=strong%40test.example&password=a-strong-passphrase"));
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 500);
  HttpClient strong(world_->server.port());
  EXPECT_EQ(SignIn(strong, "strong@test.example", "a-strong-passphrase"), 303);
}

TEST_F(AdminSide, EveryChangeIsInTheAuditLogWithItsActorAndTarget) {
  World& w = *world_;
  HttpClient& admin = *w.admin;
  HttpClient& arm = *w.coordinator;
  const std::string kAdmin = "admin@test.example", kArm = "arm@test.example";
  // Knowledge files are synced at start, each file audited.
  const std::vector<AuditRow> start = AuditLog();
  EXPECT_TRUE(std::any_of(start.begin(), start.end(),
                          [](const AuditRow& r) { return r.action == "knowledge.sync"; }));

  // Users: create, disable, enable (web); a new password (CLI).
  admin.Get("/admin/users");
  Audited(admin, {"POST", "/admin/users"}, "/admin/users",
          "role=coordinator&countries=ARM&email=audited%40test.example&name=Audited&password=" +
              FormEncode("audited-passphrase"),
          "user.create", kAdmin, "user:");
  const std::string users = admin.Get("/admin/users").body;
  const size_t row = users.find("<td>audited@test.example</td>");  // not the notice above
  const size_t form = users.find("/admin/users/", row);
  EXPECT_EQ(AuditLog()[0].target,
            "user:" + users.substr(form + 13, users.find('/', form + 13) - form - 13));
  EXPECT_EQ(AuditLog()[0].detail, "audited@test.example coordinator");
  const std::string spare = "user:" + std::to_string(w.spare_user);
  const std::string user_path = "/admin/users/" + std::to_string(w.spare_user);
  Audited(admin, {"POST", "/admin/users/:id/disable"}, user_path + "/disable", "", "user.disable",
          kAdmin, spare);
  Audited(admin, {"POST", "/admin/users/:id/enable"}, user_path + "/enable", "", "user.enable",
          kAdmin, spare);
  // Issue 11, item 20: a new role and countries, a password link, and its use by the user.
  admin.Get(user_path);
  Audited(admin, {"POST", "/admin/users/:id"}, user_path, "role=coordinator&countries=KEN",
          "user.edit", kAdmin, spare);
  EXPECT_EQ(AuditLog()[0].detail, "coordinator KEN");
  Audited(admin, {"POST", "/admin/users/:id/reset-link"}, user_path + "/reset-link", "",
          "user.reset_link", kAdmin, spare);
  // Issue 14: the spare coordinator made a coordinator of Norway and taken off it again.
  admin.Get("/admin/countries/NOR");
  Audited(admin, {"POST", "/admin/countries/:iso3/coordinators"},
          "/admin/countries/NOR/coordinators", "email=spare%40test.example",
          "country.coordinator_add", kAdmin, "country:NOR");
  EXPECT_EQ(AuditLog()[0].detail, "spare@test.example");
  Audited(admin, {"POST", "/admin/countries/:iso3/coordinators/:uid/remove"},
          "/admin/countries/NOR/coordinators/" + std::to_string(w.spare_user) + "/remove", "",
          "country.coordinator_remove", kAdmin, "country:NOR");
  const std::string reset = w.ResetLink(w.spare_user);
  HttpClient holder(w.server.port());
  holder.Get(reset);
  Audited(holder, {"POST", "/password/:token"}, reset,
          "password=a-reset-passphrase&repeat=a-reset-passphrase", "user.password_reset",
          "spare@test.example", spare);
  std::string out;
  ASSERT_EQ(RunMeter("user passwd --db " + w.server.db_url() + " --email spare@test.example",
                     "another-passphrase\n", out),
            0)
      << out;
  EXPECT_EQ(AuditLog()[0].action, "user.password");
  EXPECT_EQ(AuditLog()[0].actor, "cli");
  EXPECT_EQ(AuditLog()[0].target, spare);

  // A round, through the pages and through the API.
  arm.Get("/rounds");
  const HttpResponse created =
      Audited(arm, {"POST", "/rounds"}, "/rounds",
              "country=ARM&title=Audited+round&year=2026&instrument=meter+2.0", "round.create",
              kArm, "round:");
  const std::string base = created.Header("location");
  const std::string round = "round:" + base.substr(8);
  EXPECT_EQ(AuditLog()[0].target, round);
  const HttpResponse api_round =
      Audited(arm, {"POST", "/api/rounds"}, "/api/rounds",
              json({{"country", "ARM"},
                    {"title", "Audited API round"},
                    {"year", 2027},
                    {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                  .dump(),
              "round.create", kArm, "round:", true);
  EXPECT_EQ(api_round.status, 201);
  EXPECT_EQ(AuditLog()[0].target,
            "round:" + std::to_string(json::parse(api_round.body)["id"].get<long long>()));
  Audited(arm, {"POST", "/rounds/:id/status"}, base + "/status", "to=open", "round.open", kArm,
          round);
  Audited(arm, {"POST", "/rounds/:id/weights"}, base + "/weights", "weight%3AAgencies=0.5",
          "round.weights", kArm, round);
  EXPECT_THAT(AuditLog()[0].detail, HasSubstr("Agencies=0.5"));  // not "0.500000"
  EXPECT_THAT(AuditLog()[0].detail, Not(HasSubstr("00")));

  Audited(arm, {"POST", "/rounds/:id/deadline"}, base + "/deadline", "deadline=2099-12-31",
          "round.deadline", kArm, round);
  EXPECT_EQ(AuditLog()[0].detail, "2099-12-31 23:59 UTC");
  // Respondents: invite (page and API), a new link, withdraw.
  Audited(arm, {"POST", "/rounds/:id/respondents"}, base + "/respondents",
          "name=paged%40gov.example&group=Agencies", "respondent.invite", kArm, round);
  const HttpResponse invited =
      Audited(arm, {"POST", "/api/rounds/:id/respondents"},
              "/api/rounds/" + base.substr(8) + "/respondents",
              json({{"name", "api@gov.example"}, {"group", "Central government"}}).dump(),
              "respondent.invite", kArm, round, true);
  const long long rid = json::parse(invited.body)["id"];
  const std::string respondent = base + "/respondents/" + std::to_string(rid);
  Audited(arm, {"POST", "/rounds/:id/respondents/:rid/remind"}, respondent + "/remind", "",
          "respondent.remind", kArm, round);
  EXPECT_EQ(AuditLog()[0].detail, "api@gov.example");
  Audited(arm, {"POST", "/rounds/:id/respondents/:rid/revoke"}, respondent + "/revoke", "",
          "respondent.revoke", kArm, round);
  Audited(arm, {"POST", "/rounds/:id/respondents/:rid/restore"}, respondent + "/restore", "",
          "respondent.restore", kArm, round);
  EXPECT_EQ(AuditLog()[0].detail, "api@gov.example");

  // The Way Forward: a respondent answers C1 lowest so that it is a priority; targets and a
  // roadmap edit; then closing, publishing, withdrawing the publication and reopening.
  const std::string answer_link =
      w.Invite(arm, std::stoll(base.substr(8)), "low", "Agencies").first;
  HttpClient r(w.server.port());
  ASSERT_EQ(r.Get(answer_link).status, 303);
  r.Get("/q/1");
  for (int i = 1; i <= 12; ++i) {
    ASSERT_EQ(
        r.Send("PUT", "/api/answers/C1." + std::to_string(i),
               json({{"value", "0"}, {"version", 0}}).dump(), "application/json", CsrfHeader(r))
            .status,
        200);
  }
  Audited(arm, {"POST", "/rounds/:id/targets"}, base + "/targets", "target%3AC=60", "round.targets",
          kArm, round);
  Audited(arm, {"POST", "/rounds/:id/roadmap/:subarea"}, base + "/roadmap/C1",
          "phase=2&owner=Ministry+of+ICT&due=2027-06-30", "roadmap.edit", kArm, round);
  EXPECT_THAT(AuditLog()[0].detail, HasSubstr("owner=Ministry of ICT"));
  Audited(arm, {"POST", "/rounds/:id/status"}, base + "/status", "to=closed", "round.close", kArm,
          round);
  Audited(arm, {"POST", "/rounds/:id/publish"}, base + "/publish", "", "round.publish", kArm,
          round);
  Audited(admin, {"POST", "/rounds/:id/unpublish"}, base + "/unpublish", "", "round.unpublish",
          kAdmin, round);
  Audited(arm, {"POST", "/rounds/:id/status"}, base + "/status", "to=open", "round.reopen", kArm,
          round);

  // Knowledge: an expert creates an entry, an admin edits it.
  HttpClient& expert = *w.expert;
  expert.Get("/knowledge/new");
  const std::string entry =
      "kind=lesson&title_en=Audited+lesson&pillars=T&subareas=T1&summary_en=s&body=b&sources=" +
      FormEncode("A source | https://example.org/");
  const HttpResponse saved =
      Audited(expert, {"POST", "/knowledge/new"}, "/knowledge/new", entry, "knowledge.create",
              "expert@test.example", "knowledge:lesson-audited-lesson");
  EXPECT_EQ(saved.Header("location"), "/knowledge/lesson-audited-lesson");
  admin.Get("/knowledge/lesson-audited-lesson/edit");
  Audited(admin, {"POST", "/knowledge/:slug/edit"}, "/knowledge/lesson-audited-lesson/edit",
          entry + "&version=1", "knowledge.edit", kAdmin, "knowledge:lesson-audited-lesson");
  // Issue 13: its author submits it, the admin asks for changes (the verdict is the detail).
  Audited(expert, {"POST", "/knowledge/:slug/submit"}, "/knowledge/lesson-audited-lesson/submit",
          "version=2", "knowledge.submit", "expert@test.example",
          "knowledge:lesson-audited-lesson");
  Audited(admin, {"POST", "/knowledge/:slug/review"}, "/knowledge/lesson-audited-lesson/review",
          "verdict=changes&text=More&version=3", "knowledge.review", kAdmin,
          "knowledge:lesson-audited-lesson");

  // The expert channel (issue 13): a draft, a proposal with its discussion, vote and decision, the
  // release and the retirement.
  Audited(admin, {"POST", "/instruments"}, "/instruments", "from=meter%2F3.0&version=3.5",
          "instrument.draft", kAdmin, "instrument:meter/3.5");
  const HttpResponse proposed = Audited(expert, {"POST", "/instruments/:id/:version/proposals"},
                                        "/instruments/meter/3.5/proposals",
                                        "kind=change-weight&target=M1&weight=2&rationale=Because",
                                        "proposal.create", "expert@test.example", "proposal:");
  const std::string proposal = proposed.Header("location");
  Audited(expert, {"POST", "/proposals/:pid/comments"}, proposal + "/comments", "comment=Why%3F",
          "proposal.comment", "expert@test.example", "proposal:");
  Audited(expert, {"POST", "/proposals/:pid/vote"}, proposal + "/vote", "choice=support",
          "proposal.vote", "expert@test.example", "proposal:");
  Audited(admin, {"POST", "/proposals/:pid/decision"}, proposal + "/decision",
          "verdict=accepted&reason=Agreed&stamp=1", "proposal.decide", kAdmin, "proposal:");
  Audited(admin, {"POST", "/instruments/:id/:version/release"}, "/instruments/meter/3.5/release",
          "revision=2", "instrument.release", kAdmin, "instrument:meter/3.5");
  Audited(admin, {"POST", "/instruments/:id/:version/retire"}, "/instruments/meter/3.5/retire", "",
          "instrument.retire", kAdmin, "instrument:meter/3.5");
  // Issue 13: an expert chooses the daily digest of what changed.
  expert.Get("/changes");
  Audited(expert, {"POST", "/changes/digest"}, "/changes/digest", "digest=daily", "changes.digest",
          "expert@test.example", "user:");
  // Issue 14: the secretariat imports a year of the UN E-Government Survey (a file upload).
  {
    admin.Get("/admin/egdi");
    covered_.insert({"POST", "/admin/egdi"});
    const std::vector<AuditRow> before = AuditLog();
    const HttpResponse r =
        admin.Send("POST", "/admin/egdi",
                   MultipartBody({{"csrf", admin.csrf}, {"year", "2031"}}, "egdi-2031.csv",
                                 "country-code,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\n"
                                 "ARM,61,0.61,0.5,0.6,0.7,0.5\nFRA,19,0.87,,,,\n"),
                   kMultipartType);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
    const std::vector<AuditRow> log = AuditLog();
    EXPECT_EQ(NewEvents(before, log), 1u);
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log[0].action, "egdi.import");
    EXPECT_EQ(log[0].actor, kAdmin);
    EXPECT_EQ(log[0].target, "egdi:2031");
  }

  // Every route that writes is audited above or listed as not audited.
  for (const auto& [method, pattern] : RouteTable()) {
    if (method == "GET") continue;
    const RouteKey key{method, pattern};
    EXPECT_TRUE(covered_.count(key) || kNotAudited.count(key))
        << method << " " << pattern << " writes; audit it and add it here, or say why not";
    EXPECT_FALSE(covered_.count(key) && kNotAudited.count(key)) << pattern;
  }
  // Only admins read the log.
  for (HttpClient* c : {w.coordinator.get(), w.expert.get(), w.respondent.get()})
    EXPECT_EQ(c->Get("/admin/audit").status, 403);
  EXPECT_EQ(w.anonymous->Get("/admin/audit").status, 303);
}

}  // namespace
}  // namespace meter::testing
