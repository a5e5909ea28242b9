#include "report/markdown.h"

#include <cmark.h>

#include <cstdlib>

namespace meter {

std::string MarkdownToHtml(std::string_view markdown) {
  // CMARK_OPT_SAFE is the default of cmark 0.30 (raw HTML needs CMARK_OPT_UNSAFE); say it anyway.
  char* html =
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

}  // namespace meter
