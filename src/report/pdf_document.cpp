#include "report/pdf_document.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "report/pdf_accessibility.h"
#include "report/pdf_layout.h"

namespace meter {
namespace {

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using SvgPtr = std::unique_ptr<RsvgHandle, GObjectUnref>;

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }
cairo_status_t Append(void* out, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void PdfDocument::Heading(int level, std::string text) {
  Block b;
  b.kind = Kind::kHeading;
  b.level = std::clamp(level, 1, 3);
  b.text = std::move(text);
  blocks_.push_back(std::move(b));
}

void PdfDocument::Paragraph(std::string text, PdfStyle style) {
  Block b;
  b.kind = Kind::kParagraph;
  b.text = std::move(text);
  b.style = style;
  blocks_.push_back(std::move(b));
}

void PdfDocument::Bullets(std::vector<std::string> items) {
  Block b;
  b.kind = Kind::kBullets;
  b.items = std::move(items);
  blocks_.push_back(std::move(b));
}

void PdfDocument::Table(PdfTable table) {
  Block b;
  b.kind = Kind::kTable;
  b.table = std::move(table);
  blocks_.push_back(std::move(b));
}

void PdfDocument::Figure(std::string svg, std::string caption, std::string alt) {
  Block b;
  b.kind = Kind::kFigure;
  b.text = std::move(svg);
  b.alt = alt.empty() ? caption : std::move(alt);
  b.caption = std::move(caption);
  blocks_.push_back(std::move(b));
}

void PdfDocument::TableOfContents(std::string title) {
  Block b;
  b.kind = Kind::kToc;
  b.text = std::move(title);
  blocks_.push_back(std::move(b));
}

void PdfDocument::PageBreak() {
  Block b;
  b.kind = Kind::kPageBreak;
  blocks_.push_back(std::move(b));
}

void PdfDocument::Space(double points) {
  Block b;
  b.kind = Kind::kSpace;
  b.space = points;
  blocks_.push_back(std::move(b));
}

Result<std::string> PdfDocument::Render() const {
  std::vector<SvgPtr> figures(blocks_.size());
  for (size_t i = 0; i < blocks_.size(); ++i) {
    if (blocks_[i].kind != Kind::kFigure) continue;
    GError* error = nullptr;
    figures[i].reset(rsvg_handle_new_from_data(
        reinterpret_cast<const guint8*>(blocks_[i].text.data()), blocks_[i].text.size(), &error));
    if (!figures[i]) {
      const std::string reason = error ? error->message : "";
      if (error) g_error_free(error);
      return Error::Of(ErrorCode::kInvalidInput, blocks_[i].caption,
                       METER_N("the figure is not valid SVG: {1}"), {reason});
    }
  }
  std::vector<RsvgHandle*> handles;
  for (const SvgPtr& f : figures) handles.push_back(f.get());
  // Pass 1: measure.
  cairo_surface_t* measuring =
      cairo_pdf_surface_create_for_stream(Discard, nullptr, kPdfPageWidth, kPdfPageHeight);
  cairo_t* measure = cairo_create(measuring);
  auto measured = LayOutPass(measure, info_, blocks_, handles, false, {}, 0);
  cairo_destroy(measure);
  cairo_surface_destroy(measuring);
  if (!measured) return measured.error();
  const int pages = measured.value().pages;
  // Pass 2: draw.
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(Append, &out, kPdfPageWidth, kPdfPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info_.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "METER");
  if (!info_.subject.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info_.subject.c_str());
  }
  if (info_.date.size() == 10) {
    const std::string date = info_.date + "T00:00:00Z";
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  auto drawn = LayOutPass(cr, info_, blocks_, handles, true, measured.value().heading_pages, pages);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!drawn) return drawn.error();
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error::Of(ErrorCode::kInternal, "", METER_N("the PDF cannot be written: {1}"),
                     {cairo_status_to_string(status)});
  }
  if (drawn.value().pages != pages) {  // both passes run the same code on the same fonts
    return Error::Of(ErrorCode::kInternal, "", METER_N("the PDF cannot be written: {1}"),
                     {"the two layout passes disagree"});
  }
  PdfAccessibility wanted{info_.lang, {}};
  for (const Block& b : blocks_) {
    if (b.kind == Kind::kFigure) wanted.alts.push_back(b.alt);
  }
  PdfAccessibilityUpdate updated = AddPdfAccessibility(std::move(out), wanted);
  if (!updated.skipped.empty()) {
    std::fprintf(stderr, "meter: the PDF is left without its language and figure texts: %s\n",
                 updated.skipped.c_str());
  }
  return std::move(updated.pdf);
}

}  // namespace meter