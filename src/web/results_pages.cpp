// The results of a round: index and band, the charts, the table of every unit, the weakest
// sub-areas and the largest awareness gaps. The numbers come from core's Score(), the same code as
// `meter score`.
#include <algorithm>

#include "core/round_results.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string UnitName(const Instrument& in, const UnitScore& u, const std::string& lang) {
  if (u.kind == UnitKind::kPillar) {
    for (const Pillar& p : in.pillars) {
      if (p.id == u.id) return p.name.Get(lang);
    }
  }
  if (u.kind == UnitKind::kSubArea) {
    if (const SubArea* s = in.FindSubArea(u.id)) return s->name.Get(lang);
  }
  if (u.kind == UnitKind::kStatement) {
    const int i = in.StatementIndex(u.id);
    if (i >= 0) return in.statements()[i].statement->text.Get(lang);
  }
  return "";
}

}  // namespace

std::optional<WebApp::Impl::RoundData> WebApp::Impl::LoadRoundData(const Round& round) {
  const Instrument* instrument = InstrumentOf(round);
  auto respondents = deps_.store.ListRespondents(round.id);
  auto answers = deps_.store.AnswersOfRound(round.id);
  if (!instrument || !respondents || !answers) return std::nullopt;
  return RoundData{instrument, std::move(respondents).value(), std::move(answers).value()};
}

std::optional<WebApp::Impl::RoundScores> WebApp::Impl::ScoreRound(const Round& round) {
  auto data = LoadRoundData(round);
  if (!data) return std::nullopt;
  const AnswerSheet sheet = SheetOf(*data->instrument, round, data->respondents, data->answers);
  ScoreReport report = Score(*data->instrument, sheet);
  return RoundScores{std::move(*data), std::move(report)};
}

Response WebApp::Impl::DataUnavailable(const Call& call) const {
  return Fail(call,
              Error::Of(ErrorCode::kUnavailable, "", METER_N("the answers cannot be read now")));
}

Response WebApp::Impl::ResultsPage(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto scored = ScoreRound(round);
  if (!scored) return DataUnavailable(call);
  const Instrument& in = *scored->data.instrument;
  const ScoreReport& report = scored->report;
  const std::string insufficient = call.Tr("insufficient data");
  TemplateData data;
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  data.set("respondents", std::to_string(scored->data.respondents.size()));
  const UnitScore& overall = report.units[0];
  data.set("overall", overall.score ? OneDecimal(*overall.score) : insufficient);
  data.set("band", overall.band ? call.Tr(BandName(*overall.band)) : "");
  data.set("band_key", overall.band ? std::string(BandKey(*overall.band)) : "none");
  data.set("coverage", PercentOf(overall.coverage));
  data.set("dk_rate", PercentOf(overall.dk_rate));
  data.set("radar", deps_.renderers.radar(in, report, call.locale, call.lang));
  data.set("bars", deps_.renderers.bars(in, report, call.locale, call.lang));
  data.set("heatmap", deps_.renderers.heatmap(in, report, call.locale, call.lang));
  TemplateList rows, weakest, gaps;
  std::vector<const UnitScore*> subareas, gapped;
  for (const UnitScore& u : report.units) {
    if (u.kind == UnitKind::kStatement) continue;
    TemplateData row;
    row.set("id", u.kind == UnitKind::kOverall ? "" : u.id);
    row.set("name",
            u.kind == UnitKind::kOverall ? call.Tr("Overall index") : UnitName(in, u, call.lang));
    row.set("pillar", u.kind == UnitKind::kPillar || u.kind == UnitKind::kOverall);
    row.set("score", u.score ? OneDecimal(*u.score) : insufficient);
    row.set("withheld", !u.score);
    row.set("coverage", PercentOf(u.coverage));
    row.set("dk_rate", PercentOf(u.dk_rate));
    row.set("band", u.band ? call.Tr(BandName(*u.band)) : "");
    row.set("band_key", u.band ? std::string(BandKey(*u.band)) : "none");
    row.set("gap", u.group_gap ? OneDecimal(*u.group_gap) : "");
    rows.push_back(std::move(row));
    if (u.kind == UnitKind::kSubArea && u.score) subareas.push_back(&u);
    if (u.kind != UnitKind::kOverall && u.group_gap) gapped.push_back(&u);
  }
  std::sort(subareas.begin(), subareas.end(),
            [](auto* a, auto* b) { return *a->score < *b->score; });
  for (size_t i = 0; i < subareas.size() && i < 5; ++i) {
    TemplateData item;
    item.set("id", subareas[i]->id);
    item.set("name", UnitName(in, *subareas[i], call.lang));
    item.set("score", OneDecimal(*subareas[i]->score));
    weakest.push_back(std::move(item));
  }
  std::sort(gapped.begin(), gapped.end(),
            [](auto* a, auto* b) { return *a->group_gap > *b->group_gap; });
  for (size_t i = 0; i < gapped.size() && i < 5; ++i) {
    const UnitScore& u = *gapped[i];
    TemplateData item;
    item.set("id", u.id);
    item.set("name", UnitName(in, u, call.lang));
    item.set("gap", OneDecimal(*u.group_gap));
    std::string detail;
    for (size_t g = 0; g < report.groups.size(); ++g) {
      if (!u.group_scores[g]) continue;
      detail += (detail.empty() ? "" : " · ") + call.Tr(report.groups[g].name.c_str()) + " " +
                OneDecimal(*u.group_scores[g]);
    }
    item.set("detail", detail);
    gaps.push_back(std::move(item));
  }
  data.set("units", std::move(rows));
  data.set("weakest", std::move(weakest));
  data.set("gaps", std::move(gaps));
  return Page(call, "results", call.Tr("Results") + std::string(" — ") + round.title, data);
}

}  // namespace meter
