// The SVG charts: accessible (title, description stating the numbers, text labels), escaped, and
// free of inline styles and scripts (the site's CSP forbids them).
#include "report/svg_charts.h"

#include <gmock/gmock.h>

#include "core/answers_csv.h"
#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

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
  }
  EXPECT_THAT(RadarChart(in_, report, en, "en"), HasSubstr("Pillar A: 62.5"));
  EXPECT_THAT(RadarChart(in_, report, en, "en"), HasSubstr("Pillar B: insufficient data"));
  EXPECT_THAT(SubAreaBarChart(in_, report, en, "en"), HasSubstr("A1 Sub-area A1: 62.5"));
  const std::string heatmap = GroupHeatmap(in_, report, en, "en");
  EXPECT_THAT(heatmap, HasSubstr("Gov &lt;&amp;&gt;"));
  EXPECT_THAT(heatmap, Not(HasSubstr("Gov <&>")));
}

}  // namespace
}  // namespace meter
