// Internal to report/: one layout pass of a PdfDocument's blocks onto a cairo context, as
// pdf_document.h describes the layout (page geometry, styles, tables, figures, footers).
//
// PdfDocument::Render runs it twice on PDF surfaces: first with draw = false, which only measures
// and finds the page of every heading and the page count, then with draw = true and those numbers,
// which draws. Both passes run the same code with the same fonts, so they agree. Fails with
// kInternal (naming the figure's caption) when librsvg cannot draw a figure. Borrows everything;
// safe to run on several threads at once with different contexts.
#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <vector>

#include "report/pdf_document.h"

namespace meter {

inline constexpr double kPdfPageWidth = 595.28, kPdfPageHeight = 841.89;  // A4 in points

struct LayoutOutcome {
  int pages = 0;
  std::vector<int> heading_pages;  // of the level 1 and 2 headings, in order
};

// `figures` is parallel to `blocks`: the parsed SVG of each figure block, nullptr elsewhere.
// `toc_pages` and `pages` are what the measuring pass found (empty and 0 in that pass).
Result<LayoutOutcome> LayOutPass(cairo_t* cr, const PdfInfo& info,
                                 const std::vector<PdfDocument::Block>& blocks,
                                 const std::vector<RsvgHandle*>& figures, bool draw,
                                 const std::vector<int>& toc_pages, int pages);

}  // namespace meter
