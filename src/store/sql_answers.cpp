// Answers: optimistic concurrency by version, all-or-nothing saves, only while the round is open.
#include <algorithm>

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
// cache version (migration 15), kept on the row a save locks anyway.
struct AnsweredCountQuery {
  AnsweredCountQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st,
                 "UPDATE respondents SET answered = (SELECT COUNT(*) FROM answers WHERE "
                 "respondent_id = :r AND value <> ''), saves = saves + 1 WHERE id = :r2",
                 type, soci::use(respondent), soci::use(again));
  }
  long long respondent = 0, again = 0;
  soci::statement st;  // last: bound to the members above
};

}  // namespace

Result<std::vector<StoredAnswer>> SqlStore::SaveAnswers(Id respondent,
                                                        const std::vector<AnswerWrite>& writes,
                                                        Seconds now) {
  const long long rid = respondent, at = now;
  sql::NulCheck nul;
  for (const AnswerWrite& w : writes) {
    nul.Add("answers.statement", w.statement)
        .Add("answers.value", w.value)
        .Add("answers.comment", w.comment)
        .Add("answers.evidence_url", w.evidence_url);
  }
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<std::vector<StoredAnswer>>(
      db_, [&](soci::session& sql) -> Result<std::vector<StoredAnswer>> {
        std::string status;
        soci::indicator found = soci::i_null;
        {
          sql::Kept<SaveRoundQuery> q(db_, sql, db_.engine);
          q->respondent = rid;
          q->found = soci::i_null;
          q->st.execute(true);
          status = q->status;
          found = q->found;
        }
        if (found != soci::i_ok) {
          return Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent"));
        }
        if (status != RoundStatusKey(RoundStatus::kOpen)) {
          return Error::Of(
              ErrorCode::kConflict, "",
              status == RoundStatusKey(RoundStatus::kDraft)
                  ? METER_N("the round has not opened yet: answers can only be changed while it "
                            "is open")
                  : METER_N("the round is closed: answers can only be changed while it is open"));
        }
        std::vector<StoredAnswer> saved;
        saved.reserve(writes.size());
        for (const AnswerWrite& w : writes) {
          long long current = 0;
          bool exists = false;
          {
            sql::Kept<AnswerVersionQuery> q(db_, sql, "");
            q->respondent = rid;
            q->statement = w.statement;
            q->has = soci::i_null;
            q->st.execute(true);
            exists = q->has == soci::i_ok;
            current = exists ? q->version : 0;
          }
          if (current != w.expected_version) {
            return Error::Of(
                ErrorCode::kConflict, w.statement,
                METER_N("this answer was changed elsewhere (version {1}, you had {2}); "
                        "reload to see it"),
                {std::to_string(current), std::to_string(w.expected_version)});
          }
          sql::Kept<AnswerWriteQuery> write(db_, sql, exists ? "update" : "insert");
          write->a = w;
          write->respondent = rid;
          write->next = current + 1;
          write->at = at;
          write->expected = current;
          write->st.execute(true);
          if (exists && write->st.get_affected_rows() != 1) {
            return Error::Of(ErrorCode::kConflict, w.statement,
                             METER_N("this answer was changed elsewhere; reload to see it"));
          }
          saved.push_back(
              {respondent, w.statement, w.value, w.comment, w.evidence_url, current + 1, now});
        }
        std::sort(saved.begin(), saved.end(), [](const StoredAnswer& x, const StoredAnswer& y) {
          return x.statement < y.statement;  // the order the answers are read in
        });
        // Counting the save on the respondent's row moves the round's cache version (no
        // round-wide row to bump: saves of one round no longer wait for each other's commits).
        sql::Kept<AnsweredCountQuery> q(db_, sql, "");
        q->respondent = q->again = rid;
        q->st.execute(true);
        return saved;  // as written: no read of them again while the write lock is held
      });
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
