#include "report/pdf_layout.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "report/pdf_tags.h"

namespace meter {
namespace {

// A4 in points, and the text area within it.
constexpr double kPageWidth = kPdfPageWidth, kPageHeight = kPdfPageHeight;
constexpr double kLeft = 56.7, kTop = 56.7, kBottom = kPageHeight - 66;
constexpr double kWidth = kPageWidth - 2 * kLeft;
constexpr double kFooter = kPageHeight - 42;  // top of the footer line
// Noto Sans covers Latin, Greek and Cyrillic; Arabic and CJK are named too, because fontconfig's
// own fallback may otherwise choose a font without the shapes pango needs. Noto Sans Math brings
// the few symbols Noto Sans lacks (the minus sign, −) before the CJK font would: cairo reads the
// whole 19 MB CJK collection to take one glyph from it.
constexpr const char* kFamilies =
    "Noto Sans, Noto Sans Arabic, Noto Sans Math, Noto Sans CJK SC, sans-serif";

struct Colour {
  double r, g, b;
};
constexpr Colour kInk{0.106, 0.106, 0.106}, kBlue{0.102, 0.267, 0.502}, kGrey{0.337, 0.361, 0.396},
    kRule{0.78, 0.8, 0.81}, kTint{0.937, 0.945, 0.953}, kHeaderFill{0.851, 0.894, 0.945};

struct Spec {
  double size;
  bool bold;
  bool italic;
  Colour colour;
};

Spec SpecOf(PdfStyle style) {
  switch (style) {
    case PdfStyle::kStrong:
      return {9.5, true, false, kInk};
    case PdfStyle::kSmall:
      return {8, false, false, kInk};
    case PdfStyle::kMuted:
      return {9.5, false, false, kGrey};
    case PdfStyle::kCaption:
      return {8.5, false, false, kGrey};
    case PdfStyle::kCoverTitle:
      return {28, true, false, kBlue};
    case PdfStyle::kCoverLine:
      return {14, false, false, kInk};
    case PdfStyle::kBody:
      break;
  }
  return {9.5, false, false, kInk};
}

const Spec kHeading1{16, true, false, kBlue}, kHeading2{12, true, false, kBlue},
    kHeading3{9.5, true, false, kInk}, kCell{8, false, false, kInk},
    kCellStrong{8, true, false, kInk}, kFooterText{7.5, false, false, kGrey};

// Where a block of text sits in its box. kNatural follows the paragraph's own direction, as pango
// resolves it (an Arabic paragraph to the right); the others are sides of the document.
enum class Align { kNatural, kDocStart, kDocEnd, kCenter };

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

struct Line {
  PangoLayoutLine* line;  // owned by the layout
  double x, top, bottom, baseline;
};

// A laid-out piece of text and its lines, in points relative to its box's top left corner.
struct TextBox {
  LayoutPtr layout;
  std::vector<Line> lines;
  bool rtl = false;  // the first line's resolved direction
  double drop = 0;   // how far below its box's top it is drawn, to share a baseline with others
  double height() const { return lines.empty() ? 0 : lines.back().bottom - lines.front().top; }
  double ascent() const { return lines.empty() ? 0 : lines[0].baseline - lines[0].top; }
};

// Drops each box so that all first lines share one baseline: a line of Arabic or Chinese is
// taller than one of Latin text or digits beside it.
void AlignBaselines(std::vector<TextBox*> boxes) {
  double ascent = 0;
  for (const TextBox* b : boxes) ascent = std::max(ascent, b->ascent());
  for (TextBox* b : boxes) b->drop = ascent - b->ascent();
}
// One layout of the whole document, onto `cr`. The first pass (draw = false) only measures; the
// second draws, knowing the heading pages and the page count the first found.
class Pass {
 public:
  Pass(cairo_t* cr, const PdfInfo& info, bool draw, std::vector<int> toc_pages, int pages)
      : cr_(cr),
        pango_(pango_cairo_create_context(cr)),
        info_(info),
        draw_(draw),
        toc_pages_(std::move(toc_pages)),
        pages_(pages),
        tags_(cr, draw) {
    // Unhinted metrics, so that measuring and drawing agree and the layout is device-independent.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_, options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(pango_, 72);  // font sizes in points = user units
    // Glyph positions rounded to whole points leave gaps inside words at small sizes, which text
    // extraction reads as spaces (and which look uneven).
    pango_context_set_round_glyph_positions(pango_, FALSE);
    pango_context_set_base_dir(pango_, info.rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  }
  ~Pass() { g_object_unref(pango_); }
  Pass(const Pass&) = delete;
  Pass& operator=(const Pass&) = delete;

  Result<bool> Run(const std::vector<PdfDocument::Block>& blocks,
                   const std::vector<RsvgHandle*>& figures) {
    std::vector<const PdfDocument::Block*> headings;
    for (const auto& b : blocks) {
      if (b.kind == PdfDocument::Kind::kHeading && b.level <= 2) headings.push_back(&b);
    }
    tags_.Open("Document");
    for (size_t i = 0; i < blocks.size(); ++i) {
      const PdfDocument::Block& b = blocks[i];
      switch (b.kind) {
        case PdfDocument::Kind::kHeading:
          Heading(b.level, b.text, b.level <= 2);
          break;
        case PdfDocument::Kind::kParagraph:
          Paragraph(b.text, b.style);
          break;
        case PdfDocument::Kind::kBullets:
          Bullets(b.items);
          break;
        case PdfDocument::Kind::kTable:
          Table(b.table);
          break;
        case PdfDocument::Kind::kFigure: {
          auto drawn = Figure(figures[i], b.caption);
          if (!drawn) return drawn;
          break;
        }
        case PdfDocument::Kind::kToc:
          Contents(b.text, headings);
          break;
        case PdfDocument::Kind::kPageBreak:
          if (!empty_) NewPage();
          break;
        case PdfDocument::Kind::kSpace:
          if (!empty_) y_ = std::min(y_ + b.space, kBottom);
          break;
      }
    }
    tags_.Close();
    EndPage();
    return true;
  }

  int pages() const { return page_; }
  const std::vector<int>& heading_pages() const { return heading_pages_; }

 private:
  TextBox Text(const std::string& text, const Spec& spec, double width, Align align,
               bool one_line = false) const {
    TextBox box;
    box.layout.reset(pango_layout_new(pango_));
    PangoLayout* l = box.layout.get();
    PangoFontDescription* font = pango_font_description_from_string(kFamilies);
    pango_font_description_set_size(font, static_cast<int>(spec.size * PANGO_SCALE));
    if (spec.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    if (spec.italic) pango_font_description_set_style(font, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, font);
    pango_font_description_free(font);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    if (one_line) pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    // Plain text, never markup: a "<b>" a respondent wrote is printed as written.
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    box.rtl = pango_layout_line_get_resolved_direction(pango_layout_get_line_readonly(l, 0)) ==
              PANGO_DIRECTION_RTL;
    pango_layout_set_alignment(l, PangoAlignmentFor(align, box.rtl));
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double s = PANGO_SCALE;
      box.lines.push_back({pango_layout_iter_get_line_readonly(it), logical.x / s, logical.y / s,
                           (logical.y + logical.height) / s,
                           pango_layout_iter_get_baseline(it) / s});
    } while (pango_layout_iter_next_line(it) && !one_line);
    pango_layout_iter_free(it);
    return box;
  }

  // Pango swaps LEFT and RIGHT for a paragraph whose resolved direction is opposite to the
  // context's base direction (the document's); this undoes that to reach the wanted side.
  PangoAlignment PangoAlignmentFor(Align align, bool paragraph_rtl) const {
    if (align == Align::kCenter) return PANGO_ALIGN_CENTER;
    bool right = align == Align::kNatural    ? paragraph_rtl
                 : align == Align::kDocStart ? info_.rtl
                                             : !info_.rtl;
    if (paragraph_rtl != info_.rtl) right = !right;  // pango will swap it back
    return right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  }

  // Draws lines [first, last) of `box` with the top of line `first` at `y`.
  void Draw(const TextBox& box, size_t first, size_t last, double x, double y,
            const Colour& colour) const {
    if (!draw_ || first >= last) return;
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    const double shift = y - box.lines[first].top;
    for (size_t i = first; i < last; ++i) {
      cairo_move_to(cr_, x + box.lines[i].x, shift + box.lines[i].baseline);
      pango_cairo_show_layout_line(cr_, box.lines[i].line);
    }
  }

  void Rule(double x0, double x1, double y, const Colour& colour, double width) const {
    if (!draw_) return;
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x0, y);
    cairo_line_to(cr_, x1, y);
    cairo_stroke(cr_);
  }

  void Fill(double x, double y, double w, double h, const Colour& colour) const {
    if (!draw_) return;
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }

  void EndPage() {
    if (!draw_) return;
    Rule(kLeft, kLeft + kWidth, kFooter, kRule, 0.5);
    const TextBox title = Text(info_.title, kFooterText, kWidth * 0.7, Align::kDocStart, true);
    const TextBox page =
        Text(Substitute(info_.page_label, {std::to_string(page_), std::to_string(pages_)}),
             kFooterText, kWidth * 0.3, Align::kDocEnd, true);
    Draw(title, 0, title.lines.size(), info_.rtl ? kLeft + kWidth * 0.3 : kLeft, kFooter + 5,
         kFooterText.colour);
    Draw(page, 0, page.lines.size(), info_.rtl ? kLeft : kLeft + kWidth * 0.7, kFooter + 5,
         kFooterText.colour);
    cairo_show_page(cr_);
  }

  void NewPage() {
    EndPage();
    ++page_;
    y_ = kTop;
    empty_ = true;
  }

  // Flows `box` from the current position at `x`, onto further pages if it must; never leaves a
  // paragraph's first line alone at the foot of a page. `mark` draws something beside the first
  // line (a bullet), given that line's top. The text is the structure element `tag`; split over
  // pages, it holds one Span per page (see pdf_tags.h).
  template <typename Mark>
  void Flow(const TextBox& box, double x, const Colour& colour, const char* tag, Mark mark) {
    size_t i = 0;
    const size_t n = box.lines.size();
    bool split = false;
    while (i < n) {
      size_t j = i;
      while (j < n && y_ + box.lines[j].bottom - box.lines[i].top <= kBottom) ++j;
      if (!empty_ && (j == i || (i == 0 && j == 1 && n > 1))) {
        NewPage();
        continue;
      }
      j = std::max(j, i + 1);  // a line taller than a page: cannot happen at these sizes
      if (i == 0) {
        mark(y_);
        split = j < n;
        if (split) tags_.Open(tag);
      }
      tags_.Leaf(split ? "Span" : tag);
      Draw(box, i, j, x, y_, colour);
      tags_.EndLeaf();
      y_ += box.lines[j - 1].bottom - box.lines[i].top;
      empty_ = false;
      i = j;
      if (i < n) NewPage();
    }
    if (split) tags_.Close();
  }

  void Heading(int level, const std::string& text, bool listed) {
    const Spec& spec = level == 1 ? kHeading1 : level == 2 ? kHeading2 : kHeading3;
    const TextBox box = Text(text, spec, kWidth, Align::kDocStart);
    const double before = level == 1 ? 16 : level == 2 ? 10 : 6;
    const double after = level == 1 ? 10 : level == 2 ? 5 : 2;
    // Keep the heading with at least three lines of what follows.
    if (!empty_ && y_ + before + box.height() + after + 40 > kBottom) NewPage();
    if (!empty_) y_ += before;
    if (listed) {
      heading_pages_.push_back(page_);
      if (draw_) {
        char where[64];
        std::snprintf(where, sizeof where, "page=%d pos=[%d %d]", page_, static_cast<int>(kLeft),
                      static_cast<int>(y_));
        const int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : outline_parent_;
        const int id = cairo_pdf_surface_add_outline(cairo_get_target(cr_), parent, text.c_str(),
                                                     where, CAIRO_PDF_OUTLINE_FLAG_OPEN);
        if (level == 1) outline_parent_ = id;
      }
    }
    tags_.Leaf(level == 1 ? "H1" : level == 2 ? "H2" : "H3");
    Draw(box, 0, box.lines.size(), kLeft, y_, spec.colour);
    tags_.EndLeaf();
    y_ += box.height();
    if (level == 1) {
      y_ += 3;
      Rule(kLeft, kLeft + kWidth, y_, kBlue, 1);
    }
    y_ += after;
    empty_ = false;
  }

  void Paragraph(const std::string& text, PdfStyle style) {
    const Spec spec = SpecOf(style);
    const bool cover = style == PdfStyle::kCoverTitle || style == PdfStyle::kCoverLine;
    const Align align = style == PdfStyle::kCaption ? Align::kCenter
                        : cover                     ? Align::kDocStart
                                                    : Align::kNatural;
    const TextBox box = Text(text, spec, kWidth, align);
    Flow(box, kLeft, spec.colour, "P", [](double) {});
    y_ += style == PdfStyle::kCoverLine ? 8 : 5;
  }

  void Bullets(const std::vector<std::string>& items) {
    const Spec spec = SpecOf(PdfStyle::kBody);
    const double indent = 14;
    tags_.Open("L");
    for (const std::string& item : items) {
      const TextBox box = Text(item, spec, kWidth - indent, Align::kNatural);
      const TextBox bullet = Text("•", spec, indent, Align::kCenter);
      // The bullet stands on the side where the item's own text starts.
      const double x = box.rtl ? kLeft : kLeft + indent;
      const double bx = box.rtl ? kLeft + kWidth - indent : kLeft;
      // On the first line's baseline, which an Arabic or Chinese line may set lower.
      const double drop = (box.lines[0].baseline - box.lines[0].top) -
                          (bullet.lines[0].baseline - bullet.lines[0].top);
      tags_.Open("LI");
      Flow(box, x, spec.colour, "LBody", [&](double top) {
        tags_.Leaf("Lbl");
        Draw(bullet, 0, 1, bx, top + drop, spec.colour);
        tags_.EndLeaf();
      });
      tags_.Close();
      y_ += 2.5;
    }
    tags_.Close();
    y_ += 3;
  }

  void Table(const PdfTable& table) {
    const size_t cols = table.widths.size();
    if (cols == 0) return;
    double total = 0;
    for (double w : table.widths) total += w;
    std::vector<double> x(cols), w(cols);
    double at = 0;
    for (size_t c = 0; c < cols; ++c) {
      w[c] = kWidth * table.widths[c] / total;
      x[c] = info_.rtl ? kLeft + kWidth - at - w[c] : kLeft + at;
      at += w[c];
    }
    const double pad = 3, vpad = 2.5;
    auto cells = [&](const std::vector<std::string>& texts, bool strong) {
      std::vector<TextBox> out;
      for (size_t c = 0; c < cols; ++c) {
        const bool numeric = c < table.numeric.size() && table.numeric[c];
        out.push_back(Text(c < texts.size() ? texts[c] : "", strong ? kCellStrong : kCell,
                           w[c] - 2 * pad, numeric ? Align::kDocEnd : Align::kNatural));
      }
      std::vector<TextBox*> all;
      for (TextBox& b : out) all.push_back(&b);
      AlignBaselines(all);
      return out;
    };
    auto height = [&](const std::vector<TextBox>& boxes) {
      double h = 0;
      for (const TextBox& b : boxes) h = std::max(h, b.drop + b.height());
      return h + 2 * vpad;
    };
    const std::vector<TextBox> header = cells(table.header, true);
    const double header_height = table.header.empty() ? 0 : height(header);
    // The header is in the structure once, where the table starts; repeated on a new page, it is
    // page furniture.
    bool header_tagged = false;
    auto draw_header = [&] {
      if (table.header.empty()) return;
      Fill(kLeft, y_, kWidth, header_height, kHeaderFill);
      const bool tagged = !header_tagged;
      if (tagged) tags_.Open("TR");
      for (size_t c = 0; c < cols; ++c) {
        if (tagged) tags_.Leaf("TH");
        Draw(header[c], 0, header[c].lines.size(), x[c] + pad, y_ + vpad + header[c].drop, kInk);
        tags_.EndLeaf();
      }
      if (tagged) tags_.Close();
      header_tagged = true;
      y_ += header_height;
      empty_ = false;
    };
    // The header never stands alone: it needs room for about two rows under it.
    if (!empty_ && y_ + header_height + 30 > kBottom) NewPage();
    tags_.Open("Table");
    draw_header();
    for (const PdfTable::Row& row : table.rows) {
      const std::vector<TextBox> boxes = cells(row.cells, row.strong);
      const double h = height(boxes);
      if (y_ + h > kBottom && h <= kBottom - kTop - header_height) {
        NewPage();
        draw_header();
      }
      // Usually one segment; a row taller than a page continues, line by line, on the next.
      std::vector<size_t> next(cols, 0);
      while (true) {
        std::vector<size_t> upto(cols);
        double used = 0;
        bool progress = false, done = true;
        for (size_t c = 0; c < cols; ++c) {
          const auto& lines = boxes[c].lines;
          const double drop = next[c] == 0 ? boxes[c].drop : 0;
          size_t j = next[c];
          while (j < lines.size() &&
                 y_ + 2 * vpad + drop + lines[j].bottom - lines[next[c]].top <= kBottom) {
            ++j;
          }
          if (j > next[c]) {
            used = std::max(used, drop + lines[j - 1].bottom - lines[next[c]].top);
            progress = true;
          }
          upto[c] = j;
          done = done && j == lines.size();
        }
        if (!progress) {
          NewPage();
          draw_header();
          continue;
        }
        if (row.strong) Fill(kLeft, y_, kWidth, used + 2 * vpad, kTint);
        // A row split over pages is one TR per page: cairo 1.16 cannot put one cell's parts on
        // two pages in one structure element while its neighbours come between them.
        tags_.Open("TR");
        for (size_t c = 0; c < cols; ++c) {
          tags_.Leaf(c == 0 && table.row_headers ? "TH" : "TD");
          Draw(boxes[c], next[c], upto[c], x[c] + pad,
               y_ + vpad + (next[c] == 0 ? boxes[c].drop : 0), kInk);
          tags_.EndLeaf();
        }
        tags_.Close();
        y_ += used + 2 * vpad;
        Rule(kLeft, kLeft + kWidth, y_, kRule, 0.4);
        next = upto;
        if (done) break;
        NewPage();
        draw_header();
      }
    }
    tags_.Close();
    y_ += 10;
  }

  Result<bool> Figure(RsvgHandle* svg, const std::string& caption) {
    double w = 0, h = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(svg, &w, &h) || w <= 0 || h <= 0) {
      w = kWidth;
      h = kWidth * 0.75;
    }
    const double scale = std::min({1.0, kWidth / w, (kBottom - kTop) * 0.6 / h});
    w *= scale;
    h *= scale;
    const TextBox text = Text(caption, SpecOf(PdfStyle::kCaption), kWidth, Align::kCenter);
    if (!empty_ && y_ + h + 6 + text.height() > kBottom) NewPage();
    if (draw_) {
      const RsvgRectangle viewport{kLeft + (kWidth - w) / 2, y_, w, h};
      GError* error = nullptr;
      tags_.Leaf("Figure");
      cairo_save(cr_);
      const bool ok = rsvg_handle_render_document(svg, cr_, &viewport, &error);
      cairo_restore(cr_);
      tags_.EndLeaf();
      if (!ok) {
        const std::string reason = error ? error->message : "";
        if (error) g_error_free(error);
        return Error::Of(ErrorCode::kInternal, caption, METER_N("the figure cannot be drawn: {1}"),
                         {reason});
      }
    }
    y_ += h + 6;
    tags_.Leaf("P");
    Draw(text, 0, text.lines.size(), kLeft, y_, SpecOf(PdfStyle::kCaption).colour);
    tags_.EndLeaf();
    y_ += text.height() + 14;
    empty_ = false;
    return true;
  }

  void Contents(const std::string& title, const std::vector<const PdfDocument::Block*>& entries) {
    Heading(1, title, false);
    const double number = 36;
    tags_.Open("TOC");
    for (size_t i = 0; i < entries.size(); ++i) {
      const PdfDocument::Block& e = *entries[i];
      const double indent = e.level == 1 ? 0 : 16;
      const Spec spec = e.level == 1 ? SpecOf(PdfStyle::kStrong) : SpecOf(PdfStyle::kBody);
      TextBox text = Text(e.text, spec, kWidth - indent - number, Align::kDocStart);
      const int page = i < toc_pages_.size() ? toc_pages_[i] : 0;
      TextBox num = Text(draw_ ? std::to_string(page) : "000", spec, number, Align::kDocEnd);
      AlignBaselines({&text, &num});
      const double height = std::max(text.drop + text.height(), num.drop + num.height());
      if (e.level == 1 && i > 0) y_ += 5;
      if (!empty_ && y_ + height > kBottom) NewPage();
      tags_.Open("TOCI");
      tags_.Leaf(CAIRO_TAG_LINK, "page=" + std::to_string(page));
      Draw(text, 0, text.lines.size(), info_.rtl ? kLeft + number : kLeft + indent, y_ + text.drop,
           kInk);
      Draw(num, 0, num.lines.size(), info_.rtl ? kLeft : kLeft + kWidth - number, y_ + num.drop,
           kInk);
      tags_.EndLeaf();
      tags_.Close();
      y_ += height + 2;
      empty_ = false;
    }
    tags_.Close();
    y_ += 8;
  }

  cairo_t* cr_;
  PangoContext* pango_;
  const PdfInfo& info_;
  const bool draw_;
  const std::vector<int> toc_pages_;  // the first pass's page of each heading
  const int pages_;                   // the first pass's page count
  PdfTags tags_;
  int page_ = 1;
  double y_ = kTop;
  bool empty_ = true;  // nothing drawn on this page yet
  std::vector<int> heading_pages_;
  int outline_parent_ = CAIRO_PDF_OUTLINE_ROOT;
};

}  // namespace

Result<LayoutOutcome> LayOutPass(cairo_t* cr, const PdfInfo& info,
                                 const std::vector<PdfDocument::Block>& blocks,
                                 const std::vector<RsvgHandle*>& figures, bool draw,
                                 const std::vector<int>& toc_pages, int pages) {
  Pass pass(cr, info, draw, toc_pages, pages);
  auto run = pass.Run(blocks, figures);
  if (!run) return run.error();
  return LayoutOutcome{pass.pages(), pass.heading_pages()};
}

}  // namespace meter
