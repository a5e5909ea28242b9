// The Way Forward of a round: what to measure first, then the priority sub-areas in three phases,
// each with the instrument's recommended actions for its band, its weakest statements, what the
// respondents wrote there, and the lessons and case studies that match it.
#include <algorithm>
#include <cstdio>

#include "core/way_forward.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

const char* PhaseName(int phase) {
  switch (phase) {
    case 1:
      return METER_N("Phase 1: the first 6 months");
    case 2:
      return METER_N("Phase 2: months 6 to 18");
    default:
      return METER_N("Phase 3: months 18 to 36");
  }
}

}  // namespace

Response WebApp::Impl::WayForwardPage(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto scored = ScoreRound(round);
  if (!scored) return DataUnavailable(call);
  const Instrument& in = *scored->data.instrument;
  std::map<std::string, const UnitScore*> units;
  for (const UnitScore& u : scored->report.units) units[u.id] = &u;
  const WayForwardPlan plan = PlanWayForward(in, scored->report, {});

  TemplateData data;
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  TemplateList measure;
  for (const WayForwardItem& item : plan.measure_first) {
    const SubArea* s = in.FindSubArea(item.subarea);
    TemplateData row;
    row.set("id", item.subarea);
    row.set("name", s->name.Get(call.lang));
    row.set("dk_rate", PercentOf(item.dk_rate));
    row.set("coverage", PercentOf(units.at(item.subarea)->coverage));
    measure.push_back(std::move(row));
  }
  data.set("has_measure_first", !measure.empty());
  data.set("measure_first", std::move(measure));

  TemplateList phases;
  for (int phase = 1; phase <= kPhaseCount; ++phase) {
    TemplateList items;
    for (const WayForwardItem& item : plan.priorities) {
      if (item.phase != phase) continue;
      const SubArea* s = in.FindSubArea(item.subarea);
      TemplateData row;
      row.set("id", item.subarea);
      row.set("name", s->name.Get(call.lang));
      row.set("score", OneDecimal(*item.score));
      row.set("band", call.Tr(BandName(*item.band)));
      row.set("band_key", std::string(BandKey(*item.band)));
      row.set("priority", OneDecimal(item.priority));
      std::string after;
      for (const std::string& p : item.after) after += (after.empty() ? "" : ", ") + p;
      row.set("after", after);
      TemplateList actions;
      for (const LocalizedText& a : s->actions[static_cast<int>(*item.band)]) {
        TemplateData action;
        action.set("text", a.Get(call.lang));
        actions.push_back(std::move(action));
      }
      row.set("actions", std::move(actions));
      // The three weakest statements with a score.
      std::vector<const UnitScore*> statements;
      for (const Statement& st : s->statements) {
        if (units.at(st.id)->score) statements.push_back(units.at(st.id));
      }
      std::sort(statements.begin(), statements.end(),
                [](auto* a, auto* b) { return *a->score < *b->score; });
      TemplateList weakest;
      for (size_t i = 0; i < statements.size() && i < 3; ++i) {
        TemplateData w;
        w.set("id", statements[i]->id);
        w.set("text",
              in.statements()[in.StatementIndex(statements[i]->id)].statement->text.Get(call.lang));
        w.set("score", OneDecimal(*statements[i]->score));
        weakest.push_back(std::move(w));
      }
      row.set("weakest", std::move(weakest));
      TemplateList comments;
      for (const StoredAnswer& a : scored->data.answers) {
        if (a.comment.empty() || a.statement.rfind(item.subarea + ".", 0) != 0 ||
            comments.size() >= 5)
          continue;
        TemplateData c;
        c.set("statement", a.statement);
        c.set("text", a.comment);
        comments.push_back(std::move(c));
      }
      row.set("has_comments", !comments.empty());
      row.set("comments", std::move(comments));
      TemplateList knowledge;
      for (const KnowledgeEntry* e : deps_.knowledge.ForSubArea(item.subarea)) {
        TemplateData k;
        k.set("slug", e->slug);
        k.set("title", e->title);
        k.set("kind", call.Tr(KnowledgeKindName(*e)));
        k.set("summary", e->summary);
        knowledge.push_back(std::move(k));
      }
      row.set("has_knowledge", !knowledge.empty());
      row.set("knowledge", std::move(knowledge));
      items.push_back(std::move(row));
    }
    if (items.empty()) continue;
    TemplateData p;
    p.set("name", call.Tr(PhaseName(phase)));
    p.set("items", std::move(items));
    phases.push_back(std::move(p));
  }
  data.set("has_phases", !phases.empty());
  data.set("phases", std::move(phases));
  return Page(call, "way_forward", call.Tr("Way Forward") + std::string(" — ") + round.title, data);
}

}  // namespace meter
