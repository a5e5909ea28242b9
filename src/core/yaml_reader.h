// Reading YAML with positions: a private helper of the loaders in core (not installed, not used
// outside core), over the tree of core/yaml_tree.h. Every read that finds something wrong adds a
// Problem with "file:line:column" to the ProblemList and returns a default, so that one pass
// reports every problem at once.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "core/text.h"
#include "core/yaml_tree.h"

namespace meter {

class ProblemList {
 public:
  explicit ProblemList(std::string file) : file_(std::move(file)) {}
  // Adds a problem at the node's position (at the file when the node has none).
  void At(const YamlNode& node, std::string message, std::vector<std::string> args = {});
  void AtMark(YamlMark mark, std::string message, std::vector<std::string> args = {});
  bool empty() const { return problems_.empty(); }
  const std::string& file() const { return file_; }
  std::vector<Problem> Take() { return std::move(problems_); }

 private:
  std::string file_;
  std::vector<Problem> problems_;
};

// "line:column", 1-based, of a node.
std::string Position(const YamlNode& node);

// The messages about one kind of mapping, each a whole sentence marked with METER_N (a name put
// into a shared sentence would not agree with it in every language).
struct MapMessages {
  const char* not_a_map;    // "a pillar must be a mapping of keys to values"
  const char* unknown_key;  // "a pillar has an unknown key '{1}'"
};

// Reports every key of `map` that is not in `allowed`. Returns false when `map` is not a map.
bool CheckMap(const YamlNode& map, const MapMessages& what,
              std::initializer_list<std::string_view> allowed, ProblemList& problems);

// A required scalar; reports a missing or non-scalar value at `map`.
std::optional<std::string> RequiredString(const YamlNode& map, const char* key,
                                          ProblemList& problems);

// An optional positive, finite number; `fallback` when absent.
double OptionalWeight(const YamlNode& map, const char* key, double fallback, ProblemList& problems);

// The keys of a text map that are not languages: the fingerprint of the English the translations
// were made from, and the languages whose translation awaits review.
inline constexpr const char* kSourceKey = "source";
inline constexpr const char* kFuzzyKey = "fuzzy";

// A text: a map from each of `languages` to a non-empty string. Reports a missing English text, a
// missing text in a declared language, and a language that is not declared. The optional
// `source` fingerprint and `fuzzy` list mark stale translations (LocalizedText::IsStale).
//
// With `all_languages` false (a draft instrument), a declared language may be missing: readers see
// English until a translator adds it, and a release requires it.
LocalizedText ReadText(const YamlNode& map, const char* key,
                       const std::vector<std::string>& languages, ProblemList& problems,
                       bool all_languages = true);

// A list of strings; reports anything else.
std::vector<std::string> StringList(const YamlNode& node, const char* what, ProblemList& problems);

}  // namespace meter
