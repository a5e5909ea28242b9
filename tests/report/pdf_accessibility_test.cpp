// The update that gives cairo's tagged PDF its figures' alternative texts and its language
// (report/pdf_accessibility.h): what it adds, read back by qpdf and poppler, and that a PDF it
// cannot read safely comes back byte for byte unchanged, saying why.
#include "report/pdf_accessibility.h"

#include <gmock/gmock.h>
#include <unistd.h>

#include <fstream>

#include "report/pdf_document.h"
#include "report/pdf_reading.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::PdfObjects;
using testing::RunShell;

constexpr const char* kSquare =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
    "<rect width=\"200\" height=\"100\" fill=\"#1a4480\"/></svg>";

class PdfAccessibilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("meter-pdf-a11y-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A tagged PDF of two figures, as cairo wrote it: Render's output without the update it
  // appended (everything after cairo's first %%EOF).
  static std::string CairoPdf(int figures = 2) {
    PdfDocument doc(PdfInfo{"Two squares", "", "Page {1} of {2}", "", false, ""});
    doc.Heading(1, "Squares");
    doc.Paragraph("Two blue squares follow.");
    for (int i = 1; i <= figures; ++i) doc.Figure(kSquare, "Square " + std::to_string(i));
    auto pdf = doc.Render();
    EXPECT_TRUE(pdf.ok()) << pdf.error().ToString();
    const std::string bytes = pdf.ok() ? pdf.value() : "";
    const size_t eof = bytes.find("%%EOF\n");
    return eof == std::string::npos ? bytes : bytes.substr(0, eof + 6);
  }
  fs::path Write(const std::string& bytes, const std::string& name) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  fs::path dir_;
};

TEST_F(PdfAccessibilityTest, AddsTheAltTextsTheLanguageAndTheTitlePreferenceAsAnUpdate) {
  const std::string cairo = CairoPdf();
  // Not ASCII, a character outside the Basic Multilingual Plane (a surrogate pair in UTF-16),
  // and characters that would need escaping in a literal string.
  const std::string arabic = "مربع أزرق (الأول) \\ 😀";
  const PdfAccessibilityUpdate update =
      AddPdfAccessibility(cairo, {"fr", {"Un carré bleu", arabic}});
  ASSERT_EQ(update.skipped, "");
  EXPECT_EQ(update.pdf.substr(0, cairo.size()), cairo) << "cairo's bytes are kept as they were";
  const fs::path path = Write(update.pdf, "updated.pdf");
  EXPECT_EQ(RunShell("qpdf --check '" + path.string() + "' >/dev/null 2>&1").status, 0);
  const testing::ShellResult info = RunShell("pdfinfo '" + path.string() + "' 2>&1");
  EXPECT_EQ(info.status, 0) << info.out;
  EXPECT_THAT(info.out, ::testing::ContainsRegex("Tagged: +yes"));

  const PdfObjects pdf(path);
  const nlohmann::json& catalog = pdf.Catalog();
  EXPECT_EQ(PdfObjects::Text(PdfObjects::Get(catalog, "/Lang")), "fr");
  EXPECT_EQ(PdfObjects::Get(PdfObjects::Get(catalog, "/ViewerPreferences"), "/DisplayDocTitle"),
            true);
  EXPECT_EQ(PdfObjects::Get(PdfObjects::Get(catalog, "/MarkInfo"), "/Marked"), true);
  EXPECT_THAT(PdfObjects::Get(pdf.Trailer(), "/Prev"), ::testing::Not(nlohmann::json()));
  std::vector<std::string> alts;
  for (const testing::StructElement& e : pdf.Structure()) {
    if (e.type == "/Figure") alts.push_back(e.alt);
  }
  EXPECT_THAT(alts, ::testing::ElementsAre("Un carré bleu", arabic));
}

TEST_F(PdfAccessibilityTest, RenderGivesEveryFigureItsAltOrElseItsCaption) {
  PdfDocument doc(PdfInfo{"Figures", "", "Page {1} of {2}", "", false, "zh"});
  doc.Figure(kSquare, "The first square", "A blue rectangle twice as wide as it is tall.");
  doc.Figure(kSquare, "The second square");
  auto rendered = doc.Render();
  ASSERT_TRUE(rendered.ok()) << rendered.error().ToString();
  const PdfObjects pdf(Write(rendered.value(), "figures.pdf"));
  EXPECT_EQ(PdfObjects::Text(PdfObjects::Get(pdf.Catalog(), "/Lang")), "zh");
  std::vector<std::string> alts;
  for (const testing::StructElement& e : pdf.Structure()) {
    if (e.type == "/Figure") alts.push_back(e.alt);
  }
  EXPECT_THAT(alts, ::testing::ElementsAre("A blue rectangle twice as wide as it is tall.",
                                           "The second square"));
}

TEST_F(PdfAccessibilityTest, APdfItCannotReadSafelyComesBackUnchangedSayingWhy) {
  const std::string cairo = CairoPdf();
  const std::string updated = AddPdfAccessibility(cairo, {"en", {"a", "b"}}).pdf;
  std::string moved = cairo;  // startxref pointing at the header, not at the xref table
  const size_t offset = moved.rfind("startxref\n") + 10;
  moved.replace(offset, moved.find('\n', offset) - offset, "12");
  PdfDocument empty(PdfInfo{"Nothing", "", "Page {1} of {2}", "", false, "en"});
  const std::string untagged = empty.Render().value();  // no structure at all
  const struct {
    std::string pdf;
    PdfAccessibility wanted;
    std::string why;
  } cases[] = {
      {"not a PDF", {"en", {}}, "no startxref"},
      {moved, {"en", {"a", "b"}}, "xref"},
      {updated, {"en", {"a", "b"}}, "/Prev"},
      {cairo, {"en", {"only one"}}, "2 Figure elements for 1 alternative texts"},
      {cairo, {"en", {"a", "b", "c"}}, "2 Figure elements for 3 alternative texts"},
      {cairo, {"en US", {"a", "b"}}, "not a BCP 47 language tag"},
      {untagged, {"en", {}}, "not tagged"},
  };
  for (const auto& c : cases) {
    const PdfAccessibilityUpdate update = AddPdfAccessibility(c.pdf, c.wanted);
    EXPECT_EQ(update.pdf, c.pdf) << c.why;
    EXPECT_THAT(update.skipped, HasSubstr(c.why));
  }
}

}  // namespace
}  // namespace meter
