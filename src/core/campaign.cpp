#include "core/campaign.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "core/questionnaire.h"

namespace meter {
namespace {

constexpr std::array<std::string_view, kCampaignColumnCount> kColumnKeys = {
    "country", "region",  "subregion", "rounds",   "title", "status", "version",
    "invited", "started", "finished",  "activity", "index", "egdi",   "published"};

bool Matches(const CampaignRow& row, const CampaignFilter& f) {
  if (!f.region.empty() && row.region != f.region) return false;
  if (!f.subregion.empty() && row.subregion != f.subregion) return false;
  if (!row.latest) return f.all_countries && !f.status && f.version.empty();
  if (f.status && row.latest->status != *f.status) return false;
  return f.version.empty() || row.latest->instrument_version == f.version;
}

// -1, 0 or 1 as a is before, tied with or after b in ascending order.
template <typename T>
int Compare(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// The rows' values of `column` compared; both rows have one (HasValue).
int CompareBy(CampaignColumn column, const CampaignRow& a, const CampaignRow& b) {
  switch (column) {
    case CampaignColumn::kCountry:
      return Compare(a.name, b.name);
    case CampaignColumn::kRegion:
      return Compare(a.region, b.region);
    case CampaignColumn::kSubregion:
      return Compare(a.subregion, b.subregion);
    case CampaignColumn::kRounds:
      return Compare(a.rounds, b.rounds);
    case CampaignColumn::kTitle:
      return Compare(a.latest->title, b.latest->title);
    case CampaignColumn::kStatus:
      return Compare(a.latest->status, b.latest->status);
    case CampaignColumn::kVersion:
      return Compare(std::tie(a.latest->instrument_id, a.latest->instrument_version),
                     std::tie(b.latest->instrument_id, b.latest->instrument_version));
    case CampaignColumn::kInvited:
      return Compare(a.invited, b.invited);
    case CampaignColumn::kStarted:
      return Compare(a.started, b.started);
    case CampaignColumn::kFinished:
      return Compare(a.finished, b.finished);
    case CampaignColumn::kLastActivity:
      return Compare(a.last_activity, b.last_activity);
    case CampaignColumn::kIndex:
      return Compare(*a.index, *b.index);
    case CampaignColumn::kEgdi:
      return Compare(a.egdi->value, b.egdi->value);
    case CampaignColumn::kPublished:
      return Compare(a.published, b.published);
  }
  return 0;
}

// Whether the row has a value in `column`: the country's own columns always do; the latest
// round's only when there is one, and the index only when it is not withheld.
bool HasValue(CampaignColumn column, const CampaignRow& row) {
  switch (column) {
    case CampaignColumn::kCountry:
    case CampaignColumn::kRegion:
    case CampaignColumn::kSubregion:
    case CampaignColumn::kRounds:
      return true;
    case CampaignColumn::kIndex:
      return row.index.has_value();
    case CampaignColumn::kEgdi:
      return row.egdi.has_value();
    default:
      return row.latest.has_value();
  }
}

}  // namespace

CampaignRow CampaignRowOf(const Country& country, std::string name, size_t rounds,
                          const LatestRoundFacts& latest, const std::vector<EgdiRow>& survey) {
  CampaignRow row;
  row.iso3 = country.iso3;
  row.name = std::move(name);
  row.region = country.region;
  row.subregion = country.subregion;
  row.rounds = rounds;
  row.egdi = LatestReading(survey, &EgdiRow::egdi);
  if (!latest.round) return row;
  row.latest = *latest.round;
  row.published = latest.round->published;
  row.last_activity = std::max(latest.round->created_at, latest.newest_answer);
  for (const Respondent& r : latest.respondents) {
    if (r.revoked) continue;
    ++row.invited;
    if (r.answered > 0) ++row.started;
    if (latest.instrument) {
      const Progress p = ProgressOf(*latest.instrument, r);
      if (p.total > 0 && p.answered >= p.total) ++row.finished;
    }
    row.last_activity = std::max({row.last_activity, r.invited_at, r.reminded_at});
  }
  row.index = latest.index;
  if (row.index) row.band = BandOf(*row.index);
  return row;
}

std::vector<CampaignRow> FilterCampaign(std::vector<CampaignRow> rows,
                                        const CampaignFilter& filter) {
  std::erase_if(rows, [&](const CampaignRow& row) { return !Matches(row, filter); });
  return rows;
}

std::string_view CampaignColumnKey(CampaignColumn column) {
  return kColumnKeys[static_cast<size_t>(column)];
}

std::optional<CampaignColumn> CampaignColumnFromKey(std::string_view key) {
  for (size_t i = 0; i < kColumnKeys.size(); ++i) {
    if (kColumnKeys[i] == key) return static_cast<CampaignColumn>(i);
  }
  return std::nullopt;
}

void SortCampaign(std::vector<CampaignRow>& rows, CampaignColumn column, bool ascending) {
  std::stable_sort(rows.begin(), rows.end(), [&](const CampaignRow& a, const CampaignRow& b) {
    const bool has_a = HasValue(column, a), has_b = HasValue(column, b);
    if (!has_a || !has_b) return has_a && !has_b;  // missing values last, either way
    const int c = CompareBy(column, a, b);
    return ascending ? c < 0 : c > 0;
  });
}

}  // namespace meter
