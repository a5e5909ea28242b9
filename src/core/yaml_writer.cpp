#include "core/yaml_writer.h"

#include "core/text.h"
#include "core/utf8.h"

namespace meter {
namespace {

void AppendEscape(std::string& out, char32_t point) {
  static const char kHex[] = "0123456789abcdef";
  const int digits = point < 0xFF ? 2 : 4;
  out += digits == 2 ? "\\x" : "\\u";
  for (int d = digits - 1; d >= 0; --d) out += kHex[(point >> (4 * d)) & 0xF];
}

}  // namespace

std::string YamlDoubleQuoted(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const auto [point, length] = DecodeUtf8At(text, i);
    if (point == '"' || point == '\\' || point == '\n' || point == '\t') {
      AppendDoubleQuoted(out, static_cast<char>(point));
    } else if (point == '\r' || point == '\b' || point == '\f') {
      out += point == '\r' ? "\\r" : point == '\b' ? "\\b" : "\\f";
    } else if (point < 0x20 || (point >= 0x7F && point <= 0xA0) || point == 0x2028 ||
               point == 0x2029 || point == 0xFEFF || point == 0xFFFE || point == 0xFFFF) {
      AppendEscape(out, point);
    } else if (point == 0xFFFD && length == 1) {
      out += "\xEF\xBF\xBD";  // a byte that starts no character, as yaml-cpp wrote it
    } else {
      out += text.substr(i, length);
    }
    i += length;
  }
  return out + "\"";
}

void YamlBlockWriter::Line(std::string_view line) {
  if (!text_.empty()) text_ += '\n';
  text_ += line;
}

void YamlBlockWriter::Value(std::string_view key, std::string_view value) {
  Line(std::string(key) + ": " + std::string(value));
}

void YamlBlockWriter::Map(std::string_view key, const Entries& entries) {
  Line(std::string(key) + ":");
  if (entries.empty()) Line("  {}");
  for (const auto& [k, v] : entries) Line("  " + k + ": " + v);
}

void YamlBlockWriter::FlowList(std::string_view key, const std::vector<std::string>& items) {
  std::string line = std::string(key) + ": [";
  for (size_t i = 0; i < items.size(); ++i) line += (i ? ", " : "") + items[i];
  Line(line + "]");
}

void YamlBlockWriter::MapList(std::string_view key, const std::vector<Entries>& maps) {
  Line(std::string(key) + ":");
  if (maps.empty()) Line("  []");
  for (const Entries& map : maps) {
    if (map.empty()) Line("  - {}");
    for (size_t i = 0; i < map.size(); ++i) {
      Line((i ? "    " : "  - ") + map[i].first + ": " + map[i].second);
    }
  }
}

}  // namespace meter
