// What a node keeps in memory so that the results, Way Forward, progress and benchmark pages, the
// downloads and the JSON results do not score a round afresh on every request (issue 14, "Fast
// results"). Three VersionedCaches (core/versioned_cache.h), each bounded by an approximate byte
// size and LRU:
//   dossiers   a round's RoundDossier (answers, scores, plan, roadmap…), by round, kept by the
//              round's, the knowledge base's and the survey's versions;
//   published  the published rounds and their scores (benchmarks, peers, public pages), kept by
//              the published version;
//   items      a released instrument version's item statistics over the published rounds that
//              used it (the instrument page), by "ID@VERSION", kept by the published version: a
//              published round is closed, so its answers change only after a reopen, which
//              withdraws it and bumps that version, and a released version never changes (a
//              draft, which does as proposals are accepted into it, is not kept);
//   facts      a round's campaign facts (core/campaign.h ReadRoundFacts: respondents, newest
//              answer, index), by round, kept by the round's version alone (a published round's
//              stored score is put in by ReadCampaign from the published scores): the campaign
//              page reads only the rounds changed since its last view;
//   files      a round's downloads (PDF report, XLSX workbook, exports) as made, by round, kind,
//              language and day, kept by every version, in a budget of their own;
//   pages      whole pages rendered once as frames (the results page, the Way Forward) with only
//              the caller's CSRF token, name and path as holes, by page, round, language and what
//              the layout shows the caller, kept by every version.
// Every request reads the current versions first (Store::CacheVersionsOf, one indexed query) and
// takes a cached value only when it was computed at exactly those versions; otherwise it
// computes, from reads made after the versions were read, and stores it. So a node never serves
// scores older than the last save it can see, on SQLite or on PostgreSQL with many nodes.
//
// The writes that bump the versions, each in its own transaction (store/): SaveAnswers,
// AddRespondent, RevokeRespondent, RestoreRespondent, SetGroupWeights, SetRoundStatus (open,
// close, reopen), Publish, Unpublish, SetTargets, SaveRoadmapEdit (the round); Publish, Unpublish
// and a reopen of a published round (published); SaveKnowledge, SyncKnowledgeFiles when it changed
// anything, SubmitKnowledge, ReviewKnowledge (knowledge); ImportEgdi (egdi). ReissueToken bumps
// the round too (the respondents' list shows when each was reminded). A round's instrument never
// changes (no write of it exists; a released instrument version is immutable).
//
// Thread-safe. Owned by the WebApp; values are shared, immutable, and live while a caller holds
// them.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/benchmarks.h"
#include "core/campaign.h"
#include "core/item_statistics.h"
#include "core/round_dossier.h"
#include "core/store.h"
#include "core/versioned_cache.h"
#include "web/templates.h"
#include "web/web_app.h"

namespace meter {

// The bytes WebOptions::score_cache_bytes gives (64 MiB by default) are split five eighths for
// dossiers (a round of 50 respondents × 124 statements is about 1.3 MiB), a sixteenth for the
// published scores, a sixty-fourth for item statistics (about 30 kB a version), an eighth for the
// campaign's round facts (about 15 kB a round of 50) and the rest for pages (about 26 kB each).
struct ScoreCaches {
  ScoreCaches(size_t bytes, size_t file_bytes)
      : dossiers(bytes / 8 * 5),
        published(bytes / 16),
        items(bytes / 64),
        facts(bytes / 8),
        pages(bytes - bytes / 8 * 5 - bytes / 16 - bytes / 64 - bytes / 8),
        files(file_bytes) {}

  VersionedCache<Id, CacheVersions, RoundDossier> dossiers;
  VersionedCache<int, long long, std::vector<PublishedProfile>> published;
  VersionedCache<std::string, long long, ItemStatistics> items;
  VersionedCache<Id, long long, LatestRoundFacts> facts;
  VersionedCache<std::string, CacheVersions, Frame> pages;
  // A round's downloads (the PDF report, the workbook, the exports), by round, kind, language and
  // day, kept by every version; bounded on its own (WebOptions::download_cache_bytes).
  VersionedCache<std::string, CacheVersions, Download> files;
};

// Roughly the bytes a value holds, for the caches' bounds.
size_t ApproximateBytes(const RoundDossier& dossier);
size_t ApproximateBytes(const std::vector<PublishedProfile>& published);
size_t ApproximateBytes(const ItemStatistics& stats);
size_t ApproximateBytes(const LatestRoundFacts& facts);
inline size_t ApproximateBytes(const Frame& frame) {
  return frame.text().size() + frame.marks().size() * sizeof(Frame::Mark) + sizeof(Frame);
}

// What the caches hold now and how often they were used, for tests and the operator.
struct ScoreCacheStats {
  size_t dossier_hits = 0, dossier_computed = 0, dossier_evicted = 0, dossier_entries = 0;
  size_t page_hits = 0, page_computed = 0, page_evicted = 0, page_entries = 0;
  size_t published_computed = 0;
  size_t item_statistics_hits = 0, item_statistics_computed = 0;
  size_t file_hits = 0, file_computed = 0;
};

}  // namespace meter
