// The campaign page's rows: response counts and last activity from a round's respondents, the
// filters (region, sub-region, status, version, every country) and the stable sort with missing
// values last in either direction.
#include "core/campaign.h"

#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::ElementsAre;

Country CountryOf(std::string iso3, std::string region, std::string subregion) {
  Country c;
  c.iso3 = iso3;
  c.name = iso3;
  c.region = std::move(region);
  c.subregion = std::move(subregion);
  return c;
}

Round RoundOf(RoundStatus status, std::string version, Seconds created_at) {
  Round r;
  r.id = created_at;
  r.title = "Round " + version;
  r.year = 2024;
  r.instrument_id = "meter";
  r.instrument_version = std::move(version);
  r.status = status;
  r.created_at = created_at;
  return r;
}

// A row of `iso3` with a round of `status` and `version` and an index, or no round at all.
CampaignRow RowOf(std::string iso3, std::string region, std::string subregion,
                  std::optional<RoundStatus> status = std::nullopt, std::string version = "2.0",
                  std::optional<double> index = std::nullopt) {
  const Country country = CountryOf(iso3, std::move(region), std::move(subregion));
  if (!status) return CampaignRowOf(country, iso3, 0, {});
  const Round round = RoundOf(*status, std::move(version), 100);
  LatestRoundFacts facts;
  facts.round = &round;
  facts.index = index;
  return CampaignRowOf(country, iso3, 1, facts);
}

std::vector<std::string> Codes(const std::vector<CampaignRow>& rows) {
  std::vector<std::string> out;
  for (const CampaignRow& r : rows) out.push_back(r.iso3);
  return out;
}

TEST(Campaign, CountsInvitedStartedAndFinishedOverTheRespondentsPillars) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  size_t commitment = 0;
  for (const StatementPlace& s : in.statements()) commitment += in.pillars[s.pillar].id == "C";
  const Round round = RoundOf(RoundStatus::kOpen, "2.0", 1000);
  LatestRoundFacts facts;
  facts.round = &round;
  facts.instrument = &in;
  facts.newest_answer = 1500;
  auto add = [&](size_t answered, std::vector<std::string> pillars, bool revoked = false,
                 Seconds reminded_at = 0) {
    Respondent r;
    r.answered = answered;
    r.pillars = std::move(pillars);
    r.revoked = revoked;
    r.invited_at = 1100;
    r.reminded_at = reminded_at;
    facts.respondents.push_back(r);
  };
  add(0, {});                                // invited only
  add(3, {});                                // started
  add(in.statements().size(), {});           // finished, every pillar
  add(commitment, {"C"});                    // finished, Commitment only
  add(in.statements().size(), {}, true, 9);  // withdrawn: counts nowhere
  add(1, {"C"}, false, 1200);                // started, reminded last

  const CampaignRow row =
      CampaignRowOf(CountryOf("KEN", "Africa", "Eastern Africa"), "Kenya", 3, facts);
  EXPECT_EQ(row.invited, 5u);
  EXPECT_EQ(row.started, 4u);
  EXPECT_EQ(row.finished, 2u);
  EXPECT_EQ(row.rounds, 3u);
  EXPECT_EQ(row.last_activity, 1500);  // the newest answer, after the reminder
  facts.newest_answer = 0;
  EXPECT_EQ(CampaignRowOf(CountryOf("KEN", "", ""), "Kenya", 1, facts).last_activity, 1200);
}

TEST(Campaign, WithoutTheInstrumentNobodyCountsAsFinished) {
  const Round round = RoundOf(RoundStatus::kOpen, "9.9", 10);
  LatestRoundFacts facts;
  facts.round = &round;
  facts.respondents.push_back(Respondent{});
  facts.respondents.back().answered = 500;
  const CampaignRow row = CampaignRowOf(CountryOf("KEN", "", ""), "Kenya", 1, facts);
  EXPECT_EQ(row.started, 1u);
  EXPECT_EQ(row.finished, 0u);
}

TEST(Campaign, TheIndexCarriesItsBand) {
  EXPECT_EQ(RowOf("A", "", "", RoundStatus::kClosed, "2.0", 80.0).band, Band::kVeryHigh);
  EXPECT_EQ(RowOf("A", "", "", RoundStatus::kClosed, "2.0", 24.9).band, Band::kLow);
  EXPECT_FALSE(RowOf("A", "", "", RoundStatus::kClosed).band.has_value());
}

std::vector<CampaignRow> Sample() {
  return {RowOf("FRA", "Europe", "Western Europe", RoundStatus::kOpen, "2.0", 60),
          RowOf("KEN", "Africa", "Eastern Africa", RoundStatus::kClosed, "3.0", 30),
          RowOf("DEU", "Europe", "Western Europe", RoundStatus::kClosed, "2.0"),
          RowOf("NOR", "Europe", "Northern Europe"),
          RowOf("ETH", "Africa", "Eastern Africa", RoundStatus::kDraft, "2.0", 45)};
}

TEST(Campaign, FiltersByRegionSubregionStatusAndVersion) {
  EXPECT_THAT(Codes(FilterCampaign(Sample(), {})), ElementsAre("FRA", "KEN", "DEU", "ETH"));
  EXPECT_THAT(Codes(FilterCampaign(Sample(), {.all_countries = true})),
              ElementsAre("FRA", "KEN", "DEU", "NOR", "ETH"));
  EXPECT_THAT(Codes(FilterCampaign(Sample(), {.all_countries = true, .region = "Europe"})),
              ElementsAre("FRA", "DEU", "NOR"));
  EXPECT_THAT(Codes(FilterCampaign(Sample(), {.subregion = "Eastern Africa"})),
              ElementsAre("KEN", "ETH"));
  EXPECT_THAT(
      Codes(FilterCampaign(Sample(), {.all_countries = true, .status = RoundStatus::kClosed})),
      ElementsAre("KEN", "DEU"));
  EXPECT_THAT(Codes(FilterCampaign(Sample(), {.all_countries = true, .version = "2.0"})),
              ElementsAre("FRA", "DEU", "ETH"));
  EXPECT_THAT(Codes(FilterCampaign(Sample(), {.region = "Europe", .version = "3.0"})),
              ElementsAre());
}

TEST(Campaign, SortsStablyWithMissingValuesLastInBothDirections) {
  auto rows = Sample();
  SortCampaign(rows, CampaignColumn::kIndex, true);
  EXPECT_THAT(Codes(rows), ElementsAre("KEN", "ETH", "FRA", "DEU", "NOR"));
  SortCampaign(rows, CampaignColumn::kIndex, false);
  EXPECT_THAT(Codes(rows), ElementsAre("FRA", "ETH", "KEN", "DEU", "NOR"));
  rows = Sample();
  SortCampaign(rows, CampaignColumn::kStatus, true);  // workflow order; ties keep their order
  EXPECT_THAT(Codes(rows), ElementsAre("ETH", "FRA", "KEN", "DEU", "NOR"));
  SortCampaign(rows, CampaignColumn::kStatus, false);
  EXPECT_THAT(Codes(rows), ElementsAre("KEN", "DEU", "FRA", "ETH", "NOR"));
  rows = Sample();
  SortCampaign(rows, CampaignColumn::kRegion, false);
  EXPECT_THAT(Codes(rows), ElementsAre("FRA", "DEU", "NOR", "KEN", "ETH"));
  SortCampaign(rows, CampaignColumn::kCountry, true);
  EXPECT_THAT(Codes(rows), ElementsAre("DEU", "ETH", "FRA", "KEN", "NOR"));
}

TEST(Campaign, TheEgdiIsTheNewestSurveyYearThatHasOneAndSortsWithMissingOnesLast) {
  const Country kenya = CountryOf("KEN", "Africa", "Eastern Africa");
  auto year = [](int y, std::optional<double> egdi) {
    EgdiRow row;
    row.iso3 = "KEN";
    row.year = y;
    row.egdi = egdi;
    return row;
  };
  const EgdiRow y2016 = year(2016, 0.4186), y2014 = year(2014, 0.3805);
  const EgdiRow y2018 = year(2018, std::nullopt);  // a year without the index
  const CampaignRow row = CampaignRowOf(kenya, "Kenya", 0, {}, {y2018, y2016, y2014});
  ASSERT_TRUE(row.egdi.has_value());
  EXPECT_EQ(row.egdi->year, 2016);
  EXPECT_DOUBLE_EQ(row.egdi->value, 0.4186);
  EXPECT_FALSE(CampaignRowOf(kenya, "Kenya", 0, {}, {y2018}).egdi.has_value());

  auto rows = Sample();
  rows[0].egdi = SurveyReading{2018, 0.879};  // FRA
  rows[1].egdi = SurveyReading{2018, 0.454};  // KEN
  rows[3].egdi = SurveyReading{2018, 0.856};  // NOR, without a round
  SortCampaign(rows, CampaignColumn::kEgdi, false);
  EXPECT_THAT(Codes(rows), ElementsAre("FRA", "NOR", "KEN", "DEU", "ETH"));
  SortCampaign(rows, CampaignColumn::kEgdi, true);
  EXPECT_THAT(Codes(rows), ElementsAre("KEN", "NOR", "FRA", "DEU", "ETH"));
}

TEST(Campaign, ColumnKeysGoBothWays) {
  for (int i = 0; i < kCampaignColumnCount; ++i) {
    const auto column = static_cast<CampaignColumn>(i);
    EXPECT_EQ(CampaignColumnFromKey(CampaignColumnKey(column)), column);
  }
  EXPECT_FALSE(CampaignColumnFromKey("band").has_value());
  EXPECT_FALSE(CampaignColumnFromKey("").has_value());
}

}  // namespace
}  // namespace meter
