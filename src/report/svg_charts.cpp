#include "report/svg_charts.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "i18n/i18n.h"

namespace meter {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Fill colours by band; text on them is dark or light for contrast. Colour is never the only
// carrier: every cell and bar also states its number.
constexpr const char* kNoData = "#dfe1e2";

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

std::string Text(double x, double y, const std::string& text, const char* anchor = "start",
                 const char* extra = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
         ">" + XmlEscape(text) + "</text>";
}

std::map<std::string, const UnitScore*> ById(const ScoreReport& report) {
  std::map<std::string, const UnitScore*> out;
  for (const UnitScore& u : report.units) out[u.id] = &u;
  return out;
}

}  // namespace

std::string XmlEscape(const std::string& text) { return EscapeMarkup(text); }

std::string RadarChart(const Instrument& in, const ScoreReport& report, const std::locale& locale,
                       const std::string& lang) {
  const auto units = ById(report);
  const std::string insufficient = Tr(locale, "insufficient data");
  const double cx = 260, cy = 200, r = 130;
  const size_t n = in.pillars.size();
  std::string desc;
  for (const Pillar& p : in.pillars) {
    const UnitScore* u = units.at(p.id);
    desc += p.name.Get(lang) + ": " + (u->score ? Num(*u->score) : insufficient) + ". ";
  }
  std::string svg = Open("radar", 520, 400, Tr(locale, "Pillar scores"), desc);
  auto point = [&](size_t i, double value) {
    const double angle = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    return std::make_pair(cx + r * value / 100 * std::cos(angle),
                          cy + r * value / 100 * std::sin(angle));
  };
  for (double ring : {25.0, 50.0, 75.0, 100.0}) {
    std::string pts;
    for (size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, ring);
      pts += Num(x) + "," + Num(y) + " ";
    }
    svg += "<polygon points=\"" + pts + "\" fill=\"none\" stroke=\"#a9aeb1\" stroke-width=\"1\"/>";
    svg += Text(cx + 3, cy - r * ring / 100 - 2, Num(ring).substr(0, Num(ring).size() - 2), "start",
                " fill=\"#565c65\" font-size=\"10\"");
  }
  std::string pts;
  for (size_t i = 0; i < n; ++i) {
    const Pillar& p = in.pillars[i];
    const UnitScore* u = units.at(p.id);
    auto [ex, ey] = point(i, 100);
    svg += "<line x1=\"" + Num(cx) + "\" y1=\"" + Num(cy) + "\" x2=\"" + Num(ex) + "\" y2=\"" +
           Num(ey) + "\" stroke=\"#a9aeb1\"/>";
    auto [vx, vy] = point(i, u->score.value_or(0));
    pts += Num(vx) + "," + Num(vy) + " ";
    auto [lx, ly] = point(i, 122);
    const char* anchor = std::abs(lx - cx) < 10 ? "middle" : lx > cx ? "start" : "end";
    svg += Text(lx, ly, p.id + " " + p.name.Get(lang), anchor, " font-weight=\"bold\"");
    svg += Text(lx, ly + 14, u->score ? Num(*u->score) : insufficient, anchor);
  }
  svg += "<polygon class=\"radar-score\" points=\"" + pts +
         "\" fill=\"#005ea2\" fill-opacity=\"0.35\" stroke=\"#005ea2\" stroke-width=\"2\"/>";
  return svg + "</svg>";
}

std::string SubAreaBarChart(const Instrument& in, const ScoreReport& report,
                            const std::locale& locale, const std::string& lang) {
  const auto units = ById(report);
  const std::string insufficient = Tr(locale, "insufficient data");
  const int row = 22, left = 250, width = 300;
  const int rows = static_cast<int>(in.SubAreaCount());
  const int height = 40 + rows * row + 10 * static_cast<int>(in.pillars.size());
  std::string desc;
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      const UnitScore* u = units.at(s.id);
      desc +=
          s.id + " " + s.name.Get(lang) + ": " + (u->score ? Num(*u->score) : insufficient) + ". ";
    }
  }
  std::string svg = Open("bars", left + width + 60, height, Tr(locale, "Sub-area scores"), desc);
  for (double mark : {0.0, 25.0, 50.0, 75.0, 100.0}) {
    const double x = left + width * mark / 100;
    svg += "<line x1=\"" + Num(x) + "\" y1=\"20\" x2=\"" + Num(x) + "\" y2=\"" +
           std::to_string(height - 10) + "\" stroke=\"#dfe1e2\"/>";
    svg += Text(x, 14, std::to_string(static_cast<int>(mark)), "middle",
                " fill=\"#565c65\" font-size=\"10\"");
  }
  int y = 30;
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      const UnitScore* u = units.at(s.id);
      std::string label = s.id + " " + s.name.Get(lang);
      if (label.size() > 40) label = label.substr(0, 38) + "…";
      svg += Text(left - 8, y + 14, label, "end");
      if (u->score) {
        svg += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y + 3) +
               "\" width=\"" + Num(width * *u->score / 100) + "\" height=\"" +
               std::to_string(row - 6) + "\" fill=\"" + BandFill(BandOf(*u->score)) +
               "\" stroke=\"#565c65\" stroke-width=\"0.5\"/>";
        svg += Text(left + width * *u->score / 100 + 4, y + 15, Num(*u->score));
      } else {
        svg += Text(left + 4, y + 15, insufficient, "start",
                    " font-style=\"italic\" fill=\"#565c65\"");
      }
      y += row;
    }
    y += 10;
  }
  return svg + "</svg>";
}

std::string GroupHeatmap(const Instrument& in, const ScoreReport& report, const std::locale& locale,
                         const std::string& lang) {
  const auto units = ById(report);
  const int label_width = 170, cell = 64, row = 30;
  const int cols = static_cast<int>(in.pillars.size());
  const int rows = static_cast<int>(report.groups.size());
  const int height = 50 + (rows + 1) * row;
  std::string desc;
  for (size_t g = 0; g < report.groups.size(); ++g) {
    desc += Tr(locale, report.groups[g].name.c_str()) + ": ";
    for (const Pillar& p : in.pillars) {
      const auto& score = units.at(p.id)->group_scores[g];
      desc += p.id + " " + (score ? Num(*score) : "—") + "; ";
    }
  }
  std::string svg = Open("heatmap", label_width + cols * cell + 10, height,
                         Tr(locale, "Scores by group and pillar"), desc);
  for (int c = 0; c < cols; ++c) {
    const Pillar& p = in.pillars[c];
    // The column shows the pillar's ID; its name is the tooltip and what a screen reader says.
    svg += "<g><title>" + XmlEscape(p.name.Get(lang)) + "</title>" +
           Text(label_width + c * cell + cell / 2.0, 30, p.id, "middle", " font-weight=\"bold\"") +
           "</g>";
  }
  for (int g = 0; g < rows; ++g) {
    const int y = 40 + g * row;
    svg += Text(label_width - 8, y + 19, Tr(locale, report.groups[g].name.c_str()), "end");
    for (int c = 0; c < cols; ++c) {
      const auto& score = units.at(in.pillars[c].id)->group_scores[g];
      const bool has = score.has_value();
      const double value = score.value_or(0);
      const int x = label_width + c * cell;
      svg += "<rect x=\"" + std::to_string(x + 1) + "\" y=\"" + std::to_string(y + 1) +
             "\" width=\"" + std::to_string(cell - 2) + "\" height=\"" + std::to_string(row - 2) +
             "\" fill=\"" + (has ? BandFill(BandOf(value)) : kNoData) + "\"/>";
      svg += Text(x + cell / 2.0, y + 19, has ? Num(value) : "—", "middle",
                  has && value >= 75 ? " fill=\"#ffffff\"" : " fill=\"#1b1b1b\"");
    }
  }
  const int y = 40 + rows * row;
  svg += Text(label_width - 8, y + 19, Tr(locale, "Group gap"), "end", " font-weight=\"bold\"");
  for (int c = 0; c < cols; ++c) {
    const auto& gap = units.at(in.pillars[c].id)->group_gap;
    svg += Text(label_width + c * cell + cell / 2.0, y + 19, gap ? Num(*gap) : "—", "middle",
                " font-weight=\"bold\"");
  }
  return svg + "</svg>";
}

}  // namespace meter
