// Markdown to HTML for knowledge entries, with cmark in safe mode: raw HTML and dangerous links
// (javascript:, vbscript:, file:, data: other than images) are never emitted, so an entry cannot
// inject script into a page or the report. Thread-safe; never fails (bad input is rendered as
// text).
#pragma once

#include <string>
#include <string_view>

namespace meter {

std::string MarkdownToHtml(std::string_view markdown);

}  // namespace meter
