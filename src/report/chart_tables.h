// The data of each chart of svg_charts.h as a table: what a screen reader user, or anyone who wants
// the exact numbers, reads instead of the picture (WCAG 1.1.1 and 1.4.1). The pages show it one
// click away from the chart, in a <details> ("Data of this chart"); the numbers are the chart's.
//
// Each function is pure and thread-safe; labels are in `lang` (instrument texts) and `locale`
// (METER's own words). Withheld scores read "insufficient data".
#pragma once

#include <locale>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/instrument.h"
#include "core/monitoring.h"
#include "core/scoring.h"

namespace meter {

struct ChartTable {
  std::string id;       // unique on a page: the chart's id ("radar") + "-data"
  std::string caption;  // the chart's title
  // The column headers; the first one heads the row headers.
  std::vector<std::string> columns;
  struct Row {
    std::string head;                // a row header (<th scope="row">)
    std::vector<std::string> cells;  // one per column after the first
  };
  std::vector<Row> rows;
};

// "62.5 (High)": a score with its band in words, so that the colour of a chart is never needed;
// "insufficient data" for a withheld score.
std::string ScoreAndBand(const std::optional<double>& score, const std::locale& locale);

// Pillar, score, and the target and comparison columns when the chart has them.
ChartTable RadarTable(const Instrument& instrument, const ScoreReport& report,
                      const std::locale& locale, const std::string& lang,
                      const std::map<std::string, double>& targets = {},
                      const std::map<std::string, double>* comparison = nullptr,
                      const std::string& comparison_label = "");
// Sub-area, score and band, pillar by pillar.
ChartTable SubAreaBarTable(const Instrument& instrument, const ScoreReport& report,
                           const std::locale& locale, const std::string& lang);
// Groups down, pillars across, each cell "score (band)"; the last row is each pillar's gap.
ChartTable GroupHeatmapTable(const Instrument& instrument, const ScoreReport& report,
                             const std::locale& locale, const std::string& lang);
// Pillars down, rounds across (oldest first).
ChartTable TrendTable(const std::vector<TrendSeries>& series, const std::locale& locale,
                      const std::string& lang);

// The table as HTML inside a closed <details> whose summary says "Data of this chart": a USWDS
// table with its caption and th scope="col"/"row", in a scroll box that can take keyboard focus.
// Every text is escaped.
std::string ChartTableHtml(const ChartTable& table, const std::locale& locale);

}  // namespace meter
