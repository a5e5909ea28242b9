// A questionnaire page saved without JavaScript (issue 11): a page with one bad evidence link or
// one answer changed elsewhere saves everything else, comes back with what was typed and each
// message beside its field (never the generic error page); a save says "Saved" once (Post/
// Redirect/Get); "Finish" leads to a review of what is left; the autosave's answer carries the new
// progress.
#include <gmock/gmock.h>

#include "web/http.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class QuestionnaireErrors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  std::unique_ptr<HttpClient> NewRespondent(const std::string& name) {
    auto [link, id] = world_->Invite(*world_->coordinator, world_->round, name, "Agencies");
    auto client = world_->Client();
    EXPECT_EQ(client->Get(link).status, 303);
    client->Get("/q/1");
    return client;
  }
  static json Answers(HttpClient& c) { return json::parse(c.Get("/api/answers").body)["answers"]; }
  static json AnswerTo(HttpClient& c, const std::string& statement) {
    for (const json& a : Answers(c)) {
      if (a["statement"] == statement) return a;
    }
    return nullptr;
  }
  // The fields of one statement of a page form.
  static std::string Fields(const std::string& id, const std::string& value,
                            const std::string& comment, const std::string& evidence,
                            const std::string& version) {
    return "&v%3A" + id + "=" + value + "&c%3A" + id + "=" + FormEncode(comment) + "&e%3A" + id +
           "=" + FormEncode(evidence) + "&ver%3A" + id + "=" + version;
  }
  // The markup of one statement's fieldset on a page.
  static std::string FieldsetOf(const std::string& page, const std::string& id) {
    const size_t at = page.find("data-statement=\"" + id + "\"");
    if (at == std::string::npos) return "";
    const size_t from = page.rfind("<fieldset", at);
    return page.substr(from, page.find("</fieldset>", at) - from);
  }

  static World* world_;
};
World* QuestionnaireErrors::world_ = nullptr;

TEST_F(QuestionnaireErrors, ABadEvidenceLinkKeepsThePageAndSavesTheRest) {
  auto r = NewRespondent("bad link");
  const std::string fields = "go=next" + Fields("C1.1", "2", "first comment", "", "0") +
                             Fields("C1.2", "DK", "second <comment>", "not a link", "0") +
                             Fields("C1.3", "1", "third comment", "https://example.org/3", "0") +
                             Fields("C1.4", "", "fourth comment", "", "0");
  const HttpResponse page = r->PostForm("/q/1", FormWithCsrf(*r, fields));
  EXPECT_EQ(page.status, 400);
  EXPECT_THAT(page.body, Not(HasSubstr("Something is not right")));
  EXPECT_THAT(page.body, HasSubstr("<title>Error: "));
  // The valid answers are stored; the refused one is not.
  EXPECT_EQ(AnswerTo(*r, "C1.1")["comment"], "first comment");
  EXPECT_EQ(AnswerTo(*r, "C1.3")["evidence_url"], "https://example.org/3");
  EXPECT_EQ(AnswerTo(*r, "C1.4")["comment"], "fourth comment");
  EXPECT_TRUE(AnswerTo(*r, "C1.2").is_null());
  // Everything typed comes back, the refused values too; the message stands by its field.
  const std::string c12 = FieldsetOf(page.body, "C1.2");
  EXPECT_THAT(c12, HasSubstr("value=\"DK\" checked"));
  EXPECT_THAT(c12, HasSubstr(">second &lt;comment&gt;</textarea>"));
  EXPECT_THAT(c12, HasSubstr("<details class=\"meter-more\" open>"));
  EXPECT_THAT(c12, HasSubstr("<div class=\"meter-field usa-form-group--error\">"));
  EXPECT_THAT(c12, HasSubstr("<span class=\"usa-error-message\" id=\"err-e-C1.2\">the evidence "
                             "link must be a web address"));
  EXPECT_THAT(c12, HasSubstr("name=\"e:C1.2\" type=\"url\" value=\"not a link\" maxlength=\"2000\" "
                             "aria-invalid=\"true\" aria-describedby=\"err-e-C1.2\">"));
  EXPECT_THAT(FieldsetOf(page.body, "C1.1"), HasSubstr("value=\"2\" checked"));
  EXPECT_THAT(FieldsetOf(page.body, "C1.1"), Not(HasSubstr("usa-form-group--error")));
  EXPECT_THAT(FieldsetOf(page.body, "C1.4"), HasSubstr(">fourth comment</textarea>"));
  // The summary at the top links to the field.
  EXPECT_THAT(page.body, HasSubstr("role=\"alert\""));
  EXPECT_THAT(page.body, HasSubstr("<a href=\"#e-C1.2\">C1.2: the evidence link must be"));
  EXPECT_THAT(page.body, HasSubstr("· 2 of "));  // the progress counts the saved answers
  // Corrected, the page saves and moves on.
  const std::string corrected =
      "go=next" + Fields("C1.1", "2", "first comment", "", "1") +
      Fields("C1.2", "DK", "second <comment>", "https://example.org/2", "0") +
      Fields("C1.3", "1", "third comment", "https://example.org/3", "1") +
      Fields("C1.4", "", "fourth comment", "", "1");
  const HttpResponse fixed = r->PostForm("/q/1", FormWithCsrf(*r, corrected));
  EXPECT_EQ(fixed.status, 303);
  EXPECT_EQ(fixed.Header("location"), "/q/2");
  EXPECT_EQ(AnswerTo(*r, "C1.2")["evidence_url"], "https://example.org/2");
}

TEST_F(QuestionnaireErrors, AStaleVersionSavesTheRestAndShowsStoredBesideSent) {
  auto r = NewRespondent("two tabs");
  // Another tab saved C1.1 after this page was opened.
  ASSERT_EQ(
      r->Send("PUT", "/api/answers/C1.1",
              json({{"value", "3"}, {"comment", "from the other tab"}, {"version", 0}}).dump(),
              "application/json", CsrfHeader(*r))
          .status,
      200);
  std::string fields = "go=stay" + Fields("C1.1", "1", "typed here", "", "0");
  for (const char* id : {"C1.2", "C1.3", "C1.4", "C1.5"})
    fields += Fields(id, "", std::string("comment on ") + id, "", "0");
  const HttpResponse page = r->PostForm("/q/1", FormWithCsrf(*r, fields));
  EXPECT_EQ(page.status, 409);
  EXPECT_THAT(page.body, Not(HasSubstr("Something is not right")));
  for (const char* id : {"C1.2", "C1.3", "C1.4", "C1.5"})
    EXPECT_EQ(AnswerTo(*r, id)["comment"], std::string("comment on ") + id) << id;
  EXPECT_EQ(AnswerTo(*r, "C1.1")["comment"], "from the other tab");
  // The fields show what is stored now, at its version; what was sent is shown beside it.
  const std::string c11 = FieldsetOf(page.body, "C1.1");
  EXPECT_THAT(c11, HasSubstr("usa-form-group--error"));
  EXPECT_THAT(c11, HasSubstr("aria-describedby=\"err-v-C1.1 sent-C1.1\""));
  EXPECT_THAT(c11, HasSubstr("id=\"err-v-C1.1\">this answer was changed elsewhere"));
  EXPECT_THAT(c11, HasSubstr("value=\"3\" checked"));
  EXPECT_THAT(c11, HasSubstr(">from the other tab</textarea>"));
  EXPECT_THAT(c11, HasSubstr("name=\"ver:C1.1\" value=\"1\""));
  EXPECT_THAT(c11, HasSubstr("<dd>Planned or being prepared</dd>"));
  EXPECT_THAT(c11, HasSubstr("name=\"sent-c:C1.1\" value=\"typed here\""));
  EXPECT_THAT(c11, HasSubstr("name=\"use-sent:C1.1\""));
  EXPECT_THAT(FieldsetOf(page.body, "C1.3"), HasSubstr(">comment on C1.3</textarea>"));
  EXPECT_THAT(page.body, HasSubstr("<a href=\"#s-C1.1\">C1.1: this answer was changed"));
  // Choosing what was sent replaces the stored answer.
  std::string again = "go=stay" + Fields("C1.1", "3", "from the other tab", "", "1") +
                      "&use-sent%3AC1.1=1&sent-v%3AC1.1=1&sent-c%3AC1.1=typed+here&sent-e%3AC1.1=";
  for (const char* id : {"C1.2", "C1.3", "C1.4", "C1.5"})
    again += Fields(id, "", std::string("comment on ") + id, "", "1");
  const HttpResponse chosen = r->PostForm("/q/1", FormWithCsrf(*r, again));
  EXPECT_EQ(chosen.status, 303);
  EXPECT_EQ(AnswerTo(*r, "C1.1")["value"], "1");
  EXPECT_EQ(AnswerTo(*r, "C1.1")["comment"], "typed here");
}

TEST_F(QuestionnaireErrors, ASaveSaysSavedOnceAndFinishLeadsToTheReview) {
  auto r = NewRespondent("finisher");
  const HttpResponse saved =
      r->PostForm("/q/1", FormWithCsrf(*r, "go=stay" + Fields("C1.1", "DK", "", "", "0")));
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.Header("location"), "/q/1");
  const std::string after = r->Get("/q/1").body;
  EXPECT_THAT(after, HasSubstr("Saved. Your answers on this page are stored."));
  EXPECT_THAT(r->Get("/q/1").body, Not(HasSubstr("Saved. Your answers")));  // once only
  EXPECT_THAT(after, HasSubstr("id=\"s-C1.2\" data-statement=\"C1.2\""));
  // "Finish" on the last page leads to the review: what is unanswered, and "don't know".
  const HttpResponse put =
      r->Send("PUT", "/api/answers/C1.2", json({{"value", "2"}, {"version", 0}}).dump(),
              "application/json", CsrfHeader(*r));
  ASSERT_EQ(put.status, 200);
  const size_t total = json::parse(put.body)["progress"]["total"];
  const size_t of = after.find("Page 1 of ", after.find("meter-counter"));
  ASSERT_NE(of, std::string::npos);
  const std::string last = after.substr(of + 10, after.find('<', of) - of - 10);
  const HttpResponse finish = r->PostForm("/q/" + last, FormWithCsrf(*r, "go=next"));
  EXPECT_EQ(finish.status, 303);
  EXPECT_EQ(finish.Header("location"), "/review");
  const std::string review = r->Get("/review").body;
  const size_t dont_know = review.find("Answered &quot;Don&#39;t know&quot;");
  ASSERT_NE(dont_know, std::string::npos) << review;
  EXPECT_THAT(review.substr(0, dont_know), HasSubstr("<a href=\"/q/1#s-C1.3\">"));
  EXPECT_THAT(review.substr(0, dont_know), Not(HasSubstr("#s-C1.2\"")));  // answered
  EXPECT_THAT(review.substr(0, dont_know), Not(HasSubstr("#s-C1.1\"")));  // "don't know"
  EXPECT_THAT(review.substr(dont_know), HasSubstr("<a href=\"/q/1#s-C1.1\">"));
  EXPECT_THAT(review, HasSubstr("href=\"/done\""));
  const HttpResponse done = r->Get("/done");
  EXPECT_THAT(done.body, HasSubstr("2 of " + std::to_string(total) + " statements answered"));
  EXPECT_THAT(done.body,
              HasSubstr(std::to_string(total - 2) + " statements still have no answer."));
}

TEST_F(QuestionnaireErrors, AnAutosaveAnswersWithTheNewProgress) {
  auto r = NewRespondent("counter");
  auto put = [&](const json& body) {
    const HttpResponse res =
        r->Send("PUT", "/api/answers/C1.1", body.dump(), "application/json", CsrfHeader(*r));
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body)["progress"];
  };
  const json first = put({{"value", "2"}, {"version", 0}});
  EXPECT_EQ(first["answered"], 1);
  EXPECT_GT(first["total"].get<int>(), 1);
  EXPECT_EQ(put({{"value", ""}, {"comment", "only a comment"}, {"version", 1}})["answered"], 0);
}

}  // namespace
}  // namespace meter::testing
