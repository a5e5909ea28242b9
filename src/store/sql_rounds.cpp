// Assessment rounds, their groups and their respondents.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

#include "core/round_rules.h"
#include "core/text.h"
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
    sql::PrepareBound(st, "SELECT " + RoundRow::Columns() + " FROM rounds WHERE id = :id", type,
                      [&] {
                        row.Bind(st);
                        st.exchange(soci::use(id));
                      });
  }
  long long id = 0;
  RoundRow row;
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

// The groups of round `id`, in order, into `round`.
void LoadGroups(sql::Database& db, soci::session& sql, long long id, Round& round) {
  sql::Kept<GroupsQuery> groups(db, sql, "");
  groups->round = id;
  groups->st.execute();
  while (groups->st.fetch()) round.groups.push_back(groups->g);
}

Result<Round> LoadRound(sql::Database& db, soci::session& sql, long long id) {
  Round r;
  {
    sql::Kept<RoundQuery> q(db, sql, "");
    q->id = id;
    if (!q->st.execute(true)) {
      return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no round {1}"),
                       {std::to_string(id)});
    }
    r = q->row.Make();
  }
  LoadGroups(db, sql, id, r);
  return r;
}

// The respondents matching a WHERE clause on one value of type Key, by ID (sql::Kept; the clause
// is the variant).
template <typename Key>
struct RespondentsQuery {
  RespondentsQuery(soci::session& sql, const std::string& where, soci::details::statement_type type)
      : st(sql) {
    sql::PrepareBound(
        st,
        "SELECT " + RespondentRow::Columns() + " FROM respondents WHERE " + where + " ORDER BY id",
        type, [&] {
          row.Bind(st);
          st.exchange(soci::use(key));
        });
  }
  Key key{};
  RespondentRow row;
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
  while (q->st.fetch()) out.push_back(q->row.Make());
  return out;
}

// A session with its respondent and their round in one row (sql::Kept): the respondent's and the
// round's columns are 0 or '' when the session is a user's, or its respondent or round is gone.
struct SessionCallerQuery {
  SessionCallerQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::PrepareBound(st,
                      "SELECT " + SessionRow::Columns("s.") + ", " +
                          RespondentRow::Columns("r.", true) + ", " +
                          RoundRow::Columns("ro.", true) +
                          ", COALESCE((SELECT v.version FROM cache_versions v WHERE v.name = "
                          "'round:' || CAST(ro.id AS TEXT)), 0)"
                          " FROM sessions s LEFT JOIN respondents r ON r.id = s.respondent_id"
                          " LEFT JOIN rounds ro ON ro.id = r.round_id"
                          " WHERE s.id_hash = :h AND s.expires_at >= :now",
                      type, [&] {
                        session.Bind(st);
                        respondent.Bind(st);
                        round.Bind(st);
                        st.exchange(soci::into(round_row_version));
                        st.exchange(soci::use(id_hash));
                        st.exchange(soci::use(now));
                      });
  }
  std::string id_hash;
  long long now = 0;
  SessionRow session;
  RespondentRow respondent;
  RoundRow round;
  long long round_row_version = 0;  // the round's own row of cache versions, for its groups
  soci::statement st;               // last: bound to the members above
};

// Takes a round and its scores out of other countries' benchmarks, inside the caller's transaction;
// the published version moves when it was published.
void WithdrawPublication(sql::Database& db, soci::session& sql, const Round& round) {
  const long long rid = round.id;
  sql << "DELETE FROM published_scores WHERE round_id = :id", soci::use(rid);
  sql << "UPDATE rounds SET published = 0 WHERE id = :id", soci::use(rid);
  if (round.published) sql::BumpVersion(db, sql, "published");
}

// Moves the count of a closing round's saves from its respondents' rows to the round's own row of
// cache versions, leaving the sum, and so the round's version, as it was: a closed round takes no
// save (closing waits for those under way), so RoundVersions need add up the open rounds'
// respondents only. Inside the caller's transaction, after the round's BumpVersion.
void FoldSavesIntoTheRound(soci::session& sql, Id id) {
  const long long rid = id;
  const std::string name = sql::RoundVersionName(id);
  sql << "UPDATE cache_versions SET version = version + (SELECT CAST(COALESCE(SUM(saves), 0) AS "
         "BIGINT) FROM respondents WHERE round_id = :r) WHERE name = :n",
      soci::use(rid), soci::use(name);
  sql << "UPDATE respondents SET saves = 0 WHERE round_id = :r AND saves <> 0", soci::use(rid);
}

// The versions of a round and of what all rounds share (sql::Kept), in one statement and so one
// state of the database: the round's own row, those of the shared versions, and the sum of its
// respondents' saves (named "saves"; migration 15), which the round's version adds to its row.
struct VersionsQuery {
  VersionsQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st,
                 "SELECT name, version FROM cache_versions WHERE name IN (:r, 'published', "
                 "'knowledge', 'egdi') UNION ALL SELECT 'saves', CAST(COALESCE(SUM(saves), 0) AS "
                 "BIGINT) FROM respondents WHERE round_id = :id",
                 type, soci::into(name), soci::into(version), soci::use(round), soci::use(id));
  }
  std::string round;
  long long id = 0;
  std::string name;
  long long version = 0;
  soci::statement st;  // last: bound to the members above
};

// The versions of round `id` and of what all rounds share, in one kept statement.
CacheVersions ReadVersions(sql::Database& db, soci::session& sql, Id id) {
  CacheVersions out;
  sql::Kept<VersionsQuery> q(db, sql, "");
  q->round = sql::RoundVersionName(id);
  q->id = id;
  q->st.execute();
  while (q->st.fetch()) {
    long long& into = q->name == "published"   ? out.published
                      : q->name == "knowledge" ? out.knowledge
                      : q->name == "egdi"      ? out.egdi
                                               : out.round;  // its row, and its saves
    into += q->version;
  }
  return out;
}

// Round `id` as it is now, held until the caller's transaction ends (on PostgreSQL with a row lock
// of strength `lock`, "SHARE" or "UPDATE"; SQLite's BEGIN IMMEDIATE already serialises writers),
// so that closing the round waits for a change its state allowed; kConflict when the round's state
// does not allow `change`.
Result<Round> RoundAccepting(sql::Database& db, soci::session& sql, Id id, RoundChange change,
                             const char* lock = "SHARE") {
  if (db.engine == "postgresql") {
    const long long rid = id;
    sql << "SELECT id FROM rounds WHERE id = :id FOR " + std::string(lock), soci::use(rid);
  }
  auto round = LoadRound(db, sql, id);
  if (!round) return round.error();
  auto accepts = CheckRoundAccepts(round.value(), change);
  if (!accepts) return accepts.error();
  return round;
}

Result<Respondent> OneRespondent(std::vector<Respondent> found) {
  if (found.empty()) return Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent"));
  return std::move(found.front());
}

}  // namespace

Result<Round> SqlStore::CreateRound(const NewRound& round, const std::string& actor) {
  sql::NulCheck nul;
  nul.Add("rounds.country", round.country)
      .Add("rounds.title", round.title)
      .Add("rounds.instrument_id", round.instrument_id)
      .Add("rounds.instrument_version", round.instrument_version);
  for (const RespondentGroup& g : round.groups) nul.Add("round_groups.name", g.name);
  if (auto refused = nul.Refusal()) return *refused;
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
        // Two statements whatever the number of rounds (a campaign has thousands): the rounds,
        // then every group in order, put with their rounds.
        std::vector<Round> out;
        std::map<long long, size_t> at;  // round ID → index in out
        {
          RoundRow row;
          soci::statement st(sql);
          sql::PrepareBound(
              st, "SELECT " + RoundRow::Columns() + " FROM rounds ORDER BY year DESC, id DESC",
              soci::details::st_one_time_query, [&] { row.Bind(st); });
          st.execute();
          while (st.fetch()) {
            Round r = row.Make();
            if (countries &&
                std::find(countries->begin(), countries->end(), r.country) == countries->end())
              continue;
            at[r.id] = out.size();
            out.push_back(std::move(r));
          }
        }
        long long round = 0;
        RespondentGroup g;
        soci::statement groups = (sql.prepare << "SELECT round_id, name, weight FROM round_groups "
                                                 "ORDER BY round_id, position",
                                  soci::into(round), soci::into(g.name), soci::into(g.weight));
        groups.execute();
        while (groups.fetch()) {
          if (auto found = at.find(round); found != at.end())
            out[found->second].groups.push_back(g);
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
      // One whole sentence for each refusal, rather than status words put into one.
      const char* message =
          status == RoundStatus::kDraft ? METER_N("a round cannot go back to being a draft")
          : from == status && status == RoundStatus::kOpen ? METER_N("the round is open already")
          : from == status                                 ? METER_N("the round is closed already")
                           : METER_N("a round must be open before it can be closed");
      return Error::Of(ErrorCode::kConflict, "", message);
    }
    const std::string key = RoundStatusKey(status);
    const long long rid = id;
    sql << "UPDATE rounds SET status = :s WHERE id = :id", soci::use(key), soci::use(rid);
    // A reopened round's answers may change: it stops being shared until published again.
    if (status == RoundStatus::kOpen) WithdrawPublication(db_, sql, round.value());
    sql::BumpVersion(db_, sql, sql::RoundVersionName(id));
    if (status == RoundStatus::kClosed) FoldSavesIntoTheRound(sql, id);
    const char* action = status == RoundStatus::kClosed ? "round.close"
                         : from == RoundStatus::kClosed ? "round.reopen"
                                                        : "round.open";
    sql::Audit(sql, actor, action, "round:" + std::to_string(id));
    return LoadRound(db_, sql, id);
  });
}

Result<Round> SqlStore::SetGroupWeights(Id id, const std::vector<RespondentGroup>& groups,
                                        const std::string& actor) {
  sql::NulCheck nul;
  for (const RespondentGroup& g : groups) nul.Add("round_groups.name", g.name);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    auto round = RoundAccepting(db_, sql, id, RoundChange::kWeights);
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
                         {g.name, PlainNumber(g.weight)});
      }
      sql << "UPDATE round_groups SET weight = :w WHERE round_id = :r AND name = :n",
          soci::use(g.weight), soci::use(rid), soci::use(g.name);
      detail += g.name + "=" + PlainNumber(g.weight) + " ";
    }
    sql::Audit(sql, actor, "round.weights", "round:" + std::to_string(id), detail);
    sql::BumpVersion(db_, sql, sql::RoundVersionName(id));
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
    sql::BumpVersion(db_, sql, sql::RoundVersionName(id));
    sql::BumpVersion(db_, sql, "published");
    return LoadRound(db_, sql, id);
  });
}

Result<Round> SqlStore::Unpublish(Id id, const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    auto round = LoadRound(db_, sql, id);
    if (!round) return round.error();
    WithdrawPublication(db_, sql, round.value());
    sql::Audit(sql, actor, "round.unpublish", "round:" + std::to_string(id));
    sql::BumpVersion(db_, sql, sql::RoundVersionName(id));
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

Result<CacheVersions> SqlStore::CacheVersionsOf(Id id) {
  return sql::Reading<CacheVersions>(
      db_, [&](soci::session& sql) -> Result<CacheVersions> { return ReadVersions(db_, sql, id); });
}

Result<RoundWithVersions> SqlStore::GetRoundWithVersions(Id id) {
  return sql::Reading<RoundWithVersions>(db_, [&](soci::session& sql) -> Result<RoundWithVersions> {
    auto round = LoadRound(db_, sql, id);
    if (!round) return round.error();
    return RoundWithVersions{std::move(round).value(), ReadVersions(db_, sql, id)};
  });
}

Result<std::map<Id, long long>> SqlStore::RoundVersions() {
  return sql::Reading<std::map<Id, long long>>(
      db_, [&](soci::session& sql) -> Result<std::map<Id, long long>> {
        // Each round's row in cache_versions plus its respondents' saves, as ReadVersions adds
        // them, in one statement: those of the open rounds alone, since closing a round folds
        // its respondents' counts into its row (FoldSavesIntoTheRound) and a draft has none.
        std::map<Id, long long> out;
        std::string name;
        long long version = 0;
        const std::string open = RoundStatusKey(RoundStatus::kOpen);
        soci::statement st =
            (sql.prepare << "SELECT name, version FROM cache_versions WHERE name LIKE 'round:%' "
                            "UNION ALL SELECT 'round:' || CAST(r.round_id AS TEXT), "
                            "CAST(SUM(r.saves) AS BIGINT) FROM respondents r JOIN rounds ro ON "
                            "ro.id = r.round_id WHERE ro.status = :open GROUP BY r.round_id",
             soci::use(open), soci::into(name), soci::into(version));
        st.execute();
        while (st.fetch()) {
          const Id id = std::strtoll(name.c_str() + 6, nullptr, 10);  // after "round:"
          if (id > 0) out[id] += version;
        }
        return out;
      });
}

Result<Respondent> SqlStore::AddRespondent(const Respondent& r, const std::string& actor) {
  if (auto refused = sql::RespondentRefusal(r)) return *refused;
  return sql::InTransaction<Respondent>(db_, [&](soci::session& sql) -> Result<Respondent> {
    // An exclusive lock: two invitations of one name at once must not both find it free.
    auto round = RoundAccepting(db_, sql, r.round_id, RoundChange::kInvitations, "UPDATE");
    if (!round) return round.error();
    return sql::InsertRespondent(db_, sql, round.value(), r, actor);
  });
}

namespace sql {

std::optional<Error> RespondentRefusal(const Respondent& r) {
  return sql::NulCheck()
      .Add("respondents.name", r.name)
      .Add("respondents.group_name", r.group)
      .Add("respondents.pillars", r.pillars)
      .Add("respondents.token_hash", r.token_hash)
      .Add("respondents.language", r.language)
      .Add("respondents.email", r.email)
      .Refusal();
}

Result<Round> LockRoundAccepting(Database& db, soci::session& sql, Id id, RoundChange change) {
  return RoundAccepting(db, sql, id, change, "UPDATE");
}

Result<Respondent> InsertRespondent(Database& db, soci::session& sql, const Round& round,
                                    const Respondent& r, const std::string& actor) {
  const auto& groups = round.groups;
  if (std::none_of(groups.begin(), groups.end(),
                   [&](const RespondentGroup& g) { return g.name == r.group; })) {
    return Error::Of(ErrorCode::kInvalidInput, "group",
                     METER_N("'{1}' is not a group of this round"), {r.group});
  }
  const long long round_id = round.id;
  long long same_name = 0;
  sql << "SELECT count(*) FROM respondents WHERE round_id = :r AND name = :n", soci::use(round_id),
      soci::use(r.name), soci::into(same_name);
  if (same_name > 0) {
    return Error::Of(ErrorCode::kConflict, "name",
                     METER_N("'{1}' is already a respondent of this round: give them a new link "
                             "instead, or restore them if they were withdrawn"),
                     {r.name});
  }
  const long long expires = r.expires_at, invited = sql::Now(), reminded = 0;
  const int revoked = 0;
  const std::string pillars = JoinPillars(r.pillars);
  long long id = 0;
  sql << "INSERT INTO respondents (round_id, name, group_name, pillars, token_hash, expires_at, "
         "revoked, invited_at, reminded_at, language, email) VALUES (:r, :n, :g, :p, :t, :e, :rv, "
         ":i, :rm, :l, :m) RETURNING id",
      soci::use(round_id), soci::use(r.name), soci::use(r.group), soci::use(pillars),
      soci::use(r.token_hash), soci::use(expires), soci::use(revoked), soci::use(invited),
      soci::use(reminded), soci::use(r.language), soci::use(r.email), soci::into(id);
  sql::Audit(sql, actor, "respondent.invite", "round:" + std::to_string(round.id),
             r.name + " (" + r.group + ")");
  sql::BumpVersion(db, sql, sql::RoundVersionName(round.id));
  return OneRespondent(LoadRespondents(db, sql, "id = :id", id));
}

}  // namespace sql

Result<SessionWithCaller> SqlStore::FindSessionWithCaller(const std::string& id_hash, Seconds now) {
  return sql::Reading<SessionWithCaller>(db_, [&](soci::session& sql) -> Result<SessionWithCaller> {
    SessionWithCaller out;
    long long row_version = 0;
    {
      sql::Kept<SessionCallerQuery> q(db_, sql, "");
      q->id_hash = id_hash;
      q->now = now;
      if (!q->st.execute(true)) {
        return Error::Of(ErrorCode::kNotFound, "", METER_N("no such session"));
      }
      out.session = q->session.Make();
      if (q->respondent.id != 0) out.respondent = q->respondent.Make();
      if (q->round.id != 0) out.round = q->round.Make();
      row_version = q->round_row_version;
    }
    if (out.round && !round_groups_.Find(out.round->id, row_version, out.round->groups)) {
      LoadGroups(db_, sql, out.round->id, *out.round);
      round_groups_.Keep(out.round->id, row_version, out.round->groups);
    }
    if (out.session.user_id) {
      auto user = LoadUserKept(db_, sql, out.session.user_id);
      if (user) {
        out.user = std::move(user).value();
      } else if (user.error().code != ErrorCode::kNotFound) {
        return user.error();
      }
    }
    return out;
  });
}

std::string RespondentRow::Columns(const std::string& alias, bool coalesce) {
  return sql::SelectList({{"id", "0"},
                          {"round_id", "0"},
                          {"name", "''"},
                          {"group_name", "''"},
                          {"pillars", "''"},
                          {"token_hash", "''"},
                          {"expires_at", "0"},
                          {"revoked", "0"},
                          {"invited_at", "0"},
                          {"reminded_at", "0"},
                          {"answered", "0"},
                          {"language", "''"},
                          {"email", "''"}},
                         alias, coalesce);
}

void RespondentRow::Bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(round));
  st.exchange(soci::into(r.name));
  st.exchange(soci::into(r.group));
  st.exchange(soci::into(pillars));
  st.exchange(soci::into(r.token_hash));
  st.exchange(soci::into(expires));
  st.exchange(soci::into(revoked));
  st.exchange(soci::into(invited));
  st.exchange(soci::into(reminded));
  st.exchange(soci::into(answered));
  st.exchange(soci::into(r.language));
  st.exchange(soci::into(r.email));
}

Respondent RespondentRow::Make() const {
  Respondent out = r;
  out.id = id;
  out.round_id = round;
  out.pillars = SplitPillars(pillars);
  out.expires_at = expires;
  out.revoked = revoked != 0;
  out.invited_at = invited;
  out.reminded_at = reminded;
  out.answered = static_cast<size_t>(answered);
  return out;
}

std::string RoundRow::Columns(const std::string& alias, bool coalesce) {
  return sql::SelectList({{"id", "0"},
                          {"country", "''"},
                          {"title", "''"},
                          {"year", "0"},
                          {"instrument_id", "''"},
                          {"instrument_version", "''"},
                          {"status", "''"},
                          {"created_at", "0"},
                          {"published", "0"},
                          {"deadline", "0"}},
                         alias, coalesce);
}

void RoundRow::Bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(r.country));
  st.exchange(soci::into(r.title));
  st.exchange(soci::into(year));
  st.exchange(soci::into(r.instrument_id));
  st.exchange(soci::into(r.instrument_version));
  st.exchange(soci::into(status));
  st.exchange(soci::into(created));
  st.exchange(soci::into(published));
  st.exchange(soci::into(deadline));
}

Round RoundRow::Make() const {
  Round out = r;
  out.id = id;
  out.year = year;
  out.created_at = created;
  out.published = published != 0;
  out.deadline = deadline;
  out.status = RoundStatusFromKey(status).value_or(RoundStatus::kDraft);
  return out;
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
    sql::BumpVersion(db_, sql, sql::RoundVersionName(r.value().round_id));
    return true;
  });
}

Result<bool> SqlStore::RestoreRespondent(Id respondent, const std::string& actor) {
  const long long id = respondent;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto r = OneRespondent(LoadRespondents(db_, sql, "id = :id", id));
    if (!r) return r.error();
    if (!r.value().revoked) return true;  // a second restore (a reload, two tabs) changes nothing
    sql << "UPDATE respondents SET revoked = 0 WHERE id = :id", soci::use(id);
    sql::Audit(sql, actor, "respondent.restore", "round:" + std::to_string(r.value().round_id),
               r.value().name);
    sql::BumpVersion(db_, sql, sql::RoundVersionName(r.value().round_id));
    return true;
  });
}

Result<bool> SqlStore::ReissueToken(Id respondent, const std::string& token_hash, Seconds now,
                                    const std::string& actor) {
  const long long id = respondent, at = now;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto r = OneRespondent(LoadRespondents(db_, sql, "id = :id", id));
    if (!r) return r.error();
    auto round = RoundAccepting(db_, sql, r.value().round_id, RoundChange::kInvitations);
    if (!round) return round.error();
    sql << "UPDATE respondents SET reminded_at = :at, token_hash = :t WHERE id = :id",
        soci::use(at), soci::use(token_hash), soci::use(id);
    sql << "DELETE FROM sessions WHERE respondent_id = :id", soci::use(id);  // the old link's too
    sql::Audit(sql, actor, "respondent.remind", "round:" + std::to_string(r.value().round_id),
               r.value().name);
    sql::BumpVersion(db_, sql, sql::RoundVersionName(r.value().round_id));  // the respondents' list
    return true;
  });
}

}  // namespace meter
