// Stored and reflected cross-site scripting, over real HTTP. Script, a tag that breaks out of an
// attribute, a javascript: link and template syntax are planted in everything a person can type
// that METER shows again: a respondent's comment and evidence link, a respondent's name, a round's
// title, a respondent group's name, a user's name and e-mail address, a roadmap owner, and a
// knowledge entry's title, summary, body and source. Every page that shows them is fetched (in
// English and in French) and must show the text escaped, never as markup; the PDF report must
// print it as the literal text it is.
#include <gmock/gmock.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kScript = "<script>alert(1)</script>";
const std::string kBreakOut = "\"><img src=x onerror=alert(1)>";
// Mustache that would render the page's CSRF token, or a translation, if it were ever evaluated.
const std::string kTemplate = "{{t}}{{#t}}Results{{/t}}{{{csrf}}}";
// Single quotes are allowed in a URL; they must not end an attribute.
const std::string kQuoteUrl = "https://example.org/'onfocus='alert(1)'autofocus='";

// Everything planted in one field, after a marker naming the field.
std::string Payload(const std::string& marker) {
  return marker + " " + kScript + " " + kBreakOut + " " + kTemplate;
}
// The same text as an HTML page must show it: escaped, the template syntax untouched.
std::string Escaped(const std::string& marker) {
  return marker +
         " &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; " +
         kTemplate;
}

// Fails unless `page` is free of every planted markup; shows where it is when it is not.
void ExpectInert(const std::string& where, const std::string& page) {
  for (const char* raw :
       {"<script>alert", "<img src=x", "href=\"javascript:", "'onfocus='", "\"><script"}) {
    const size_t at = page.find(raw);
    if (at != std::string::npos) {
      ADD_FAILURE() << where << " shows " << raw << " unescaped: …"
                    << page.substr(at < 80 ? 0 : at - 80, 200) << "…";
    }
  }
}

class StoredXss : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    World& w = *world_;
    w.Build();
    HttpClient& admin = *w.admin;
    // A user whose name and e-mail address carry script; they sign in and write knowledge.
    admin.Get("/admin/users");
    const HttpResponse user = admin.PostForm(
        "/admin/users", FormWithCsrf(admin, "role=expert&email=" + FormEncode(kEmail) +
                                                "&name=" + FormEncode(Payload("xss-user")) +
                                                "&password=a-good-long-passphrase"));
    ASSERT_EQ(user.status, 303) << user.body.substr(0, 500);
    writer_ = w.Client();
    ASSERT_EQ(SignIn(*writer_, kEmail, "a-good-long-passphrase"), 303);
    writer_->Get("/knowledge/new");
    const std::string entry = FormWithCsrf(
        *writer_,
        "kind=lesson&pillars=C&subareas=C1&title_en=" + FormEncode(Payload("xss-ktitle")) +
            "&summary_en=" + FormEncode(Payload("xss-ksummary")) +
            "&title_ar=" + FormEncode(Payload("xss-ktitle")) +
            "&summary_ar=" + FormEncode(Payload("xss-ksummary")) + "&body=" +
            FormEncode("xss-kbody " + kScript + "\n\n" + kBreakOut +
                       "\n\n[click](javascript:alert(1))\n\n" + kTemplate) +
            "&sources=" +
            FormEncode("xss-ksource " + kScript +
                       " | https://example.org/\"><script>alert(1)</script>"));
    const HttpResponse saved = writer_->PostForm("/knowledge/new", entry);
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 1000);
    entry_ = saved.Header("location");
    w.PublishKnowledge(*writer_, entry_);  // public pages show approved entries only (issue 13)

    // A round whose title and first group carry script, with a respondent whose name does.
    ASSERT_LE(Payload("xss-grp").size(), 100u) << "a group name has at most 100 bytes";
    admin.Get("/rounds");
    const HttpResponse round = admin.PostForm(
        "/rounds", FormWithCsrf(admin, "country=ARM&year=2026&instrument=meter+2.0&title=" +
                                           FormEncode(Payload("xss-round")) +
                                           "&group_name=" + FormEncode(Payload("xss-grp")) +
                                           "&group_weight=1&group_name=Agencies&group_weight=1"));
    ASSERT_EQ(round.status, 303) << round.body.substr(0, 1000);
    base_ = round.Header("location");
    round_id_ = std::stoll(base_.substr(8));
    ASSERT_EQ(admin.PostForm(base_ + "/status", FormWithCsrf(admin, "to=open")).status, 303);
    auto [link, id] = w.Invite(admin, round_id_, Payload("xss-resp"), Payload("xss-grp"));
    respondent_ = w.Client();
    ASSERT_EQ(respondent_->Get(link).status, 303);
    respondent_->Get("/q/1");
    // Every statement of C1 answered lowest, so that C1 is a priority of the Way Forward.
    for (int i = 1; i <= 12; ++i) {
      json answer = {{"value", "0"}, {"version", 0}};
      if (i == 2) answer["comment"] = Payload("xss-comment");
      if (i == 3) answer["evidence_url"] = kQuoteUrl;
      const HttpResponse r = Put(*respondent_, "C1." + std::to_string(i), answer);
      ASSERT_EQ(r.status, 200) << r.body;
    }
    const HttpResponse owner = admin.PostForm(
        base_ + "/roadmap/C1",
        FormWithCsrf(admin, "phase=&due=2027-06-30&owner=" + FormEncode(Payload("xss-owner"))));
    ASSERT_EQ(owner.status, 303) << owner.body.substr(0, 1000);
  }
  static void TearDownTestSuite() {
    writer_.reset();
    respondent_.reset();
    delete world_;
  }

  static HttpResponse Put(HttpClient& c, const std::string& statement, const json& body) {
    return c.Send("PUT", "/api/answers/" + statement, body.dump(), "application/json",
                  CsrfHeader(c));
  }

  static inline const std::string kEmail = "xss-email<script>alert(1)</script>@test.example";
  static World* world_;
  static std::unique_ptr<HttpClient> writer_, respondent_;
  static std::string base_, entry_;
  static long long round_id_;
};
World* StoredXss::world_ = nullptr;
std::unique_ptr<HttpClient> StoredXss::writer_, StoredXss::respondent_;
std::string StoredXss::base_, StoredXss::entry_;
long long StoredXss::round_id_ = 0;

TEST_F(StoredXss, ScriptLinksAreRefusedWhereALinkIsStored) {
  const HttpResponse evidence =
      Put(*respondent_, "C2.1",
          {{"value", "1"}, {"evidence_url", "javascript:alert(1)"}, {"version", 0}});
  EXPECT_EQ(evidence.status, 400);
  EXPECT_THAT(evidence.body, HasSubstr("evidence link"));
  const HttpResponse form = respondent_->PostForm(
      "/q/2", FormWithCsrf(*respondent_, "v%3AC2.1=1&ver%3AC2.1=0&e%3AC2.1=" +
                                             FormEncode("javascript:alert(1)") + "&go=stay"));
  EXPECT_EQ(form.status, 400);
  EXPECT_THAT(respondent_->Get("/api/answers").body, Not(HasSubstr("javascript:")));
  writer_->Get("/knowledge/new");
  const HttpResponse source = writer_->PostForm(
      "/knowledge/new", FormWithCsrf(*writer_,
                                     "kind=lesson&pillars=C&title_en=Probe&summary_en=s&"
                                     "sources=" +
                                         FormEncode("A source | javascript:alert(1)")));
  EXPECT_EQ(source.status, 400);
  EXPECT_THAT(source.body, HasSubstr("https:// or http://"));
}

TEST_F(StoredXss, EveryPageShowsThePlantedTextEscaped) {
  World& w = *world_;
  struct Page {
    std::string what;
    HttpClient* client;
    std::string path;
    std::vector<std::string> markers;  // fields whose full payload the page must show escaped
  };
  const std::vector<Page> pages = {
      {"rounds", w.admin.get(), "/rounds", {"xss-round"}},
      {"round", w.admin.get(), base_, {"xss-round", "xss-resp", "xss-grp"}},
      {"round (coordinator)", w.coordinator.get(), base_, {"xss-round", "xss-resp"}},
      {"results", w.admin.get(), base_ + "/results", {"xss-round"}},
      {"way forward",
       w.admin.get(),
       base_ + "/way-forward",
       {"xss-round", "xss-comment", "xss-owner", "xss-ktitle", "xss-ksummary"}},
      {"progress", w.admin.get(), base_ + "/progress", {"xss-round"}},
      {"users", w.admin.get(), "/admin/users", {"xss-user"}},
      {"audit", w.admin.get(), "/admin/audit", {"xss-resp"}},
      {"knowledge list", w.anonymous.get(), "/knowledge", {"xss-ktitle", "xss-ksummary"}},
      {"knowledge search", w.anonymous.get(), "/knowledge?q=xss", {"xss-ktitle"}},
      {"knowledge by sub-area", w.anonymous.get(), "/knowledge?subarea=C1", {"xss-ksummary"}},
      {"knowledge entry", w.anonymous.get(), entry_, {"xss-ktitle", "xss-ksummary"}},
      {"knowledge edit", w.admin.get(), entry_ + "/edit", {"xss-ktitle", "xss-ksummary"}},
      {"knowledge (as the writer)", writer_.get(), "/knowledge", {"xss-ktitle"}},
      {"questionnaire", respondent_.get(), "/q/1", {"xss-comment", "xss-resp"}},
      {"done", respondent_.get(), "/done", {"xss-resp"}},
  };
  for (const Page& p : pages) {
    const HttpResponse r = p.client->Get(p.path);
    ASSERT_EQ(r.status, 200) << p.what << " " << p.path << ": " << r.body.substr(0, 300);
    ExpectInert(p.what, r.body);
    for (const std::string& marker : p.markers) {
      EXPECT_THAT(r.body, HasSubstr(Escaped(marker))) << p.what << " shows " << marker;
    }
  }
  // The e-mail address, as the users page, the audit log and its owner's own pages show it.
  const std::string email = "xss-email&lt;script&gt;alert(1)&lt;/script&gt;@test.example";
  EXPECT_THAT(w.admin->Get("/admin/users").body, HasSubstr(email));
  EXPECT_THAT(w.admin->Get("/admin/audit").body, HasSubstr(email));
  EXPECT_THAT(writer_->Get("/knowledge").body, HasSubstr(email));
  // The evidence link stays inside its attribute; the entry's body keeps no markup and no script
  // link; its source link stays inside its href.
  EXPECT_THAT(
      respondent_->Get("/q/1").body,
      HasSubstr("value=\"https://example.org/&#39;onfocus=&#39;alert(1)&#39;autofocus=&#39;\""));
  const std::string entry = w.anonymous->Get(entry_).body;
  EXPECT_THAT(entry, HasSubstr("xss-kbody"));
  EXPECT_THAT(entry, HasSubstr("href=\"https://example.org/&quot;&gt;&lt;script&gt;"));
  EXPECT_THAT(entry, Not(HasSubstr("javascript:alert")));
  EXPECT_THAT(entry, HasSubstr(kTemplate)) << "template syntax in Markdown is text";
}

TEST_F(StoredXss, TemplateSyntaxIsNeverEvaluatedInAnyLanguage) {
  World& w = *world_;
  HttpClient french(w.server.port());
  ASSERT_EQ(SignIn(french, "admin@test.example", kPassword), 303);
  french.cookies()["meter_lang"] = "fr";
  for (const std::string& path :
       {base_, base_ + "/results", base_ + "/way-forward", base_ + "/progress"}) {
    const HttpResponse r = french.Get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_THAT(r.body, HasSubstr("lang=\"fr\"")) << path;
    ExpectInert(path, r.body);
    EXPECT_THAT(r.body, HasSubstr(Escaped("xss-round"))) << path;
  }
}

TEST_F(StoredXss, ReflectedInputIsEscapedToo) {
  World& w = *world_;
  const std::string p = FormEncode(Payload("xss-reflected"));
  struct Probe {
    HttpClient* client;
    std::string path;
    int status;
  };
  const std::vector<Probe> probes = {
      {w.anonymous.get(), "/login?next=%2F" + p, 200},
      {w.anonymous.get(), "/knowledge?q=" + p + "&kind=" + p + "&pillar=" + p + "&country=" + p,
       200},
      {w.anonymous.get(), "/knowledge/" + p, 404},
      {w.admin.get(), "/admin/audit?user=" + p + "&action=" + p, 200},
      {w.admin.get(), "/admin/audit?round=" + p + "&from=" + p, 400},
      {w.admin.get(), base_ + "/progress?compare=" + p, 404},
      {w.admin.get(), "/rounds/" + p, 404},
      {w.anonymous.get(), "/r/" + p, 404},
  };
  for (const Probe& probe : probes) {
    const HttpResponse r = probe.client->Get(probe.path);
    EXPECT_EQ(r.status, probe.status) << probe.path;
    ExpectInert(probe.path, r.body);
  }
  EXPECT_THAT(w.anonymous->Get("/login?next=%2F" + p).body,
              HasSubstr("value=\"/" + Escaped("xss-reflected") + "\""));
  // The audit log's filter form shows what was typed (issue 11, item 20), escaped.
  EXPECT_THAT(w.admin->Get("/admin/audit?user=" + p).body,
              HasSubstr("value=\"" + Escaped("xss-reflected")));
  // A form whose error names the bad value.
  w.admin->Get(base_);
  const HttpResponse invite = w.admin->PostForm(
      base_ + "/respondents", FormWithCsrf(*w.admin, "name=x&group=Agencies&pillars=" + p));
  EXPECT_EQ(invite.status, 400);
  ExpectInert("invite error", invite.body);
  EXPECT_THAT(invite.body, HasSubstr(Escaped("xss-reflected")));
  // Redirects never leave the site for a script URL.
  const HttpResponse lang = w.anonymous->Get("/lang/fr?next=" + FormEncode("javascript:alert(1)"));
  EXPECT_EQ(lang.Header("location"), "/");
  w.anonymous->cookies().erase("meter_lang");
}

// The text of a PDF in the order it was drawn (so that a table cell is not interleaved with its
// neighbours), with all white space removed (lines wrap anywhere).
std::string PdfText(const std::string& pdf, const std::string& dir) {
  const std::string file = dir + "/xss.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  if (FILE* pipe = ::popen(("pdftotext -raw -enc UTF-8 '" + file + "' - 2>&1").c_str(), "r")) {
    char buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, n);
    ::pclose(pipe);
  }
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

std::string WithoutSpaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

TEST_F(StoredXss, ThePdfReportPrintsThePlantedTextLiterally) {
  World& w = *world_;
  const HttpResponse pdf = w.admin->Get(base_ + "/download/pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  const std::string text = PdfText(pdf.body, w.server.dir());
  ASSERT_THAT(text, HasSubstr("METER")) << "pdftotext read nothing";
  for (const char* marker : {"xss-round", "xss-comment", "xss-owner"}) {
    EXPECT_NE(text.find(WithoutSpaces(Payload(marker))), std::string::npos) << marker;
  }
  EXPECT_NE(text.find(WithoutSpaces("Evidence: " + kQuoteUrl)), std::string::npos);
  EXPECT_EQ(text.find("&lt;"), std::string::npos) << "text in a PDF is not HTML-escaped";
  EXPECT_EQ(text.find("xss-resp"), std::string::npos) << "the report names no respondent";
}

}  // namespace
}  // namespace meter::testing
