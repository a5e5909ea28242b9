#include "web/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>

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
  }
  return false;
}

void RenderNodes(const std::vector<Node>& nodes, std::vector<const TemplateData*>& scopes,
                 std::string& out) {
  for (const Node& n : nodes) {
    switch (n.type) {
      case Node::Type::kText:
        out += n.text;
        break;
      case Node::Type::kEscaped:
      case Node::Type::kRaw: {
        const auto* f = Lookup(scopes, n.text);
        if (f && f->kind == TemplateData::Kind::kText)
          out += n.type == Node::Type::kRaw ? f->text : HtmlEscape(f->text);
        break;
      }
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
  fields_.push_back(Field{key, Kind::kText, "", false, {}});
  return fields_.back();
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

const TemplateData::Field* TemplateData::Find(const std::string& key) const {
  for (const Field& f : fields_) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string TranslateTemplate(const std::string& source, const std::locale& locale) {
  static const std::string kOpen = "{{#t}}", kClose = "{{/t}}";
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = source.find(kOpen, pos);
    if (open == std::string::npos) break;
    const size_t close = source.find(kClose, open);
    if (close == std::string::npos) break;
    out.append(source, pos, open - pos);
    const std::string text = source.substr(open + kOpen.size(), close - open - kOpen.size());
    out += HtmlEscape(Tr(locale, text.c_str()));
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

std::string Templates::Render(const std::string& name, const TemplateData& data,
                              const std::string& lang) const {
  auto it = compiled_.find({lang, name});
  if (it == compiled_.end()) it = compiled_.find({"en", name});
  if (it == compiled_.end()) throw std::out_of_range("no template " + name);
  std::string out;
  out.reserve(16384);
  std::vector<const TemplateData*> scopes = {&data};
  RenderNodes(it->second->children, scopes, out);
  return out;
}

}  // namespace meter
