// The template renderer: sections, inverted sections, lists with outer names in scope, escaping,
// translations compiled in, frames with holes filled per request, and the errors a broken
// template gives.
#include "web/templates.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>

#include "web/http.h"

namespace meter {
namespace {

namespace fs = std::filesystem;

class TemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("meter-templates-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / (name + ".mustache")) << text;
  }
  Result<std::unique_ptr<Templates>> Load() { return Templates::Load(dir_.string(), catalogs_); }

  fs::path dir_;
  Catalogs catalogs_{METER_LOCALE_DIR_FOR_TESTS};
};

TEST_F(TemplatesTest, RendersVariablesSectionsAndLists) {
  Write("page",
        "<h1>{{title}}</h1>{{#admin}}[admin]{{/admin}}{{^admin}}[user]{{/admin}}"
        "<ul>{{#rows}}<li>{{name}} {{csrf}}</li>{{/rows}}</ul>{{^rows}}none{{/rows}}{{{raw}}}");
  auto t = Load();
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  TemplateData data;
  data.set("title", "Results <script>");
  data.set("admin", false);
  data.set("csrf", "tok");
  data.set("raw", "<svg/>");
  TemplateList rows;
  for (const char* n : {"a&b", "c"}) {
    TemplateData row;
    row.set("name", n);
    rows.push_back(std::move(row));
  }
  data.set("rows", std::move(rows));
  EXPECT_EQ(
      t.value()->Render("page", data, "en"),
      "<h1>Results &lt;script&gt;</h1>[user]<ul><li>a&amp;b tok</li><li>c tok</li></ul><svg/>");
}

TEST_F(TemplatesTest, CompilesTranslationsPerLanguage) {
  Write("t", "<button>{{#t}}Sign in{{/t}}</button>");
  auto t = Load();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value()->Render("t", {}, "en"), "<button>Sign in</button>");
  EXPECT_EQ(t.value()->Render("t", {}, "fr"),
            "<button>" + Tr(catalogs_.For("fr"), "Sign in") + "</button>");
  EXPECT_NE(t.value()->Render("t", {}, "fr"), "<button>Sign in</button>");
  EXPECT_EQ(t.value()->Render("t", {}, "xx"), "<button>Sign in</button>");  // English otherwise
}

TEST_F(TemplatesTest, FramesKeepHolesForValuesGivenLater) {
  Write("page", "<p title=\"{{who}}\">{{#rows}}[{{name}}:{{{mark}}}]{{/rows}}</p>");
  Write("layout", "<html>{{who}}|{{{content}}}|{{who}}</html>");
  auto t = Load();
  ASSERT_TRUE(t.ok());
  TemplateData page;
  page.hole("who", 0);
  TemplateList rows;
  for (size_t i = 0; i < 2; ++i) {
    TemplateData row;
    row.set("name", "r<" + std::to_string(i) + ">");
    row.hole("mark", 1 + i);
    rows.push_back(std::move(row));
  }
  page.set("rows", std::move(rows));
  TemplateData layout;
  layout.hole("who", 0);
  layout.set("content", t.value()->RenderFrame("page", page, "en"));
  const Frame frame = t.value()->RenderFrame("layout", layout, "en");
  EXPECT_EQ(frame.holes(), 3u);
  // {{x}} holes are escaped when filled, {{{x}}} holes are not; a hole may appear many times.
  EXPECT_EQ(
      frame.Fill({"A&B", "<i>1</i>", ""}),
      "<html>A&amp;B|<p title=\"A&amp;B\">[r&lt;0&gt;:<i>1</i>][r&lt;1&gt;:]</p>|A&amp;B</html>");
  EXPECT_EQ(frame.Fill({"'C'", "", "x"}),
            "<html>&#39;C&#39;|<p "
            "title=\"&#39;C&#39;\">[r&lt;0&gt;:][r&lt;1&gt;:x]</p>|&#39;C&#39;</html>");
  // A filler out of step with its frame, a page rendered whole with a hole, or a hole deciding
  // a section are bugs, and say so.
  EXPECT_THROW(frame.Fill({"A", "B"}), std::logic_error);
  EXPECT_THROW(t.value()->Render("page", page, "en"), std::logic_error);
  Write("section", "{{#who}}x{{/who}}");
  auto again = Load();
  ASSERT_TRUE(again.ok());
  EXPECT_THROW(again.value()->RenderFrame("section", page, "en"), std::logic_error);
}

TEST_F(TemplatesTest, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(HtmlEscape("a<b>&\"c'd\" plain"), "a&lt;b&gt;&amp;&quot;c&#39;d&quot; plain");
  EXPECT_EQ(HtmlEscape("<"), "&lt;");
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("العربية & 中文"), "العربية &amp; 中文");
}

TEST_F(TemplatesTest, FrameCacheBuildsEachKeyOnce) {
  FrameCache cache(2);
  int built = 0;
  auto build = [&] {
    ++built;
    return Frame("text " + std::to_string(built), {});
  };
  EXPECT_EQ(cache.Get("a", build)->text(), "text 1");
  EXPECT_EQ(cache.Get("a", build)->text(), "text 1");
  EXPECT_EQ(cache.Get("b", build)->text(), "text 2");
  EXPECT_EQ(built, 2);
  EXPECT_EQ(cache.Get("c", build)->text(), "text 3");  // full: starts again empty
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Get("a", build)->text(), "text 4");
}

TEST_F(TemplatesTest, RefusesUnbalancedSectionsWithTheLine) {
  Write("broken", "line one\n{{#rows}}\n{{/columns}}\n");
  auto t = Load();
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.error().ToString(),
              ::testing::HasSubstr("broken.mustache:3: the template does not parse"));
  fs::remove(dir_ / "broken.mustache");
  Write("open", "{{#rows}}never closed");
  EXPECT_FALSE(Load().ok());
}

// Issue 12: a text with a context ({{#t:context}}) is translated in that context, and a sentence
// keeps the values it holds ({{name}}) where the translation puts them; a translation that loses
// one is not used. The catalog is made here with msgfmt.
TEST_F(TemplatesTest, TranslatesInContextAndKeepsTheValuesOfASentence) {
  const fs::path folder = dir_ / "locale" / "fr" / "LC_MESSAGES";
  fs::create_directories(folder);
  std::ofstream(dir_ / "fr.po") << R"(msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgctxt "a person's name"
msgid "Name"
msgstr "Nom"

msgctxt "name of a pillar"
msgid "Name"
msgstr "Intitulé"

msgid "Invitation link for {{who}}"
msgstr "Lien d'invitation <de> {{who}}"

msgid "Owner: {{owner}}"
msgstr "Responsable : {{ownr}}"
)";
  const std::string msgfmt =
      "msgfmt -o '" + (folder / "meter.mo").string() + "' '" + (dir_ / "fr.po").string() + "'";
  ASSERT_EQ(std::system(msgfmt.c_str()), 0);
  const std::locale fr = Catalogs((dir_ / "locale").string()).For("fr");
  EXPECT_EQ(
      TranslateTemplate("{{#t:a person's name}}Name{{/t}}|{{#t:name of a pillar}}Name{{/t}}", fr),
      "Nom|Intitulé");
  EXPECT_EQ(TranslateTemplate("<h2>{{#t}}Invitation link for {{who}}{{/t}}</h2>", fr),
            "<h2>Lien d&#39;invitation &lt;de&gt; {{who}}</h2>");
  EXPECT_EQ(TranslateTemplate("<p>{{#t}}Owner: {{owner}}{{/t}}</p>", fr),
            "<p>Owner: {{owner}}</p>");
  // A section whose name starts with "t" is not a text to translate.
  EXPECT_EQ(TranslateTemplate("{{#title}}{{#t}}Owner: {{owner}}{{/t}}{{/title}}", fr),
            "{{#title}}Owner: {{owner}}{{/title}}");
  // The value is filled in when the page is rendered.
  Write("page", "<h2>{{#t}}Invitation link for {{who}}{{/t}}</h2>");
  auto t = Load();
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  TemplateData data;
  data.set("who", "Ana <a@b.c>");
  EXPECT_EQ(t.value()->Render("page", data, "en"),
            "<h2>Invitation link for Ana &lt;a@b.c&gt;</h2>");
}

}  // namespace
}  // namespace meter
