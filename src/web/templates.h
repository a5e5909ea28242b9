// HTML templates: logic-free mustache files (web/templates/NAME.mustache) rendered with data built
// by the handlers. `{{x}}` escapes HTML; `{{{x}}}` is only for markup METER itself produced
// (charts).
// `{{#x}}…{{/x}}` renders for a true flag, a non-empty text (once) or each item of a list (with the
// item's fields in scope); `{{^x}}…{{/x}}` renders when x is missing, false, empty text or an empty
// list. Names are looked up in the innermost item first, then outwards.
//
// Text to translate is written `{{#t}}Sign in{{/t}}`, or `{{#t:context}}Name{{/t}}` when its
// English has several meanings (the context, gettext's msgctxt, tells the translator which). A
// sentence around a value keeps the value inside, `{{#t}}Invitation link for {{name}}{{/t}}`, so
// that the translation can move it; a translation that drops or changes such a tag is not used.
// Each template is compiled once per UN language at load, with every such text replaced by its
// HTML-escaped translation, so rendering does no catalog look-ups and no parsing.
//
// Why not the kainjow mustache library of DESIGN.md: its data values are deep-copied on every set
// and every section, which made a questionnaire page cost ~5 M instructions (measured with
// callgrind); this renderer moves data and walks a compiled tree, and its Render is const, so one
// Templates object serves every thread without per-thread caches.
//
// A frame is a page rendered once with holes where per-request values go (TemplateData::hole):
// the questionnaire page is the same for every respondent of a language but for a few dozen
// values, so it is rendered once into a Frame and each request only fills it (docs/performance.md).
// A frame can stand in a raw `{{{x}}}` of another template (the layout around a page), keeping its
// holes. A hole used as a section, or filled without its value, is a bug and throws
// std::logic_error.
//
// Load fails (kInvalidInput at "file:line") for an unclosed or mismatched section, and kUnavailable
// for a folder without templates. Render of an unknown template name is a bug and throws
// std::out_of_range.
#pragma once

#include <functional>
#include <locale>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/problem.h"
#include "i18n/i18n.h"

namespace meter {

class TemplateData;
using TemplateList = std::vector<TemplateData>;

// Rendered text with numbered holes. Immutable once built, so one frame serves every thread.
class Frame {
 public:
  struct Mark {
    size_t at;    // byte offset in the text
    size_t hole;  // number of the value that goes here
    bool escape;  // written {{x}} (HTML-escaped) rather than {{{x}}}
  };
  Frame() = default;
  Frame(std::string text, std::vector<Mark> marks);

  // The text with values[n] at every hole numbered n. Throws std::logic_error when `values` does
  // not hold exactly one value per hole number (a page and its filler out of step).
  std::string Fill(const std::vector<std::string>& values) const;
  // The number of values Fill needs: the highest hole number + 1, or 0.
  size_t holes() const { return holes_; }
  const std::string& text() const { return text_; }
  const std::vector<Mark>& marks() const { return marks_; }

 private:
  std::string text_;
  std::vector<Mark> marks_;
  size_t holes_ = 0;
};

// The data of one template or of one list item: named texts, flags and lists.
class TemplateData {
 public:
  void set(const std::string& key, std::string text);
  void set(const std::string& key, const char* text) { set(key, std::string(text)); }
  void set(const std::string& key, bool flag);
  void set(const std::string& key, TemplateList list);
  // A rendered frame for a raw `{{{key}}}`; its holes stay holes.
  void set(const std::string& key, Frame frame);
  // A per-request value: rendering leaves hole `number` here (only as `{{key}}` or `{{{key}}}`).
  void hole(const std::string& key, size_t number);

  enum class Kind { kText, kFlag, kList, kFrame, kHole };
  struct Field {
    std::string key;
    Kind kind = Kind::kText;
    std::string text;
    bool flag = false;
    TemplateList list;
    Frame frame;
    size_t hole = 0;
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
  // `data` must have no holes (std::logic_error otherwise).
  std::string Render(const std::string& name, const TemplateData& data,
                     const std::string& lang) const;
  // The same, keeping the holes of `data` (and of the frames in it) for Frame::Fill.
  Frame RenderFrame(const std::string& name, const TemplateData& data,
                    const std::string& lang) const;

  struct Node;  // a compiled template: text, variables and sections

 private:
  const Node& Compiled(const std::string& name, const std::string& lang) const;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const Node>>
      compiled_;  // (lang, name)
};

// Frames by key, each built on first use, shared by every thread. A key must name everything
// the frame's fixed text depends on. Holds at most `capacity` frames and starts again empty when
// full (the keys are few: instrument × language × page × a few flags).
class FrameCache {
 public:
  explicit FrameCache(size_t capacity = 4096) : capacity_(capacity) {}
  std::shared_ptr<const Frame> Get(const std::string& key, const std::function<Frame()>& build);
  size_t size() const;

 private:
  size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Frame>> frames_;
};

// Replaces every {{#t}}text{{/t}} in `source` with the HTML-escaped translation of `text`.
std::string TranslateTemplate(const std::string& source, const std::locale& locale);

}  // namespace meter
