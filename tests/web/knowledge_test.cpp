// The knowledge base over real HTTP and the CLI: an expert creates an entry, anyone finds it by
// search, an admin edits it; coordinators and respondents may not; bad input is refused naming the
// field with nothing written; script typed into an entry is never emitted; `meter knowledge
// export` writes every entry back in the file format, and `meter knowledge validate` is strict.
#include "core/knowledge.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "store/sql_store.h"
#include "test_support.h"
#include "web_world.h"

namespace meter::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

class KnowledgeWeb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }

  struct Fields {
    std::string kind = "lesson", language = "en", title, country, region, year, pillars = "O, T",
                subareas = "O2, T1",
                sources = "OECD digital government review | https://www.oecd.org/",
                summary = "Small ministries share one service centre.", body = "## What was done\n";
  };
  static std::string Body(const HttpClient& c, const Fields& f, const std::string& extra = "") {
    std::string out = FormWithCsrf(c, extra);
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"kind", f.kind},
                                      {"language", f.language},
                                      {"title_en", f.title},
                                      {"country", f.country},
                                      {"region", f.region},
                                      {"year", f.year},
                                      {"pillars", f.pillars},
                                      {"subareas", f.subareas},
                                      {"sources", f.sources},
                                      {"summary_en", f.summary},
                                      {"body", f.body}}) {
      out += "&" + name + "=" + FormEncode(value);
    }
    return out;
  }
  // Creates an entry as `c`; returns its path ("/knowledge/…"), or "" on failure.
  static std::string Create(HttpClient& c, const Fields& f) {
    c.Get("/knowledge/new");
    const HttpResponse r = c.PostForm("/knowledge/new", Body(c, f));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    return r.Header("location");
  }
  static std::string VersionIn(const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("name=\"version\" value=\"([0-9]+)\""))
               ? m[1].str()
               : "";
  }

  static World* world_;
};
World* KnowledgeWeb::world_ = nullptr;

TEST_F(KnowledgeWeb, AnExpertCreatesAnEntryAnyoneFindsItAndAnAdminEditsIt) {
  World& w = *world_;
  EXPECT_THAT(w.expert->Get("/knowledge").body, HasSubstr("href=\"/knowledge/new\""));
  EXPECT_THAT(w.anonymous->Get("/knowledge").body, Not(HasSubstr("href=\"/knowledge/new\"")));
  const HttpResponse form = w.expert->Get("/knowledge/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_THAT(form.body, HasSubstr("name=\"sources\""));
  for (const char* lang : {"ar", "zh", "en", "fr", "ru", "es"}) {
    EXPECT_THAT(form.body, HasSubstr("name=\"title_" + std::string(lang) + "\""));
    EXPECT_THAT(form.body, HasSubstr("name=\"summary_" + std::string(lang) + "\""));
  }
  EXPECT_THAT(
      form.body,
      HasSubstr("<option value=\"en\" lang=\"en\" data-dir=\"ltr\" selected>English</option>"));
  EXPECT_THAT(form.body, HasSubstr("name=\"title_ar\" type=\"text\" maxlength=\"200\" lang=\"ar\" "
                                   "dir=\"rtl\""));

  Fields f;
  f.title = "Shared service centres for small ministries";
  f.sources += "\n| Government at a Glance 2021";
  const std::string path = Create(*w.expert, f);
  ASSERT_EQ(path, "/knowledge/lesson-shared-service-centres-for-small-ministries");
  // A draft until reviewed: the public does not see it.
  EXPECT_EQ(w.anonymous->Get(path).status, 404);
  w.PublishKnowledge(*w.expert, path);
  const HttpResponse entry = w.anonymous->Get(path);
  ASSERT_EQ(entry.status, 200);
  EXPECT_THAT(entry.body, HasSubstr("<h2>What was done</h2>"));
  EXPECT_THAT(entry.body, HasSubstr("Government at a Glance 2021"));
  EXPECT_THAT(entry.body, Not(HasSubstr("/edit\"")));  // no edit button for the public
  EXPECT_THAT(entry.body, HasSubstr("<a href=\"https://creativecommons.org/licenses/by/4.0/\" "
                                    "rel=\"license\">CC BY 4.0</a>"));
  EXPECT_THAT(w.admin->Get(path).body, HasSubstr(path + "/edit"));
  // Same title again: a second entry with its own slug.
  EXPECT_EQ(Create(*w.expert, f), path + "-2");

  const HttpResponse found = w.anonymous->Get("/knowledge?q=centres+ministries");
  EXPECT_EQ(found.status, 200);
  EXPECT_THAT(found.body, HasSubstr("href=\"" + path + "\""));
  EXPECT_THAT(found.body, HasSubstr("Small ministries share one service centre."));
  EXPECT_THAT(found.body, ContainsRegex("[0-9]+ results?, best first"));
  EXPECT_THAT(w.anonymous->Get("/knowledge?q=centres&pillar=L").body,
              Not(HasSubstr("href=\"" + path + "\"")));
  EXPECT_THAT(w.anonymous->Get("/knowledge?subarea=O2&kind=lesson").body,
              HasSubstr("href=\"" + path + "\""));
  EXPECT_THAT(w.admin->Get("/admin/audit").body, HasSubstr("knowledge.create"));

  const HttpResponse edit = w.admin->Get(path + "/edit");
  ASSERT_EQ(edit.status, 200);
  EXPECT_THAT(edit.body, HasSubstr("name=\"title_en\" type=\"text\" maxlength=\"200\" lang=\"en\" "
                                   "dir=\"ltr\" value=\"Shared service centres for small "
                                   "ministries\""));
  const std::string version = VersionIn(edit.body);
  ASSERT_EQ(version, "3");  // created, submitted, approved
  f.title = "Shared back offices for small ministries";
  const HttpResponse saved =
      w.admin->PostForm(path + "/edit", Body(*w.admin, f, "version=" + version));
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  EXPECT_THAT(w.anonymous->Get(path).body, HasSubstr("Shared back offices"));
  EXPECT_THAT(w.anonymous->Get("/knowledge?q=offices").body, HasSubstr("href=\"" + path + "\""));
  EXPECT_THAT(w.admin->Get("/admin/audit").body, HasSubstr("knowledge.edit"));
  // An approved entry is public: only the secretariat edits it, never an expert.
  const HttpResponse refused = w.expert->PostForm(path + "/edit", Body(*w.expert, f, "version=4"));
  EXPECT_EQ(refused.status, 409);
  EXPECT_THAT(refused.body, HasSubstr("only the secretariat edits it"));
  EXPECT_EQ(w.expert->Get(path + "/edit").status, 409);
  // The admin's form still carries version 3: a save would undo the admin's own edit.
  const HttpResponse stale =
      w.admin->PostForm(path + "/edit", Body(*w.admin, f, "version=" + version));
  EXPECT_EQ(stale.status, 409);
  EXPECT_THAT(stale.body, HasSubstr("someone saved this entry meanwhile"));

  // Coordinators and respondents may not create or edit; the anonymous are sent to sign in.
  for (HttpClient* c : {w.coordinator.get(), w.other_coordinator.get(), w.respondent.get()}) {
    EXPECT_EQ(c->Get("/knowledge/new").status, 403);
    EXPECT_EQ(c->Get(path + "/edit").status, 403);
    EXPECT_EQ(c->PostForm("/knowledge/new", Body(*c, f)).status, 403);
    EXPECT_EQ(c->PostForm(path + "/edit", Body(*c, f)).status, 403);
  }
  EXPECT_EQ(w.anonymous->Get("/knowledge/new").status, 303);
  EXPECT_EQ(w.anonymous->PostForm(path + "/edit", Body(*w.anonymous, f)).status, 401);
  EXPECT_THAT(w.anonymous->Get(path).body, HasSubstr("Shared back offices"));
}

TEST_F(KnowledgeWeb, BadInputIsRefusedNamingTheFieldAndNothingIsWritten) {
  World& w = *world_;
  w.expert->Get("/knowledge/new");
  struct Case {
    const char* what;
    Fields fields;
    const char* field;
    const char* message;
  };
  Fields missing_title;
  missing_title.summary = "zebracorn one";
  Fields unknown_pillar;
  unknown_pillar.title = "Zebracorn two";
  unknown_pillar.pillars = "T, Q";
  Fields bad_year;
  bad_year.title = "Zebracorn three";
  bad_year.year = "19x9";
  Fields old_year = bad_year;
  old_year.year = "1066";
  Fields case_without_country;
  case_without_country.title = "Zebracorn four";
  case_without_country.kind = "case";
  Fields no_sources;
  no_sources.title = "Zebracorn five";
  no_sources.sources = "\n";
  Fields script_url;
  script_url.title = "Zebracorn six";
  script_url.sources = "A source | javascript:alert(1)";
  for (const Case& c :
       std::vector<Case>{{"missing title", missing_title, "title_en", "must be a non-empty text"},
                         {"unknown pillar", unknown_pillar, "pillars", "unknown pillar"},
                         {"bad year", bad_year, "year", "must be a year from 1950 to 2100"},
                         {"old year", old_year, "year", "must be a year from 1950 to 2100"},
                         {"case without country", case_without_country, "country", "a case needs"},
                         {"no sources", no_sources, "sources", "at least one source"},
                         {"script URL", script_url, "sources", "https:// or http://"}}) {
    const HttpResponse r = w.expert->PostForm("/knowledge/new", Body(*w.expert, c.fields));
    EXPECT_EQ(r.status, 400) << c.what;
    EXPECT_THAT(r.body, HasSubstr(std::string(c.field) + ": ")) << c.what;
    EXPECT_THAT(r.body, HasSubstr(c.message)) << c.what;
    EXPECT_THAT(r.body, HasSubstr("href=\"#kf-" + std::string(c.field) + "\"")) << c.what;
    EXPECT_THAT(r.body, HasSubstr("usa-form-group--error")) << c.what;
  }
  // The typed text comes back, so nothing is lost.
  EXPECT_THAT(w.expert->PostForm("/knowledge/new", Body(*w.expert, bad_year)).body,
              HasSubstr("value=\"Zebracorn three\""));
  // Without the form's security token: refused before anything is read.
  Fields good;
  good.title = "Zebracorn seven";
  const std::string no_csrf = Body(*w.expert, good).substr(Body(*w.expert, good).find('&') + 1);
  EXPECT_EQ(w.expert->PostForm("/knowledge/new", no_csrf).status, 403);
  EXPECT_EQ(w.expert->PostForm("/knowledge/new", "csrf=wrong&" + no_csrf).status, 403);
  const HttpResponse search = w.anonymous->Get("/knowledge?q=zebracorn");
  EXPECT_THAT(search.body, HasSubstr("0 results, best first"));
  EXPECT_THAT(search.body, Not(HasSubstr("Zebracorn")));
  EXPECT_THAT(search.body, HasSubstr("value=\"zebracorn\""));
  // An edit with problems leaves the stored entry as it was.
  Fields f;
  f.title = "Zebracorn kept";
  const std::string path = Create(*w.expert, f);
  f.title = "";
  EXPECT_EQ(w.expert->PostForm(path + "/edit", Body(*w.expert, f, "version=1")).status, 400);
  EXPECT_THAT(w.expert->Get(path).body, HasSubstr("Zebracorn kept"));
  EXPECT_EQ(w.expert->Get("/knowledge/no-such-entry/edit").status, 404);
  EXPECT_EQ(w.expert->PostForm("/knowledge/no-such-entry/edit", Body(*w.expert, good, "version=1"))
                .status,
            404);
}

TEST_F(KnowledgeWeb, ScriptTypedIntoAnEntryIsNeverEmitted) {
  World& w = *world_;
  Fields f;
  f.title = "<script>alert('title')</script> Stored XSS probe";
  f.region = "\"><script>alert('region')</script>";
  f.summary = "<img src=x onerror=alert('summary')> summary";
  f.sources = "<script>alert('source')</script> | https://example.org/\"onmouseover=\"alert(1)";
  f.body =
      "<script>alert('body')</script>\n\n<img src=x onerror=alert('img')>\n\n"
      "[click](javascript:alert('link'))\n\n<a href=\"javascript:alert('a')\">a</a>\n";
  const std::string path = Create(*w.expert, f);
  ASSERT_FALSE(path.empty());
  w.PublishKnowledge(*w.expert, path);
  for (const std::string& page :
       {w.anonymous->Get(path).body, w.anonymous->Get("/knowledge?q=probe").body,
        w.anonymous->Get("/knowledge").body, w.admin->Get(path + "/edit").body}) {
    EXPECT_THAT(page, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(page, Not(HasSubstr("<img src=x")));
    EXPECT_THAT(page, Not(HasSubstr("href=\"javascript:")));
    EXPECT_THAT(page, Not(HasSubstr("\"onmouseover=\"")));
  }
  const std::string entry = w.anonymous->Get(path).body;
  EXPECT_THAT(entry, HasSubstr("&lt;script&gt;alert("));
  EXPECT_THAT(entry, HasSubstr("raw HTML omitted"));
}

// Issue 12: titles and summaries in the reader's language, the body in its own, said so and marked
// with lang and dir; search in any language; the form's texts per language.
TEST_F(KnowledgeWeb, PagesAreInTheReadersLanguageAndSayWhenTheTextIsInAnother) {
  World& w = *world_;
  auto in = [&](const std::string& lang) {
    auto c = w.Client();
    c->cookies()["meter_lang"] = lang;
    return c;
  };
  const std::string path = "/knowledge/case-estonia-x-road";
  const std::string en = w.anonymous->Get(path).body;
  EXPECT_THAT(en, HasSubstr("<div class=\"meter-entry__body\" lang=\"en\" dir=\"ltr\">"));
  EXPECT_THAT(en, Not(HasSubstr("meter-entry__note")));
  const std::string fr = in("fr")->Get(path).body;
  EXPECT_THAT(fr, HasSubstr("<h1>Estonie : la couche d&#39;échange de données X-Road</h1>"));
  EXPECT_THAT(fr, HasSubstr("<p class=\"meter-entry__note\">"));
  EXPECT_THAT(fr, HasSubstr("<div class=\"meter-entry__body\" lang=\"en\" dir=\"ltr\">"));
  // The page offers the entry's other languages, each named in itself.
  EXPECT_THAT(fr, HasSubstr("<a href=\"/lang/zh?next=%2Fknowledge%2Fcase-estonia-x-road\" "
                            "lang=\"zh\" hreflang=\"zh\">中文</a>"));
  const std::string ar = in("ar")->Get(path).body;
  EXPECT_THAT(ar, HasSubstr("<html lang=\"ar\" dir=\"rtl\">"));
  EXPECT_THAT(ar, HasSubstr("<h1>طبقة تبادل البيانات X-Road في إستونيا</h1>"));
  EXPECT_THAT(ar, HasSubstr("<div class=\"meter-entry__body\" lang=\"en\" dir=\"ltr\">"));
  // The list: Chinese titles for a Chinese reader, and the body's language said per entry.
  const std::string list = in("zh")->Get("/knowledge").body;
  EXPECT_THAT(list, HasSubstr("<strong>爱沙尼亚X-Road数据交换层</strong>"));
  EXPECT_THAT(list, Not(HasSubstr("<strong>Estonia&#39;s X-Road")));

  // Search by words of any language: two Chinese characters, Arabic with or without diacritics.
  auto found = [&](const std::string& q) {
    const std::string page = w.anonymous->Get("/knowledge?q=" + FormEncode(q)).body;
    std::vector<std::string> slugs;
    const std::regex link("<li><a href=\"/knowledge/([a-z0-9-]+)\">");
    for (auto m = std::sregex_iterator(page.begin(), page.end(), link); m != std::sregex_iterator();
         ++m)
      slugs.push_back((*m)[1]);
    return slugs;
  };
  EXPECT_THAT(found("数据交换"), ::testing::Contains("case-estonia-x-road"));
  EXPECT_THAT(found("加纳卡"), ::testing::ElementsAre("case-ghana-ghana-card"));
  const std::vector<std::string> arabic = found("معرّفًا");
  EXPECT_THAT(arabic, ::testing::Contains("case-ghana-ghana-card"));
  EXPECT_EQ(found("معرفا"), arabic);
  EXPECT_THAT(found("échange données"), ::testing::Contains("case-estonia-x-road"));
  EXPECT_THAT(found("X-Road"), ::testing::Contains("case-estonia-x-road"));

  // An entry written in French: its French title for everyone who has no other, marked French.
  Fields f;
  f.language = "fr";
  f.title = "";
  f.summary = "";
  std::string body = Body(*w.expert, f) + "&title_fr=" + FormEncode("Guichet unique communal") +
                     "&summary_fr=" + FormEncode("Un guichet pour toutes les démarches.");
  w.expert->Get("/knowledge/new");
  const HttpResponse created = w.expert->PostForm("/knowledge/new", body);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 3000);
  const std::string made = created.Header("location");
  EXPECT_EQ(made, "/knowledge/lesson-guichet-unique-communal");
  w.PublishKnowledge(*w.expert, made);
  const std::string page = w.anonymous->Get(made).body;
  EXPECT_THAT(page, HasSubstr("<h1 lang=\"fr\" dir=\"ltr\">Guichet unique communal</h1>"));
  EXPECT_THAT(page, HasSubstr("This entry&#39;s full text is in French."));
  EXPECT_THAT(page, HasSubstr("<div class=\"meter-entry__body\" lang=\"fr\" dir=\"ltr\">"));
  EXPECT_THAT(in("fr")->Get(made).body, Not(HasSubstr("meter-entry__note")));
  EXPECT_THAT(found("démarches"), ::testing::Contains("lesson-guichet-unique-communal"));
  const std::string form = w.admin->Get(made + "/edit").body;  // approved: the secretariat edits it
  EXPECT_THAT(
      form,
      HasSubstr("<option value=\"fr\" lang=\"fr\" data-dir=\"ltr\" selected>Français</option>"));
  EXPECT_THAT(form, HasSubstr("value=\"Guichet unique communal\""));

  // A French body without its French title: refused beside that field.
  Fields untitled;
  untitled.language = "fr";
  untitled.title = "Only English";
  const HttpResponse refused = w.expert->PostForm("/knowledge/new", Body(*w.expert, untitled));
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("href=\"#kf-title_fr\""));
  EXPECT_THAT(refused.body, HasSubstr("id=\"kf-title_fr-error\""));
  EXPECT_THAT(refused.body, HasSubstr("needs a text in &#39;fr&#39;, the language of the body"));
  EXPECT_THAT(refused.body, HasSubstr("value=\"Only English\""));
}

// Writes `text` to `path`.
void Write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST_F(KnowledgeWeb, ExportWritesEveryEntryBackInTheFileFormat) {
  World& w = *world_;
  Fields f;
  f.title = "Exported \"quoted\": entry — données";
  f.year = "2024";
  f.body = "Line one\n\n---\n\nAfter a rule.\n";
  const std::string path = Create(*w.expert, f);
  ASSERT_FALSE(path.empty());
  w.PublishKnowledge(*w.expert, path);
  Fields draft;  // a draft is not exported
  draft.title = "A draft never exported";
  const std::string draft_path = Create(*w.expert, draft);
  const fs::path out = fs::path(w.server.dir()) / "export";
  std::string output;
  ASSERT_EQ(
      RunMeter("knowledge export --db " + w.server.db_url() + " --out " + out.string(), "", output),
      0)
      << output;
  EXPECT_THAT(output, HasSubstr("exported"));

  auto countries = CountryList::Parse(ReadText(SourcePath("content/countries.csv")), "c.csv");
  ASSERT_TRUE(countries.ok()) << countries.error().ToString();
  const Instrument in = LoadOrFail("content/instruments/meter-3.0.yaml");
  auto store = OpenStore(w.server.db_url());
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  const auto all = store.value()->AllKnowledge();
  ASSERT_TRUE(all.ok());
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(out)) files += e.path().extension() == ".md";
  EXPECT_EQ(files, all.value().size());
  bool web_entry = false;
  for (const StoredKnowledge& s : all.value()) {
    const fs::path file = out / (s.entry.slug + ".md");
    auto parsed = ParseKnowledgeEntry(ReadText(file), file.string(), in, countries.value());
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    EXPECT_EQ(parsed.value(), s.entry) << file;
    web_entry = web_entry || "/knowledge/" + s.entry.slug == path;
    // A bundled entry comes back as its file says.
    const fs::path bundled = SourcePath("content/knowledge/" + s.entry.slug + ".md");
    if (s.origin == "file") {
      auto original =
          ParseKnowledgeEntry(ReadText(bundled), bundled.string(), in, countries.value());
      ASSERT_TRUE(original.ok());
      EXPECT_EQ(parsed.value(), original.value());
    }
  }
  EXPECT_TRUE(web_entry);
  EXPECT_FALSE(fs::exists(out / (draft_path.substr(11) + ".md")));
  EXPECT_NE(RunMeter("knowledge export --db " + w.server.db_url(), "", output), 0);  // no --out
}

TEST_F(KnowledgeWeb, ValidateChecksEveryFileStrictly) {
  std::string output;
  EXPECT_EQ(RunMeter("knowledge validate", "", output), 0) << output;
  std::smatch counts;
  ASSERT_TRUE(std::regex_search(output, counts, std::regex("([0-9]+) of ([0-9]+) knowledge")))
      << output;
  EXPECT_EQ(counts[1].str(), counts[2].str());
  EXPECT_GE(std::stoi(counts[1].str()), 30);
  const fs::path content = fs::path(world_->server.dir()) / "content";
  fs::create_directories(content / "knowledge");
  fs::copy(SourcePath("content/instruments"), content / "instruments");
  fs::copy_file(SourcePath("content/countries.csv"), content / "countries.csv");
  fs::copy_file(SourcePath("content/regions.csv"), content / "regions.csv");
  fs::copy_file(SourcePath("content/knowledge/case-estonia-x-road.md"),
                content / "knowledge/case-estonia-x-road.md");
  Write(content / "knowledge/lesson-broken.md",
        "---\nkind: lesson\ntitle: \"Broken\"\npillars: [Q]\nsubareas: []\nsources: []\n"
        "summary: \"s\"\n---\n");
  EXPECT_EQ(RunMeter("knowledge validate --content " + content.string(), "", output), 2);
  EXPECT_THAT(output, HasSubstr("lesson-broken.md:4:10: unknown pillar 'Q'"));
  EXPECT_THAT(output, HasSubstr("1 of 2 knowledge files are valid"));
}

}  // namespace
}  // namespace meter::testing
