#include "core/yaml_writer.h"

#include "core/text.h"

namespace meter {
namespace {

// Whether the second byte of a sequence led by `lead` keeps it a character: not written longer
// than it need be, not a UTF-16 surrogate, not past U+10FFFF (what a UTF-8 reader, libyaml's
// among them, refuses).
bool SecondByteFits(unsigned char lead, unsigned char second) {
  if (lead == 0xE0) return second >= 0xA0;
  if (lead == 0xED) return second < 0xA0;
  if (lead == 0xF0) return second >= 0x90;
  if (lead == 0xF4) return second < 0x90;
  return true;
}

// The code point at `i` and its length; U+FFFD for a byte that starts no valid sequence.
std::pair<char32_t, size_t> CodePointAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const size_t length = lead < 0x80                   ? 1
                        : lead >= 0xC2 && lead < 0xE0 ? 2
                        : lead >= 0xE0 && lead < 0xF0 ? 3
                        : lead >= 0xF0 && lead < 0xF5 ? 4
                                                      : 0;
  if (length == 0 || i + length > text.size()) return {0xFFFD, 1};
  if (length == 1) return {lead, 1};
  if (!SecondByteFits(lead, byte(i + 1))) return {0xFFFD, 1};
  char32_t point = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    point = (point << 6) | (byte(i + k) & 0x3F);
  }
  return {point, length};
}

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
    const auto [point, length] = CodePointAt(text, i);
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
