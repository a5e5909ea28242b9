// The country report as a reader gets it: the PDF is rendered from a round built by hand (the
// sample assessment of content/samples, with comments added), then read back with poppler's
// pdftotext, pdfinfo and pdffonts as any PDF reader would. With METER_ARTIFACTS set, the PDFs are
// kept there for a person to look at.
#include "report/country_report.h"

#include <gmock/gmock.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>

#include "core/csv.h"
#include "core/round_results.h"
#include "i18n/i18n.h"
#include "report/pdf_reading.h"
#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kHostileComment = "Tested with <b>bold</b> & <script>alert(1)</script> here.";
constexpr const char* kArabicComment = "المنصة الوطنية تعمل بشكل جيد";
constexpr const char* kChineseComment = "国家平台运行良好";
constexpr const char* kRussianComment = "Национальная платформа работает хорошо";

// The sample assessment as a closed round, with a target, a roadmap edit and a few comments in
// other scripts added to the first respondent's answers.
class SampleRound {
 public:
  SampleRound() : instrument_(testing::LoadOrFail("content/instruments/meter-2.0.yaml")) {
    RoundDossier& d = dossier_;
    d.round.id = 7;
    d.round.country = "XDM";
    d.round.title = "Aurelia 2026 self-assessment";
    d.round.year = 2026;
    d.round.instrument_id = "meter";
    d.round.instrument_version = "2.0";
    d.round.status = RoundStatus::kClosed;
    d.round.groups = DefaultGroups();
    d.instrument = &instrument_;
    const std::string csv =
        testing::ReadText(testing::SourcePath("content/samples/aurelia-2026-answers.csv"));
    CsvReader reader(csv);
    std::vector<std::string_view> f;
    reader.Next(f);  // respondent,group,statement,answer,comment
    std::map<std::string, Id> ids;
    while (reader.Next(f)) {
      if (f.size() < 5) continue;
      auto [it, added] = ids.emplace(std::string(f[0]), static_cast<Id>(ids.size() + 1));
      if (added) {
        Respondent r;
        r.id = it->second;
        r.round_id = 7;
        r.name = std::string(f[0]);
        r.group = std::string(f[1]);
        d.respondents.push_back(r);
      }
      d.answers.push_back(
          {it->second, std::string(f[2]), std::string(f[3]), std::string(f[4]), "", 1, 0});
    }
    for (StoredAnswer& a : d.answers) {
      if (a.respondent_id != 1) continue;
      if (a.statement == "C1.1") a.comment = kHostileComment;
      if (a.statement == "C1.2") a.comment = kArabicComment;
      if (a.statement == "C1.3") a.comment = kChineseComment;
      if (a.statement == "C1.4") {
        a.comment = kRussianComment;
        a.evidence_url = "https://example.org/evidence";
      }
    }
    d.report = Score(instrument_, SheetOf(instrument_, d.round, d.respondents, d.answers));
    d.targets = {{"C", 60}, {"L", 80}};
    d.plan = PlanWayForward(instrument_, d.report, d.targets);
    d.edits = {{d.plan.priorities.front().subarea, 0, "Ministry of Digital Affairs", "2027-06-30"}};
    d.roadmap = BuildRoadmap(d.plan, d.edits);
  }

  const RoundDossier& dossier() const { return dossier_; }
  // The same round before anyone answered.
  RoundDossier Unanswered() const {
    RoundDossier d;
    d.round = dossier_.round;
    d.round.status = RoundStatus::kOpen;
    d.instrument = &instrument_;
    d.report = Score(instrument_, SheetOf(instrument_, d.round, {}, {}));
    d.plan = PlanWayForward(instrument_, d.report, {});
    d.roadmap = BuildRoadmap(d.plan, {});
    return d;
  }
  const std::string& respondent_name(size_t i) const { return dossier_.respondents[i].name; }

 private:
  Instrument instrument_;
  RoundDossier dossier_;
};

// Runs a shell command and returns its standard output.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

// How many lines of `text` (pdfinfo -struct output) are `element` ("TH", "P (block)").
int CountElements(const std::string& text, const std::string& element) {
  int n = 0;
  const std::regex line("^ *" + std::regex_replace(element, std::regex(R"([()])"), R"(\$&)") + "$",
                        std::regex::multiline);
  for (std::sregex_iterator i(text.begin(), text.end(), line), e; i != e; ++i) ++n;
  return n;
}

std::vector<std::string> FigureAlts(const fs::path& pdf) {
  std::vector<std::string> alts;
  for (const testing::StructElement& e : testing::PdfObjects(pdf).Structure()) {
    if (e.type == "/Figure") alts.push_back(e.alt);
  }
  return alts;
}

class CountryReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("meter-report-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Renders the report in `lang` and returns the path of the PDF.
  fs::path Render(const std::string& lang, std::vector<ReportBenchmark> benchmarks = {}) {
    CountryReportOptions options;
    options.country = "Republic of Aurelia";
    options.region = "Europe";
    options.subregion = "Southern Europe";
    options.benchmarks = std::move(benchmarks);
    options.generated_on = "2026-11-28";
    options.locale = catalogs_.For(lang);
    options.lang = lang;
    auto pdf = CountryReportPdf(sample_.dossier(), options);
    EXPECT_TRUE(pdf.ok()) << pdf.error().ToString();
    const fs::path path = dir_ / ("report-" + lang + ".pdf");
    std::ofstream(path, std::ios::binary) << (pdf.ok() ? pdf.value() : "");
    if (const char* keep = std::getenv("METER_ARTIFACTS")) {
      fs::create_directories(keep);
      fs::copy_file(path, fs::path(keep) / path.filename(), fs::copy_options::overwrite_existing);
    }
    return path;
  }
  // Renders `dossier` with `options` (the locale set to English) to `name` and returns the text
  // of its first page, the cover.
  std::string Cover(const RoundDossier& dossier, CountryReportOptions options,
                    const std::string& name) {
    options.generated_on = "2026-11-28";
    options.locale = catalogs_.For("en");
    auto pdf = CountryReportPdf(dossier, options);
    EXPECT_TRUE(pdf.ok()) << pdf.error().ToString();
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << (pdf.ok() ? pdf.value() : "");
    return Shell("pdftotext -layout -f 1 -l 1 '" + path.string() + "' -");
  }
  static std::string Text(const fs::path& pdf) {
    return Shell("pdftotext -layout '" + pdf.string() + "' -");
  }
  static int Pages(const std::string& info) {
    std::smatch m;
    return std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : 0;
  }

  SampleRound sample_;
  Catalogs catalogs_{METER_LOCALE_DIR_FOR_TESTS};
  fs::path dir_;
};

TEST_F(CountryReportTest, IsAnA4PdfWithMetadataAndEmbeddedNotoFonts) {
  const fs::path pdf = Render("en");
  EXPECT_EQ(testing::ReadText(pdf).substr(0, 5), "%PDF-");
  const std::string info = Shell("pdfinfo '" + pdf.string() + "'");
  EXPECT_THAT(info, ::testing::ContainsRegex(R"(Page size: +595\.28 x 841\.89 pts \(A4\))"));
  EXPECT_GE(Pages(info), 5);
  EXPECT_THAT(info, ::testing::ContainsRegex("Title: +Republic of Aurelia — Aurelia 2026"));
  EXPECT_THAT(info, ::testing::ContainsRegex("Creator: +METER\n"));
  const std::string fonts = Shell("pdffonts '" + pdf.string() + "'");
  EXPECT_THAT(fonts, HasSubstr("NotoSans-Regular"));
  EXPECT_THAT(fonts, HasSubstr("NotoSans-Bold"));
  EXPECT_THAT(fonts, Not(HasSubstr(" no  "))) << "every font is embedded:\n" << fonts;
}

TEST_F(CountryReportTest, HasEverySectionInTheTableOfContentsWithPageNumbers) {
  const std::string text = Text(Render("en"));
  EXPECT_THAT(text, HasSubstr("Republic of Aurelia"));
  EXPECT_THAT(text, HasSubstr("Southern Europe, Europe"));
  EXPECT_THAT(text, HasSubstr("Aurelia 2026 self-assessment"));
  EXPECT_THAT(text, HasSubstr("meter 2.0"));
  EXPECT_THAT(text, HasSubstr("2026-11-28"));
  // Each section is listed in the contents with a page number, and appears as a heading.
  for (const char* section :
       {"Executive summary", "Charts", "Scores of every pillar and sub-area", "Way Forward",
        "Roadmap", "Targets", "Benchmarks", "Annex A: the score of every statement",
        "Annex B: what respondents wrote"}) {
    const std::regex entry(std::string(section) + R"( +(\d+)\n)");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, entry)) << section << " is not in the contents";
    const std::string rest = m.suffix();
    EXPECT_THAT(rest, HasSubstr(section)) << section << " is listed but not printed";
  }
  EXPECT_THAT(text, HasSubstr("Phase 1: the first 6 months"));
  EXPECT_THAT(text, HasSubstr("Largest awareness gaps"));
}

TEST_F(CountryReportTest, EveryPageSaysWhichPageOfHowManyItIs) {
  const fs::path pdf = Render("en");
  const int pages = Pages(Shell("pdfinfo '" + pdf.string() + "'"));
  const std::string text = Text(pdf);
  for (int page = 1; page <= pages; ++page) {
    EXPECT_THAT(text, HasSubstr("Page " + std::to_string(page) + " of " + std::to_string(pages)));
  }
  EXPECT_THAT(text, Not(HasSubstr("Page " + std::to_string(pages + 1) + " of")));
}

TEST_F(CountryReportTest, TheContentsPointToThePagesTheSectionsAreOn) {
  const fs::path pdf = Render("en");
  const std::string contents = Shell("pdftotext -layout -f 2 -l 2 '" + pdf.string() + "' -");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(contents, m, std::regex(R"(Roadmap +(\d+)\n)")));
  const std::string page = m[1];
  const std::string there =
      Shell("pdftotext -layout -f " + page + " -l " + page + " '" + pdf.string() + "' -");
  EXPECT_THAT(there, HasSubstr("Roadmap"));
  EXPECT_THAT(there, HasSubstr("Ministry of Digital"));
  EXPECT_THAT(there, HasSubstr("2027-06-30"));
}

TEST_F(CountryReportTest, ShowsTheSurveysFiguresAsAnExternalMeasureOnlyWhenItHasThem) {
  RoundDossier dossier = sample_.dossier();
  EgdiRow first{"KEN", 2010, 124, 0.3338, 0.2381, 0.7034, 0.0641, std::nullopt};
  EgdiRow last{"KEN", 2018, std::nullopt, std::nullopt, 0.625, 0.547, 0.19, 0.534};
  dossier.egdi = {first, last};
  CountryReportOptions options;
  options.country = "Kenya";
  options.generated_on = "2026-11-28";
  options.locale = catalogs_.For("en");
  auto pdf = CountryReportPdf(dossier, options);
  ASSERT_TRUE(pdf.ok()) << pdf.error().ToString();
  const fs::path path = dir_ / "report-egdi.pdf";
  std::ofstream(path, std::ios::binary) << pdf.value();
  const std::string text = Text(path);
  if (const char* keep = std::getenv("METER_ARTIFACTS")) {
    fs::create_directories(keep);
    fs::copy_file(path, fs::path(keep) / path.filename(), fs::copy_options::overwrite_existing);
  }
  EXPECT_THAT(text, HasSubstr("UN E-Government Survey"));
  EXPECT_THAT(text, ::testing::ContainsRegex("It is not converted\\s+into\\s+METER's index"));
  // Three decimals, the rank as published, and a dash where the survey published nothing.
  EXPECT_THAT(text, ::testing::ContainsRegex("2010 +0\\.334 +124 +0\\.238 +0\\.703 +0\\.064 +—"));
  EXPECT_THAT(text, ::testing::ContainsRegex("2018 +— +— +0\\.625 +0\\.547 +0\\.190 +0\\.534"));
  // A country without figures has no such section.
  EXPECT_THAT(Text(Render("en")), Not(HasSubstr("UN E-Government Survey")));
}

TEST_F(CountryReportTest, ShowsScoresWayForwardAndTargets) {
  const std::string text = Text(Render("en"));
  const UnitScore* overall = sample_.dossier().Unit("overall");
  ASSERT_TRUE(overall && overall->score);
  EXPECT_THAT(text, HasSubstr(OneDecimal(overall->score) + " (" + BandName(*overall->band) + ")"));
  EXPECT_THAT(text, HasSubstr("Strongest pillar"));
  EXPECT_THAT(text, HasSubstr("Weakest pillar"));
  // A recommended action of the first priority's band, from the instrument.
  const WayForwardItem& first = sample_.dossier().plan.priorities.front();
  const SubArea* s = sample_.dossier().instrument->FindSubArea(first.subarea);
  const std::string action = s->actions[static_cast<int>(*first.band)].front().Get("en");
  EXPECT_THAT(text, HasSubstr(action.substr(0, 40)));
  // Targets: Commitment aims at 60.
  EXPECT_THAT(text, ::testing::ContainsRegex("C Commitment +[0-9.]+ +60.0"));
  // No benchmarks given: the section says why.
  EXPECT_THAT(text, HasSubstr("No benchmark yet"));
  // Each item says why it is in its phase (item 14 of issue 11).
  EXPECT_THAT(text, HasSubstr("Phase 1: score " + OneDecimal(first.score) + ","));
}

// Items 12 and 19 of issue 11: the cover names the country, where it lies and the round each once,
// and says when the results are provisional.
TEST_F(CountryReportTest, TheCoverSaysEachThingOnceAndWhenResultsAreProvisional) {
  CountryReportOptions options;
  options.country = "Republic of Aurelia";
  options.region = "Africa";
  options.subregion = "Eastern Africa";
  const std::string closed = Cover(sample_.dossier(), options, "closed.pdf");
  EXPECT_THAT(closed, HasSubstr("Eastern Africa, Africa"));
  EXPECT_THAT(closed, HasSubstr("Aurelia 2026 self-assessment"));
  EXPECT_THAT(closed, Not(HasSubstr("Provisional")));

  // A country and a round that bear one name, in a list whose region and sub-region agree.
  RoundDossier open = sample_.dossier();
  open.round.status = RoundStatus::kOpen;
  open.round.title = "Demo";
  options.country = "Demo";
  options.region = options.subregion = "Demo";
  const std::string cover = Cover(open, options, "open.pdf");
  EXPECT_THAT(cover, HasSubstr("Provisional results"));
  EXPECT_THAT(cover, HasSubstr("This round is still open"));
  EXPECT_THAT(cover, Not(HasSubstr("Demo — Demo")));
  EXPECT_THAT(cover, Not(HasSubstr("Demo, Demo")));
  size_t times = 0;
  for (size_t at = cover.find("Demo"); at != std::string::npos; at = cover.find("Demo", at + 1)) {
    ++times;
  }
  EXPECT_EQ(times, 2u) << "the cover's title and its footer:\n" << cover;
}

TEST_F(CountryReportTest, TheAnnexHasEveryStatementAndEveryCommentAsWritten) {
  const std::string text = Text(Render("en"));
  EXPECT_THAT(text, HasSubstr("C1.12"));
  EXPECT_THAT(text, HasSubstr("T4.1"));
  // A comment of the sample, and markup-like text printed literally, not interpreted.
  EXPECT_THAT(text, HasSubstr("Backups run daily, but the recovery plan has not been tested"));
  EXPECT_THAT(text, HasSubstr(kHostileComment));
  EXPECT_THAT(text, HasSubstr(kChineseComment));
  EXPECT_THAT(text, HasSubstr(kRussianComment));
  EXPECT_THAT(text, HasSubstr("Evidence: https://example.org/evidence"));
  // Respondents are confidential: the group is shown, never the name.
  EXPECT_THAT(text, HasSubstr("Agencies"));
  for (size_t i = 0; i < sample_.dossier().respondents.size(); ++i) {
    EXPECT_THAT(text, Not(HasSubstr(sample_.respondent_name(i))));
  }
}

TEST_F(CountryReportTest, ShowsTheBenchmarksBesideTheRoundsOwnScores) {
  const std::string text =
      Text(Render("en", {{"Southern Europe", {{"overall", 61.26}, {"C", 55.5}}},
                         {"All countries", {{"overall", 48.04}}}}));
  EXPECT_THAT(text, ::testing::ContainsRegex("This round +Southern Europe +All countries"));
  const std::string own = OneDecimal(sample_.dossier().Unit("overall")->score);
  EXPECT_THAT(text, ::testing::ContainsRegex("Overall index +" + own + " +61.3 +48.0"));
  EXPECT_THAT(text, Not(HasSubstr("No benchmark yet")));
}

TEST_F(CountryReportTest, InArabicTheWordsAreTranslatedAndTheTextExtracts) {
  const std::locale ar = catalogs_.For("ar");
  const std::string way_forward = Tr(ar, "Way Forward");
  ASSERT_NE(way_forward, "Way Forward") << "the Arabic catalog is not built";
  const fs::path pdf = Render("ar");
  const std::string info = Shell("pdfinfo '" + pdf.string() + "'");
  EXPECT_GE(Pages(info), 5);
  // (poppler reads the lam-alef ligature backwards, so the words checked here have none)
  const std::string text = Shell("pdftotext '" + pdf.string() + "' -");
  // (and it may put a word's last vowel mark before its letter, so the last word is left out)
  EXPECT_THAT(text, HasSubstr(way_forward.substr(0, way_forward.rfind(' '))));
  EXPECT_THAT(text, HasSubstr(Tr(ar, "Executive summary")));
  EXPECT_THAT(text, HasSubstr(kArabicComment));
  EXPECT_THAT(text, HasSubstr(kHostileComment));
  EXPECT_THAT(Shell("pdffonts '" + pdf.string() + "'"), HasSubstr("NotoSansArabic"));
}

// Issue 12: under each sub-area of the Way Forward, the first lessons and case studies of the
// knowledge base about it, titled in the report's language where they have a title in it, and how
// many more there are.
TEST_F(CountryReportTest, TheWayForwardNamesLessonsAndCasesInTheReadersLanguage) {
  RoundDossier d = sample_.dossier();
  const std::string subarea = d.roadmap.front().item.subarea;
  auto entry = [&](const std::string& slug, const std::string& kind, const std::string& en,
                   const std::string& fr, const std::string& zh) {
    KnowledgeSummary s;
    s.slug = slug;
    s.kind = kind;
    s.titles = {{"en", en}};
    if (!fr.empty()) s.titles["fr"] = fr;
    if (!zh.empty()) s.titles["zh"] = zh;
    s.subareas = {subarea};
    return s;
  };
  d.knowledge = {entry("case-a", "case", "Alpha case", "Cas Alpha", "阿尔法案例"),
                 entry("lesson-b", "lesson", "Beta lesson", "Leçon Bêta", "贝塔经验"),
                 entry("lesson-z", "lesson", "Zeta lesson", "", ""),
                 entry("lesson-d", "lesson", "Delta lesson", "Leçon Delta", ""),
                 entry("lesson-e", "lesson", "Epsilon lesson", "Leçon Epsilon", "")};
  auto render = [&](const std::string& lang) {
    CountryReportOptions options;
    options.country = "Republic of Aurelia";
    options.generated_on = "2026-11-28";
    options.locale = catalogs_.For(lang);
    options.lang = lang;
    auto pdf = CountryReportPdf(d, options);
    EXPECT_TRUE(pdf.ok()) << pdf.error().ToString();
    const fs::path path = dir_ / ("knowledge-" + lang + ".pdf");
    std::ofstream(path, std::ios::binary) << (pdf.ok() ? pdf.value() : "");
    return Shell("pdftotext '" + path.string() + "' -");
  };
  const std::string fr = render("fr");
  // A case first, then by the French title; a title with no French stays in English.
  EXPECT_THAT(fr,
              ::testing::ContainsRegex("Cas Alpha \\([^)]*\\)(.|\n)*Leçon Bêta(.|\n)*Leçon Delta"));
  EXPECT_THAT(fr, Not(HasSubstr("Leçon Epsilon")));  // the fourth and fifth: counted, not named
  EXPECT_THAT(fr, Not(HasSubstr("Zeta lesson")));
  const std::string zh = render("zh");
  EXPECT_THAT(zh, HasSubstr("阿尔法案例"));
  EXPECT_THAT(zh, HasSubstr("Delta lesson"));  // no Chinese title: the English one
  EXPECT_THAT(zh, Not(HasSubstr("Alpha case")));
  const std::string en = render("en");
  EXPECT_THAT(en, HasSubstr("Alpha case (Case study)"));
  EXPECT_THAT(
      en, ::testing::ContainsRegex("More lessons and case studies on this sub-area in"
                                   "[[:space:]]+METER's[[:space:]]+knowledge[[:space:]]+base: 2"));
}

// One line of `pdftotext -bbox-layout` output: its horizontal extent and its words run together.
struct BoxLine {
  double x_min, x_max;
  std::string words;
};

std::vector<BoxLine> BoxLines(const fs::path& pdf) {
  const std::string xml = Shell("pdftotext -bbox-layout '" + pdf.string() + "' -");
  static const std::regex line(R"re(<line xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)")re");
  static const std::regex word(R"re(<word [^>]*>([^<]*)</word>)re");
  std::vector<BoxLine> out;
  for (size_t at = xml.find("<line "); at != std::string::npos; at = xml.find("<line ", at + 1)) {
    const std::string text = xml.substr(at, xml.find("</line>", at) - at);
    std::smatch m;
    if (!std::regex_search(text, m, line)) continue;
    BoxLine box{std::stod(m[1]), std::stod(m[2]), ""};
    for (std::sregex_iterator w(text.begin(), text.end(), word), e; w != e; ++w) {
      box.words += (*w)[1].str();
    }
    out.push_back(box);
  }
  return out;
}

bool HasArabic(const std::string& text) {
  for (unsigned char c : text) {
    if (c >= 0xD8 && c <= 0xDB) return true;  // lead bytes of U+0600–U+06FF
  }
  return false;
}

TEST_F(CountryReportTest, EachParagraphAlignsToTheStartOfItsOwnDirection) {
  // In the English report, the Arabic comment ends at the right edge of its column (the page's
  // right margin less the cell padding) while an English comment in the same column starts at the
  // column's left.
  const auto lines = BoxLines(Render("en"));
  const BoxLine *arabic = nullptr, *english = nullptr;
  for (const BoxLine& l : lines) {
    if (!arabic && HasArabic(l.words)) arabic = &l;
    if (!english && l.words.find("Tested") == 0) english = &l;
  }
  ASSERT_TRUE(arabic && english);
  EXPECT_NEAR(arabic->x_max, 595.28 - 56.7 - 3, 1.5);
  EXPECT_GT(arabic->x_min, english->x_min + 100);
  EXPECT_LT(english->x_max, arabic->x_max - 100);
  // In the Arabic report, the document is mirrored: the headings end at the right margin.
  int at_right_margin = 0;
  for (const BoxLine& l : BoxLines(Render("ar"))) {
    if (HasArabic(l.words) && std::abs(l.x_max - (595.28 - 56.7)) < 1.5) ++at_right_margin;
  }
  EXPECT_GE(at_right_margin, 5);
}

TEST_F(CountryReportTest, ARoundWithoutAnswersStillMakesAReportThatSaysSo) {
  CountryReportOptions options;
  options.country = "Republic of Aurelia";
  options.generated_on = "2026-11-28";
  options.locale = catalogs_.For("en");
  auto pdf = CountryReportPdf(sample_.Unanswered(), options);
  ASSERT_TRUE(pdf.ok()) << pdf.error().ToString();
  const fs::path path = dir_ / "empty.pdf";
  std::ofstream(path, std::ios::binary) << pdf.value();
  const std::string text = Shell("pdftotext -layout '" + path.string() + "' -");
  EXPECT_THAT(text, HasSubstr("Overall index: insufficient data"));
  EXPECT_THAT(text, HasSubstr("Gaps need scores from at least two groups."));
  EXPECT_THAT(text, HasSubstr("Measure first"));
  EXPECT_THAT(text, HasSubstr("No respondent left a comment."));
  EXPECT_THAT(text, HasSubstr("open"));
}

// The layout engine on its own: what the report relies on at the edges.
class PdfDocumentTest : public CountryReportTest {};

TEST_F(PdfDocumentTest, ARowTallerThanAPageContinuesUnderTheRepeatedHeader) {
  std::string words;
  for (int i = 1; i <= 700; ++i) {
    char word[16];
    std::snprintf(word, sizeof word, "word%04d ", i);
    words += word;
  }
  PdfDocument doc(PdfInfo{"Long row", "", "Page {1} of {2}", "", false, "en"});
  doc.Heading(1, "A table");
  doc.Table({{1, 3}, {}, {"Column A", "Column B"}, {{{"first", words}}, {{"second", "short"}}}});
  auto pdf = doc.Render();
  ASSERT_TRUE(pdf.ok()) << pdf.error().ToString();
  const fs::path path = dir_ / "long.pdf";
  std::ofstream(path, std::ios::binary) << pdf.value();
  const std::string text = Shell("pdftotext '" + path.string() + "' -");
  EXPECT_GE(Pages(Shell("pdfinfo '" + path.string() + "'")), 2);
  for (const char* word : {"word0001", "word0350", "word0700", "second"}) {
    EXPECT_THAT(text, HasSubstr(word));
  }
  EXPECT_THAT(text, ::testing::ContainsRegex("Column B(.|\n)*Column B"));  // on both pages
  EXPECT_THAT(text, HasSubstr("Page 2 of"));
  // In the structure the header is there once; the split row is a TR on each page.
  const std::string tree = Shell("pdfinfo -struct '" + path.string() + "'");
  EXPECT_EQ(CountElements(tree, "TH"), 2) << tree;
  EXPECT_GE(CountElements(tree, "TR"), 1 + 2 + 1);
}

TEST_F(PdfDocumentTest, AFigureThatIsNotSvgIsRefusedNamingItsCaption) {
  PdfDocument doc(PdfInfo{"Figures", "", "Page {1} of {2}", "", false, "en"});
  doc.Figure("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect", "The broken figure");
  auto pdf = doc.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(pdf.error().ToString(), HasSubstr("The broken figure: the figure is not valid SVG"));
}

// Issue 12: a tagged PDF that a screen reader can follow, in the order the report is read.
TEST_F(CountryReportTest, IsATaggedPdfWhoseStructureAScreenReaderCanFollow) {
  const fs::path pdf = Render("en");
  const testing::ShellResult info = testing::RunShell("pdfinfo '" + pdf.string() + "' 2>&1");
  EXPECT_EQ(info.status, 0) << info.out;
  EXPECT_THAT(info.out, ::testing::ContainsRegex("Tagged: +yes"));
  EXPECT_THAT(info.out, ::testing::ContainsRegex(
                            "Title: +Republic of Aurelia — Aurelia 2026 self-assessment"));
  EXPECT_THAT(info.out, ::testing::ContainsRegex("Subject: +METER country report"));
  EXPECT_EQ(testing::RunShell("qpdf --check '" + pdf.string() + "' >/dev/null 2>&1").status, 0);

  const std::string tree = Shell("pdfinfo -struct-text '" + pdf.string() + "'");
  EXPECT_THAT(tree, HasSubstr("H2 (block)\n    \"Largest awareness gaps\""));
  EXPECT_THAT(tree, HasSubstr("TH\n        \"Unit\""));       // the scores table's header
  EXPECT_THAT(tree, HasSubstr("TH\n        \"Year\""));       // the cover's facts: a row header
  EXPECT_THAT(tree, HasSubstr("TOCI\n      Link (inline)"));  // the contents link their pages
  EXPECT_GE(CountElements(tree, "Table (block)"), 5);
  EXPECT_GE(CountElements(tree, "LBody (block)"), 5);
  // The sections in the order of the contents, each an H1.
  size_t at = tree.find("TOC\n");
  ASSERT_NE(at, std::string::npos);
  for (const char* section :
       {"Executive summary", "Charts", "Scores of every pillar and sub-area", "Way Forward",
        "Roadmap", "Targets", "Benchmarks", "Annex A: the score of every statement",
        "Annex B: what respondents wrote"}) {
    const size_t next = tree.find("H1 (block)\n    \"" + std::string(section) + "\"", at);
    EXPECT_NE(next, std::string::npos) << section << " is not an H1 after the one before it";
    if (next != std::string::npos) at = next;
  }
  // The footer is page furniture, not text of the report.
  EXPECT_THAT(tree, Not(HasSubstr("Page 3 of")));

  // What poppler does not show: the language, and each chart's alternative text with its numbers.
  const testing::PdfObjects objects(pdf);
  EXPECT_EQ(testing::PdfObjects::Text(testing::PdfObjects::Get(objects.Catalog(), "/Lang")), "en");
  const std::vector<std::string> alts = FigureAlts(pdf);
  ASSERT_EQ(alts.size(), 3u);
  const std::string commitment = OneDecimal(sample_.dossier().Unit("C")->score);
  EXPECT_THAT(alts[0], HasSubstr("A radar chart of the score of each pillar"));
  EXPECT_THAT(alts[0], HasSubstr("Commitment: " + commitment));
  EXPECT_THAT(alts[1], HasSubstr("A grid of the score that each group"));
  EXPECT_THAT(alts[2], HasSubstr("A bar chart of the score of each sub-area"));
  EXPECT_THAT(alts[2], Not(HasSubstr("&amp;")));
}

TEST_F(CountryReportTest, AnArabicReportIsTaggedAsArabic) {
  const fs::path pdf = Render("ar");
  const testing::ShellResult info = testing::RunShell("pdfinfo '" + pdf.string() + "' 2>&1");
  EXPECT_EQ(info.status, 0) << info.out;
  EXPECT_THAT(info.out, ::testing::ContainsRegex("Tagged: +yes"));
  EXPECT_THAT(info.out, HasSubstr(Tr(catalogs_.For("ar"), "METER country report")));
  EXPECT_EQ(testing::RunShell("qpdf --check '" + pdf.string() + "' >/dev/null 2>&1").status, 0);
  const testing::PdfObjects objects(pdf);
  EXPECT_EQ(testing::PdfObjects::Text(testing::PdfObjects::Get(objects.Catalog(), "/Lang")), "ar");
  const std::string tree = Shell("pdfinfo -struct-text '" + pdf.string() + "'");
  EXPECT_GE(CountElements(tree, "H1 (block)"), 9);
  EXPECT_TRUE(HasArabic(tree)) << "the structure holds the Arabic interface texts";
  const std::vector<std::string> alts = FigureAlts(pdf);
  ASSERT_EQ(alts.size(), 3u);
  for (const std::string& alt : alts) EXPECT_NE(alt, "");
  EXPECT_TRUE(HasArabic(alts[1])) << "the group names of the heatmap, in Arabic: " << alts[1];
}

TEST_F(PdfDocumentTest, AParagraphOverTwoPagesIsOneParagraphWithoutTheFooter) {
  std::string words;
  for (int i = 1; i <= 1200; ++i) words += "word" + std::to_string(i) + " ";
  PdfDocument doc(PdfInfo{"Long paragraph", "", "Page {1} of {2}", "", false, "en"});
  doc.Heading(1, "A paragraph");
  doc.Paragraph(words);
  doc.Bullets({"one item", "another item"});
  auto pdf = doc.Render();
  ASSERT_TRUE(pdf.ok()) << pdf.error().ToString();
  const fs::path path = dir_ / "paragraph.pdf";
  std::ofstream(path, std::ios::binary) << pdf.value();
  EXPECT_GE(Pages(Shell("pdfinfo '" + path.string() + "'")), 2);
  const std::string tree = Shell("pdfinfo -struct-text '" + path.string() + "'");
  EXPECT_EQ(CountElements(tree, "P (block)"), 1) << tree.substr(0, 2000);
  EXPECT_GE(CountElements(tree, "Span (inline)"), 2);  // one per page
  EXPECT_THAT(tree, HasSubstr("Span (inline)\n      \"word1 word2 "));
  EXPECT_THAT(tree, Not(HasSubstr("Page 1 of")));
  EXPECT_THAT(tree, Not(HasSubstr("Long paragraph")));  // the footer's title
  EXPECT_EQ(CountElements(tree, "L (block)"), 1);
  EXPECT_EQ(CountElements(tree, "LI (block)"), 2);
  EXPECT_EQ(CountElements(tree, "Lbl (block)"), 2);
  EXPECT_THAT(tree, HasSubstr("LBody (block)\n        \"another item\""));
}

}  // namespace
}  // namespace meter
