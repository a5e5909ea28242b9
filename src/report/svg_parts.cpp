// The pieces every SVG chart of METER is made of (svg_parts.h).
#include "report/svg_parts.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"
#include "i18n/i18n.h"
#include "report/svg_charts.h"

namespace meter::svg {
namespace {

// The width of code point `c` in units of an average Latin letter: 2 for the wide characters of
// East Asian scripts, 1 for the rest. An estimate, enough to decide where a label wraps.
size_t CharUnits(char32_t c) {
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
  return wide ? 2 : 1;
}

}  // namespace

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Shown(double v, const std::locale& locale) { return Shown(v, LanguageOf(locale)); }

std::string Shown(double v, std::string_view lang) {
  return OneDecimal(std::optional<double>(v), lang);
}

// Fill colours by band; text on them is dark or light for contrast. Colour is never the only
// carrier: every cell and bar also states its number.

const char* BandFill(Band band) {
  switch (band) {
    case Band::kLow:
      return "#f2938c";
    case Band::kMiddle:
      return "#ffbe2e";
    case Band::kHigh:
      return "#70e17b";
    case Band::kVeryHigh:
      return "#2e8540";
  }
  return kNoData;
}

std::string Open(const std::string& id, int width, int height, const std::string& title,
                 const std::string& desc) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " +
         std::to_string(width) + " " + std::to_string(height) + "\" width=\"" +
         std::to_string(width) + "\" height=\"" + std::to_string(height) +
         "\" direction=\"ltr\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
         "-desc\" font-family=\"Noto "
         "Sans, Source Sans Pro, sans-serif\" font-size=\"12\"><title id=\"" +
         id + "-title\">" + XmlEscape(title) + "</title><desc id=\"" + id + "-desc\">" +
         XmlEscape(desc) + "</desc>";
}

std::string Text(double x, double y, const std::string& text, const char* anchor,
                 const char* extra) {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
         ">" + XmlEscape(text) + "</text>";
}

// At most `max` characters (code points, not bytes, so that UTF-8 is never cut in the middle of a
// character), with "…" in place of what is left out.
std::string Shorten(const std::string& text, size_t max) {
  size_t chars = 0, cut = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max - 1) cut = i;
    if (++chars > max) return text.substr(0, cut) + "…";
  }
  return text;
}

// The code points of `text` as byte ranges, so that text is only ever cut between characters.
std::vector<Char> Chars(const std::string& text) {
  std::vector<Char> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    const size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    char32_t c = n == 1 ? b : b & (0xFF >> (n + 1));
    for (size_t k = 1; k < n && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back({i, std::min(n, text.size() - i), CharUnits(c)});
    i += n;
  }
  return out;
}

// `text` in lines of at most `max_units` (CharUnits), broken at spaces; a word longer than a line
// is broken where the line is full. Nothing is left out.
std::vector<std::string> Wrap(const std::string& text, size_t max_units) {
  std::vector<std::string> lines;
  std::string line, word;
  size_t line_units = 0, word_units = 0;
  auto end_word = [&] {
    if (word.empty()) return;
    if (!line.empty() && line_units + 1 + word_units > max_units) {
      lines.push_back(line);
      line.clear();
      line_units = 0;
    }
    line += (line.empty() ? "" : " ") + word;
    line_units += (line_units ? 1 : 0) + word_units;
    word.clear();
    word_units = 0;
  };
  for (const Char& c : Chars(text)) {
    if (text[c.at] == ' ') {
      end_word();
      continue;
    }
    if (word_units + c.units > max_units) {  // a word wider than a line: break it here
      end_word();
      lines.push_back(line);
      line.clear();
      line_units = 0;
    }
    word.append(text, c.at, c.size);
    word_units += c.units;
  }
  end_word();
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// A <text> of several lines, `line_height` apart, the first on baseline `y`.
std::string Lines(double x, double y, const std::vector<std::string>& lines, double line_height,
                  const char* anchor) {
  std::string svg =
      "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\">";
  for (size_t i = 0; i < lines.size(); ++i) {
    svg += "<tspan x=\"" + Num(x) + "\" dy=\"" + (i ? Num(line_height) : "0") + "\">" +
           XmlEscape(lines[i]) + "</tspan>";
  }
  return svg + "</text>";
}

// The legend of the band colours below a chart that uses them: a swatch and the band's name for
// each band (and for "no score" when `no_data`), in rows as wide as `width`, from baseline `y`.
// Returns the SVG; `y` is moved below the last row.
std::string BandLegend(const std::locale& locale, double width, bool no_data, double& y) {
  std::vector<std::pair<std::string, const char*>> entries;
  for (Band b : {Band::kLow, Band::kMiddle, Band::kHigh, Band::kVeryHigh}) {
    entries.push_back({Tr(locale, BandName(b)), BandFill(b)});
  }
  if (no_data) entries.push_back({Tr(locale, "insufficient data"), kNoData});
  std::string svg = "<g class=\"chart-legend band-legend\">";
  double x = 20;
  for (const auto& [label, fill] : entries) {
    size_t units = 0;
    for (const Char& c : Chars(label)) units += c.units;
    const double advance = 22 + static_cast<double>(units) * kUnitWidth + 18;
    if (x > 20 && x + advance > width) {
      x = 20;
      y += 20;
    }
    svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y - 11) +
           "\" width=\"14\" height=\"14\" fill=\"" + fill +
           "\" stroke=\"#565c65\" stroke-width=\"0.5\"/>" + Text(x + 20, y, label);
    x += advance;
  }
  y += 20;
  return svg + "</g>";
}

}  // namespace meter::svg
