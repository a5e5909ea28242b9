// What other sites and crawlers read (issue 13): the Atom feed of knowledge entries and published
// rounds (/feed.atom), the sitemap of every public page (/sitemap.xml) and /robots.txt. Every URL
// in them is absolute, under SiteUrl. The XML is written by web/feed_xml.h; the handlers only
// gather what to list.
//
// The store keeps no publishing time for a round: a round's time here is that of its latest
// "round.publish" audit event (the same transaction wrote both), or its creation time when the
// audit log has none.
#include <map>
#include <set>

#include "web/feed_xml.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// When `round` was last published, from the audit log; its creation time when the log has none.
Seconds PublishedAt(AuditRepository& audit, const Round& round) {
  AuditFilter filter;
  filter.action = "round.publish";
  filter.round = round.id;
  filter.limit = 1;
  auto events = audit.FindAudit(filter);
  if (events && !events.value().empty()) return events.value().front().at;
  return round.created_at;
}

// The public knowledge entries (those ListKnowledge gives) with the time each was last changed.
Result<std::vector<StoredKnowledge>> ListedKnowledge(KnowledgeRepository& store,
                                                     const std::vector<KnowledgeSummary>& listed) {
  std::set<std::string> slugs;
  for (const KnowledgeSummary& e : listed) slugs.insert(e.slug);
  auto all = store.AllKnowledge();
  if (!all) return all.error();
  std::vector<StoredKnowledge> out;
  for (StoredKnowledge& k : all.value()) {
    if (slugs.count(k.entry.slug)) out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

Response WebApp::Impl::AtomFeedPage(Call& call) {
  auto content = LoadPublicContent();
  if (!content) return Fail(call, content.error());
  auto knowledge = ListedKnowledge(deps_.store, content.value().knowledge);
  if (!knowledge) return Fail(call, knowledge.error());
  std::vector<FeedItem> items;
  for (const StoredKnowledge& k : knowledge.value()) {
    const KnowledgeEntry& e = k.entry;
    const std::string shown = e.ShownLanguage(call.lang);
    const std::string url = SiteUrl(call, "/knowledge/" + e.slug);
    items.push_back({"knowledge", url, e.Title(call.lang), url, k.updated_at, e.Summary(call.lang),
                     shown == call.lang ? "" : shown});
  }
  for (const PublishedProfile& p : content.value().published) {
    const Country* country = deps_.countries.Find(p.round.country);
    if (!p.round.published || country == nullptr) continue;
    const std::string url = SiteUrl(call, "/countries/" + country->iso3);
    const std::string anchor = url + "#round-" + std::to_string(p.round.id);
    const std::string name = country->names.Get(call.lang);
    auto overall = p.scores.find("overall");
    const std::string summary =
        overall == p.scores.end()
            ? Substitute(call.Tr("{1} published its assessment round of {2}. Too few answers "
                                 "were given to score its overall index."),
                         {name, std::to_string(p.round.year)})
            : Substitute(
                  call.Tr("{1} published its assessment round of {2}: an overall index "
                          "of {3}, in the readiness band {4}."),
                  {name, std::to_string(p.round.year), OneDecimal(overall->second, call.lang),
                   call.Tr(BandName(BandOf(overall->second)))});
    items.push_back({"round", anchor,
                     Substitute(call.Tr("{1} — METER round {2} published"),
                                {name, std::to_string(p.round.year)}),
                     anchor, PublishedAt(deps_.store, p.round), summary, ""});
  }
  // Releases of the instrument: what the expert channel produced.
  if (auto versions = deps_.store.ListInstrumentVersions()) {
    for (const StoredInstrumentVersion& v : versions.value()) {
      if (v.status == "draft") continue;
      const std::string url = SiteUrl(call, "/instruments/" + v.instrument_id + "/" + v.version);
      items.push_back(
          {"release", url,
           Substitute(call.Tr("Instrument {1} {2} released"), {v.instrument_id, v.version}), url,
           v.updated_at,
           Substitute(call.Tr("Version {2} of the instrument {1} is released: new "
                              "assessment rounds can use it."),
                      {v.instrument_id, v.version}),
           ""});
    }
  }
  FeedHead head;
  head.id = SiteUrl(call, "/feed.atom");
  head.self_url = head.id;
  head.site_url = SiteUrl(call, "/");
  head.title =
      call.Tr("METER: knowledge entries, published country profiles and instrument releases");
  head.author = "METER";
  head.lang = call.lang;
  head.updated = Now();
  return Response::Text(AtomFeed(head, std::move(items)), "application/atom+xml; charset=utf-8");
}

Response WebApp::Impl::SitemapPage(Call& call) {
  auto content = LoadPublicContent();
  if (!content) return Fail(call, content.error());
  auto knowledge = ListedKnowledge(deps_.store, content.value().knowledge);
  if (!knowledge) return Fail(call, knowledge.error());
  // The latest change of each country's and each region's public content.
  std::map<std::string, Seconds> country_changed, region_changed;
  auto changed = [&](const std::string& iso3, const std::string& region, Seconds at) {
    if (const Country* c = deps_.countries.Find(iso3)) {
      Seconds& slot = country_changed[c->iso3];
      slot = std::max(slot, at);
      Seconds& in_region = region_changed[c->region];
      in_region = std::max(in_region, at);
    }
    if (!region.empty()) {
      Seconds& slot = region_changed[region];
      slot = std::max(slot, at);
    }
  };
  std::vector<SitemapUrl> urls = {
      {SiteUrl(call, "/"), 0}, {SiteUrl(call, "/knowledge"), 0}, {SiteUrl(call, "/countries"), 0}};
  for (const StoredKnowledge& k : knowledge.value()) {
    urls.push_back({SiteUrl(call, "/knowledge/" + k.entry.slug), k.updated_at});
    changed(k.entry.country, k.entry.region, k.updated_at);
  }
  for (const PublishedProfile& p : content.value().published) {
    if (p.round.published) changed(p.round.country, "", PublishedAt(deps_.store, p.round));
  }
  for (const auto& [iso3, at] : country_changed)
    urls.push_back({SiteUrl(call, "/countries/" + iso3), at});
  for (const CountryList::Region& r : deps_.countries.Regions()) {
    auto at = region_changed.find(r.name);
    urls.push_back(
        {SiteUrl(call, "/regions/" + r.code), at == region_changed.end() ? 0 : at->second});
  }
  return Response::Text(SitemapXml(urls), "application/xml; charset=utf-8");
}

Response WebApp::Impl::RobotsPage(Call& call) {
  // Invitation, questionnaire and password links carry tokens, and the rest needs a sign-in:
  // crawlers are kept to the public pages, which the sitemap lists.
  std::string text = "User-agent: *\n";
  for (const char* path : {"/r/", "/q/", "/password/", "/rounds", "/admin/", "/api/", "/lang/",
                           "/login", "/review", "/done", "/instruments", "/knowledge/new"}) {
    text += std::string("Disallow: ") + path + "\n";
  }
  text += "Allow: /\n\nSitemap: " + SiteUrl(call, "/sitemap.xml") + "\n";
  return Response::Text(std::move(text), "text/plain; charset=utf-8");
}

}  // namespace meter
