#include "report/compare_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "i18n/i18n.h"
#include "report/svg_charts.h"
#include "report/svg_parts.h"

namespace meter {
namespace {

using svg::BandFill;
using svg::kNoData;
using svg::Num;
using svg::Open;
using svg::Shorten;
using svg::Shown;
using svg::Text;

// ---- The grid of countries and pillars ----

// One line of the grid: a country's latest round or a region's average.
struct GridRow {
  std::string label;
  const std::map<std::string, double>* scores;
  bool average;
};

std::vector<GridRow> GridRows(const Comparison& c, const std::locale& locale) {
  std::vector<GridRow> rows;
  size_t next_average = 0;
  for (size_t i = 0; i < c.countries.size(); ++i) {
    rows.push_back({c.countries[i].name, &c.countries[i].profile->scores, false});
    const bool region_ends =
        i + 1 == c.countries.size() || c.countries[i + 1].region != c.countries[i].region;
    if (region_ends && next_average < c.averages.size() &&
        c.averages[next_average].region == c.countries[i].region) {
      const RegionAverage& a = c.averages[next_average++];
      rows.push_back({Substitute(Tr(locale, "Average: {1}"), {a.name}), &a.scores, true});
    }
  }
  return rows;
}

// A score cell: the band's colour and the number, or a dash on grey when withheld.
std::string Cell(double x, double y, double w, double h, const std::map<std::string, double>& s,
                 const std::string& id, const std::locale& locale) {
  auto it = s.find(id);
  const bool has = it != s.end();
  std::string out = "<rect x=\"" + Num(x + 1) + "\" y=\"" + Num(y + 1) + "\" width=\"" +
                    Num(w - 2) + "\" height=\"" + Num(h - 2) + "\" fill=\"" +
                    (has ? BandFill(BandOf(it->second)) : kNoData) + "\"/>";
  const char* ink = has && it->second >= 75 ? " fill=\"#ffffff\"" : " fill=\"#1b1b1b\"";
  return out + Text(x + w / 2, y + h / 2 + 4, has ? Shown(it->second, locale) : "—", "middle", ink);
}

// "France: index 60.0; C 55.0, L —, …. " for the description.
std::string RowWords(const GridRow& row, const Instrument& in, const std::locale& locale) {
  auto value = [&](const std::string& id) {
    auto it = row.scores->find(id);
    return it == row.scores->end() ? Tr(locale, "insufficient data") : Shown(it->second, locale);
  };
  std::string pillars;
  for (const Pillar& p : in.pillars)
    pillars += (pillars.empty() ? "" : ", ") + p.id + " " + value(p.id);
  return Substitute(TrC(locale, "chart description: a country's index and pillar scores",
                        "{1}: index {2}; {3}."),
                    {row.label, value("overall"), pillars}) +
         " ";
}

// ---- The scatter plot ----

// Where the scatter plot sits, and where a survey figure and a score fall in it.
struct ScatterFrame {
  double left = 64, top = 24, width = 560, height = 360;
  double X(double survey) const { return left + width * std::clamp(survey, 0.0, 1.0); }
  double Y(double score) const {
    return top + height * (100 - std::clamp(score, 0.0, 100.0)) / 100;
  }
};

// A survey figure or a correlation as text: three decimals, in the language of `locale`.
std::string Three(double v, const std::locale& locale) {
  return Decimals(std::optional<double>(v), 3, LanguageOf(locale));
}

// Three decimals with a point, for the axis's tick labels (cut to two decimals where drawn).
std::string Three(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string Signed(double v, const std::locale& locale) {
  return (v >= 0 ? "+" : "−") + Shown(std::abs(v), locale);
}

std::string ScatterAxes(const ScatterFrame& f, const ScatterText& text) {
  std::string out;
  for (int k = 0; k <= 4; ++k) {
    const double score = 25.0 * k, survey = 0.25 * k;
    const bool edge = k == 0 || k == 4;
    const char* stroke = edge ? "#a9aeb1" : "#dfe1e2";
    out += "<line x1=\"" + Num(f.left) + "\" y1=\"" + Num(f.Y(score)) + "\" x2=\"" +
           Num(f.left + f.width) + "\" y2=\"" + Num(f.Y(score)) + "\" stroke=\"" + stroke + "\"/>";
    out += "<line x1=\"" + Num(f.X(survey)) + "\" y1=\"" + Num(f.top) + "\" x2=\"" +
           Num(f.X(survey)) + "\" y2=\"" + Num(f.top + f.height) + "\" stroke=\"" + stroke + "\"/>";
    out += Text(f.left - 6, f.Y(score) + 4, std::to_string(25 * k), "end", " fill=\"#3d4551\"");
    out += Text(f.X(survey), f.top + f.height + 16, Three(survey).substr(0, 4), "middle",
                " fill=\"#3d4551\"");
  }
  out +=
      Text(f.left + f.width / 2, f.top + f.height + 38, text.x, "middle", " font-weight=\"bold\"");
  out += "<text x=\"16\" y=\"" + Num(f.top + f.height / 2) +
         "\" text-anchor=\"middle\" font-weight=\"bold\" transform=\"rotate(-90 16 " +
         Num(f.top + f.height / 2) + ")\">" + XmlEscape(text.y) + "</text>";
  return out;
}

// The fitted line across the countries' survey range.
std::string FittedLine(const ScatterFrame& f, const Scatter& s) {
  double lo = 1, hi = 0;
  for (const ScatterPoint& p : s.points) {
    lo = std::min(lo, p.survey);
    hi = std::max(hi, p.survey);
  }
  auto y = [&](double x) { return s.fit->intercept + s.fit->slope * x; };
  return "<line class=\"scatter-fit\" x1=\"" + Num(f.X(lo)) + "\" y1=\"" + Num(f.Y(y(lo))) +
         "\" x2=\"" + Num(f.X(hi)) + "\" y2=\"" + Num(f.Y(y(hi))) +
         "\" stroke=\"#d54309\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>";
}

// The dots, each with its tooltip; the named ones labelled beside their dot.
std::string Dots(const ScatterFrame& f, const Scatter& s, const std::locale& locale) {
  std::string out = "<g class=\"scatter-points\">";
  const std::string tip = Tr(locale, "{1}: survey {2} ({3}), METER {4}");
  for (size_t i = 0; i < s.points.size(); ++i) {
    const ScatterPoint& p = s.points[i];
    const bool above = std::find(s.above.begin(), s.above.end(), i) != s.above.end();
    const bool below = std::find(s.below.begin(), s.below.end(), i) != s.below.end();
    const char* fill = above ? "#005ea2" : below ? "#b50909" : "#565c65";
    out += "<circle cx=\"" + Num(f.X(p.survey)) + "\" cy=\"" + Num(f.Y(p.score)) + "\" r=\"" +
           (above || below ? "5" : "4") + "\" fill=\"" + fill + "\"><title>" +
           XmlEscape(Substitute(tip, {p.name, Three(p.survey, locale),
                                      std::to_string(p.survey_year), Shown(p.score, locale)})) +
           "</title></circle>";
    if (above || below) {
      const bool right = f.X(p.survey) < f.left + f.width * 0.75;
      out += Text(f.X(p.survey) + (right ? 8 : -8), f.Y(p.score) + 4,
                  Shorten(p.name, 24) + " " + Signed(p.residual, locale), right ? "start" : "end",
                  (std::string(" font-weight=\"bold\" fill=\"") + fill + "\"").c_str());
    }
  }
  return out + "</g>";
}

std::string FitWords(const Scatter& s, const std::locale& locale) {
  if (!s.fit) {
    return Substitute(TrN(locale,
                          "No line is fitted: it needs at least {1} country with both figures "
                          "and different survey figures.",
                          "No line is fitted: it needs at least {1} countries with both figures "
                          "and different survey figures.",
                          static_cast<long>(kMinFitPoints)),
                      {std::to_string(kMinFitPoints)});
  }
  const std::string slope =
      (s.fit->slope >= 0 ? "+ " : "− ") + Shown(std::abs(s.fit->slope), locale);
  return Substitute(TrC(locale, "chart legend: a fitted line, n is the number of countries",
                        "Least-squares line: METER = {1} {2} × survey; r = {3}; n = {4}."),
                    {Shown(s.fit->intercept, locale), slope,
                     s.fit->r ? Three(*s.fit->r, locale) : "—", std::to_string(s.fit->n)});
}

std::string NamedWords(const Scatter& s, const std::vector<size_t>& side, const char* sentence,
                       const std::locale& locale) {
  if (side.empty()) return "";
  std::string names;
  for (size_t i : side) {
    names +=
        (names.empty() ? "" : ", ") + s.points[i].name + " " + Signed(s.points[i].residual, locale);
  }
  return Substitute(Tr(locale, sentence), {names}) + " ";
}

}  // namespace

std::string ComparisonGrid(const Comparison& c, const Instrument& in, const std::locale& locale,
                           const std::string& lang) {
  const std::vector<GridRow> rows = GridRows(c, locale);
  const double label = 230, cell = 64, row = 26, top = 40, bar = 200;
  const double index_x = label + cell * static_cast<double>(in.pillars.size()) + 16;
  const int width = static_cast<int>(index_x + bar + 56);
  double legend_y = top + row * static_cast<double>(rows.size()) + 30;
  const std::string legend = svg::BandLegend(locale, width, true, legend_y);
  std::string words;
  for (const GridRow& r : rows) words += RowWords(r, in, locale);
  const std::string desc = Substitute(
      Tr(locale,
         "Each country's latest published round: its score in each pillar, coloured by band, and "
         "its index as a bar from 0 to 100; after each region's countries, their average. {1}"),
      {words});
  std::string out =
      Open("grid", width, static_cast<int>(legend_y), Tr(locale, "Pillar scores by country"), desc);
  for (size_t k = 0; k < in.pillars.size(); ++k) {
    const Pillar& p = in.pillars[k];
    out += "<g><title>" + XmlEscape(p.name.Get(lang)) + "</title>" +
           Text(label + cell * static_cast<double>(k) + cell / 2, top - 10, p.id, "middle",
                " font-weight=\"bold\"") +
           "</g>";
  }
  out += Text(index_x, top - 10, Tr(locale, "Index"), "start", " font-weight=\"bold\"");
  for (size_t i = 0; i < rows.size(); ++i) {
    const GridRow& r = rows[i];
    const double y = top + row * static_cast<double>(i);
    const char* look = r.average ? " font-weight=\"bold\" font-style=\"italic\"" : "";
    out += Text(label - 8, y + row / 2 + 4, Shorten(r.label, 32), "end", look);
    for (size_t k = 0; k < in.pillars.size(); ++k) {
      out += Cell(label + cell * static_cast<double>(k), y, cell, row, *r.scores, in.pillars[k].id,
                  locale);
    }
    auto index = r.scores->find("overall");
    if (index == r.scores->end()) {
      out += Text(index_x, y + row / 2 + 4, Tr(locale, "insufficient data"), "start",
                  " font-style=\"italic\" fill=\"#3d4551\"");
      continue;
    }
    const double length = bar * std::clamp(index->second, 0.0, 100.0) / 100;
    out += "<rect x=\"" + Num(index_x) + "\" y=\"" + Num(y + 5) + "\" width=\"" + Num(length) +
           "\" height=\"" + Num(row - 10) + "\" fill=\"" + BandFill(BandOf(index->second)) +
           "\" stroke=\"#565c65\" stroke-width=\"0.5\"/>";
    out += Text(index_x + length + 4, y + row / 2 + 4, Shown(index->second, locale), "start", look);
  }
  return out + legend + "</svg>";
}

std::string ScatterChart(const Scatter& s, const ScatterText& text, const std::locale& locale) {
  const ScatterFrame f;
  std::string points;
  for (const ScatterPoint& p : s.points) {
    points += p.name + " " + Three(p.survey, locale) + " (" + std::to_string(p.survey_year) +
              "), " + Shown(p.score, locale) + "; ";
  }
  const std::string desc =
      Substitute(Tr(locale, "Each country with both figures as a dot: {1} across, {2} up. {3} {4}"),
                 {text.x, text.y, points, FitWords(s, locale)}) +
      NamedWords(s, s.above, "Furthest above the line: {1}.", locale) +
      NamedWords(s, s.below, "Furthest below the line: {1}.", locale);
  const double legend_y = f.top + f.height + 62;
  const std::vector<std::string> fit_lines = svg::Wrap(FitWords(s, locale), 80);
  const double height = legend_y + 16 * static_cast<double>(fit_lines.size() - 1) + 8;
  std::string out = Open(text.id, static_cast<int>(f.left + f.width + 40), static_cast<int>(height),
                         text.title, desc);
  out += ScatterAxes(f, text);
  if (s.fit) out += FittedLine(f, s);
  out += Dots(f, s, locale);
  out += "<g class=\"chart-legend\">";
  if (s.fit) {
    out += "<line x1=\"" + Num(f.left) + "\" y1=\"" + Num(legend_y - 4) + "\" x2=\"" +
           Num(f.left + 24) + "\" y2=\"" + Num(legend_y - 4) +
           "\" stroke=\"#d54309\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>";
  }
  out += svg::Lines(f.left + (s.fit ? 30 : 0), legend_y, fit_lines, 16);
  return out + "</g></svg>";
}

}  // namespace meter
