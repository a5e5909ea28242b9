#include "web/templates.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "web/http.h"

namespace meter {

struct Templates::Node {
  enum class Type { kRoot, kText, kEscaped, kRaw, kSection, kInverted } type = Type::kRoot;
  std::string text;  // literal text, or the name of a variable or section
  std::vector<Node> children;
};

namespace {

using Node = Templates::Node;

// Compiles `source`; on a malformed tag or section, returns the 1-based line in `error_line`.
bool Compile(const std::string& source, Node& root, size_t& error_line, std::string& error) {
  std::vector<Node*> stack = {&root};
  size_t pos = 0;
  auto line_of = [&](size_t at) {
    return 1 + static_cast<size_t>(std::count(source.begin(), source.begin() + at, '\n'));
  };
  while (pos < source.size()) {
    const size_t open = source.find("{{", pos);
    if (open == std::string::npos) {
      stack.back()->children.push_back({Node::Type::kText, source.substr(pos), {}});
      break;
    }
    if (open > pos)
      stack.back()->children.push_back({Node::Type::kText, source.substr(pos, open - pos), {}});
    const bool triple = source.compare(open, 3, "{{{") == 0;
    const size_t close = source.find(triple ? "}}}" : "}}", open);
    if (close == std::string::npos) {
      error_line = line_of(open);
      error = "a tag is not closed";
      return false;
    }
    std::string tag = source.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
    pos = close + (triple ? 3 : 2);
    const char sigil = tag.empty() ? ' ' : tag[0];
    if (triple) {
      stack.back()->children.push_back({Node::Type::kRaw, tag, {}});
    } else if (sigil == '#' || sigil == '^') {
      stack.back()->children.push_back(
          {sigil == '#' ? Node::Type::kSection : Node::Type::kInverted, tag.substr(1), {}});
      stack.push_back(&stack.back()->children.back());
    } else if (sigil == '/') {
      if (stack.size() < 2 || stack.back()->text != tag.substr(1)) {
        error_line = line_of(open);
        error = "'{{" + tag + "}}' does not close the open section";
        return false;
      }
      stack.pop_back();
    } else if (sigil != '!') {
      stack.back()->children.push_back({Node::Type::kEscaped, tag, {}});
    }
  }
  if (stack.size() != 1) {
    error_line = line_of(source.size());
    error = "section '" + stack.back()->text + "' is not closed";
    return false;
  }
  return true;
}

const TemplateData::Field* Lookup(const std::vector<const TemplateData*>& scopes,
                                  const std::string& key) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    if (const auto* field = (*it)->Find(key)) return field;
  }
  return nullptr;
}

bool Truthy(const TemplateData::Field* f) {
  if (!f) return false;
  switch (f->kind) {
    case TemplateData::Kind::kText:
      return !f->text.empty();
    case TemplateData::Kind::kFlag:
      return f->flag;
    case TemplateData::Kind::kList:
      return !f->list.empty();
    case TemplateData::Kind::kFrame:
      return true;
    case TemplateData::Kind::kHole:
      // Whether a section shows must not depend on a per-request value.
      throw std::logic_error("template value '" + f->key + "' is a hole and used as a section");
  }
  return false;
}

// The text being rendered and the holes left in it.
struct Output {
  std::string text;
  std::vector<Frame::Mark> marks;
};

void RenderVariable(const Node& n, const TemplateData::Field* f, Output& out) {
  if (!f) return;
  const bool escape = n.type == Node::Type::kEscaped;
  switch (f->kind) {
    case TemplateData::Kind::kText:
      if (escape)
        AppendEscapedMarkup(out.text, f->text);
      else
        out.text += f->text;
      break;
    case TemplateData::Kind::kHole:
      out.marks.push_back({out.text.size(), f->hole, escape});
      break;
    case TemplateData::Kind::kFrame:
      if (escape)
        throw std::logic_error("frame '" + f->key + "' must be written {{{" + f->key + "}}}");
      for (const Frame::Mark& m : f->frame.marks())
        out.marks.push_back({out.text.size() + m.at, m.hole, m.escape});
      out.text += f->frame.text();
      break;
    case TemplateData::Kind::kFlag:
    case TemplateData::Kind::kList:
      break;
  }
}

void RenderNodes(const std::vector<Node>& nodes, std::vector<const TemplateData*>& scopes,
                 Output& out) {
  for (const Node& n : nodes) {
    switch (n.type) {
      case Node::Type::kText:
        out.text += n.text;
        break;
      case Node::Type::kEscaped:
      case Node::Type::kRaw:
        RenderVariable(n, Lookup(scopes, n.text), out);
        break;
      case Node::Type::kInverted:
        if (!Truthy(Lookup(scopes, n.text))) RenderNodes(n.children, scopes, out);
        break;
      case Node::Type::kSection: {
        const auto* f = Lookup(scopes, n.text);
        if (!Truthy(f)) break;
        if (f->kind != TemplateData::Kind::kList) {
          RenderNodes(n.children, scopes, out);
          break;
        }
        for (const TemplateData& item : f->list) {
          scopes.push_back(&item);
          RenderNodes(n.children, scopes, out);
          scopes.pop_back();
        }
        break;
      }
      case Node::Type::kRoot:
        break;
    }
  }
}

}  // namespace

TemplateData::Field& TemplateData::Slot(const std::string& key) {
  for (Field& f : fields_) {
    if (f.key == key) return f;
  }
  Field& added = fields_.emplace_back();
  added.key = key;
  return added;
}

void TemplateData::set(const std::string& key, std::string text) {
  Field& f = Slot(key);
  f.kind = Kind::kText;
  f.text = std::move(text);
}

void TemplateData::set(const std::string& key, bool flag) {
  Field& f = Slot(key);
  f.kind = Kind::kFlag;
  f.flag = flag;
}

void TemplateData::set(const std::string& key, TemplateList list) {
  Field& f = Slot(key);
  f.kind = Kind::kList;
  f.list = std::move(list);
}

void TemplateData::set(const std::string& key, Frame frame) {
  Field& f = Slot(key);
  f.kind = Kind::kFrame;
  f.frame = std::move(frame);
}

void TemplateData::hole(const std::string& key, size_t number) {
  Field& f = Slot(key);
  f.kind = Kind::kHole;
  f.hole = number;
}

Frame::Frame(std::string text, std::vector<Mark> marks)
    : text_(std::move(text)), marks_(std::move(marks)) {
  for (const Mark& m : marks_) holes_ = std::max(holes_, m.hole + 1);
}

std::string Frame::Fill(const std::vector<std::string>& values) const {
  if (values.size() != holes_) {
    throw std::logic_error("a frame with " + std::to_string(holes_) + " holes was given " +
                           std::to_string(values.size()) + " values");
  }
  size_t size = text_.size();
  for (const Mark& m : marks_) size += values[m.hole].size() + (m.escape ? 16 : 0);
  std::string out;
  out.reserve(size);
  size_t at = 0;
  for (const Mark& m : marks_) {
    out.append(text_, at, m.at - at);
    if (m.escape)
      AppendEscapedMarkup(out, values[m.hole]);
    else
      out += values[m.hole];
    at = m.at;
  }
  out.append(text_, at, std::string::npos);
  return out;
}

std::shared_ptr<const Frame> FrameCache::Get(const std::string& key,
                                             const std::function<Frame()>& build) {
  {
    std::shared_lock lock(mutex_);
    auto it = frames_.find(key);
    if (it != frames_.end()) return it->second;
  }
  // Built outside the lock: two threads may both build a missing frame; both results are equal.
  auto frame = std::make_shared<const Frame>(build());
  std::unique_lock lock(mutex_);
  if (frames_.size() >= capacity_) frames_.clear();
  return frames_.emplace(key, std::move(frame)).first->second;
}

size_t FrameCache::size() const {
  std::shared_lock lock(mutex_);
  return frames_.size();
}

const TemplateData::Field* TemplateData::Find(const std::string& key) const {
  for (const Field& f : fields_) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

namespace {

// The {{name}} tags in `text`, sorted: what a translation must keep.
std::vector<std::string> TagsOf(const std::string& text) {
  std::vector<std::string> tags;
  for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    const size_t end = text.find("}}", at);
    tags.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end + 2 - at));
  }
  std::sort(tags.begin(), tags.end());
  return tags;
}

}  // namespace

std::string TranslateTemplate(const std::string& source, const std::locale& locale) {
  static const std::string kOpen = "{{#t", kClose = "{{/t}}";
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = source.find(kOpen, pos);
    while (open != std::string::npos && source.compare(open + kOpen.size(), 2, "}}") != 0 &&
           source.compare(open + kOpen.size(), 1, ":") != 0) {
      open = source.find(kOpen, open + 1);  // {{#title}} and the like: a section, not a text
    }
    if (open == std::string::npos) break;
    const size_t tag_end = source.find("}}", open);
    const size_t close = source.find(kClose, tag_end);
    if (close == std::string::npos) break;
    out.append(source, pos, open - pos);
    const size_t text_at = tag_end + 2;
    const std::string text = source.substr(text_at, close - text_at);
    const bool has_context = source[open + kOpen.size()] == ':';
    const std::string context =
        has_context ? source.substr(open + kOpen.size() + 1, tag_end - open - kOpen.size() - 1)
                    : "";
    std::string translated =
        has_context ? TrC(locale, context.c_str(), text.c_str()) : Tr(locale, text.c_str());
    // A translation that lost or changed a {{name}} would break the page: English instead.
    if (translated != text && TagsOf(translated) != TagsOf(text)) translated = text;
    // The values' tags stay tags; only the words around them are escaped.
    size_t at = 0;
    for (size_t tag = translated.find("{{"); tag != std::string::npos;
         tag = translated.find("{{", at)) {
      const size_t end = translated.find("}}", tag);
      if (end == std::string::npos) break;
      out += HtmlEscape(translated.substr(at, tag - at));
      out.append(translated, tag, end + 2 - tag);
      at = end + 2;
    }
    out += HtmlEscape(translated.substr(at));
    pos = close + kClose.size();
  }
  out.append(source, pos, std::string::npos);
  return out;
}

Result<std::unique_ptr<Templates>> Templates::Load(const std::string& directory,
                                                   const Catalogs& catalogs) {
  auto templates = std::make_unique<Templates>();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    for (const std::string& lang : kUnLanguages) {
      auto node = std::make_shared<Node>();
      size_t line = 0;
      std::string error;
      if (!Compile(TranslateTemplate(text.str(), catalogs.For(lang)), *node, line, error)) {
        return Error::Of(ErrorCode::kInvalidInput,
                         entry.path().string() + ":" + std::to_string(line),
                         METER_N("the template does not parse: {1}"), {error});
      }
      templates->compiled_[{lang, entry.path().stem().string()}] = std::move(node);
    }
  }
  if (ec || templates->compiled_.empty()) {
    return Error::Of(ErrorCode::kUnavailable, directory,
                     METER_N("no templates found in this folder"));
  }
  return templates;
}

namespace {

Output RenderCompiled(const Node& root, const TemplateData& data) {
  Output out;
  out.text.reserve(16384);
  std::vector<const TemplateData*> scopes = {&data};
  RenderNodes(root.children, scopes, out);
  return out;
}

}  // namespace

const Templates::Node& Templates::Compiled(const std::string& name, const std::string& lang) const {
  auto it = compiled_.find({lang, name});
  if (it == compiled_.end()) it = compiled_.find({"en", name});
  if (it == compiled_.end()) throw std::out_of_range("no template " + name);
  return *it->second;
}

Frame Templates::RenderFrame(const std::string& name, const TemplateData& data,
                             const std::string& lang) const {
  Output out = RenderCompiled(Compiled(name, lang), data);
  return Frame(std::move(out.text), std::move(out.marks));
}

std::string Templates::Render(const std::string& name, const TemplateData& data,
                              const std::string& lang) const {
  Output out = RenderCompiled(Compiled(name, lang), data);
  if (!out.marks.empty()) throw std::logic_error("template " + name + " rendered with holes");
  return std::move(out.text);
}

}  // namespace meter
