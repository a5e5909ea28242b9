// The template renderer: sections, inverted sections, lists with outer names in scope, escaping,
// translations compiled in, and the errors a broken template gives.
#include "web/templates.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace meter
