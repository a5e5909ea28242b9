// Knowledge contributions under review (issue 13), over real HTTP and the CLI: an expert's entry
// is a draft nobody but experts and the secretariat sees; its author submits it; another expert
// asks for changes and approves; the author never judges their own; stale forms answer 409; only
// then is it public, in the list and the export, whose JSON and CSV state the licence.
#include <gmock/gmock.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "test_support.h"
#include "web_world.h"

namespace meter::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class KnowledgeReviewWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
    reviewer_ = world_->Client();  // a second expert
    ASSERT_EQ(SignIn(*reviewer_, "spare@test.example", kPassword), 303);
  }
  static void TearDownTestSuite() {
    reviewer_.reset();
    delete world_;
  }

  // Creates a draft lesson titled `title` as the world's expert; returns its path.
  static std::string CreateDraft(const std::string& title) {
    HttpClient& c = *world_->expert;
    c.Get("/knowledge/new");
    const HttpResponse made = c.PostForm(
        "/knowledge/new", FormWithCsrf(c, "kind=lesson&language=en&title_en=" + FormEncode(title) +
                                              "&summary_en=Reviewed+before+it+is+public.&pillars=T"
                                              "&subareas=T1&sources=A+source+%7C+https%3A%2F%2F"
                                              "example.org%2F&body=Body+of+the+draft."));
    EXPECT_EQ(made.status, 303) << made.body.substr(0, 2000);
    return made.Header("location");
  }
  // Posts the review form of `path` as `c`, at the version its page shows unless `version` says.
  static HttpResponse Review(HttpClient& c, const std::string& path, const std::string& verdict,
                             const std::string& text, std::string version = "") {
    if (version.empty()) version = VersionOn(c.Get(path).body);
    return c.PostForm(path + "/review",
                      FormWithCsrf(c, "verdict=" + verdict + "&text=" + FormEncode(text) +
                                          "&version=" + version));
  }

  static World* world_;
  static std::unique_ptr<HttpClient> reviewer_;
};
World* KnowledgeReviewWeb::world_ = nullptr;
std::unique_ptr<HttpClient> KnowledgeReviewWeb::reviewer_;

TEST_F(KnowledgeReviewWeb, ADraftIsReviewedByAnotherExpertBeforeItIsPublic) {
  World& w = *world_;
  HttpClient& author = *w.expert;
  HttpClient& reviewer = *reviewer_;
  const std::string path = CreateDraft("Reviewed lesson on shared platforms");
  ASSERT_EQ(path, "/knowledge/lesson-reviewed-lesson-on-shared-platforms");

  // A draft: experts and the secretariat read it; for everybody else it does not exist.
  for (HttpClient* c : {w.anonymous.get(), w.coordinator.get(), w.respondent.get()}) {
    EXPECT_EQ(c->Get(path).status, 404);
    EXPECT_THAT(c->Get("/knowledge?q=shared+platforms").body, Not(HasSubstr(path)));
  }
  EXPECT_THAT(author.Get("/knowledge").body, Not(HasSubstr(path)));
  const std::string draft = reviewer.Get(path).body;
  EXPECT_THAT(draft, HasSubstr("Draft"));
  EXPECT_THAT(draft, Not(HasSubstr("/submit\"")));  // only the author submits
  EXPECT_THAT(author.Get(path).body, HasSubstr(path + "/submit"));
  EXPECT_THAT(reviewer.Get("/knowledge/review").body, HasSubstr("href=\"" + path + "\""));

  // Only the author (or the secretariat) submits, at the version shown.
  EXPECT_EQ(reviewer.PostForm(path + "/submit", FormWithCsrf(reviewer, "version=1")).status, 403);
  EXPECT_EQ(author.PostForm(path + "/submit", FormWithCsrf(author, "version=0")).status, 409);
  EXPECT_EQ(author.PostForm(path + "/submit", "version=1").status, 403);  // no CSRF token
  const HttpResponse submitted =
      author.PostForm(path + "/submit", FormWithCsrf(author, "version=1"));
  ASSERT_EQ(submitted.status, 303) << submitted.body.substr(0, 2000);
  EXPECT_THAT(author.Get(path).body, HasSubstr("The entry is submitted for review."));
  EXPECT_EQ(w.anonymous->Get(path).status, 404);

  // The author never judges their own entry; changes need a text.
  EXPECT_EQ(Review(author, path, "approve", "").status, 403);
  const HttpResponse empty = Review(reviewer, path, "changes", "  ");
  EXPECT_EQ(empty.status, 400);
  EXPECT_THAT(empty.body, HasSubstr("say which changes the author should make"));
  EXPECT_EQ(Review(reviewer, path, "maybe", "x").status, 400);
  const std::string ask = "Name the **year** and a source. <script>alert(1)</script>";
  ASSERT_EQ(Review(reviewer, path, "changes", ask).status, 303);
  const std::string asked = author.Get(path).body;
  EXPECT_THAT(asked, HasSubstr("Changes requested"));
  EXPECT_THAT(asked, HasSubstr("Name the <strong>year</strong> and a source."));
  EXPECT_THAT(asked, Not(HasSubstr("<script>alert(1)")));
  EXPECT_THAT(asked, HasSubstr("spare@test.example"));
  // No verdict on an entry that is not in review.
  EXPECT_EQ(Review(reviewer, path, "approve", "").status, 409);

  // The author edits and submits again; a verdict from the page read before answers 409.
  const std::string before = VersionOn(reviewer.Get(path).body);
  const std::string form = author.Get(path + "/edit").body;
  ASSERT_EQ(
      author
          .PostForm(path + "/edit", FormWithCsrf(author,
                                                 "kind=lesson&language=en&title_en=Reviewed+lesson+"
                                                 "on+shared+platforms&summary_en=Now+with+a+year."
                                                 "&year=2020&pillars=T&subareas=T1&sources=A+source"
                                                 "&body=Body.&version=" +
                                                     VersionOn(form)))
          .status,
      303);
  ASSERT_EQ(author
                .PostForm(path + "/submit",
                          FormWithCsrf(author, "version=" + VersionOn(author.Get(path).body)))
                .status,
            303);
  const HttpResponse stale = Review(reviewer, path, "approve", "", before);
  EXPECT_EQ(stale.status, 409);
  EXPECT_THAT(stale.body, HasSubstr("someone changed this entry meanwhile"));
  EXPECT_EQ(Review(reviewer, path, "comment", "Thanks, looks good.").status, 303);
  ASSERT_EQ(Review(reviewer, path, "approve", "").status, 303);

  // Public now: the page, the list, the search; an expert can no longer edit it.
  const HttpResponse published = w.anonymous->Get(path);
  ASSERT_EQ(published.status, 200);
  EXPECT_THAT(published.body, HasSubstr("Now with a year."));
  EXPECT_THAT(published.body, HasSubstr("rel=\"license\">CC BY 4.0</a>"));
  EXPECT_THAT(published.body, Not(HasSubstr("review-text")));  // no thread for the public
  EXPECT_THAT(w.anonymous->Get("/knowledge?q=shared+platforms").body, HasSubstr(path));
  EXPECT_EQ(author.Get(path + "/edit").status, 409);
  EXPECT_THAT(reviewer.Get("/knowledge/review").body, Not(HasSubstr("href=\"" + path + "\"")));
  const std::string audit = w.admin->Get("/admin/audit?action=knowledge.review").body;
  EXPECT_THAT(audit, HasSubstr("changes"));
  EXPECT_THAT(w.admin->Get("/admin/audit").body, HasSubstr("knowledge.approve"));
  EXPECT_THAT(w.admin->Get("/admin/audit").body, HasSubstr("knowledge.submit"));
}

TEST_F(KnowledgeReviewWeb, TheQueueIsForExpertsAndTheSecretariat) {
  World& w = *world_;
  const std::string path = CreateDraft("Queued lesson");
  const HttpResponse queue = w.admin->Get("/knowledge/review");
  ASSERT_EQ(queue.status, 200);
  EXPECT_THAT(queue.body, HasSubstr("href=\"" + path + "\""));
  EXPECT_THAT(queue.body, HasSubstr("expert@test.example"));
  EXPECT_EQ(w.anonymous->Get("/knowledge/review").status, 303);
  for (HttpClient* c : {w.coordinator.get(), w.respondent.get()}) {
    EXPECT_EQ(c->Get("/knowledge/review").status, 403);
    EXPECT_EQ(c->PostForm(path + "/submit", FormWithCsrf(*c, "version=1")).status, 403);
    EXPECT_EQ(c->PostForm(path + "/review", FormWithCsrf(*c, "verdict=comment&text=x")).status,
              403);
  }
}

// `meter knowledge export --format json|csv`: the approved base only, every field, the licence.
TEST_F(KnowledgeReviewWeb, TheExportHasTheApprovedEntriesWithTheirLicence) {
  World& w = *world_;
  const std::string draft = CreateDraft("Draft never exported");
  const std::string published = CreateDraft("Exported, with \"quotes\"");
  w.PublishKnowledge(*w.expert, published);
  const fs::path json_file = fs::path(w.server.dir()) / "knowledge.json";
  std::string output;
  ASSERT_EQ(RunMeter("knowledge export --format json --db " + w.server.db_url() + " --output " +
                         json_file.string(),
                     "", output),
            0)
      << output;
  const nlohmann::json doc = nlohmann::json::parse(ReadText(json_file));
  EXPECT_EQ(doc["licence"], "CC-BY-4.0");
  EXPECT_EQ(doc["licence_url"], "https://creativecommons.org/licenses/by/4.0/");
  EXPECT_THAT(doc["attribution"].get<std::string>(), HasSubstr("CC BY 4.0"));
  ASSERT_EQ(doc["count"], doc["entries"].size());
  std::map<std::string, nlohmann::json> by_slug;
  for (const nlohmann::json& e : doc["entries"]) by_slug[e["slug"]] = e;
  EXPECT_FALSE(by_slug.count(draft.substr(11)));
  ASSERT_TRUE(by_slug.count(published.substr(11)));
  const nlohmann::json& mine = by_slug[published.substr(11)];
  EXPECT_EQ(mine["title"]["en"], "Exported, with \"quotes\"");
  EXPECT_EQ(mine["summary"]["en"], "Reviewed before it is public.");
  EXPECT_EQ(mine["body"], "Body of the draft.\n");
  EXPECT_EQ(mine["pillars"], nlohmann::json::array({"T"}));
  EXPECT_EQ(mine["sources"][0]["url"], "https://example.org/");
  EXPECT_EQ(mine["licence"], "CC-BY-4.0");
  EXPECT_TRUE(mine["year"].is_null());
  ASSERT_TRUE(by_slug.count("case-korea-koneps"));  // the shipped entries are approved
  EXPECT_EQ(by_slug["case-korea-koneps"]["kind"], "case");

  // CSV to standard output, read back with METER's own reader.
  ASSERT_EQ(RunMeter("knowledge export --format csv --db " + w.server.db_url(), "", output), 0);
  CsvReader reader(output);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(fields));
  const std::vector<std::string> header(fields.begin(), fields.end());
  ASSERT_EQ(header.front(), "slug");
  ASSERT_EQ(header.back(), "licence");
  const size_t title_en = std::find(header.begin(), header.end(), "title_en") - header.begin();
  const size_t sources = std::find(header.begin(), header.end(), "sources") - header.begin();
  size_t rows = 0;
  bool found = false;
  while (reader.Next(fields)) {
    ASSERT_EQ(fields.size(), header.size()) << "line " << reader.line();
    ++rows;
    EXPECT_EQ(fields.back(), "CC-BY-4.0");
    EXPECT_NE(fields[0], draft.substr(11));
    if (fields[0] == published.substr(11)) {
      found = true;
      EXPECT_EQ(fields[title_en], "Exported, with \"quotes\"");
      EXPECT_EQ(fields[sources], "A source | https://example.org/ | ");
    }
  }
  EXPECT_EQ(std::string(reader.error() ? reader.error() : ""), "");
  EXPECT_TRUE(found);
  EXPECT_EQ(rows, doc["entries"].size());
  // Markdown files still need their folder.
  EXPECT_EQ(RunMeter("knowledge export --db " + w.server.db_url(), "", output), 2);
  EXPECT_THAT(output, HasSubstr("--out"));
}

}  // namespace
}  // namespace meter::testing
