// The SVG charts: accessible (title, description stating the numbers, text labels), escaped, and
// free of inline styles and scripts (the site's CSP forbids them); and their data tables
// (chart_tables.h), the text alternative the pages show beside each chart.
#include "report/svg_charts.h"

#include <gmock/gmock.h>

#include <cctype>
#include <cstdio>
#include <regex>

#include "core/answers_csv.h"
#include "core/utf8.h"
#include "i18n/i18n.h"
#include "report/chart_tables.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// "" when `xml` is well-formed XML as far as these charts go (one root element, properly nested
// and closed tags, quoted attributes, no stray '<' or '&', valid UTF-8); else what is wrong.
// librsvg, which draws the charts into the PDF, rejects anything less.
std::string XmlProblem(const std::string& xml) {
  if (FindInvalidUtf8(xml) != std::string::npos) return "invalid UTF-8";
  static const std::regex entity("&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
  static const std::regex tag(
      R"(<(/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&[#\w]+;[^"<&]*)*")*)\s*(/?)>)");
  std::vector<std::string> open;
  size_t roots = 0;
  for (size_t i = 0; i < xml.size();) {
    if (xml[i] == '&') {
      std::smatch m;
      const std::string rest = xml.substr(i, 12);
      if (!std::regex_search(rest, m, entity, std::regex_constants::match_continuous)) {
        return "bare & at " + std::to_string(i);
      }
      i += m.length(0);
      continue;
    }
    if (xml[i] != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(xml[i]))) {
        return "text outside the root at " + std::to_string(i);
      }
      ++i;
      continue;
    }
    std::smatch m;
    const std::string rest = xml.substr(i);
    if (!std::regex_search(rest, m, tag, std::regex_constants::match_continuous)) {
      return "malformed tag at " + std::to_string(i) + ": " + xml.substr(i, 40);
    }
    const bool closing = m[1].length() > 0, empty = m[4].length() > 0;
    const std::string name = m[2];
    if (closing) {
      if (open.empty() || open.back() != name) return "unbalanced </" + name + ">";
      open.pop_back();
    } else {
      if (open.empty()) ++roots;
      if (!empty) open.push_back(name);
    }
    i += m.length(0);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return roots == 1 ? "" : std::to_string(roots) + " root elements";
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The value of attribute `name` of the first element that contains `marker` in its start tag.
std::string Attribute(const std::string& svg, const std::string& marker, const std::string& name) {
  const size_t at = svg.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = svg.rfind('<', at), end = svg.find('>', at);
  const std::string element = svg.substr(start, end - start);
  const size_t value = element.find(" " + name + "=\"");
  if (value == std::string::npos) return "";
  const size_t from = value + name.size() + 3;
  return element.substr(from, element.find('"', from) - from);
}

class Charts : public ::testing::Test {
 protected:
  Instrument in_ = testing::LoadOrFail("tests/golden/scoring/instrument.yaml");
  ScoreReport Report(const std::string& csv) {
    auto sheet = ParseAnswersCsv("respondent,group,statement,answer,comment\n" + csv, "x", in_);
    EXPECT_TRUE(sheet.ok());
    return Score(in_, sheet.value());
  }
};

TEST_F(Charts, AreAccessibleAndStateTheirNumbers) {
  const ScoreReport report =
      Report("r1,Gov <&>,A1.1,4,\nr1,Gov <&>,A1.2,4,\nr1,Gov <&>,A1.3,2,\nr2,Civil,A1.1,0,\n");
  const std::locale en;
  for (const std::string& svg :
       {RadarChart(in_, report, en, "en"), SubAreaBarChart(in_, report, en, "en"),
        GroupHeatmap(in_, report, en, "en")}) {
    EXPECT_THAT(svg, HasSubstr("role=\"img\""));
    EXPECT_THAT(svg, HasSubstr("<title id="));
    EXPECT_THAT(svg, HasSubstr("<desc id="));
    EXPECT_THAT(svg, HasSubstr("<text "));
    EXPECT_THAT(svg, Not(HasSubstr(" style=")));
    EXPECT_THAT(svg, Not(HasSubstr("<script")));
    EXPECT_EQ(XmlProblem(svg), "");
  }
  EXPECT_THAT(RadarChart(in_, report, en, "en"), HasSubstr("Pillar A: 62.5"));
  EXPECT_THAT(RadarChart(in_, report, en, "en"), HasSubstr("Pillar B: insufficient data"));
  EXPECT_THAT(SubAreaBarChart(in_, report, en, "en"), HasSubstr("A1 Sub-area A1: 62.5"));
  const std::string heatmap = GroupHeatmap(in_, report, en, "en");
  EXPECT_THAT(heatmap, HasSubstr("Gov &lt;&amp;&gt;"));
  EXPECT_THAT(heatmap, Not(HasSubstr("Gov <&>")));
}

// A chart's numbers — its labels, tooltips and description — are written as its reader writes
// numbers ("62,5" in French, as the tables beside the charts), while the drawing's coordinates keep
// their point. An outside tester read "35.5" in the French charts beside "35,5" in their tables.
TEST_F(Charts, NumbersAreWrittenAsTheReadersLanguageWritesThem) {
  const ScoreReport report =
      Report("r1,Gov,A1.1,4,\nr1,Gov,A1.2,4,\nr1,Gov,A1.3,2,\nr2,Civil,A1.1,0,\n");
  const Catalogs catalogs(METER_LOCALE_DIR_FOR_TESTS);
  const std::locale fr = catalogs.For("fr");
  EXPECT_EQ(LanguageOf(fr), "fr");
  EXPECT_EQ(LanguageOf(std::locale::classic()), "en");
  // The pillar's score in the radar and the bars, the group's in the heatmap.
  for (const auto& [svg, number] : std::vector<std::pair<std::string, std::string>>{
           {RadarChart(in_, report, fr, "fr"), "62"},
           {SubAreaBarChart(in_, report, fr, "fr"), "62"},
           {GroupHeatmap(in_, report, fr, "fr"), "75"}}) {
    const std::string tenth = number == "62" ? "5" : "0";
    EXPECT_THAT(svg, HasSubstr(number + "," + tenth));
    // As text (between tags, or after a space in a description), never as a coordinate.
    EXPECT_THAT(svg, Not(HasSubstr(">" + number + "." + tenth + "<")));
    EXPECT_THAT(svg, Not(HasSubstr(" " + number + "." + tenth)));
    EXPECT_EQ(XmlProblem(svg), "");
  }
  const ChartTable table = RadarTable(in_, report, fr, "fr", {}, nullptr, "");
  EXPECT_THAT(table.rows[0].cells[0], HasSubstr("62,5"));
}

// Issue 12: a chart's accessible name and description are its own <title> and <desc>, and the
// description first says what the chart shows, then every number.
TEST_F(Charts, AreNamedByTheirTitleAndDescribedInWords) {
  const ScoreReport report = Report("r1,g,A1.1,4,\nr1,g,A1.2,4,\nr1,g,A1.3,2,\nr2,h,A1.1,0,\n");
  const std::locale en;
  TrendSeries trend;
  trend.id = "A";
  trend.name.Set("en", "Pillar A");
  trend.points = {{1, 2021, "2021", 40, true}};
  for (const auto& [svg, says] : std::vector<std::pair<std::string, std::string>>{
           {RadarChart(in_, report, en, "en"), "from 0 at the centre to 100 at the rim"},
           {SubAreaBarChart(in_, report, en, "en"), "lines mark the band thresholds"},
           {GroupHeatmap(in_, report, en, "en"), "score for each pillar, with its band"},
           {TrendChart({trend}, en, "en"), "One line per pillar"}}) {
    EXPECT_THAT(Attribute(svg, "<svg ", "role"), "img");
    const std::string ids = Attribute(svg, "<svg ", "aria-labelledby");
    const std::string title = ids.substr(0, ids.find(' ')), desc = ids.substr(ids.find(' ') + 1);
    EXPECT_THAT(svg, HasSubstr("<title id=\"" + title + "\">"));
    EXPECT_THAT(svg, HasSubstr("<desc id=\"" + desc + "\">"));
    const size_t at = svg.find("<desc id=\"" + desc + "\">");
    EXPECT_THAT(svg.substr(at, svg.find("</desc>", at) - at), HasSubstr(says));
  }
}

// Issue 12: colour is never the only cue. Each heatmap cell with a score names its band in words
// (on the cell, not only in the legend), and the description says the bands too.
TEST_F(Charts, HeatmapNamesTheBandOfEveryCell) {
  const ScoreReport report = Report(
      "r1,g,A1.1,4,\nr1,g,A1.2,4,\nr1,g,A1.3,2,\nr2,h,A1.1,0,\nr2,h,A1.2,1,\nr2,h,A1.3,0,\n");
  const std::string svg = GroupHeatmap(in_, report, std::locale(), "en");
  EXPECT_EQ(XmlProblem(svg), "");
  const std::string cells = svg.substr(0, svg.find("class=\"chart-legend band-legend\""));
  std::map<std::string, size_t> expected;
  size_t scored = 0;
  for (const UnitScore& u : report.units) {
    if (u.kind != UnitKind::kPillar) continue;
    for (const auto& score : u.group_scores) {
      if (!score) continue;
      ++scored;
      ++expected[BandName(BandOf(*score))];
      char text[64];
      std::snprintf(text, sizeof text, "%s %.1f (%s)", u.id.c_str(), *score,
                    BandName(BandOf(*score)));
      EXPECT_THAT(svg, HasSubstr(text)) << "the description";
    }
  }
  ASSERT_GE(scored, 2u);
  ASSERT_GE(expected.size(), 2u) << "the cells are in different bands";
  for (const char* band : {"Low", "Middle", "High", "Very high"}) {
    EXPECT_EQ(Count(cells, std::string(">") + band + "</text>"), expected[band]) << band;
  }
}

// Issue 12: the data of each chart as a table with a caption and headers for rows and columns,
// in a <details> that says what it holds; the numbers are the chart's, and text is escaped.
TEST_F(Charts, DataTablesStateTheNumbersWithHeaders) {
  const ScoreReport report =
      Report("r1,Gov <&>,A1.1,4,\nr1,Gov <&>,A1.2,4,\nr1,Gov <&>,A1.3,2,\nr2,Civil,A1.1,0,\n");
  const std::locale en;
  const ChartTable radar = RadarTable(in_, report, en, "en");
  EXPECT_EQ(radar.caption, "Pillar scores");
  EXPECT_EQ(radar.columns, (std::vector<std::string>{"Pillar", "Score"}));
  ASSERT_EQ(radar.rows.size(), in_.pillars.size());
  EXPECT_EQ(radar.rows[0].head, "A Pillar A");
  EXPECT_EQ(radar.rows[0].cells, (std::vector<std::string>{"62.5 (High)"}));
  EXPECT_EQ(radar.rows[1].cells, (std::vector<std::string>{"insufficient data"}));

  const std::string html = ChartTableHtml(radar, en);
  EXPECT_EQ(XmlProblem(html), "");
  EXPECT_THAT(html, HasSubstr("<details class=\"meter-chart-data\"><summary>Data of this chart"
                              "</summary>"));
  EXPECT_THAT(html, HasSubstr("<caption id=\"radar-data-caption\">Pillar scores</caption>"));
  EXPECT_THAT(html, HasSubstr("aria-labelledby=\"radar-data-caption\""));
  EXPECT_THAT(html, HasSubstr("<th scope=\"col\">Pillar</th><th scope=\"col\">Score</th>"));
  EXPECT_THAT(html, HasSubstr("<tr><th scope=\"row\">A Pillar A</th><td>62.5 (High)</td></tr>"));
  EXPECT_THAT(html, Not(HasSubstr(" style=")));

  const ChartTable heatmap = GroupHeatmapTable(in_, report, en, "en");
  EXPECT_EQ(heatmap.columns, (std::vector<std::string>{"Group", "A Pillar A", "B Pillar B"}));
  ASSERT_EQ(heatmap.rows.size(), report.groups.size() + 1);
  EXPECT_EQ(heatmap.rows.back().head, "Group gap");
  const std::string heat = ChartTableHtml(heatmap, en);
  EXPECT_EQ(XmlProblem(heat), "");
  EXPECT_THAT(heat, HasSubstr("<th scope=\"row\">Gov &lt;&amp;&gt;</th>"));
  EXPECT_THAT(heat, Not(HasSubstr("Gov <&>")));

  const ChartTable bars = SubAreaBarTable(in_, report, en, "en");
  EXPECT_EQ(bars.columns, (std::vector<std::string>{"Sub-area", "Score", "Band"}));
  EXPECT_EQ(bars.rows[0].head, "A1 Sub-area A1");
  EXPECT_EQ(bars.rows[0].cells, (std::vector<std::string>{"62.5", "High"}));
  EXPECT_EQ(XmlProblem(ChartTableHtml(bars, en)), "");
}

TEST_F(Charts, RadarDataHasTheTargetsAndTheComparison) {
  const ScoreReport report = Report("r1,g,A1.1,4,\n");
  const std::map<std::string, double> bench = {{"A", 55}};
  const ChartTable t = RadarTable(in_, report, std::locale(), "en", {{"A", 80}}, &bench, "Europe");
  EXPECT_EQ(t.columns, (std::vector<std::string>{"Pillar", "Score", "Target", "Europe"}));
  EXPECT_EQ(t.rows[0].cells[1], "80.0");
  EXPECT_EQ(t.rows[0].cells[2], "55.0");
  EXPECT_EQ(t.rows[1].cells[1], "—");
  EXPECT_EQ(t.rows[1].cells[2], "—");
}

TEST(XmlProblem, CatchesWhatLibrsvgWouldReject) {
  EXPECT_EQ(XmlProblem("<svg a=\"1\"><g><text>x &amp; y</text></g><rect/></svg>"), "");
  EXPECT_NE(XmlProblem("<svg><g></svg>"), "");
  EXPECT_NE(XmlProblem("<svg><text>a & b</text></svg>"), "");
  EXPECT_NE(XmlProblem("<svg><text>a < b</text></svg>"), "");
  EXPECT_NE(XmlProblem("<svg a=1></svg>"), "");
  EXPECT_NE(XmlProblem("<svg></svg><svg></svg>"), "");
  EXPECT_NE(XmlProblem("<svg>\xC3</svg>"), "");
}

// The lines (<tspan>s) of the first multi-line <text> whose first line starts with `start`.
std::vector<std::string> LinesStarting(const std::string& svg, const std::string& start) {
  static const std::regex text("<text[^>]*>((?:<tspan[^>]*>[^<]*</tspan>)+)</text>");
  static const std::regex tspan("<tspan[^>]*>([^<]*)</tspan>");
  for (std::sregex_iterator t(svg.begin(), svg.end(), text), none; t != none; ++t) {
    const std::string inner = (*t)[1];
    std::vector<std::string> lines;
    for (std::sregex_iterator m(inner.begin(), inner.end(), tspan); m != none; ++m) {
      lines.push_back((*m)[1]);
    }
    if (!lines.empty() && lines[0].rfind(start, 0) == 0) return lines;
  }
  return {};
}

// Item 19 of issue 11: a long sub-area name is wrapped onto lines beside its bar, never cut, and
// never in the middle of a UTF-8 character.
TEST_F(Charts, LongSubAreaNamesAreWrappedNotCut) {
  const std::string name =
      "Подобласть с очень длинным названием номер один которое не помещается в одну строку";
  auto loaded = LoadInstrument(
      std::regex_replace(
          testing::ReadText(testing::SourcePath("tests/golden/scoring/instrument.yaml")),
          std::regex("Sub-area A1"), name),
      "long.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  const Instrument& in = loaded.value();
  auto sheet = ParseAnswersCsv("respondent,group,statement,answer,comment\nr,g,A1.1,4,\n", "x", in);
  ASSERT_TRUE(sheet.ok());
  const std::string svg = SubAreaBarChart(in, Score(in, sheet.value()), std::locale(), "en");
  EXPECT_EQ(XmlProblem(svg), "");
  EXPECT_THAT(svg, Not(HasSubstr("…")));
  const std::vector<std::string> lines = LinesStarting(svg, "A1 Подобласть");
  ASSERT_GE(lines.size(), 2u) << svg;
  std::string joined;
  for (const std::string& line : lines) joined += (joined.empty() ? "" : " ") + line;
  EXPECT_EQ(joined, "A1 " + name);
  // A word longer than a line is broken, not dropped; a wide (CJK) name wraps sooner.
  auto cjk = LoadInstrument(
      std::regex_replace(
          testing::ReadText(testing::SourcePath("tests/golden/scoring/instrument.yaml")),
          std::regex("Sub-area A1"),
          std::string(40, 'x') + "国家平台运行良好国家平台运行良好国家平台运行良好"),
      "cjk.yaml");
  ASSERT_TRUE(cjk.ok());
  const std::string wide =
      SubAreaBarChart(cjk.value(), Score(cjk.value(), sheet.value()), std::locale(), "en");
  EXPECT_EQ(XmlProblem(wide), "");
  EXPECT_GE(LinesStarting(wide, "A1").size(), 2u);
}

// Item 19 of issue 11: every label is at least 12 px at the chart's own size (the page shows the
// charts at that size or larger, never smaller: web/static/meter.css).
TEST_F(Charts, EveryLabelIsAtLeastTwelvePixels) {
  const ScoreReport report = Report("r1,g,A1.1,4,\nr1,g,A1.2,4,\nr1,g,A1.3,2,\nr2,h,A1.1,0,\n");
  const std::locale en;
  const std::map<std::string, double> bench = {{"A", 55}, {"B", 40}};
  TrendSeries trend;
  trend.id = "A";
  trend.name.Set("en", "Pillar A");
  trend.points = {{1, 2021, "2021 · Spring", 40, true}, {2, 2021, "2021 · Autumn", 50, true}};
  static const std::regex size("font-size=\"([0-9.]+)\"");
  for (const std::string& svg :
       {RadarChartWithTargets(in_, report, en, "en", {{"A", 80}}, &bench, "Europe"),
        SubAreaBarChart(in_, report, en, "en"), GroupHeatmap(in_, report, en, "en"),
        TrendChart({trend}, en, "en")}) {
    size_t sizes = 0;
    for (std::sregex_iterator m(svg.begin(), svg.end(), size), none; m != none; ++m, ++sizes) {
      EXPECT_GE(std::stod((*m)[1]), 12.0) << svg.substr(0, 60);
    }
    EXPECT_GE(sizes, 1u);
  }
}

// Item 19 of issue 11: a chart that colours by band says which colour is which band.
TEST_F(Charts, ChartsColouredByBandHaveALegendNamingTheBands) {
  const ScoreReport report = Report("r1,g,A1.1,4,\nr1,g,A1.2,4,\nr1,g,A1.3,2,\nr2,h,A1.1,0,\n");
  const std::locale en;
  for (const std::string& svg :
       {SubAreaBarChart(in_, report, en, "en"), GroupHeatmap(in_, report, en, "en")}) {
    const size_t legend = svg.find("class=\"chart-legend band-legend\"");
    ASSERT_NE(legend, std::string::npos) << svg.substr(0, 80);
    const std::string part = svg.substr(legend);
    for (const char* band :
         {">Low</text>", ">Middle</text>", ">High</text>", ">Very high</text>"}) {
      EXPECT_THAT(part, HasSubstr(band));
    }
    for (const char* fill : {"#f2938c", "#ffbe2e", "#70e17b", "#2e8540"}) {
      EXPECT_THAT(part, HasSubstr(std::string("fill=\"") + fill + "\""));
    }
    // The legend lies inside the drawing.
    const double height = std::stod(Attribute(svg, "<svg ", "height"));
    static const std::regex baseline("<text x=\"[0-9.]+\" y=\"([0-9.]+)\"");
    for (std::sregex_iterator m(part.begin(), part.end(), baseline), none; m != none; ++m) {
      EXPECT_LE(std::stod((*m)[1]), height);
    }
  }
  EXPECT_THAT(GroupHeatmap(in_, report, en, "en"), HasSubstr(">insufficient data</text>"))
      << "the heatmap's grey cells";
  EXPECT_THAT(RadarChart(in_, report, en, "en"), Not(HasSubstr("band-legend")));
}

TEST_F(Charts, RadarShowsTargetsBesideTheScoresWithALegend) {
  // Pillar A 62.5, pillar B withheld.
  const ScoreReport report = Report("r1,g,A1.1,4,\nr1,g,A1.2,4,\nr1,g,A1.3,2,\nr2,g,A1.1,0,\n");
  const std::locale en;
  const std::string plain = RadarChart(in_, report, en, "en");
  EXPECT_THAT(plain, Not(HasSubstr("radar-target")));
  EXPECT_THAT(plain, Not(HasSubstr("Current score")));
  EXPECT_EQ(RadarChartWithTargets(in_, report, en, "en", {}), plain);

  const std::string svg = RadarChartWithTargets(in_, report, en, "en", {{"A", 80}});
  EXPECT_EQ(XmlProblem(svg), "");
  EXPECT_THAT(svg, Not(HasSubstr(" style=")));
  EXPECT_EQ(Count(svg, "class=\"radar-target\""), 2u);  // the polygon and its legend swatch
  const std::string target = Attribute(svg, "<polygon class=\"radar-target\"", "points");
  const std::string score = Attribute(svg, "<polygon class=\"radar-score\"", "points");
  EXPECT_EQ(Count(target, ","), in_.pillars.size());
  EXPECT_EQ(Attribute(svg, "<polygon class=\"radar-target\"", "stroke-dasharray"), "6 4");
  // A's target (80) lies further out than its score (62.5): the first points differ; B has no
  // target, so its point lies on its current score (withheld, so at the centre).
  EXPECT_NE(target.substr(0, target.find(' ')), score.substr(0, score.find(' ')));
  EXPECT_EQ(target.substr(target.find(' ')), score.substr(score.find(' ')));
  EXPECT_THAT(svg, HasSubstr(">Current score</text>"));
  EXPECT_THAT(svg, HasSubstr(">Target</text>"));
  EXPECT_THAT(svg, HasSubstr("Target: A Pillar A 80.0."));
}

TEST_F(Charts, RadarDrawsABenchmarkOutlineOnlyWhenItHasEveryPillar) {
  const ScoreReport report = Report("r1,g,A1.1,4,\n");
  const std::locale en;
  const std::map<std::string, double> both = {{"A", 55}, {"B", 40}}, one = {{"A", 55}};
  const std::string svg =
      RadarChartWithTargets(in_, report, en, "en", {}, &both, "Western Europe <3 rounds>");
  EXPECT_EQ(XmlProblem(svg), "");
  EXPECT_THAT(svg, HasSubstr(">Western Europe &lt;3 rounds&gt;</text>"));
  EXPECT_THAT(svg, HasSubstr("Western Europe &lt;3 rounds&gt;: A Pillar A 55.0, B Pillar B 40.0."));
  EXPECT_THAT(svg, Not(HasSubstr(">Target</text>")));
  EXPECT_EQ(Count(svg, "<circle"), 2u);
  EXPECT_EQ(Count(svg, "<polygon points="), 4u + 1u);  // 4 rings and the benchmark outline
  const std::string partial = RadarChartWithTargets(in_, report, en, "en", {}, &one, "Europe");
  EXPECT_EQ(Count(partial, "<circle"), 1u);
  EXPECT_EQ(Count(partial, "<polygon points="), 4u);
}

class Trends : public ::testing::Test {
 protected:
  static TrendSeries Series(const std::string& id, const std::string& name,
                            const std::vector<std::optional<double>>& scores) {
    TrendSeries s;
    s.id = id;
    s.name.Set("en", name);
    const int years[] = {2019, 2021, 2021, 2023, 2025};
    for (size_t i = 0; i < scores.size(); ++i) {
      TrendPoint p;
      p.year = years[i];
      p.label = std::to_string(p.year) + (p.year == 2021 ? i == 1 ? " · Spring" : " · Autumn" : "");
      p.score = scores[i];
      p.assessed = id != "M" || i >= 3;
      s.points.push_back(p);
    }
    return s;
  }
};

TEST_F(Trends, OneLinePerPillarWithLabelsLegendAndNumbers) {
  const std::vector<TrendSeries> series = {Series("C", "Commitment", {20, 40, 45, 60}),
                                           Series("L", "Legal & <regulatory>", {10, 30, 35, 50})};
  const std::string svg = TrendChart(series, std::locale(), "en");
  EXPECT_EQ(XmlProblem(svg), "");
  EXPECT_THAT(svg, HasSubstr("role=\"img\""));
  EXPECT_THAT(svg, HasSubstr(">Pillar scores over time</title>"));
  EXPECT_THAT(svg, Not(HasSubstr(" style=")));
  EXPECT_EQ(Count(svg, "<path class=\"trend-line\""), 2u);
  EXPECT_EQ(Count(Attribute(svg, "class=\"trend-line\"", "d"), "M"), 1u);  // no gap
  EXPECT_EQ(Count(svg, "<circle class=\"trend-point\""), 8u);
  for (const char* label : {">2019</text>", ">2023</text>", ">Spring</text>", ">Autumn</text>",
                            ">C Commitment</text>", ">L Legal &amp; &lt;regulatory&gt;</text>"}) {
    EXPECT_THAT(svg, HasSubstr(label));
  }
  EXPECT_EQ(Count(svg, ">2021</text>"), 2u);
  EXPECT_THAT(svg, HasSubstr("C Commitment: 2019 20.0, 2021 · Spring 40.0, 2021 · Autumn 45.0, "
                             "2023 60.0."));
  // The band thresholds as light lines, the frame at 0 and 100.
  EXPECT_EQ(Count(svg, "class=\"chart-threshold\""), 3u);
  EXPECT_EQ(Count(svg, "class=\"chart-axis\""), 2u);
}

TEST_F(Trends, WithheldAndUnassessedPointsAreGaps) {
  const std::vector<TrendSeries> series = {
      Series("C", "Commitment", {20, 30, std::nullopt, 45, 60}),
      Series("M", "Marketing", {std::nullopt, std::nullopt, std::nullopt, 70, std::nullopt})};
  const std::string svg = TrendChart(series, std::locale(), "en");
  EXPECT_EQ(XmlProblem(svg), "");
  // Commitment: 2019 to 2021 Spring, a gap, then 2023 to 2025: two pieces of one line.
  const std::string d = Attribute(svg, "class=\"trend-line\"", "d");
  EXPECT_EQ(Count(d, "M"), 2u);
  EXPECT_EQ(Count(d, "L"), 2u);
  // Marketing has a single score: a marker but no line.
  EXPECT_EQ(Count(svg, "<path class=\"trend-line\""), 1u);
  EXPECT_EQ(Count(svg, "<circle class=\"trend-point\""), 4u + 1u);
  EXPECT_THAT(svg, HasSubstr("2021 · Autumn insufficient data"));
  EXPECT_THAT(svg, HasSubstr("M Marketing: 2019 not assessed"));
  EXPECT_THAT(svg, HasSubstr("2023 70.0, 2025 insufficient data."));
  EXPECT_EQ(XmlProblem(TrendChart({}, std::locale(), "en")), "");
}

TEST_F(Trends, DataTableHasARowPerPillarAndAColumnPerRound) {
  const std::vector<TrendSeries> series = {
      Series("C", "Commitment", {20, 30, std::nullopt, 45}),
      Series("M", "Marketing", {std::nullopt, std::nullopt, std::nullopt, 70})};
  const ChartTable t = TrendTable(series, std::locale(), "en");
  EXPECT_EQ(t.caption, "Pillar scores over time");
  EXPECT_EQ(t.columns,
            (std::vector<std::string>{"Pillar", "2019", "2021 · Spring", "2021 · Autumn", "2023"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].head, "C Commitment");
  EXPECT_EQ(t.rows[0].cells,
            (std::vector<std::string>{"20.0", "30.0", "insufficient data", "45.0"}));
  EXPECT_EQ(t.rows[1].cells[0], "not assessed");
  EXPECT_EQ(t.rows[1].cells[3], "70.0");
  EXPECT_EQ(XmlProblem(ChartTableHtml(t, std::locale())), "");
  EXPECT_EQ(XmlProblem(ChartTableHtml(TrendTable({}, std::locale(), "en"), std::locale())), "");
}

}  // namespace
}  // namespace meter
