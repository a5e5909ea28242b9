// Issue 13: the public pages UNPACS links to (countries, regions, their index, the knowledge base
// by region), their canonical links, the Atom feed, the sitemap and robots.txt, over real HTTP on
// a real server, as an anonymous reader. The feed and the sitemap are checked with an XML parser
// by tests/web/check_public_xml.py (RFC 4287's required elements; sitemaps.org).
#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PublicPages : public ::testing::Test {
 protected:
  // Armenia publishes two rounds (50 everywhere in 2024, 75 in 2025), Japan (100) and India (25)
  // one each: three Asian countries, so Asia has an average. The world's open rounds of Armenia
  // and Kenya stay unpublished.
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    armenia_2024_ = world_->PublishRound("ARM", 2024, "2");
    armenia_2025_ = world_->PublishRound("ARM", 2025, "3");
    world_->PublishRound("JPN", 2025, "4");
    world_->PublishRound("IND", 2025, "1");
  }
  static void TearDownTestSuite() { delete world_; }
  static std::string Site() { return "http://127.0.0.1:" + std::to_string(world_->server.port()); }
  static std::string Canonical(const std::string& path) {
    return "<link rel=\"canonical\" href=\"" + Site() + path + "\">";
  }
  // Runs check_public_xml.py on `xml` as `kind` ("atom" or "sitemap") with `args`; its exit code,
  // and its complaints in `complaints`.
  static int CheckXml(const std::string& kind, const std::string& xml, const std::string& args,
                      std::string& complaints) {
    const std::filesystem::path dir = world_->server.dir();
    const std::filesystem::path file = dir / ("public." + kind), err = dir / "check.err";
    std::ofstream(file, std::ios::binary) << xml;
    const std::string command = "python3 '" + SourcePath("tests/web/check_public_xml.py").string() +
                                "' " + kind + " '" + file.string() + "' " + args + " 2>'" +
                                err.string() + "'";
    const int status = std::system(command.c_str());
    complaints = ReadText(err);
    return WEXITSTATUS(status);
  }
  static World* world_;
  static long long armenia_2024_, armenia_2025_;
};
World* PublicPages::world_ = nullptr;
long long PublicPages::armenia_2024_ = 0;
long long PublicPages::armenia_2025_ = 0;

TEST_F(PublicPages, ACountryPageShowsItsPublishedRoundsOnly) {
  HttpClient& reader = *world_->anonymous;
  const HttpResponse page = reader.Get("/countries/ARM");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<h1>Armenia</h1>"));
  EXPECT_THAT(page.body, HasSubstr(Canonical("/countries/ARM")));
  EXPECT_THAT(page.body, HasSubstr("id=\"round-" + std::to_string(armenia_2025_) + "\""));
  EXPECT_THAT(page.body, HasSubstr("id=\"round-" + std::to_string(armenia_2024_) + "\""));
  EXPECT_THAT(page.body, HasSubstr("2025 · Published ARM 2025"));
  EXPECT_THAT(page.body, HasSubstr("<td class=\"meter-num\">75.0</td>"));
  EXPECT_THAT(page.body, HasSubstr("meter-band--very_high\">Very high</span>"));
  EXPECT_THAT(page.body, HasSubstr("<td class=\"meter-num\">50.0</td>"));
  EXPECT_THAT(page.body, HasSubstr("meter-band--high\">High</span>"));
  // Newest first in the table, with a score per pillar and the trend of each pillar.
  EXPECT_LT(page.body.find("Published ARM 2025"), page.body.find("Published ARM 2024"));
  EXPECT_THAT(page.body, HasSubstr("<abbr title=\"Commitment\">C</abbr>"));
  EXPECT_THAT(page.body, HasSubstr("trend-line"));
  EXPECT_THAT(page.body, HasSubstr("href=\"/regions/142\""));
  // The world's open round of Armenia is not published: nothing of it shows.
  EXPECT_THAT(page.body, Not(HasSubstr("Round of ARM")));

  const HttpResponse kenya = reader.Get("/countries/KEN");
  ASSERT_EQ(kenya.status, 200);
  EXPECT_THAT(kenya.body, HasSubstr("No assessment round of this country is published."));
  EXPECT_THAT(kenya.body, Not(HasSubstr("Round of KEN")));

  // Korea has no round, but a case study.
  const std::string korea = reader.Get("/countries/KOR").body;
  EXPECT_THAT(korea, HasSubstr("href=\"/knowledge/case-korea-koneps\""));
  EXPECT_THAT(korea, HasSubstr("href=\"/knowledge?country=KOR\""));
}

TEST_F(PublicPages, CountryCodesInOtherFormsMoveToTheCanonicalOneAndUnknownOnesAreNotFound) {
  HttpClient& reader = *world_->anonymous;
  for (const char* asked : {"arm", "Arm", "aRM"}) {
    const HttpResponse r = reader.Get(std::string("/countries/") + asked);
    EXPECT_EQ(r.status, 301) << asked;
    EXPECT_EQ(r.Header("location"), "/countries/ARM") << asked;
  }
  // countries.csv has no alpha-2 codes, so "AM" is no country; nor are these.
  for (const char* asked : {"AM", "am", "ZZZ", "zzz", "ARMX", "A%2FM", "123"}) {
    const HttpResponse r = reader.Get(std::string("/countries/") + asked);
    EXPECT_EQ(r.status, 404) << asked;
    EXPECT_THAT(r.body, HasSubstr("there is no such page")) << asked;
  }
  EXPECT_EQ(reader.Get("/regions/2").Header("location"), "/regions/002");
  EXPECT_EQ(reader.Get("/regions/02").status, 301);
  for (const char* asked : {"999", "0002", "Asia", "14x"})
    EXPECT_EQ(reader.Get(std::string("/regions/") + asked).status, 404) << asked;
}

TEST_F(PublicPages, ARegionPageShowsItsCountriesBenchmarkAndCaseStudies) {
  HttpClient& reader = *world_->anonymous;
  const HttpResponse asia = reader.Get("/regions/142");
  ASSERT_EQ(asia.status, 200);
  EXPECT_THAT(asia.body, HasSubstr("<h1>Asia</h1>"));
  EXPECT_THAT(asia.body, HasSubstr(Canonical("/regions/142")));
  for (const char* iso3 : {"ARM", "JPN", "IND"})
    EXPECT_THAT(asia.body, HasSubstr(std::string("href=\"/countries/") + iso3 + "\"")) << iso3;
  EXPECT_THAT(asia.body, HasSubstr("2 published rounds"));  // Armenia
  // The average of each country's latest round: (75 + 100 + 25) / 3.
  EXPECT_THAT(asia.body, HasSubstr("The average of the latest published round of each of the "
                                   "region&#39;s 3 countries."));
  EXPECT_THAT(asia.body, HasSubstr("<td class=\"meter-num\">66.7</td>"));
  EXPECT_THAT(asia.body, HasSubstr("href=\"/knowledge/case-korea-koneps\""));
  EXPECT_THAT(asia.body, Not(HasSubstr("case-argentina-paperless-administration-gde")));

  // Europe has no published round: a sentence says why there is no average.
  const std::string europe = reader.Get("/regions/150").body;
  EXPECT_THAT(europe, HasSubstr("No country of this region has published a round yet."));
  EXPECT_THAT(europe, HasSubstr("The regional average is shown once at least 3 countries of the "
                                "region have published a round. Countries with a published round "
                                "so far: 0."));
  EXPECT_THAT(europe, Not(HasSubstr("Regional average</th>")));
}

TEST_F(PublicPages, TheIndexLinksCountriesWithContentByRegion) {
  const HttpResponse index = world_->anonymous->Get("/countries");
  ASSERT_EQ(index.status, 200);
  EXPECT_THAT(index.body, HasSubstr(Canonical("/countries")));
  for (const char* region : {"002", "019", "142", "150", "009"})
    EXPECT_THAT(index.body, HasSubstr(std::string("href=\"/regions/") + region + "\"")) << region;
  EXPECT_THAT(index.body, HasSubstr("href=\"/countries/ARM\""));
  EXPECT_THAT(index.body, HasSubstr("href=\"/countries/KOR\""));  // a case study only
  // Andorra has neither a published round nor an entry: named, not linked.
  EXPECT_THAT(index.body, HasSubstr("<li>Andorra</li>"));
  EXPECT_THAT(index.body, Not(HasSubstr("href=\"/countries/AND\"")));
  // Kenya's round is open, not published: Kenya is linked for its case study alone.
  EXPECT_THAT(index.body, HasSubstr("<a href=\"/countries/KEN\">Kenya</a> <span "
                                    "class=\"meter-small\">· 1 lesson or case study</span>"));
  EXPECT_THAT(index.body, HasSubstr("<a href=\"/countries/ARM\">Armenia</a> <span "
                                    "class=\"meter-small\">· 2 published rounds</span>"));
  // The public navigation leads here, and every page advertises the feed.
  EXPECT_THAT(index.body, HasSubstr("<a href=\"/countries\">Countries</a>"));
  EXPECT_THAT(
      index.body,
      HasSubstr("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.atom\""));
}

TEST_F(PublicPages, TheKnowledgeBaseFiltersByRegionAndLinksToCountryAndRegionPages) {
  HttpClient& reader = *world_->anonymous;
  const HttpResponse asia = reader.Get("/knowledge?region=142");
  ASSERT_EQ(asia.status, 200);
  EXPECT_THAT(asia.body, HasSubstr("href=\"/knowledge/case-korea-koneps\""));
  EXPECT_THAT(asia.body, Not(HasSubstr("case-argentina-paperless-administration-gde")));
  EXPECT_THAT(asia.body, HasSubstr("<option value=\"142\" selected>Asia</option>"));
  EXPECT_THAT(asia.body, HasSubstr("href=\"/regions/142\""));
  EXPECT_THAT(asia.body, HasSubstr(Canonical("/knowledge?region=142")));
  // With other filters and with words: every filter applies.
  const std::string cases = reader.Get("/knowledge?kind=case&region=019").body;
  EXPECT_THAT(cases, HasSubstr("case-argentina-paperless-administration-gde"));
  EXPECT_THAT(cases, Not(HasSubstr("case-korea-koneps")));
  EXPECT_THAT(cases, HasSubstr(Canonical("/knowledge?kind=case&amp;region=019")));
  const std::string searched = reader.Get("/knowledge?q=procurement&region=142").body;
  EXPECT_THAT(searched, HasSubstr("case-korea-koneps"));
  EXPECT_THAT(reader.Get("/knowledge?q=procurement&region=150").body,
              Not(HasSubstr("case-korea-koneps")));

  const std::string entry = reader.Get("/knowledge/case-korea-koneps").body;
  EXPECT_THAT(entry, HasSubstr(Canonical("/knowledge/case-korea-koneps")));
  EXPECT_THAT(entry, HasSubstr("<a href=\"/countries/KOR\">Republic of Korea</a>"));
  EXPECT_THAT(entry, HasSubstr("<a href=\"/regions/142\">Asia</a>"));
  EXPECT_THAT(reader.Get("/knowledge").body, HasSubstr(Canonical("/knowledge")));
  EXPECT_THAT(reader.Get("/").body, HasSubstr(Canonical("/")));
}

TEST_F(PublicPages, TheAtomFeedHasWhatRfc4287RequiresAndListsEntriesPublishedRoundsAndReleases) {
  const HttpResponse feed = world_->anonymous->Get("/feed.atom");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.Header("content-type"), "application/atom+xml; charset=utf-8");
  std::string complaints;
  EXPECT_EQ(CheckXml("atom", feed.body,
                     "--title 'Armenia — METER round 2025 published' "
                     "--title 'Armenia — METER round 2024 published' "
                     "--title 'KONEPS' --title 'Instrument meter 3.0 released' --link '" +
                         Site() + "/instruments/meter/3.0' --link '" + Site() +
                         "/knowledge/case-korea-koneps' --link '" + Site() +
                         "/countries/ARM#round-" + std::to_string(armenia_2025_) + "'",
                     complaints),
            0)
      << complaints;
  EXPECT_THAT(feed.body, HasSubstr("<id>" + Site() + "/feed.atom</id>"));
  EXPECT_THAT(feed.body, HasSubstr("an overall index of 75.0, in the readiness band Very high"));
  // Kenya's open round is in no entry.
  EXPECT_THAT(feed.body, Not(HasSubstr("Kenya — METER round")));
  // The checker is no rubber stamp: a feed without its id, or with a bad date, fails.
  std::string broken = feed.body;
  broken.erase(broken.find("<id>"), broken.find("</id>") + 5 - broken.find("<id>"));
  EXPECT_EQ(CheckXml("atom", broken, "", complaints), 1);
  EXPECT_THAT(complaints, HasSubstr("feed: 0 <id> elements"));
  std::string undated = feed.body;
  const size_t t = undated.find("T", undated.find("<updated>"));
  undated.replace(t, 1, " ");
  EXPECT_EQ(CheckXml("atom", undated, "", complaints), 1);
  EXPECT_THAT(complaints, HasSubstr("is not an RFC 3339 date-time"));
}

TEST_F(PublicPages, TheSitemapListsEveryPublicPageAndRobotsPointsToIt) {
  const HttpResponse sitemap = world_->anonymous->Get("/sitemap.xml");
  ASSERT_EQ(sitemap.status, 200);
  EXPECT_EQ(sitemap.Header("content-type"), "application/xml; charset=utf-8");
  std::string complaints;
  EXPECT_EQ(CheckXml("sitemap", sitemap.body,
                     "--loc " + Site() +
                         "/ --loc /knowledge --loc /countries "
                         "--loc /knowledge/case-korea-koneps --loc /countries/ARM "
                         "--loc /countries/KOR --loc /regions/142 --loc /regions/150",
                     complaints),
            0)
      << complaints;
  EXPECT_THAT(sitemap.body, Not(HasSubstr("/countries/AND<")));  // nothing to read there
  EXPECT_THAT(sitemap.body, Not(HasSubstr("/rounds")));
  EXPECT_EQ(CheckXml("sitemap", sitemap.body, "--loc /countries/AND", complaints), 1);

  const HttpResponse robots = world_->anonymous->Get("/robots.txt");
  ASSERT_EQ(robots.status, 200);
  EXPECT_EQ(robots.Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_THAT(robots.body, HasSubstr("Sitemap: " + Site() + "/sitemap.xml\n"));
  EXPECT_THAT(robots.body, HasSubstr("Disallow: /r/\n"));
}

TEST_F(PublicPages, TheCanonicalBaseIsThePublicUrlWhenOneIsSet) {
  MeterServer server;
  server.serve_args = {"--public-url", "https://meter.example.org/"};
  ASSERT_TRUE(server.Start()) << server.log();
  HttpClient reader(server.port());
  EXPECT_THAT(
      reader.Get("/countries/FRA").body,
      HasSubstr("<link rel=\"canonical\" href=\"https://meter.example.org/countries/FRA\">"));
  EXPECT_THAT(reader.Get("/feed.atom").body,
              HasSubstr("<id>https://meter.example.org/feed.atom</id>"));
  EXPECT_THAT(reader.Get("/robots.txt").body,
              HasSubstr("Sitemap: https://meter.example.org/sitemap.xml"));
}

// Last: it withdraws a round, which the tests above read.
TEST_F(PublicPages, AnUnpublishedRoundLeavesThePublicPagesAndTheFeed) {
  HttpClient& admin = *world_->admin;
  ASSERT_EQ(
      admin.PostForm("/rounds/" + std::to_string(armenia_2025_) + "/unpublish", FormWithCsrf(admin))
          .status,
      303);
  HttpClient& reader = *world_->anonymous;
  const std::string page = reader.Get("/countries/ARM").body;
  EXPECT_THAT(page, HasSubstr("Published ARM 2024"));
  EXPECT_THAT(page, Not(HasSubstr("Published ARM 2025")));
  const std::string feed = reader.Get("/feed.atom").body;
  EXPECT_THAT(feed, Not(HasSubstr("Armenia — METER round 2025 published")));
  EXPECT_THAT(feed, HasSubstr("Armenia — METER round 2024 published"));
  // Asia's average now takes Armenia's 2024 round: (50 + 100 + 25) / 3.
  EXPECT_THAT(reader.Get("/regions/142").body, HasSubstr("<td class=\"meter-num\">58.3</td>"));
}

}  // namespace
}  // namespace meter::testing
