// Internal to report/: the structure tags (tagged PDF, ISO 32000-1 14.8) of one drawing pass of
// pdf_layout.cpp, which a screen reader follows: the structure tree and its reading order.
//
// cairo 1.16 marks content (BDC … EMC) only inside a structure element without children (a
// leaf), and a leaf still open at a page break goes on into the next page, taking whatever is
// drawn in between (the footer) with it. So the layout says two kinds of things:
// - Open/Close a grouping element (Document, L, LI, Table, TR, TOC, TOCI, a paragraph split over
//   pages). It reaches cairo only when the first leaf inside it begins, so an element that is
//   begun on a page has a child there, and one in which nothing was drawn is not written at all;
// - Leaf/EndLeaf an element whose content is drawn on one page (H1, P, Span, Lbl, LBody, TH, TD,
//   Figure, Link); the layout never breaks a page inside one.
// Content drawn outside any leaf (rules, fills, the footer, a table header repeated on a new
// page) is unmarked: it is not in the structure tree, and screen readers do not read it. cairo
// 1.16 has no "Artifact" tag to mark it as page furniture explicitly.
//
// With `on` false (the measuring pass) it does nothing. Borrows the context; one per pass, not
// thread-safe. cairo reports a misnested tag as the surface's error, which Render returns.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

namespace meter {

class PdfTags {
 public:
  PdfTags(cairo_t* cr, bool on) : cr_(cr), on_(on) {}

  void Open(const char* name) {
    if (on_) open_.push_back({name, false});
  }
  // Closes the innermost grouping element.
  void Close() {
    if (!on_ || open_.empty()) return;
    if (open_.back().begun) cairo_tag_end(cr_, open_.back().name);
    open_.pop_back();
  }
  void Leaf(const char* name, const std::string& attributes = "") {
    if (!on_) return;
    for (Element& e : open_) {
      if (!e.begun) cairo_tag_begin(cr_, e.name, "");
      e.begun = true;
    }
    cairo_tag_begin(cr_, name, attributes.c_str());
    leaf_ = name;
  }
  void EndLeaf() {
    if (!on_ || !leaf_) return;
    cairo_tag_end(cr_, leaf_);
    leaf_ = nullptr;
  }
  bool in_leaf() const { return leaf_ != nullptr; }

 private:
  struct Element {
    const char* name;
    bool begun;
  };
  cairo_t* cr_;
  const bool on_;
  std::vector<Element> open_;
  const char* leaf_ = nullptr;
};

}  // namespace meter
