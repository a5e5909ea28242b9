#include "app/round_outputs.h"

#include <ctime>

#include "core/changes.h"
#include "i18n/i18n.h"
#include "report/campaign_export.h"
#include "report/exports.h"
#include "report/questionnaire_workbook.h"

namespace meter {
namespace {

std::string Today() { return FormatUtcTime(std::time(nullptr), "%Y-%m-%d"); }

}  // namespace

CountryReportOptions ReportOptionsFor(const RoundDossier& dossier, const Country* country,
                                      const std::vector<BenchmarkGroup>& benchmarks,
                                      const std::locale& locale, const std::string& lang) {
  CountryReportOptions options;
  options.country = country ? country->names.Get(lang) : dossier.round.country;
  options.region = country ? country->region_names.Get(lang) : "";
  options.subregion = country ? country->subregion_names.Get(lang) : "";
  for (const BenchmarkGroup& g : benchmarks) {
    if (g.scores.empty()) continue;
    options.benchmarks.push_back({Render(BenchmarkHeading(g), TranslatorFor(locale)), g.scores});
  }
  options.generated_on = Today();
  options.locale = locale;
  options.lang = lang;
  return options;
}

Result<Download> RoundDownload(const RoundDossier& dossier, const std::string& kind,
                               const Country* country,
                               const std::vector<BenchmarkGroup>& benchmarks,
                               const std::locale& locale, const std::string& lang) {
  if (kind == "pdf") {
    auto pdf =
        CountryReportPdf(dossier, ReportOptionsFor(dossier, country, benchmarks, locale, lang));
    if (!pdf) return pdf.error();
    return Download{"meter-round-" + std::to_string(dossier.round.id) + "-report.pdf",
                    "application/pdf", std::move(pdf).value()};
  }
  const auto export_kind = ExportKindFromKey(kind);
  if (!export_kind) {
    return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no export '{1}'"), {kind});
  }
  auto file = ExportRound(dossier, country, *export_kind);
  if (!file) return file.error();
  return Download{file.value().name, file.value().content_type, std::move(file.value().body)};
}

Result<Download> CampaignDownload(const std::vector<CampaignRow>& rows, const std::string& kind) {
  if (kind == "csv")
    return Download{"meter-campaign.csv", "text/csv; charset=utf-8", CampaignCsv(rows)};
  if (kind != "xlsx") {
    return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no export '{1}'"), {kind});
  }
  auto book = CampaignWorkbook(rows);
  if (!book) return book.error();
  return Download{"meter-campaign.xlsx",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(book).value()};
}

Result<Download> QuestionnaireDownload(const OfflineQuestionnaire& q, const std::string& kind,
                                       const std::locale& locale) {
  const std::string name = "meter-questionnaire-" + std::to_string(q.key.round) + "-" +
                           std::to_string(q.key.respondent) + "-" + q.key.language + "." + kind;
  if (kind == "pdf") {
    auto pdf = QuestionnairePdf(q, locale);
    if (!pdf) return pdf.error();
    return Download{name, "application/pdf", std::move(pdf).value()};
  }
  if (kind != "xlsx") {
    return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no export '{1}'"), {kind});
  }
  auto book = QuestionnaireWorkbook(q, locale);
  if (!book) return book.error();
  return Download{name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(book).value()};
}

}  // namespace meter
