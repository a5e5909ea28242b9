// The knowledge base, public: lessons learned and case studies from the store, browsed by kind,
// pillar, sub-area and country or searched by words (ranked, best first), and each entry with its
// Markdown body (rendered by cmark in safe mode) and its sources.
#include <set>

#include "web/web_app_impl.h"

namespace meter {
namespace {

constexpr size_t kSearchResults = 50;

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// Options of a filter's <select>: "" (all) first, then `values` with their labels.
TemplateList Options(const std::vector<std::pair<std::string, std::string>>& values,
                     const std::string& selected) {
  TemplateList out;
  for (const auto& [value, label] : values) {
    TemplateData o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", value == selected);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Response WebApp::Impl::KnowledgeList(Call& call) {
  KnowledgeFilter filter;
  filter.kind = FormValue(call.query, "kind");
  filter.pillar = FormValue(call.query, "pillar");
  filter.subarea = FormValue(call.query, "subarea");
  filter.country = FormValue(call.query, "country");
  const std::string q = FormValue(call.query, "q");
  const bool filtered = !(filter.kind.empty() && filter.pillar.empty() && filter.subarea.empty() &&
                          filter.country.empty());
  auto all = deps_.store.ListKnowledge({});
  if (!all) return Fail(call, all.error());
  auto found = !q.empty()
                   ? deps_.store.SearchKnowledge(KnowledgeSearchTerms(q), filter, kSearchResults)
               : filtered ? deps_.store.ListKnowledge(filter)
                          : all;
  if (!found) return Fail(call, found.error());

  TemplateData data;
  TemplateList rows;
  for (const KnowledgeSummary& e : found.value()) {
    TemplateData row;
    row.set("slug", e.slug);
    row.set("title", e.title);
    row.set("summary", e.summary);
    row.set("kind", call.Tr(KnowledgeKindName(e.kind)));
    const Country* c = deps_.countries.Find(e.country);
    row.set("country", c ? c->names.Get(call.lang) : "");
    row.set("subareas", Joined(e.subareas));
    rows.push_back(std::move(row));
  }
  const long count = static_cast<long>(rows.size());
  data.set("count", Substitute(q.empty() ? call.TrN("{1} entry", "{1} entries", count)
                                         : call.TrN("{1} result, best first",
                                                    "{1} results, best first", count),
                               {std::to_string(count)}));
  data.set("has_entries", !rows.empty());
  data.set("entries", std::move(rows));
  data.set("filtered", filtered || !q.empty());
  data.set("filter_set", filtered);
  data.set("q", q);
  data.set("can_edit", Allowed(call.principal, Action::kEditKnowledge));

  const Instrument* in = KnowledgeInstrument(deps_.instruments);
  std::vector<std::pair<std::string, std::string>> kinds = {{"case", call.Tr("Case studies")},
                                                            {"lesson", call.Tr("Lessons learned")}};
  std::vector<std::pair<std::string, std::string>> pillars, subareas, countries;
  TemplateList pillar_links;
  for (const Pillar& p : in->pillars) {
    pillars.emplace_back(p.id, p.id + " " + p.name.Get(call.lang));
    for (const SubArea& s : p.subareas)
      subareas.emplace_back(s.id, s.id + " " + s.name.Get(call.lang));
    TemplateData link;
    link.set("id", p.id);
    link.set("current", filter.pillar == p.id);
    pillar_links.push_back(std::move(link));
  }
  std::set<std::string> with_entries;
  for (const KnowledgeSummary& e : all.value()) with_entries.insert(e.country);
  for (const Country& c : deps_.countries.all()) {
    if (with_entries.count(c.iso3)) countries.emplace_back(c.iso3, c.names.Get(call.lang));
  }
  data.set("pillars", std::move(pillar_links));
  data.set("kind_options", Options(kinds, filter.kind));
  data.set("pillar_options", Options(pillars, filter.pillar));
  data.set("subarea_options", Options(subareas, filter.subarea));
  data.set("country_options", Options(countries, filter.country));
  return Page(call, "knowledge_list", call.Tr("Lessons learned and case studies"), data);
}

Response WebApp::Impl::KnowledgeEntryPage(Call& call) {
  auto stored = deps_.store.GetKnowledge(call.params["slug"]);
  if (!stored) {
    if (stored.error().code == ErrorCode::kNotFound)
      return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
    return Fail(call, stored.error());
  }
  const KnowledgeEntry& e = stored.value().entry;
  TemplateData data;
  data.set("slug", e.slug);
  data.set("title", e.title);
  data.set("kind", call.Tr(KnowledgeKindName(e)));
  const Country* c = deps_.countries.Find(e.country);
  data.set("country", c ? c->names.Get(call.lang) : "");
  data.set("region", deps_.countries.RegionName(e.region, call.lang));
  data.set("year", e.year ? std::to_string(*e.year) : "");
  data.set("pillars", Joined(e.pillars));
  data.set("subareas", Joined(e.subareas));
  data.set("summary", e.summary);
  data.set("body", deps_.renderers.markdown(e.body_markdown));
  data.set("can_edit", Allowed(call.principal, Action::kEditKnowledge));
  TemplateList sources;
  for (const KnowledgeSource& s : e.sources) {
    TemplateData src;
    src.set("title", s.title.empty() ? s.publication : s.title);
    src.set("publication", s.title.empty() ? "" : s.publication);
    src.set("url", s.url);
    sources.push_back(std::move(src));
  }
  data.set("sources", std::move(sources));
  return Page(call, "knowledge_entry", e.title, data);
}

}  // namespace meter
