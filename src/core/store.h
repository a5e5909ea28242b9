// The persistence interface core declares and store/ implements (SQLite, PostgreSQL through SOCI).
//
// Every method that changes anything is one transaction: it is applied whole or not at all, and a
// reader never sees half of it. Methods that record a user action also write its audit event in the
// same transaction. Failures: kNotFound (no such row), kConflict (a duplicate, a stale answer
// version, a round that does not accept the change), kInvalidInput (a value the schema refuses),
// kStorageFull (the disk is full: nothing was written, and writes work again once space is
// freed), kUnavailable (the database cannot be reached or written: read-only, gone).
//
// Implementations are safe to call from many threads at once; each call borrows a connection from a
// pool. The Store owns its connections; callers own the values they pass and get back.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/benchmarks.h"
#include "core/domain.h"
#include "core/egdi.h"
#include "core/knowledge.h"
#include "core/knowledge_review.h"
#include "core/problem.h"
#include "core/proposal.h"
#include "core/roadmap.h"

namespace meter {

struct NewRound {
  std::string country;
  std::string title;
  int year = 0;
  std::string instrument_id;
  std::string instrument_version;
  std::vector<RespondentGroup> groups;
};

// One sign-in limit: at most `limit` attempts under `key` within the window.
struct LoginLimit {
  std::string key;
  int limit = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // kConflict when the e-mail is taken. Returns the user with its new id.
  virtual Result<User> CreateUser(const User& user, const std::string& actor) = 0;
  virtual Result<User> GetUser(Id id) = 0;
  // `email` is compared lower-case.
  virtual Result<User> FindUserByEmail(const std::string& email) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<bool> SetPassword(Id user, const std::string& hash, const std::string& actor) = 0;
  virtual Result<bool> SetUserDisabled(Id user, bool disabled, const std::string& actor) = 0;

  // Sign-in throttling, shared by every app node. A sign-in records its attempt under each key
  // (an account, an address) BEFORE its password is checked, in one transaction that counts each
  // key's attempts since `since` and, only when every count is below its limit, records one
  // attempt at `now` under every key. Attempts on one key are serialised (SQLite's write lock, a
  // PostgreSQL advisory lock per key), so however many run at once, at most `limit` per key and
  // window get through. Returns true when recorded (check the password), false when a key is at
  // its limit (nothing recorded: refuse without checking).
  virtual Result<bool> RecordLoginAttempt(const std::vector<LoginLimit>& limits, Seconds now,
                                          Seconds since) = 0;
  // Takes back one attempt of `key` recorded at `at`: a sign-in that succeeded was no failure.
  virtual Result<bool> ForgetLoginAttempt(const std::string& key, Seconds at) = 0;
  virtual Result<int> CountLoginFailures(const std::string& key, Seconds since) = 0;
  virtual Result<bool> ClearLoginFailures(const std::string& key) = 0;

  // The secretariat's user management (issue 11, item 20), each change audited as `actor`.
  // Replaces a user's role and countries ("user.edit"). kNotFound for no such user.
  virtual Result<User> UpdateUser(Id user, Role role, const std::vector<std::string>& countries,
                                  const std::string& actor) = 0;
  // Issue 14, country management: makes the coordinator `user` coordinate `iso3` (assign) or stop
  // coordinating it, audited as "country.coordinator_add" / "country.coordinator_remove" on the
  // target "country:ISO3" with the user's e-mail. kNotFound for no such user; kInvalidInput (where
  // "email") when a user to assign is not a coordinator; adding a country the user already has, or
  // removing one they do not, changes and audits nothing. The caller checks that `iso3` is a
  // member state.
  virtual Result<User> AssignCountry(Id user, const std::string& iso3, bool assign,
                                     const std::string& actor) = 0;
  // Stores a one-time password reset link for `user` (only the token's hash), replacing any
  // earlier one of that user ("user.reset_link"). kNotFound for no such user.
  virtual Result<bool> CreatePasswordReset(Id user, const std::string& token_hash,
                                           Seconds expires_at, const std::string& actor) = 0;
  // The user a reset link is for; kNotFound when it is unknown, used or expired at `now`.
  virtual Result<User> FindPasswordReset(const std::string& token_hash, Seconds now) = 0;
  // Uses a reset link once: sets the password hash, deletes the link and every session of the
  // user, audited as done by the user ("user.password_reset"). kNotFound as FindPasswordReset.
  virtual Result<User> UsePasswordReset(const std::string& token_hash,
                                        const std::string& password_hash, Seconds now) = 0;
};

// A session with the user or the respondent it belongs to (and the respondent's round), read
// together (FindSessionWithCaller).
struct SessionWithCaller {
  Session session;
  std::optional<User> user;              // a user's session, while the user exists
  std::optional<Respondent> respondent;  // a respondent's session, while the respondent exists
  std::optional<Round> round;            // the respondent's round, with its groups
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<bool> CreateSession(const Session& session) = 0;
  // kNotFound when absent or expired at `now`.
  virtual Result<Session> FindSession(const std::string& id_hash, Seconds now) = 0;
  // The same, with the user's record (their countries too), or the respondent's record and round,
  // in one read: every request needs them first, and on PostgreSQL each separate read is a round
  // trip and a pooled connection lent again.
  virtual Result<SessionWithCaller> FindSessionWithCaller(const std::string& id_hash,
                                                          Seconds now) = 0;
  virtual Result<bool> TouchSession(const std::string& id_hash, Seconds now,
                                    Seconds expires_at) = 0;
  virtual Result<bool> DeleteSession(const std::string& id_hash) = 0;
};

// The versions the web's caches of scores are kept by (web/score_cache.h): each grows by one in
// the same transaction as every write that changes what it covers, so that a reader who sees a
// version sees every write acknowledged before it. 0 until the first such write. A round's version
// is the sum of counters, never one that goes down: a save counts on its respondent's row, every
// other write of the round on the round's own (so that saves of one round do not wait for each
// other on PostgreSQL), and no state of the round shares its sum with another. Closing a round
// moves its respondents' counts onto its own row, the sum unchanged.
//   round:     the round's answers, respondents (invited, revoked, restored, reminded), group
//              weights, status (open, close, reopen), publication, targets and roadmap edits. A
//              round's instrument never changes (a released version is immutable), so no write of
//              it exists.
//   published: any round published, unpublished or withdrawn by a reopen (benchmarks, peers).
//   knowledge: any knowledge entry saved, synced, submitted or reviewed (the Way Forward's links).
//   egdi:      any import of the UN E-Government Survey's figures.
struct CacheVersions {
  long long round = 0, published = 0, knowledge = 0, egdi = 0;
  bool operator==(const CacheVersions&) const = default;
};

// A round and its cache versions, read together (GetRoundWithVersions).
struct RoundWithVersions {
  Round round;
  CacheVersions versions;
};

// What an outbox message is about, for the round page ("invitation", "reminder-7d", …; empty for
// the digests): the kinds are core/round_mail.h's.
struct MailAbout {
  Id round_id = 0;
  Id respondent_id = 0;  // 0: to a coordinator, or not about a respondent
  std::string kind = "";
};

// Marks where a message's body holds its secret (an invitation token): the outbox keeps the
// secret apart, and the sender puts it in (WithSecret) when it sends the message, so that the
// secret is erased from the database once the message was sent or given up on.
inline constexpr const char* kMailSecretMarker = "{{secret}}";

// A message in the outbox: waiting (sent_at and failed_at 0), sent, or given up on (failed_at).
struct OutboxMessage {
  Id id = 0;
  std::string recipient, subject, body_text;
  Seconds created_at = 0;
  int attempts = 0;  // attempts begun, counted when a node claims the message
  Seconds next_attempt_at = 0;
  Seconds sent_at = 0;
  Seconds failed_at = 0;
  std::string last_error;
  std::string recipient_name = "", language = "";
  std::string secret = "";  // empty once sent or given up on
  MailAbout about = {};
};

struct NewMail {
  std::string recipient;  // one address (CheckMailAddress)
  std::string subject, body_text;
  std::string recipient_name = "";  // the display name in To:
  std::string language = "";        // the language it is written in ("fr")
  std::string secret = "";          // replaces kMailSecretMarker in body_text when sent
  MailAbout about = {};
};

// One invitation of InviteRespondents: the respondent (with the hash of their token) and the
// message that tells them, if any.
struct Invitation {
  Respondent respondent;
  std::optional<NewMail> mail;
};

// A reminder or notice queued once (QueueReminder): to respondent `respondent_id` (user_id 0) or
// to coordinator `user_id` (respondent_id 0), of `kind` (core/round_mail.h).
struct ReminderMark {
  Id round_id = 0;
  Id respondent_id = 0;
  Id user_id = 0;
  std::string kind;
};

class RoundRepository {
 public:
  virtual ~RoundRepository() = default;
  virtual Result<Round> CreateRound(const NewRound& round, const std::string& actor) = 0;
  virtual Result<Round> GetRound(Id id) = 0;
  // Every round when `countries` is nullopt, else those of the listed countries; newest first.
  virtual Result<std::vector<Round>> ListRounds(
      const std::optional<std::vector<std::string>>& countries) = 0;
  // Draft → open → closed, and closed → open (reopen). kConflict for any other change.
  virtual Result<Round> SetRoundStatus(Id id, RoundStatus status, const std::string& actor) = 0;
  // Replaces the weights of the round's existing groups (by name). kInvalidInput for an unknown
  // group or a weight that is not positive; kConflict when the round is closed (CheckRoundAccepts).
  virtual Result<Round> SetGroupWeights(Id id, const std::vector<RespondentGroup>& groups,
                                        const std::string& actor) = 0;
  // Publishing shares a closed round's scores with other countries (benchmarks, peer learning):
  // `scores` (the round's profile, core/benchmarks.h) are stored with it, so that readers need
  // neither its answers nor its instrument. kConflict when the round is not closed. Reopening a
  // round, or Unpublish, withdraws it and its scores.
  virtual Result<Round> Publish(Id id, const std::map<std::string, double>& scores,
                                const std::string& actor) = 0;
  virtual Result<Round> Unpublish(Id id, const std::string& actor) = 0;
  // Every published round with its published scores, oldest year first.
  virtual Result<std::vector<PublishedProfile>> ListPublished() = 0;
  // The versions of round `id` and of what every round's pages share, read in one statement (a
  // round that does not exist has round version 0). Fails with kUnavailable.
  virtual Result<CacheVersions> CacheVersionsOf(Id id) = 0;
  // GetRound and CacheVersionsOf in one read, one consistent state: every view of a score page
  // needs both. kNotFound when there is no round `id`; kUnavailable.
  virtual Result<RoundWithVersions> GetRoundWithVersions(Id id) = 0;
  // Every round's version (CacheVersions::round) by round ID, in one statement; a round missing
  // from it has version 0. For pages over many rounds (the campaign). Fails with kUnavailable.
  virtual Result<std::map<Id, long long>> RoundVersions() = 0;

  // Sets round `id`'s deadline (0: none), audited "round.deadline". The caller has checked it
  // (CheckDeadline). kConflict when the round is closed (CheckRoundAccepts, kInvitations).
  virtual Result<Round> SetRoundDeadline(Id id, Seconds deadline, const std::string& actor) = 0;
  // Invites every respondent of `invitations` to round `round`, each with its message queued in
  // the outbox (when it has one; the store fills in MailAbout), in one transaction: all or none.
  // kInvalidInput when a group is not one of the round's; kConflict when the round is closed or
  // a name is already a respondent of the round (naming it). Returns them as stored, in order.
  virtual Result<std::vector<Respondent>> InviteRespondents(
      Id round, const std::vector<Invitation>& invitations, const std::string& actor) = 0;
  // Queues `mail` for reminder `mark` unless that reminder was queued before, in one transaction
  // with the mark (whose key is unique, so that of two nodes queueing it at once one does) and,
  // for a respondent's reminder with `token_hash`, their new link (as ReissueToken, but keeping
  // their sessions). True when queued, false when it was queued already (nothing written).
  // kConflict when the round is no longer open.
  virtual Result<bool> QueueReminder(const ReminderMark& mark,
                                     const std::optional<std::string>& token_hash,
                                     const NewMail& mail, Seconds now) = 0;
  // The reminders and notices queued for round `round` (QueueReminder), in no set order.
  virtual Result<std::vector<ReminderMark>> RemindersOf(Id round) = 0;
  // The open rounds, by ID, with their groups: what the mail worker looks at for reminders.
  virtual Result<std::vector<Round>> OpenRounds() = 0;

  // kInvalidInput when the group is not one of the round's; kConflict when the round is closed
  // (CheckRoundAccepts, as for SetGroupWeights and ReissueToken).
  virtual Result<Respondent> AddRespondent(const Respondent& respondent,
                                           const std::string& actor) = 0;
  virtual Result<Respondent> GetRespondent(Id id) = 0;
  virtual Result<Respondent> FindRespondentByToken(const std::string& token_hash) = 0;
  virtual Result<std::vector<Respondent>> ListRespondents(Id round) = 0;
  virtual Result<bool> RevokeRespondent(Id respondent, const std::string& actor) = 0;
  // A reminder: replaces the respondent's invitation token (the old link stops working; answers
  // stay) and records when. kConflict when the round is closed.
  virtual Result<bool> ReissueToken(Id respondent, const std::string& token_hash, Seconds now,
                                    const std::string& actor) = 0;
  // Restores a withdrawn respondent: their link works again, their answers are as they were;
  // audited. True, and nothing written, when they were not withdrawn. Allowed in any round state,
  // as withdrawing is: neither changes the results.
  virtual Result<bool> RestoreRespondent(Id respondent, const std::string& actor) = 0;
};

class AnswerRepository {
 public:
  virtual ~AnswerRepository() = default;
  // Applies every write for one respondent, or none: kConflict (naming the statement) when any
  // expected version is stale or the round is not open. Updates Respondent::answered in the same
  // transaction. Returns the answers as stored and the respondent's count after the save.
  virtual Result<SavedAnswers> SaveAnswers(Id respondent, const std::vector<AnswerWrite>& writes,
                                           Seconds now) = 0;
  virtual Result<std::vector<StoredAnswer>> AnswersOf(Id respondent) = 0;
  // The respondent's answers to the given statements (a questionnaire page), in no set order;
  // a statement without an answer is left out.
  virtual Result<std::vector<StoredAnswer>> AnswersTo(
      Id respondent, const std::vector<std::string>& statements) = 0;
  virtual Result<std::vector<StoredAnswer>> AnswersOfRound(Id round) = 0;
};

// What the coordinator decided about a round's Way Forward: targets per pillar and roadmap edits.
class PlanRepository {
 public:
  virtual ~PlanRepository() = default;
  // Pillar ID → target score.
  virtual Result<std::map<std::string, double>> TargetsOf(Id round) = 0;
  // Replaces every target of the round (pillars not in `targets` have none). The caller has
  // checked the values (CheckTarget).
  virtual Result<bool> SetTargets(Id round, const std::map<std::string, double>& targets,
                                  const std::string& actor) = 0;
  virtual Result<std::vector<RoadmapEdit>> RoadmapEditsOf(Id round) = 0;
  // Inserts or replaces the edit of `edit.subarea`. The caller has checked it (CheckRoadmapEdit).
  virtual Result<bool> SaveRoadmapEdit(Id round, const RoadmapEdit& edit,
                                       const std::string& actor) = 0;
};

// An entry as the database keeps it. `origin` is "file" while the entry is as its file of
// content/knowledge/ says, "web" once it was created or edited in the web UI. `file_hash` is the
// hash of the file version last synced into it (empty for an entry made in the web). `version`
// grows by one with every write.
struct StoredKnowledge {
  KnowledgeEntry entry;
  std::string origin;
  std::string file_hash;
  long long version = 0;
  Seconds updated_at = 0;
  std::string updated_by;
  // The review (core/knowledge_review.h): files are approved; an entry made in the web starts as
  // a draft of its `author`; `submitted_by` and `submitted_at` (0: never) are of the last
  // submission for review.
  KnowledgeStatus status = KnowledgeStatus::kApproved;
  std::string author, submitted_by;
  Seconds submitted_at = 0;

  KnowledgeState State() const { return {status, author}; }
};

// An entry on its way to approval, as the review queue lists it.
struct KnowledgeInWork {
  KnowledgeSummary entry;
  KnowledgeStatus status = KnowledgeStatus::kDraft;
  std::string author, submitted_by;
  Seconds submitted_at = 0;
};

// Every field that is not empty must match; pillar and sub-area match any of the entry's.
struct KnowledgeFilter {
  std::string kind, pillar, subarea, country;
};

// One readable, valid file of content/knowledge/.
struct KnowledgeFile {
  KnowledgeEntry entry;
  std::string hash;  // of the file's bytes
  std::string path;  // for the audit log
};

// What a sync changed, by slug.
struct KnowledgeSyncReport {
  std::vector<std::string> added, updated, removed;
  // Entries edited in the web whose file changed too: the web version was kept.
  std::vector<std::string> conflicts;
};

enum class KnowledgeWrite {
  kCreate,  // kConflict when the slug exists
  kUpdate,  // kNotFound when it does not
};

// The knowledge base. Search ranks by relevance (SQLite FTS5 bm25; PostgreSQL ts_rank over a
// tsvector) over the titles and summaries in every language, the body, pillars, sub-areas, country
// and region.
class KnowledgeRepository {
 public:
  virtual ~KnowledgeRepository() = default;
  // Writes an entry made or edited in the web UI by `actor` (origin "web"), with its search row
  // and an audit event. kConflict when `expected_version` is given and the stored entry has another
  // one (someone saved it meanwhile). The caller has checked the entry (CheckKnowledgeEntry).
  virtual Result<StoredKnowledge> SaveKnowledge(const KnowledgeEntry& entry, KnowledgeWrite mode,
                                                std::optional<long long> expected_version,
                                                const std::string& actor) = 0;
  // kNotFound when there is no such entry.
  virtual Result<StoredKnowledge> GetKnowledge(const std::string& slug) = 0;
  // Entries matching `filter`, by their title in the body's language (SortKnowledgeByTitle orders
  // them for a reader).
  virtual Result<std::vector<KnowledgeSummary>> ListKnowledge(const KnowledgeFilter& filter) = 0;
  // Entries matching every word of `words` (KnowledgeSearchTerms) and `filter`, best first, at
  // most `limit`. A word matches in the title or summary of any language, the body, or the tags,
  // as the store's search documents hold them (KnowledgeSearchTextOf, normalised as
  // core/search_text.h says, the same on every engine). The words are matched as plain text: no
  // input is query syntax. No words, no entries.
  virtual Result<std::vector<KnowledgeSummary>> SearchKnowledge(
      const std::vector<std::string>& words, const KnowledgeFilter& filter, size_t limit) = 0;
  // Entries tagged with the sub-area, cases before lessons, then by title in the body's language.
  virtual Result<std::vector<KnowledgeSummary>> KnowledgeForSubArea(const std::string& subarea) = 0;
  // Every entry in full, by slug (for the export).
  virtual Result<std::vector<StoredKnowledge>> AllKnowledge() = 0;
  // Brings the entries of content/knowledge/ in, in one transaction, each change audited as
  // `actor`. A file's entry is added when new, replaced when its hash changed, and removed when
  // its file is gone from both `files` and `unreadable` (the slugs of files that exist but could
  // not be read or parsed: their entries stay as they are). An entry edited in the web ("web") is
  // never overwritten or removed: when the file's entry equals it, it belongs to its file again;
  // when the file changed after the version the web edit started from, it is a conflict.
  virtual Result<KnowledgeSyncReport> SyncKnowledgeFiles(const std::vector<KnowledgeFile>& files,
                                                         const std::vector<std::string>& unreadable,
                                                         const std::string& actor) = 0;

  // Review of knowledge contributions (issue 13; rules in core/knowledge_review.h). Only approved
  // entries are listed, searched, exported and tagged to sub-areas above; GetKnowledge returns any.
  // Submits an entry for review (CheckSubmit), audited "knowledge.submit". kNotFound, kConflict
  // when the rules refuse or the entry's version is not `expected_version`.
  virtual Result<StoredKnowledge> SubmitKnowledge(const std::string& slug,
                                                  long long expected_version,
                                                  const KnowledgeActor& actor) = 0;
  // Adds a review to the entry's thread and moves its status (CheckReview, StatusAfter), audited
  // "knowledge.review" with the verdict as detail, and "knowledge.approve" too when it approves.
  // Changes and approval must name the version the reviewer read (kConflict when stale); a
  // comment changes no status and needs no version. kNotFound, kConflict, kInvalidInput.
  virtual Result<StoredKnowledge> ReviewKnowledge(const std::string& slug, KnowledgeVerdict verdict,
                                                  const std::string& text,
                                                  std::optional<long long> expected_version,
                                                  const KnowledgeActor& actor) = 0;
  // The entry's review thread, oldest first (empty for an unknown slug).
  virtual Result<std::vector<KnowledgeReview>> KnowledgeReviews(const std::string& slug) = 0;
  // Entries in review, the longest waiting first, with who submitted them and when.
  virtual Result<std::vector<KnowledgeInWork>> KnowledgeAwaitingReview() = 0;
  // Every entry that is not approved (drafts, in review, changes requested), by status in that
  // order of the workflow's end (in review, changes requested, drafts), then oldest first.
  virtual Result<std::vector<KnowledgeInWork>> UnapprovedKnowledge() = 0;
};

// Every field that is set must match: `actor` exactly, `action` exactly, `round` as the target
// "round:ID" (or, when `round` is 0, `target` exactly: "country:KEN"), `from` ≤ at < `to`
// (seconds; 0 for no bound).
struct AuditFilter {
  std::string actor, action;
  Id round = 0;
  std::string target{};
  Seconds from = 0, to = 0;
  size_t offset = 0, limit = 50;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Newest first, at most `limit`.
  virtual Result<std::vector<AuditEvent>> ListAudit(size_t limit) = 0;
  // The events matching `filter`, newest first, skipping `filter.offset`, at most `filter.limit`
  // (issue 11, item 20: the audit log's pages and filters).
  virtual Result<std::vector<AuditEvent>> FindAudit(const AuditFilter& filter) = 0;
  // Every action name the log holds, in order (for the filter's choices).
  virtual Result<std::vector<std::string>> AuditActions() = 0;
};

// --- The expert channel (issue 13): instrument versions and the proposals that change drafts. ---

// One instrument version as the database keeps it: its canonical YAML text (core/
// instrument_writer.h), the source of truth for the version. `status` is "draft", "released" or
// "retired"; released and retired versions never change. `origin` is "file" while the version is
// as its file of content/instruments/ says, "web" once the channel changed it. `based_on` is the
// released version a draft follows (its mapping is from there); `revision` grows by one with
// every accepted proposal.
struct StoredInstrumentVersion {
  std::string instrument_id, version, status;
  std::string yaml;
  std::string origin, based_on;
  long long revision = 1;
  Seconds updated_at = 0;
  std::string updated_by;
};

// One readable, valid file of content/instruments/.
struct InstrumentFile {
  std::string instrument_id, version, status;  // as the file says
  std::string yaml;                            // its bytes
  std::string path;                            // for messages and the audit log
};

// The secretariat's verdict on a proposal. For an acceptance, `draft_yaml` is the draft with the
// change applied (ApplyProposal) and `draft_revision` the revision it was computed from.
struct ProposalDecision {
  Id proposal = 0;
  ProposalStatus verdict = ProposalStatus::kAccepted;
  std::string reason;
  long expected_stamp = 0;
  std::string draft_yaml;
  long long draft_revision = 0;
};

class InstrumentChannelRepository {
 public:
  virtual ~InstrumentChannelRepository() = default;
  // Brings content/instruments/ in, in one transaction. A new version is added as its file says.
  // A released (or retired) version whose file's bytes now differ from the stored text is refused
  // with kConflict naming the file: released versions never change. A draft still as its file left
  // it (origin "file") is replaced by a changed file; a draft changed through the channel keeps its
  // text. Returns the versions added or replaced, as "id version".
  virtual Result<std::vector<std::string>> SyncInstrumentFiles(
      const std::vector<InstrumentFile>& files, const std::string& actor) = 0;
  // Every version, by instrument and version.
  virtual Result<std::vector<StoredInstrumentVersion>> ListInstrumentVersions() = 0;
  // kNotFound when there is no such version.
  virtual Result<StoredInstrumentVersion> GetInstrumentVersion(const std::string& instrument_id,
                                                               const std::string& version) = 0;
  // Adds a draft made in the web (origin "web", revision 1). kConflict when the version exists.
  virtual Result<StoredInstrumentVersion> CreateDraft(const StoredInstrumentVersion& draft,
                                                      const std::string& actor) = 0;
  // Stores the released text of a draft. kConflict when the draft's revision is no longer
  // `expected_revision` or it is not a draft any more.
  virtual Result<StoredInstrumentVersion> ReleaseDraft(const std::string& instrument_id,
                                                       const std::string& version,
                                                       const std::string& released_yaml,
                                                       long long expected_revision,
                                                       const std::string& actor) = 0;
  // A released version no longer offered to new rounds. kConflict unless it is released.
  virtual Result<StoredInstrumentVersion> RetireVersion(const std::string& instrument_id,
                                                        const std::string& version,
                                                        const std::string& actor) = 0;

  // A new open proposal on a draft; kConflict when the version is not a draft. Audited as
  // "proposal.create" with the target "proposal:ID".
  virtual Result<Proposal> CreateProposal(const Proposal& proposal, const std::string& actor) = 0;
  virtual Result<Proposal> GetProposal(Id id) = 0;
  // The proposals on one version, oldest first.
  virtual Result<std::vector<Proposal>> ListProposals(const std::string& instrument_id,
                                                      const std::string& version) = 0;
  // Oldest first. kNotFound for an unknown parent comment; audited "proposal.comment".
  virtual Result<ProposalComment> AddComment(Id proposal, const ProposalComment& comment,
                                             const std::string& actor) = 0;
  virtual Result<std::vector<ProposalComment>> CommentsOn(Id proposal) = 0;
  // Sets or replaces `vote.voter`'s vote; kConflict once the proposal is decided. Audited
  // "proposal.vote".
  virtual Result<bool> CastVote(Id proposal, const Vote& vote, const std::string& actor) = 0;
  virtual Result<std::vector<Vote>> VotesOn(Id proposal) = 0;
  // Records the verdict, in one transaction with, for an acceptance, the draft's new revision.
  // kConflict when the proposal's stamp is not `expected_stamp` (someone acted meanwhile), it is
  // decided already (only a deferred one may be decided again), or the draft moved past
  // `draft_revision`. Audited "proposal.decide" with the verdict.
  virtual Result<Proposal> DecideProposal(const ProposalDecision& decision,
                                          const std::string& actor) = 0;
};

// --- Issue 13: the e-mail outbox, and what each user saw of the changes (the experts' page and
// digest). ---

// The outbox is shared by every app node on one database: a message is claimed by one node at a
// time, atomically (a conditional UPDATE that only one transaction can win), and a claim lasts
// until `now + lease`, after which another node may take the message again (its sender died).
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues a message, due at once, audited as "mail.queue" by `actor`. kInvalidInput for a
  // recipient that is not one address. Other stores write messages in their own transactions
  // (sql::EnqueueMail), so that a message exists exactly when what it tells about does.
  virtual Result<OutboxMessage> EnqueueMail(const NewMail& mail, Seconds now,
                                            const std::string& actor) = 0;
  // Claims up to `limit` messages due at `now` (waiting, next attempt reached, no live claim)
  // for `node` until `now + lease`, oldest first, counting one attempt for each.
  virtual Result<std::vector<OutboxMessage>> ClaimMail(const std::string& node, Seconds now,
                                                       Seconds lease, size_t limit) = 0;
  // Records that `claimed` (as ClaimMail returned it to `node`) was sent. kConflict when the
  // claim is no longer `node`'s: it expired and another node took the message.
  virtual Result<bool> MarkMailSent(const OutboxMessage& claimed, const std::string& node,
                                    Seconds now) = 0;
  // Records a failed attempt with its error: tried again at `retry_at`, or, when nullopt, given
  // up (failed_at = now) and audited as "mail.failed" with the recipient and the error.
  // kConflict as MarkMailSent.
  virtual Result<bool> MarkMailFailed(const OutboxMessage& claimed, const std::string& node,
                                      const std::string& error, std::optional<Seconds> retry_at,
                                      Seconds now) = 0;
  // The newest `limit` messages, newest first (for operators and tests).
  virtual Result<std::vector<OutboxMessage>> ListMail(size_t limit) = 0;
  // Every message about round `round` (MailAbout), oldest first, without their secrets: what the
  // round page shows per respondent.
  virtual Result<std::vector<OutboxMessage>> MailOfRound(Id round) = 0;
};

// What a user saw of the changes (/changes) and chose for the daily digest. The marks are audit
// event IDs, so that events of the same second are told apart.
struct ChangesState {
  long long seen_up_to = 0;  // the last event shown on their page
  Seconds seen_at = 0;       // their last visit; 0 for none
  bool digest = false;
  std::string digest_language;  // the page's language when they chose the digest
  long long digest_up_to = 0;   // the last event their digest covered
  Seconds digest_due_at = 0;
};

// A user's digest, claimed for one node (ClaimDigest).
struct DigestClaim {
  User user;
  ChangesState state;
};

class ChangesRepository {
 public:
  virtual ~ChangesRepository() = default;
  // The user's state; the default one for a user who never visited.
  virtual Result<ChangesState> ChangesStateOf(Id user) = 0;
  // Audit events after the ID `after` whose action is one of `actions`, newest first, at most
  // `limit`.
  virtual Result<std::vector<AuditEvent>> EventsAfter(long long after,
                                                      const std::vector<std::string>& actions,
                                                      size_t limit) = 0;
  // Records a visit at `now` that showed events up to the ID `up_to` (a mark never goes back).
  virtual Result<bool> RecordChangesVisit(Id user, long long up_to, Seconds now) = 0;
  // Turns the user's digest on (in `language`, first due a day after `now`, covering what
  // happens from now on) or off; audited as "changes.digest" by `actor`. kNotFound for no user.
  virtual Result<ChangesState> SetDigest(Id user, bool on, const std::string& language, Seconds now,
                                         const std::string& actor) = 0;
  // The users whose digest is due at `now` and not claimed by a live claim.
  virtual Result<std::vector<Id>> DueDigests(Seconds now) = 0;
  // Claims the user's digest for `node` until `now + lease`: nullopt when it is not due, or
  // another node holds it (only one transaction can win the conditional UPDATE).
  virtual Result<std::optional<DigestClaim>> ClaimDigest(Id user, const std::string& node,
                                                         Seconds now, Seconds lease) = 0;
  // Ends a claimed digest in one transaction: it now covers events up to `up_to`, is next due at
  // `next_due`, and `mail` (when given) is queued in the outbox. kConflict when the claim is no
  // longer `node`'s (nothing is written).
  virtual Result<bool> CompleteDigest(Id user, const std::string& node, long long up_to,
                                      Seconds next_due, const std::optional<NewMail>& mail,
                                      Seconds now) = 0;
};

// Issue 14: the UN E-Government Survey's figures (core/egdi.h), one row per country and year; a
// missing figure is stored as NULL, never as 0.
class EgdiRepository {
 public:
  virtual ~EgdiRepository() = default;
  // Replaces every row of `year` with `rows` (whose own year is ignored) in one transaction,
  // audited as "egdi.import" by `actor` with the count; returns how many rows it stored. The
  // caller has checked the rows (ParseEgdiCsv): kInvalidInput only for a row the schema refuses
  // (a country twice), and then nothing is written.
  virtual Result<size_t> ImportEgdi(int year, const std::vector<EgdiRow>& rows,
                                    const std::string& actor) = 0;
  // Every year of the country `iso3`, oldest first; empty when the survey has none stored.
  virtual Result<std::vector<EgdiRow>> EgdiOf(const std::string& iso3) = 0;
  // Every country of `year`, by ISO code; empty when the year is not stored.
  virtual Result<std::vector<EgdiRow>> EgdiYear(int year) = 0;
  // The years stored, oldest first.
  virtual Result<std::vector<int>> EgdiYears() = 0;
};

// Issue 15: what a node's readiness check (/readyz) and its metrics read of the database.
struct PoolUse {
  size_t size = 0;    // connections the pool keeps open
  size_t in_use = 0;  // lent to a call now
  // Database failures (a statement or connection the engine refused) since the process started,
  // over every store it opened.
  unsigned long long errors = 0;
};

class HealthRepository {
 public:
  virtual ~HealthRepository() = default;
  // The schema version the database holds now (the highest of meter_schema), read on a pooled
  // connection: kUnavailable when the database does not answer, or when no connection is free
  // within about two seconds (every one lent to a call that has not come back).
  virtual Result<int> SchemaVersionNow() = 0;
  // The schema version this METER knows (and migrated the database to when it opened it).
  virtual int KnownSchemaVersion() const = 0;
  // The migrations after `version` that are not additive, as "14, 15", "" when every one is (a
  // node of schema `version` may then serve the database: the rolling-upgrade rule,
  // docs/operations.md). kUnavailable as SchemaVersionNow.
  virtual Result<std::string> NotAdditiveSince(int version) = 0;
  // The pool's use now, without touching the database.
  virtual PoolUse PoolUsage() const = 0;
  // Messages of the outbox waiting to be sent (neither sent nor given up on).
  virtual Result<long long> OutboxWaiting() = 0;
  // An event of its own in the audit log, outside any other write: signing in and out (issue
  // 15), which change nothing else the audit log would show. kUnavailable when it cannot be
  // written; the caller goes on (a sign-in is not refused for want of its audit line).
  virtual Result<bool> RecordAudit(const std::string& actor, const std::string& action,
                                   const std::string& target, const std::string& detail) = 0;
};

class Store : public UserRepository,
              public SessionRepository,
              public RoundRepository,
              public AnswerRepository,
              public PlanRepository,
              public KnowledgeRepository,
              public AuditRepository,
              public InstrumentChannelRepository,
              public OutboxRepository,
              public ChangesRepository,
              public EgdiRepository,
              public HealthRepository {
 public:
  // A short name of the engine, "sqlite" or "postgresql", for logs.
  virtual std::string Engine() const = 0;

  // Group commit: whether SharingOneCommit puts writes together (SQLite, where every commit
  // waits for the disk and writers take turns); false where each write commits by itself as
  // before (PostgreSQL, whose connections commit side by side).
  virtual bool SharesCommits() const { return false; }
  // Runs `work` with every write this thread makes through the store in one transaction, committed
  // once at the end: one sync to disk for many saves. Each write stays all-or-nothing by itself
  // (a savepoint): one refused or failed write is rolled back alone and the others go on. Reads on
  // this thread see the writes made so far; other threads see none of them until the commit.
  // Returns true once committed; an error (kUnavailable) when the commit or the connection failed,
  // and then nothing `work` wrote is stored, whatever each write returned: the caller must not
  // report any of them as saved. Where SharesCommits() is false it just runs `work`. `work` must
  // not wait for another thread's write (it holds the write lock).
  virtual Result<bool> SharingOneCommit(const std::function<void()>& work) {
    work();
    return true;
  }
};

}  // namespace meter
