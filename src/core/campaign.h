// The secretariat's campaign page (issue 14): one row per UN member state with its rounds, and
// for its latest round the status, instrument version, response counts, last activity, index and
// band, and whether it is published. The same rows feed the page, the CSV and the XLSX download.
//
// ReadCampaign reads the store (like ReadRoundDossier); everything else here is a pure function of
// its arguments. Thread-safe as the store is; rows own their values.
//
// What the figures are:
// - The latest round of a country: the highest year, then the latest created, then the highest
//   ID (as benchmarks choose it).
// - invited: the latest round's respondents who are not withdrawn; started: of those, the ones
//   with at least one answer (Respondent::answered > 0); finished: of those, the ones who
//   answered every statement of their pillars (ProgressOf, core/questionnaire.h). Withdrawn
//   respondents count nowhere.
// - last activity: the newest of the latest round's created_at, its respondents' invited_at and
//   reminded_at, and its answers' updated_at (the store keeps no time of a status change).
// - index and band: a published round's stored overall score (ListPublished); for any other
//   round, Score() over its answers, as the results page computes it. Missing when withheld
//   (coverage below 50 %) or when the round's instrument is not installed.
// - egdi: the country's EGDI of the newest survey year that has one (LatestReading), shown beside
//   the index as a different, external measure on its own 0–1 scale, never converted. Missing
//   when no stored year has it; a country without a round has it too (with "all").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/band.h"
#include "core/comparison.h"
#include "core/countries.h"
#include "core/domain.h"
#include "core/instrument.h"
#include "core/instrument_catalog.h"
#include "core/problem.h"
#include "core/store.h"

namespace meter {

struct CampaignRow {
  std::string iso3;
  std::string name;               // the country's name in the language asked for
  std::string region, subregion;  // UN M49, English (the filters' keys)
  size_t rounds = 0;              // every round of the country, whatever its status
  std::optional<Round> latest;    // nullopt: the country has no round (shown with "all")
  size_t invited = 0, started = 0, finished = 0;  // of the latest round
  Seconds last_activity = 0;                      // 0 without a round
  std::optional<double> index;                    // 0–100
  std::optional<Band> band;                       // present exactly when index is
  bool published = false;                         // the latest round is published
  std::optional<SurveyReading> egdi;              // the UN survey's latest EGDI, 0–1
};

// What the latest round's row is computed from (CampaignRowOf). `instrument` may be null (not
// installed): finished then counts nobody.
struct LatestRoundFacts {
  const Round* round = nullptr;
  const Instrument* instrument = nullptr;
  std::vector<Respondent> respondents;
  Seconds newest_answer = 0;  // the newest updated_at of its answers; 0 for none
  std::optional<double> index;
};

// The row of `country` with `rounds` rounds, its survey rows `survey` (any order) and, when
// `latest.round` is set, those facts.
CampaignRow CampaignRowOf(const Country& country, std::string name, size_t rounds,
                          const LatestRoundFacts& latest, const std::vector<EgdiRow>& survey = {});

// Every field that is set must match. Rows without a round are kept only with `all_countries`,
// and then only when no status or version is asked for.
struct CampaignFilter {
  bool all_countries = false;
  std::string region{}, subregion{};    // English M49 names; empty: any
  std::optional<RoundStatus> status{};  // of the latest round
  std::string version{};                // the latest round's instrument version ("2.0")
};

std::vector<CampaignRow> FilterCampaign(std::vector<CampaignRow> rows,
                                        const CampaignFilter& filter);

enum class CampaignColumn {
  kCountry,
  kRegion,
  kSubregion,
  kRounds,
  kTitle,
  kStatus,
  kVersion,
  kInvited,
  kStarted,
  kFinished,
  kLastActivity,
  kIndex,  // the band sorts with it
  kEgdi,
  kPublished,
};
inline constexpr int kCampaignColumnCount = 14;

// "country", "region", "subregion", "rounds", "title", "status", "version", "invited",
// "started", "finished", "activity", "index", "egdi", "published": the keys of the page's links.
std::string_view CampaignColumnKey(CampaignColumn column);
// The inverse of CampaignColumnKey; nullopt for any other text.
std::optional<CampaignColumn> CampaignColumnFromKey(std::string_view key);

// Sorts by `column`, ascending or not, stably (rows that tie keep their order). A row whose value
// is missing (no round; no index; no EGDI) comes last in either direction. Text compares byte-wise
// (UTF-8 code point order), status in workflow order (draft, open, closed), published after not.
void SortCampaign(std::vector<CampaignRow>& rows, CampaignColumn column, bool ascending);

// The facts `round`'s own data gives: its respondents, its newest answer and Score()'s index over
// its answers (nullopt without the instrument; ReadCampaign puts a published round's stored score
// in its place). `round` is not kept: the facts' `round` is null. Fails with the store's error.
Result<LatestRoundFacts> ReadRoundFacts(Store& store, const InstrumentCatalog& instruments,
                                        const Round& round);

// Where ReadCampaign takes a latest round's facts from: ReadRoundFacts by default; the web keeps
// them by the round's version (web/score_cache.h), so that the page does not read every country's
// answers on every view.
using RoundFactsSource = std::function<Result<LatestRoundFacts>(const Round&)>;

// Every member state in `countries` that has a round (every one when `all_countries`), by ISO
// code, named in `lang`. `published`, when given, stands for store.ListPublished() (the web's
// cached copy); `facts`, when given, for ReadRoundFacts. Fails with the store's error
// (kUnavailable); a round whose instrument is not installed has no index and no finished
// respondents, and is no error.
Result<std::vector<CampaignRow>> ReadCampaign(
    Store& store, const InstrumentCatalog& instruments, const CountryList& countries,
    bool all_countries, std::string_view lang,
    const std::vector<PublishedProfile>* published = nullptr, const RoundFactsSource& facts = {});

}  // namespace meter
