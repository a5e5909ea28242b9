#include "core/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace meter {

const std::string& LocalizedText::Get(std::string_view lang) const {
  static const std::string kEmpty;
  if (auto it = texts_.find(lang); it != texts_.end()) return it->second;
  if (auto it = texts_.find("en"); it != texts_.end()) return it->second;
  return kEmpty;
}

void AppendEscapedMarkup(std::string& out, std::string_view text) {
  size_t plain = 0;  // start of the run of characters that need no escaping
  for (size_t i = 0; i < text.size(); ++i) {
    const char* entity = nullptr;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.data() + plain, i - plain);
    out += entity;
    plain = i + 1;
  }
  out.append(text.data() + plain, text.size() - plain);
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscapedMarkup(out, text);
  return out;
}

std::string OneDecimal(const std::optional<double>& value) {
  if (!value) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *value);
  return buf;
}

std::string PercentOf(const std::optional<double>& ratio) {
  return ratio ? OneDecimal(*ratio * 100) + "%" : "";
}

std::string PlainNumber(double value) {
  char buf[400];  // a fixed-notation double has at most about 330 characters
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(value);
}

std::optional<double> ParseDecimal(std::string_view text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace meter
