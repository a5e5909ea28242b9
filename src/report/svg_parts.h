// The pieces every SVG chart of METER is made of: numbers, text, the <svg> element with its title
// and description, the band colours and their legend, and labels shortened or wrapped without
// cutting a UTF-8 character. Shared by svg_charts.cpp (a round's charts) and compare_charts.cpp
// (the comparison across countries), so that every chart looks and reads the same.
//
// Pure functions; thread-safe. Text arguments are escaped here; callers never escape twice.
#pragma once

#include <locale>
#include <string>
#include <string_view>
#include <vector>

#include "core/band.h"

namespace meter::svg {

// `v` with one decimal, as SVG coordinates and the charts' labels write it ("12.5").
std::string Num(double v);
// A value as text a reader sees (a label, a tooltip, a chart's description): one decimal, written
// as the language of `locale` writes numbers ("35,5" in French). Num is for coordinates only.
std::string Shown(double v, const std::locale& locale);
std::string Shown(double v, std::string_view lang);

// The fill of a cell or bar without a score.
inline constexpr const char* kNoData = "#dfe1e2";
// The fill of a score's band (the text on it is dark, or light on "Very high").
const char* BandFill(Band band);

// Opens an accessible <svg> of `width` × `height` with role="img", its <title> `title` and its
// <desc> `desc` (ids `id`-title and `id`-desc). The caller closes it with "</svg>".
std::string Open(const std::string& id, int width, int height, const std::string& title,
                 const std::string& desc);
// A <text> at (x, y); `extra` holds further attributes, with a leading space.
std::string Text(double x, double y, const std::string& text, const char* anchor = "start",
                 const char* extra = "");
// At most `max` characters (code points), with "…" in place of what is left out.
std::string Shorten(const std::string& text, size_t max);

// A code point of a text as its byte range and its width in units of an average Latin letter (2
// for the wide characters of East Asian scripts).
struct Char {
  size_t at, size;
  size_t units;
};
std::vector<Char> Chars(const std::string& text);
// Roughly how wide a line of 12 px text of one unit is.
inline constexpr double kUnitWidth = 7;
// `text` in lines of at most `max_units`, broken at spaces; nothing is left out.
std::vector<std::string> Wrap(const std::string& text, size_t max_units);
// A <text> of several lines, `line_height` apart, the first on baseline `y`.
std::string Lines(double x, double y, const std::vector<std::string>& lines, double line_height,
                  const char* anchor = "start");

// The legend of the band colours (and of "insufficient data" when `no_data`) in rows as wide as
// `width`, from baseline `y`, which is moved below the last row.
std::string BandLegend(const std::locale& locale, double width, bool no_data, double& y);

}  // namespace meter::svg
