// HTML templates: logic-free mustache files (web/templates/NAME.mustache) rendered with data built
// by the handlers. `{{x}}` escapes HTML; `{{{x}}}` is only for markup METER itself produced
// (charts).
// `{{#x}}…{{/x}}` renders for a true flag, a non-empty text (once) or each item of a list (with the
// item's fields in scope); `{{^x}}…{{/x}}` renders when x is missing, false, empty text or an empty
// list. Names are looked up in the innermost item first, then outwards.
//
// Text to translate is written `{{#t}}Sign in{{/t}}`. Each template is compiled once per UN
// language at load, with every such text replaced by its HTML-escaped translation, so rendering
// does no catalog look-ups and no parsing.
//
// Why not the kainjow mustache library of DESIGN.md: its data values are deep-copied on every set
// and every section, which made a questionnaire page cost ~5 M instructions (measured with
// callgrind); this renderer moves data and walks a compiled tree, and its Render is const, so one
// Templates object serves every thread without per-thread caches.
//
// Load fails (kInvalidInput at "file:line") for an unclosed or mismatched section, and kUnavailable
// for a folder without templates. Render of an unknown template name is a bug and throws
// std::out_of_range.
#pragma once

#include <locale>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/problem.h"
#include "i18n/i18n.h"

namespace meter {

class TemplateData;
using TemplateList = std::vector<TemplateData>;

// The data of one template or of one list item: named texts, flags and lists.
class TemplateData {
 public:
  void set(const std::string& key, std::string text);
  void set(const std::string& key, const char* text) { set(key, std::string(text)); }
  void set(const std::string& key, bool flag);
  void set(const std::string& key, TemplateList list);

  enum class Kind { kText, kFlag, kList };
  struct Field {
    std::string key;
    Kind kind = Kind::kText;
    std::string text;
    bool flag = false;
    TemplateList list;
  };
  // The field named `key`, or nullptr.
  const Field* Find(const std::string& key) const;

 private:
  Field& Slot(const std::string& key);
  std::vector<Field> fields_;
};

class Templates {
 public:
  static Result<std::unique_ptr<Templates>> Load(const std::string& directory,
                                                 const Catalogs& catalogs);

  // Renders template `name` (without ".mustache") in `lang` (English for another language).
  std::string Render(const std::string& name, const TemplateData& data,
                     const std::string& lang) const;

  struct Node;  // a compiled template: text, variables and sections

 private:
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const Node>>
      compiled_;  // (lang, name)
};

// Replaces every {{#t}}text{{/t}} in `source` with the HTML-escaped translation of `text`.
std::string TranslateTemplate(const std::string& source, const std::locale& locale);

}  // namespace meter
