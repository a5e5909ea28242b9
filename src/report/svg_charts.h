// The charts of a round's results, written as SVG text: small, accessible (role="img", a <title>
// and a <desc> that state the numbers, real <text> labels), and free of inline styles and scripts
// so that they pass the site's Content-Security-Policy and can be drawn into the PDF report as
// vectors. chart_tables.h gives the same data as tables, which the pages show beside each chart.
//
// Each function is pure and thread-safe; labels are in `lang` (instrument texts) and `locale`
// (METER's own words). Withheld scores are drawn as gaps and labelled "insufficient data".
#pragma once

#include <locale>
#include <map>
#include <string>
#include <vector>

#include "core/instrument.h"
#include "core/monitoring.h"
#include "core/scoring.h"

namespace meter {

// The pillar scores on a radar (one axis per pillar, 0 at the centre, 100 at the rim).
std::string RadarChart(const Instrument& instrument, const ScoreReport& report,
                       const std::locale& locale, const std::string& lang);
// The same radar with the coordinator's targets beside the current scores, and optionally a
// benchmark (a BenchmarkGroup's scores, say) to compare with, plus a legend naming each polygon.
//
// `targets` maps pillar IDs to target scores (0–100, clamped); the target polygon is dashed
// (class "radar-target") and a pillar without a target lies on its current score. `comparison`,
// when not null, maps pillar IDs to scores drawn as a dotted polygon (class "radar-comparison")
// with a marker per pillar; when it lacks a pillar only the markers are drawn, so that the outline
// never invents a value. `comparison_label` names it in the legend and the description ("Western
// Europe (5 rounds)"); the caller translates it. With no targets and no comparison this is
// RadarChart. (A separate name, not defaulted parameters on RadarChart, so that code holding
// RadarChart as a four-argument std::function keeps compiling.)
std::string RadarChartWithTargets(const Instrument& instrument, const ScoreReport& report,
                                  const std::locale& locale, const std::string& lang,
                                  const std::map<std::string, double>& targets,
                                  const std::map<std::string, double>* comparison = nullptr,
                                  const std::string& comparison_label = "");
// The sub-area scores as horizontal bars, grouped by pillar, with the band thresholds marked.
std::string SubAreaBarChart(const Instrument& instrument, const ScoreReport& report,
                            const std::locale& locale, const std::string& lang);
// Groups × pillars, each cell coloured by band and labelled with its score and its band's name (so
// that colour is never the only cue), plus each pillar's gap.
std::string GroupHeatmap(const Instrument& instrument, const ScoreReport& report,
                         const std::locale& locale, const std::string& lang);

// Each pillar's score across a country's rounds (PillarTrends in core/monitoring.h): the rounds
// left to right in order, 0–100 upwards with the band thresholds (25, 50, 75) as light lines, one
// line per pillar (class "trend-line", a <path>) broken where a score is withheld or the pillar was
// not assessed, a marker per score, the pillar ID beside each line's last score, and a legend. The
// description states every point. An empty `series` gives an empty frame.
std::string TrendChart(const std::vector<TrendSeries>& series, const std::locale& locale,
                       const std::string& lang);

// Escapes text for SVG/XML content and attributes.
std::string XmlEscape(const std::string& text);

}  // namespace meter
