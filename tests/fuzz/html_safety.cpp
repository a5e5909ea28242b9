// HtmlSafetyProblem (fuzz_checks.h): reads MarkdownToHtml's output the way a browser would and
// accepts only what cmark writes for Markdown in safe mode. The tag list follows cmark 0.30's
// html.c without the source-position option; raw HTML from the input shows up as a '<' that starts
// none of these tags.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "fuzz_checks.h"

namespace meter::fuzz {
namespace {

// Tags without attributes, written exactly so.
constexpr std::array<std::string_view, 34> kPlainTags = {
    "<p>",          "</p>",
    "<blockquote>", "</blockquote>",
    "<ul>",         "</ul>",
    "<ol>",         "</ol>",
    "<li>",         "</li>",
    "<h1>",         "</h1>",
    "<h2>",         "</h2>",
    "<h3>",         "</h3>",
    "<h4>",         "</h4>",
    "<h5>",         "</h5>",
    "<h6>",         "</h6>",
    "<pre>",        "</pre>",
    "<code>",       "</code>",
    "<em>",         "</em>",
    "<strong>",     "</strong>",
    "</a>",         "<hr />",
    "<br />",       "<!-- raw HTML omitted -->"};

// What a browser makes of an attribute value written by cmark: entities decoded, tabs and line
// breaks dropped, leading controls and spaces dropped, lower case.
std::string UrlAsBrowserSeesIt(std::string_view value) {
  std::string decoded;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '&') {
      const size_t semi = value.find(';', i);
      const std::string_view entity =
          value.substr(i, semi == std::string_view::npos ? 0 : semi - i + 1);
      if (entity == "&amp;")
        decoded += '&';
      else if (entity == "&quot;")
        decoded += '"';
      else if (entity == "&#x27;" || entity == "&#39;")
        decoded += '\'';
      else if (entity == "&lt;")
        decoded += '<';
      else if (entity == "&gt;")
        decoded += '>';
      else {
        decoded += value[i];
        continue;
      }
      i = semi;
    } else if (value[i] != '\t' && value[i] != '\n' && value[i] != '\r') {
      decoded += value[i];
    }
  }
  size_t start = 0;
  while (start < decoded.size() && static_cast<unsigned char>(decoded[start]) <= 0x20) ++start;
  std::string out = decoded.substr(start);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The reason a URL may not be emitted, or "".
std::string DangerousUrl(std::string_view value) {
  const std::string url = UrlAsBrowserSeesIt(value);
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:"}) {
    if (url.starts_with(scheme)) return "a " + std::string(scheme) + " URL";
  }
  if (url.starts_with("data:")) {
    for (std::string_view image :
         {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
      if (url.starts_with(image)) return "";
    }
    return "a data: URL that is not an image";
  }
  return "";
}

// Reads `"value"` at `at` (just after `name="`): the value up to the closing quote. False when it
// is not closed or holds a '<' (escape_html writes none).
bool ReadValue(std::string_view html, size_t& at, std::string_view& value) {
  const size_t quote = html.find('"', at);
  if (quote == std::string_view::npos) return false;
  value = html.substr(at, quote - at);
  at = quote + 1;
  return value.find('<') == std::string_view::npos;
}

bool Expect(std::string_view html, size_t& at, std::string_view text) {
  if (html.substr(at, text.size()) != text) return false;
  at += text.size();
  return true;
}

// Checks the tag with attributes at `at` and moves past it; the problem, or "".
std::string AttributeTag(std::string_view html, size_t& at) {
  std::string_view value;
  if (Expect(html, at, "<a href=\"")) {
    if (!ReadValue(html, at, value)) return "a link whose href is not a closed, escaped value";
    if (std::string d = DangerousUrl(value); !d.empty()) return "a link to " + d;
    if (Expect(html, at, " title=\"") && !ReadValue(html, at, value))
      return "a link whose title is not a closed, escaped value";
    return Expect(html, at, ">") ? "" : "a link tag with more than href and title";
  }
  if (Expect(html, at, "<img src=\"")) {
    if (!ReadValue(html, at, value)) return "an image whose src is not a closed, escaped value";
    if (std::string d = DangerousUrl(value); !d.empty()) return "an image of " + d;
    if (!Expect(html, at, " alt=\"") || !ReadValue(html, at, value))
      return "an image without a closed, escaped alt";
    if (Expect(html, at, " title=\"") && !ReadValue(html, at, value))
      return "an image whose title is not a closed, escaped value";
    return Expect(html, at, " />") ? "" : "an image tag with more than src, alt and title";
  }
  if (Expect(html, at, "<ol start=\"")) {
    if (!ReadValue(html, at, value) || value.empty() ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return "a list start that is not a number";
    return Expect(html, at, ">") ? "" : "a list tag with more than start";
  }
  if (Expect(html, at, "<code class=\"language-")) {
    if (!ReadValue(html, at, value)) return "a code language that is not a closed, escaped value";
    return Expect(html, at, ">") ? "" : "a code tag with more than class";
  }
  return "raw HTML: " + std::string(html.substr(at, 40));
}

}  // namespace

std::string HtmlSafetyProblem(std::string_view html) {
  std::string lower(html);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find("<script") != std::string::npos) return "a <script> element";
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string_view::npos) {
    const auto plain =
        std::find_if(kPlainTags.begin(), kPlainTags.end(),
                     [&](std::string_view tag) { return html.substr(at, tag.size()) == tag; });
    if (plain != kPlainTags.end()) {
      at += plain->size();
      continue;
    }
    if (std::string problem = AttributeTag(html, at); !problem.empty()) return problem;
  }
  return "";
}

}  // namespace meter::fuzz
