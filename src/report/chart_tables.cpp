#include "report/chart_tables.h"

#include <cstdio>

#include "core/band.h"
#include "core/problem.h"
#include "core/text.h"
#include "i18n/i18n.h"

namespace meter {
namespace {

// A value as a reader of `locale`'s language writes it: one decimal, "35,5" in French.
std::string Num(double v, const std::locale& locale) {
  return OneDecimal(std::optional<double>(v), LanguageOf(locale));
}

std::map<std::string, const UnitScore*> ById(const ScoreReport& report) {
  std::map<std::string, const UnitScore*> out;
  for (const UnitScore& u : report.units) out[u.id] = &u;
  return out;
}

std::string ScoreText(const std::optional<double>& score, const std::locale& locale) {
  return score ? Num(*score, locale) : Tr(locale, "insufficient data");
}

std::string Cell(const char* tag, const std::string& text, const char* scope = nullptr) {
  return std::string("<") + tag + (scope ? std::string(" scope=\"") + scope + "\"" : "") + ">" +
         EscapeMarkup(text) + "</" + tag + ">";
}

}  // namespace

std::string ScoreAndBand(const std::optional<double>& score, const std::locale& locale) {
  if (!score) return Tr(locale, "insufficient data");
  return Substitute(TrC(locale, "a score and its band", "{1} ({2})"),
                    {Num(*score, locale), Tr(locale, BandName(BandOf(*score)))});
}

ChartTable RadarTable(const Instrument& in, const ScoreReport& report, const std::locale& locale,
                      const std::string& lang, const std::map<std::string, double>& targets,
                      const std::map<std::string, double>* comparison,
                      const std::string& comparison_label) {
  const auto units = ById(report);
  ChartTable t{"radar-data", Tr(locale, "Pillar scores"), {Tr(locale, "Pillar")}, {}};
  t.columns.push_back(Tr(locale, "Score"));
  if (!targets.empty()) t.columns.push_back(Tr(locale, "Target"));
  if (comparison) {
    t.columns.push_back(comparison_label.empty() ? Tr(locale, "Comparison") : comparison_label);
  }
  for (const Pillar& p : in.pillars) {
    ChartTable::Row row{p.id + " " + p.name.Get(lang), {}};
    const UnitScore* u = units.at(p.id);
    row.cells.push_back(ScoreAndBand(u->score, locale));
    if (!targets.empty()) {
      auto target = targets.find(p.id);
      row.cells.push_back(target == targets.end() ? "—" : Num(target->second, locale));
    }
    if (comparison) {
      auto value = comparison->find(p.id);
      row.cells.push_back(value == comparison->end() ? "—" : Num(value->second, locale));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

ChartTable SubAreaBarTable(const Instrument& in, const ScoreReport& report,
                           const std::locale& locale, const std::string& lang) {
  const auto units = ById(report);
  ChartTable t{"bars-data",
               Tr(locale, "Sub-area scores"),
               {Tr(locale, "Sub-area"), Tr(locale, "Score"), Tr(locale, "Band")},
               {}};
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      const UnitScore* u = units.at(s.id);
      t.rows.push_back({s.id + " " + s.name.Get(lang),
                        {ScoreText(u->score, locale),
                         u->score ? Tr(locale, BandName(BandOf(*u->score))) : "—"}});
    }
  }
  return t;
}

ChartTable GroupHeatmapTable(const Instrument& in, const ScoreReport& report,
                             const std::locale& locale, const std::string& lang) {
  const auto units = ById(report);
  ChartTable t{"heatmap-data", Tr(locale, "Scores by group and pillar"), {Tr(locale, "Group")}, {}};
  for (const Pillar& p : in.pillars) t.columns.push_back(p.id + " " + p.name.Get(lang));
  for (size_t g = 0; g < report.groups.size(); ++g) {
    ChartTable::Row row{Tr(locale, report.groups[g].name.c_str()), {}};
    for (const Pillar& p : in.pillars) {
      row.cells.push_back(ScoreAndBand(units.at(p.id)->group_scores[g], locale));
    }
    t.rows.push_back(std::move(row));
  }
  ChartTable::Row gaps{Tr(locale, "Group gap"), {}};
  for (const Pillar& p : in.pillars) {
    const auto& gap = units.at(p.id)->group_gap;
    gaps.cells.push_back(gap ? Num(*gap, locale) : "—");
  }
  t.rows.push_back(std::move(gaps));
  return t;
}

ChartTable TrendTable(const std::vector<TrendSeries>& series, const std::locale& locale,
                      const std::string& lang) {
  ChartTable t{"trend-data", Tr(locale, "Pillar scores over time"), {Tr(locale, "Pillar")}, {}};
  if (!series.empty()) {
    for (const TrendPoint& p : series.front().points) t.columns.push_back(p.label);
  }
  for (const TrendSeries& s : series) {
    ChartTable::Row row{s.id + " " + s.name.Get(lang), {}};
    for (const TrendPoint& p : s.points) {
      row.cells.push_back(p.score      ? Num(*p.score, locale)
                          : p.assessed ? Tr(locale, "insufficient data")
                                       : Tr(locale, "not assessed"));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string ChartTableHtml(const ChartTable& t, const std::locale& locale) {
  const std::string caption = t.id + "-caption";
  std::string html = "<details class=\"meter-chart-data\"><summary>" +
                     EscapeMarkup(Tr(locale, "Data of this chart")) +
                     "</summary><div class=\"meter-table-wrap\" tabindex=\"0\" role=\"region\" "
                     "aria-labelledby=\"" +
                     caption +
                     "\"><table class=\"usa-table usa-table--borderless usa-table--compact "
                     "meter-table\"><caption id=\"" +
                     caption + "\">" + EscapeMarkup(t.caption) + "</caption><thead><tr>";
  for (const std::string& column : t.columns) html += Cell("th", column, "col");
  html += "</tr></thead><tbody>";
  for (const ChartTable::Row& row : t.rows) {
    html += "<tr>" + Cell("th", row.head, "row");
    for (const std::string& cell : row.cells) html += Cell("td", cell);
    html += "</tr>";
  }
  return html + "</tbody></table></div></details>";
}

}  // namespace meter
