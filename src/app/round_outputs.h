// What a round can be downloaded as — the country report (PDF) and the data exports — built the
// same way for `meter report` and for the web's download buttons, which reach it through
// Renderers::download (web and report do not know each other; the app joins them).
//
// RoundDownload fails as CountryReportPdf and ExportRound do (kUnavailable for a temporary file
// that cannot be written, kInternal for a bug), and with kNotFound for an unknown kind.
// Thread-safe.
#pragma once

#include <locale>
#include <string>
#include <vector>

#include "core/benchmarks.h"
#include "core/campaign.h"
#include "core/countries.h"
#include "core/round_dossier.h"
#include "report/country_report.h"
#include "web/web_app.h"

namespace meter {

// The report's options: the country's names, the benchmark groups that have averages (labelled
// "Western Asia (4 countries)" in `locale`), today's date, the languages.
CountryReportOptions ReportOptionsFor(const RoundDossier& dossier, const Country* country,
                                      const std::vector<BenchmarkGroup>& benchmarks,
                                      const std::locale& locale, const std::string& lang);

// `kind` is "pdf" or an export key of report/exports.h ("scores", "answers", "json", "xlsx",
// "sdmx").
Result<Download> RoundDownload(const RoundDossier& dossier, const std::string& kind,
                               const Country* country,
                               const std::vector<BenchmarkGroup>& benchmarks,
                               const std::locale& locale, const std::string& lang);

// Issue 14: the campaign page's rows as "csv" or "xlsx" (report/campaign_export.h); kNotFound for
// another kind, and the workbook's failures as CampaignWorkbook's.
Result<Download> CampaignDownload(const std::vector<CampaignRow>& rows, const std::string& kind);

// Issue 14: a respondent's questionnaire to answer offline, as "xlsx" or "pdf"
// (report/questionnaire_workbook.h); kNotFound for another kind.
Result<Download> QuestionnaireDownload(const OfflineQuestionnaire& q, const std::string& kind,
                                       const std::locale& locale);

}  // namespace meter
