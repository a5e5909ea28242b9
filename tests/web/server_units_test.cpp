// Issue 11 (server): the small units behind the server's limits and caching: the connection
// budget, gzip negotiation, the heavy work limiter and the static files.
#include <gmock/gmock.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "gunzip.h"
#include "web/compression.h"
#include "web/connection_budget.h"
#include "web/heavy_work.h"
#include "web/static_files.h"

namespace meter {
namespace {

using ::meter::testing::Gunzip;
using ::testing::HasSubstr;

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

TEST(ConnectionBudget, KeepsAReserveBelowTheDescriptorLimit) {
  EXPECT_EQ(DescriptorReserve(1024, 4), 80u);
  EXPECT_EQ(SafeConnectionLimit(1024, 4), 944u);
  EXPECT_EQ(SafeConnectionLimit(65536, 100), 65536u - 464u);
  // A low limit keeps half for connections.
  EXPECT_EQ(SafeConnectionLimit(128, 4), 64u);
  EXPECT_EQ(SafeConnectionLimit(1, 4), 1u);
  EXPECT_GT(DescriptorLimit(), 0u);
}

TEST(Compression, AcceptsGzipOnlyWhenTheClientSaysSo) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzipped"));
}

TEST(Compression, CompressesTextButNotWhatIsCompressedAlready) {
  for (const char* type :
       {"text/html; charset=utf-8", "application/json; charset=utf-8", "text/css; charset=utf-8",
        "text/csv; charset=utf-8", "image/svg+xml", "text/javascript; charset=utf-8"})
    EXPECT_TRUE(Compressible(type)) << type;
  for (const char* type : {"application/pdf", "image/png", "font/woff2",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "application/octet-stream"})
    EXPECT_FALSE(Compressible(type)) << type;
}

TEST(Compression, GzipsALargeTextResponseForAClientThatAcceptsIt) {
  Request gzip_client;
  gzip_client.headers["accept-encoding"] = "gzip, deflate";
  const std::string page(5000, 'x');
  Response r = Response::Html(page);
  CompressForClient(gzip_client, r);
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept-Encoding");
  EXPECT_LT(r.body.size(), page.size());
  EXPECT_EQ(Gunzip(r.body), page);

  Response plain = Response::Html(page);
  CompressForClient(Request{}, plain);  // no Accept-Encoding
  EXPECT_EQ(plain.body, page);
  EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(plain, "Vary"), "Accept-Encoding");

  Response small = Response::Html("<p>short</p>");
  CompressForClient(gzip_client, small);
  EXPECT_EQ(small.body, "<p>short</p>");

  Response pdf = Response::Text(page, "application/pdf");
  CompressForClient(gzip_client, pdf);
  EXPECT_EQ(pdf.body, page);
  EXPECT_EQ(HeaderOf(pdf, "Vary"), "");
}

TEST(HeavyWorkLimiter, GivesAtMostItsSlotsAndTakesThemBack) {
  HeavyWorkLimiter limiter(2);
  HeavyWorkLimiter::Slot a = limiter.TryAcquire();
  HeavyWorkLimiter::Slot b = limiter.TryAcquire();
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
  EXPECT_FALSE(limiter.TryAcquire());
  EXPECT_EQ(limiter.in_use(), 2u);
  {
    HeavyWorkLimiter::Slot moved = std::move(a);
    EXPECT_FALSE(a);
    EXPECT_EQ(limiter.in_use(), 2u);
  }
  EXPECT_EQ(limiter.in_use(), 1u);
  HeavyWorkLimiter::Slot c = limiter.TryAcquire();
  EXPECT_TRUE(c);
  EXPECT_FALSE(limiter.TryAcquire());
  c = HeavyWorkLimiter::Slot();
  b = HeavyWorkLimiter::Slot();
  EXPECT_EQ(limiter.in_use(), 0u);
}

TEST(HeavyWorkLimiter, ZeroSlotsRefuseEverything) {
  HeavyWorkLimiter none(0);
  EXPECT_FALSE(none.TryAcquire());
  EXPECT_EQ(none.in_use(), 0u);
}

TEST(HeavyWorkLimiter, TheDefaultLeavesOneThreadFree) {
  EXPECT_EQ(DefaultHeavyWorkSlots(1), 1u);
  EXPECT_EQ(DefaultHeavyWorkSlots(2), 1u);
  EXPECT_EQ(DefaultHeavyWorkSlots(8), 7u);
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("meter-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ + "/site/img");
    std::filesystem::create_directories(dir_ + "/uswds/css");
    css_ = std::string(4000, 'a') + "body{}";
    std::ofstream(dir_ + "/site/meter.css") << css_;
    std::ofstream(dir_ + "/site/img/logo.png") << std::string(3000, '\x89');
    std::ofstream(dir_ + "/uswds/css/uswds.min.css") << "p{}";
    files_ = std::make_unique<StaticFiles>(dir_ + "/site", dir_ + "/uswds");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Response Get(const std::string& rest, const std::string& accept = "",
               const std::string& if_none_match = "") {
    Request r;
    r.method = "GET";
    r.path = "/static/" + rest;
    if (!accept.empty()) r.headers["accept-encoding"] = accept;
    if (!if_none_match.empty()) r.headers["if-none-match"] = if_none_match;
    return files_->Serve(rest, r);
  }

  std::string dir_, css_;
  std::unique_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesTest, AHashedUrlIsImmutableAndThePlainOneRevalidates) {
  const std::string url = files_->Url("meter.css");
  ASSERT_THAT(url, ::testing::MatchesRegex("/static/meter\\.[0-9a-f]{16}\\.css"));
  const Response hashed = Get(url.substr(8));
  EXPECT_EQ(hashed.status, 200);
  EXPECT_EQ(hashed.body, css_);
  EXPECT_EQ(HeaderOf(hashed, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(hashed, "ETag"), "\"" + url.substr(14, 16) + "\"");
  const Response plain = Get("meter.css");
  EXPECT_EQ(plain.body, css_);
  EXPECT_EQ(HeaderOf(plain, "Cache-Control"), "public, max-age=300");
  // A hash of another release still gets the file, but not for a year.
  const Response old = Get("meter.0123456789abcdef.css");
  EXPECT_EQ(old.status, 200);
  EXPECT_EQ(HeaderOf(old, "Cache-Control"), "public, max-age=300");
  EXPECT_THAT(files_->Url("uswds/css/uswds.min.css"),
              ::testing::MatchesRegex("/static/uswds/css/uswds\\.min\\.[0-9a-f]{16}\\.css"));
  EXPECT_EQ(files_->Url("missing.css"), "/static/missing.css");
}

TEST_F(StaticFilesTest, GzipWhenAcceptedAnd304WhenTheEtagMatches) {
  const Response gz = Get("meter.css", "gzip");
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(gz, "Vary"), "Accept-Encoding");
  EXPECT_EQ(Gunzip(gz.body), css_);
  const std::string etag = HeaderOf(gz, "ETag");
  EXPECT_THAT(etag, HasSubstr("-gz\""));
  const Response again = Get("meter.css", "gzip", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(HeaderOf(again, "ETag"), etag);
  EXPECT_EQ(Get("meter.css", "", HeaderOf(Get("meter.css"), "ETag")).status, 304);
  EXPECT_EQ(Get("meter.css", "", "W/" + HeaderOf(Get("meter.css"), "ETag")).status, 304);
  EXPECT_EQ(Get("meter.css", "", "\"0123456789abcdef\"").status, 200);
  // PNG is compressed already.
  const Response png = Get("img/logo.png", "gzip");
  EXPECT_EQ(HeaderOf(png, "Content-Encoding"), "");
  EXPECT_EQ(png.body.size(), 3000u);
}

TEST_F(StaticFilesTest, DirectoriesEmptyNamesAndEncodedOrDottedPathsAreNotFound) {
  for (const char* rest : {"",
                           "/",
                           "img",
                           "img/",
                           "uswds",
                           "uswds/",
                           "uswds/css",
                           "uswds/css/",
                           "..",
                           "../site/meter.css",
                           "img/../meter.css",
                           "./meter.css",
                           "%2e%2e/site/meter.css",
                           "%2E%2E%2Fsite%2Fmeter.css",
                           "meter%2ecss",
                           "meter.css/",
                           "//meter.css",
                           "meter.css%00",
                           "meter.css.",
                           ".css",
                           "meter..css",
                           "meter.zzzzzzzzzzzzzzzz.css"}) {
    EXPECT_EQ(Get(rest).status, 404) << "'" << rest << "'";
  }
  EXPECT_EQ(Get("img/logo.png").status, 200);
  EXPECT_EQ(Get("uswds/css/uswds.min.css").status, 200);
}

TEST(StaticFiles, MissingFoldersServeNothing) {
  StaticFiles none("/no/such/folder", "");
  EXPECT_EQ(none.size(), 0u);
  Request r;
  EXPECT_EQ(none.Serve("meter.css", r).status, 404);
}

}  // namespace
}  // namespace meter
