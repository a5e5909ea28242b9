#include "web/score_cache.h"

namespace meter {

size_t ApproximateBytes(const RoundDossier& d) {
  size_t bytes = sizeof(RoundDossier);
  for (const StoredAnswer& a : d.answers) {
    bytes += sizeof(StoredAnswer) + a.statement.capacity() + a.value.capacity() +
             a.comment.capacity() + a.evidence_url.capacity();
  }
  for (const Respondent& r : d.respondents) {
    bytes += sizeof(Respondent) + r.name.size() + r.group.size() + r.token_hash.size() +
             r.pillars.size() * 8;
  }
  for (const UnitScore& u : d.report.units) {
    bytes += sizeof(UnitScore) + u.id.capacity() +
             u.group_scores.capacity() * sizeof(std::optional<double>);
  }
  bytes += d.knowledge.size() * 1024;  // titles and summaries in a few languages
  bytes += d.roadmap.size() * 512 + d.egdi.size() * sizeof(EgdiRow);
  return bytes;
}

size_t ApproximateBytes(const std::vector<PublishedProfile>& published) {
  size_t bytes = sizeof(published);
  for (const PublishedProfile& p : published) {
    bytes += sizeof(PublishedProfile) + p.round.title.size() + p.scores.size() * 64;
  }
  return bytes;
}

size_t ApproximateBytes(const LatestRoundFacts& facts) {
  size_t bytes = sizeof(facts);
  for (const Respondent& r : facts.respondents) {
    bytes += sizeof(r) + r.name.size() + r.group.size() + r.token_hash.size() + r.language.size() +
             r.email.size();
    for (const std::string& p : r.pillars) bytes += sizeof(p) + p.size();
  }
  return bytes;
}

size_t ApproximateBytes(const ItemStatistics& stats) {
  return sizeof(stats) + stats.pillars.size() * (sizeof(PillarStatistics) + 8) +
         stats.statements.size() * (sizeof(StatementStatistics) + 16);
}

}  // namespace meter
