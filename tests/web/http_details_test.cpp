// Issue 11 over real HTTP (items 7, 9 and 17): HEAD on every GET route, odd static paths, the same
// answer for a round that is not the caller's and one that does not exist on every round route,
// gzip and caching of pages and static files, and the limit on heavy downloads.
#include <gmock/gmock.h>
#include <zlib.h>

#include <regex>
#include <thread>

#include "gunzip.h"
#include "route_sweep.h"
#include "serve_process.h"
#include "web/web_app.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kGzip = "Accept-Encoding: gzip, deflate\r\n";

// The part of a page that says what happened: the <main> element (the layout around it names the
// path in its language links).
// A JSON error without its request ID (issue 15), which differs for every request.
std::string WithoutRequestId(const std::string& body) {
  return std::regex_replace(body, std::regex(",\"request_id\":\"[^\"]*\""), "");
}

// The page's <main>, without its request ID (issue 15), which differs for every request.
std::string MainOf(const std::string& page) {
  const size_t from = page.find("<main"), to = page.find("</main>");
  const std::string main =
      from == std::string::npos || to == std::string::npos ? page : page.substr(from, to - from);
  return std::regex_replace(main, std::regex("<code class=\"meter-request-id\">[^<]*</code>"), "");
}

class HttpDetails : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  static RouteParams ParamsFor(const std::string& pattern, long long round) {
    RouteParams p = {{"id", std::to_string(round)},
                     {"code", "fr"},
                     {"kind", "json"},
                     {"subarea", "C1"},
                     {"slug", "case-korea-koneps"},
                     {"token", "not-a-real-token"},
                     {"page", "1"},
                     {"statement", "C1.1"},
                     {"iso3", "ARM"},  // issue 13: the public pages
                     {"m49", "142"},
                     {"version", "2.0"},
                     {"file", "pillars.svg"},  // issue 14: the comparison's charts
                     {"rid", "1"},
                     {"pid", "999999"}};
    // The expert channel's versions: a released one, and none to retire.
    if (pattern.rfind("/instruments/", 0) == 0) p["id"] = "meter";
    if (pattern.find("/retire") != std::string::npos) p["version"] = "9.9";
    if (pattern.rfind("/api/instruments", 0) == 0) p["id"] = "meter";
    if (pattern.rfind("/admin/users/", 0) == 0) p["id"] = std::to_string(world_->spare_user);
    p["uid"] = std::to_string(world_->spare_user);  // issue 14: a coordinator of a country
    return p;
  }
  static HttpClient& ClientFor(Caller caller) {
    if (caller == Caller::kAnonymous) return *world_->anonymous;
    if (caller == Caller::kRespondent) return *world_->respondent;
    return *world_->admin;
  }
  static World* world_;
};
World* HttpDetails::world_ = nullptr;

// Item 9: every GET route answers HEAD with the GET's status and headers and no body; its
// Content-Length is that of the GET's body.
TEST_F(HttpDetails, HeadAnswersEveryGetRouteLikeGetWithoutTheBody) {
  size_t swept = 0;
  for (const RouteCall& call : EveryRoute()) {
    if (call.method != "GET") continue;
    HttpClient& client = ClientFor(call.caller);
    const std::string path = ConcretePath(call.pattern, ParamsFor(call.pattern, world_->round));
    const HttpResponse head = client.Send("HEAD", path, "", "");
    const HttpResponse get = client.Get(path);
    ++swept;
    EXPECT_NE(get.status, 405) << path;
    EXPECT_EQ(head.status, get.status) << path;
    EXPECT_EQ(head.body, "") << path;
    EXPECT_EQ(head.Header("content-type"), get.Header("content-type")) << path;
    EXPECT_EQ(head.Header("location"), get.Header("location")) << path;
    EXPECT_EQ(head.Header("cache-control"), get.Header("cache-control")) << path;
    EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size())) << path;
    EXPECT_EQ(get.Header("content-length"), std::to_string(get.body.size())) << path;
  }
  EXPECT_GE(swept, 20u);
  // And static files, with their caching headers.
  const HttpResponse get = world_->anonymous->Get("/static/meter.css");
  const HttpResponse head = world_->anonymous->Send("HEAD", "/static/meter.css", "", "");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("etag"), get.Header("etag"));
  EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size()));
}

TEST_F(HttpDetails, AWriteOnlyRouteAllowsNoHeadAndAGetRouteSaysItAllowsHead) {
  const HttpResponse r = world_->admin->Send("DELETE", "/rounds", "", "");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD, POST");
  EXPECT_EQ(world_->admin->Send("HEAD", "/logout", "", "").status, 405);
}

// Item 9: /static/ without a file, directories and odd names are 404, never a listing or a file
// outside the folders.
TEST_F(HttpDetails, OddStaticPathsAreNotFound) {
  for (const char* path :
       {"/static/", "/static/uswds/", "/static/uswds", "/static/uswds/css/", "/static/uswds/css",
        "/static/uswds/img/", "/static//meter.css", "/static/./meter.css",
        "/static/%2e%2e/CMakeLists.txt", "/static/..%2fCMakeLists.txt",
        "/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/static/uswds/../meter.css",
        "/static/uswds/%2e%2e/%2e%2e/package.json", "/static/meter.css/", "/static/meter.css%00",
        "/static/meter%2ecss", "/static/../CMakeLists.txt"}) {
    for (const char* method : {"GET", "HEAD"}) {
      const HttpResponse r = world_->anonymous->Send(method, path, "", "");
      EXPECT_EQ(r.status, 404) << method << " " << path;
      EXPECT_THAT(r.body, Not(HasSubstr("cmake_minimum_required"))) << path;
    }
  }
}

// Item 9: on every round route, a round that exists but is not the caller's and one that does not
// exist get the same answer: the same status, and the same page or JSON.
TEST_F(HttpDetails, ARoundThatIsNotYoursLooksLikeOneThatDoesNotExist) {
  World& w = *world_;
  const long long missing = 987654321;
  size_t compared = 0;
  struct Who {
    const char* name;
    HttpClient* client;
  };
  for (const Who& who :
       {Who{"other country's coordinator", w.other_coordinator.get()},
        Who{"expert", w.expert.get()}, Who{"other round's respondent", w.other_respondent.get()},
        Who{"anonymous", w.anonymous.get()}}) {
    for (const RouteCall& call : EveryRoute()) {
      if (call.pattern.find("rounds/:id") == std::string::npos) continue;
      const auto theirs_not =
          SendCall(*who.client, call, ConcretePath(call.pattern, ParamsFor(call.pattern, w.round)),
                   call.fields, true);
      const auto nowhere =
          SendCall(*who.client, call, ConcretePath(call.pattern, ParamsFor(call.pattern, missing)),
                   call.fields, true);
      ++compared;
      const std::string what = std::string(who.name) + " " + call.method + " " + call.pattern;
      EXPECT_EQ(theirs_not.status, nowhere.status) << what;
      EXPECT_NE(theirs_not.status, 200) << what;
      EXPECT_EQ(theirs_not.Header("content-type"), nowhere.Header("content-type")) << what;
      if (theirs_not.Header("content-type").rfind("application/json", 0) == 0) {
        EXPECT_EQ(WithoutRequestId(theirs_not.body), WithoutRequestId(nowhere.body)) << what;
      } else {
        EXPECT_EQ(MainOf(theirs_not.body), MainOf(nowhere.body)) << what;
      }
      const std::string location = theirs_not.Header("location");
      EXPECT_EQ(location.empty(), nowhere.Header("location").empty()) << what;
    }
  }
  EXPECT_GE(compared, 4u * 20u);
  // An admin, who may see every round, is told that one does not exist.
  EXPECT_EQ(w.admin->Get("/rounds/" + std::to_string(missing)).status, 404);
}

// Item 17: pages and JSON are gzipped for a client that accepts it, and decode to what an
// uncompressed request gets.
TEST_F(HttpDetails, PagesAndJsonAreGzippedForClientsThatAcceptIt) {
  HttpClient& c = *world_->coordinator;
  for (const std::string& path :
       {"/rounds/" + std::to_string(world_->round), std::string("/api/instruments/meter/2.0")}) {
    const HttpResponse plain = c.Get(path);
    const HttpResponse gz = c.Send("GET", path, "", "", kGzip);
    ASSERT_EQ(gz.status, 200) << path;
    EXPECT_EQ(gz.Header("content-encoding"), "gzip") << path;
    EXPECT_THAT(gz.Header("vary"), HasSubstr("Accept-Encoding")) << path;
    EXPECT_LT(gz.body.size(), plain.body.size() / 2) << path;
    EXPECT_EQ(Gunzip(gz.body), plain.body) << path;
    EXPECT_EQ(plain.Header("content-encoding"), "") << path;
    const HttpResponse head = c.Send("HEAD", path, "", "", kGzip);
    EXPECT_EQ(head.Header("content-length"), std::to_string(gz.body.size())) << path;
  }
  // A PDF is compressed already.
  const HttpResponse pdf =
      c.Send("GET", "/rounds/" + std::to_string(world_->round) + "/download/pdf", "", "", kGzip);
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.Header("content-encoding"), "");
}

// Item 17: the page references its static files by hashed URLs, which resolve, are cached as
// immutable, come gzipped, and give 304 for their ETag.
TEST_F(HttpDetails, StaticFilesHaveHashedUrlsEtagsAndGzip) {
  HttpClient& c = *world_->anonymous;
  const std::string page = c.Get("/login").body;
  const std::regex link(R"re((?:href|src)="(/static/[^"]+)")re");
  std::vector<std::string> urls;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator();
       ++it)
    urls.push_back((*it)[1]);
  ASSERT_EQ(urls.size(), 3u) << page.substr(0, 800);
  for (const std::string& url : urls) {
    EXPECT_THAT(url, ::testing::MatchesRegex(R"(/static/.*\.[0-9a-f]{16}\.(css|js))")) << url;
    const HttpResponse gz = c.Send("GET", url, "", "", kGzip);
    ASSERT_EQ(gz.status, 200) << url;
    EXPECT_EQ(gz.Header("cache-control"), "public, max-age=31536000, immutable") << url;
    EXPECT_THAT(gz.Header("vary"), HasSubstr("Accept-Encoding")) << url;
    const HttpResponse plain = c.Get(url);
    EXPECT_EQ(gz.Header("content-encoding") == "gzip" ? Gunzip(gz.body) : gz.body, plain.body)
        << url;
    const std::string etag = gz.Header("etag");
    ASSERT_FALSE(etag.empty()) << url;
    const HttpResponse again =
        c.Send("GET", url, "", "", kGzip + "If-None-Match: " + etag + "\r\n");
    EXPECT_EQ(again.status, 304) << url;
    EXPECT_EQ(again.body, "") << url;
    EXPECT_EQ(again.Header("etag"), etag) << url;
  }
  // USWDS's CSS, 500 kB as it is, travels as gzip.
  const std::string uswds = urls[0];
  EXPECT_THAT(uswds, HasSubstr("/static/uswds/css/uswds.min."));
  const HttpResponse gz = c.Send("GET", uswds, "", "", kGzip);
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_LT(gz.body.size(), 120u * 1024);
  // The plain URL still works, briefly cached.
  const HttpResponse plain = c.Get("/static/meter.css");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Header("cache-control"), "public, max-age=300");
}

// A new METER 2.0 round of Armenia made by `admin` through the API: its ID, or "" (and a failure).
std::string NewArmenianRound(HttpClient& admin, const std::string& title) {
  const HttpResponse created =
      admin.Send("POST", "/api/rounds",
                 nlohmann::json({{"country", "ARM"},
                                 {"title", title},
                                 {"year", 2026},
                                 {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                     .dump(),
                 "application/json", CsrfHeader(admin));
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return "";
  return std::to_string(nlohmann::json::parse(created.body)["id"].get<long long>());
}

// Item 7: with every slot for heavy work taken (here: none at all), a PDF or XLSX download is
// refused with 503 and Retry-After, as a page or as the API's JSON; light downloads go on.
TEST(HeavyDownloads, PastTheLimitAReportGets503WithRetryAfter) {
  ServeProcess server;
  server.AddAdmin("admin@test.example", kPassword);
  ASSERT_TRUE(server.Start({"--max-heavy-downloads", "0"})) << server.log();
  HttpClient admin(server.port());
  ASSERT_EQ(SignIn(admin, "admin@test.example", kPassword), 303);
  const std::string round = NewArmenianRound(admin, "Busy");
  ASSERT_FALSE(round.empty());
  for (const char* kind : {"pdf", "xlsx"}) {
    const HttpResponse page = admin.Get("/rounds/" + round + "/download/" + kind);
    EXPECT_EQ(page.status, 503) << kind;
    EXPECT_EQ(page.Header("retry-after"), "5") << kind;
    EXPECT_THAT(page.Header("content-type"), HasSubstr("text/html")) << kind;
    EXPECT_THAT(page.body, HasSubstr("other reports are being made right now")) << kind;
    const HttpResponse api = admin.Get("/api/rounds/" + round + "/download/" + kind);
    EXPECT_EQ(api.status, 503) << kind;
    EXPECT_EQ(api.Header("retry-after"), "5") << kind;
    const auto json = nlohmann::json::parse(api.body, nullptr, false);
    ASSERT_TRUE(json.is_object()) << api.body;
    EXPECT_EQ(json.value("error", ""), "unavailable");
    EXPECT_THAT(json.value("message", ""), HasSubstr("try again")) << kind;
  }
  EXPECT_EQ(admin.Get("/rounds/" + round + "/download/json").status, 200);
  EXPECT_EQ(admin.Get("/rounds/" + round + "/answers.csv").status, 200);
}

// Issue 14, the campaign mix: reports asked for at once wait their turn on the server's lane for
// heavy work (web/heavy_lane.h) rather than being refused: with one report made at a time and four
// worker threads, six downloads at once (each in another language, so that none is shared) are
// all made, while the worker threads keep answering pages.
TEST(HeavyDownloads, ReportsAskedForAtOnceWaitTheirTurnInsteadOfBeingRefused) {
  ServeProcess server;
  server.AddAdmin("admin@test.example", kPassword);
  ASSERT_TRUE(server.Start({"--max-heavy-downloads", "1", "--threads", "4"})) << server.log();
  HttpClient admin(server.port());
  ASSERT_EQ(SignIn(admin, "admin@test.example", kPassword), 303);
  const std::string round = NewArmenianRound(admin, "Queued");
  ASSERT_FALSE(round.empty());
  const std::vector<std::string> languages = {"ar", "en", "es", "fr", "ru", "zh"};
  std::vector<int> statuses(languages.size());
  std::vector<std::string> made(languages.size());
  std::vector<std::thread> readers;
  const std::map<std::string, std::string> signed_in = admin.cookies();
  for (size_t i = 0; i < languages.size(); ++i) {
    readers.emplace_back([&, i] {
      HttpClient reader(server.port());
      reader.cookies() = signed_in;
      const HttpResponse pdf = reader.Send("GET", "/rounds/" + round + "/download/pdf", "", "",
                                           "Accept-Language: " + languages[i] + "\r\n");
      statuses[i] = pdf.status;
      made[i] = pdf.Header("x-meter-download");
    });
  }
  EXPECT_EQ(admin.Get("/rounds/" + round).status, 200);
  for (std::thread& t : readers) t.join();
  for (size_t i = 0; i < languages.size(); ++i) {
    EXPECT_EQ(statuses[i], 200) << languages[i];
    EXPECT_EQ(made[i], "made") << languages[i] << ": each made for its own language";
  }
  // A light download of the same route does not go to the lane.
  EXPECT_EQ(admin.Get("/rounds/" + round + "/download/json").status, 200);
}

TEST_F(HttpDetails, WithinTheLimitReportsAreMade) {
  const std::string round = std::to_string(world_->round);
  const HttpResponse pdf = world_->coordinator->Get("/rounds/" + round + "/download/pdf");
  EXPECT_EQ(pdf.status, 200);
  EXPECT_THAT(pdf.Header("content-type"), HasSubstr("application/pdf"));
  const HttpResponse xlsx = world_->coordinator->Get("/api/rounds/" + round + "/download/xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace meter::testing
