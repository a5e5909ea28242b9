// The caches of scores and pages in use (web/score_cache.h): reading the versions, the round's
// dossier and the published rounds at those versions, and pages rendered once per version.
#include "log/log.h"
#include "web/web_app_impl.h"

namespace meter {

std::optional<CacheVersions> WebApp::Impl::VersionsOf(Id round) {
  auto versions = deps_.store.CacheVersionsOf(round);
  if (!versions) {
    log::Write(log::Level::kError, "scores", versions.error().ToString(),
               {{"round", std::to_string(round)}});
    return std::nullopt;
  }
  return versions.value();
}

std::shared_ptr<const RoundDossier> WebApp::Impl::DossierOf(const Round& round, bool* scored) {
  const auto versions = VersionsOf(round.id);
  if (!versions) return nullptr;
  return DossierAt(round.id, *versions, scored);
}

Response& WebApp::Impl::MarkScores(Response& response, bool scored) {
  response.headers.emplace_back("X-Meter-Scores", scored ? "computed" : "cached");
  return response;
}

std::shared_ptr<const std::vector<PublishedProfile>> WebApp::Impl::PublishedRoundsNow() {
  const auto versions = VersionsOf(0);  // round 0: only what every round shares
  if (!versions) return nullptr;
  return PublishedRoundsAt(versions->published);
}

std::shared_ptr<const RoundDossier> WebApp::Impl::DossierAt(Id id, const CacheVersions& versions,
                                                            bool* scored) {
  CacheVersions kept = versions;
  kept.published = 0;  // a dossier holds no published scores
  return caches_.dossiers.Get(id, kept, [&]() -> decltype(caches_.dossiers)::Computed {
    if (scored) *scored = true;
    // Read after the versions, so that nothing in it is older than they are.
    auto round = deps_.store.GetRound(id);
    auto dossier = round ? ReadRoundDossier(deps_.store, deps_.instruments, round.value())
                         : Result<RoundDossier>(round.error());
    if (!dossier) {
      log::Write(log::Level::kError, "scores", dossier.error().ToString(),
                 {{"round", std::to_string(id)}});
      return {};
    }
    const size_t cost = ApproximateBytes(dossier.value());
    return {std::make_shared<const RoundDossier>(std::move(dossier).value()), cost};
  });
}

std::shared_ptr<const std::vector<PublishedProfile>> WebApp::Impl::PublishedRoundsAt(
    long long version) {
  return caches_.published.Get(0, version, [&]() -> decltype(caches_.published)::Computed {
    auto published = deps_.store.ListPublished();
    if (!published) return {};
    const size_t cost = ApproximateBytes(published.value());
    return {std::make_shared<const std::vector<PublishedProfile>>(std::move(published).value()),
            cost};
  });
}

std::shared_ptr<const ItemStatistics> WebApp::Impl::ItemStatisticsOf(const Instrument& in,
                                                                     bool* computed) {
  const std::string key = in.id + "@" + in.version;
  auto compute = [&]() -> decltype(caches_.items)::Computed {
    if (computed) *computed = true;
    // Read after the version, so that nothing in it is older than it is.
    auto rounds = PublishedRoundsOf(deps_.store, in);
    auto read = rounds ? ReadItemStatistics(deps_.store, in, rounds.value())
                       : Result<ItemStatistics>(rounds.error());
    if (!read) {
      log::Write(log::Level::kError, "item-statistics", read.error().ToString(),
                 {{"instrument", key}});
      return {};
    }
    ItemStatistics stats = std::move(read).value();
    const size_t cost = ApproximateBytes(stats);
    return {std::make_shared<const ItemStatistics>(std::move(stats)), cost};
  };
  // A draft changes as proposals are accepted into it (and no round uses it): its statistics,
  // one entry per statement, are computed each time, never kept under a key its next content
  // would share.
  if (in.IsDraft()) return compute().value;
  auto versions = deps_.store.CacheVersionsOf(0);
  if (!versions) return nullptr;
  return caches_.items.Get(key, versions.value().published, compute);
}

std::string WebApp::Impl::LayoutKey(const Call& call) {
  const Principal& p = call.principal;
  return call.lang + "/" + std::to_string(static_cast<int>(p.kind)) + "/" +
         std::to_string(static_cast<int>(p.role)) + "/" +
         (Allowed(p, Action::kViewChanges) ? "c" : "") + "/" + call.canonical;
}

std::shared_ptr<const Frame> WebApp::Impl::CachedPage(
    const Call& call, const std::string& key, const CacheVersions& versions,
    const std::function<std::optional<Frame>()>& build) {
  return caches_.pages.Get(key + "|" + LayoutKey(call), versions,
                           [&]() -> decltype(caches_.pages)::Computed {
                             std::optional<Frame> frame = build();
                             if (!frame) return {};
                             const size_t cost = ApproximateBytes(*frame);
                             return {std::make_shared<const Frame>(std::move(*frame)), cost};
                           });
}

ScoreCacheStats WebApp::Impl::CacheStats() const {
  const auto d = caches_.dossiers.stats();
  const auto p = caches_.pages.stats();
  ScoreCacheStats out;
  out.dossier_hits = d.hits;
  out.dossier_computed = d.computed;
  out.dossier_evicted = d.evicted;
  out.dossier_entries = d.entries;
  out.page_hits = p.hits;
  out.page_computed = p.computed;
  out.page_evicted = p.evicted;
  out.page_entries = p.entries;
  out.published_computed = caches_.published.stats().computed;
  out.item_statistics_hits = caches_.items.stats().hits;
  out.item_statistics_computed = caches_.items.stats().computed;
  out.file_hits = caches_.files.stats().hits;
  out.file_computed = caches_.files.stats().computed;
  return out;
}

}  // namespace meter
