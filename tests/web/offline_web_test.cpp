// Issue 14, answering offline over real HTTP: a respondent downloads the workbook, fills it with
// openpyxl, uploads it and finds exactly those answers stored; an answer changed on the web since
// the download is listed, not overwritten, and can be kept; bad workbooks are refused whole with
// every problem at its cell; the coordinator does the same for a respondent at a workshop.
#include <gmock/gmock.h>

#include "../report/offline_workbooks.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

class OfflineWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  // A new respondent of the Armenian round, signed in through their link; their id.
  std::unique_ptr<HttpClient> NewRespondent(const std::string& name, long long* id = nullptr) {
    auto [link, rid] = world_->Invite(*world_->coordinator, world_->round, name, "Agencies");
    auto client = world_->Client();
    EXPECT_EQ(client->Get(link).status, 303);
    client->Get("/q/1");
    if (id) *id = rid;
    return client;
  }
  static std::string Download(HttpClient& c, const std::string& base, const std::string& kind) {
    const HttpResponse r = c.Get(base + "/download?kind=" + kind + "&lang=en");
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 400);
    return r.body;
  }
  static HttpResponse Upload(HttpClient& c, const std::string& base, const std::string& bytes) {
    c.Get(base);  // the page, for the CSRF token
    return c.Send("POST", base, MultipartBody({{"csrf", c.csrf}}, "answers.xlsx", bytes),
                  kMultipartType);
  }
  static std::map<std::string, json> Stored(HttpClient& respondent) {
    std::map<std::string, json> out;
    const HttpResponse got = respondent.Get("/api/answers");
    EXPECT_EQ(got.status, 200) << got.body.substr(0, 300);
    const json doc = json::parse(got.body);
    for (const json& a : doc["answers"]) out[a["statement"].get<std::string>()] = a;
    return out;
  }
  static World* world_;
};
World* OfflineWeb::world_ = nullptr;

constexpr const char* kC = "C Commitment";

TEST_F(OfflineWeb, AWorkbookFilledWithOpenpyxlSavesExactlyWhatWasFilled) {
  auto r = NewRespondent("round-trip@gov.example");
  const std::string book = Download(*r, "/offline", "xlsx");
  ASSERT_EQ(book.substr(0, 2), "PK");
  const std::string filled = FillWorkbook(
      book, json::array({{{"sheet", kC}, {"cell", "C2"}, {"value", "Largely in place"}},
                         {{"sheet", kC}, {"cell", "D2"}, {"value", "Adopted in 2024."}},
                         {{"sheet", kC}, {"cell", "E2"}, {"value", "https://gov.example/law"}},
                         {{"sheet", kC}, {"cell", "C3"}, {"value", "Don't know"}},
                         {{"sheet", kC}, {"cell", "C4"}, {"value", "Not applicable"}}}));
  const HttpResponse saved = Upload(*r, "/offline", filled);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_THAT(saved.body, HasSubstr("3 answers saved."));
  auto stored = Stored(*r);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored["C1.1"]["value"], "3");
  EXPECT_EQ(stored["C1.1"]["comment"], "Adopted in 2024.");
  EXPECT_EQ(stored["C1.1"]["evidence_url"], "https://gov.example/law");
  EXPECT_EQ(stored["C1.2"]["value"], "DK");
  EXPECT_EQ(stored["C1.3"]["value"], "NA");

  // A fresh download carries them; changing one answer and clearing another is saved too.
  const std::string again = Download(*r, "/offline", "xlsx");
  const std::string changed = FillWorkbook(
      again,
      json::array(
          {{{"sheet", kC}, {"cell", "C2"}, {"value", "Fully in place and regularly reviewed"}},
           {{"sheet", kC}, {"cell", "C3"}, {"value", nullptr}}}));
  const HttpResponse second = Upload(*r, "/offline", changed);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_THAT(second.body, HasSubstr("2 answers saved."));
  stored = Stored(*r);
  EXPECT_EQ(stored["C1.1"]["value"], "4");
  EXPECT_EQ(stored["C1.1"]["comment"], "Adopted in 2024.");
  EXPECT_EQ(stored.count("C1.2") ? stored["C1.2"]["value"] : json(""), "");
  EXPECT_EQ(stored["C1.3"]["value"], "NA");
}

// Every language's workbook and PDF can be made: a translation longer than the English (a
// validation title over Excel's 32 characters, say) must not fail the download.
TEST_F(OfflineWeb, TheWorkbookAndThePdfAreMadeInEveryLanguage) {
  auto r = NewRespondent("every-language@gov.example");
  for (const char* lang : {"ar", "zh", "en", "fr", "ru", "es"}) {
    for (const char* kind : {"xlsx", "pdf"}) {
      const HttpResponse got =
          r->Get(std::string("/offline/download?kind=") + kind + "&lang=" + lang);
      EXPECT_EQ(got.status, 200) << lang << " " << kind << ": " << got.body.substr(0, 300);
      EXPECT_THAT(got.body.substr(0, 4), std::string(kind) == "xlsx" ? "PK\x03\x04" : "%PDF")
          << lang << " " << kind;
    }
  }
}

TEST_F(OfflineWeb, AnAnswerChangedOnTheWebMeanwhileIsListedNotOverwrittenAndCanBeKept) {
  auto r = NewRespondent("stale@gov.example");
  const std::string book = Download(*r, "/offline", "xlsx");
  // Meanwhile, on the web:
  r->Get("/q/1");
  const HttpResponse web =
      r->Send("PUT", "/api/answers/C1.1", json({{"value", "1"}, {"version", 0}}).dump(),
              "application/json", CsrfHeader(*r));
  ASSERT_EQ(web.status, 200) << web.body;
  const std::string filled =
      FillWorkbook(book, json::array({{{"sheet", kC}, {"cell", "C2"}, {"value", "Partly in place"}},
                                      {{"sheet", kC}, {"cell", "C3"}, {"value", "Not in place"}}}));
  const HttpResponse upload = Upload(*r, "/offline", filled);
  EXPECT_EQ(upload.status, 409);
  EXPECT_THAT(upload.body, HasSubstr("1 answer saved."));
  EXPECT_THAT(upload.body, HasSubstr("Changed on the web since the download"));
  EXPECT_THAT(upload.body, HasSubstr("name=\"v:C1.1\" value=\"2\""));
  auto stored = Stored(*r);
  EXPECT_EQ(stored["C1.1"]["value"], "1") << "the web's answer is not overwritten";
  EXPECT_EQ(stored["C1.2"]["value"], "0");
  // Keeping the workbook's answer: the form the page shows.
  const size_t ver = upload.body.find("name=\"ver:C1.1\" value=\"");
  ASSERT_NE(ver, std::string::npos);
  const std::string version =
      upload.body.substr(ver + 23, upload.body.find('"', ver + 23) - ver - 23);
  const HttpResponse kept = r->PostForm(
      "/offline/keep", FormWithCsrf(*r, "v%3AC1.1=2&c%3AC1.1=&e%3AC1.1=&ver%3AC1.1=" + version));
  EXPECT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(Stored(*r)["C1.1"]["value"], "2");
}

TEST_F(OfflineWeb, BadWorkbooksAreRefusedWholeWithEveryProblemAtItsCell) {
  long long id = 0;
  auto r = NewRespondent("bad@gov.example", &id);
  const std::string book = Download(*r, "/offline", "xlsx");
  auto refused = [&](const std::string& bytes, const std::string& problem) {
    const HttpResponse h = Upload(*r, "/offline", bytes);
    EXPECT_EQ(h.status, 400) << problem;
    EXPECT_THAT(h.body, HasSubstr("Nothing was saved")) << problem;
    EXPECT_THAT(h.body, HasSubstr(problem));
  };
  refused(FillWorkbook(book, json::array({{{"sheet", kC}, {"cell", "C2"}, {"value", "Maybe"}},
                                          {{"sheet", kC}, {"cell", "C3"}, {"value", "Don't know"}},
                                          {{"sheet", kC}, {"cell", "A4"}, {"value", "Z9.9"}}})),
          "C Commitment!C2: &#39;Maybe&#39; is not an answer to C1.1");
  refused(FillWorkbook(book, json::array({{{"sheet", kC}, {"cell", "A4"}, {"value", "Z9.9"}}})),
          "C Commitment!A4: &#39;Z9.9&#39; is not a statement of this sheet");
  refused(FillWorkbook(book, json::array({{{"sheet", kC}, {"cell", "C5"}, {"value", "=A1"}}})),
          "C Commitment!C5: a formula is not accepted");
  // What the web form refuses in a comment or link, placed at its cell.
  refused(FillWorkbook(book, json::array({{{"sheet", kC}, {"cell", "C2"}, {"value", "Don't know"}},
                                          {{"sheet", kC}, {"cell", "E2"}, {"value", "no link"}}})),
          "C Commitment!E2:");
  refused(BrokenArchive("bomb"), "would expand to");
  refused(BrokenArchive("no-parts"), "is not an XLSX workbook");
  refused("not a zip at all", "it is not a ZIP archive");
  std::string big = book;
  big.resize(10 * 1024 * 1024 + 10, ' ');
  refused(big, "workbook: the file is larger than 10 MB");
  // Another respondent's workbook, and one of another round.
  auto other = NewRespondent("other@gov.example");
  refused(Download(*other, "/offline", "xlsx"),
          "meter!B3: this workbook belongs to another respondent");
  refused(Download(*world_->other_respondent, "/offline", "xlsx"),
          "meter!B2: this workbook belongs to another round");
  EXPECT_TRUE(Stored(*r).empty()) << "nothing saved from any of them";
}

TEST_F(OfflineWeb, TheCoordinatorAnswersForARespondentAtAWorkshopAndAClosedRoundRefuses) {
  World& w = *world_;
  long long id = 0;
  auto r = NewRespondent("workshop@gov.example", &id);
  const std::string base =
      "/rounds/" + std::to_string(w.round) + "/respondents/" + std::to_string(id) + "/offline";
  const HttpResponse page = w.coordinator->Get(base);
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("workshop@gov.example"));
  EXPECT_EQ(w.other_coordinator->Get(base).status, 403);
  EXPECT_EQ(r->Get(base).status, 403);
  const std::string pdf = Download(*w.coordinator, base, "pdf");
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string filled = FillWorkbook(
      Download(*w.coordinator, base, "xlsx"),
      json::array(
          {{{"sheet", kC}, {"cell", "C2"}, {"value", "Fully in place and regularly reviewed"}}}));
  const HttpResponse saved = Upload(*w.coordinator, base, filled);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Stored(*r)["C1.1"]["value"], "4");
  // Someone other than the respondent gave these answers: the audit log says who.
  const std::string audit = w.admin->Get("/admin/audit").body;
  EXPECT_THAT(audit, HasSubstr("round.offline_upload"));
  EXPECT_THAT(audit, HasSubstr("respondent " + std::to_string(id) + ", answers saved: 1"));
  // The respondent's own page links to the downloads; a closed round refuses the upload.
  EXPECT_THAT(r->Get("/q/1").body, HasSubstr("href=\"/offline\""));
  const std::string round = "/rounds/" + std::to_string(w.round);
  ASSERT_EQ(
      w.coordinator->PostForm(round + "/status", FormWithCsrf(*w.coordinator, "to=closed")).status,
      303);
  const HttpResponse closed = Upload(*r, "/offline", filled);
  EXPECT_EQ(closed.status, 409);
  EXPECT_THAT(closed.body, HasSubstr("the round is closed"));
  ASSERT_EQ(
      w.coordinator->PostForm(round + "/status", FormWithCsrf(*w.coordinator, "to=open")).status,
      303);
}

}  // namespace
}  // namespace meter::testing
