// Issue 14: the secretariat's campaign page over real HTTP: the rows of the countries with rounds
// (and every member state on request), the filters, the sort links with aria-sort, the CSV and
// the XLSX with the same filters and order, and who may see it.
#include <gmock/gmock.h>

#include <regex>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class CampaignWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    world_->PublishRound("FRA", 2024, "2");  // every unit 50: High
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
};
World* CampaignWeb::world_ = nullptr;

// Where `text` first appears in `body`; npos when it does not.
size_t At(const std::string& body, const std::string& text) { return body.find(text); }

TEST_F(CampaignWeb, ListsTheCountriesWithRoundsAndTheirLatestRound) {
  const HttpResponse page = world_->admin->Get("/campaign");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr(">Armenia</a></th>"));
  EXPECT_THAT(page.body, HasSubstr(">Kenya</a></th>"));
  EXPECT_THAT(page.body, HasSubstr(">France</a></th>"));
  EXPECT_THAT(page.body, Not(HasSubstr(">Norway</a></th>")));
  EXPECT_THAT(page.body, HasSubstr("50.0 · High"));
  // The bundled survey's newest EGDI (2018) beside the index: France 0.879.
  EXPECT_THAT(page.body, HasSubstr("0.879 <span class=\"meter-small\">(2018)</span>"));
  EXPECT_THAT(page.body, HasSubstr("1 finished, 1 started, 1 invited"));
  EXPECT_THAT(page.body, HasSubstr("<span aria-hidden=\"true\">1 / 1 / 1</span>"));
  // Sorted by country, ascending, by default; its heading links to the descending order.
  EXPECT_THAT(page.body, HasSubstr("aria-sort=\"ascending\"><a href=\"/campaign?sort=country&amp;"
                                   "dir=desc\">Country</a>"));
  EXPECT_LT(At(page.body, ">Armenia<"), At(page.body, ">France<"));
  EXPECT_LT(At(page.body, ">France<"), At(page.body, ">Kenya<"));
  EXPECT_THAT(page.body, HasSubstr("role=\"region\""));
  const HttpResponse all = world_->admin->Get("/campaign?all=1");
  EXPECT_THAT(all.body, HasSubstr(">Norway</a></th>"));
  EXPECT_THAT(all.body, HasSubstr("No round yet"));
}

// Armenia's row's response counts ("1 finished, 1 started, 1 invited") on the campaign page.
std::string ArmeniasCounts(HttpClient& admin) {
  const std::string body = admin.Get("/campaign").body;
  const size_t row = body.find(">Armenia</a></th>");
  const size_t end = body.find("</tr>", row);
  if (row == std::string::npos || end == std::string::npos) return "";
  std::smatch found;
  const std::string text = body.substr(row, end - row);
  if (!std::regex_search(text, found, std::regex(R"(\d+ finished, \d+ started, \d+ invited)")))
    return "";
  return found.str();
}

// The page keeps each latest round's facts by the round's version: a view between changes reads
// no answers again, and a change to a round shows on the next view.
TEST_F(CampaignWeb, AChangeToARoundShowsOnTheNextView) {
  const std::string before = ArmeniasCounts(*world_->admin);
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(ArmeniasCounts(*world_->admin), before);
  const int invited = std::stoi(before.substr(before.rfind(", ") + 2));
  world_->Invite(*world_->coordinator, world_->round, "Campaign newcomer", "Agencies");
  const std::string after = ArmeniasCounts(*world_->admin);
  EXPECT_THAT(after, HasSubstr(", " + std::to_string(invited + 1) + " invited")) << before;
}

TEST_F(CampaignWeb, FiltersAndSorts) {
  HttpClient& admin = *world_->admin;
  const HttpResponse africa = admin.Get("/campaign?region=Africa");
  EXPECT_THAT(africa.body, HasSubstr(">Kenya<"));
  EXPECT_THAT(africa.body, Not(HasSubstr(">Armenia<")));
  const HttpResponse west = admin.Get("/campaign?subregion=Western%20Europe");
  EXPECT_THAT(west.body, HasSubstr(">France<"));
  EXPECT_THAT(west.body, Not(HasSubstr(">Kenya<")));
  const HttpResponse closed = admin.Get("/campaign?status=closed");
  EXPECT_THAT(closed.body, HasSubstr(">France<"));
  EXPECT_THAT(closed.body, Not(HasSubstr(">Armenia<")));
  EXPECT_THAT(admin.Get("/campaign?version=9.9").body, HasSubstr("No country matches"));
  const HttpResponse desc = admin.Get("/campaign?sort=country&dir=desc");
  EXPECT_LT(At(desc.body, ">Kenya<"), At(desc.body, ">Armenia<"));
  EXPECT_THAT(desc.body, HasSubstr("aria-sort=\"descending\""));
  const HttpResponse egdi = admin.Get("/campaign?sort=egdi&dir=desc");  // 0.879, 0.594, 0.454
  EXPECT_LT(At(egdi.body, ">France<"), At(egdi.body, ">Armenia<"));
  EXPECT_LT(At(egdi.body, ">Armenia<"), At(egdi.body, ">Kenya<"));
  const HttpResponse status = admin.Get("/campaign?sort=status&dir=desc");
  EXPECT_LT(At(status.body, ">France<"), At(status.body, ">Armenia<"));  // closed before open
}

TEST_F(CampaignWeb, DownloadsCarryTheSameRowsAsCsvAndXlsx) {
  HttpClient& admin = *world_->admin;
  const HttpResponse csv = admin.Get("/campaign.csv?sort=country&dir=desc");
  ASSERT_EQ(csv.status, 200);
  EXPECT_THAT(csv.Header("content-type"), HasSubstr("text/csv"));
  EXPECT_THAT(csv.body, StartsWith("\xEF\xBB\xBFiso3,country,region,subregion,rounds,round_id,"
                                   "title,year,status,instrument_id,instrument_version,invited,"
                                   "started,finished,last_activity,index,band,egdi,egdi_year,"
                                   "published\r\n"));
  EXPECT_THAT(csv.body, HasSubstr("FRA,France,Europe,Western Europe,1,"));
  EXPECT_THAT(csv.body, HasSubstr(",2024,closed,meter,2.0,1,1,1,"));
  EXPECT_THAT(csv.body, HasSubstr(",50.0,high,0.8790,2018,yes\r\n"));
  EXPECT_LT(At(csv.body, "KEN,"), At(csv.body, "ARM,"));
  const HttpResponse africa = admin.Get("/campaign.csv?region=Africa");
  EXPECT_THAT(africa.body, HasSubstr("KEN,"));
  EXPECT_THAT(africa.body, Not(HasSubstr("ARM,")));
  const HttpResponse xlsx = admin.Get("/campaign.xlsx?region=Europe");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_THAT(xlsx.Header("content-type"), HasSubstr("spreadsheetml"));
  EXPECT_THAT(xlsx.body, StartsWith("PK\x03\x04"));  // a ZIP
  EXPECT_THAT(xlsx.body, HasSubstr("xl/worksheets/sheet1.xml"));
}

TEST_F(CampaignWeb, OnlyAdminsSeeIt) {
  World& w = *world_;
  for (const char* path : {"/campaign", "/campaign.csv", "/campaign.xlsx"}) {
    EXPECT_EQ(w.coordinator->Get(path).status, 403) << path;
    EXPECT_EQ(w.expert->Get(path).status, 403) << path;
    EXPECT_EQ(w.respondent->Get(path).status, 403) << path;
    const HttpResponse anonymous = w.anonymous->Get(path);
    EXPECT_EQ(anonymous.status, 303) << path;
    EXPECT_THAT(anonymous.Header("location"), StartsWith("/login")) << path;
  }
  EXPECT_THAT(w.admin->Get("/rounds").body, HasSubstr("<a href=\"/campaign\">Campaign</a>"));
}

}  // namespace
}  // namespace meter::testing
