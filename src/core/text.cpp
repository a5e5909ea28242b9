#include "core/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace meter {

LocalizedText::Shown LocalizedText::Show(std::string_view lang) const {
  static const std::string kEmpty;
  if (auto it = texts_.find(lang); it != texts_.end() && !IsStale(lang)) {
    return {it->second, it->first};
  }
  if (auto it = texts_.find("en"); it != texts_.end()) return {it->second, "en"};
  return {kEmpty, "en"};
}

std::string SourceFingerprint(std::string_view english) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : english) {
    hash ^= c;
    hash *= 16777619u;
  }
  char out[9];
  std::snprintf(out, sizeof out, "%08x", hash);
  return out;
}

void AppendDoubleQuoted(std::string& out, char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += c;
  }
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

namespace {

// French, Russian and Spanish write a decimal comma; the UN's Arabic, Chinese and English
// documents a decimal point. Every language uses the digits 0-9, as UN documents do.
bool DecimalComma(std::string_view lang) { return lang == "fr" || lang == "ru" || lang == "es"; }

}  // namespace

std::string LocalizeNumber(std::string_view plain, std::string_view lang) {
  std::string out(plain);
  if (!DecimalComma(lang)) return out;
  for (size_t i = 1; i + 1 < out.size(); ++i) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (out[i] == '.' && digit(out[i - 1]) && digit(out[i + 1])) out[i] = ',';
  }
  return out;
}

std::string OneDecimal(const std::optional<double>& value, std::string_view lang) {
  return LocalizeNumber(OneDecimal(value), lang);
}

std::string Decimals(const std::optional<double>& value, int decimals, std::string_view lang) {
  if (!value) return "";
  char buf[400];  // a fixed-notation double has at most about 330 characters
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *value);
  return LocalizeNumber(buf, lang);
}

std::string PercentOf(const std::optional<double>& ratio, std::string_view lang) {
  if (!ratio) return "";
  const std::string number = OneDecimal(*ratio * 100, lang);
  // French sets the sign apart with a narrow no-break space, Russian and Spanish with a no-break
  // space; the others write it close up.
  if (lang == "fr") return number + "\u202F%";
  if (lang == "ru" || lang == "es") return number + "\u00A0%";
  return number + "%";
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
