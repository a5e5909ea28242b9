// The Way Forward of a round: the coordinator's targets per pillar, what to measure first, then the
// roadmap of priority sub-areas in three phases, each with the instrument's recommended actions
// for its band, its weakest statements, what the respondents wrote there, and the lessons and case
// studies that match it. Coordinators set targets and move, assign and date roadmap items here.
#include <algorithm>
#include <cmath>

#include "core/benchmarks.h"
#include "core/text.h"
#include "i18n/i18n.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string TargetText(const std::map<std::string, double>& targets, const std::string& pillar) {
  auto it = targets.find(pillar);
  return it == targets.end() ? "" : OneDecimal(it->second);
}

// The three weakest statements of `sub` that have a score.
TemplateList WeakestStatements(const RoundDossier& d, const SubArea& sub, const std::string& lang) {
  std::vector<const UnitScore*> scored;
  for (const Statement& st : sub.statements) {
    const UnitScore* u = d.Unit(st.id);
    if (u && u->score) scored.push_back(u);
  }
  std::sort(scored.begin(), scored.end(), [](auto* a, auto* b) { return *a->score < *b->score; });
  TemplateList out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) {
    const Instrument& in = *d.instrument;
    TemplateData w;
    w.set("id", scored[i]->id);
    SetText(w, "text", in.statements()[in.StatementIndex(scored[i]->id)].statement->text, lang);
    w.set("score", OneDecimal(*scored[i]->score, lang));
    out.push_back(std::move(w));
  }
  return out;
}

// Up to five comments respondents left on the statements of `subarea`.
TemplateList CommentsOn(const RoundDossier& d, const std::string& subarea) {
  TemplateList out;
  for (const StoredAnswer& a : d.answers) {
    if (a.comment.empty() || a.statement.rfind(subarea + ".", 0) != 0) continue;
    TemplateData c;
    c.set("statement", a.statement);
    c.set("text", a.comment);
    out.push_back(std::move(c));
    if (out.size() == 5) break;
  }
  return out;
}

TemplateList PhaseChoices(const Call& call, int selected) {
  TemplateList out;
  for (int phase = 1; phase <= kPhaseCount; ++phase) {
    TemplateData o;
    o.set("value", std::to_string(phase));
    o.set("name", call.Tr(PhaseName(phase)));
    o.set("selected", phase == selected);
    out.push_back(std::move(o));
  }
  return out;
}

// The roadmap item's form as the coordinator typed it, with each problem beside its field.
void EchoRoadmapForm(const Call& call, const WebApp::Impl::FormEcho& echo, TemplateData& item) {
  const auto phase = ParseDecimal(FormValue(echo.typed, "phase"));
  if (phase && *phase >= 1 && *phase <= kPhaseCount) {
    item.set("phase_choices", PhaseChoices(call, static_cast<int>(*phase)));
  }
  item.set("form_owner", FormValue(echo.typed, "owner"));
  item.set("form_due", FormValue(echo.typed, "due"));
  for (const char* field : {"phase", "owner", "due"}) {
    auto error = echo.errors.find(field);
    if (error != echo.errors.end()) item.set(std::string(field) + "_error", error->second);
  }
  item.set("refused", true);
  item.set("saved_some", echo.saved_some);
}

// Saves the fields of a refused roadmap edit that have no problem, with the phase in force kept;
// true when that changed what is stored.
bool SaveValidPart(Store& store, const Round& round, const RoundDossier& d,
                   const RoadmapEdit& typed, const std::vector<Problem>& problems,
                   const std::string& actor) {
  RoadmapEdit kept{typed.subarea, 0, "", ""};
  for (const RoadmapEdit& e : d.edits) {
    if (e.subarea == typed.subarea) kept = e;
  }
  const RoadmapEdit before = kept;
  auto refused = [&](const char* field) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const Problem& p) { return p.where == field; });
  };
  if (!refused("owner")) kept.owner = typed.owner;
  if (!refused("due")) kept.due = typed.due;
  if (kept.owner == before.owner && kept.due == before.due) return false;
  if (!CheckRoadmapEdit(d.plan, d.edits, kept)) return false;
  return static_cast<bool>(store.SaveRoadmapEdit(round.id, kept, actor));
}

}  // namespace

TemplateList WebApp::Impl::KnowledgeFor(const Call& call, const RoundDossier& dossier,
                                        const std::string& subarea) {
  TemplateList out;
  for (const KnowledgeSummary& e : KnowledgeAbout(dossier.knowledge, subarea, call.lang))
    out.push_back(KnowledgeItemData(call, e));
  return out;
}

TemplateList WebApp::Impl::CasesOf(const std::string& country, const std::string& subarea,
                                   const std::string& lang) {
  TemplateList out;
  auto cases = deps_.store.ListKnowledge({"case", "", "", country});
  if (!cases) return out;  // the peers still help without them; the store logged the cause
  std::vector<KnowledgeSummary> list = std::move(cases).value();
  SortKnowledgeByTitle(list, lang);
  // The country's cases in this sub-area first.
  std::stable_partition(list.begin(), list.end(), [&](const KnowledgeSummary& e) {
    return std::find(e.subareas.begin(), e.subareas.end(), subarea) != e.subareas.end();
  });
  for (size_t i = 0; i < list.size() && i < 3; ++i) {
    const std::string shown = list[i].ShownLanguage(lang);
    TemplateData k;
    k.set("slug", list[i].slug);
    k.set("title", list[i].Title(lang));
    k.set("text_other", shown != lang);
    k.set("text_lang", shown);
    k.set("text_dir", TextDirection(shown));
    out.push_back(std::move(k));
  }
  return out;
}

TemplateList WebApp::Impl::PeersFor(const Call& call, const PublishedProfile& own,
                                    const std::string& subarea,
                                    const std::vector<PublishedProfile>& published) {
  TemplateList out;
  for (const Peer& peer : meter::PeersFor(own, subarea, published)) {
    const Round& r = peer.profile->round;
    const Country* country = deps_.countries.Find(r.country);
    TemplateData p;
    p.set("country", country ? country->names.Get(call.lang) : r.country);
    p.set("iso3", r.country);
    p.set("year", std::to_string(r.year));
    p.set("score", OneDecimal(peer.subarea_score, call.lang));
    p.set("cases", CasesOf(r.country, subarea, call.lang));
    out.push_back(std::move(p));
  }
  return out;
}

TemplateData WebApp::Impl::RoadmapItemData(const Call& call, const RoundDossier& d,
                                           const RoadmapItem& r, const PeerContext& peers) {
  const Instrument& in = *d.instrument;
  const SubArea* s = in.FindSubArea(r.item.subarea);
  TemplateData row;
  row.set("id", r.item.subarea);
  SetText(row, "name", s->name, call.lang);
  row.set("score", OneDecimal(*r.item.score, call.lang));
  row.set("target", OneDecimal(r.item.target, call.lang));
  row.set("band", call.Tr(BandName(*r.item.band)));
  row.set("band_key", std::string(BandKey(*r.item.band)));
  row.set("priority", OneDecimal(r.item.priority, call.lang));
  row.set("reason", Render(r.item.reason, TranslatorFor(call.locale), call.lang));
  row.set("owner", r.owner);
  row.set("due", r.due);
  row.set("form_owner", r.owner);
  row.set("form_due", r.due);
  row.set("moved", r.moved());
  row.set("planned_phase", call.Tr(PhaseName(r.item.phase)));
  row.set("phase_choices", PhaseChoices(call, r.phase));
  std::string after;
  for (const std::string& p : r.item.after) after += (after.empty() ? "" : ", ") + p;
  row.set("after", after);
  TemplateList actions;
  for (const LocalizedText& a : s->actions[static_cast<int>(*r.item.band)]) {
    TemplateData action;
    SetText(action, "text", a, call.lang);
    actions.push_back(std::move(action));
  }
  row.set("actions", std::move(actions));
  row.set("weakest", WeakestStatements(d, *s, call.lang));
  TemplateList comments = CommentsOn(d, r.item.subarea);
  row.set("has_comments", !comments.empty());
  row.set("comments", std::move(comments));
  TemplateList knowledge = KnowledgeFor(call, d, r.item.subarea);
  row.set("has_knowledge", !knowledge.empty());
  row.set("knowledge", std::move(knowledge));
  TemplateList similar = PeersFor(call, peers.own, r.item.subarea, peers.published);
  row.set("has_peers", !similar.empty());
  row.set("peers", std::move(similar));
  return row;
}

// Rendered once per version, language, role and whether the caller may manage the round (its
// forms), like the results page; a refused form's page is rendered for its request alone.
Response WebApp::Impl::WayForwardPage(Call& call) {
  auto loaded = LoadRoundWithVersions(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<RoundWithVersions>(loaded).round;
  const CacheVersions* versions = &std::get<RoundWithVersions>(loaded).versions;
  const bool manages = Allowed(call.principal, Action::kManageRound, round.country);
  const std::string key = "way-forward/" + std::to_string(round.id) + (manages ? "/manage" : "");
  bool scored = false;
  const auto frame = CachedPage(call, key, *versions, [&]() -> std::optional<Frame> {
    const auto dossier = DossierAt(round.id, *versions, &scored);
    const auto published = PublishedRoundsAt(versions->published);
    if (!dossier || !published) return std::nullopt;
    return WayForwardFrame(call, *dossier, *published, "", {});
  });
  if (!frame) return DataUnavailable(call);
  Response page = Response::Html(frame->Fill(LayoutValues(call)));
  return MarkScores(page, scored);
}

Response WebApp::Impl::RenderWayForward(const Call& call, const Round& round,
                                        const std::string& form, const FormEcho& echo, int status) {
  const auto versions = VersionsOf(round.id);
  if (!versions) return DataUnavailable(call);
  const auto dossier = DossierAt(round.id, *versions);
  const auto published = PublishedRoundsAt(versions->published);
  if (!dossier || !published) return DataUnavailable(call);
  return Response::Html(
      WayForwardFrame(call, *dossier, *published, form, echo).Fill(LayoutValues(call)), status);
}

// `form` names the refused form whose values `echo` brings back: "targets", or a roadmap item's
// sub-area.
Frame WebApp::Impl::WayForwardFrame(const Call& call, const RoundDossier& d,
                                    const std::vector<PublishedProfile>& published,
                                    const std::string& form, const FormEcho& echo) {
  const Round& round = d.round;
  const Instrument& in = *d.instrument;

  TemplateData data;
  data.set("id", std::to_string(round.id));
  data.set("round_id", std::to_string(round.id));
  data.set("title", round.title);
  data.set("provisional", ResultsAreProvisional(round.status));
  data.set("csrf", call.csrf);
  data.set("can_manage", Allowed(call.principal, Action::kManageRound, round.country));
  data.set("radar", deps_.renderers.radar_with_targets(in, d.report, call.locale, call.lang,
                                                       d.targets, nullptr, ""));
  data.set("radar_data", deps_.renderers.radar_data(in, d.report, call.locale, call.lang, d.targets,
                                                    nullptr, ""));

  const bool targets_echo = form == "targets";
  data.set("targets_refused", targets_echo);
  data.set("saved_some", echo.saved_some);
  TemplateList pillars;
  for (const Pillar& p : in.pillars) {
    TemplateData row;
    row.set("id", p.id);
    row.set("name", p.name.Get(call.lang));
    const UnitScore* u = d.Unit(p.id);
    row.set("score",
            u && u->score ? OneDecimal(*u->score, call.lang) : call.Tr("insufficient data"));
    const std::string field = "target:" + p.id;
    row.set("target", targets_echo ? FormValue(echo.typed, field) : TargetText(d.targets, p.id));
    auto error = targets_echo ? echo.errors.find(p.id) : echo.errors.end();
    row.set("error", error == echo.errors.end() ? "" : error->second);
    pillars.push_back(std::move(row));
  }
  data.set("pillars", std::move(pillars));

  TemplateList measure;
  for (const WayForwardItem& item : d.plan.measure_first) {
    TemplateData row;
    row.set("id", item.subarea);
    row.set("name", in.FindSubArea(item.subarea)->name.Get(call.lang));
    row.set("dk_rate", PercentOf(item.dk_rate, call.lang));
    row.set("coverage", PercentOf(d.Unit(item.subarea)->coverage, call.lang));
    measure.push_back(std::move(row));
  }
  data.set("has_measure_first", !measure.empty());
  data.set("measure_first", std::move(measure));

  const PeerContext peers{ProfileOf(round, d.report), published};
  TemplateList glance;
  for (const RoadmapItem& r : d.roadmap) {
    TemplateData row;
    row.set("phase", std::to_string(r.phase));
    row.set("id", r.item.subarea);
    row.set("name", in.FindSubArea(r.item.subarea)->name.Get(call.lang));
    row.set("score", OneDecimal(r.item.score, call.lang));
    row.set("target", OneDecimal(r.item.target, call.lang));
    row.set("priority", OneDecimal(r.item.priority, call.lang));
    row.set("owner", r.owner);
    row.set("due", r.due);
    glance.push_back(std::move(row));
  }
  data.set("glance", std::move(glance));
  TemplateList phases;
  for (int phase = 1; phase <= kPhaseCount; ++phase) {
    TemplateList items;
    for (const RoadmapItem& r : d.roadmap) {
      if (r.phase != phase) continue;
      TemplateData item = RoadmapItemData(call, d, r, peers);
      if (r.item.subarea == form) EchoRoadmapForm(call, echo, item);
      items.push_back(std::move(item));
    }
    if (items.empty()) continue;
    TemplateData p;
    p.set("name", call.Tr(PhaseName(phase)));
    p.set("items", std::move(items));
    phases.push_back(std::move(p));
  }
  data.set("has_phases", !phases.empty());
  data.set("phases", std::move(phases));
  return PageFrame(call, "way_forward", Substitute(call.Tr("Way Forward — {1}"), {round.title}),
                   std::move(data));
}

// Each pillar's target stands alone: the valid ones are saved, and the form comes back with what
// was typed and the message beside each refused one (whose stored target stays as it was).
Response WebApp::Impl::SetTargets(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const Instrument* in = InstrumentOf(round);
  if (!in) return DataUnavailable(call);
  auto stored = deps_.store.TargetsOf(round.id);
  if (!stored) return Fail(call, stored.error());
  std::map<std::string, double> targets;
  std::vector<Problem> problems;
  for (const Pillar& p : in->pillars) {
    const std::string text = FormValue(call.form, "target:" + p.id);
    if (text.empty()) continue;  // no target
    const auto value = ParseDecimal(text);
    auto checked = CheckTarget(*in, p.id, value.value_or(-1));
    if (!checked) {
      problems.insert(problems.end(), checked.error().problems.begin(),
                      checked.error().problems.end());
      if (auto old = stored.value().find(p.id); old != stored.value().end())
        targets[p.id] = old->second;
      continue;
    }
    targets[p.id] = *value;
  }
  const bool changed = targets != stored.value();
  if (changed) {
    auto saved = deps_.store.SetTargets(round.id, targets, call.principal.label);
    if (!saved) return Fail(call, saved.error());
  }
  const std::string page = "/rounds/" + std::to_string(round.id) + "/way-forward";
  if (problems.empty()) return Response::Redirect(page + "#targets");
  return RenderWayForward(call, round, "targets", {call.form, FieldErrors(call, problems), changed},
                          400);
}

// A refused edit keeps what can be kept: the fields without a problem (the owner and due date of a
// refused move, say) are saved, the item's phase stays as it was, and the form comes back as typed
// with the message beside the refused field.
Response WebApp::Impl::SaveRoadmapItem(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto dossier = DossierOf(round);
  if (!dossier) return DataUnavailable(call);
  RoadmapEdit edit;
  edit.subarea = call.params.at("subarea");
  const std::string phase = FormValue(call.form, "phase");
  const auto number = ParseDecimal(phase);
  // Range first: casting a double like 1e308 to int is undefined behaviour.
  const bool whole = number && std::fabs(*number) <= 1000 && *number == std::trunc(*number);
  edit.phase = phase.empty() ? 0 : whole ? static_cast<int>(*number) : -1;
  edit.owner = FormValue(call.form, "owner");
  edit.due = FormValue(call.form, "due");
  // The phase the plan proposes is stored as 0, so that a re-plan can still move the item.
  for (const RoadmapItem& r : dossier->roadmap) {
    if (r.item.subarea == edit.subarea && edit.phase == r.item.phase) edit.phase = 0;
  }
  const std::string page = "/rounds/" + std::to_string(round.id) + "/way-forward";
  auto checked = CheckRoadmapEdit(dossier->plan, dossier->edits, edit);
  if (checked) {
    auto saved = deps_.store.SaveRoadmapEdit(round.id, edit, call.principal.label);
    if (!saved) return Fail(call, saved.error());
    return Response::Redirect(page + "#item-" + edit.subarea);
  }
  const std::vector<Problem>& problems = checked.error().problems;
  const bool in_plan = std::none_of(problems.begin(), problems.end(),
                                    [](const Problem& p) { return p.where == "subarea"; });
  if (!in_plan) return Fail(call, checked.error());  // no form on the page edits this item
  const bool saved_some =
      SaveValidPart(deps_.store, round, *dossier, edit, problems, call.principal.label);
  return RenderWayForward(call, round, edit.subarea,
                          {call.form, FieldErrors(call, problems), saved_some},
                          HttpStatusFor(checked.error().code));
}

}  // namespace meter
