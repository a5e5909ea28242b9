// A small flow-layout engine for METER's printed documents (the country report): A4 pages of
// headings, paragraphs, bullet lists, tables and SVG figures, written as PDF with cairo.
//
// All text is shaped by pango (font family "Noto Sans", then "Noto Sans Arabic" and "Noto Sans CJK
// SC", then whatever fontconfig offers), so Arabic, Chinese and Cyrillic come out right; cairo
// embeds the subsets of the fonts used, so the text stays selectable and extractable. Text is
// never read as pango markup: whatever a respondent wrote ("<b>", "&") is printed literally.
// Figures are SVG documents drawn as vectors by librsvg, scaled to the text width.
//
// Layout runs twice: the first pass finds the page of every heading and the number of pages, the
// second draws, so the table of contents has page numbers and every footer says "page n of N".
// Each paragraph aligns to its own start (an Arabic paragraph to the right, an English one to the
// left); PdfInfo::rtl also mirrors the document's furniture (table columns, the table of contents,
// the footer) for a right-to-left language.
//
// The PDF is tagged for screen readers (PDF/UA-minded): a structure tree of the Document with its
// headings (H1–H3), paragraphs (P), lists (L, LI, Lbl, LBody), tables (Table, TR, TH, TD), figures
// (Figure, with alternative text) and the table of contents (TOC, TOCI, Link), in the order they
// are drawn, which is the reading order; the footer is left out of it (pdf_tags.h). The language,
// the figures' alternative texts and the viewer's "show the title" preference are added after
// cairo has written the file (pdf_accessibility.h, which says why).
//
// A PdfDocument is a plain value: build it on one thread, then Render it (Render is const and may
// run on several threads at once; each call has its own surface). It owns copies of every text.
#pragma once

#include <string>
#include <vector>

#include "core/problem.h"

namespace meter {

enum class PdfStyle {
  kBody,        // running text
  kStrong,      // running text in bold
  kSmall,       // notes
  kMuted,       // grey running text
  kCaption,     // under a figure, centred
  kCoverTitle,  // the cover's largest line; cover lines align to the document's start
  kCoverLine,   // the cover's other lines, and a lead line
};

struct PdfTable {
  struct Row {
    std::vector<std::string> cells;
    bool strong = false;  // bold on a tinted background (a pillar among its sub-areas)
  };
  std::vector<double> widths;       // relative column widths, positive; one per column
  std::vector<bool> numeric;        // columns aligned to the end (numbers); may be shorter
  std::vector<std::string> header;  // repeated on every page the table runs onto; may be empty
  std::vector<Row> rows;            // cells beyond the column count are ignored
  bool row_headers = false;         // the first column's cells head their rows (TH, not TD)
};

struct PdfInfo {
  std::string title;    // the PDF's Title, also printed in every footer
  std::string subject;  // the PDF's Subject; may be empty
  // The footer's page label with {1} for the page and {2} for the number of pages, translated.
  std::string page_label = "Page {1} of {2}";
  std::string date;  // YYYY-MM-DD: the PDF's creation date; empty: the time of rendering
  bool rtl = false;  // the document's direction (see the header comment)
  std::string lang;  // BCP 47 ("en", "ar", "zh"): the PDF's /Lang; empty: none
};

class PdfDocument {
 public:
  explicit PdfDocument(PdfInfo info) : info_(std::move(info)) {}

  // A heading of level 1 (a section) or 2 (a subsection), both listed in the table of contents and
  // the PDF's outline, or 3 (a bold run-in title, not listed). A heading is never left alone at
  // the foot of a page.
  void Heading(int level, std::string text);
  // A paragraph; line breaks in `text` start new lines. Long paragraphs continue on the next page.
  void Paragraph(std::string text, PdfStyle style = PdfStyle::kBody);
  void Bullets(std::vector<std::string> items);
  // Rows taller than what is left of a page move to the next page; a row taller than a whole page
  // is split between lines.
  void Table(PdfTable table);
  // An SVG document (its width and height attributes give its aspect), scaled down to fit the
  // text width and 60% of the page height, with its caption below; both stay on one page. `alt`
  // says what it shows to someone who cannot see it (the Figure's /Alt); empty: the caption.
  void Figure(std::string svg, std::string caption, std::string alt = "");
  // The table of contents: `title`, then every heading with its page number.
  void TableOfContents(std::string title);
  // Starts a new page, unless the current one is still empty.
  void PageBreak();
  void Space(double points);

  // The PDF's bytes. Fails with kInvalidInput when a figure is not valid SVG (naming its caption)
  // and kInternal when cairo reports an error. Should the accessibility update not apply (see
  // pdf_accessibility.h), the PDF is returned as cairo wrote it and the reason goes to stderr.
  Result<std::string> Render() const;

  // How the blocks are kept; public for the implementation's layout pass only.
  enum class Kind { kHeading, kParagraph, kBullets, kTable, kFigure, kToc, kPageBreak, kSpace };
  struct Block {
    Kind kind = Kind::kParagraph;
    int level = 0;
    PdfStyle style = PdfStyle::kBody;
    std::string text;                // heading, paragraph, caption, TOC title; SVG of a figure
    std::string caption;             // figures only
    std::string alt;                 // figures only
    std::vector<std::string> items;  // bullets only
    PdfTable table;                  // tables only
    double space = 0;                // spaces only
  };

 private:
  PdfInfo info_;
  std::vector<Block> blocks_;
};

}  // namespace meter
