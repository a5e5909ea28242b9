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

// The facts of `round`: its respondents, its newest answer and its index (the published score,
// else Score() over its answers when its instrument is installed).
Result<LatestRoundFacts> FactsOf(Store& store, const InstrumentCatalog& instruments,
                                 const Round& round,
                                 const std::map<Id, std::optional<double>>& published) {
  LatestRoundFacts facts;
  facts.round = &round;
  facts.instrument = instruments.Find(round.instrument_id, round.instrument_version);
  auto respondents = store.ListRespondents(round.id);
  if (!respondents) return respondents.error();
  auto answers = store.AnswersOfRound(round.id);
  if (!answers) return answers.error();
  facts.respondents = std::move(respondents).value();
  for (const StoredAnswer& a : answers.value()) {
    facts.newest_answer = std::max(facts.newest_answer, a.updated_at);
  }
  if (auto it = published.find(round.id); round.published && it != published.end()) {
    facts.index = it->second;
  } else if (facts.instrument) {
    const ScoreReport report = Score(
        *facts.instrument, SheetOf(*facts.instrument, round, facts.respondents, answers.value()));
    if (!report.units.empty()) facts.index = report.units[0].score;
  }
  return facts;
}

}  // namespace

Result<std::vector<CampaignRow>> ReadCampaign(Store& store, const InstrumentCatalog& instruments,
                                              const CountryList& countries, bool all_countries,
                                              std::string_view lang) {
  auto rounds = store.ListRounds(std::nullopt);
  if (!rounds) return rounds.error();
  auto profiles = store.ListPublished();
  if (!profiles) return profiles.error();
  std::map<Id, std::optional<double>> published;
  for (const PublishedProfile& p : profiles.value()) {
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
    auto facts = FactsOf(store, instruments, *it->second.latest, published);
    if (!facts) return facts.error();
    rows.push_back(
        CampaignRowOf(country, name, it->second.count, facts.value(), survey_of(country.iso3)));
  }
  return rows;
}

}  // namespace meter
