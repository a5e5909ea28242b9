// Issue 11 over real HTTP: every JSON field of the wrong type, missing or unknown is refused (400
// naming it) with nothing written, table-driven over the API's write routes; text with NUL or
// another control character is refused in every JSON string, form field and query string (lines
// only where a field has several); a form that edits a versioned thing must carry its version;
// and the caps of core/limits.h hold on the web and the API alike.
#include <gmock/gmock.h>

#include <functional>

#include "core/limits.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class InputRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  static HttpResponse Json(HttpClient& c, const std::string& method, const std::string& path,
                           const json& body) {
    return c.Send(method, path, body.dump(), "application/json", CsrfHeader(c));
  }
  static size_t Rounds() { return json::parse(world_->admin->Get("/api/rounds").body).size(); }
  static size_t Respondents() {
    return json::parse(world_->coordinator
                           ->Get("/api/rounds/" + std::to_string(world_->round) + "/respondents")
                           .body)
        .size();
  }
  static json Answers(HttpClient& c) { return json::parse(c.Get("/api/answers").body)["answers"]; }
  // A new respondent of the Armenian round, signed in.
  static std::unique_ptr<HttpClient> NewRespondent(const std::string& name) {
    auto [link, id] = world_->Invite(*world_->coordinator, world_->round, name, "Agencies");
    auto client = world_->Client();
    EXPECT_EQ(client->Get(link).status, 303);
    client->Get("/q/1");
    return client;
  }
  static std::string RoundsPath() { return "/api/rounds/" + std::to_string(world_->round); }

  static World* world_;
};
World* InputRules::world_ = nullptr;

// A change to a valid body: `path` names the field ("groups/0/weight"), `value` replaces it, or
// removes it when it is discarded.
struct Change {
  std::string path;
  json value;
  std::string field;  // what the message must name
};

const json kRemove = json::value_t::discarded;

json Changed(json body, const Change& c) {
  const json::json_pointer at("/" + c.path);
  if (c.value.is_discarded()) {
    body[at.parent_pointer()].erase(at.back());
  } else {
    body[at] = c.value;
  }
  return body;
}

// One JSON write route: a valid body, the changes that must each be refused, and how many things
// it has written (which a refusal must not change).
struct JsonRoute {
  std::string method, path;
  std::function<HttpClient&()> caller;
  json valid;
  std::vector<Change> changes;
  std::function<size_t()> written;
};

TEST_F(InputRules, EveryWronglyTypedMissingOrUnknownJsonFieldIsRefusedByNameWithNothingWritten) {
  auto respondent = NewRespondent("typed");
  HttpClient* r = respondent.get();
  const std::vector<JsonRoute> routes = {
      {"POST",
       "/api/rounds",
       []() -> HttpClient& { return *world_->coordinator; },
       {{"country", "ARM"},
        {"title", "Typed"},
        {"year", 2027},
        {"instrument", {{"id", "meter"}, {"version", "2.0"}}},
        {"groups", {{{"name", "A"}, {"weight", 1}}}}},
       {{"country", 3, "country"},
        {"country", nullptr, "country"},
        {"country", kRemove, "country"},
        {"title", json::array({"T"}), "title"},
        {"title", json::object(), "title"},
        {"title", kRemove, "title"},
        {"year", "2027", "year"},
        {"year", 2027.5, "year"},
        {"year", nullptr, "year"},
        {"year", kRemove, "year"},
        {"instrument", "meter 2.0", "instrument"},
        {"instrument", kRemove, "instrument"},
        {"instrument/id", 1, "instrument.id"},
        {"instrument/version", 2.0, "instrument.version"},
        {"instrument/version", kRemove, "instrument.version"},
        {"instrument/extra", true, "instrument.extra"},
        {"groups", json::object(), "groups"},
        {"groups", nullptr, "groups"},
        {"groups/0", "A", "groups[0]"},
        {"groups/0/name", 1, "groups[0].name"},
        {"groups/0/weight", "1", "groups[0].weight"},
        {"groups/0/weight", nullptr, "groups[0].weight"},
        {"groups/0/weight", kRemove, "groups[0].weight"},
        {"groups/0/colour", "red", "groups[0].colour"},
        {"titel", "Typo", "titel"}},
       Rounds},
      {"POST",
       RoundsPath() + "/respondents",
       []() -> HttpClient& { return *world_->coordinator; },
       {{"name", "Typed invitee"}, {"group", "Agencies"}, {"pillars", {"C", "L"}}},
       {{"name", 1, "name"},
        {"name", kRemove, "name"},
        {"group", json::array(), "group"},
        {"group", kRemove, "group"},
        {"pillars", "C", "pillars"},
        {"pillars", json::object(), "pillars"},
        {"pillars/1", 2, "pillars[1]"},
        {"pillars/0", nullptr, "pillars[0]"},
        {"email", 7, "email"},
        {"phone", "+1 555", "phone"}},
       Respondents},
      {"PUT",
       "/api/answers/C1.1",
       [r]() -> HttpClient& { return *r; },
       {{"value", "3"}, {"comment", "c"}, {"evidence_url", "https://example.org"}, {"version", 0}},
       {{"value", 3, "value"},  // the example: it stored an empty answer with 200
        {"value", nullptr, "value"},
        {"value", kRemove, "value"},
        {"value", json::array({"3"}), "value"},
        {"comment", 5, "comment"},
        {"comment", json::object(), "comment"},
        {"evidence_url", false, "evidence_url"},
        {"version", "0", "version"},
        {"version", 0.5, "version"},
        {"version", nullptr, "version"},
        {"version", kRemove, "version"},
        {"version", -1, "version"},
        {"statement", "C1.2", "statement"},
        {"valeu", "3", "valeu"}},
       [r] { return Answers(*r).size(); }},
  };
  for (const JsonRoute& route : routes) {
    const size_t before = route.written();
    for (const Change& change : route.changes) {
      const json body = Changed(route.valid, change);
      const HttpResponse refused = Json(route.caller(), route.method, route.path, body);
      EXPECT_EQ(refused.status, 400) << route.path << " " << body.dump() << ": " << refused.body;
      const json error = json::parse(refused.body, nullptr, false);
      ASSERT_TRUE(error.is_object()) << refused.body;
      EXPECT_EQ(error["error"], "invalid_input");
      EXPECT_THAT(error["message"].get<std::string>(), HasSubstr(change.field + ": "))
          << route.path << " " << body.dump();
      EXPECT_EQ(route.written(), before) << route.path << " wrote for " << body.dump();
    }
    // The valid body itself is taken: the refusals above were for the change alone.
    const HttpResponse taken = Json(route.caller(), route.method, route.path, route.valid);
    EXPECT_LT(taken.status, 300) << route.path << ": " << taken.body;
    EXPECT_EQ(route.written(), before + 1) << route.path;
  }
}

TEST_F(InputRules, ControlCharactersInJsonTextsAreRefusedAndLinesOnlyWhereAFieldHasThem) {
  auto r = NewRespondent("control");
  const std::string nul("before\0after", 12);
  struct Bad {
    std::string field;
    json body;
  };
  for (const Bad& bad : std::vector<Bad>{
           {"comment", {{"value", "3"}, {"comment", nul}, {"version", 0}}},
           {"comment", {{"value", "3"}, {"comment", "bell\x07"}, {"version", 0}}},
           {"comment", {{"value", "3"}, {"comment", "lone\rreturn"}, {"version", 0}}},
           {"comment", {{"value", "3"}, {"comment", "delete\x7F"}, {"version", 0}}},
           {"value", {{"value", "3" + std::string(1, '\0')}, {"version", 0}}},
           {"evidence_url", {{"value", "3"}, {"evidence_url", "https://a.org/\n"}, {"version", 0}}},
       }) {
    const HttpResponse refused = Json(*r, "PUT", "/api/answers/C1.1", bad.body);
    EXPECT_EQ(refused.status, 400) << bad.body.dump();
    EXPECT_THAT(refused.body, HasSubstr(bad.field + ": ")) << refused.body;
    EXPECT_TRUE(Answers(*r).empty()) << "nothing written for " << bad.body.dump();
  }
  const std::string lines = "first line\r\nsecond\tline\nthird";
  const HttpResponse saved =
      Json(*r, "PUT", "/api/answers/C1.1", {{"value", "3"}, {"comment", lines}, {"version", 0}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Answers(*r)[0]["comment"], lines);

  HttpClient& c = *world_->coordinator;
  const size_t rounds = Rounds();
  for (const auto& [field, body] : std::vector<std::pair<std::string, json>>{
           {"title",
            {{"country", "ARM"},
             {"title", "two\nlines"},
             {"year", 2027},
             {"instrument", {{"id", "meter"}, {"version", "2.0"}}}}},
           {"title",
            {{"country", "ARM"},
             {"title", nul},
             {"year", 2027},
             {"instrument", {{"id", "meter"}, {"version", "2.0"}}}}},
           {"groups[0].name",
            {{"country", "ARM"},
             {"title", "T"},
             {"year", 2027},
             {"instrument", {{"id", "meter"}, {"version", "2.0"}}},
             {"groups", {{{"name", "tab\there"}, {"weight", 1}}}}}}}) {
    const HttpResponse refused = Json(c, "POST", "/api/rounds", body);
    EXPECT_EQ(refused.status, 400) << body.dump();
    EXPECT_THAT(refused.body, HasSubstr(field + ": ")) << refused.body;
  }
  EXPECT_EQ(Rounds(), rounds);
  const size_t respondents = Respondents();
  const HttpResponse name =
      Json(c, "POST", RoundsPath() + "/respondents", {{"name", nul}, {"group", "Agencies"}});
  EXPECT_EQ(name.status, 400);
  EXPECT_THAT(name.body, HasSubstr("name: the text contains a control character (code 0)"));
  EXPECT_EQ(Respondents(), respondents);
}

TEST_F(InputRules, ControlCharactersInFormsAndQueryStringsAreRefusedNamingTheField) {
  HttpClient& c = *world_->coordinator;
  c.Get("/rounds");
  const size_t rounds = Rounds();
  const std::string round =
      "country=ARM&year=2027&instrument=meter+2.0&group_name=A&group_weight=1&title=";
  for (const auto& [title, message] : std::vector<std::pair<std::string, std::string>>{
           {"before%00after", "title: the text contains a control character (code 0)"},
           {"two%0Alines", "title: this field must be a single line"},
           {"two%0D%0Alines", "title: this field must be a single line"},
           {"tab%09here", "title: the text contains a control character (code 9)"},
           {"esc%1B", "title: the text contains a control character (code 27)"}}) {
    const HttpResponse refused = c.PostForm("/rounds", FormWithCsrf(c, round + title));
    EXPECT_EQ(refused.status, 400) << title;
    EXPECT_THAT(refused.body, HasSubstr(message)) << title;
  }
  EXPECT_EQ(Rounds(), rounds);

  // A questionnaire comment has lines; not a NUL.
  auto r = NewRespondent("form control");
  const std::string page = r->Get("/q/1").body;
  ASSERT_THAT(page, HasSubstr("name=\"ver:C1.1\""));
  // A control character in a comment is refused beside its field; the rest of the page is saved
  // and comes back as typed (not the generic error page, which would lose the page).
  const HttpResponse nul = r->PostForm(
      "/q/1", FormWithCsrf(*r,
                           "v%3AC1.1=3&ver%3AC1.1=0&c%3AC1.1=before%00after&v%3AC1.2=2&ver%"
                           "3AC1.2=0&c%3AC1.2=kept+comment&v%3AC1.3=1&ver%3AC1.3=0&c%3AC1.3="
                           "vertical%0Btab"));
  EXPECT_EQ(nul.status, 400);
  EXPECT_THAT(nul.body, HasSubstr("the text contains a control character (code 0)"));
  EXPECT_THAT(nul.body, HasSubstr("the text contains a control character (code 11)"));
  EXPECT_THAT(nul.body, HasSubstr("usa-form-group--error"));
  ASSERT_EQ(Answers(*r).size(), 1u) << "the valid answer of the page is saved";
  EXPECT_EQ(Answers(*r)[0]["statement"], "C1.2");
  EXPECT_EQ(Answers(*r)[0]["comment"], "kept comment");
  // The copy of a comment that a conflict page carries back keeps its line breaks.
  r = NewRespondent("form control, lines");
  r->Get("/q/1");
  const HttpResponse carried =
      r->PostForm("/q/1", FormWithCsrf(*r, "v%3AC1.4=3&ver%3AC1.4=0&sent-c%3AC1.1=one%0D%0Atwo"));
  EXPECT_EQ(carried.status, 303) << carried.body.substr(0, 2000);
  r = NewRespondent("form control, lines 2");
  r->Get("/q/1");
  const HttpResponse lines = r->PostForm(
      "/q/1", FormWithCsrf(*r, "v%3AC1.1=3&ver%3AC1.1=0&c%3AC1.1=one%0D%0Atwo%09three"));
  EXPECT_EQ(lines.status, 303) << lines.body.substr(0, 2000);
  ASSERT_EQ(Answers(*r).size(), 1u);
  EXPECT_EQ(Answers(*r)[0]["comment"], "one\r\ntwo\tthree");

  const HttpResponse query = world_->anonymous->Get("/knowledge?q=a%00b");
  EXPECT_EQ(query.status, 400);
  EXPECT_THAT(query.body, HasSubstr("q: the text contains a control character (code 0)"));
  const HttpResponse query_line = world_->anonymous->Get("/knowledge?q=a%0Ab");
  EXPECT_EQ(query_line.status, 400);
  EXPECT_THAT(query_line.body, HasSubstr("q: this field must be a single line"));

  std::string many;
  for (size_t i = 0; i <= kMaxFormFields; ++i) many += "&f" + std::to_string(i) + "=x";
  const HttpResponse crowded = c.PostForm("/rounds", FormWithCsrf(c, round + "T" + many));
  EXPECT_EQ(crowded.status, 400);
  EXPECT_THAT(crowded.body, HasSubstr("the form has more than 1000 fields"));
  EXPECT_EQ(Rounds(), rounds);
}

TEST_F(InputRules, AFormThatEditsAVersionedThingMustCarryItsVersion) {
  HttpClient& e = *world_->expert;
  e.Get("/knowledge/new");
  const std::string fields =
      "kind=lesson&title_en=Versioned&pillars=T&subareas=T1&sources=A+source&summary_en=S.&body=B";
  const HttpResponse created = e.PostForm("/knowledge/new", FormWithCsrf(e, fields));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string entry = created.Header("location");
  e.Get(entry + "/edit");
  const std::string changed =
      "kind=lesson&title_en=Overwritten&pillars=T&subareas=T1&sources=A+source&summary_en=S.&"
      "body=B";
  for (const std::string version :
       {"", "&version=", "&version=1a", "&version=-1", "&version=%201"}) {
    const HttpResponse refused = e.PostForm(entry + "/edit", FormWithCsrf(e, changed + version));
    EXPECT_EQ(refused.status, 400) << version;
    EXPECT_THAT(refused.body, HasSubstr("the form does not say which version it changes"))
        << version;
    EXPECT_THAT(refused.body, HasSubstr("value=\"Overwritten\"")) << "the form comes back as typed";
    EXPECT_THAT(e.Get(entry).body, HasSubstr("Versioned")) << "nothing written for " << version;
  }
  const HttpResponse edited = e.PostForm(entry + "/edit", FormWithCsrf(e, changed + "&version=1"));
  EXPECT_EQ(edited.status, 303) << edited.body.substr(0, 2000);
  EXPECT_THAT(e.Get(entry).body, HasSubstr("Overwritten"));

  // The questionnaire carries a version per statement.
  auto r = NewRespondent("versionless");
  r->Get("/q/1");
  for (const std::string version : {"", "&ver%3AC1.1=", "&ver%3AC1.1=x"}) {
    const HttpResponse refused = r->PostForm("/q/1", FormWithCsrf(*r, "v%3AC1.1=3" + version));
    EXPECT_EQ(refused.status, 400) << version;
    // The page comes back with the message beside the statement (the questionnaire's own error
    // pattern), not the generic error page.
    EXPECT_THAT(refused.body, HasSubstr("the form does not say which version it changes"));
    EXPECT_THAT(refused.body, HasSubstr("usa-form-group--error"));
    EXPECT_TRUE(Answers(*r).empty());
  }
}

TEST_F(InputRules, TheCapsHoldOnTheApiAndTheForms) {
  HttpClient& c = *world_->coordinator;
  c.Get("/rounds");
  const size_t rounds = Rounds();
  auto round_with = [](size_t groups, const std::string& title) {
    json list = json::array();
    for (size_t i = 0; i < groups; ++i)
      list.push_back({{"name", "G" + std::to_string(i)}, {"weight", 1}});
    return json{{"country", "ARM"},
                {"title", title},
                {"year", 2027},
                {"instrument", {{"id", "meter"}, {"version", "2.0"}}},
                {"groups", list}};
  };
  const HttpResponse many = Json(c, "POST", "/api/rounds", round_with(kMaxGroupsPerRound + 1, "T"));
  EXPECT_EQ(many.status, 400);
  EXPECT_THAT(many.body, HasSubstr("groups: a round may have at most 20 groups"));
  std::string form = "country=ARM&year=2027&instrument=meter+2.0&title=T";
  for (size_t i = 0; i <= kMaxGroupsPerRound; ++i)
    form += "&group_name=G" + std::to_string(i) + "&group_weight=1";
  const HttpResponse many_form = c.PostForm("/rounds", FormWithCsrf(c, form));
  EXPECT_EQ(many_form.status, 400);
  EXPECT_THAT(many_form.body, HasSubstr("at most 20 groups"));
  const HttpResponse long_title =
      Json(c, "POST", "/api/rounds", round_with(1, std::string(kMaxRoundTitleLength + 1, 'x')));
  EXPECT_EQ(long_title.status, 400);
  EXPECT_THAT(long_title.body, HasSubstr("title: "));
  EXPECT_EQ(Rounds(), rounds);
  // Characters, not bytes: 200 two-byte letters are a title of 200 characters.
  std::string accented;
  for (size_t i = 0; i < kMaxRoundTitleLength; ++i) accented += "é";
  EXPECT_EQ(Json(c, "POST", "/api/rounds", round_with(kMaxGroupsPerRound, accented)).status, 201);

  const size_t respondents = Respondents();
  const HttpResponse pillars =
      Json(c, "POST", RoundsPath() + "/respondents",
           {{"name", "P"},
            {"group", "Agencies"},
            {"pillars", {"C", "L", "P", "O", "T", "C", "L", "P", "O", "T", "C", "L", "P"}}});
  EXPECT_EQ(pillars.status, 400);
  EXPECT_THAT(pillars.body, HasSubstr("pillars: choose at most 12 pillars"));
  const HttpResponse twice = Json(c, "POST", RoundsPath() + "/respondents",
                                  {{"name", "P"}, {"group", "Agencies"}, {"pillars", {"C", "C"}}});
  EXPECT_EQ(twice.status, 400);
  EXPECT_THAT(twice.body, HasSubstr("pillar 'C' is chosen twice"));
  const HttpResponse name =
      Json(c, "POST", RoundsPath() + "/respondents",
           {{"name", std::string(kMaxRespondentNameLength + 1, 'n')}, {"group", "Agencies"}});
  EXPECT_EQ(name.status, 400);
  EXPECT_THAT(name.body, HasSubstr("name: "));
  EXPECT_EQ(Respondents(), respondents);

  auto r = NewRespondent("capped");
  std::string comment;
  for (size_t i = 0; i < kMaxCommentLength; ++i) comment += "é";
  const HttpResponse long_comment = Json(
      *r, "PUT", "/api/answers/C1.1", {{"value", "3"}, {"comment", comment + "é"}, {"version", 0}});
  EXPECT_EQ(long_comment.status, 400);
  EXPECT_THAT(long_comment.body, HasSubstr("the comment is longer than 4000 characters"));
  const HttpResponse long_link =
      Json(*r, "PUT", "/api/answers/C1.1",
           {{"value", "3"},
            {"evidence_url", "https://example.org/" + std::string(kMaxEvidenceLinkLength, 'a')},
            {"version", 0}});
  EXPECT_EQ(long_link.status, 400);
  EXPECT_TRUE(Answers(*r).empty());
  EXPECT_EQ(
      Json(*r, "PUT", "/api/answers/C1.1", {{"value", "3"}, {"comment", comment}, {"version", 0}})
          .status,
      200)
      << "4000 two-byte letters are 4000 characters";

  HttpClient& e = *world_->expert;
  e.Get("/knowledge/new");
  const HttpResponse long_entry = e.PostForm(
      "/knowledge/new",
      FormWithCsrf(e, "kind=lesson&title_fr=" + std::string(kMaxKnowledgeTitleLength + 1, 't') +
                          "&title_en=T&pillars=T&subareas=T1&sources=S&summary_en=S.&"
                          "summary_fr=S.&body=B"));
  EXPECT_EQ(long_entry.status, 400);
  EXPECT_THAT(long_entry.body, HasSubstr("the text is longer than 200 characters"));
}

}  // namespace
}  // namespace meter::testing
