// The knowledge base, public: lessons learned and case studies, browsed by kind, pillar, sub-area
// and country, and each entry with its Markdown body (rendered safely) and its sources.
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

Response WebApp::Impl::KnowledgeList(Call& call) {
  const std::string kind = FormValue(call.query, "kind");
  const std::string pillar = FormValue(call.query, "pillar");
  const std::string subarea = FormValue(call.query, "subarea");
  const std::string country = FormValue(call.query, "country");
  TemplateData data;
  TemplateList rows;
  for (const KnowledgeEntry* e : deps_.knowledge.Filter(kind, pillar, subarea, country)) {
    TemplateData row;
    row.set("slug", e->slug);
    row.set("title", e->title);
    row.set("summary", e->summary);
    row.set("kind", call.Tr(KnowledgeKindName(*e)));
    const Country* c = deps_.countries.Find(e->country);
    row.set("country", c ? c->name : "");
    row.set("subareas", Joined(e->subareas));
    rows.push_back(std::move(row));
  }
  data.set("count", std::to_string(rows.size()));
  data.set("has_entries", !rows.empty());
  data.set("entries", std::move(rows));
  data.set("filtered", !(kind.empty() && pillar.empty() && subarea.empty() && country.empty()));
  TemplateList pillars;
  for (const char* id : {"C", "L", "P", "O", "T", "M"}) {
    TemplateData p;
    p.set("id", id);
    p.set("current", pillar == id);
    pillars.push_back(std::move(p));
  }
  data.set("pillars", std::move(pillars));
  return Page(call, "knowledge_list", call.Tr("Lessons learned and case studies"), data);
}

Response WebApp::Impl::KnowledgeEntryPage(Call& call) {
  const KnowledgeEntry* e = deps_.knowledge.Find(call.params["slug"]);
  if (!e) return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
  TemplateData data;
  data.set("title", e->title);
  data.set("kind", call.Tr(KnowledgeKindName(*e)));
  const Country* c = deps_.countries.Find(e->country);
  data.set("country", c ? c->name : "");
  data.set("region", e->region);
  data.set("year", e->year ? std::to_string(*e->year) : "");
  data.set("pillars", Joined(e->pillars));
  data.set("subareas", Joined(e->subareas));
  data.set("summary", e->summary);
  data.set("body", deps_.renderers.markdown(e->body_markdown));
  TemplateList sources;
  for (const KnowledgeSource& s : e->sources) {
    TemplateData src;
    src.set("title", s.title.empty() ? s.publication : s.title);
    src.set("publication", s.title.empty() ? "" : s.publication);
    src.set("url", s.url);
    sources.push_back(std::move(src));
  }
  data.set("sources", std::move(sources));
  return Page(call, "knowledge_entry", e->title, data);
}

}  // namespace meter
