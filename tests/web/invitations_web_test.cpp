// Issue 14: invitations by e-mail on the round page. A bulk file with any problem invites nobody
// and lists every problem as FILE:ROW:COLUMN; a clean one invites everyone with their messages
// queued; an invitation with an address queues its message, which the round page then shows; and
// the deadline form refuses a day that is not one.
#include <gmock/gmock.h>

#include "../report/offline_workbooks.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class InvitationsWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
  static std::string RoundPath() { return "/rounds/" + std::to_string(world_->round); }
  static HttpResponse Upload(const std::string& csv, const std::string& name = "people.csv") {
    HttpClient& c = *world_->coordinator;
    return c.Send("POST", RoundPath() + "/invitations",
                  MultipartBody({{"csrf", c.csrf}}, name, csv), kMultipartType);
  }
  // A workbook whose sheet "People" holds `rows` from A1 down (a sheet "Sheet" before it is empty).
  static std::string PeopleWorkbook(const std::vector<std::vector<std::string>>& rows) {
    nlohmann::json edits = nlohmann::json::array();
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < rows[r].size(); ++c) {
        if (rows[r][c].empty()) continue;
        edits.push_back(
            {{"sheet", "People"},
             {"cell", std::string(1, static_cast<char>('A' + c)) + std::to_string(r + 1)},
             {"value", rows[r][c]}});
      }
    }
    return NewWorkbook(edits);
  }
  static size_t Respondents() {
    const HttpResponse r =
        world_->coordinator->Get("/api/rounds/" + std::to_string(world_->round) + "/respondents");
    return nlohmann::json::parse(r.body, nullptr, false).size();
  }
};
World* InvitationsWeb::world_ = nullptr;

TEST_F(InvitationsWeb, ABulkFileWithAnyProblemInvitesNobodyAndListsEveryProblem) {
  const size_t before = Respondents();
  const HttpResponse refused = Upload(
      "name,email,group,language,pillars\n"
      "Bulk One,bulk1@example.org,Agencies,en,\n"
      "Bulk Two,bulk2@,Agencies,en,\n"
      "Bulk Three,bulk3@example.org,Agencies,xx,\n"
      "Bulk One,bulk4@example.org,Agencies,en,\n");
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("Nobody was invited"));
  EXPECT_THAT(refused.body, HasSubstr("people.csv:3:email: "));
  EXPECT_THAT(refused.body, HasSubstr("people.csv:4:language: "));
  EXPECT_THAT(refused.body, HasSubstr("people.csv:5:name: "));
  EXPECT_EQ(Respondents(), before);  // the clean first row was not invited either
}

TEST_F(InvitationsWeb, ACleanBulkFileInvitesEveryoneWithTheirMessageShownOnTheRoundPage) {
  const size_t before = Respondents();
  const HttpResponse done = Upload(
      "name,email,group,language,pillars\n"
      "Clean Ana,clean.ana@example.org,Agencies,fr,C;T\n"
      "Clean Ben,clean.ben@example.org,Civil society,ar,\n");
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 2000);
  EXPECT_EQ(Respondents(), before + 2);
  const HttpResponse page = world_->coordinator->Get(RoundPath());
  EXPECT_THAT(page.body, HasSubstr("2 respondents are invited"));
  EXPECT_THAT(page.body, HasSubstr("clean.ana@example.org"));
  EXPECT_THAT(page.body, HasSubstr("Invitation: waiting since"));
  // The same file again: everyone in it is a respondent already.
  const HttpResponse again = Upload(
      "name,email,group,language,pillars\n"
      "Clean Ana,clean.ana@example.org,Agencies,fr,C;T\n");
  EXPECT_EQ(again.status, 400);
  EXPECT_THAT(again.body, HasSubstr("people.csv:2:name: "));
  EXPECT_THAT(again.body, HasSubstr("people.csv:2:email: "));
}

TEST_F(InvitationsWeb, AnXlsxWorkbookIsCheckedAsACsvFileIsAndThenInvitesEveryone) {
  const size_t before = Respondents();
  HttpResponse refused =
      Upload(PeopleWorkbook({{"name", "email", "group", "language"},
                             {"Sheet Ana", "sheet.ana@example.org", "Agencies", "es"},
                             {"Sheet Ben", "sheet.ben@example.org", "Agencies", "pt"},
                             {"Sheet Cai", "=A2", "Agencies", "en"}}),
             "people.xlsx");
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("Nobody was invited"));
  EXPECT_THAT(refused.body, HasSubstr("People!B4: "));  // the formula: the reader refuses it
  refused = Upload(PeopleWorkbook({{"name", "email", "group", "language"},
                                   {"Sheet Ana", "sheet.ana@example.org", "Agencies", "es"},
                                   {"Sheet Ben", "sheet.ben@example.org", "Agencies", "pt"}}),
                   "people.xlsx");
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("people.xlsx:3:language: "));
  EXPECT_EQ(Respondents(), before);
  // Not a workbook although it starts as a ZIP archive does.
  refused = Upload(BrokenArchive("no-parts"), "people.xlsx");
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("workbook: "));
  EXPECT_EQ(Respondents(), before);

  const HttpResponse done =
      Upload(PeopleWorkbook({{"name", "email", "group", "language", "pillars"},
                             {"Sheet Ana", "sheet.ana@example.org", "Agencies", "es", "C;T"},
                             {},
                             {"Sheet Ben", "sheet.ben@example.org", "Civil society", "ru", ""}}),
             "people.xlsx");
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 2000);
  EXPECT_EQ(Respondents(), before + 2);
  EXPECT_THAT(world_->coordinator->Get(RoundPath()).body, HasSubstr("sheet.ben@example.org"));
}

TEST_F(InvitationsWeb, AnInvitationWithAnAddressQueuesItsMessageAndABadAddressIsRefused) {
  HttpClient& c = *world_->coordinator;
  const HttpResponse bad =
      c.PostForm(RoundPath() + "/respondents",
                 FormWithCsrf(c, "name=Mailed+Bad&group=Agencies&email=not%20an%20address"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("is not an e-mail address"));
  EXPECT_THAT(bad.body, HasSubstr("value=\"not an address\""));  // kept as typed
  const HttpResponse good = c.PostForm(
      RoundPath() + "/respondents",
      FormWithCsrf(c, "name=Mailed+Good&group=Agencies&language=es&email=good%40example.org"));
  ASSERT_EQ(good.status, 303);
  const HttpResponse page = c.Get(RoundPath());
  EXPECT_THAT(page.body, HasSubstr("The invitation is on its way to good@example.org."));
  EXPECT_THAT(page.body, Not(HasSubstr("{{secret}}")));
}

TEST_F(InvitationsWeb, TheDeadlineIsADayFromTodayOn) {
  HttpClient& c = *world_->coordinator;
  for (const char* bad : {"2000-01-01", "31/12/2099", "2099-02-30"}) {
    const HttpResponse refused =
        c.PostForm(RoundPath() + "/deadline", FormWithCsrf(c, std::string("deadline=") + bad));
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_THAT(refused.body, HasSubstr("usa-error-message")) << bad;
  }
  ASSERT_EQ(c.PostForm(RoundPath() + "/deadline", FormWithCsrf(c, "deadline=2099-12-31")).status,
            303);
  const HttpResponse page = c.Get(RoundPath());
  EXPECT_THAT(page.body, HasSubstr("answers due by 2099-12-31"));
  EXPECT_THAT(page.body, HasSubstr("value=\"2099-12-31\""));
  ASSERT_EQ(c.PostForm(RoundPath() + "/deadline", FormWithCsrf(c, "deadline=")).status, 303);
  EXPECT_THAT(c.Get(RoundPath()).body, Not(HasSubstr("answers due by")));
}

}  // namespace
}  // namespace meter::testing
