// Knowledge entries are Markdown written by people; their HTML must never carry script.
#include "report/markdown.h"

#include <gmock/gmock.h>

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Markdown, RendersTheUsualMarkup) {
  const std::string html =
      MarkdownToHtml("## What was done\n\nA *national* [portal](https://example.org).\n\n- one\n");
  EXPECT_THAT(html, HasSubstr("<h2>What was done</h2>"));
  EXPECT_THAT(html, HasSubstr("<em>national</em>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"https://example.org\">portal</a>"));
  EXPECT_THAT(html, HasSubstr("<li>one</li>"));
}

TEST(Markdown, NeverEmitsRawHtmlOrScriptLinks) {
  const std::string html = MarkdownToHtml(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and "
      "[click](javascript:alert(1)).\n");
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("onerror")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
}

}  // namespace
}  // namespace meter
