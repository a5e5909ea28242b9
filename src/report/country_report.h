// The country report of one round as a PDF, for a minister and for the record: a cover, a table of
// contents, an executive summary (the index and its band, the strongest and weakest pillars, the
// largest awareness gaps between groups, the first priorities), the same SVG charts as the web
// results page, the table of every pillar and sub-area, the Way Forward with the instrument's
// recommended actions and the first lessons and case studies of the knowledge base on each
// sub-area (the dossier's, titled in `lang` where they have a title in it), the roadmap, the
// targets, the benchmarks, and an annex with every statement's score and every respondent's
// comment.
//
// Respondents are confidential: the report names no respondent; a comment shows only its group.
// METER's own words are in `locale` (translated through the catalogs), instrument texts in `lang`
// (falling back to English); a right-to-left `lang` (Arabic) mirrors the document.
//
// Pure functions of their arguments, thread-safe; the dossier and the options are borrowed for
// the call. CountryReportPdf fails as PdfDocument::Render does (a bug, not bad input: every figure
// is METER's own SVG).
#pragma once

#include <locale>
#include <map>
#include <string>
#include <vector>

#include "core/languages.h"  // IsRightToLeft
#include "core/problem.h"
#include "core/round_dossier.h"
#include "report/pdf_document.h"

namespace meter {

// One column of the benchmarks table: an average over published rounds.
struct ReportBenchmark {
  std::string label;                     // "Western Asia (4 countries)", in the report's language
  std::map<std::string, double> scores;  // unit ID ("overall", "C", "C1") → score, 0–100
};

struct CountryReportOptions {
  std::string country;    // the country's name
  std::string region;     // its UN M49 region and sub-region names; either may be empty
  std::string subregion;  //
  // Empty when fewer than 3 published rounds form any group: the section then says so.
  std::vector<ReportBenchmark> benchmarks;
  std::string generated_on;  // YYYY-MM-DD
  std::locale locale;        // METER's own words
  std::string lang = "en";   // instrument texts; "ar" lays the document out right to left
};

// The report as a document, not yet laid out.
PdfDocument CountryReportDocument(const RoundDossier& dossier, const CountryReportOptions& options);

// The report's PDF bytes.
Result<std::string> CountryReportPdf(const RoundDossier& dossier,
                                     const CountryReportOptions& options);

}  // namespace meter
