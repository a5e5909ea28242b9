// ReadYaml: libyaml's parser events into YamlNodeData (see yaml_tree.h for what is refused).
#include <yaml.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "core/problem.h"
#include "core/yaml_positions.h"
#include "core/yaml_tree_data.h"

namespace meter {

YamlDocument::YamlDocument() : storage_(std::make_unique<Storage>()) {}
YamlDocument::~YamlDocument() = default;
YamlDocument::YamlDocument(YamlDocument&&) noexcept = default;
YamlDocument& YamlDocument::operator=(YamlDocument&&) noexcept = default;

YamlNode YamlDocument::root() const {
  static const YamlNodeData kEmpty;  // an empty document: null, with no place
  return YamlNode(storage_ && storage_->root ? storage_->root : &kEmpty);
}

namespace {

using Kind = YamlNodeData::Kind;

// Parsing is over when an event is the end of the stream or something is wrong.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, YamlDocument::Storage& storage)
      : positions_(text), storage_(storage) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
    // With the encoding set, libyaml reads a byte-order mark as a character: it is skipped here
    // (YamlPositions counts from after it). An empty view may have no data at all.
    const std::string_view input = text.substr(text.substr(0, 3) == kUtf8Bom ? 3 : 0);
    yaml_parser_set_input_string(
        &parser_, reinterpret_cast<const unsigned char*>(input.data() ? input.data() : ""),
        input.size());
  }
  ~TreeBuilder() { yaml_parser_delete(&parser_); }
  TreeBuilder(const TreeBuilder&) = delete;
  TreeBuilder& operator=(const TreeBuilder&) = delete;

  std::optional<YamlError> Run() {
    while (!error_) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser_, &event)) return ParserError();
      const bool end = event.type == YAML_STREAM_END_EVENT;
      Take(event);
      yaml_event_delete(&event);
      if (end) break;
    }
    return std::move(error_);
  }

 private:
  // A collection being read, with an index of its keys once a map has many.
  struct Open {
    YamlNodeData* node;
    std::string anchor;
    // The scalar keys by text, once the map has many; a null key is kept apart (`~` and `""`
    // are different keys, with the same empty text).
    std::unique_ptr<std::unordered_map<std::string_view, const YamlNodeData*>> keys;
    const YamlNodeData* null_key = nullptr;
  };
  static constexpr size_t kIndexKeysFrom = 16;

  void Take(const yaml_event_t& event) {
    const YamlMark mark = positions_.At(event.start_mark.line, event.start_mark.column);
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > 1) {
          Fail(mark, METER_N("the file holds a second YAML document (starting with '---' here); "
                             "keep one document per file"));
        }
        break;
      case YAML_SCALAR_EVENT:
        Scalar(event, mark);
        break;
      case YAML_SEQUENCE_START_EVENT:
        Start(Kind::kSequence, event.data.sequence_start.anchor, mark);
        break;
      case YAML_MAPPING_START_EVENT:
        Start(Kind::kMap, event.data.mapping_start.anchor, mark);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        End();
        break;
      case YAML_ALIAS_EVENT:
        Alias(reinterpret_cast<const char*>(event.data.alias.anchor), mark);
        break;
      default:
        break;
    }
  }

  void Scalar(const yaml_event_t& event, YamlMark mark) {
    const auto& s = event.data.scalar;
    std::string_view text(reinterpret_cast<const char*>(s.value), s.length);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE && !s.tag;
    const bool null = plain && (text.empty() || text == "~" || text == "null" || text == "Null" ||
                                text == "NULL");
    YamlNodeData& node = storage_.nodes.emplace_back();
    node.kind = null ? Kind::kNull : Kind::kScalar;
    node.mark = mark;
    if (!null) node.scalar = text;
    Add(&node);
    if (s.anchor) anchors_[reinterpret_cast<const char*>(s.anchor)] = &node;
  }

  void Start(Kind kind, const yaml_char_t* anchor, YamlMark mark) {
    if (open_.size() >= kMaxYamlDepth) {
      Fail(mark, METER_N("the YAML nests deeper than {1} levels"), {std::to_string(kMaxYamlDepth)});
      return;
    }
    YamlNodeData& node = storage_.nodes.emplace_back();
    node.kind = kind;
    node.mark = mark;
    open_.push_back({&node, anchor ? reinterpret_cast<const char*>(anchor) : "", nullptr});
  }

  void End() {
    Open done = std::move(open_.back());
    open_.pop_back();
    if (done.node->walked > storage_.nodes.size() + kMaxYamlAliasedNodes) {
      Fail(done.node->mark,
           METER_N("the aliases ('*name') in this YAML repeat more than {1} nodes; write the "
                   "repeated parts out or repeat less"),
           {std::to_string(kMaxYamlAliasedNodes)});
      return;
    }
    if (!done.anchor.empty()) anchors_[done.anchor] = done.node;
    Add(done.node);
  }

  void Alias(const char* anchor, YamlMark mark) {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      Fail(mark, METER_N("the alias '*{1}' names no anchor ('&{1}') defined before it"), {anchor});
      return;
    }
    Add(found->second);
  }

  // Puts a finished node into the collection being read, or makes it the document's root.
  void Add(const YamlNodeData* node) {
    if (open_.empty()) {
      if (!storage_.root) storage_.root = node;
      return;
    }
    Open& parent = open_.back();
    auto& children = parent.node->children;
    if (parent.node->kind == Kind::kMap && children.size() % 2 == 0 && !Key(parent, node)) return;
    children.push_back(node);
    parent.node->walked += node->walked;
  }

  // False, with the error, when `key` is a collection or is given twice in `map`.
  bool Key(Open& map, const YamlNodeData* key) {
    if (key->kind == Kind::kSequence || key->kind == Kind::kMap) {
      Fail(key->mark, METER_N("a key must be a text, not a mapping or a list"));
      return false;
    }
    const YamlNodeData* first = nullptr;
    const auto& children = map.node->children;
    if (key->kind == Kind::kNull) {
      first = map.null_key;
    } else if (map.keys) {
      const auto found = map.keys->find(key->scalar);
      if (found != map.keys->end()) first = found->second;
    } else {
      for (size_t i = 0; i < children.size() && !first; i += 2) {
        if (children[i]->kind == key->kind && children[i]->scalar == key->scalar) {
          first = children[i];
        }
      }
    }
    if (first) {
      const YamlMark at = first->mark;
      Fail(key->mark, METER_N("the key '{1}' is given twice in this mapping (first at {2})"),
           {key->kind == Kind::kNull ? "~" : key->scalar,
            std::to_string(at.line) + ":" + std::to_string(at.column)});
      return false;
    }
    if (key->kind == Kind::kNull) {
      map.null_key = key;
      return true;
    }
    if (!map.keys && children.size() / 2 + 1 >= kIndexKeysFrom) {
      map.keys = std::make_unique<std::unordered_map<std::string_view, const YamlNodeData*>>();
      for (size_t i = 0; i < children.size(); i += 2) {
        if (children[i]->kind == Kind::kScalar) map.keys->emplace(children[i]->scalar, children[i]);
      }
    }
    if (map.keys) map.keys->emplace(key->scalar, key);
    return true;
  }

  void Fail(YamlMark mark, const char* message, std::vector<std::string> args = {}) {
    if (!error_) error_ = YamlError{mark, message, std::move(args)};
  }

  // libyaml's own words: the problem, and what it was reading when it met it.
  YamlError ParserError() {
    if (parser_.error == YAML_MEMORY_ERROR) {
      return {YamlMark(), METER_N("not valid YAML: {1}"), {"out of memory"}};
    }
    std::string message = parser_.problem ? parser_.problem : "unknown error";
    if (parser_.error == YAML_READER_ERROR) {
      return {
          positions_.AtOffset(parser_.problem_offset), METER_N("not valid YAML: {1}"), {message}};
    }
    if (parser_.context) {
      const YamlMark from = positions_.At(parser_.context_mark.line, parser_.context_mark.column);
      message += std::string(" ") + parser_.context + " that starts at " +
                 std::to_string(from.line) + ":" + std::to_string(from.column);
    }
    return {positions_.At(parser_.problem_mark.line, parser_.problem_mark.column),
            METER_N("not valid YAML: {1}"),
            {message}};
  }

  YamlPositions positions_;
  YamlDocument::Storage& storage_;
  yaml_parser_t parser_;
  std::vector<Open> open_;
  std::unordered_map<std::string, const YamlNodeData*> anchors_;
  size_t documents_ = 0;
  std::optional<YamlError> error_;
};

}  // namespace

std::optional<YamlError> ReadYaml(std::string_view text, YamlDocument& out) {
  auto storage = std::make_unique<YamlDocument::Storage>();
  std::optional<YamlError> error = TreeBuilder(text, *storage).Run();
  out.storage_ = error ? std::make_unique<YamlDocument::Storage>() : std::move(storage);
  return error;
}

}  // namespace meter
