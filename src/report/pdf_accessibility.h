// Adds to a tagged PDF that cairo 1.16 wrote what that cairo cannot write itself, and what a
// screen reader and PDF/UA (ISO 14289-1) need: the alternative text (/Alt) of every Figure
// structure element, and in the document catalog the document's language (/Lang), the viewer
// preference that shows the document's Title rather than its file name (/DisplayDocTitle) and,
// should cairo not have written it, /MarkInfo << /Marked true >>. cairo 1.16 (Debian 12) accepts
// attributes on structure tags but writes none of them, and knows no document language; later
// cairo versions learnt both. When METER moves to such a cairo, pass them there and drop this.
//
// How: an incremental update (ISO 32000-1, 7.5.6) appended after cairo's %%EOF. It holds new
// versions of the Figure StructElem objects and of the Catalog, each a copy of cairo's dictionary
// with the missing keys added, an xref section listing only those objects, and a trailer that is
// cairo's with /Prev pointing at cairo's xref section. Not one byte cairo wrote is changed, so a
// reader that ignored the update would still read cairo's PDF.
//
// How it fails: it reads only what cairo 1.16 writes (a classic xref table; objects "N 0 obj <<
// … >> endobj" at the offsets the table gives; a catalog with a /StructTreeRoot). Anything else —
// an xref stream, an encrypted or already updated file, a catalog it cannot find, a number of
// Figure elements other than the number of alternative texts, a language that is not a BCP 47
// tag — returns the PDF byte for byte unchanged, with `skipped` saying why. It never throws for
// bad input. A key that is already there is kept as it is, never written twice.
//
// A pure function of its arguments, thread-safe. Linear in the size of the PDF.
#pragma once

#include <string>
#include <vector>

namespace meter {

struct PdfAccessibility {
  std::string lang;               // BCP 47 ("ar", "zh", "fr", "pt-BR"); empty: no /Lang
  std::vector<std::string> alts;  // UTF-8, one per Figure structure element in document order
};

struct PdfAccessibilityUpdate {
  std::string pdf;      // the PDF with the update appended, or the input unchanged
  std::string skipped;  // empty when the update was appended; otherwise why it was not
};

PdfAccessibilityUpdate AddPdfAccessibility(std::string pdf, const PdfAccessibility& wanted);

}  // namespace meter
