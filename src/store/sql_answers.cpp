// Answers: optimistic concurrency by version, all-or-nothing saves, only while the round is open.
#include <algorithm>
#include <optional>

#include "log/log.h"
#include "store/sql_store_impl.h"

namespace meter {
namespace {

// The answers matching a WHERE clause on one value of type Key, by respondent and statement
// (sql::Kept; the clause is the variant).
template <typename Key>
struct AnswersQuery {
  AnswersQuery(soci::session& sql, const std::string& where, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(
        st,
        "SELECT a.respondent_id, a.statement, a.value, a.comment, a.evidence_url, a.version, "
        "a.updated_at FROM answers a JOIN respondents r ON r.id = a.respondent_id WHERE " +
            where + " ORDER BY a.respondent_id, a.statement",
        type, soci::into(respondent), soci::into(a.statement), soci::into(a.value),
        soci::into(a.comment), soci::into(a.evidence_url), soci::into(version), soci::into(updated),
        soci::use(key));
  }
  Key key{};
  StoredAnswer a;
  long long respondent = 0, version = 0, updated = 0;
  soci::statement st;  // last: bound to the members above
};

template <typename Key>
std::vector<StoredAnswer> LoadAnswers(sql::Database& db, soci::session& sql,
                                      const std::string& where, const Key& key) {
  std::vector<StoredAnswer> out;
  sql::Kept<AnswersQuery<Key>> q(db, sql, where);
  q->key = key;
  q->st.execute();
  while (q->st.fetch()) {
    StoredAnswer a = q->a;
    a.respondent_id = q->respondent;
    a.version = q->version;
    a.updated_at = q->updated;
    out.push_back(std::move(a));
  }
  return out;
}

// One respondent's answers whose statement IDs sort, byte by byte, between two IDs (sql::Kept; the
// engine is the variant). A questionnaire page's statements share their sub-area's prefix, so the
// range of its first and last ID holds them and hardly anything else; the caller keeps only the
// statements it asked for. PostgreSQL compares in the "C" collation, which is byte order.
struct AnswerRangeQuery {
  AnswerRangeQuery(soci::session& sql, const std::string& engine,
                   soci::details::statement_type type)
      : st(sql) {
    const std::string column = engine == "postgresql" ? "statement COLLATE \"C\"" : "statement";
    sql::Prepare(st,
                 "SELECT statement, value, comment, evidence_url, version, updated_at FROM answers "
                 "WHERE respondent_id = :r AND " +
                     column + " >= :lo AND " + column + " <= :hi",
                 type, soci::into(a.statement), soci::into(a.value), soci::into(a.comment),
                 soci::into(a.evidence_url), soci::into(version), soci::into(updated),
                 soci::use(respondent), soci::use(low), soci::use(high));
  }
  long long respondent = 0;
  std::string low, high;
  StoredAnswer a;
  long long version = 0, updated = 0;
  soci::statement st;  // last: bound to the members above
};

// The statements of a save, kept prepared (sql::Kept) because every autosave runs them.
// The round's status and ID for a respondent; on PostgreSQL the round row is share-locked, so that
// closing the round waits for the save (SQLite's BEGIN IMMEDIATE already serialises the two). The
// engine is the variant.
struct SaveRoundQuery {
  SaveRoundQuery(soci::session& sql, const std::string& engine, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st,
                 "SELECT ro.status, ro.id FROM respondents r JOIN rounds ro ON ro.id = r.round_id "
                 "WHERE r.id = :id" +
                     std::string(engine == "postgresql" ? " FOR SHARE OF ro" : ""),
                 type, soci::into(status, found), soci::into(round), soci::use(respondent));
  }
  long long respondent = 0, round = 0;
  std::string status;
  soci::indicator found = soci::i_null;
  soci::statement st;  // last: bound to the members above
};

struct AnswerVersionQuery {
  AnswerVersionQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st, "SELECT version FROM answers WHERE respondent_id = :r AND statement = :s",
                 type, soci::into(version, has), soci::use(respondent), soci::use(statement));
  }
  long long respondent = 0, version = 0;
  std::string statement;
  soci::indicator has = soci::i_null;
  soci::statement st;  // last: bound to the members above
};

// An answer's new row: an UPDATE of the version `expected` (the variant "update") or an INSERT.
struct AnswerWriteQuery {
  AnswerWriteQuery(soci::session& sql, const std::string& kind, soci::details::statement_type type)
      : st(sql) {
    if (kind == "update") {
      // The version in the WHERE clause makes a concurrent save that got here first win, even
      // where the engine does not serialise the read before it with this write.
      sql::Prepare(st,
                   "UPDATE answers SET value = :v, comment = :c, evidence_url = :e, version = :n, "
                   "updated_at = :at WHERE respondent_id = :r AND statement = :s AND "
                   "version = :expected",
                   type, soci::use(a.value), soci::use(a.comment), soci::use(a.evidence_url),
                   soci::use(next), soci::use(at), soci::use(respondent), soci::use(a.statement),
                   soci::use(expected));
    } else {
      sql::Prepare(st,
                   "INSERT INTO answers (respondent_id, statement, value, comment, evidence_url, "
                   "version, updated_at) VALUES (:r, :s, :v, :c, :e, :n, :at)",
                   type, soci::use(respondent), soci::use(a.statement), soci::use(a.value),
                   soci::use(a.comment), soci::use(a.evidence_url), soci::use(next), soci::use(at));
    }
  }
  AnswerWrite a;
  long long respondent = 0, next = 0, at = 0, expected = 0;
  soci::statement st;  // last: bound to the members above
};

// The respondent's count of answers given, and of saves: the latter is their share of the round's
// cache version (migration 15), kept on the row a save locks anyway. Returns the new count.
struct AnsweredCountQuery {
  AnsweredCountQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st,
                 "UPDATE respondents SET answered = (SELECT COUNT(*) FROM answers WHERE "
                 "respondent_id = :r AND value <> ''), saves = saves + 1 WHERE id = :r2 "
                 "RETURNING answered",
                 type, soci::into(answered), soci::use(respondent), soci::use(again));
  }
  long long respondent = 0, again = 0, answered = 0;
  soci::statement st;  // last: bound to the members above
};

// PostgreSQL: the respondent's row, locked before the transaction path counts their answers, so
// that the count's statement starts after any other save of theirs that holds the row has
// committed, and sees its answer: a COUNT(*) that waited for the row instead would apply the count
// of its earlier snapshot. A one-answer save waiting behind it adds its difference to the count.
// Taken after the answers are written, as the one-statement save takes it, so the two never wait
// for each other in opposite orders.
struct RespondentLockQuery {
  RespondentLockQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st, "SELECT id FROM respondents WHERE id = :r FOR NO KEY UPDATE", type,
                 soci::into(locked), soci::use(respondent));
  }
  long long respondent = 0, locked = 0;
  soci::statement st;  // last: bound to the members above
};

// PostgreSQL: a save of one answer — an autosave, most of a questionnaire's writes — as one
// statement that commits by itself (sql::AutoCommitted), one round trip instead of nine. It makes
// the transaction path's checks and writes and reports, in one row, what it found:
// - guard: the round's status, share-locked as the transaction path locks it (closing the round
//   waits for the save); the schema version; and METER's migration lock, taken shared only if
//   free (`unlocked`). A try, not a wait: the statement holds its tables' locks from its start, so
//   waiting there for a migration that waits for those tables would deadlock. Not free, or another
//   schema version: nothing is written and the caller takes the transaction path, which waits and
//   decides (a newer additive schema is allowed there).
// - written: the answer, only when all the guards hold and the stored version is the expected one
//   — read from the statement's snapshot (`cur`) and checked again on the row itself, locked, by
//   ON CONFLICT's WHERE, so that a concurrent save of the same answer wins once.
// - counted: the respondent's row, only when the answer was written: one more save, and their
//   count of answers with a value moved by this write (the old value is `cur`'s, which is the row
//   replaced, since versions only grow). Counted by difference, not by COUNT(*): the statement
//   cannot see its own insert, and an UPDATE that met a concurrent save of the same respondent
//   re-applies the difference to that save's count.
// The parameters come once, in `p`.
constexpr const char* kOneAnswerSave = R"sql(
WITH p AS (
  SELECT CAST(:r AS BIGINT) AS r, CAST(:s AS TEXT) AS s, CAST(:v AS TEXT) AS v,
         CAST(:c AS TEXT) AS c, CAST(:e AS TEXT) AS e, CAST(:expected AS BIGINT) AS expected,
         CAST(:at AS BIGINT) AS saved_at, CAST(:open AS TEXT) AS open_status,
         CAST(:schema AS INTEGER) AS schema_wanted),
guard AS (
  SELECT ro.status, (SELECT MAX(version) FROM meter_schema) AS schema_version,
         pg_try_advisory_xact_lock_shared(4242001) AS unlocked
  FROM p JOIN respondents r ON r.id = p.r JOIN rounds ro ON ro.id = r.round_id
  FOR SHARE OF ro),
cur AS (
  SELECT a.value, a.version FROM p JOIN answers a ON a.respondent_id = p.r AND a.statement = p.s),
written AS (
  INSERT INTO answers (respondent_id, statement, value, comment, evidence_url, version, updated_at)
  SELECT p.r, p.s, p.v, p.c, p.e, p.expected + 1, p.saved_at FROM p JOIN guard g
    ON g.status = p.open_status AND g.schema_version = p.schema_wanted AND g.unlocked
  WHERE COALESCE((SELECT version FROM cur), 0) = p.expected
  ON CONFLICT (respondent_id, statement) DO UPDATE SET value = EXCLUDED.value,
    comment = EXCLUDED.comment, evidence_url = EXCLUDED.evidence_url, version = EXCLUDED.version,
    updated_at = EXCLUDED.updated_at
  WHERE answers.version = EXCLUDED.version - 1
  RETURNING version),
counted AS (
  UPDATE respondents SET saves = saves + 1,
    answered = answered + (CASE WHEN p.v <> '' THEN 1 ELSE 0 END)
      - (CASE WHEN COALESCE((SELECT value FROM cur), '') <> '' THEN 1 ELSE 0 END)
  FROM p WHERE respondents.id = p.r AND EXISTS (SELECT 1 FROM written)
  RETURNING respondents.answered)
SELECT g.status, COALESCE(g.schema_version, 0), CASE WHEN g.unlocked THEN 1 ELSE 0 END,
       COALESCE((SELECT version FROM cur), 0), (SELECT version FROM written),
       (SELECT answered FROM counted)
FROM p LEFT JOIN guard g ON TRUE
)sql";

struct OneAnswerSaveQuery {
  OneAnswerSaveQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st, kOneAnswerSave, type, soci::into(status, found), soci::into(schema),
                 soci::into(unlocked), soci::into(current), soci::into(written, stored),
                 soci::into(answered, counted), soci::use(respondent), soci::use(w.statement),
                 soci::use(w.value), soci::use(w.comment), soci::use(w.evidence_url),
                 soci::use(expected), soci::use(at), soci::use(open), soci::use(expected_schema));
  }
  long long respondent = 0, expected = 0, at = 0, current = 0, written = 0, answered = 0;
  AnswerWrite w;
  std::string open = RoundStatusKey(RoundStatus::kOpen), status;
  int expected_schema = 0, schema = 0, unlocked = 0;
  soci::indicator found = soci::i_null, stored = soci::i_null, counted = soci::i_null;
  soci::statement st;  // last: bound to the members above
};

Error NoSuchRespondent() {
  return Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent"));
}

// Why a round whose status is `status` (not open) takes no answer.
Error RoundNotOpen(const std::string& status) {
  return Error::Of(
      ErrorCode::kConflict, "",
      status == RoundStatusKey(RoundStatus::kDraft)
          ? METER_N("the round has not opened yet: answers can only be changed while it is open")
          : METER_N("the round is closed: answers can only be changed while it is open"));
}

Error StaleAnswer(const std::string& statement, long long current, long long expected) {
  return Error::Of(ErrorCode::kConflict, statement,
                   METER_N("this answer was changed elsewhere (version {1}, you had {2}); "
                           "reload to see it"),
                   {std::to_string(current), std::to_string(expected)});
}

Error AnswerChangedMeanwhile(const std::string& statement) {
  return Error::Of(ErrorCode::kConflict, statement,
                   METER_N("this answer was changed elsewhere; reload to see it"));
}

// The one-statement save (kOneAnswerSave) of `w`; nullopt, with nothing written, when the
// transaction path must decide (the schema moved, or a migration or restore holds its lock).
Result<std::optional<SavedAnswers>> SaveOneAnswerAtOnce(sql::Database& db, Id respondent,
                                                        const AnswerWrite& w, Seconds now) {
  return sql::AutoCommitted<std::optional<SavedAnswers>>(
      db, [&](soci::session& sql) -> Result<std::optional<SavedAnswers>> {
        sql::Kept<OneAnswerSaveQuery> q(db, sql, "");
        q->respondent = respondent;
        q->w = w;
        q->expected = w.expected_version;
        q->at = now;
        q->expected_schema = db.schema_version;
        q->found = q->stored = q->counted = soci::i_null;
        q->st.execute(true);
        if (q->found != soci::i_ok) return NoSuchRespondent();
        if (q->stored == soci::i_ok && q->counted != soci::i_ok) {
          // The guard found the respondent's row and the answer's foreign key holds it: this
          // cannot happen, and would leave their count behind until their next save.
          log::Write(log::Level::kError, "database",
                     "an answer was stored but its respondent's row was not updated",
                     {{"respondent", std::to_string(respondent)}});
          return Error::Of(ErrorCode::kInternal, w.statement,
                           METER_N("an internal error occurred; it has been logged"));
        }
        if (q->stored == soci::i_ok) {
          SavedAnswers saved;
          saved.answers.push_back(
              {respondent, w.statement, w.value, w.comment, w.evidence_url, q->written, now});
          saved.answered = static_cast<size_t>(std::max(0LL, q->answered));
          return std::optional<SavedAnswers>(std::move(saved));
        }
        if (q->schema != db.schema_version || q->unlocked == 0) {
          return std::optional<SavedAnswers>();  // nothing written: the transaction path decides
        }
        if (q->status != RoundStatusKey(RoundStatus::kOpen)) return RoundNotOpen(q->status);
        if (q->current != w.expected_version) {
          return StaleAnswer(w.statement, q->current, w.expected_version);
        }
        return AnswerChangedMeanwhile(w.statement);
      });
}

// Every other save: one transaction, the writes one statement each (sql::InTransaction).
Result<SavedAnswers> SaveInOneTransaction(sql::Database& db, Id respondent,
                                          const std::vector<AnswerWrite>& writes, Seconds now) {
  const long long rid = respondent, at = now;
  return sql::InTransaction<SavedAnswers>(db, [&](soci::session& sql) -> Result<SavedAnswers> {
    std::string status;
    soci::indicator found = soci::i_null;
    {
      sql::Kept<SaveRoundQuery> q(db, sql, db.engine);
      q->respondent = rid;
      q->found = soci::i_null;
      q->st.execute(true);
      status = q->status;
      found = q->found;
    }
    if (found != soci::i_ok) return NoSuchRespondent();
    if (status != RoundStatusKey(RoundStatus::kOpen)) return RoundNotOpen(status);
    SavedAnswers saved;
    saved.answers.reserve(writes.size());
    for (const AnswerWrite& w : writes) {
      long long current = 0;
      bool exists = false;
      {
        sql::Kept<AnswerVersionQuery> q(db, sql, "");
        q->respondent = rid;
        q->statement = w.statement;
        q->has = soci::i_null;
        q->st.execute(true);
        exists = q->has == soci::i_ok;
        current = exists ? q->version : 0;
      }
      if (current != w.expected_version)
        return StaleAnswer(w.statement, current, w.expected_version);
      sql::Kept<AnswerWriteQuery> write(db, sql, exists ? "update" : "insert");
      write->a = w;
      write->respondent = rid;
      write->next = current + 1;
      write->at = at;
      write->expected = current;
      write->st.execute(true);
      if (exists && write->st.get_affected_rows() != 1) return AnswerChangedMeanwhile(w.statement);
      saved.answers.push_back(
          {respondent, w.statement, w.value, w.comment, w.evidence_url, current + 1, now});
    }
    std::sort(saved.answers.begin(), saved.answers.end(),
              [](const StoredAnswer& x, const StoredAnswer& y) {
                return x.statement < y.statement;  // the order the answers are read in
              });
    if (db.engine == "postgresql") {
      sql::Kept<RespondentLockQuery> lock(db, sql, "");
      lock->respondent = rid;
      lock->st.execute(true);
    }
    // Counting the save on the respondent's row moves the round's cache version (no round-wide
    // row to bump: saves of one round no longer wait for each other's commits).
    sql::Kept<AnsweredCountQuery> q(db, sql, "");
    q->respondent = q->again = rid;
    q->answered = 0;
    q->st.execute(true);
    saved.answered = static_cast<size_t>(std::max(0LL, q->answered));
    return saved;  // as written: no read of them again while the write lock is held
  });
}

}  // namespace

Result<SavedAnswers> SqlStore::SaveAnswers(Id respondent, const std::vector<AnswerWrite>& writes,
                                           Seconds now) {
  sql::NulCheck nul;
  for (const AnswerWrite& w : writes) {
    nul.Add("answers.statement", w.statement)
        .Add("answers.value", w.value)
        .Add("answers.comment", w.comment)
        .Add("answers.evidence_url", w.evidence_url);
  }
  if (auto refused = nul.Refusal()) return *refused;
  if (db_.engine == "postgresql" && writes.size() == 1 && db_.schema_version != 0 &&
      sql::SharedCommit::On(db_) == nullptr) {
    auto at_once = SaveOneAnswerAtOnce(db_, respondent, writes.front(), now);
    if (!at_once) return at_once.error();
    if (at_once.value()) return std::move(*at_once.value());
  }
  return SaveInOneTransaction(db_, respondent, writes, now);
}

Result<std::vector<StoredAnswer>> SqlStore::AnswersOf(Id respondent) {
  const long long rid = respondent;
  return sql::Reading<std::vector<StoredAnswer>>(db_, [&](soci::session& sql) {
    return Result<std::vector<StoredAnswer>>(LoadAnswers(db_, sql, "a.respondent_id = :r", rid));
  });
}

Result<std::vector<StoredAnswer>> SqlStore::AnswersTo(Id respondent,
                                                      const std::vector<std::string>& statements) {
  if (statements.empty()) return std::vector<StoredAnswer>{};
  const auto [low, high] = std::minmax_element(statements.begin(), statements.end());
  return sql::Reading<std::vector<StoredAnswer>>(
      db_, [&](soci::session& sql) -> Result<std::vector<StoredAnswer>> {
        sql::Kept<AnswerRangeQuery> q(db_, sql, db_.engine);
        q->respondent = respondent;
        q->low = *low;
        q->high = *high;
        std::vector<StoredAnswer> out;
        q->st.execute();
        while (q->st.fetch()) {
          if (std::find(statements.begin(), statements.end(), q->a.statement) == statements.end())
            continue;
          StoredAnswer a = q->a;
          a.respondent_id = respondent;
          a.version = q->version;
          a.updated_at = q->updated;
          out.push_back(std::move(a));
        }
        return out;
      });
}

Result<std::vector<StoredAnswer>> SqlStore::AnswersOfRound(Id round) {
  const long long id = round;
  return sql::Reading<std::vector<StoredAnswer>>(db_, [&](soci::session& sql) {
    return Result<std::vector<StoredAnswer>>(LoadAnswers(db_, sql, "r.round_id = :r", id));
  });
}

}  // namespace meter
