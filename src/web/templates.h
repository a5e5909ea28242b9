// HTML templates: logic-free mustache files (web/templates/NAME.mustache) rendered with data built
// by the handlers. `{{x}}` escapes HTML; `{{{x}}}` is only for markup METER itself produced
// (charts).
//
// Text to translate is written `{{#t}}Sign in{{/t}}` in a template. Before a template is parsed for
// a language, each such text is replaced by its translation (HTML-escaped), so rendering does no
// catalog look-ups. Parsed templates are kept per thread and language, because the mustache
// library's render is not const.
//
// Load fails (kInvalidInput, naming the file) when a template does not parse. A Templates object is
// shared read-only by every request thread.
#pragma once

#include <cstdint>
#include <kainjow/mustache.hpp>
#include <locale>
#include <map>
#include <memory>
#include <string>

#include "core/problem.h"

namespace meter {

using TemplateData = kainjow::mustache::data;

class Templates {
 public:
  static Result<std::unique_ptr<Templates>> Load(const std::string& directory);

  // Renders template `name` (without ".mustache") in `lang`. An unknown name is a bug: it throws
  // std::out_of_range, which the server turns into a 500.
  std::string Render(const std::string& name, const TemplateData& data, const std::locale& locale,
                     const std::string& lang) const;

 private:
  std::map<std::string, std::string> sources_;
  uint64_t generation_ = 0;  // distinguishes this object in the per-thread cache
};

// Replaces every {{#t}}text{{/t}} in `source` with the HTML-escaped translation of `text`.
std::string TranslateTemplate(const std::string& source, const std::locale& locale);

}  // namespace meter
