// Issue 14: the secretariat's campaign page. One row per member state with rounds (every member
// state with "all countries"), filtered by region, sub-region, status and instrument version and
// sorted by any column through links that keep the filters; the same rows as CSV and XLSX. The
// rows come from core (ReadCampaign, FilterCampaign, SortCampaign); the downloads from report/
// through Renderers::campaign_download.
#include <set>

#include "core/authorization.h"
#include "core/changes.h"
#include "core/text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// What the query asks for: the filters and the order, as given (unknown values match nothing;
// an unknown sort key sorts by country).
struct CampaignQuery {
  CampaignFilter filter;
  std::string status_key;
  CampaignColumn sort = CampaignColumn::kCountry;
  bool ascending = true;
};

CampaignQuery ReadCampaignQuery(const Form& query) {
  CampaignQuery q;
  q.filter.all_countries = FormValue(query, "all") == "1";
  q.filter.region = FormValue(query, "region");
  q.filter.subregion = FormValue(query, "subregion");
  q.filter.version = FormValue(query, "version");
  q.status_key = FormValue(query, "status");
  q.filter.status = RoundStatusFromKey(q.status_key);
  if (!q.status_key.empty() && !q.filter.status) q.filter.version = "\x01";  // matches nothing
  if (auto column = CampaignColumnFromKey(FormValue(query, "sort"))) q.sort = *column;
  q.ascending = FormValue(query, "dir") != "desc";
  return q;
}

// The filters as a query string ("region=Africa&all=1"), without the order.
std::string FilterQuery(const CampaignQuery& q) {
  std::string out;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + UrlEncode(value);
  };
  add("region", q.filter.region);
  add("subregion", q.filter.subregion);
  add("status", q.status_key);
  add("version", q.filter.version == "\x01" ? "" : q.filter.version);
  add("all", q.filter.all_countries ? "1" : "");
  return out;
}

// The query string of the page in `q`'s order, for the downloads and the sort links.
std::string OrderedQuery(const CampaignQuery& q, CampaignColumn sort, bool ascending) {
  const std::string filters = FilterQuery(q);
  return filters + (filters.empty() ? "" : "&") + "sort=" + std::string(CampaignColumnKey(sort)) +
         "&dir=" + (ascending ? "asc" : "desc");
}

// The link of one sortable heading: to its column ascending, or descending when it is the
// column the page is sorted by ascending; "sort" is the aria-sort value of the sorted column.
TemplateList SortLink(const CampaignQuery& q, CampaignColumn column, const std::string& label) {
  const bool sorted = q.sort == column;
  TemplateData link;
  link.set("label", label);
  link.set("href", "/campaign?" + OrderedQuery(q, column, !(sorted && q.ascending)));
  link.set("sorted", sorted);
  link.set("sort", sorted ? (q.ascending ? "ascending" : "descending") : "none");
  TemplateList section;  // a one-item section: {{#h_country}}…{{/h_country}}
  section.push_back(std::move(link));
  return section;
}

}  // namespace

// The versions are read first, then the published scores at theirs (cached) and each latest
// round's facts at its version (cached), so that a view reads only the rounds changed since the
// last one and never older data than it saw.
Result<std::vector<CampaignRow>> WebApp::Impl::CampaignRows(const Call& call, bool all_countries) {
  auto round_versions = deps_.store.RoundVersions();
  const auto published = PublishedRoundsNow();
  if (!round_versions || !published) {
    return Error::Of(ErrorCode::kUnavailable, "", METER_N("the answers cannot be read now"));
  }
  auto facts_at_version = [&](const Round& round) -> Result<LatestRoundFacts> {
    const auto known = round_versions.value().find(round.id);
    const long long version = known == round_versions.value().end() ? 0 : known->second;
    std::optional<Error> failed;
    auto kept = caches_.facts.Get(round.id, version, [&]() -> decltype(caches_.facts)::Computed {
      auto read = ReadRoundFacts(deps_.store, deps_.instruments, round);
      if (!read) {
        failed = read.error();
        return {};
      }
      auto value = std::make_shared<const LatestRoundFacts>(std::move(read).value());
      const size_t cost = ApproximateBytes(*value);
      return {std::move(value), cost};
    });
    if (!kept) {
      if (failed) return *failed;
      return ReadRoundFacts(deps_.store, deps_.instruments, round);  // another's reading failed
    }
    return *kept;
  };
  return ReadCampaign(deps_.store, deps_.instruments, deps_.countries, all_countries, call.lang,
                      published.get(), facts_at_version);
}

namespace {

// `rows` as the query asks for them: filtered and in its order.
std::vector<CampaignRow> AsAsked(std::vector<CampaignRow> rows, const CampaignQuery& q) {
  std::vector<CampaignRow> out = FilterCampaign(std::move(rows), q.filter);
  SortCampaign(out, q.sort, q.ascending);
  return out;
}

// The page's view model: the filter form's choices, the sort links and the rows.
TemplateData CampaignView(const Call& call, const CountryList& countries,
                          const InstrumentCatalog& instruments, const CampaignQuery& q,
                          const std::vector<CampaignRow>& rows) {
  TemplateData data;
  std::set<std::string> regions, subregions, versions;
  for (const Country& c : countries.all()) {
    regions.insert(c.region);
    subregions.insert(c.subregion);
  }
  for (const Instrument* in : instruments.All()) versions.insert(in->version);
  TemplateList region_list, subregion_list, status_list, version_list;
  for (const std::string& r : regions) {
    if (!r.empty()) {
      region_list.push_back(Choice(r, countries.RegionName(r, call.lang), r == q.filter.region));
    }
  }
  for (const std::string& r : subregions) {
    if (!r.empty()) {
      subregion_list.push_back(
          Choice(r, countries.RegionName(r, call.lang), r == q.filter.subregion));
    }
  }
  for (RoundStatus s : {RoundStatus::kDraft, RoundStatus::kOpen, RoundStatus::kClosed}) {
    const std::string key = RoundStatusKey(s);
    status_list.push_back(
        Choice(key, call.TrC(kRoundStatusContext, key.c_str()), key == q.status_key));
  }
  for (const std::string& v : versions) {
    version_list.push_back(Choice(v, v, v == q.filter.version));
  }
  data.set("regions", std::move(region_list));
  data.set("subregions", std::move(subregion_list));
  data.set("statuses", std::move(status_list));
  data.set("versions", std::move(version_list));
  data.set("all", q.filter.all_countries);

  using C = CampaignColumn;
  data.set("h_country", SortLink(q, C::kCountry, call.Tr("Country")));
  data.set("h_region", SortLink(q, C::kRegion, call.TrC("a UN M49 region of the world", "Region")));
  data.set("h_subregion", SortLink(q, C::kSubregion, call.Tr("Sub-region")));
  data.set("h_rounds", SortLink(q, C::kRounds, call.Tr("Rounds")));
  data.set("h_title", SortLink(q, C::kTitle, call.Tr("Latest round")));
  data.set("h_status", SortLink(q, C::kStatus, call.TrC("round status", "Status")));
  data.set("h_version", SortLink(q, C::kVersion, call.Tr("Version")));
  data.set("h_finished", SortLink(q, C::kFinished, call.Tr("finished")));
  data.set("h_started", SortLink(q, C::kStarted, call.Tr("started")));
  data.set("h_invited", SortLink(q, C::kInvited, call.Tr("invited")));
  const bool counts_sorted =
      q.sort == C::kFinished || q.sort == C::kStarted || q.sort == C::kInvited;
  data.set("counts_sort", counts_sorted ? (q.ascending ? "ascending" : "descending") : "none");
  data.set("h_activity", SortLink(q, C::kLastActivity, call.Tr("Last activity")));
  data.set("h_index", SortLink(q, C::kIndex, call.Tr("Index and band")));
  data.set("h_egdi", SortLink(q, C::kEgdi, call.Tr("EGDI (UN survey)")));
  data.set("h_published", SortLink(q, C::kPublished, call.Tr("Published")));

  TemplateList list;
  for (const CampaignRow& r : rows) {
    TemplateData row;
    row.set("iso3", r.iso3);
    row.set("name", r.name);
    row.set("region", countries.RegionName(r.region, call.lang));
    row.set("subregion", countries.RegionName(r.subregion, call.lang));
    row.set("rounds", std::to_string(r.rounds));
    row.set("has_round", r.latest.has_value());
    if (r.latest) {
      row.set("round_id", std::to_string(r.latest->id));
      row.set("title", r.latest->title);
      row.set("status", call.TrC(kRoundStatusContext, RoundStatusKey(r.latest->status)));
      row.set("version", r.latest->instrument_id + " " + r.latest->instrument_version);
      row.set("counts", std::to_string(r.finished) + " / " + std::to_string(r.started) + " / " +
                            std::to_string(r.invited));
      row.set("counts_text", Substitute(call.Tr("{1} finished, {2} started, {3} invited"),
                                        {std::to_string(r.finished), std::to_string(r.started),
                                         std::to_string(r.invited)}));
      row.set("activity", r.last_activity ? FormatUtc(r.last_activity) : "");
      row.set("published", r.published ? call.TrC("a round is published", "Yes")
                                       : call.TrC("a round is published", "No"));
    }
    row.set("has_index", r.index.has_value());
    row.set("index", OneDecimal(r.index, call.lang));
    row.set("band", r.band ? call.Tr(BandName(*r.band)) : "");
    row.set("band_key", r.band ? std::string(BandKey(*r.band)) : "none");
    row.set("has_egdi", r.egdi.has_value());
    if (r.egdi) {
      row.set("egdi", EgdiFigure(r.egdi->value, call.lang));
      row.set("egdi_year", std::to_string(r.egdi->year));
    }
    list.push_back(std::move(row));
  }
  data.set("count",
           Substitute(call.TrN("{1} country", "{1} countries", static_cast<long>(rows.size())),
                      {std::to_string(rows.size())}));
  data.set("has_rows", !rows.empty());
  data.set("rows", std::move(list));
  const std::string ordered = OrderedQuery(q, q.sort, q.ascending);
  data.set("csv_href", "/campaign.csv?" + ordered);
  data.set("xlsx_href", "/campaign.xlsx?" + ordered);
  return data;
}

}  // namespace

TemplateData Choice(const std::string& value, const std::string& name, bool selected) {
  TemplateData c;
  c.set("value", value);
  c.set("name", name);
  c.set("selected", selected);
  return c;
}

Response WebApp::Impl::CampaignPage(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewCampaign)) return Forbidden(call);
  const CampaignQuery q = ReadCampaignQuery(call.query);
  auto rows = CampaignRows(call, q.filter.all_countries);
  if (!rows) return Fail(call, rows.error());
  return Page(call, "campaign", call.Tr("Campaign"),
              CampaignView(call, deps_.countries, deps_.instruments, q,
                           AsAsked(std::move(rows).value(), q)));
}

Response WebApp::Impl::CampaignDownload(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewCampaign)) return Forbidden(call);
  const std::string path = call.request.path;
  const std::string kind = path.ends_with(".xlsx") ? "xlsx" : "csv";
  HeavyWorkLimiter::Slot slot;
  if (kind == "xlsx") {
    slot = heavy_work_.TryAcquire();
    if (!slot) return TooBusy(call);
  }
  const CampaignQuery q = ReadCampaignQuery(call.query);
  auto rows = CampaignRows(call, q.filter.all_countries);
  if (!rows) return Fail(call, rows.error());
  auto file = deps_.renderers.campaign_download(AsAsked(std::move(rows).value(), q), kind);
  if (!file) return Fail(call, file.error());
  Response r = Response::Text(std::move(file.value().body), file.value().content_type);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + file.value().name + "\"");
  return r;
}

}  // namespace meter
