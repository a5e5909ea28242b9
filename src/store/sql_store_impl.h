// Private to store/: the SqlStore class. Its methods are defined by topic in sql_users.cpp,
// sql_rounds.cpp, sql_answers.cpp, sql_plans.cpp and sql_knowledge.cpp; opening and migrating in
// sql_store.cpp.
#pragma once

#include "core/round_rules.h"
#include "core/store.h"
#include "store/round_groups_memo.h"
#include "store/sql_base.h"

namespace meter {

// Row readers shared by the repository files: the columns of one table's row as SOCI reads
// them, and the value they make. Bind() exchanges them with a statement, in the order Columns()
// lists them; Columns("r.", true) prefixes each with a table alias and, for the outer side of a
// LEFT JOIN, COALESCEs it to its empty value (0 or ''), so that a missing row reads as ID 0.
struct SessionRow {
  static std::string Columns(const std::string& alias = "", bool coalesce = false);
  void Bind(soci::statement& st);
  Session Make() const;
  Session s;
  long long user = 0, respondent = 0, created = 0, seen = 0, expires = 0;
};
struct RespondentRow {
  static std::string Columns(const std::string& alias = "", bool coalesce = false);
  void Bind(soci::statement& st);
  Respondent Make() const;
  Respondent r;
  long long id = 0, round = 0, expires = 0, invited = 0, reminded = 0, answered = 0;
  int revoked = 0;
  std::string pillars;
};
struct RoundRow {  // without the groups, which are rows of their own
  static std::string Columns(const std::string& alias = "", bool coalesce = false);
  void Bind(soci::statement& st);
  Round Make() const;
  Round r;
  long long id = 0, created = 0, deadline = 0;
  int year = 0, published = 0;
  std::string status;
};

// The user with `id`, with their countries, inside the caller's transaction or read
// (sql_users.cpp); kNotFound when there is none.
Result<User> LoadUserById(soci::session& sql, long long id);
// The same with kept statements (sql::Kept), for the reads of every request.
Result<User> LoadUserKept(sql::Database& db, soci::session& sql, long long id);

// Makes the knowledge base's search documents again where they were made by another version of
// the normalisation than kSearchTextVersion (core/search_text.h): after migration 7, which left
// them empty, or after an upgrade that changed it. Runs inside the caller's transaction (the
// migration's, sql_store.cpp) and returns how many entries it indexed; throws as SOCI does.
int RefreshKnowledgeSearch(soci::session& sql, const std::string& engine);

// The knowledge entry `slug` with its review, inside the caller's transaction or read
// (sql_knowledge.cpp); nullopt when there is none.
std::optional<StoredKnowledge> ReadStoredKnowledge(soci::session& sql, const std::string& slug);

namespace sql {
// Queues `mail` in the outbox inside the caller's transaction, due at `now`, audited as
// "mail.queue" by `actor`; returns its ID (sql_outbox.cpp). The caller has checked the recipient.
long long EnqueueMail(soci::session& sql, const NewMail& mail, long long now,
                      const std::string& actor);
// kInvalidInput when a text field of `r` holds a NUL (which the database cannot keep).
std::optional<Error> RespondentRefusal(const Respondent& r);
// Round `id`, locked for update until the caller's transaction ends (sql_rounds.cpp), or
// kNotFound, or kConflict when its state does not allow `change`.
Result<Round> LockRoundAccepting(Database& db, soci::session& sql, Id id, RoundChange change);
// Adds `r` to `round` (locked by the caller) inside the caller's transaction, audited
// "respondent.invite": kInvalidInput for a group not of the round, kConflict for a name the round
// has already. Returns the respondent as stored.
Result<Respondent> InsertRespondent(Database& db, soci::session& sql, const Round& round,
                                    const Respondent& r, const std::string& actor);
}  // namespace sql

class SqlStore final : public Store {
 public:
  explicit SqlStore(sql::Database db) : db_(std::move(db)) {}
  std::string Engine() const override { return db_.engine; }
  bool SharesCommits() const override { return db_.engine == "sqlite"; }
  Result<bool> SharingOneCommit(const std::function<void()>& work) override {
    if (!SharesCommits() || sql::SharedCommit::On(db_)) {  // each write its own, or inside one
      work();
      return true;
    }
    return sql::OneCommit(db_, work);
  }

  Result<User> CreateUser(const User& user, const std::string& actor) override;
  Result<User> GetUser(Id id) override;
  Result<User> FindUserByEmail(const std::string& email) override;
  Result<std::vector<User>> ListUsers() override;
  Result<bool> SetPassword(Id user, const std::string& hash, const std::string& actor) override;
  Result<bool> SetUserDisabled(Id user, bool disabled, const std::string& actor) override;
  Result<bool> RecordLoginAttempt(const std::vector<LoginLimit>& limits, Seconds now,
                                  Seconds since) override;
  Result<bool> ForgetLoginAttempt(const std::string& key, Seconds at) override;
  Result<int> CountLoginFailures(const std::string& key, Seconds since) override;
  Result<bool> ClearLoginFailures(const std::string& key) override;
  // User management and password reset links (sql_user_admin.cpp).
  Result<User> UpdateUser(Id user, Role role, const std::vector<std::string>& countries,
                          const std::string& actor) override;
  Result<User> AssignCountry(Id user, const std::string& iso3, bool assign,
                             const std::string& actor) override;
  Result<bool> CreatePasswordReset(Id user, const std::string& token_hash, Seconds expires_at,
                                   const std::string& actor) override;
  Result<User> FindPasswordReset(const std::string& token_hash, Seconds now) override;
  Result<User> UsePasswordReset(const std::string& token_hash, const std::string& password_hash,
                                Seconds now) override;
  Result<std::vector<AuditEvent>> FindAudit(const AuditFilter& filter) override;
  Result<std::vector<std::string>> AuditActions() override;

  Result<bool> CreateSession(const Session& session) override;
  Result<Session> FindSession(const std::string& id_hash, Seconds now) override;
  Result<SessionWithCaller> FindSessionWithCaller(const std::string& id_hash, Seconds now) override;
  Result<bool> TouchSession(const std::string& id_hash, Seconds now, Seconds expires_at) override;
  Result<bool> DeleteSession(const std::string& id_hash) override;

  Result<Round> CreateRound(const NewRound& round, const std::string& actor) override;
  Result<Round> GetRound(Id id) override;
  Result<std::vector<Round>> ListRounds(
      const std::optional<std::vector<std::string>>& countries) override;
  Result<Round> SetRoundStatus(Id id, RoundStatus status, const std::string& actor) override;
  Result<Round> SetGroupWeights(Id id, const std::vector<RespondentGroup>& groups,
                                const std::string& actor) override;
  Result<Round> Publish(Id id, const std::map<std::string, double>& scores,
                        const std::string& actor) override;
  Result<Round> Unpublish(Id id, const std::string& actor) override;
  Result<std::vector<PublishedProfile>> ListPublished() override;
  Result<CacheVersions> CacheVersionsOf(Id id) override;
  Result<RoundWithVersions> GetRoundWithVersions(Id id) override;
  Result<std::map<Id, long long>> RoundVersions() override;
  Result<Respondent> AddRespondent(const Respondent& respondent, const std::string& actor) override;
  Result<Round> SetRoundDeadline(Id id, Seconds deadline, const std::string& actor) override;
  Result<std::vector<Respondent>> InviteRespondents(Id round,
                                                    const std::vector<Invitation>& invitations,
                                                    const std::string& actor) override;
  Result<bool> QueueReminder(const ReminderMark& mark, const std::optional<std::string>& token_hash,
                             const NewMail& mail, Seconds now) override;
  Result<std::vector<ReminderMark>> RemindersOf(Id round) override;
  Result<std::vector<Round>> OpenRounds() override;
  Result<Respondent> GetRespondent(Id id) override;
  Result<Respondent> FindRespondentByToken(const std::string& token_hash) override;
  Result<std::vector<Respondent>> ListRespondents(Id round) override;
  Result<bool> RevokeRespondent(Id respondent, const std::string& actor) override;
  Result<bool> RestoreRespondent(Id respondent, const std::string& actor) override;
  Result<bool> ReissueToken(Id respondent, const std::string& token_hash, Seconds now,
                            const std::string& actor) override;

  Result<SavedAnswers> SaveAnswers(Id respondent, const std::vector<AnswerWrite>& writes,
                                   Seconds now) override;
  Result<std::vector<StoredAnswer>> AnswersOf(Id respondent) override;
  Result<std::vector<StoredAnswer>> AnswersTo(Id respondent,
                                              const std::vector<std::string>& statements) override;
  Result<std::vector<StoredAnswer>> AnswersOfRound(Id round) override;

  Result<std::map<std::string, double>> TargetsOf(Id round) override;
  Result<bool> SetTargets(Id round, const std::map<std::string, double>& targets,
                          const std::string& actor) override;
  Result<std::vector<RoadmapEdit>> RoadmapEditsOf(Id round) override;
  Result<bool> SaveRoadmapEdit(Id round, const RoadmapEdit& edit,
                               const std::string& actor) override;

  Result<StoredKnowledge> SaveKnowledge(const KnowledgeEntry& entry, KnowledgeWrite mode,
                                        std::optional<long long> expected_version,
                                        const std::string& actor) override;
  Result<StoredKnowledge> GetKnowledge(const std::string& slug) override;
  Result<std::vector<KnowledgeSummary>> ListKnowledge(const KnowledgeFilter& filter) override;
  Result<std::vector<KnowledgeSummary>> SearchKnowledge(const std::vector<std::string>& words,
                                                        const KnowledgeFilter& filter,
                                                        size_t limit) override;
  Result<std::vector<KnowledgeSummary>> KnowledgeForSubArea(const std::string& subarea) override;
  Result<std::vector<StoredKnowledge>> AllKnowledge() override;
  Result<KnowledgeSyncReport> SyncKnowledgeFiles(const std::vector<KnowledgeFile>& files,
                                                 const std::vector<std::string>& unreadable,
                                                 const std::string& actor) override;
  // Review of knowledge contributions (sql_knowledge_review.cpp).
  Result<StoredKnowledge> SubmitKnowledge(const std::string& slug, long long expected_version,
                                          const KnowledgeActor& actor) override;
  Result<StoredKnowledge> ReviewKnowledge(const std::string& slug, KnowledgeVerdict verdict,
                                          const std::string& text,
                                          std::optional<long long> expected_version,
                                          const KnowledgeActor& actor) override;
  Result<std::vector<KnowledgeReview>> KnowledgeReviews(const std::string& slug) override;
  Result<std::vector<KnowledgeInWork>> KnowledgeAwaitingReview() override;
  Result<std::vector<KnowledgeInWork>> UnapprovedKnowledge() override;

  Result<std::vector<AuditEvent>> ListAudit(size_t limit) override;

  // The expert channel (sql_instruments.cpp).
  Result<std::vector<std::string>> SyncInstrumentFiles(const std::vector<InstrumentFile>& files,
                                                       const std::string& actor) override;
  Result<std::vector<StoredInstrumentVersion>> ListInstrumentVersions() override;
  Result<StoredInstrumentVersion> GetInstrumentVersion(const std::string& instrument_id,
                                                       const std::string& version) override;
  Result<StoredInstrumentVersion> CreateDraft(const StoredInstrumentVersion& draft,
                                              const std::string& actor) override;
  Result<StoredInstrumentVersion> ReleaseDraft(const std::string& instrument_id,
                                               const std::string& version,
                                               const std::string& released_yaml,
                                               long long expected_revision,
                                               const std::string& actor) override;
  Result<StoredInstrumentVersion> RetireVersion(const std::string& instrument_id,
                                                const std::string& version,
                                                const std::string& actor) override;
  Result<Proposal> CreateProposal(const Proposal& proposal, const std::string& actor) override;
  Result<Proposal> GetProposal(Id id) override;
  Result<std::vector<Proposal>> ListProposals(const std::string& instrument_id,
                                              const std::string& version) override;
  Result<ProposalComment> AddComment(Id proposal, const ProposalComment& comment,
                                     const std::string& actor) override;
  Result<std::vector<ProposalComment>> CommentsOn(Id proposal) override;
  Result<bool> CastVote(Id proposal, const Vote& vote, const std::string& actor) override;
  Result<std::vector<Vote>> VotesOn(Id proposal) override;
  Result<Proposal> DecideProposal(const ProposalDecision& decision,
                                  const std::string& actor) override;

  // Issue 13: the e-mail outbox (sql_outbox.cpp) and what users saw of the changes
  // and chose for the digest (sql_changes.cpp).
  Result<OutboxMessage> EnqueueMail(const NewMail& mail, Seconds now,
                                    const std::string& actor) override;
  Result<std::vector<OutboxMessage>> ClaimMail(const std::string& node, Seconds now, Seconds lease,
                                               size_t limit) override;
  Result<bool> MarkMailSent(const OutboxMessage& claimed, const std::string& node,
                            Seconds now) override;
  Result<bool> MarkMailFailed(const OutboxMessage& claimed, const std::string& node,
                              const std::string& error, std::optional<Seconds> retry_at,
                              Seconds now) override;
  Result<std::vector<OutboxMessage>> ListMail(size_t limit) override;
  Result<std::vector<OutboxMessage>> MailOfRound(Id round) override;
  Result<ChangesState> ChangesStateOf(Id user) override;
  Result<std::vector<AuditEvent>> EventsAfter(long long after,
                                              const std::vector<std::string>& actions,
                                              size_t limit) override;
  Result<bool> RecordChangesVisit(Id user, long long up_to, Seconds now) override;
  Result<ChangesState> SetDigest(Id user, bool on, const std::string& language, Seconds now,
                                 const std::string& actor) override;
  Result<std::vector<Id>> DueDigests(Seconds now) override;
  Result<std::optional<DigestClaim>> ClaimDigest(Id user, const std::string& node, Seconds now,
                                                 Seconds lease) override;
  Result<bool> CompleteDigest(Id user, const std::string& node, long long up_to, Seconds next_due,
                              const std::optional<NewMail>& mail, Seconds now) override;

  // Issue 14: the UN E-Government Survey's figures (sql_egdi.cpp).
  Result<size_t> ImportEgdi(int year, const std::vector<EgdiRow>& rows,
                            const std::string& actor) override;
  Result<std::vector<EgdiRow>> EgdiOf(const std::string& iso3) override;
  Result<std::vector<EgdiRow>> EgdiYear(int year) override;
  Result<std::vector<int>> EgdiYears() override;

  // Issue 15: readiness, metrics and the audit events of signing in and out (sql_health.cpp).
  Result<int> SchemaVersionNow() override;
  Result<std::string> NotAdditiveSince(int version) override;
  int KnownSchemaVersion() const override;
  PoolUse PoolUsage() const override;
  Result<long long> OutboxWaiting() override;
  Result<bool> RecordAudit(const std::string& actor, const std::string& action,
                           const std::string& target, const std::string& detail) override;

 private:
  sql::Database db_;
  RoundGroupsMemo round_groups_;  // for FindSessionWithCaller
};

}  // namespace meter
