// The instrument pages, for every signed-in user (Action::kViewInstrument): the installed versions,
// and one version whole, in the reader's language: its pillars, sub-areas and statements, answer
// sets, recommended actions and prerequisites, with each statement's item statistics over the
// published rounds that used the version (core/item_statistics.h) and the flags that point the
// experts at statements to improve. The statistics are computed on each request from the store;
// they read every answer of those rounds.
#include <map>
#include <set>

#include "core/band.h"
#include "core/item_statistics.h"
#include "core/round_dossier.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// A number with `decimals` decimals, or "—" when it could not be computed.
std::string Fixed(const std::optional<double>& v, int decimals, const std::string& lang) {
  return v ? Decimals(v, decimals, lang) : "—";
}

std::string Share(const std::optional<double>& v, const std::string& lang) {
  return v ? PercentOf(v, lang) : "—";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// An instrument version's status in words: "released", "retired" or "draft".
std::string StatusName(const Call& call, const std::string& status) {
  if (status == "retired") return call.TrC("status of an instrument version", "retired");
  return status == "released" ? call.TrC("status of an instrument version", "released")
                              : call.TrC("status of an instrument version", "draft");
}

TemplateData VersionRow(const Call& call, const Instrument& in, const std::string& status) {
  TemplateData row;
  row.set("id", in.id);
  row.set("version", in.version);
  SetText(row, "title", in.title, call.lang);
  row.set("status", StatusName(call, status));
  row.set("statements", std::to_string(in.statements().size()));
  TemplateList languages;
  for (size_t i = 0; i < in.languages.size(); ++i) {
    TemplateData l = LanguageItem(in.languages[i]);  // each name in its own language
    l.set("more", i + 1 < in.languages.size());
    languages.push_back(std::move(l));
  }
  row.set("languages", std::move(languages));
  return row;
}

// The proposals that touch a statement, by its ID (WebApp::Impl::ProposalsByStatement).
using ProposalLinks = std::map<std::string, TemplateList>;

TemplateData StatementData(const Call& call, const Instrument& in, const Statement& s,
                           const StatementStatistics& stats, const ProposalLinks& proposals) {
  TemplateData d;
  d.set("id", s.id);
  SetText(d, "text", s.text, call.lang);
  d.set("answer_set", in.answer_sets[static_cast<size_t>(s.answer_set)].id);
  d.set("answers", std::to_string(stats.answers));
  d.set("mean", Fixed(stats.mean, 1, call.lang));
  d.set("sd", Fixed(stats.sd, 1, call.lang));
  d.set("dk_rate", Share(stats.dk_rate, call.lang));
  d.set("na_rate", Share(stats.na_rate, call.lang));
  d.set("floor", Share(stats.floor_share, call.lang));
  d.set("ceiling", Share(stats.ceiling_share, call.lang));
  d.set("item_rest", Fixed(stats.item_rest, 2, call.lang));
  d.set("alpha_if_removed", Fixed(stats.alpha_if_removed, 3, call.lang));
  TemplateList flags;
  for (ItemFlag f : stats.flags) {
    TemplateData flag;
    flag.set("key", ItemFlagKey(f));
    flag.set("name", call.Tr(ItemFlagName(f)));
    flags.push_back(std::move(flag));
  }
  d.set("flagged", !flags.empty());
  d.set("flags", std::move(flags));
  const auto touching = proposals.find(s.id);
  d.set("has_proposals", touching != proposals.end());
  if (touching != proposals.end()) d.set("proposals", touching->second);
  return d;
}

// `shown`: false when the caller may not see the statement figures (kItemStatisticsMinRounds).
TemplateData SubAreaData(const Call& call, const Instrument& in, const SubArea& sub,
                         const ItemStatistics& stats, bool shown, const ProposalLinks& proposals) {
  TemplateData d;
  d.set("id", sub.id);
  SetText(d, "name", sub.name, call.lang);
  d.set("weight", PlainNumber(sub.weight));
  d.set("prerequisites", Joined(sub.prerequisites));
  d.set("has_prerequisites", !sub.prerequisites.empty());
  TemplateList bands;
  for (size_t b = 0; b < kBandCount; ++b) {
    TemplateData band;
    band.set("band", call.Tr(BandName(static_cast<Band>(b))));
    TemplateList actions;
    for (const LocalizedText& a : sub.actions[b]) {
      TemplateData action;
      SetText(action, "text", a, call.lang);
      actions.push_back(std::move(action));
    }
    band.set("actions", std::move(actions));
    bands.push_back(std::move(band));
  }
  d.set("bands", std::move(bands));
  TemplateList statements;
  for (const Statement& s : sub.statements) {
    statements.push_back(
        StatementData(call, in, s,
                      shown ? stats.statements[static_cast<size_t>(in.StatementIndex(s.id))]
                            : StatementStatistics{},
                      proposals));
  }
  d.set("statements", std::move(statements));
  return d;
}

TemplateList AnswerSetsData(const Call& call, const Instrument& in) {
  TemplateList out;
  for (const AnswerSet& set : in.answer_sets) {
    TemplateData d;
    d.set("id", set.id);
    TemplateList levels;
    for (const AnswerLevel& level : set.levels) {
      TemplateData l;
      l.set("code", level.code);
      l.set("value", LocalizeNumber(PlainNumber(level.value), call.lang));
      SetText(l, "label", level.label, call.lang);
      levels.push_back(std::move(l));
    }
    d.set("levels", std::move(levels));
    SetText(d, "dont_know", set.dont_know, call.lang);
    SetText(d, "not_applicable", set.not_applicable, call.lang);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Response WebApp::Impl::InstrumentsPage(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kViewInstrument)) return *refused;
  // The database's versions (drafts included, as the channel left them), then bundled ones it
  // does not hold (a database that was never synced).
  auto stored = deps_.store.ListInstrumentVersions();
  if (!stored) return Fail(call, stored.error());
  TemplateList rows;
  TemplateList released;
  std::set<std::pair<std::string, std::string>> listed;
  for (const StoredInstrumentVersion& v : stored.value()) {
    auto loaded = LoadVersion(call, v.instrument_id, v.version);
    if (auto* failed = std::get_if<Response>(&loaded)) return *failed;
    rows.push_back(VersionRow(call, *std::get<VersionView>(loaded).instrument, v.status));
    listed.insert({v.instrument_id, v.version});
    if (v.status == "released") {
      TemplateData choice;
      choice.set("value", v.instrument_id + "/" + v.version);
      choice.set("name", v.instrument_id + " " + v.version);
      released.push_back(std::move(choice));
    }
  }
  for (const Instrument* in : deps_.instruments.All()) {
    if (!listed.count({in->id, in->version})) rows.push_back(VersionRow(call, *in, in->status));
  }
  TemplateData data;
  data.set("instruments", std::move(rows));
  data.set("can_start", Allowed(call.principal, Action::kDecide) && !released.empty());
  data.set("released", std::move(released));
  return Page(call, "instruments", call.Tr("Instruments"), std::move(data));
}

Response WebApp::Impl::InstrumentPage(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kViewInstrument)) return *refused;
  auto loaded = LoadVersion(call, call.params["id"], call.params["version"]);
  if (auto* failed = std::get_if<Response>(&loaded)) return *failed;
  const VersionView& view = std::get<VersionView>(loaded);
  const Instrument* in = view.instrument;
  bool computed = false;
  const auto cached = ItemStatisticsOf(*in, &computed);
  if (!cached) {
    return Fail(call,
                Error::Of(ErrorCode::kUnavailable, "", METER_N("the answers cannot be read now")));
  }
  const ItemStatistics& stats = *cached;
  // Statement-level figures of one or two countries would show a coordinator more of another
  // country's answers than its published scores do: below kItemStatisticsMinRounds rounds only the
  // secretariat and the experts, who improve the instrument, see them.
  const bool shown = stats.rounds >= kItemStatisticsMinRounds ||
                     call.principal.role == Role::kAdmin || call.principal.role == Role::kExpert;

  TemplateData data;
  SetText(data, "title", in->title, call.lang);
  data.set("id", in->id);
  data.set("version", in->version);
  data.set("status", StatusName(call, view.stored.status));
  data.set("draft_translation", in->IsDraftTranslation(call.lang));
  AddChannelData(call, view, data);
  data.set("summary",
           Substitute(call.Tr("Statistics from the published rounds that used this version. "
                              "Published rounds: {1}. Respondents: {2}."),
                      {std::to_string(stats.rounds), std::to_string(stats.respondents)}));
  data.set("no_rounds", stats.rounds == 0);
  data.set("withheld", !shown && stats.rounds > 0);
  data.set("withheld_note",
           Substitute(call.TrN("Statement figures are shown to coordinators once at least {1} "
                               "published round used this version.",
                               "Statement figures are shown to coordinators once at least {1} "
                               "published rounds used this version.",
                               static_cast<long>(kItemStatisticsMinRounds)),
                      {std::to_string(kItemStatisticsMinRounds)}));
  size_t flagged = 0;
  for (const StatementStatistics& s : stats.statements)
    flagged += s.flags.empty() || !shown ? 0 : 1;
  data.set("flagged_count",
           Substitute(call.TrN("{1} statement is flagged.", "{1} statements are flagged.",
                               static_cast<long>(flagged)),
                      {std::to_string(flagged)}));
  const ProposalLinks proposals = ProposalsByStatement(call, view.stored);
  TemplateList pillars;
  for (size_t p = 0; p < in->pillars.size(); ++p) {
    const Pillar& pillar = in->pillars[p];
    const PillarStatistics& ps = stats.pillars[p];
    TemplateData d;
    d.set("id", pillar.id);
    SetText(d, "name", pillar.name, call.lang);
    SetText(d, "overview", pillar.overview, call.lang);
    d.set("weight", PlainNumber(pillar.weight));
    d.set("alpha", Fixed(shown ? ps.alpha : std::nullopt, 3, call.lang));
    d.set("complete", shown ? std::to_string(ps.complete) : "—");
    TemplateList subareas;
    for (const SubArea& sub : pillar.subareas)
      subareas.push_back(SubAreaData(call, *in, sub, stats, shown, proposals));
    d.set("subareas", std::move(subareas));
    pillars.push_back(std::move(d));
  }
  data.set("pillars", std::move(pillars));
  data.set("answer_sets", AnswerSetsData(call, *in));
  Response page =
      Page(call, "instrument", Substitute(call.Tr("Instrument {1} {2}"), {in->id, in->version}),
           std::move(data));
  return MarkScores(page, computed);
}

}  // namespace meter
