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

std::string EscapeMarkup(std::string_view text) {
  const size_t first = text.find_first_of("&<>\"'");
  if (first == std::string_view::npos) return std::string(text);  // the usual case
  std::string out;
  out.reserve(text.size() + 16);
  out.append(text.substr(0, first));
  for (char c : text.substr(first)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
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
