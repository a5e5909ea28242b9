// Assessment rounds, their groups and their respondents.
#include <sstream>

#include "store/sql_store_impl.h"

namespace meter {
namespace {

std::string JoinPillars(const std::vector<std::string>& pillars) {
  std::string out;
  for (const std::string& p : pillars) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> SplitPillars(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string p; std::getline(in, p, ',');) {
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

// A round's row (sql::Kept).
struct RoundQuery {
  RoundQuery(soci::session& sql, const std::string&, soci::details::statement_type type) : st(sql) {
    sql::Prepare(
        st,
        "SELECT id, country, title, year, instrument_id, instrument_version, status, created_at, "
        "published FROM rounds WHERE id = :id",
        type, soci::into(r.id), soci::into(r.country), soci::into(r.title), soci::into(year),
        soci::into(r.instrument_id), soci::into(r.instrument_version), soci::into(status),
        soci::into(created), soci::into(published), soci::use(id));
  }
  long long id = 0;
  Round r;
  long long created = 0;
  int year = 0, published = 0;
  std::string status;
  soci::statement st;  // last: bound to the members above
};

// A round's respondent groups, in order (sql::Kept).
struct GroupsQuery {
  GroupsQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st, "SELECT name, weight FROM round_groups WHERE round_id = :id ORDER BY position",
                 type, soci::into(g.name), soci::into(g.weight), soci::use(round));
  }
  long long round = 0;
  RespondentGroup g;
  soci::statement st;  // last: bound to the members above
};

Result<Round> LoadRound(sql::Database& db, soci::session& sql, long long id) {
  Round r;
  {
    sql::Kept<RoundQuery> q(db, sql, "");
    q->id = id;
    q->r = Round{};
    if (!q->st.execute(true)) {
      return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no round {1}"),
                       {std::to_string(id)});
    }
    r = q->r;
    r.year = q->year;
    r.created_at = q->created;
    r.published = q->published != 0;
    r.status = RoundStatusFromKey(q->status).value_or(RoundStatus::kDraft);
  }
  sql::Kept<GroupsQuery> groups(db, sql, "");
  groups->round = id;
  groups->st.execute();
  while (groups->st.fetch()) r.groups.push_back(groups->g);
  return r;
}

// The respondents matching a WHERE clause on one value of type Key, by ID (sql::Kept; the clause
// is the variant).
template <typename Key>
struct RespondentsQuery {
  RespondentsQuery(soci::session& sql, const std::string& where, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st,
                 "SELECT id, round_id, name, group_name, pillars, token_hash, expires_at, revoked, "
                 "invited_at, reminded_at, answered FROM respondents WHERE " +
                     where + " ORDER BY id",
                 type, soci::into(id), soci::into(round), soci::into(r.name), soci::into(r.group),
                 soci::into(pillars), soci::into(r.token_hash), soci::into(expires),
                 soci::into(revoked), soci::into(invited), soci::into(reminded),
                 soci::into(answered), soci::use(key));
  }
  Key key{};
  Respondent r;
  long long id = 0, round = 0, expires = 0, invited = 0, reminded = 0, answered = 0;
  int revoked = 0;
  std::string pillars;
  soci::statement st;  // last: bound to the members above
};

// Reads respondents matching `where` (bound to `key`).
template <typename Key>
std::vector<Respondent> LoadRespondents(sql::Database& db, soci::session& sql,
                                        const std::string& where, const Key& key) {
  std::vector<Respondent> out;
  sql::Kept<RespondentsQuery<Key>> q(db, sql, where);
  q->key = key;
  q->st.execute();
  while (q->st.fetch()) {
    Respondent r = q->r;
    r.id = q->id;
    r.round_id = q->round;
    r.pillars = SplitPillars(q->pillars);
    r.expires_at = q->expires;
    r.revoked = q->revoked != 0;
    r.invited_at = q->invited;
    r.reminded_at = q->reminded;
    r.answered = static_cast<size_t>(q->answered);
    out.push_back(std::move(r));
  }
  return out;
}

// Takes a round and its scores out of other countries' benchmarks, inside the caller's transaction.
void WithdrawPublication(soci::session& sql, Id round) {
  const long long rid = round;
  sql << "DELETE FROM published_scores WHERE round_id = :id", soci::use(rid);
  sql << "UPDATE rounds SET published = 0 WHERE id = :id", soci::use(rid);
}

Result<Respondent> OneRespondent(std::vector<Respondent> found) {
  if (found.empty()) return Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent"));
  return std::move(found.front());
}

}  // namespace

Result<Round> SqlStore::CreateRound(const NewRound& round, const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    const std::string status = RoundStatusKey(RoundStatus::kDraft);
    const long long now = sql::Now();
    long long id = 0;
    sql << "INSERT INTO rounds (country, title, year, instrument_id, instrument_version, status, "
           "created_at) VALUES (:c, :t, :y, :i, :v, :s, :at) RETURNING id",
        soci::use(round.country), soci::use(round.title), soci::use(round.year),
        soci::use(round.instrument_id), soci::use(round.instrument_version), soci::use(status),
        soci::use(now), soci::into(id);
    int position = 0;
    for (const RespondentGroup& g : round.groups) {
      sql << "INSERT INTO round_groups (round_id, position, name, weight) VALUES (:r, :p, :n, :w)",
          soci::use(id), soci::use(position), soci::use(g.name), soci::use(g.weight);
      ++position;
    }
    sql::Audit(sql, actor, "round.create", "round:" + std::to_string(id),
               round.country + " " + std::to_string(round.year) + " " + round.title);
    return LoadRound(db_, sql, id);
  });
}

Result<Round> SqlStore::GetRound(Id id) {
  return sql::Reading<Round>(db_, [&](soci::session& sql) { return LoadRound(db_, sql, id); });
}

Result<std::vector<Round>> SqlStore::ListRounds(
    const std::optional<std::vector<std::string>>& countries) {
  return sql::Reading<std::vector<Round>>(
      db_, [&](soci::session& sql) -> Result<std::vector<Round>> {
        std::vector<long long> ids;
        long long id = 0;
        std::string country;
        soci::statement st =
            (sql.prepare << "SELECT id, country FROM rounds ORDER BY year DESC, id DESC",
             soci::into(id), soci::into(country));
        st.execute();
        while (st.fetch()) {
          if (!countries ||
              std::find(countries->begin(), countries->end(), country) != countries->end()) {
            ids.push_back(id);
          }
        }
        std::vector<Round> out;
        for (long long i : ids) {
          auto r = LoadRound(db_, sql, i);
          if (!r) return r.error();
          out.push_back(std::move(r).value());
        }
        return out;
      });
}

Result<Round> SqlStore::SetRoundStatus(Id id, RoundStatus status, const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    if (db_.engine == "postgresql") {
      // Waits for saves that hold the round's share lock (sql_answers.cpp), and holds later ones.
      const long long rid = id;
      sql << "SELECT id FROM rounds WHERE id = :id FOR UPDATE", soci::use(rid);
    }
    auto round = LoadRound(db_, sql, id);
    if (!round) return round.error();
    const RoundStatus from = round.value().status;
    const bool allowed = (from == RoundStatus::kDraft && status == RoundStatus::kOpen) ||
                         (from == RoundStatus::kOpen && status == RoundStatus::kClosed) ||
                         (from == RoundStatus::kClosed && status == RoundStatus::kOpen);
    if (!allowed) {
      Error e =
          Error::Of(ErrorCode::kConflict, "", METER_N("a round that is {1} cannot become {2}"),
                    {RoundStatusKey(from), RoundStatusKey(status)});
      e.problems[0].translated_args = 0b11;  // the status words are catalog entries too
      return e;
    }
    const std::string key = RoundStatusKey(status);
    const long long rid = id;
    sql << "UPDATE rounds SET status = :s WHERE id = :id", soci::use(key), soci::use(rid);
    // A reopened round's answers may change: it stops being shared until published again.
    if (status == RoundStatus::kOpen) WithdrawPublication(sql, id);
    const char* action = status == RoundStatus::kClosed ? "round.close"
                         : from == RoundStatus::kClosed ? "round.reopen"
                                                        : "round.open";
    sql::Audit(sql, actor, action, "round:" + std::to_string(id));
    return LoadRound(db_, sql, id);
  });
}

Result<Round> SqlStore::SetGroupWeights(Id id, const std::vector<RespondentGroup>& groups,
                                        const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    auto round = LoadRound(db_, sql, id);
    if (!round) return round.error();
    const long long rid = id;
    std::string detail;
    for (const RespondentGroup& g : groups) {
      const bool known = std::any_of(round.value().groups.begin(), round.value().groups.end(),
                                     [&](const RespondentGroup& r) { return r.name == g.name; });
      if (!known || !(g.weight > 0)) {
        return Error::Of(ErrorCode::kInvalidInput, "",
                         METER_N("group '{1}' with weight {2} is not a group of this round with a "
                                 "positive weight"),
                         {g.name, std::to_string(g.weight)});
      }
      sql << "UPDATE round_groups SET weight = :w WHERE round_id = :r AND name = :n",
          soci::use(g.weight), soci::use(rid), soci::use(g.name);
      detail += g.name + "=" + std::to_string(g.weight) + " ";
    }
    sql::Audit(sql, actor, "round.weights", "round:" + std::to_string(id), detail);
    return LoadRound(db_, sql, id);
  });
}

Result<Round> SqlStore::Publish(Id id, const std::map<std::string, double>& scores,
                                const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    auto round = LoadRound(db_, sql, id);
    if (!round) return round.error();
    if (round.value().status != RoundStatus::kClosed) {
      return Error::Of(ErrorCode::kConflict, "",
                       METER_N("only a closed round can be published; close it first"));
    }
    const long long rid = id;
    sql << "DELETE FROM published_scores WHERE round_id = :id", soci::use(rid);
    for (const auto& [unit, score] : scores) {
      sql << "INSERT INTO published_scores (round_id, unit, score) VALUES (:r, :u, :s)",
          soci::use(rid), soci::use(unit), soci::use(score);
    }
    sql << "UPDATE rounds SET published = 1 WHERE id = :id", soci::use(rid);
    sql::Audit(sql, actor, "round.publish", "round:" + std::to_string(id));
    return LoadRound(db_, sql, id);
  });
}

Result<Round> SqlStore::Unpublish(Id id, const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    auto round = LoadRound(db_, sql, id);
    if (!round) return round.error();
    WithdrawPublication(sql, id);
    sql::Audit(sql, actor, "round.unpublish", "round:" + std::to_string(id));
    return LoadRound(db_, sql, id);
  });
}

Result<std::vector<PublishedProfile>> SqlStore::ListPublished() {
  return sql::Reading<std::vector<PublishedProfile>>(
      db_, [&](soci::session& sql) -> Result<std::vector<PublishedProfile>> {
        std::vector<long long> ids;
        long long id = 0;
        soci::statement st =
            (sql.prepare << "SELECT id FROM rounds WHERE published = 1 ORDER BY year, id",
             soci::into(id));
        st.execute();
        while (st.fetch()) ids.push_back(id);
        std::vector<PublishedProfile> out;
        for (long long i : ids) {
          auto r = LoadRound(db_, sql, i);
          if (!r) return r.error();
          PublishedProfile profile{std::move(r).value(), {}};
          std::string unit;
          double score = 0;
          soci::statement scores =
              (sql.prepare << "SELECT unit, score FROM published_scores WHERE round_id = :r",
               soci::into(unit), soci::into(score), soci::use(i));
          scores.execute();
          while (scores.fetch()) profile.scores[unit] = score;
          out.push_back(std::move(profile));
        }
        return out;
      });
}

Result<Respondent> SqlStore::AddRespondent(const Respondent& r, const std::string& actor) {
  return sql::InTransaction<Respondent>(db_, [&](soci::session& sql) -> Result<Respondent> {
    auto round = LoadRound(db_, sql, r.round_id);
    if (!round) return round.error();
    const auto& groups = round.value().groups;
    if (std::none_of(groups.begin(), groups.end(),
                     [&](const RespondentGroup& g) { return g.name == r.group; })) {
      return Error::Of(ErrorCode::kInvalidInput, "", METER_N("'{1}' is not a group of this round"),
                       {r.group});
    }
    const long long round_id = r.round_id, expires = r.expires_at, invited = sql::Now(),
                    reminded = 0;
    const int revoked = 0;
    const std::string pillars = JoinPillars(r.pillars);
    long long id = 0;
    sql << "INSERT INTO respondents (round_id, name, group_name, pillars, token_hash, expires_at, "
           "revoked, invited_at, reminded_at) VALUES (:r, :n, :g, :p, :t, :e, :rv, :i, :rm) "
           "RETURNING id",
        soci::use(round_id), soci::use(r.name), soci::use(r.group), soci::use(pillars),
        soci::use(r.token_hash), soci::use(expires), soci::use(revoked), soci::use(invited),
        soci::use(reminded), soci::into(id);
    sql::Audit(sql, actor, "respondent.invite", "round:" + std::to_string(r.round_id),
               r.name + " (" + r.group + ")");
    return OneRespondent(LoadRespondents(db_, sql, "id = :id", id));
  });
}

Result<SessionWithCaller> SqlStore::FindSessionWithCaller(const std::string& id_hash, Seconds now) {
  return sql::Reading<SessionWithCaller>(db_, [&](soci::session& sql) -> Result<SessionWithCaller> {
    auto session = ReadSession(db_, sql, id_hash, now);
    if (!session) return session.error();
    SessionWithCaller out{std::move(session).value(), std::nullopt, std::nullopt};
    if (!out.session.respondent_id) return out;
    const long long id = out.session.respondent_id;
    auto respondent = OneRespondent(LoadRespondents(db_, sql, "id = :id", id));
    if (!respondent) return out;  // withdrawn from the round: the session leads nowhere
    out.respondent = std::move(respondent).value();
    auto round = LoadRound(db_, sql, out.respondent->round_id);
    if (round) out.round = std::move(round).value();
    return out;
  });
}

Result<Respondent> SqlStore::GetRespondent(Id id) {
  const long long key = id;
  return sql::Reading<Respondent>(db_, [&](soci::session& sql) {
    return OneRespondent(LoadRespondents(db_, sql, "id = :id", key));
  });
}

Result<Respondent> SqlStore::FindRespondentByToken(const std::string& token_hash) {
  return sql::Reading<Respondent>(db_, [&](soci::session& sql) {
    return OneRespondent(LoadRespondents(db_, sql, "token_hash = :t", token_hash));
  });
}

Result<std::vector<Respondent>> SqlStore::ListRespondents(Id round) {
  const long long key = round;
  return sql::Reading<std::vector<Respondent>>(db_, [&](soci::session& sql) {
    return Result<std::vector<Respondent>>(LoadRespondents(db_, sql, "round_id = :r", key));
  });
}

Result<bool> SqlStore::RevokeRespondent(Id respondent, const std::string& actor) {
  const long long id = respondent;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto r = OneRespondent(LoadRespondents(db_, sql, "id = :id", id));
    if (!r) return r.error();
    sql << "UPDATE respondents SET revoked = 1 WHERE id = :id", soci::use(id);
    sql << "DELETE FROM sessions WHERE respondent_id = :id", soci::use(id);
    sql::Audit(sql, actor, "respondent.revoke", "round:" + std::to_string(r.value().round_id),
               r.value().name);
    return true;
  });
}

Result<bool> SqlStore::ReissueToken(Id respondent, const std::string& token_hash, Seconds now,
                                    const std::string& actor) {
  const long long id = respondent, at = now;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto r = OneRespondent(LoadRespondents(db_, sql, "id = :id", id));
    if (!r) return r.error();
    sql << "UPDATE respondents SET reminded_at = :at, token_hash = :t WHERE id = :id",
        soci::use(at), soci::use(token_hash), soci::use(id);
    sql << "DELETE FROM sessions WHERE respondent_id = :id", soci::use(id);  // the old link's too
    sql::Audit(sql, actor, "respondent.remind", "round:" + std::to_string(r.value().round_id),
               r.value().name);
    return true;
  });
}

}  // namespace meter
