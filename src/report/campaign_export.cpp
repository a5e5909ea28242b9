#include "report/campaign_export.h"

#include <cstdio>
#include <ctime>
#include <iterator>

#include "core/csv.h"
#include "report/exports.h"
#include "report/xlsx_sheet.h"

namespace meter {
namespace {

constexpr const char* kColumns[] = {"iso3",
                                    "country",
                                    "region",
                                    "subregion",
                                    "rounds",
                                    "round_id",
                                    "title",
                                    "year",
                                    "status",
                                    "instrument_id",
                                    "instrument_version",
                                    "invited",
                                    "started",
                                    "finished",
                                    "last_activity",
                                    "index",
                                    "band",
                                    "egdi",
                                    "egdi_year",
                                    "published"};

// "2024-05-01T09:30:00Z"; "" for 0 (no activity).
std::string IsoUtc(Seconds at) {
  if (at == 0) return "";
  const std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// `value` with `decimals` decimals; "" when missing.
std::string Decimals(const std::optional<double>& value, int decimals) {
  if (!value) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *value);
  return buf;
}

// The row's cells as text, in kColumns order ("" for a missing value).
std::vector<std::string> Cells(const CampaignRow& r) {
  const Round* l = r.latest ? &*r.latest : nullptr;
  auto count = [&](size_t n) { return l ? std::to_string(n) : std::string(); };
  return {r.iso3,
          r.name,
          r.region,
          r.subregion,
          std::to_string(r.rounds),
          l ? std::to_string(l->id) : "",
          l ? l->title : "",
          l ? std::to_string(l->year) : "",
          l ? RoundStatusKey(l->status) : "",
          l ? l->instrument_id : "",
          l ? l->instrument_version : "",
          count(r.invited),
          count(r.started),
          count(r.finished),
          IsoUtc(r.last_activity),
          Decimals(r.index, 1),
          r.band ? std::string(BandKey(*r.band)) : "",
          Decimals(r.egdi ? std::optional<double>(r.egdi->value) : std::nullopt, 4),
          r.egdi ? std::to_string(r.egdi->year) : "",
          l ? (r.published ? "yes" : "no") : ""};
}

// Columns whose cells are numbers in the workbook.
bool Numeric(size_t column) {
  return column == 4 || column == 5 || column == 7 || (column >= 11 && column <= 13) ||
         column == 15 || column == 17 || column == 18;
}

}  // namespace

std::string CampaignCsv(const std::vector<CampaignRow>& rows) {
  std::string out = kUtf8Bom;
  for (size_t c = 0; c < std::size(kColumns); ++c) out += (c ? "," : "") + std::string(kColumns[c]);
  out += "\r\n";
  for (const CampaignRow& row : rows) {
    const std::vector<std::string> cells = Cells(row);
    for (size_t c = 0; c < cells.size(); ++c) {
      out += c ? "," : "";
      out += c == 1 || c == 6 ? CsvTextField(cells[c]) : CsvField(cells[c]);
    }
    out += "\r\n";
  }
  return out;
}

Result<std::string> CampaignWorkbook(const std::vector<CampaignRow>& rows) {
  return xlsx::WriteWorkbook([&](lxw_workbook* book, lxw_error& error) {
    const xlsx::Formats f = xlsx::FormatsOf(book);
    xlsx::Sheet s(book, "Campaign", f, error);
    for (size_t c = 0; c < std::size(kColumns); ++c) {
      s.HeaderCell(static_cast<lxw_col_t>(c), kColumns[c], c == 1 || c == 6 ? 30 : 12);
    }
    s.Header({});  // freezes the header row
    lxw_row_t r = 1;
    for (const CampaignRow& row : rows) {
      const std::vector<std::string> cells = Cells(row);
      for (size_t c = 0; c < cells.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (Numeric(c) && !cells[c].empty()) {
          s.Number(r, col, std::stod(cells[c]), c == 15 ? f.score : nullptr);
        } else {
          s.Text(r, col, cells[c]);
        }
      }
      ++r;
    }
  });
}

}  // namespace meter
