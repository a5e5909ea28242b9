// The knowledge base, public: lessons learned and case studies from the store, browsed by kind,
// pillar, sub-area and country or searched by words of any of their languages (ranked, best
// first), and each entry with its Markdown body (rendered by cmark in safe mode) and its sources.
// Titles and summaries are in the reader's language where the entry has them; the body is in its
// original language, and the page says so when that is not the reader's.
#include <set>

#include "web/page_text.h"
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

// "This entry's full text is in English.", for a body in `lang`: one whole sentence per language,
// so that each translation can put the language's name in the form its grammar needs.
const char* FullTextNote(const std::string& lang) {
  if (lang == "ar") return METER_N("This entry's full text is in Arabic.");
  if (lang == "zh") return METER_N("This entry's full text is in Chinese.");
  if (lang == "fr") return METER_N("This entry's full text is in French.");
  if (lang == "ru") return METER_N("This entry's full text is in Russian.");
  if (lang == "es") return METER_N("This entry's full text is in Spanish.");
  return METER_N("This entry's full text is in English.");
}

// The note when the body is not in the reader's language, else "".
std::string FullTextNoteFor(const Call& call, const KnowledgeTexts& entry) {
  return entry.language == call.lang ? "" : call.Tr(FullTextNote(entry.language));
}

// The title and summary of `entry` for the reader, into `data`, with their language when it is
// not the page's.
void SetTexts(const Call& call, const KnowledgeTexts& entry, TemplateData& data) {
  const std::string shown = entry.ShownLanguage(call.lang);
  data.set("title", entry.Title(call.lang));
  data.set("summary", entry.Summary(call.lang));
  data.set("text_other", shown != call.lang);
  data.set("text_lang", shown);
  data.set("text_dir", TextDirection(shown));
}

}  // namespace

TemplateData KnowledgeItemData(const Call& call, const KnowledgeSummary& entry) {
  TemplateData k;
  k.set("slug", entry.slug);
  k.set("kind", call.Tr(KnowledgeKindName(entry.kind)));
  SetTexts(call, entry, k);
  return k;
}

Response WebApp::Impl::KnowledgeList(Call& call) {
  KnowledgeFilter filter;
  filter.kind = FormValue(call.query, "kind");
  filter.pillar = FormValue(call.query, "pillar");
  filter.subarea = FormValue(call.query, "subarea");
  filter.country = FormValue(call.query, "country");
  const std::string q = FormValue(call.query, "q");
  // Issue 13: the region (an M49 code) is filtered here rather than by the store, so every
  // search result of the region is found before the list is cut to kSearchResults.
  const std::string region = FormValue(call.query, "region");
  const bool filtered = !(filter.kind.empty() && filter.pillar.empty() && filter.subarea.empty() &&
                          filter.country.empty());
  auto all = deps_.store.ListKnowledge({});
  if (!all) return Fail(call, all.error());
  const size_t limit = region.empty() ? kSearchResults : all.value().size() + 1;
  auto found = !q.empty() ? deps_.store.SearchKnowledge(KnowledgeSearchTerms(q), filter, limit)
               : filtered ? deps_.store.ListKnowledge(filter)
                          : all;
  if (!found) return Fail(call, found.error());
  std::vector<KnowledgeSummary> shown = std::move(found).value();
  if (!region.empty()) {
    std::erase_if(shown, [&](const KnowledgeSummary& e) { return !InRegion(e, region); });
    if (shown.size() > kSearchResults && !q.empty()) shown.resize(kSearchResults);
  }
  call.canonical = KnowledgeListPath(filter, region);
  TemplateData data = KnowledgeListData(call, std::move(shown), all.value(), filter, q);
  AddRegionFilter(call, region, data);
  return Page(call, "knowledge_list", call.Tr("Lessons learned and case studies"), std::move(data));
}

bool WebApp::Impl::InRegion(const KnowledgeSummary& e, const std::string& m49) const {
  // The country's region decides; an entry without a country is in the region it names.
  if (const Country* c = deps_.countries.Find(e.country))
    return deps_.countries.RegionCode(c->region) == m49;
  return !e.region.empty() && deps_.countries.RegionCode(e.region) == m49;
}

std::string WebApp::Impl::KnowledgeListPath(const KnowledgeFilter& filter,
                                            const std::string& region) {
  std::string query;
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"kind", filter.kind},
                                    {"pillar", filter.pillar},
                                    {"subarea", filter.subarea},
                                    {"country", filter.country},
                                    {"region", region}}) {
    if (!value.empty())
      query += (query.empty() ? "?" : "&") + std::string(name) + "=" + UrlEncode(value);
  }
  return "/knowledge" + query;
}

void WebApp::Impl::AddRegionFilter(const Call& call, const std::string& region,
                                   TemplateData& data) const {
  std::vector<std::pair<std::string, std::string>> regions;
  std::string name;
  for (const CountryList::Region& r : deps_.countries.Regions()) {
    regions.emplace_back(r.code, deps_.countries.RegionName(r.name, call.lang));
    if (r.code == region) name = regions.back().second;
  }
  data.set("region_options", Options(regions, region));
  data.set("region_code", name.empty() ? "" : region);
  data.set("region", name);
  if (!region.empty()) {
    data.set("filtered", true);
    data.set("filter_set", true);
  }
}

TemplateData WebApp::Impl::KnowledgeListData(const Call& call, std::vector<KnowledgeSummary> found,
                                             const std::vector<KnowledgeSummary>& all,
                                             const KnowledgeFilter& filter, const std::string& q) {
  const bool filtered = !(filter.kind.empty() && filter.pillar.empty() && filter.subarea.empty() &&
                          filter.country.empty());
  // Search results stay best first; a list is by title as this reader sees it.
  if (q.empty()) SortKnowledgeByTitle(found, call.lang);
  TemplateData data;
  TemplateList rows;
  for (const KnowledgeSummary& e : found) {
    TemplateData row = KnowledgeItemData(call, e);
    const Country* c = deps_.countries.Find(e.country);
    row.set("country", c ? c->names.Get(call.lang) : "");
    row.set("subareas", Joined(e.subareas));
    row.set("full_text_note", FullTextNoteFor(call, e));
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
    link.set("name", p.name.Get(call.lang));  // a letter alone tells a reader nothing
    link.set("current", filter.pillar == p.id);
    pillar_links.push_back(std::move(link));
  }
  std::set<std::string> with_entries;
  for (const KnowledgeSummary& e : all) with_entries.insert(e.country);
  for (const Country& c : deps_.countries.all()) {
    if (with_entries.count(c.iso3)) countries.emplace_back(c.iso3, c.names.Get(call.lang));
  }
  data.set("pillars", std::move(pillar_links));
  data.set("kind_options", Options(kinds, filter.kind));
  data.set("pillar_options", Options(pillars, filter.pillar));
  data.set("subarea_options", Options(subareas, filter.subarea));
  data.set("country_options", Options(countries, filter.country));
  return data;
}

Response WebApp::Impl::KnowledgeEntryPage(Call& call) {
  auto stored = deps_.store.GetKnowledge(call.params["slug"]);
  if (!stored) {
    if (stored.error().code == ErrorCode::kNotFound)
      return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
    return Fail(call, stored.error());
  }
  // An entry not approved yet is no page for the public, coordinators and respondents.
  if (!MayReadKnowledge(call, stored.value())) {
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
  }
  call.canonical = "/knowledge/" + stored.value().entry.slug;
  KnowledgeReviewEcho echo;
  echo.notice = KnowledgeReviewNotice(call, TakeFlash(call));
  return RenderKnowledgeEntry(call, stored.value(), echo, 200);
}

TemplateData WebApp::Impl::KnowledgeEntryData(const Call& call, const KnowledgeEntry& e) {
  TemplateData data;
  data.set("slug", e.slug);
  SetTexts(call, e, data);
  data.set("kind", call.Tr(KnowledgeKindName(e)));
  const Country* c = deps_.countries.Find(e.country);
  data.set("country", c ? c->names.Get(call.lang) : "");
  data.set("country_iso3", c ? c->iso3 : "");
  // Issue 13: the country's region, or the one the entry names, links to its public page.
  const std::string region = c ? c->region : e.region;
  data.set("region", deps_.countries.RegionName(region, call.lang));
  data.set("region_code", deps_.countries.RegionCode(region));
  data.set("year", e.year ? std::to_string(*e.year) : "");
  data.set("pillars", Joined(e.pillars));
  data.set("subareas", Joined(e.subareas));
  data.set("full_text_note", FullTextNoteFor(call, e));
  data.set("body_lang", e.language);
  data.set("body_dir", TextDirection(e.language));
  data.set("body", deps_.renderers.markdown(e.body_markdown));
  // The other languages the entry has a title and summary in, each named in itself: a link
  // switches the whole page to it.
  TemplateList languages;
  for (const std::string& lang : kUnLanguages) {
    if (lang == call.lang || !e.titles.count(lang)) continue;
    TemplateData l = LanguageItem(lang);
    l.set("next", UrlEncode("/knowledge/" + e.slug));
    languages.push_back(std::move(l));
  }
  data.set("has_languages", !languages.empty());
  data.set("languages", std::move(languages));
  TemplateList sources;
  for (const KnowledgeSource& s : e.sources) {
    TemplateData src;
    src.set("title", s.title.empty() ? s.publication : s.title);
    src.set("publication", s.title.empty() ? "" : s.publication);
    src.set("url", s.url);
    sources.push_back(std::move(src));
  }
  data.set("sources", std::move(sources));
  return data;
}

}  // namespace meter
