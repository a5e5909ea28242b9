// YamlNode's accessors and the scalar conversions of yaml-cpp 0.7 (see yaml_tree.h).
#include <cctype>
#include <limits>
#include <sstream>

#include "core/yaml_tree_data.h"

namespace meter {

bool YamlNode::IsNull() const { return data_ && data_->kind == YamlNodeData::Kind::kNull; }
bool YamlNode::IsScalar() const { return data_ && data_->kind == YamlNodeData::Kind::kScalar; }
bool YamlNode::IsSequence() const { return data_ && data_->kind == YamlNodeData::Kind::kSequence; }
bool YamlNode::IsMap() const { return data_ && data_->kind == YamlNodeData::Kind::kMap; }

const std::string& YamlNode::Scalar() const {
  static const std::string kNone;
  return IsScalar() ? data_->scalar : kNone;
}

size_t YamlNode::size() const {
  if (IsSequence()) return data_->children.size();
  if (IsMap()) return data_->children.size() / 2;
  return 0;
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return YamlNode();
  const auto& children = data_->children;
  for (size_t i = 0; i + 1 < children.size(); i += 2) {
    if (children[i]->kind == YamlNodeData::Kind::kScalar && children[i]->scalar == key) {
      return YamlNode(children[i + 1]);
    }
  }
  return YamlNode();
}

YamlNode YamlNode::Item(size_t index) const {
  if (!IsSequence() || index >= data_->children.size()) return YamlNode();
  return YamlNode(data_->children[index]);
}

YamlItems YamlNode::Items() const {
  if (!IsSequence()) return YamlItems(nullptr, nullptr);
  const auto& children = data_->children;
  return YamlItems(children.data(), children.data() + children.size());
}

YamlEntries YamlNode::Entries() const {
  if (!IsMap()) return YamlEntries(nullptr, nullptr);
  const auto& children = data_->children;
  return YamlEntries(children.data(), children.data() + children.size());
}

YamlMark YamlNode::Mark() const { return data_ ? data_->mark : YamlMark(); }

namespace {

// yaml-cpp's ConvertStreamTo: the whole text read, trailing white space allowed.
template <typename T>
bool ReadInFull(const std::string& text, T& value) {
  std::stringstream stream(text);
  stream.unsetf(std::ios::dec);  // integers in the base their prefix says, as yaml-cpp read them
  T read{};
  if ((stream >> std::noskipws >> read) && (stream >> std::ws).eof()) {
    value = read;
    return true;
  }
  return false;
}

bool OneOf(const std::string& text, std::initializer_list<const char*> spellings) {
  for (const char* s : spellings) {
    if (text == s) return true;
  }
  return false;
}

// "true", "TRUE" or "True", not "tRue".
bool IsFlexibleCase(const std::string& text) {
  if (text.empty()) return true;
  bool lower = true, upper = true, rest_lower = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    lower = lower && !std::isupper(c);
    upper = upper && !std::islower(c);
    if (i > 0) rest_lower = rest_lower && !std::isupper(c);
  }
  return lower || upper || rest_lower;
}

}  // namespace

bool YamlToDouble(const YamlNode& node, double& value) {
  if (!node.IsScalar()) return false;
  const std::string& text = node.Scalar();
  if (ReadInFull(text, value)) return true;
  if (OneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    value = std::numeric_limits<double>::infinity();
  } else if (OneOf(text, {"-.inf", "-.Inf", "-.INF"})) {
    value = -std::numeric_limits<double>::infinity();
  } else if (OneOf(text, {".nan", ".NaN", ".NAN"})) {
    value = std::numeric_limits<double>::quiet_NaN();
  } else {
    return false;
  }
  return true;
}

bool YamlToInt(const YamlNode& node, int& value) {
  return node.IsScalar() && ReadInFull(node.Scalar(), value);
}

bool YamlToBool(const YamlNode& node, bool& value) {
  if (!node.IsScalar() || !IsFlexibleCase(node.Scalar())) return false;
  std::string lower = node.Scalar();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (OneOf(lower, {"y", "yes", "true", "on"})) {
    value = true;
  } else if (OneOf(lower, {"n", "no", "false", "off"})) {
    value = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace meter
