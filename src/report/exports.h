// The data exports of one round (docs/exports.md): scores CSV, answers CSV, everything as JSON, a
// workbook (XLSX) and SDMX-CSV of the scores. Each carries the round ID and the instrument ID and
// version, so a file found on a shared drive still says where it came from.
//
// Each function is a pure function of a RoundDossier (and, for JSON and the workbook, the round's
// country, which may be null when it is not in the country list: then only the ISO3 code of
// dossier.round.country is written). Each returns the whole file, so the caller writes all or
// nothing. The text exports cannot fail. ExportWorkbook fails with kUnavailable when its temporary
// file cannot be created, written or read back, and with kInternal when libxlsxwriter refuses a
// cell; it never leaves the temporary file behind.
//
// Respondents are confidential: every export names them only by RespondentLabel ("r12"), never by
// name, e-mail address or token. Free text that a spreadsheet could take for a formula (a comment
// "=HYPERLINK(…)") is written as text: guarded by an apostrophe in CSV, as a string cell in XLSX.
// Column headers, sheet names and the few English words (unit kinds, band keys) are stable
// identifiers, not translated.
//
// Thread-safe: no shared state; each workbook has its own libxlsxwriter handle and temporary file.
// libxlsxwriter writes numbers with the C library's LC_NUMERIC, which METER leaves at "C" (a
// decimal comma would corrupt the file). The dossier is only read during the call and must hold its
// instrument.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/domain.h"
#include "core/problem.h"
#include "core/round_dossier.h"

namespace meter {

// The "format" and "format_version" of the JSON export; the version grows when a field changes
// meaning or goes away (new fields may appear without it).
inline constexpr const char* kRoundExportFormat = "meter-round-export";
inline constexpr int kRoundExportFormatVersion = 1;

// The byte order mark that the downloads meant for spreadsheets (scores and answers CSV) start
// with: without it Excel reads UTF-8 as the system's code page and garbles Arabic and accented
// text. SDMX-CSV and the functions below, which write the formats as specified, never carry it.
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// The SDMX dataflow the SDMX-CSV export declares in its DATAFLOW column.
inline constexpr const char* kSdmxDataflow = "METER:EGOV_READINESS(1.0)";

// One row per unit (overall, pillars, sub-areas, statements; the pre-order of ScoreReport):
// round_id,instrument_id,instrument_version,country,year,unit,kind,name,score,coverage,dk_rate,
// band,group_gap,result_status. Numbers at full precision (ExactNumber); a withheld score is
// empty; result_status is "provisional" while the round is not closed, else "final".
std::string ExportScoresCsv(const RoundDossier& dossier);

// The answers in long format, as AnswersCsvOf (core/round_results.h) writes them; `meter score
// --answers` reads it back to the same scores.
std::string ExportAnswersCsv(const RoundDossier& dossier);

// Everything in one JSON document: format, round, respondents, answers, scores, targets,
// way_forward and roadmap (docs/exports.md has every field).
std::string ExportJson(const RoundDossier& dossier, const Country* country);

// A workbook with the sheets Summary, Scores, Answers, Way Forward and Roadmap: numbers as number
// cells, the header row bold and frozen, text always as string cells.
Result<std::string> ExportWorkbook(const RoundDossier& dossier, const Country* country);

// SDMX-CSV (1.0 style) of the scores: DATAFLOW,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,
// OBS_STATUS,INSTRUMENT_ID,INSTRUMENT_VERSION,ROUND_ID, one row per unit. A withheld score keeps
// its row with an empty OBS_VALUE and OBS_STATUS "O" (missing value), a unit where nothing is
// applicable "M" (missing value; data cannot exist); a score has OBS_STATUS "A" (normal value), or
// "P" (provisional value) while the round is not closed.
std::string ExportSdmxCsv(const RoundDossier& dossier);

// The SDMX code of a unit: "OVERALL" for the overall index, otherwise the unit ID with its dots
// as underscores ("C1.3" → "C1_3"), since a dot separates dimensions in an SDMX series key.
std::string SdmxIndicator(const UnitScore& unit);

// The five exports by a short key, for the web routes and the CLI.
enum class ExportKind { kScoresCsv, kAnswersCsv, kJson, kWorkbook, kSdmxCsv };

// "scores", "answers", "json", "xlsx", "sdmx"; ExportKindFromKey is the inverse (nullopt for
// anything else).
const char* ExportKindKey(ExportKind kind);
std::optional<ExportKind> ExportKindFromKey(std::string_view key);

struct ExportFile {
  std::string name;          // "meter-round-12-scores.csv"
  std::string content_type;  // "text/csv; charset=utf-8"…
  std::string body;
};

// The export of `kind` with a file name and a media type, as a download: the scores and answers
// CSV start with kUtf8Bom (`meter score` accepts it). Fails only as ExportWorkbook does.
Result<ExportFile> ExportRound(const RoundDossier& dossier, const Country* country,
                               ExportKind kind);

}  // namespace meter
