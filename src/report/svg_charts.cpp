#include "report/svg_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <tuple>

#include "i18n/i18n.h"
#include "report/chart_tables.h"
#include "report/svg_parts.h"

namespace meter {
namespace {

using svg::BandFill;
using svg::BandLegend;
using svg::kNoData;
using svg::kUnitWidth;
using svg::Lines;
using svg::Num;
using svg::Open;
using svg::Shorten;
using svg::Shown;
using svg::Text;
using svg::Wrap;

constexpr double kPi = 3.14159265358979323846;

std::map<std::string, const UnitScore*> ById(const ScoreReport& report) {
  std::map<std::string, const UnitScore*> out;
  for (const UnitScore& u : report.units) out[u.id] = &u;
  return out;
}

// How the radar's polygons look, as presentation attributes: the PDF report draws these SVGs with
// librsvg, which does not read the site's CSS, and attributes are not inline styles for the CSP.
constexpr const char* kScoreLook =
    " fill=\"#005ea2\" fill-opacity=\"0.35\" stroke=\"#005ea2\" stroke-width=\"2\"";
constexpr const char* kTargetLook =
    " fill=\"none\" stroke=\"#d54309\" stroke-width=\"2\" stroke-dasharray=\"6 4\"";
constexpr const char* kComparisonLook =
    " fill=\"none\" stroke=\"#1b1b1b\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"";

// "Target: C Commitment 80.0, L Legal 60.0. " over the pillars that have a value in `values`, in
// `sentence` ("Target: {1}."); empty when none has.
std::string NamedValues(const std::string& sentence, const Instrument& in,
                        const std::map<std::string, double>& values, const std::string& lang) {
  std::string out;
  for (const Pillar& p : in.pillars) {
    auto v = values.find(p.id);
    if (v == values.end()) continue;
    out += (out.empty() ? "" : ", ") + p.id + " " + p.name.Get(lang) + " " + Shown(v->second, lang);
  }
  return out.empty() ? out : Substitute(sentence, {out}) + " ";
}

// The benchmark on the radar: a marker per pillar it has a score for (its value as the tooltip),
// and the outline when it has every pillar.
template <typename PointFn>
std::string ComparisonShape(const Instrument& in, const std::map<std::string, double>& values,
                            const std::string& label, const PointFn& point,
                            const std::locale& locale) {
  std::string svg = "<g class=\"radar-comparison\">", pts;
  size_t present = 0;
  for (size_t i = 0; i < in.pillars.size(); ++i) {
    auto v = values.find(in.pillars[i].id);
    if (v == values.end()) continue;
    ++present;
    auto [x, y] = point(i, std::clamp(v->second, 0.0, 100.0));
    pts += Num(x) + "," + Num(y) + " ";
    svg += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"3\" fill=\"#1b1b1b\"><title>" +
           XmlEscape(label + ", " + in.pillars[i].id + ": " + Shown(v->second, locale)) +
           "</title></circle>";
  }
  if (present == in.pillars.size() && present > 0) {
    svg += "<polygon points=\"" + pts + "\"" + kComparisonLook + "/>";
  }
  return svg + "</g>";
}

// A legend row at baseline `y`: the swatch, then the label.
std::string LegendEntry(double y, const std::string& label, const std::string& swatch) {
  return swatch + Text(52, y, label);
}
std::string LegendLine(double y, const char* css_class, const char* look) {
  return std::string("<line class=\"") + css_class + "\" x1=\"20\" y1=\"" + Num(y - 4) +
         "\" x2=\"44\" y2=\"" + Num(y - 4) + "\"" + look + "/>";
}

// The radar's legend below the chart: the current score, the comparison when there is one, and the
// target when there are targets.
std::string RadarLegend(const std::locale& locale, bool targets, const std::string* comparison) {
  double y = 392;
  std::string svg = "<g class=\"chart-legend\">";
  svg += LegendEntry(y, Tr(locale, "Current score"),
                     std::string("<rect x=\"20\" y=\"") + Num(y - 9) +
                         "\" width=\"24\" height=\"10\"" + kScoreLook + "/>");
  if (comparison != nullptr) {
    y += 20;
    svg += LegendEntry(y, *comparison, LegendLine(y, "radar-comparison", kComparisonLook));
  }
  if (targets) {
    y += 20;
    svg += LegendEntry(y, Tr(locale, "Target"), LegendLine(y, "radar-target", kTargetLook));
  }
  return svg + "</g>";
}

// Line colours for the trend chart: after Okabe and Ito (distinguishable with the common
// colour-vision deficiencies), darkened where needed for a contrast of at least 3:1 on white. Each
// line is also named by its pillar ID at its end and in the legend, so colour is not the only cue.
constexpr const char* kSeriesColours[] = {"#0072b2", "#d55e00", "#009e73", "#b5508f",
                                          "#a86f00", "#1b1b1b", "#8c564b", "#6a3d9a"};

const char* SeriesColour(size_t i) {
  return kSeriesColours[i % (sizeof kSeriesColours / sizeof kSeriesColours[0])];
}

// The point's value in words: its score, or why it has none.
std::string PointText(const TrendPoint& p, const std::locale& locale) {
  if (p.score) return Shown(*p.score, locale);
  return p.assessed ? Tr(locale, "insufficient data") : Tr(locale, "not assessed");
}

// The pillar ID beside the last score of each line; labels beside the same round are pushed apart
// so that close scores stay readable.
struct EndLabel {
  size_t round;
  double y;
  std::string id;
  std::string colour;
};

// Where the trend chart's plot sits, and where a round and a score fall in it.
struct TrendFrame {
  double left = 44, top = 20, width = 380, height = 240, pad = 24;
  size_t rounds = 0;

  double X(size_t round) const {
    if (rounds < 2) return left + width / 2;
    return left + pad +
           (width - 2 * pad) * static_cast<double>(round) / static_cast<double>(rounds - 1);
  }
  double Y(double score) const {
    return top + height * (100 - std::clamp(score, 0.0, 100.0)) / 100;
  }
  double LegendX() const { return left + width + 36; }
};

std::string EndLabels(std::vector<EndLabel> labels, const TrendFrame& frame) {
  std::sort(labels.begin(), labels.end(), [](const EndLabel& a, const EndLabel& b) {
    return std::tie(a.round, a.y) < std::tie(b.round, b.y);
  });
  std::string svg = "<g class=\"trend-labels\">";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0 && labels[i].round == labels[i - 1].round) {
      labels[i].y = std::max(labels[i].y, labels[i - 1].y + 12);
    }
    svg += Text(frame.X(labels[i].round) + 7, labels[i].y, labels[i].id, "start",
                (" font-weight=\"bold\" fill=\"" + labels[i].colour + "\"").c_str());
  }
  return svg + "</g>";
}

// The frame at 0 and 100, the band thresholds in between as light lines, the score marks, and the
// rounds below (the year, and the round's title when several rounds share the year).
std::string TrendAxes(const TrendFrame& f, const std::vector<TrendSeries>& series) {
  std::string svg;
  for (double mark : {0.0, 25.0, 50.0, 75.0, 100.0}) {
    const bool frame = mark == 0 || mark == 100;
    svg += "<line class=\"" + std::string(frame ? "chart-axis" : "chart-threshold") + "\" x1=\"" +
           Num(f.left) + "\" y1=\"" + Num(f.Y(mark)) + "\" x2=\"" + Num(f.left + f.width) +
           "\" y2=\"" + Num(f.Y(mark)) + "\" stroke=\"" + (frame ? "#a9aeb1" : "#dfe1e2") + "\"/>";
    svg += Text(f.left - 6, f.Y(mark) + 4, std::to_string(static_cast<int>(mark)), "end",
                " fill=\"#3d4551\" font-size=\"12\"");
  }
  if (series.empty()) return svg;
  const std::vector<TrendPoint>& points = series.front().points;
  for (size_t i = 0; i < points.size(); ++i) {
    const std::string year = std::to_string(points[i].year), prefix = year + " · ";
    svg += Text(f.X(i), f.top + f.height + 18, year, "middle");
    const std::string& label = points[i].label;
    if (label.size() > prefix.size() && label.compare(0, prefix.size(), prefix) == 0) {
      svg += Text(f.X(i), f.top + f.height + 32, Shorten(label.substr(prefix.size()), 16), "middle",
                  " fill=\"#3d4551\" font-size=\"12\"");
    }
  }
  return svg;
}

// Series `k`: a line joining consecutive scores (a missing score breaks it; a score with no scored
// neighbour is a marker alone) and a marker per score with its value as the tooltip. Adds the
// series' end label to `ends`.
std::string TrendLine(const TrendFrame& f, const TrendSeries& s, size_t k, const std::string& lang,
                      std::vector<EndLabel>& ends) {
  const std::string colour = SeriesColour(k);
  std::string path, marks, run;
  size_t run_length = 0;
  std::optional<size_t> last;
  auto end_run = [&] {
    if (run_length >= 2) path += (path.empty() ? "" : " ") + run;
    run.clear();
    run_length = 0;
  };
  for (size_t i = 0; i < s.points.size(); ++i) {
    const TrendPoint& p = s.points[i];
    if (!p.score) {
      end_run();
      continue;
    }
    run += (run_length++ == 0 ? "M" : " L") + Num(f.X(i)) + "," + Num(f.Y(*p.score));
    last = i;
    marks +=
        "<circle class=\"trend-point\" cx=\"" + Num(f.X(i)) + "\" cy=\"" + Num(f.Y(*p.score)) +
        "\" r=\"3.5\" fill=\"" + colour + "\"><title>" +
        XmlEscape(s.id + " " + s.name.Get(lang) + ", " + p.label + ": " + Shown(*p.score, lang)) +
        "</title></circle>";
  }
  end_run();
  std::string svg = "<g class=\"trend-series\">";
  if (!path.empty()) {
    svg += "<path class=\"trend-line\" d=\"" + path + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
  }
  if (last) ends.push_back({*last, f.Y(*s.points[*last].score) + 4, s.id, colour});
  return svg + marks + "</g>";
}

}  // namespace

std::string XmlEscape(const std::string& text) { return EscapeMarkup(text); }

std::string RadarChart(const Instrument& in, const ScoreReport& report, const std::locale& locale,
                       const std::string& lang) {
  return RadarChartWithTargets(in, report, locale, lang, {});
}

std::string RadarChartWithTargets(const Instrument& in, const ScoreReport& report,
                                  const std::locale& locale, const std::string& lang,
                                  const std::map<std::string, double>& targets,
                                  const std::map<std::string, double>* comparison,
                                  const std::string& comparison_label) {
  const auto units = ById(report);
  const std::string insufficient = Tr(locale, "insufficient data");
  const std::string compared =
      comparison_label.empty() ? Tr(locale, "Comparison") : comparison_label;
  const double cx = 260, cy = 200, r = 130;
  const size_t n = in.pillars.size();
  auto score_of = [&](const Pillar& p) { return units.at(p.id)->score; };
  auto target_of = [&](const Pillar& p) {
    auto t = targets.find(p.id);
    return t == targets.end() ? score_of(p).value_or(0) : std::clamp(t->second, 0.0, 100.0);
  };
  std::string scores;
  for (const Pillar& p : in.pillars) {
    scores +=
        p.name.Get(lang) + ": " + (score_of(p) ? Shown(*score_of(p), lang) : insufficient) + ". ";
  }
  std::string desc = Substitute(
      Tr(locale,
         "Each pillar's score on its own axis, from 0 at the centre to 100 at the rim. {1}"),
      {scores});
  desc += NamedValues(Tr(locale, "Target: {1}."), in, targets, lang);
  if (comparison != nullptr) {
    // The comparison's name is data (a region's), not a template: substituted first.
    const std::string sentence = Substitute(
        TrC(locale, "chart description: a series and its values", "{1}: {2}."), {compared, "{1}"});
    desc += NamedValues(sentence, in, *comparison, lang);
  }
  const bool legend = !targets.empty() || comparison != nullptr;
  const int entries = 1 + !targets.empty() + (comparison != nullptr);
  std::string svg =
      Open("radar", 520, legend ? 396 + 20 * entries : 400, Tr(locale, "Pillar scores"), desc);
  auto point = [&](size_t i, double value) {
    const double angle = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    return std::make_pair(cx + r * value / 100 * std::cos(angle),
                          cy + r * value / 100 * std::sin(angle));
  };
  auto points = [&](const std::function<double(const Pillar&)>& value) {
    std::string pts;
    for (size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, value(in.pillars[i]));
      pts += Num(x) + "," + Num(y) + " ";
    }
    return pts;
  };
  for (double ring : {25.0, 50.0, 75.0, 100.0}) {
    svg += "<polygon points=\"" + points([&](const Pillar&) { return ring; }) +
           "\" fill=\"none\" stroke=\"#a9aeb1\" stroke-width=\"1\"/>";
    svg += Text(cx + 3, cy - r * ring / 100 - 2, Num(ring).substr(0, Num(ring).size() - 2), "start",
                " fill=\"#3d4551\" font-size=\"12\"");
  }
  for (size_t i = 0; i < n; ++i) {
    const Pillar& p = in.pillars[i];
    const auto score = score_of(p);
    auto [ex, ey] = point(i, 100);
    svg += "<line x1=\"" + Num(cx) + "\" y1=\"" + Num(cy) + "\" x2=\"" + Num(ex) + "\" y2=\"" +
           Num(ey) + "\" stroke=\"#a9aeb1\"/>";
    auto [lx, ly] = point(i, 122);
    const char* anchor = std::abs(lx - cx) < 10 ? "middle" : lx > cx ? "start" : "end";
    svg += Text(lx, ly, p.id + " " + p.name.Get(lang), anchor, " font-weight=\"bold\"");
    svg += Text(lx, ly + 14, score ? Shown(*score, lang) : insufficient, anchor);
  }
  svg += "<polygon class=\"radar-score\" points=\"" +
         points([&](const Pillar& p) { return score_of(p).value_or(0); }) + "\"" + kScoreLook +
         "/>";
  if (comparison != nullptr) {
    svg += ComparisonShape(in, *comparison, compared, point, locale);
  }
  if (!targets.empty()) {
    svg +=
        "<polygon class=\"radar-target\" points=\"" + points(target_of) + "\"" + kTargetLook + "/>";
  }
  if (!legend) return svg + "</svg>";
  return svg + RadarLegend(locale, !targets.empty(), comparison != nullptr ? &compared : nullptr) +
         "</svg>";
}

std::string SubAreaBarChart(const Instrument& in, const ScoreReport& report,
                            const std::locale& locale, const std::string& lang) {
  const auto units = ById(report);
  const std::string insufficient = Tr(locale, "insufficient data");
  // Sub-area names are wrapped onto as many lines as they need beside their bar, never cut.
  const int left = 290, width = 330, total = left + width + 60;
  const double line = 15;
  const size_t max_units = static_cast<size_t>((left - 20) / kUnitWidth);
  std::string scores;
  std::vector<std::vector<std::string>> labels;
  double height = 30;
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      const UnitScore* u = units.at(s.id);
      scores += s.id + " " + s.name.Get(lang) + ": " +
                (u->score ? Shown(*u->score, lang) : insufficient) + ". ";
      labels.push_back(Wrap(s.id + " " + s.name.Get(lang), max_units));
      height += std::max(22.0, static_cast<double>(labels.back().size()) * line + 7);
    }
    height += 10;
  }
  const std::string desc = Substitute(Tr(locale,
                                         "Each sub-area's score as a bar from 0 to 100, pillar "
                                         "by pillar; lines mark the band thresholds 25, 50 and "
                                         "75. {1}"),
                                      {scores});
  const double plot_bottom = height;
  double legend_y = height + 24;
  const std::string legend = BandLegend(locale, total, false, legend_y);
  std::string svg =
      Open("bars", total, static_cast<int>(legend_y), Tr(locale, "Sub-area scores"), desc);
  for (double mark : {0.0, 25.0, 50.0, 75.0, 100.0}) {
    const double x = left + width * mark / 100;
    svg += "<line x1=\"" + Num(x) + "\" y1=\"20\" x2=\"" + Num(x) + "\" y2=\"" + Num(plot_bottom) +
           "\" stroke=\"#dfe1e2\"/>";
    svg += Text(x, 14, std::to_string(static_cast<int>(mark)), "middle",
                " fill=\"#3d4551\" font-size=\"12\"");
  }
  double y = 30;
  size_t k = 0;
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      const UnitScore* u = units.at(s.id);
      const std::vector<std::string>& label = labels[k++];
      const double row = std::max(22.0, static_cast<double>(label.size()) * line + 7);
      const double middle = y + row / 2;
      svg += Lines(left - 8, middle + 4 - line * static_cast<double>(label.size() - 1) / 2, label,
                   line, "end");
      if (u->score) {
        svg += "<rect x=\"" + std::to_string(left) + "\" y=\"" + Num(middle - 8) + "\" width=\"" +
               Num(width * *u->score / 100) + "\" height=\"16\" fill=\"" +
               BandFill(BandOf(*u->score)) + "\" stroke=\"#565c65\" stroke-width=\"0.5\"/>";
        svg += Text(left + width * *u->score / 100 + 4, middle + 4, Shown(*u->score, lang));
      } else {
        svg += Text(left + 4, middle + 4, insufficient, "start",
                    " font-style=\"italic\" fill=\"#3d4551\"");
      }
      y += row;
    }
    y += 10;
  }
  return svg + legend + "</svg>";
}

std::string GroupHeatmap(const Instrument& in, const ScoreReport& report, const std::locale& locale,
                         const std::string& lang) {
  const auto units = ById(report);
  // Each cell states its score and its band in words, so that the colour is never needed.
  const int label_width = 200, cell = 96, row = 44;
  const int cols = static_cast<int>(in.pillars.size());
  const int rows = static_cast<int>(report.groups.size());
  const int width = label_width + cols * cell + 10;
  double legend_y = 40 + rows * row + 30 + 34;  // the rows, the gaps' row, the legend
  const std::string legend = BandLegend(locale, std::max(width, 420), true, legend_y);
  const int height = static_cast<int>(legend_y);
  std::string groups;
  for (size_t g = 0; g < report.groups.size(); ++g) {
    std::string scores;
    for (const Pillar& p : in.pillars) {
      const auto& score = units.at(p.id)->group_scores[g];
      scores += p.id + " " + (score ? ScoreAndBand(score, locale) : "—") + "; ";
    }
    groups += Substitute(TrC(locale, "chart description: a group and its scores", "{1}: {2}"),
                         {Tr(locale, report.groups[g].name.c_str()), scores});
  }
  const std::string desc = Substitute(Tr(locale,
                                         "Each respondent group's score for each pillar, with its "
                                         "band; the last row is each pillar's gap between the "
                                         "groups. {1}"),
                                      {groups});
  std::string svg =
      Open("heatmap", std::max(width, 420), height, Tr(locale, "Scores by group and pillar"), desc);
  for (int c = 0; c < cols; ++c) {
    const Pillar& p = in.pillars[c];
    // The column shows the pillar's ID; its name is the tooltip and what a screen reader says.
    svg += "<g><title>" + XmlEscape(p.name.Get(lang)) + "</title>" +
           Text(label_width + c * cell + cell / 2.0, 30, p.id, "middle", " font-weight=\"bold\"") +
           "</g>";
  }
  for (int g = 0; g < rows; ++g) {
    const int y = 40 + g * row;
    svg += Text(label_width - 8, y + 27, Tr(locale, report.groups[g].name.c_str()), "end");
    for (int c = 0; c < cols; ++c) {
      const auto& score = units.at(in.pillars[c].id)->group_scores[g];
      const bool has = score.has_value();
      const double value = score.value_or(0);
      const int x = label_width + c * cell;
      svg += "<rect x=\"" + std::to_string(x + 1) + "\" y=\"" + std::to_string(y + 1) +
             "\" width=\"" + std::to_string(cell - 2) + "\" height=\"" + std::to_string(row - 2) +
             "\" fill=\"" + (has ? BandFill(BandOf(value)) : kNoData) + "\"/>";
      const char* ink = has && value >= 75 ? " fill=\"#ffffff\"" : " fill=\"#1b1b1b\"";
      svg += Text(x + cell / 2.0, y + 19, has ? Shown(value, locale) : "—", "middle", ink);
      if (has) {
        svg += Text(x + cell / 2.0, y + 35, Shorten(Tr(locale, BandName(BandOf(value))), 13),
                    "middle", ink);
      }
    }
  }
  const int y = 40 + rows * row;
  svg += Text(label_width - 8, y + 19, Tr(locale, "Group gap"), "end", " font-weight=\"bold\"");
  for (int c = 0; c < cols; ++c) {
    const auto& gap = units.at(in.pillars[c].id)->group_gap;
    svg += Text(label_width + c * cell + cell / 2.0, y + 19, gap ? Shown(*gap, locale) : "—",
                "middle", " font-weight=\"bold\"");
  }
  return svg + legend + "</svg>";
}

std::string TrendChart(const std::vector<TrendSeries>& series, const std::locale& locale,
                       const std::string& lang) {
  TrendFrame frame;
  for (const TrendSeries& s : series) frame.rounds = std::max(frame.rounds, s.points.size());
  const int height = static_cast<int>(std::max(
      frame.top + frame.height + 52, frame.top + 24 + 20.0 * static_cast<double>(series.size())));
  std::string lines;
  for (const TrendSeries& s : series) {
    lines += s.id + " " + s.name.Get(lang) + ": ";
    for (size_t i = 0; i < s.points.size(); ++i) {
      lines += (i ? ", " : "") + s.points[i].label + " " + PointText(s.points[i], locale);
    }
    lines += ". ";
  }
  const std::string desc = Substitute(
      Tr(locale,
         "One line per pillar: its score in each of the country's rounds, oldest first. {1}"),
      {lines});
  std::string svg = Open("trend", static_cast<int>(frame.LegendX()) + 210, height,
                         Tr(locale, "Pillar scores over time"), desc);
  svg += TrendAxes(frame, series);
  std::vector<EndLabel> ends;
  for (size_t k = 0; k < series.size(); ++k) svg += TrendLine(frame, series[k], k, lang, ends);
  svg += EndLabels(std::move(ends), frame);
  svg += "<g class=\"chart-legend\">";
  for (size_t k = 0; k < series.size(); ++k) {
    const double x = frame.LegendX(), y = frame.top + 14 + 20.0 * static_cast<double>(k);
    svg += "<line x1=\"" + Num(x) + "\" y1=\"" + Num(y - 4) + "\" x2=\"" + Num(x + 24) +
           "\" y2=\"" + Num(y - 4) + "\" stroke=\"" + SeriesColour(k) + "\" stroke-width=\"2\"/>";
    svg += Text(x + 30, y, Shorten(series[k].id + " " + series[k].name.Get(lang), 28));
  }
  return svg + "</g></svg>";
}

}  // namespace meter
