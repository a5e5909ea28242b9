// The instrument pages (issue 13): every signed-in user reads an installed version in their
// language, with item statistics over the published rounds only, and the flags in words.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class InstrumentPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    // Three respondents answer C1.1 and C1.2: C1.1 gets two "don't know" of three answers, C1.2
    // is at the lowest level for all three.
    const char* c11[] = {"DK", "DK", "3"};
    for (int i = 0; i < 3; ++i) {
      auto [link, id] = world_->Invite(*world_->coordinator, world_->round,
                                       "stats-" + std::to_string(i), "Central government");
      HttpClient r(world_->server.port());
      r.Get(link);
      r.Get("/q/1");
      for (const auto& [statement, value] :
           std::vector<std::pair<std::string, std::string>>{{"C1.1", c11[i]}, {"C1.2", "0"}}) {
        const HttpResponse saved = r.Send("PUT", "/api/answers/" + statement,
                                          json({{"value", value}, {"version", 0}}).dump(),
                                          "application/json", CsrfHeader(r));
        ASSERT_EQ(saved.status, 200) << saved.body;
      }
    }
  }
  static void TearDownTestSuite() { delete world_; }
  static HttpResponse Round(const std::string& path, const std::string& fields) {
    return world_->coordinator->PostForm("/rounds/" + std::to_string(world_->round) + path,
                                         FormWithCsrf(*world_->coordinator, fields));
  }
  static World* world_;
};
World* InstrumentPages::world_ = nullptr;

// The row of statement `id` on an instrument page.
std::string RowOf(const std::string& page, const std::string& id) {
  const size_t at = page.find("id=\"statement-" + id + "\"");
  if (at == std::string::npos) return "";
  return page.substr(at, page.find("</tr>", at) - at);
}

TEST_F(InstrumentPages, StatisticsCountOnlyPublishedRoundsAndFlagInWords) {
  HttpClient& expert = *world_->expert;
  const HttpResponse list = expert.Get("/instruments");
  ASSERT_EQ(list.status, 200);
  EXPECT_THAT(list.body, HasSubstr("href=\"/instruments/meter/2.0\""));
  EXPECT_THAT(list.body, HasSubstr("href=\"/instruments/meter/3.0\""));

  const std::string before = expert.Get("/instruments/meter/2.0").body;
  EXPECT_THAT(before, HasSubstr("Published rounds: 0. Respondents: 0."));
  EXPECT_THAT(before, HasSubstr("No published round has used this version yet"));
  EXPECT_THAT(RowOf(before, "C1.1"), Not(HasSubstr("data-flag")));

  ASSERT_EQ(Round("/status", "to=closed").status, 303);
  ASSERT_EQ(Round("/publish", "").status, 303);
  const std::string after = expert.Get("/instruments/meter/2.0").body;
  EXPECT_THAT(after, HasSubstr("Published rounds: 1. Respondents: 3."));
  const std::string c11 = RowOf(after, "C1.1");
  ASSERT_FALSE(c11.empty());
  EXPECT_THAT(c11, HasSubstr("<td class=\"meter-num\">3</td>"));  // three answers
  EXPECT_THAT(c11, HasSubstr("66.7%"));                           // the DK rate
  EXPECT_THAT(c11, HasSubstr("data-flag=\"dk_rate\">more than 30% don&#39;t know"));
  EXPECT_THAT(RowOf(after, "C1.2"), HasSubstr("data-flag=\"floor\""));
  EXPECT_THAT(after, HasSubstr("2 statements are flagged."));
  // A coordinator sees statement figures only once three published rounds used the version: one
  // round's would be one country's answers, more than its published scores show.
  const std::string coordinator = world_->other_coordinator->Get("/instruments/meter/2.0").body;
  EXPECT_THAT(coordinator, HasSubstr("Published rounds: 1. Respondents: 3."));
  EXPECT_THAT(coordinator,
              HasSubstr("Statement figures are shown to coordinators once at least 3 published "
                        "rounds used this version."));
  EXPECT_THAT(RowOf(coordinator, "C1.1"), Not(HasSubstr("66.7%")));
  EXPECT_THAT(coordinator, Not(HasSubstr("data-flag")));
  EXPECT_THAT(world_->admin->Get("/instruments/meter/2.0").body, HasSubstr("data-flag=\"floor\""));

  // In French: the statements, the flags and the numbers as French writes them.
  expert.Get("/lang/fr?next=/");
  const std::string french = expert.Get("/instruments/meter/2.0").body;
  EXPECT_THAT(french, HasSubstr("<html lang=\"fr\""));
  EXPECT_THAT(RowOf(french, "C1.1"), HasSubstr("66,7"));
  EXPECT_THAT(RowOf(french, "C1.1"), Not(HasSubstr("more than 30%")));
  expert.Get("/lang/en?next=/");

  // The round reopened is withdrawn, and its answers leave the statistics.
  ASSERT_EQ(Round("/status", "to=open").status, 303);
  EXPECT_THAT(expert.Get("/instruments/meter/2.0").body,
              HasSubstr("Published rounds: 0. Respondents: 0."));
}

TEST_F(InstrumentPages, AnUnknownVersionIsNotFound) {
  EXPECT_EQ(world_->admin->Get("/instruments/meter/9.9").status, 404);
  EXPECT_EQ(world_->admin->Get("/instruments/nothing/2.0").status, 404);
}

}  // namespace
}  // namespace meter::testing
