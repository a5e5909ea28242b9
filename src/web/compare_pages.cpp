// Issue 14: the secretariat's comparison of published rounds (docs/user-guide.md, "Comparing
// published rounds"). The countries' latest published rounds of one instrument version side by
// side by pillar and sub-area with regional averages, filtered by version and region, and the
// self-assessment beside the UN E-Government Survey as two scatter plots with a least-squares
// line. The figures come from core (core/comparison.h); the charts, as SVG or PNG, from report/
// through Renderers::comparison_grid, scatter and png.
#include <cmath>
#include <memory>

#include "core/authorization.h"
#include "core/text.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// The pillar compared with the survey's Telecommunication Infrastructure Index.
constexpr const char* kTechnologyPillar = "T";

// The charts by the name their URL carries (/compare/chart/<name>.svg).
constexpr const char* kGridChart = "pillars";
constexpr const char* kIndexChart = "index-egdi";
constexpr const char* kTechnologyChart = "technology-tii";

ComparisonFilter ReadFilter(const Form& query) {
  return {FormValue(query, "version"), FormValue(query, "region")};
}

// The filters as a query string ("version=2.0&region=Africa"), "" when none is set.
std::string FilterQuery(const ComparisonFilter& f) {
  std::string out;
  if (!f.version.empty()) out += "version=" + UrlEncode(f.version);
  if (!f.region.empty()) out += (out.empty() ? "" : "&") + ("region=" + UrlEncode(f.region));
  return out;
}

// Everything the page and its charts show, for one filter.
struct CompareData {
  // The published rounds as the node keeps them by the published version (score_cache.h).
  std::shared_ptr<const std::vector<PublishedProfile>> published;
  SurveyByCountry survey;
  std::vector<PublishedVersion> versions;
  Comparison comparison;                   // borrows *published
  const Instrument* instrument = nullptr;  // the compared version's; null when nothing is compared
  Scatter index, technology;
};

// `published`: the published rounds, read by the caller from the cache (never null).
Result<std::unique_ptr<CompareData>> LoadCompare(
    WebDeps& deps, const Call& call, const ComparisonFilter& filter,
    std::shared_ptr<const std::vector<PublishedProfile>> published) {
  auto survey = ReadSurveyByCountry(deps.store);
  if (!survey) return survey.error();
  auto data = std::make_unique<CompareData>();
  data->published = std::move(published);
  data->survey = std::move(survey).value();
  data->versions = PublishedVersions(*data->published);
  data->comparison = Compare(*data->published, deps.countries, filter, call.lang);
  const Comparison& c = data->comparison;
  if (!c.countries.empty()) data->instrument = deps.instruments.Find(c.instrument_id, c.version);
  data->index = BuildScatter(c, data->survey, "overall", &EgdiRow::egdi);
  data->technology = BuildScatter(c, data->survey, kTechnologyPillar, &EgdiRow::tii);
  return data;
}

std::string IndexTitle(const Call& call) { return call.Tr("The METER index and the EGDI"); }
std::string TechnologyTitle(const Call& call, const Pillar& technology) {
  return Substitute(call.Tr("The {1} pillar and the Telecommunication Infrastructure Index"),
                    {technology.name.Get(call.lang)});
}

const Pillar* TechnologyPillar(const Instrument* in) {
  if (in == nullptr) return nullptr;
  for (const Pillar& p : in->pillars) {
    if (p.id == kTechnologyPillar) return &p;
  }
  return nullptr;
}

// The SVG of chart `name`, or "" when the comparison has no such chart.
std::string ChartSvg(const Renderers& renderers, const Call& call, const CompareData& d,
                     const std::string& name) {
  if (d.instrument == nullptr) return "";
  if (name == kGridChart) {
    return renderers.comparison_grid(d.comparison, *d.instrument, call.locale, call.lang);
  }
  if (name == kIndexChart) {
    return renderers.scatter(d.index, kIndexChart, IndexTitle(call),
                             call.Tr("EGDI, latest survey year (0–1)"),
                             call.Tr("METER index (0–100)"), call.locale);
  }
  const Pillar* technology = TechnologyPillar(d.instrument);
  if (name == kTechnologyChart && technology != nullptr) {
    const std::string pillar = technology->name.Get(call.lang);
    return renderers.scatter(
        d.technology, kTechnologyChart, TechnologyTitle(call, *technology),
        call.Tr("Telecommunication Infrastructure Index, latest survey year (0–1)"),
        Substitute(call.Tr("{1} pillar (0–100)"), {pillar}), call.locale);
  }
  return "";
}

// One table row: a country's or an average's scores for `units`.
TemplateData ScoreRow(const Call& call, const std::string& name, bool average,
                      const std::map<std::string, double>& scores,
                      const std::vector<std::string>& units) {
  TemplateData row;
  row.set("name", name);
  row.set("average", average);
  TemplateList cells;
  for (const std::string& id : units) {
    auto it = scores.find(id);
    TemplateData cell;
    cell.set("shown", it != scores.end());
    cell.set("value", it == scores.end() ? "" : OneDecimal(it->second, call.lang));
    cells.push_back(std::move(cell));
  }
  row.set("cells", std::move(cells));
  return row;
}

// The rows of a table over `units`: each region's countries, then its average.
TemplateList ScoreRows(const Call& call, const Comparison& c,
                       const std::vector<std::string>& units) {
  TemplateList rows;
  size_t next = 0;
  for (size_t i = 0; i < c.countries.size(); ++i) {
    const ComparedCountry& country = c.countries[i];
    TemplateData row = ScoreRow(call, country.name, false, country.profile->scores, units);
    row.set("iso3", country.iso3);
    row.set("year", std::to_string(country.profile->round.year));
    rows.push_back(std::move(row));
    const bool ends = i + 1 == c.countries.size() || c.countries[i + 1].region != country.region;
    if (ends && next < c.averages.size() && c.averages[next].region == country.region) {
      const RegionAverage& a = c.averages[next++];
      TemplateData avg =
          ScoreRow(call,
                   Substitute(call.TrN("Average: {1} ({2} country)", "Average: {1} ({2} countries)",
                                       static_cast<long>(a.countries)),
                              {a.name, std::to_string(a.countries)}),
                   true, a.scores, units);
      rows.push_back(std::move(avg));
    }
  }
  return rows;
}

// The column heads of the units: the ID shown, the name for screen readers and in the key.
TemplateList UnitHeads(const Call& call,
                       const std::vector<std::pair<std::string, const LocalizedText*>>& units) {
  TemplateList heads;
  for (const auto& [id, name] : units) {
    TemplateData head;
    head.set("id", id);
    SetText(head, "name", *name, call.lang);
    heads.push_back(std::move(head));
  }
  return heads;
}

// "+9.0" or "−7.0" (a minus sign, not a hyphen), with `gap` between the sign and the number.
std::string Signed(const Call& call, double v, const char* gap = "") {
  return (v >= 0 ? "+" : "−") + std::string(gap) + OneDecimal(std::abs(v), call.lang);
}

// "Norway (+9.0), France (+7.0)": the named countries with their residuals.
std::string Named(const Call& call, const Scatter& s, const std::vector<size_t>& side) {
  std::string out;
  for (size_t i : side) {
    const double e = s.points[i].residual;
    out += (out.empty() ? "" : ", ") + s.points[i].name + " (" + Signed(call, e) + ")";
  }
  return out;
}

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// A scatter plot's section: its chart, the sentence on the fit, the named countries, those left
// out, and its points as a table.
TemplateData ScatterView(const Call& call, const Scatter& s, const std::string& svg,
                         const std::string& name, const std::string& title,
                         const std::string& query) {
  TemplateData v;
  v.set("title", title);
  v.set("chart", svg);
  v.set("svg_href", "/compare/chart/" + name + ".svg" + query);
  v.set("png_href", "/compare/chart/" + name + ".png" + query);
  v.set("id", name);
  if (s.fit) {
    v.set("fit", Substitute(call.TrN("The least-squares line over {1} country: METER = {2} {3} × "
                                     "survey figure, with a correlation r of {4}.",
                                     "The least-squares line over {1} countries: METER = {2} {3} × "
                                     "survey figure, with a correlation r of {4}.",
                                     static_cast<long>(s.fit->n)),
                            {std::to_string(s.fit->n), OneDecimal(s.fit->intercept, call.lang),
                             Signed(call, s.fit->slope, " "),
                             s.fit->r ? EgdiFigure(*s.fit->r, call.lang) : "—"}));
  } else {
    v.set("fit", Substitute(call.TrN("No line is fitted: it needs at least {1} country with both "
                                     "figures, and survey figures that differ. Countries with both "
                                     "so far: {2}.",
                                     "No line is fitted: it needs at least {1} countries with both "
                                     "figures, and survey figures that differ. Countries with both "
                                     "so far: {2}.",
                                     static_cast<long>(kMinFitPoints)),
                            {std::to_string(kMinFitPoints), std::to_string(s.points.size())}));
  }
  v.set("above", Named(call, s, s.above));
  v.set("below", Named(call, s, s.below));
  v.set("has_above", !s.above.empty());
  v.set("has_below", !s.below.empty());
  v.set("no_survey", Names(s.no_survey));
  v.set("has_no_survey", !s.no_survey.empty());
  v.set("no_score", Names(s.no_score));
  v.set("has_no_score", !s.no_score.empty());
  TemplateList points;
  for (const ScatterPoint& p : s.points) {
    TemplateData row;
    row.set("name", p.name);
    row.set("year", std::to_string(p.survey_year));
    row.set("survey", EgdiFigure(p.survey, call.lang));
    row.set("score", OneDecimal(p.score, call.lang));
    row.set("residual", s.fit ? Signed(call, p.residual) : "—");
    points.push_back(std::move(row));
  }
  v.set("points", std::move(points));
  v.set("has_points", !s.points.empty());
  return v;
}

// The filter form's choices: the versions with published rounds and the M49 regions.
void SetChoices(const Call& call, const CountryList& countries, const CompareData& d,
                const ComparisonFilter& filter, TemplateData& data) {
  TemplateList versions, regions;
  for (const PublishedVersion& v : d.versions) {
    versions.push_back(
        Choice(v.version,
               Substitute(call.TrN("METER {1} ({2} country)", "METER {1} ({2} countries)",
                                   static_cast<long>(v.countries)),
                          {v.version, std::to_string(v.countries)}),
               v.version == d.comparison.version));
  }
  for (const CountryList::Region& r : countries.Regions()) {
    regions.push_back(
        Choice(r.name, countries.RegionName(r.name, call.lang), r.name == filter.region));
  }
  data.set("versions", std::move(versions));
  data.set("regions", std::move(regions));
}

// The page's view model: the filter form, the tables, the charts and the survey's scatter plots.
TemplateData CompareView(const Call& call, const WebDeps& deps, const CompareData& d,
                         const ComparisonFilter& filter) {
  TemplateData data;
  SetChoices(call, deps.countries, d, filter, data);
  const Comparison& c = d.comparison;
  const long n = static_cast<long>(c.countries.size());
  data.set("count", Substitute(call.TrN("{1} country", "{1} countries", n), {std::to_string(n)}));
  data.set("has_rows", d.instrument != nullptr);
  if (d.instrument == nullptr) return data;
  data.set("version", c.version);
  std::vector<std::pair<std::string, const LocalizedText*>> pillars, subareas;
  std::vector<std::string> pillar_ids = {"overall"}, subarea_ids;
  for (const Pillar& p : d.instrument->pillars) {
    pillars.emplace_back(p.id, &p.name);
    pillar_ids.push_back(p.id);
    for (const SubArea& s : p.subareas) {
      subareas.emplace_back(s.id, &s.name);
      subarea_ids.push_back(s.id);
    }
  }
  data.set("pillars", UnitHeads(call, pillars));
  data.set("subareas", UnitHeads(call, subareas));
  data.set("pillar_rows", ScoreRows(call, c, pillar_ids));
  data.set("subarea_rows", ScoreRows(call, c, subarea_ids));
  const std::string filters = FilterQuery({c.version, filter.region});
  const std::string query = filters.empty() ? "" : "?" + filters;
  data.set("grid", ChartSvg(deps.renderers, call, d, kGridChart));
  data.set("grid_svg_href", std::string("/compare/chart/") + kGridChart + ".svg" + query);
  data.set("grid_png_href", std::string("/compare/chart/") + kGridChart + ".png" + query);
  data.set("index", deps.templates.Render(
                        "compare_scatter",
                        ScatterView(call, d.index, ChartSvg(deps.renderers, call, d, kIndexChart),
                                    kIndexChart, IndexTitle(call), query),
                        call.lang));
  if (const Pillar* t = TechnologyPillar(d.instrument)) {
    data.set("technology",
             deps.templates.Render("compare_scatter",
                                   ScatterView(call, d.technology,
                                               ChartSvg(deps.renderers, call, d, kTechnologyChart),
                                               kTechnologyChart, TechnologyTitle(call, *t), query),
                                   call.lang));
  }
  return data;
}

}  // namespace

Response WebApp::Impl::ComparePage(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewCampaign)) return Forbidden(call);
  const ComparisonFilter filter = ReadFilter(call.query);
  auto published = PublishedRoundsNow();
  if (!published) return DataUnavailable(call);
  auto data = LoadCompare(deps_, call, filter, std::move(published));
  if (!data) return Fail(call, data.error());
  return Page(call, "compare", call.Tr("Comparison of published rounds"),
              CompareView(call, deps_, *data.value(), filter));
}

Response WebApp::Impl::CompareChart(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewCampaign)) return Forbidden(call);
  const std::string& file = call.params["file"];
  const size_t dot = file.rfind('.');
  const std::string name = file.substr(0, dot),
                    kind = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (kind != "svg" && kind != "png") {
    return Fail(call, Error::Of(ErrorCode::kNotFound, file,
                                METER_N("there is no such chart: ask for .svg or .png")));
  }
  auto published = PublishedRoundsNow();
  if (!published) return DataUnavailable(call);
  auto data = LoadCompare(deps_, call, ReadFilter(call.query), std::move(published));
  if (!data) return Fail(call, data.error());
  std::string svg = ChartSvg(deps_.renderers, call, *data.value(), name);
  if (svg.empty()) {
    return Fail(call, Error::Of(ErrorCode::kNotFound, file,
                                METER_N("there is no such chart for these filters")));
  }
  std::string body = std::move(svg), type = "image/svg+xml; charset=utf-8";
  if (kind == "png") {
    HeavyWorkLimiter::Slot slot = heavy_work_.TryAcquire();
    if (!slot) return TooBusy(call);
    auto png = deps_.renderers.png(body);
    if (!png) return Fail(call, png.error());
    body = std::move(png).value();
    type = "image/png";
  }
  Response r = Response::Text(std::move(body), type);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"meter-" + name + "." + kind + "\"");
  return r;
}

}  // namespace meter
