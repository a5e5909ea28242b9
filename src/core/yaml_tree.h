// A YAML document as a tree of METER's own, built from libyaml's parser events: what core's
// loaders (instruments, knowledge front matter, through core/yaml_reader.h) and the app's
// configuration file read. Private to core and app/config_file.cpp; libyaml itself stays inside
// yaml_tree.cpp. It replaced yaml-cpp, whose Load took ~10 times as long as libyaml's parser on
// METER 2.0's six-language instrument (docs/performance.md).
//
// What it reads as yaml-cpp 0.7's Load did, so that files mean what they meant:
// - a plain scalar that is empty, "~", "null", "Null" or "NULL", with no tag, is a null node; any
//   other scalar (quoted too) is text, never converted until a caller asks (YamlToDouble …);
// - tags are not interpreted;
// - a node's position is its first character's line and column, 1-based, the column counted in
//   bytes and only '\n' ending a line, as yaml-cpp counted them.
// What it refuses, each as a YamlError with the place (a problem stops the reading):
// - a syntax error (libyaml's words: "not valid YAML: …"), invalid UTF-8 included;
// - a key given twice in one mapping, and a key that is a mapping or a list;
// - nesting deeper than kMaxYamlDepth;
// - an alias to an anchor not defined before it; aliases are resolved by sharing the anchored
//   node, never by copying it, and a document whose aliases would add more than
//   kMaxYamlAliasedNodes nodes to a reader walking it is refused (a "billion laughs" file);
// - a second document ("---" after the first): yaml-cpp read the first and ignored the rest.
// An empty file (or only comments) is a null node with no position.
//
// Thread-safety: a YamlDocument is immutable once read; nodes are views into it, valid while it
// lives, and may be read from several threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meter {

inline constexpr size_t kMaxYamlDepth = 200;
inline constexpr size_t kMaxYamlAliasedNodes = 100000;

// 1-based; line 0 when the node has no place (an empty document, a missing node).
struct YamlMark {
  int line = 0;
  int column = 0;
  bool known() const { return line > 0; }
};

struct YamlNodeData;
struct YamlEntry;
class YamlNode;
template <typename Value, size_t kStride>
class YamlRange;
using YamlItems = YamlRange<YamlNode, 1>;
using YamlEntries = YamlRange<YamlEntry, 2>;  // a map's children are key, value, key, value …

// A view of one node. Default-constructed, or looked up and not found, it is undefined: false in
// a test, with every accessor answering "nothing" (no scalar, no items, no entries, no mark).
class YamlNode {
 public:
  YamlNode() = default;
  explicit YamlNode(const YamlNodeData* data) : data_(data) {}

  explicit operator bool() const { return data_ != nullptr; }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;

  const std::string& Scalar() const;  // the text of a scalar; "" for anything else
  size_t size() const;                // a sequence's items, a map's entries; 0 otherwise
  YamlNode operator[](std::string_view key) const;  // the value of `key` in a map, else undefined
  YamlNode Item(size_t index) const;                // a sequence's item, else undefined
  YamlItems Items() const;                          // a sequence's items; none otherwise
  YamlEntries Entries() const;                      // a map's entries in file order; none otherwise
  YamlMark Mark() const;

 private:
  const YamlNodeData* data_ = nullptr;
};

struct YamlEntry {
  YamlNode first;   // the key
  YamlNode second;  // the value
};

// The children of a sequence (one at a time: YamlNode) or of a map (key and value: YamlEntry).
template <typename Value, size_t kStride>
class YamlRange {
 public:
  class iterator {
   public:
    explicit iterator(const YamlNodeData* const* at) : at_(at) {}
    Value operator*() const {
      if constexpr (kStride == 1) {
        return YamlNode(at_[0]);
      } else {
        return {YamlNode(at_[0]), YamlNode(at_[1])};
      }
    }
    iterator& operator++() {
      at_ += kStride;
      return *this;
    }
    bool operator!=(const iterator& other) const { return at_ != other.at_; }

   private:
    const YamlNodeData* const* at_;
  };
  YamlRange(const YamlNodeData* const* begin, const YamlNodeData* const* end)
      : begin_(begin), end_(end) {}
  iterator begin() const { return iterator(begin_); }
  iterator end() const { return iterator(end_); }

 private:
  const YamlNodeData* const* begin_;
  const YamlNodeData* const* end_;
};

// What is wrong with a file: a METER_N template and its arguments, at a place (unknown when
// line is 0). libyaml's own English words come as the argument of "not valid YAML: {1}".
struct YamlError {
  YamlMark mark;
  const char* message = nullptr;
  std::vector<std::string> args;
};

// Owns every node of one document.
class YamlDocument {
 public:
  YamlDocument();
  ~YamlDocument();
  YamlDocument(YamlDocument&&) noexcept;
  YamlDocument& operator=(YamlDocument&&) noexcept;

  YamlNode root() const;

  struct Storage;

 private:
  friend std::optional<YamlError> ReadYaml(std::string_view text, YamlDocument& out);
  std::unique_ptr<Storage> storage_;
};

// Reads `text` into `out`. Returns the first problem, with `out` then holding an empty document.
std::optional<YamlError> ReadYaml(std::string_view text, YamlDocument& out);

// Conversions as yaml-cpp 0.7's convert<T>::decode did them; false (and `value` untouched) for
// anything else, a null or a non-scalar node included.
// A double: what a C++ stream reads in full ("0.5", "1e3", "+1", ".5"; trailing spaces allowed,
// leading ones not), or ".inf", "-.inf", ".nan" in their three spellings. Not "0x10", not "inf".
bool YamlToDouble(const YamlNode& node, double& value);
// An int in the base its prefix says ("0x7DF" and "03737" are 2015), within int's range.
bool YamlToInt(const YamlNode& node, int& value);
// y/yes/true/on and n/no/false/off, in lower, upper or capitalised case ("True", not "tRue").
bool YamlToBool(const YamlNode& node, bool& value);

}  // namespace meter
