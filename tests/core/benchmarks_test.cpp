// Benchmarks and peer learning over published rounds: averages computed by hand, the "at least 3
// countries" rule, the viewing country left out, one vote per country, published rounds only,
// regions from content/countries.csv, the column headings, and the choice and order of peers.
#include "core/benchmarks.h"

#include <gmock/gmock.h>

#include "core/answers_csv.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

CountryList Countries() {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  EXPECT_TRUE(list.ok());
  return list.ok() ? std::move(list).value() : CountryList{};
}

PublishedProfile Profile(const std::string& country, int year, std::map<std::string, double> scores,
                         bool published = true) {
  static Id next_id = 1;
  PublishedProfile p;
  p.round.id = next_id++;
  p.round.country = country;
  p.round.year = year;
  p.round.published = published;
  p.scores = std::move(scores);
  return p;
}

const BenchmarkGroup& Scope(const std::vector<BenchmarkGroup>& groups, const std::string& scope) {
  for (const BenchmarkGroup& g : groups) {
    if (g.scope == scope) return g;
  }
  static const BenchmarkGroup none{"missing", "", 0, {}};
  ADD_FAILURE() << "no group " << scope;
  return none;
}

std::vector<std::string> PeerCountries(const std::vector<Peer>& peers) {
  std::vector<std::string> out;
  for (const Peer& p : peers) out.push_back(p.profile->round.country);
  return out;
}

TEST(ProfileOf, KeepsOverallPillarsAndSubAreasButNoStatementsOrWithheldScores) {
  const Instrument in = testing::LoadOrFail("tests/golden/scoring/instrument.yaml");
  // Pillar A is fully answered; pillar B only DK, so B and B1 are withheld.
  auto sheet = ParseAnswersCsv(
      "respondent,group,statement,answer,comment\n"
      "r,g,A1.1,4,\nr,g,A1.2,2,\nr,g,A1.3,2,\nr,g,A2.1,0,\nr,g,A2.2,0,\n"
      "r,g,B1.1,DK,\nr,g,B1.2,DK,\nr,g,B1.3,DK,\nr,g,B1.4,DK,\n",
      "a.csv", in);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  Round round;
  round.country = "AUT";
  round.published = true;
  const PublishedProfile p = ProfileOf(round, Score(in, sheet.value()));
  EXPECT_EQ(p.round.country, "AUT");
  // A1 = (100 + 50 + 2·50) / 4 = 62.5; A2 = 0; A = (62.5 + 2·0) / 3; overall = A (B withheld).
  EXPECT_THAT(p.scores, ElementsAre(Pair("A", 62.5 / 3), Pair("A1", 62.5), Pair("A2", 0.0),
                                    Pair("overall", 62.5 / 3)));
}

TEST(Benchmarks, AveragesEachGroupFromCountriesCsvAndNeedThreeCountries) {
  // Austria looks. Western Europe: BEL, FRA, DEU. Europe adds ITA (Southern Europe). The world
  // adds JPN. Austria's own round counts nowhere.
  const std::vector<PublishedProfile> published = {
      Profile("AUT", 2022, {{"overall", 60}, {"C", 50}}),
      Profile("BEL", 2023, {{"overall", 70}, {"C", 80}}),
      Profile("FRA", 2021, {{"overall", 80}}),
      Profile("DEU", 2022, {{"overall", 90}, {"C", 60}}),
      Profile("ITA", 2023, {{"overall", 30}, {"C", 20}}),
      Profile("JPN", 2023, {{"overall", 10}, {"C", 10}}),
  };
  const auto groups = Benchmarks("AUT", Countries(), published);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].scope, "subregion");
  EXPECT_EQ(groups[0].name, "Western Europe");
  EXPECT_EQ(groups[0].countries, 3u);
  // overall (70 + 80 + 90) / 3 = 80; "C" has only two scores in the sub-region: not shown.
  EXPECT_THAT(groups[0].scores, ElementsAre(Pair("overall", 80.0)));
  EXPECT_EQ(groups[1].scope, "region");
  EXPECT_EQ(groups[1].name, "Europe");
  EXPECT_EQ(groups[1].countries, 4u);
  // overall (70 + 80 + 90 + 30) / 4 = 67.5; C (80 + 60 + 20) / 3.
  EXPECT_THAT(groups[1].scores, ElementsAre(Pair("C", 160.0 / 3), Pair("overall", 67.5)));
  EXPECT_EQ(groups[2].scope, "world");
  EXPECT_EQ(groups[2].name, "All other countries");
  EXPECT_EQ(groups[2].countries, 5u);
  // overall (70 + 80 + 90 + 30 + 10) / 5 = 56; C (80 + 60 + 20 + 10) / 4 = 42.5.
  EXPECT_THAT(groups[2].scores, ElementsAre(Pair("C", 42.5), Pair("overall", 56.0)));
}

TEST(Benchmarks, TheViewingCountryIsInNoneOfTheAveragesShownToIt) {
  // The reported case: Kenya's own published rounds lifted "other countries'" average.
  const std::vector<PublishedProfile> published = {
      Profile("KEN", 2021, {{"overall", 0}}),  Profile("KEN", 2023, {{"overall", 100}}),
      Profile("ETH", 2023, {{"overall", 40}}), Profile("RWA", 2023, {{"overall", 50}}),
      Profile("UGA", 2023, {{"overall", 60}}), Profile("TZA", 2023, {{"overall", 70}}),
  };
  const auto kenya = Benchmarks("KEN", Countries(), published);
  for (const BenchmarkGroup& g : kenya) {
    EXPECT_EQ(g.countries, 4u) << g.name;
    EXPECT_THAT(g.scores, ElementsAre(Pair("overall", 55.0))) << g.name;
  }
  EXPECT_EQ(Scope(kenya, "subregion").name, "Eastern Africa");
  EXPECT_EQ(Scope(kenya, "region").name, "Africa");
  // Uganda, looking, sees Kenya's latest round (100) and not its own.
  const auto uganda = Benchmarks("UGA", Countries(), published);
  EXPECT_EQ(Scope(uganda, "subregion").countries, 4u);
  EXPECT_THAT(Scope(uganda, "subregion").scores, ElementsAre(Pair("overall", 65.0)));
}

TEST(Benchmarks, WithFewerThanThreeCountriesAGroupIsCountedButWithheld) {
  const std::vector<PublishedProfile> published = {
      Profile("DEU", 2022, {{"overall", 60}}),
      Profile("NLD", 2022, {{"overall", 70}}),
      Profile("KEN", 2022, {{"overall", 20}}),
      Profile("JPN", 2022, {{"overall", 60}}),
  };
  const auto groups = Benchmarks("DEU", Countries(), published);
  EXPECT_EQ(Scope(groups, "subregion").countries, 1u);
  EXPECT_TRUE(Scope(groups, "subregion").scores.empty());
  EXPECT_EQ(Scope(groups, "region").countries, 1u);
  EXPECT_TRUE(Scope(groups, "region").scores.empty());
  EXPECT_EQ(Scope(groups, "world").countries, 3u);
  EXPECT_THAT(Scope(groups, "world").scores, ElementsAre(Pair("overall", 50.0)));
}

TEST(Benchmarks, OneVotePerCountryWithItsLatestPublishedRound) {
  const std::vector<PublishedProfile> published = {
      Profile("AUT", 2019, {{"overall", 0}}),
      Profile("AUT", 2023, {{"overall", 30}}),  // Austria's latest published round
      Profile("AUT", 2021, {{"overall", 0}}),
      Profile("AUT", 2024, {{"overall", 99}}, /*published=*/false),  // never counts
      Profile("BEL", 2020, {{"overall", 60}}),
      Profile("CHE", 2020, {{"overall", 90}}),
      Profile("DEU", 2020, {{"overall", 99}}, /*published=*/false),  // nor does this country
  };
  const auto groups = Benchmarks("NLD", Countries(), published);
  const BenchmarkGroup& west = Scope(groups, "subregion");
  EXPECT_EQ(west.countries, 3u);
  EXPECT_THAT(west.scores, ElementsAre(Pair("overall", 60.0)));  // (30 + 60 + 90) / 3
}

TEST(Benchmarks, ACountryNotInTheListGetsTheWorldGroupOnly) {
  const std::vector<PublishedProfile> published = {
      Profile("AUT", 2022, {{"overall", 10}}),
      Profile("XXX", 2022, {{"overall", 20}}),  // not a member state: counts in the world only
      Profile("BEL", 2022, {{"overall", 30}}),
      Profile("JPN", 2022, {{"overall", 50}}),
  };
  const auto groups = Benchmarks("XXX", Countries(), published);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].scope, "world");
  EXPECT_EQ(groups[0].countries, 3u) << "not its own round";
  EXPECT_THAT(groups[0].scores, ElementsAre(Pair("overall", 30.0)));
  EXPECT_EQ(Scope(Benchmarks("AUT", Countries(), published), "world").countries, 3u);
  EXPECT_EQ(Scope(Benchmarks("AUT", Countries(), published), "subregion").countries, 1u);
}

TEST(Benchmarks, EachHeadingNamesItsGroupAndHowManyCountriesFormIt) {
  BenchmarkGroup east{"subregion", "Eastern Africa", 4, {{"overall", 55}}};
  EXPECT_EQ(Render(BenchmarkHeading(east)), "Eastern Africa (4 countries)");
  BenchmarkGroup thin{"region", "Africa", 2, {}};
  EXPECT_EQ(Render(BenchmarkHeading(thin)),
            "Africa: needs published rounds of at least 3 other countries (2 so far)");
  // The world's name is an English msgid, translated with the heading.
  BenchmarkGroup world{"world", "All other countries", 9, {{"overall", 50}}};
  const Translator shout = [](const std::string& text) {
    return text == "All other countries" ? std::string("TOUS LES AUTRES") : text;
  };
  EXPECT_EQ(Render(BenchmarkHeading(world), shout), "TOUS LES AUTRES (9 countries)");
  EXPECT_EQ(Render(BenchmarkHeading(east), shout), "Eastern Africa (4 countries)")
      << "M49 names are not msgids";
}

class Peers : public ::testing::Test {
 protected:
  // Our own profile: C 40, L 60, and the sub-area C1 at 30.
  PublishedProfile own_ = Profile("AUT", 2023, {{"C", 40}, {"L", 60}, {"C1", 30}});
};

TEST_F(Peers, AreOtherCountriesScoringAtLeast75InTheSubAreaClosestFirst) {
  const std::vector<PublishedProfile> published = {
      Profile("AUT", 2021, {{"C", 40}, {"L", 60}, {"C1", 90}}),    // own country: never a peer
      Profile("BEL", 2022, {{"C", 43}, {"L", 64}, {"C1", 75}}),    // distance 5
      Profile("FRA", 2022, {{"C", 40}, {"L", 61}, {"C1", 74.9}}),  // below 75: not a peer
      Profile("JPN", 2022, {{"C", 50}, {"L", 60}, {"C1", 80}}),    // distance 10
      Profile("KEN", 2022, {{"C", 41}, {"L", 60}, {"C1", 95}}),    // distance 1
      Profile("ITA", 2022, {{"C", 100}, {"L", 0}, {"C1", 100}}),   // far: fourth
      Profile("ESP", 2022, {{"C", 40}, {"L", 60}, {"C1", 99}}, /*published=*/false),
      Profile("DEU", 2022, {{"C1", 99}}),  // no pillar in common: not comparable
  };
  const auto peers = PeersFor(own_, "C1", published);
  EXPECT_THAT(PeerCountries(peers), ElementsAre("KEN", "BEL", "JPN"));
  EXPECT_DOUBLE_EQ(peers[0].distance, 1.0);
  EXPECT_DOUBLE_EQ(peers[1].distance, 5.0);
  EXPECT_DOUBLE_EQ(peers[2].distance, 10.0);
  EXPECT_DOUBLE_EQ(peers[0].subarea_score, 95.0);
  EXPECT_EQ(peers[0].profile, &published[4]);
  EXPECT_THAT(PeerCountries(PeersFor(own_, "C1", published, 5)),
              ElementsAre("KEN", "BEL", "JPN", "ITA"));
  EXPECT_TRUE(PeersFor(own_, "L1", published).empty());  // nobody has a score in L1
}

TEST_F(Peers, CompareOverCommonPillarsOnly) {
  // BEL lacks L (withheld): compared over C alone, distance 3. JPN has the extra pillar M, which
  // our profile lacks: compared over C and L, distance 4.
  const std::vector<PublishedProfile> published = {
      Profile("BEL", 2022, {{"C", 37}, {"C1", 80}}),
      Profile("JPN", 2022, {{"C", 40}, {"L", 64}, {"M", 0}, {"C1", 80}}),
  };
  const auto peers = PeersFor(own_, "C1", published);
  ASSERT_EQ(peers.size(), 2u);
  EXPECT_EQ(peers[0].profile->round.country, "BEL");
  EXPECT_DOUBLE_EQ(peers[0].distance, 3.0);
  EXPECT_DOUBLE_EQ(peers[1].distance, 4.0);
}

TEST_F(Peers, TiesGoByCountryCodeAndEachCountryAppearsOnceWithItsClosestRound) {
  const std::vector<PublishedProfile> published = {
      Profile("JPN", 2020, {{"C", 45}, {"L", 60}, {"C1", 80}}),  // distance 5
      Profile("BEL", 2020, {{"C", 45}, {"L", 60}, {"C1", 80}}),  // distance 5, the same
      Profile("BEL", 2022, {{"C", 40}, {"L", 55}, {"C1", 80}}),  // distance 5, more recent
      Profile("BEL", 2023, {{"C", 40}, {"L", 62}, {"C1", 76}}),  // distance 2: Belgium's closest
      Profile("FRA", 2020, {{"C", 35}, {"L", 60}, {"C1", 80}}),  // distance 5
  };
  const auto peers = PeersFor(own_, "C1", published);
  EXPECT_THAT(PeerCountries(peers), ElementsAre("BEL", "FRA", "JPN"));
  EXPECT_EQ(peers[0].profile->round.year, 2023);

  // Without Belgium's closest round, its tie at distance 5 goes to the more recent round.
  std::vector<PublishedProfile> tied(published.begin(), published.begin() + 3);
  const auto tie_peers = PeersFor(own_, "C1", tied);
  EXPECT_THAT(PeerCountries(tie_peers), ElementsAre("BEL", "JPN"));
  EXPECT_EQ(tie_peers[0].profile->round.year, 2022);
}

}  // namespace
}  // namespace meter

namespace meter {
namespace {

// Country and region names in the six UN languages (issue 12), from the shipped files.
TEST(CountryNames, EveryMemberStateAndRegionHasItsNameInTheSixLanguages) {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  ASSERT_TRUE(list.ok());
  CountryList countries = std::move(list).value();
  auto regions = countries.ReadRegionNames(
      testing::ReadText(testing::SourcePath("content/regions.csv")), "regions.csv");
  ASSERT_TRUE(regions.ok()) << regions.error().ToString();
  ASSERT_EQ(countries.all().size(), 193u);
  for (const Country& c : countries.all()) {
    for (const char* lang : {"ar", "zh", "fr", "ru", "es"}) {
      EXPECT_TRUE(c.names.Has(lang)) << c.iso3 << " " << lang;
      EXPECT_TRUE(c.region_names.Has(lang)) << c.iso3 << " " << lang;
      EXPECT_TRUE(c.subregion_names.Has(lang)) << c.iso3 << " " << lang;
    }
  }
  EXPECT_EQ(countries.Find("DEU")->names.Get("fr"), "Allemagne");
  EXPECT_EQ(countries.RegionName("Western Africa", "en"), "Western Africa");
  EXPECT_NE(countries.RegionName("Western Africa", "ru"), "Western Africa");
}

TEST(CountryNames, ARegionFileWithAnUnknownRegionIsRefusedAtItsLine) {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  ASSERT_TRUE(list.ok());
  auto refused = list.value().ReadRegionNames("name,fr\nAtlantis,Atlantide\n", "regions.csv");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().ToString(), ::testing::HasSubstr("regions.csv:2"));
  EXPECT_EQ(list.value().RegionName("Western Africa", "fr"), "Western Africa");  // nothing kept
}

// Issue 13: the public region page's benchmark leaves no country out, counts each country's
// latest published round once, and needs three countries, as the benchmarks beside a round do.
TEST(RegionBenchmark, AveragesTheLatestPublishedRoundOfEachCountryOfTheRegion) {
  const CountryList countries = Countries();
  std::vector<PublishedProfile> published = {
      Profile("ARM", 2022, {{"overall", 0}, {"C", 0}}),
      Profile("ARM", 2024, {{"overall", 30}, {"C", 40}}),
      Profile("JPN", 2023, {{"overall", 60}, {"C", 50}}),
      Profile("DEU", 2023, {{"overall", 99}, {"C", 99}}),           // Europe
      Profile("IND", 2025, {{"overall", 100}, {"C", 100}}, false),  // not published
  };
  BenchmarkGroup asia = RegionBenchmark("Asia", countries, published);
  EXPECT_EQ(asia.scope, "region");
  EXPECT_EQ(asia.name, "Asia");
  EXPECT_EQ(asia.countries, 2u);
  EXPECT_TRUE(asia.scores.empty()) << "two countries are too few";
  published.push_back(Profile("IND", 2024, {{"overall", 90}}));
  asia = RegionBenchmark("Asia", countries, published);
  EXPECT_EQ(asia.countries, 3u);
  EXPECT_THAT(asia.scores, ElementsAre(Pair("overall", 60.0)));  // (30 + 60 + 90) / 3; C: only 2
  EXPECT_EQ(RegionBenchmark("Oceania", countries, published).countries, 0u);
}

TEST(PublishedReport, HoldsTheOverallIndexAndEachPillarWithItsBand) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-2.0.yaml");
  PublishedProfile p = Profile("ARM", 2024, {{"overall", 49.96}, {"C", 75}, {"C1", 80}});
  const ScoreReport report = PublishedReport(p, in);
  ASSERT_EQ(report.units.size(), 1 + in.pillars.size());
  EXPECT_EQ(report.units[0].id, "overall");
  EXPECT_EQ(report.units[0].band, Band::kMiddle);
  EXPECT_EQ(report.units[1].id, "C");
  EXPECT_EQ(report.units[1].kind, UnitKind::kPillar);
  EXPECT_EQ(report.units[1].band, Band::kVeryHigh);
  EXPECT_FALSE(report.units[2].score.has_value()) << report.units[2].id << " was not published";
  EXPECT_FALSE(report.units[2].band.has_value());
}

// Issue 13: the public pages' region URLs use the M49 codes of countries.csv.
TEST(CountryList, KnowsTheM49CodeOfEachRegion) {
  const CountryList countries = Countries();
  std::vector<std::string> regions;
  for (const CountryList::Region& r : countries.Regions()) regions.push_back(r.code + " " + r.name);
  EXPECT_THAT(regions,
              ElementsAre("002 Africa", "009 Oceania", "019 Americas", "142 Asia", "150 Europe"));
  EXPECT_EQ(countries.RegionCode("Europe"), "150");
  EXPECT_EQ(countries.RegionCode("Western Europe"), "") << "a sub-region is no region";
  auto without = CountryList::Parse(
      "iso3,name,region,subregion\nFRA,France,Europe,Western Europe\n", "old.csv");
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(without.value().Regions().empty());
}

}  // namespace
}  // namespace meter
