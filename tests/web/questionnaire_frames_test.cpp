// Questionnaire pages are served from frames shared by every respondent (web/templates.h): each
// respondent must still see exactly their own answers, comments, links, versions, name, progress
// and security token, in their language, for their own set of pages, with the round's state and
// with a conflict message when there is one.
#include <gmock/gmock.h>

#include <regex>

#include "web/http.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// What one statement's fieldset on a page shows.
struct Shown {
  std::vector<std::string> checked;  // codes of the checked options
  std::vector<std::string> codes;    // every option, in page order
  std::string version, comment, evidence;
};

std::string Between(const std::string& text, const std::string& open, const std::string& close,
                    size_t from = 0) {
  const size_t a = text.find(open, from);
  if (a == std::string::npos) return "";
  const size_t b = text.find(close, a + open.size());
  return b == std::string::npos ? "" : text.substr(a + open.size(), b - a - open.size());
}

// The statements of a questionnaire page, by ID, in page order.
std::vector<std::pair<std::string, Shown>> ShownOn(const std::string& page) {
  std::vector<std::pair<std::string, Shown>> out;
  size_t at = 0;
  while ((at = page.find("data-statement=\"", at)) != std::string::npos) {
    const std::string id = Between(page, "data-statement=\"", "\"", at);
    const std::string block = Between(page, "data-statement=\"" + id + "\"", "</fieldset>", at);
    Shown s;
    static const std::regex option(R"re(name="v:[^"]+" value="([^"]+)" (checked)?>)re");
    for (std::sregex_iterator it(block.begin(), block.end(), option), end; it != end; ++it) {
      s.codes.push_back((*it)[1]);
      if ((*it)[2].matched) s.checked.push_back((*it)[1]);
    }
    s.version = Between(block, "name=\"ver:" + id + "\" value=\"", "\"");
    const std::string textarea = Between(block, "<textarea", "</textarea>");
    s.comment = textarea.substr(textarea.find('>') + 1);
    s.evidence = Between(block, "name=\"e:" + id + "\" type=\"url\" value=\"", "\"");
    out.emplace_back(id, s);
    at += id.size();
  }
  return out;
}

class QuestionnaireFrames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  std::unique_ptr<HttpClient> Enter(const std::string& name, const json& pillars = nullptr) {
    json body = {{"name", name}, {"group", "Agencies"}};
    if (!pillars.is_null()) body["pillars"] = pillars;
    const HttpResponse invited = world_->coordinator->Send(
        "POST", "/api/rounds/" + std::to_string(world_->round) + "/respondents", body.dump(),
        "application/json", CsrfHeader(*world_->coordinator));
    EXPECT_EQ(invited.status, 201) << invited.body;
    const std::string link = json::parse(invited.body)["link"];
    auto client = world_->Client();
    EXPECT_EQ(client->Get(link.substr(link.find("/r/"))).status, 303);
    return client;
  }

  // Answers every statement of page 1, statement k with option k + shift of its scale, a comment
  // and a link that name the respondent; returns what the page must show for each.
  static std::map<std::string, Shown> AnswerFirstPage(HttpClient& c, const std::string& who,
                                                      size_t shift) {
    std::map<std::string, Shown> expected;
    size_t k = 0;
    for (const auto& [id, shown] : ShownOn(c.Get("/q/1").body)) {
      Shown e;
      const std::string code = shown.codes.at((k++ + shift) % shown.codes.size());
      e.checked = {code};
      e.comment = who + " on " + id + ": <b>\"law\" & 'decree'</b>";
      e.evidence = "https://example.org/" + who + "/" + id;
      const HttpResponse saved = c.Send("PUT", "/api/answers/" + id,
                                        json({{"value", code},
                                              {"comment", e.comment},
                                              {"evidence_url", e.evidence},
                                              {"version", 0}})
                                            .dump(),
                                        "application/json", CsrfHeader(c));
      EXPECT_EQ(saved.status, 200) << saved.body;
      e.version = "1";
      expected[id] = e;
    }
    return expected;
  }

  static void ExpectShows(const std::string& page, const std::map<std::string, Shown>& expected,
                          const std::string& who) {
    const auto shown = ShownOn(page);
    ASSERT_EQ(shown.size(), expected.size()) << who;
    for (const auto& [id, s] : shown) {
      const Shown& e = expected.at(id);
      EXPECT_EQ(s.checked, e.checked) << who << " " << id;
      EXPECT_EQ(s.version, e.version) << who << " " << id;
      EXPECT_EQ(s.comment, HtmlEscape(e.comment)) << who << " " << id;
      EXPECT_EQ(s.evidence, HtmlEscape(e.evidence)) << who << " " << id;
    }
  }

  static World* world_;
};
World* QuestionnaireFrames::world_ = nullptr;

TEST_F(QuestionnaireFrames, EachRespondentSeesOnlyTheirOwnValues) {
  auto ana = Enter("Ana <Ministry>");
  auto ben = Enter("Ben");
  auto fresh = Enter("Chen");
  const auto ana_answers = AnswerFirstPage(*ana, "ana", 0);
  const auto ben_answers = AnswerFirstPage(*ben, "ben", 3);
  ASSERT_GE(ana_answers.size(), 2u);
  std::map<std::string, Shown> none;
  for (const auto& [id, e] : ana_answers) none[id] = Shown{{}, {}, "0", "", ""};
  // Alternate, so that each page is filled from a frame another respondent's request made.
  for (int round = 0; round < 2; ++round) {
    const std::string a = ana->Get("/q/1").body, b = ben->Get("/q/1").body,
                      c = fresh->Get("/q/1").body;
    ExpectShows(a, ana_answers, "ana");
    ExpectShows(b, ben_answers, "ben");
    ExpectShows(c, none, "chen");
    EXPECT_THAT(a, HasSubstr("Ana &lt;Ministry&gt;"));
    EXPECT_THAT(a, Not(HasSubstr(">Ben<")));
    EXPECT_THAT(b, HasSubstr(">Ben<"));
    EXPECT_THAT(a, HasSubstr("<meta name=\"csrf-token\" content=\"" + ana->csrf + "\">"));
    EXPECT_THAT(b, HasSubstr("name=\"csrf\" value=\"" + ben->csrf + "\""));
    EXPECT_NE(ana->csrf, ben->csrf);
    EXPECT_THAT(a, HasSubstr("</strong> · " + std::to_string(ana_answers.size()) + " of "));
    EXPECT_THAT(c, HasSubstr("</strong> · 0 of "));
  }
}

TEST_F(QuestionnaireFrames, FollowTheLanguageThePagesAndTheRoundState) {
  auto ana = Enter("Ana");
  auto tech = Enter("Tess", json::array({"T"}));
  const auto answers = AnswerFirstPage(*ana, "ana", 1);
  const std::string english = ana->Get("/q/1").body;
  ana->cookies()["meter_lang"] = "fr";
  const std::string french = ana->Get("/q/1").body;
  EXPECT_THAT(french, HasSubstr("<html lang=\"fr\""));
  EXPECT_NE(english.substr(english.find("<main")), french.substr(french.find("<main")));
  ExpectShows(french, answers, "ana in French");
  // A respondent limited to the Technology pillar has fewer pages, starting with Technology's.
  const std::string t = tech->Get("/q/1").body;
  EXPECT_THAT(t, HasSubstr("data-statement=\"T"));
  EXPECT_THAT(t, Not(HasSubstr("data-statement=\"C")));
  EXPECT_NE(Between(t, "meter-counter\"><strong>", "</strong>"),
            Between(english, "meter-counter\"><strong>", "</strong>"));
  // Closing the round disables the page; reopening enables it again.
  HttpClient& coordinator = *world_->coordinator;
  const std::string status = "/rounds/" + std::to_string(world_->round) + "/status";
  ASSERT_EQ(coordinator.PostForm(status, FormWithCsrf(coordinator, "to=closed")).status, 303);
  const std::string closed = ana->Get("/q/1").body;
  ASSERT_EQ(coordinator.PostForm(status, FormWithCsrf(coordinator, "to=open")).status, 303);
  const std::string reopened = ana->Get("/q/1").body;
  EXPECT_THAT(closed, HasSubstr("data-autosave=\"\""));
  EXPECT_THAT(closed, HasSubstr("disabled>"));
  ExpectShows(closed, answers, "ana, closed");
  EXPECT_THAT(reopened, HasSubstr("data-autosave=\"on\""));
  EXPECT_THAT(reopened, Not(HasSubstr("disabled>")));
}

TEST_F(QuestionnaireFrames, AConflictShowsItsMessageWithTheStoredAnswers) {
  auto ana = Enter("Ana, in the conflict test");
  const auto answers = AnswerFirstPage(*ana, "ana", 2);
  const std::string id = answers.begin()->first;
  // The whole page posted as it was before the answers were given to the first statement: the
  // first answer changes from a stale version, the others are as stored.
  std::string fields = "go=stay";
  for (const auto& [sid, e] : answers) {
    const bool first = sid == id;
    const std::string value = first ? (e.checked[0] == "DK" ? "NA" : "DK") : e.checked[0];
    fields += "&v%3A" + sid + "=" + value + "&c%3A" + sid + "=" + FormEncode(e.comment) + "&e%3A" +
              sid + "=" + FormEncode(e.evidence) + "&ver%3A" + sid + (first ? "=0" : "=1");
  }
  const HttpResponse stale = ana->PostForm("/q/1", FormWithCsrf(*ana, fields));
  EXPECT_EQ(stale.status, 409);
  EXPECT_THAT(stale.body, HasSubstr("role=\"alert\""));
  EXPECT_THAT(stale.body, HasSubstr("changed elsewhere"));
  ExpectShows(stale.body, answers, "ana after a conflict");
  EXPECT_THAT(ana->Get("/q/1").body, Not(HasSubstr("role=\"alert\"")));
}

}  // namespace
}  // namespace meter::testing
