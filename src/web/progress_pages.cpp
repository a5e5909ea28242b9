// Monitoring across rounds: each pillar's score over all of a country's rounds (a trend chart),
// and the change of every score between this round and another of the same country, matched by ID
// or through the instrument's version mapping, with what has no counterpart listed on each side.
#include <algorithm>
#include <charconv>

#include "core/monitoring.h"
#include "core/text.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string SignedOneDecimal(const std::optional<double>& change, const std::string& lang) {
  if (!change) return "—";
  const std::string text = OneDecimal(*change, lang);
  return *change > 0.05 ? "+" + text : text;
}

// The unit's name as "name" (and "name_attrs", page_text.h).
void SetUnitName(TemplateData& data, const Instrument& in, const std::string& id,
                 const std::string& lang) {
  if (const LocalizedText* text = in.UnitText(id)) SetText(data, "name", *text, lang);
}

TemplateList UnmatchedList(const Call& call, const Instrument& in,
                           const std::vector<UnmatchedUnit>& units) {
  TemplateList out;
  for (const UnmatchedUnit& u : units) {
    TemplateData row;
    row.set("id", u.id);
    SetUnitName(row, in, u.id, call.lang);
    row.set("score", u.score ? OneDecimal(*u.score, call.lang) : call.Tr("insufficient data"));
    row.set("retired", u.retired);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Response WebApp::Impl::ProgressPage(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  auto listed = deps_.store.ListRounds(std::vector<std::string>{round.country});
  if (!listed) return Fail(call, listed.error());
  // Every round of the country, oldest first, with its scores.
  std::vector<Round> rounds = std::move(listed).value();
  std::reverse(rounds.begin(), rounds.end());
  // Each from the cache at its round's current versions (web/score_cache.h).
  std::vector<std::shared_ptr<const RoundDossier>> held;
  for (const Round& r : rounds) {
    if (auto d = DossierOf(r)) held.push_back(std::move(d));
  }
  std::vector<const RoundDossier*> order;  // oldest first, as `rounds`
  for (const auto& d : held) order.push_back(d.get());
  const auto self_at = std::find_if(order.begin(), order.end(),
                                    [&](const RoundDossier* d) { return d->round.id == round.id; });
  if (self_at == order.end()) return DataUnavailable(call);
  const RoundDossier* self = *self_at;

  // The round to compare with: the one asked for, else the latest one before this round.
  // Any text that is not a round ID is refused below, not read as a number (atoll("7abc") is 7).
  const std::string compare = FormValue(call.query, "compare");
  Id asked = 0;
  if (!compare.empty()) {
    auto [end, ec] = std::from_chars(compare.data(), compare.data() + compare.size(), asked);
    if (ec != std::errc() || end != compare.data() + compare.size() || asked <= 0) asked = -1;
  }
  const RoundDossier* other = nullptr;
  bool other_first = false;
  for (auto at = order.begin(); at != order.end(); ++at) {
    if (at == self_at) continue;
    if (asked ? (*at)->round.id == asked : at < self_at) {
      other = *at;
      other_first = at < self_at;
    }
  }
  if (asked && !other) {
    return Fail(call,
                Error::Of(ErrorCode::kNotFound, "compare",
                          METER_N("round {1} is not another round of this country"), {compare}));
  }

  TemplateData data;
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  std::vector<RoundScores> scores;
  for (const RoundDossier* d : order) scores.push_back({&d->round, d->instrument, &d->report});
  const std::vector<TrendSeries> trends = PillarTrends(scores);
  data.set("trend", deps_.renderers.trend(trends, call.locale, call.lang));
  data.set("trend_data", deps_.renderers.trend_data(trends, call.locale, call.lang));
  data.set("several", order.size() > 1);

  TemplateList choices;
  for (const RoundDossier* dp : order) {
    const RoundDossier& d = *dp;
    if (d.round.id == round.id) continue;
    TemplateData c;
    c.set("value", std::to_string(d.round.id));
    c.set("name", std::to_string(d.round.year) + " · " + d.round.title);
    c.set("selected", other && other->round.id == d.round.id);
    choices.push_back(std::move(c));
  }
  data.set("choices", std::move(choices));
  if (other) {
    // The earlier round is "before", whichever was asked for.
    const RoundDossier& before = other_first ? *other : *self;
    const RoundDossier& after = other_first ? *self : *other;
    const RoundComparison cmp =
        CompareRounds(*before.instrument, before.report, *after.instrument, after.report);
    data.set("compared", true);
    data.set("before_title", std::to_string(before.round.year) + " · " + before.round.title);
    data.set("after_title", std::to_string(after.round.year) + " · " + after.round.title);
    data.set("before_version", cmp.before_version);
    data.set("after_version", cmp.after_version);
    data.set("mapped", cmp.mapped);
    data.set("by_id_only", cmp.matched_by_id_only);
    TemplateList units, statements;
    for (const ComparisonRow& row : cmp.rows) {
      TemplateData r;
      r.set("id", row.kind == UnitKind::kOverall ? "" : row.id);
      r.set("old_id", row.old_id);
      if (row.kind == UnitKind::kOverall) {
        r.set("name", call.Tr("Overall index"));
      } else {
        SetUnitName(r, *after.instrument, row.id, call.lang);
      }
      r.set("pillar", row.kind == UnitKind::kPillar || row.kind == UnitKind::kOverall);
      r.set("before",
            row.before ? OneDecimal(*row.before, call.lang) : call.Tr("insufficient data"));
      r.set("after", row.after ? OneDecimal(*row.after, call.lang) : call.Tr("insufficient data"));
      r.set("change", SignedOneDecimal(row.change, call.lang));
      r.set("direction", !row.change           ? "none"
                         : *row.change > 0.05  ? "up"
                         : *row.change < -0.05 ? "down"
                                               : "none");
      (row.kind == UnitKind::kStatement ? statements : units).push_back(std::move(r));
    }
    data.set("units", std::move(units));
    data.set("statements", std::move(statements));
    TemplateList only_before = UnmatchedList(call, *before.instrument, cmp.only_before);
    TemplateList only_after = UnmatchedList(call, *after.instrument, cmp.only_after);
    data.set("has_unmatched", !only_before.empty() || !only_after.empty());
    data.set("only_before", std::move(only_before));
    data.set("only_after", std::move(only_after));
  }
  return Page(call, "progress", Substitute(call.Tr("Progress over time — {1}"), {round.title}),
              data);
}

}  // namespace meter
