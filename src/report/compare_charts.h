// The comparison page's charts (issue 14), as SVG in the style of svg_charts.h (role="img", a
// <title> and a <desc> that state the numbers, real <text> labels, presentation attributes only):
//
// - ComparisonGrid: countries × pillars, each cell coloured by band and labelled with its score,
// the
//   overall index as a bar with its number, a row of each region's average after its countries.
//   A grid rather than grouped bars: with six pillars, thirty countries make 180 bars, which no
//   one reads on a slide, while a grid stays legible at 26 px a row. For 193 countries the page
//   filters by region (the largest, Africa, has 54 members: a grid 1 500 px tall).
// - ScatterChart: the survey's index (0–1) across, the METER score (0–100) up, a dot per country
//   with its name as tooltip, the least-squares line over the countries' survey range, and the
//   names of the countries furthest above and below it written beside their dots.
//
// ChartPng draws any of them (or any SVG) into a PNG with librsvg and cairo.
//
// Pure functions; thread-safe. Labels are in `lang` (instrument texts) and `locale` (METER's
// words).
#pragma once

#include <locale>
#include <string>

#include "core/comparison.h"
#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

// `instrument` is the compared version's (for the pillars' IDs, names and order).
std::string ComparisonGrid(const Comparison& comparison, const Instrument& instrument,
                           const std::locale& locale, const std::string& lang);

// What a scatter chart is called and what its axes are (translated by the caller).
struct ScatterText {
  std::string id;     // unique on a page, a valid XML id ("egdi")
  std::string title;  // "The METER index and the EGDI"
  std::string x;      // "EGDI (latest survey year)"
  std::string y;      // "METER index"
};
std::string ScatterChart(const Scatter& scatter, const ScatterText& text,
                         const std::locale& locale);

// The slides' width of a PNG chart, in pixels.
inline constexpr int kSlidePixels = 1600;

// `svg` drawn on white, scaled to `width` pixels wide (the height keeps its proportions), as PNG
// bytes. kInvalidInput when librsvg cannot read `svg` or it has no size; kInternal when cairo
// cannot draw or write it.
Result<std::string> ChartPng(const std::string& svg, int width = kSlidePixels);

}  // namespace meter
