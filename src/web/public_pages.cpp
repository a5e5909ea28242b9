// The public pages UNPACS links to (issue 13), open to everyone: a page per member state
// (/countries/ARM, ISO 3166-1 alpha-3) with its published rounds (index, band, pillar scores and
// their trend) and its lessons and case studies; a page per UN M49 region (/regions/150) with its
// countries' published rounds, its benchmark and its entries; and the index of both (/countries).
//
// Only what coordinators chose to publish is shown: the scores stored when a round was published
// (ListPublished), never its answers, respondents or unpublished rounds. The knowledge entries are
// those ListKnowledge lists, which the review status makes approved-only.
#include <algorithm>
#include <tuple>

#include "core/search_text.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// A permanent redirect: the URL UNPACS keeps is the canonical one.
Response MovedTo(const std::string& path) {
  Response r = Response::Redirect(path);
  r.status = 301;
  return r;
}

Error NoSuchPage() { return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")); }

// The published rounds of `iso3`, oldest first (as PillarTrends orders them).
std::vector<const PublishedProfile*> ProfilesOf(const std::vector<PublishedProfile>& published,
                                                const std::string& iso3) {
  std::vector<const PublishedProfile*> out;
  for (const PublishedProfile& p : published) {
    if (p.round.published && p.round.country == iso3) out.push_back(&p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return std::tie(a->round.year, a->round.created_at, a->round.id) <
           std::tie(b->round.year, b->round.created_at, b->round.id);
  });
  return out;
}

// The index and band of a published round: "index", "band", "band_key".
void SetIndex(const Call& call, const PublishedProfile& p, TemplateData& data) {
  auto overall = p.scores.find("overall");
  const bool scored = overall != p.scores.end();
  data.set("index", scored ? OneDecimal(overall->second, call.lang) : call.Tr("insufficient data"));
  data.set("band", scored ? call.Tr(BandName(BandOf(overall->second))) : "");
  data.set("band_key", scored ? std::string(BandKey(BandOf(overall->second))) : "none");
}

// `entries` for a reader, case studies first, as the knowledge list shows them.
TemplateList EntryItems(const Call& call, std::vector<KnowledgeSummary> entries) {
  SortKnowledgeByTitle(entries, call.lang, /*cases_first=*/true);
  TemplateList out;
  for (const KnowledgeSummary& e : entries) out.push_back(KnowledgeItemData(call, e));
  return out;
}

}  // namespace

std::string WebApp::Impl::SiteUrl(const Call& call, const std::string& path) const {
  if (deps_.options.public_url.empty() && !deps_.options.site_url.empty()) {
    std::string base = deps_.options.site_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
  }
  return PublicUrl(call, path);
}

Result<WebApp::Impl::PublicContent> WebApp::Impl::LoadPublicContent() {
  // The published rounds from the cache at the current published version (web/score_cache.h).
  auto versions = deps_.store.CacheVersionsOf(0);
  if (!versions) return versions.error();
  const auto published = PublishedRoundsAt(versions.value().published);
  if (!published) {
    return Error::Of(ErrorCode::kUnavailable, "", METER_N("the answers cannot be read now"));
  }
  auto knowledge = deps_.store.ListKnowledge({});
  if (!knowledge) return knowledge.error();
  return PublicContent{*published, std::move(knowledge).value()};
}

Response WebApp::Impl::CountryPage(Call& call) {
  const std::string& asked = call.params["iso3"];
  std::string iso3 = asked;
  std::transform(iso3.begin(), iso3.end(), iso3.begin(),
                 [](unsigned char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });
  const Country* country = deps_.countries.Find(iso3);
  if (country == nullptr) return Fail(call, NoSuchPage());
  if (iso3 != asked) return MovedTo("/countries/" + iso3);
  auto content = LoadPublicContent();
  if (!content) return Fail(call, content.error());
  const PublicContent& c = content.value();
  TemplateData data;
  data.set("name", country->names.Get(call.lang));
  data.set("iso3", iso3);
  data.set("region", deps_.countries.RegionName(country->region, call.lang));
  data.set("region_code", deps_.countries.RegionCode(country->region));
  data.set("subregion", deps_.countries.RegionName(country->subregion, call.lang));

  // The published rounds with an installed instrument (every bundled version is), oldest first;
  // `reports` holds what each published, for PillarTrends, which borrows it.
  std::vector<const PublishedProfile*> profiles;
  std::vector<ScoreReport> reports;
  std::vector<const Instrument*> instruments;
  for (const PublishedProfile* p : ProfilesOf(c.published, iso3)) {
    const Instrument* in = InstrumentOf(p->round);
    if (in == nullptr) continue;
    profiles.push_back(p);
    instruments.push_back(in);
    reports.push_back(PublishedReport(*p, *in));
  }
  std::vector<RoundScores> scores;
  for (size_t i = 0; i < profiles.size(); ++i)
    scores.push_back({&profiles[i]->round, instruments[i], &reports[i]});
  const std::vector<TrendSeries> trends = PillarTrends(scores);
  TemplateList pillars, rounds;
  for (const TrendSeries& s : trends) {
    TemplateData head;
    head.set("id", s.id);
    SetText(head, "name", s.name, call.lang);
    pillars.push_back(std::move(head));
  }
  for (size_t i = profiles.size(); i-- > 0;) {  // newest first
    const Round& r = profiles[i]->round;
    TemplateData row;
    row.set("id", std::to_string(r.id));
    row.set("year", std::to_string(r.year));
    row.set("title", r.title);
    row.set("version", r.instrument_version);
    SetIndex(call, *profiles[i], row);
    TemplateList cells;
    for (const TrendSeries& s : trends) {
      const TrendPoint& point = s.points[i];
      TemplateData cell;
      cell.set("value", point.score      ? OneDecimal(*point.score, call.lang)
                        : point.assessed ? call.Tr("insufficient data")
                                         : "—");
      cells.push_back(std::move(cell));
    }
    row.set("cells", std::move(cells));
    rounds.push_back(std::move(row));
  }
  data.set("has_rounds", !rounds.empty());
  data.set("pillars", std::move(pillars));
  data.set("rounds", std::move(rounds));
  if (!profiles.empty()) {
    data.set("trend", deps_.renderers.trend(trends, call.locale, call.lang));
    data.set("trend_data", deps_.renderers.trend_data(trends, call.locale, call.lang));
  }
  std::vector<KnowledgeSummary> entries;
  for (const KnowledgeSummary& e : c.knowledge) {
    if (e.country == iso3) entries.push_back(e);
  }
  data.set("has_entries", !entries.empty());
  data.set("entries", EntryItems(call, std::move(entries)));
  call.canonical = "/countries/" + iso3;
  data.set("egdi", EgdiSection(call, iso3));
  return Page(call, "country", country->names.Get(call.lang), std::move(data));
}

Response WebApp::Impl::RegionPage(Call& call) {
  const std::string& asked = call.params["m49"];
  const CountryList::Region* region = nullptr;
  const auto regions = deps_.countries.Regions();
  for (const CountryList::Region& r : regions) {
    // M49 codes have three digits; "2" or "02" is region 002, and moves to its canonical URL.
    const bool digits = !asked.empty() && asked.size() <= 3 &&
                        asked.find_first_not_of("0123456789") == std::string::npos;
    if (r.code == asked || (digits && std::string(3 - asked.size(), '0') + asked == r.code))
      region = &r;
  }
  if (region == nullptr) return Fail(call, NoSuchPage());
  if (region->code != asked) return MovedTo("/regions/" + region->code);
  auto content = LoadPublicContent();
  if (!content) return Fail(call, content.error());
  const PublicContent& c = content.value();
  const std::string name = deps_.countries.RegionName(region->name, call.lang);
  TemplateData data;
  data.set("name", name);
  data.set("code", region->code);

  // Its countries with a published round, by name, each with its latest one.
  std::vector<std::pair<std::string, TemplateData>> countries;
  for (const Country& country : deps_.countries.all()) {
    if (country.region != region->name) continue;
    const auto profiles = ProfilesOf(c.published, country.iso3);
    if (profiles.empty()) continue;
    TemplateData row;
    row.set("iso3", country.iso3);
    row.set("name", country.names.Get(call.lang));
    row.set("year", std::to_string(profiles.back()->round.year));
    row.set("rounds", Substitute(call.TrN("{1} published round", "{1} published rounds",
                                          static_cast<long>(profiles.size())),
                                 {std::to_string(profiles.size())}));
    SetIndex(call, *profiles.back(), row);
    countries.emplace_back(SearchDocument(country.names.Get(call.lang)), std::move(row));
  }
  std::sort(countries.begin(), countries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  TemplateList country_rows;
  for (auto& [key, row] : countries) country_rows.push_back(std::move(row));
  data.set("has_countries", !country_rows.empty());
  data.set("countries", std::move(country_rows));

  // The benchmark: the average of each country's latest published round, by pillar.
  const BenchmarkGroup benchmark = RegionBenchmark(region->name, deps_.countries, c.published);
  const long members = static_cast<long>(benchmark.countries);
  if (benchmark.scores.empty()) {
    data.set("benchmark_note",
             Substitute(call.TrN("The regional average is shown once at least {1} country of "
                                 "the region has published a round. Countries with a published "
                                 "round so far: {2}.",
                                 "The regional average is shown once at least {1} countries of "
                                 "the region have published a round. Countries with a published "
                                 "round so far: {2}.",
                                 static_cast<long>(kMinBenchmarkRounds)),
                        {std::to_string(kMinBenchmarkRounds), std::to_string(members)}));
  } else {
    data.set("benchmark_note",
             Substitute(call.TrN("The average of the latest published round of the region's "
                                 "{1} country.",
                                 "The average of the latest published round of each of the "
                                 "region's {1} countries.",
                                 members),
                        {std::to_string(members)}));
    TemplateList rows;
    auto add = [&](const std::string& id, const LocalizedText* text) {
      auto it = benchmark.scores.find(id);
      if (it == benchmark.scores.end()) return;
      TemplateData row;
      row.set("id", id == "overall" ? "" : id);
      if (text == nullptr) {
        row.set("name", call.Tr("Overall index"));
      } else {
        SetText(row, "name", *text, call.lang);
      }
      row.set("score", OneDecimal(it->second, call.lang));
      rows.push_back(std::move(row));
    };
    add("overall", nullptr);
    if (const Instrument* in = KnowledgeInstrument(deps_.instruments)) {
      for (const Pillar& p : in->pillars) add(p.id, &p.name);
    }
    data.set("has_benchmark", !rows.empty());
    data.set("benchmark", std::move(rows));
  }
  std::vector<KnowledgeSummary> entries;
  for (const KnowledgeSummary& e : c.knowledge) {
    if (InRegion(e, region->code)) entries.push_back(e);
  }
  data.set("has_entries", !entries.empty());
  data.set("entries", EntryItems(call, std::move(entries)));
  call.canonical = "/regions/" + region->code;
  return Page(call, "region", name, std::move(data));
}

Response WebApp::Impl::CountriesPage(Call& call) {
  auto content = LoadPublicContent();
  if (!content) return Fail(call, content.error());
  const PublicContent& c = content.value();
  std::map<std::string, size_t> rounds, entries;
  for (const PublishedProfile& p : c.published) {
    if (p.round.published) ++rounds[p.round.country];
  }
  for (const KnowledgeSummary& e : c.knowledge) ++entries[e.country];
  TemplateList regions;
  for (const CountryList::Region& r : deps_.countries.Regions()) {
    std::vector<std::pair<std::string, TemplateData>> members;
    for (const Country& country : deps_.countries.all()) {
      if (country.region != r.name) continue;
      const long n_rounds = static_cast<long>(rounds[country.iso3]);
      const long n_entries = static_cast<long>(entries[country.iso3]);
      TemplateData item;
      item.set("iso3", country.iso3);
      item.set("name", country.names.Get(call.lang));
      item.set("linked", n_rounds + n_entries > 0);
      item.set("rounds", n_rounds == 0 ? ""
                                       : Substitute(call.TrN("{1} published round",
                                                             "{1} published rounds", n_rounds),
                                                    {std::to_string(n_rounds)}));
      item.set("entries", n_entries == 0
                              ? ""
                              : Substitute(call.TrN("{1} lesson or case study",
                                                    "{1} lessons and case studies", n_entries),
                                           {std::to_string(n_entries)}));
      members.emplace_back(SearchDocument(country.names.Get(call.lang)), std::move(item));
    }
    std::sort(members.begin(), members.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    TemplateList list;
    for (auto& [key, item] : members) list.push_back(std::move(item));
    TemplateData region;
    region.set("code", r.code);
    region.set("name", deps_.countries.RegionName(r.name, call.lang));
    region.set("countries", std::move(list));
    regions.push_back(std::move(region));
  }
  TemplateData data;
  data.set("regions", std::move(regions));
  call.canonical = "/countries";
  return Page(call, "countries", call.Tr("Countries and regions"), std::move(data));
}

}  // namespace meter
