// Writing the block YAML of a knowledge entry's front matter (core/knowledge.cpp), byte for byte
// as yaml-cpp 0.7's emitter wrote it, so that exported files did not change when METER stopped
// using yaml-cpp. Values are given already written (YamlDoubleQuoted, or a plain word the caller
// knows YAML reads back as the same text); keys are plain words.
//
// Not thread-safe; one writer makes one text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meter {

// "text" with yaml-cpp's escapes: \" \\ \n \t \r \b \f, \xNN for the other C0 controls and
// U+0080 to U+00A0, \ufeff for a byte order mark; everything else as it is, but for what YAML
// does not allow in a file and yaml-cpp wrote as it was (a file METER then could not read back):
// DEL as \x7f, U+FFFE and U+FFFF as \ufffe and \uffff, the line and paragraph separators (which
// YAML reads as line breaks, folding the spaces around them) as \u2028 and \u2029, and each byte of
// a surrogate, an overlong form or a sequence past U+10FFFF as U+FFFD, as for any byte that starts
// no character.
std::string YamlDoubleQuoted(std::string_view text);

class YamlBlockWriter {
 public:
  using Entries = std::vector<std::pair<std::string, std::string>>;  // written key, written value

  // key: value
  void Value(std::string_view key, std::string_view value);
  // key:\n  k: v … (or "key:\n  {}" when empty)
  void Map(std::string_view key, const Entries& entries);
  // key: [a, b]
  void FlowList(std::string_view key, const std::vector<std::string>& items);
  // key:\n  - k: v\n    k: v … (an empty map as "  - {}"; no maps as "key:\n  []")
  void MapList(std::string_view key, const std::vector<Entries>& maps);

  // The lines written, without a final line break.
  const std::string& Text() const { return text_; }

 private:
  void Line(std::string_view line);
  std::string text_;
};

}  // namespace meter
