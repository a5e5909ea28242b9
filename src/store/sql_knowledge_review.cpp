// The review of knowledge contributions (issue 13): submitting an entry, the review thread, and
// the queue of entries on their way to approval. The rules are core's (core/knowledge_review.h);
// each change is one transaction with its audit events, and bumps the entry's version, so that a
// form read before it answers 409.
#include "store/sql_store_impl.h"

namespace meter {
namespace {

Error NoEntry(const std::string& slug) {
  return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no knowledge entry '{1}'"), {slug});
}

Error Stale() {
  return Error::Of(ErrorCode::kConflict, "",
                   METER_N("someone changed this entry meanwhile; reload it and try again"));
}

void SetStatus(soci::session& sql, const std::string& slug, KnowledgeStatus status) {
  const std::string name = KnowledgeStatusName(status);
  sql << "UPDATE knowledge SET status = :st, version = version + 1 WHERE slug = :s",
      soci::use(name), soci::use(slug);
}

KnowledgeSummary SummaryOf(const KnowledgeEntry& e) {
  KnowledgeSummary s;
  static_cast<KnowledgeTexts&>(s) = e;
  s.slug = e.slug;
  s.kind = e.kind;
  s.country = e.country;
  s.region = e.region;
  s.year = e.year;
  s.pillars = e.pillars;
  s.subareas = e.subareas;
  return s;
}

// The entries whose status is among `statuses`, in that order, then oldest submission (or, for
// drafts never submitted, slug) first.
std::vector<KnowledgeInWork> InWork(soci::session& sql,
                                    const std::vector<KnowledgeStatus>& statuses) {
  std::vector<KnowledgeInWork> out;
  for (KnowledgeStatus status : statuses) {
    const std::string name = KnowledgeStatusName(status);
    std::vector<std::string> slugs;
    std::string slug;
    soci::statement st = (sql.prepare << "SELECT slug FROM knowledge WHERE status = :st"
                                         " ORDER BY submitted_at, slug",
                          soci::into(slug), soci::use(name));
    st.execute();
    while (st.fetch()) slugs.push_back(slug);
    for (const std::string& s : slugs) {
      const std::optional<StoredKnowledge> stored = ReadStoredKnowledge(sql, s);
      if (!stored) continue;
      out.push_back({SummaryOf(stored->entry), stored->status, stored->author, stored->submitted_by,
                     stored->submitted_at});
    }
  }
  return out;
}

}  // namespace

Result<StoredKnowledge> SqlStore::SubmitKnowledge(const std::string& slug,
                                                  long long expected_version,
                                                  const KnowledgeActor& actor) {
  return sql::InTransaction<StoredKnowledge>(
      db_, [&](soci::session& sql) -> Result<StoredKnowledge> {
        const std::optional<StoredKnowledge> stored = ReadStoredKnowledge(sql, slug);
        if (!stored) return NoEntry(slug);
        if (auto refused = CheckSubmit(stored->State(), actor)) return *refused;
        if (stored->version != expected_version) return Stale();
        const long long now = sql::Now();
        sql << "UPDATE knowledge SET submitted_by = :by, submitted_at = :at WHERE slug = :s",
            soci::use(actor.label), soci::use(now), soci::use(slug);
        SetStatus(sql, slug, KnowledgeStatus::kInReview);
        sql::Audit(sql, actor.label, "knowledge.submit", "knowledge:" + slug,
                   stored->entry.Title(stored->entry.language));
        sql::BumpVersion(db_, sql, "knowledge");
        return *ReadStoredKnowledge(sql, slug);
      });
}

Result<StoredKnowledge> SqlStore::ReviewKnowledge(const std::string& slug, KnowledgeVerdict verdict,
                                                  const std::string& text,
                                                  std::optional<long long> expected_version,
                                                  const KnowledgeActor& actor) {
  if (auto refused = sql::NulCheck().Add("knowledge_reviews.text", text).Refusal()) {
    return *refused;
  }
  return sql::InTransaction<StoredKnowledge>(
      db_, [&](soci::session& sql) -> Result<StoredKnowledge> {
        const std::optional<StoredKnowledge> stored = ReadStoredKnowledge(sql, slug);
        if (!stored) return NoEntry(slug);
        if (auto refused = CheckReview(stored->State(), actor, verdict, text)) return *refused;
        const bool judges = verdict != KnowledgeVerdict::kComment;
        if (judges && (!expected_version || *expected_version != stored->version)) return Stale();
        const long long now = sql::Now();
        const std::string name = KnowledgeVerdictName(verdict);
        sql << "INSERT INTO knowledge_reviews (slug, at, actor, verdict, text)"
               " VALUES (:s, :at, :a, :v, :t)",
            soci::use(slug), soci::use(now), soci::use(actor.label), soci::use(name),
            soci::use(text);
        if (judges) SetStatus(sql, slug, StatusAfter(stored->status, verdict));
        const std::string target = "knowledge:" + slug;
        sql::Audit(sql, actor.label, "knowledge.review", target, name);
        if (verdict == KnowledgeVerdict::kApprove) {
          sql::Audit(sql, actor.label, "knowledge.approve", target,
                     stored->entry.Title(stored->entry.language));
        }
        sql::BumpVersion(db_, sql, "knowledge");
        return *ReadStoredKnowledge(sql, slug);
      });
}

Result<std::vector<KnowledgeReview>> SqlStore::KnowledgeReviews(const std::string& slug) {
  return sql::Reading<std::vector<KnowledgeReview>>(db_, [&](soci::session& sql) {
    std::vector<KnowledgeReview> out;
    KnowledgeReview r;
    std::string verdict;
    long long at = 0;
    soci::statement st = (sql.prepare << "SELECT id, slug, at, actor, verdict, text"
                                         " FROM knowledge_reviews WHERE slug = :s ORDER BY id",
                          soci::into(r.id), soci::into(r.slug), soci::into(at), soci::into(r.actor),
                          soci::into(verdict), soci::into(r.text), soci::use(slug));
    st.execute();
    while (st.fetch()) {
      r.at = at;
      r.verdict = KnowledgeVerdictNamed(verdict).value_or(KnowledgeVerdict::kComment);
      out.push_back(r);
    }
    return Result<std::vector<KnowledgeReview>>(std::move(out));
  });
}

Result<std::vector<KnowledgeInWork>> SqlStore::KnowledgeAwaitingReview() {
  return sql::Reading<std::vector<KnowledgeInWork>>(db_, [&](soci::session& sql) {
    return Result<std::vector<KnowledgeInWork>>(InWork(sql, {KnowledgeStatus::kInReview}));
  });
}

Result<std::vector<KnowledgeInWork>> SqlStore::UnapprovedKnowledge() {
  return sql::Reading<std::vector<KnowledgeInWork>>(db_, [&](soci::session& sql) {
    return Result<std::vector<KnowledgeInWork>>(InWork(
        sql,
        {KnowledgeStatus::kInReview, KnowledgeStatus::kChangesRequested, KnowledgeStatus::kDraft}));
  });
}

}  // namespace meter
