#include "core/round_dossier.h"

#include "core/round_results.h"

namespace meter {

const UnitScore* RoundDossier::Unit(const std::string& id) const {
  for (const UnitScore& u : report.units) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

bool ResultsAreProvisional(RoundStatus status) { return status != RoundStatus::kClosed; }

Result<RoundDossier> ReadRoundDossier(Store& store, const InstrumentCatalog& instruments,
                                      const Round& round) {
  RoundDossier d;
  d.round = round;
  d.instrument = instruments.Find(round.instrument_id, round.instrument_version);
  if (!d.instrument) {
    return Error::Of(ErrorCode::kUnavailable, "", METER_N("instrument {1} {2} is not installed"),
                     {round.instrument_id, round.instrument_version});
  }
  auto respondents = store.ListRespondents(round.id);
  if (!respondents) return respondents.error();
  auto answers = store.AnswersOfRound(round.id);
  if (!answers) return answers.error();
  auto targets = store.TargetsOf(round.id);
  if (!targets) return targets.error();
  auto edits = store.RoadmapEditsOf(round.id);
  if (!edits) return edits.error();
  auto knowledge = store.ListKnowledge({});
  if (!knowledge) return knowledge.error();
  auto egdi = store.EgdiOf(round.country);
  if (!egdi) return egdi.error();
  d.respondents = std::move(respondents).value();
  d.answers = std::move(answers).value();
  d.targets = std::move(targets).value();
  d.edits = std::move(edits).value();
  d.knowledge = std::move(knowledge).value();
  d.egdi = std::move(egdi).value();
  d.report = Score(*d.instrument, SheetOf(*d.instrument, round, d.respondents, d.answers));
  d.plan = PlanWayForward(*d.instrument, d.report, d.targets);
  d.roadmap = BuildRoadmap(d.plan, d.edits);
  return d;
}

Result<std::vector<Round>> PublishedRoundsOf(Store& store, const Instrument& instrument) {
  auto published = store.ListPublished();
  if (!published) return published.error();
  std::vector<Round> out;
  for (const PublishedProfile& profile : published.value()) {
    if (profile.round.instrument_id == instrument.id &&
        profile.round.instrument_version == instrument.version) {
      out.push_back(profile.round);
    }
  }
  return out;
}

Result<ItemStatistics> ReadItemStatistics(Store& store, const Instrument& instrument,
                                          const std::vector<Round>& rounds) {
  ItemAnswers answers(instrument);
  for (const Round& round : rounds) {
    auto respondents = store.ListRespondents(round.id);
    if (!respondents) return respondents.error();
    auto stored = store.AnswersOfRound(round.id);
    if (!stored) return stored.error();
    answers.Add(SheetOf(instrument, round, respondents.value(), stored.value()));
  }
  return answers.Compute();
}

}  // namespace meter
