// The charts of a round's results, written as SVG text: small, accessible (role="img", a <title>
// and a <desc> that state the numbers, real <text> labels), and free of inline styles and scripts
// so that they pass the site's Content-Security-Policy and can be drawn into the PDF report as
// vectors.
//
// Each function is pure and thread-safe; labels are in `lang` (instrument texts) and `locale`
// (METER's own words). Withheld scores are drawn as gaps and labelled "insufficient data".
#pragma once

#include <locale>
#include <string>

#include "core/instrument.h"
#include "core/scoring.h"

namespace meter {

// The pillar scores on a radar (one axis per pillar, 0 at the centre, 100 at the rim).
std::string RadarChart(const Instrument& instrument, const ScoreReport& report,
                       const std::locale& locale, const std::string& lang);
// The sub-area scores as horizontal bars, grouped by pillar, with the band thresholds marked.
std::string SubAreaBarChart(const Instrument& instrument, const ScoreReport& report,
                            const std::locale& locale, const std::string& lang);
// Groups × pillars, each cell coloured by band and labelled with its score, plus each pillar's gap.
std::string GroupHeatmap(const Instrument& instrument, const ScoreReport& report,
                         const std::locale& locale, const std::string& lang);

// Escapes text for SVG/XML content and attributes.
std::string XmlEscape(const std::string& text);

}  // namespace meter
