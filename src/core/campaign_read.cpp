// ReadCampaign: the store's rounds, respondents, answers and published scores, turned into rows by
// the pure functions of campaign.cpp.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/campaign.h"
#include "core/round_results.h"
#include "core/scoring.h"

namespace meter {
namespace {

bool Later(const Round& a, const Round& b) {
  return std::tie(a.year, a.created_at, a.id) > std::tie(b.year, b.created_at, b.id);
}

struct CountryRounds {
  size_t count = 0;
  const Round* latest = nullptr;
};

}  // namespace

Result<LatestRoundFacts> ReadRoundFacts(Store& store, const InstrumentCatalog& instruments,
                                        const Round& round) {
  LatestRoundFacts facts;
  facts.instrument = instruments.Find(round.instrument_id, round.instrument_version);
  auto respondents = store.ListRespondents(round.id);
  if (!respondents) return respondents.error();
  auto answers = store.AnswersOfRound(round.id);
  if (!answers) return answers.error();
  facts.respondents = std::move(respondents).value();
  for (const StoredAnswer& a : answers.value()) {
    facts.newest_answer = std::max(facts.newest_answer, a.updated_at);
  }
  if (facts.instrument) {
    const ScoreReport report = Score(
        *facts.instrument, SheetOf(*facts.instrument, round, facts.respondents, answers.value()));
    if (!report.units.empty()) facts.index = report.units[0].score;
  }
  return facts;
}

Result<std::vector<CampaignRow>> ReadCampaign(Store& store, const InstrumentCatalog& instruments,
                                              const CountryList& countries, bool all_countries,
                                              std::string_view lang,
                                              const std::vector<PublishedProfile>* published_rounds,
                                              const RoundFactsSource& facts_source) {
  auto rounds = store.ListRounds(std::nullopt);
  if (!rounds) return rounds.error();
  Result<std::vector<PublishedProfile>> read_profiles = std::vector<PublishedProfile>{};
  if (!published_rounds) {
    read_profiles = store.ListPublished();
    if (!read_profiles) return read_profiles.error();
    published_rounds = &read_profiles.value();
  }
  std::map<Id, std::optional<double>> published;
  for (const PublishedProfile& p : *published_rounds) {
    auto it = p.scores.find("overall");
    published[p.round.id] = it == p.scores.end() ? std::nullopt : std::optional<double>(it->second);
  }
  auto survey = ReadSurveyByCountry(store);
  if (!survey) return survey.error();
  const std::vector<EgdiRow> kNoSurvey;
  auto survey_of = [&](const std::string& iso3) -> const std::vector<EgdiRow>& {
    auto it = survey.value().find(iso3);
    return it == survey.value().end() ? kNoSurvey : it->second;
  };
  std::map<std::string, CountryRounds, std::less<>> by_country;
  for (const Round& r : rounds.value()) {
    CountryRounds& c = by_country[r.country];
    ++c.count;
    if (!c.latest || Later(r, *c.latest)) c.latest = &r;
  }
  std::vector<CampaignRow> rows;
  for (const Country& country : countries.all()) {
    auto it = by_country.find(country.iso3);
    const std::string name = CountryList::NameOf(country, lang);
    if (it == by_country.end()) {
      if (all_countries)
        rows.push_back(CampaignRowOf(country, name, 0, {}, survey_of(country.iso3)));
      continue;
    }
    const Round& latest = *it->second.latest;
    auto facts = facts_source ? facts_source(latest) : ReadRoundFacts(store, instruments, latest);
    if (!facts) return facts.error();
    facts.value().round = &latest;
    // A published round shows its stored score, the one its publication fixed.
    if (auto stored = published.find(latest.id); latest.published && stored != published.end())
      facts.value().index = stored->second;
    rows.push_back(
        CampaignRowOf(country, name, it->second.count, facts.value(), survey_of(country.iso3)));
  }
  return rows;
}

}  // namespace meter
