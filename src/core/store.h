// The persistence interface core declares and store/ implements (SQLite, PostgreSQL through SOCI).
//
// Every method that changes anything is one transaction: it is applied whole or not at all, and a
// reader never sees half of it. Methods that record a user action also write its audit event in the
// same transaction. Failures: kNotFound (no such row), kConflict (a duplicate, a stale answer
// version, a round that does not accept the change), kInvalidInput (a value the schema refuses),
// kUnavailable (the database cannot be reached or written: disk full, read-only, gone).
//
// Implementations are safe to call from many threads at once; each call borrows a connection from a
// pool. The Store owns its connections; callers own the values they pass and get back.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/problem.h"
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

  // Login throttling, shared by every app node: records one failure for `key` (an account or an
  // address) and returns how many there have been since `since`.
  virtual Result<int> RecordLoginFailure(const std::string& key, Seconds now, Seconds since) = 0;
  virtual Result<int> CountLoginFailures(const std::string& key, Seconds since) = 0;
  virtual Result<bool> ClearLoginFailures(const std::string& key) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<bool> CreateSession(const Session& session) = 0;
  // kNotFound when absent or expired at `now`.
  virtual Result<Session> FindSession(const std::string& id_hash, Seconds now) = 0;
  virtual Result<bool> TouchSession(const std::string& id_hash, Seconds now,
                                    Seconds expires_at) = 0;
  virtual Result<bool> DeleteSession(const std::string& id_hash) = 0;
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
  // group or a weight that is not positive.
  virtual Result<Round> SetGroupWeights(Id id, const std::vector<RespondentGroup>& groups,
                                        const std::string& actor) = 0;
  // Publishing shares a closed round's scores with other countries (benchmarks, peer learning).
  // kConflict when publishing a round that is not closed. Reopening a round withdraws it.
  virtual Result<Round> SetPublished(Id id, bool published, const std::string& actor) = 0;
  // Every published round, oldest year first.
  virtual Result<std::vector<Round>> ListPublishedRounds() = 0;

  // kInvalidInput when the group is not one of the round's.
  virtual Result<Respondent> AddRespondent(const Respondent& respondent,
                                           const std::string& actor) = 0;
  virtual Result<Respondent> GetRespondent(Id id) = 0;
  virtual Result<Respondent> FindRespondentByToken(const std::string& token_hash) = 0;
  virtual Result<std::vector<Respondent>> ListRespondents(Id round) = 0;
  virtual Result<bool> RevokeRespondent(Id respondent, const std::string& actor) = 0;
  // A reminder: replaces the respondent's invitation token (the old link stops working; answers
  // stay) and records when.
  virtual Result<bool> ReissueToken(Id respondent, const std::string& token_hash, Seconds now,
                                    const std::string& actor) = 0;
};

class AnswerRepository {
 public:
  virtual ~AnswerRepository() = default;
  // Applies every write for one respondent, or none: kConflict (naming the statement) when any
  // expected version is stale or the round is not open. Returns the answers as stored.
  virtual Result<std::vector<StoredAnswer>> SaveAnswers(Id respondent,
                                                        const std::vector<AnswerWrite>& writes,
                                                        Seconds now) = 0;
  virtual Result<std::vector<StoredAnswer>> AnswersOf(Id respondent) = 0;
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

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Newest first, at most `limit`.
  virtual Result<std::vector<AuditEvent>> ListAudit(size_t limit) = 0;
};

class Store : public UserRepository,
              public SessionRepository,
              public RoundRepository,
              public AnswerRepository,
              public PlanRepository,
              public AuditRepository {
 public:
  // A short name of the engine, "sqlite" or "postgresql", for logs.
  virtual std::string Engine() const = 0;
};

}  // namespace meter
