// Users, login throttling and sessions.
#include <algorithm>
#include <cctype>

#include "store/sql_store_impl.h"

namespace meter {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A user's row as read from `users`, and the user made of it (its countries read apart).
struct UserRow {
  static constexpr const char* kSelect =
      "SELECT id, email, name, role, password_hash, disabled, created_at FROM users WHERE ";
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id, found));
    st.exchange(soci::into(u.email));
    st.exchange(soci::into(u.name));
    st.exchange(soci::into(role));
    st.exchange(soci::into(u.password_hash));
    st.exchange(soci::into(disabled));
    st.exchange(soci::into(created));
  }
  User Make() const {
    User out = u;
    out.id = id;
    out.created_at = created;
    out.disabled = disabled != 0;
    out.role = RoleFromKey(role).value_or(Role::kExpert);
    return out;
  }
  long long id = 0, created = 0;
  int disabled = 0;
  std::string role;
  soci::indicator found = soci::i_null;
  User u;
};

// A user by ID (sql::Kept): every signed-in user's request reads it with the session.
struct UserByIdQuery {
  UserByIdQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::PrepareBound(st, std::string(UserRow::kSelect) + "id = :id", type, [&] {
      row.Bind(st);
      st.exchange(soci::use(key));
    });
  }
  long long key = 0;
  UserRow row;
  soci::statement st;  // last: bound to the members above
};

// A user's countries, in order (sql::Kept).
struct UserCountriesQuery {
  UserCountriesQuery(soci::session& sql, const std::string&, soci::details::statement_type type)
      : st(sql) {
    sql::Prepare(st, "SELECT iso3 FROM user_countries WHERE user_id = :id ORDER BY iso3", type,
                 soci::into(iso3), soci::use(user));
  }
  long long user = 0;
  std::string iso3;
  soci::statement st;  // last: bound to the members above
};

// Reads the user with `where` (a condition on users.id or users.email bound to `key`) on any
// session (an admin's change, a migration's), preparing its statements afresh.
template <typename Key>
Result<User> LoadUser(soci::session& sql, const char* where, const Key& key) {
  UserRow row;
  soci::statement st(sql);
  sql::PrepareBound(st, std::string(UserRow::kSelect) + where, soci::details::st_one_time_query,
                    [&] {
                      row.Bind(st);
                      st.exchange(soci::use(key));
                    });
  if (!st.execute(true) || row.found != soci::i_ok)
    return Error::Of(ErrorCode::kNotFound, "", METER_N("no such user"));
  User u = row.Make();
  std::string iso3;
  soci::statement countries =
      (sql.prepare << "SELECT iso3 FROM user_countries WHERE user_id = :id ORDER BY iso3",
       soci::into(iso3), soci::use(row.id));
  countries.execute();
  while (countries.fetch()) u.countries.push_back(iso3);
  return u;
}

}  // namespace

Result<User> LoadUserById(soci::session& sql, long long id) {
  return LoadUser(sql, "id = :id", id);
}

Result<User> LoadUserKept(sql::Database& db, soci::session& sql, long long id) {
  User u;
  {
    sql::Kept<UserByIdQuery> q(db, sql, "");
    q->key = id;
    if (!q->st.execute(true) || q->row.found != soci::i_ok)
      return Error::Of(ErrorCode::kNotFound, "", METER_N("no such user"));
    u = q->row.Make();
  }
  sql::Kept<UserCountriesQuery> countries(db, sql, "");
  countries->user = id;
  countries->st.execute();
  while (countries->st.fetch()) u.countries.push_back(countries->iso3);
  return u;
}

Result<User> SqlStore::CreateUser(const User& user, const std::string& actor) {
  if (auto refused = sql::NulCheck()
                         .Add("users.email", user.email)
                         .Add("users.name", user.name)
                         .Add("users.password_hash", user.password_hash)
                         .Add("user_countries.iso3", user.countries)
                         .Refusal())
    return *refused;
  return sql::InTransaction<User>(db_, [&](soci::session& sql) -> Result<User> {
    const std::string email = Lower(user.email);
    long long existing = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM users WHERE email = :e", soci::into(existing, ind), soci::use(email);
    if (ind == soci::i_ok) {
      return Error::Of(ErrorCode::kConflict, "",
                       METER_N("a user with the e-mail {1} exists already"), {email});
    }
    const std::string role = RoleKey(user.role);
    const int disabled = user.disabled ? 1 : 0;
    const long long now = sql::Now();
    long long id = 0;
    sql << "INSERT INTO users (email, name, role, password_hash, disabled, created_at) VALUES "
           "(:e, :n, :r, :h, :d, :c) RETURNING id",
        soci::use(email), soci::use(user.name), soci::use(role), soci::use(user.password_hash),
        soci::use(disabled), soci::use(now), soci::into(id);
    for (const std::string& iso3 : user.countries) {
      sql << "INSERT INTO user_countries (user_id, iso3) VALUES (:u, :c)", soci::use(id),
          soci::use(iso3);
    }
    sql::Audit(sql, actor, "user.create", "user:" + std::to_string(id), email + " " + role);
    return LoadUser(sql, "id = :id", id);
  });
}

Result<User> SqlStore::GetUser(Id id) {
  return sql::Reading<User>(db_, [&](soci::session& sql) { return LoadUserKept(db_, sql, id); });
}

Result<User> SqlStore::FindUserByEmail(const std::string& email) {
  const std::string key = Lower(email);
  return sql::Reading<User>(db_,
                            [&](soci::session& sql) { return LoadUser(sql, "email = :e", key); });
}

Result<std::vector<User>> SqlStore::ListUsers() {
  return sql::Reading<std::vector<User>>(db_, [&](soci::session& sql) -> Result<std::vector<User>> {
    std::vector<long long> ids;
    long long id = 0;
    soci::statement st = (sql.prepare << "SELECT id FROM users ORDER BY email", soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    std::vector<User> users;
    for (long long i : ids) {
      auto u = LoadUser(sql, "id = :id", i);
      if (!u) return u.error();
      users.push_back(std::move(u).value());
    }
    return users;
  });
}

Result<bool> SqlStore::SetPassword(Id user, const std::string& hash, const std::string& actor) {
  const long long id = user;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    soci::statement st = (sql.prepare << "UPDATE users SET password_hash = :h WHERE id = :id",
                          soci::use(hash), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
      return Error::Of(ErrorCode::kNotFound, "", METER_N("no such user"));
    sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);  // sign out everywhere
    sql::Audit(sql, actor, "user.password", "user:" + std::to_string(id));
    return true;
  });
}

Result<bool> SqlStore::SetUserDisabled(Id user, bool disabled, const std::string& actor) {
  const long long id = user;
  const int flag = disabled ? 1 : 0;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    soci::statement st = (sql.prepare << "UPDATE users SET disabled = :d WHERE id = :id",
                          soci::use(flag), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
      return Error::Of(ErrorCode::kNotFound, "", METER_N("no such user"));
    if (disabled) sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    sql::Audit(sql, actor, disabled ? "user.disable" : "user.enable", "user:" + std::to_string(id));
    return true;
  });
}

Result<bool> SqlStore::RecordLoginAttempt(const std::vector<LoginLimit>& limits, Seconds now,
                                          Seconds since) {
  const long long at = now, from = since;
  std::vector<LoginLimit> sorted = limits;  // one lock order for every caller: no deadlock
  std::sort(sorted.begin(), sorted.end(),
            [](const LoginLimit& a, const LoginLimit& b) { return a.key < b.key; });
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    // SQLite's BEGIN IMMEDIATE already holds the one write lock; PostgreSQL's READ COMMITTED
    // would let concurrent attempts each count before the others insert, so each key is locked
    // until the transaction ends (class 4242002 keeps these apart from the migration lock).
    if (db_.engine == "postgresql") {
      for (const LoginLimit& l : sorted)
        sql << "SELECT pg_advisory_xact_lock(4242002, hashtext(:k))", soci::use(l.key);
    }
    bool under = true;
    for (const LoginLimit& l : sorted) {
      sql << "DELETE FROM login_failures WHERE key = :k AND at < :s", soci::use(l.key),
          soci::use(from);
      long long count = 0;
      sql << "SELECT COUNT(*) FROM login_failures WHERE key = :k", soci::into(count),
          soci::use(l.key);
      if (count >= l.limit) under = false;
    }
    if (!under) return false;
    for (const LoginLimit& l : sorted)
      sql << "INSERT INTO login_failures (key, at) VALUES (:k, :a)", soci::use(l.key),
          soci::use(at);
    return true;
  });
}

Result<bool> SqlStore::ForgetLoginAttempt(const std::string& key, Seconds at) {
  const long long when = at;
  // Rows of one key and second are alike: delete any one of them (by the engine's row address).
  const std::string row = db_.engine == "postgresql" ? "ctid" : "rowid";
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    sql << "DELETE FROM login_failures WHERE " + row + " IN (SELECT " + row +
               " FROM login_failures WHERE key = :k AND at = :a LIMIT 1)",
        soci::use(key), soci::use(when);
    return true;
  });
}

Result<int> SqlStore::CountLoginFailures(const std::string& key, Seconds since) {
  const long long from = since;
  return sql::Reading<int>(db_, [&](soci::session& sql) -> Result<int> {
    long long count = 0;
    sql << "SELECT COUNT(*) FROM login_failures WHERE key = :k AND at >= :s", soci::into(count),
        soci::use(key), soci::use(from);
    return static_cast<int>(count);
  });
}

Result<bool> SqlStore::ClearLoginFailures(const std::string& key) {
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    sql << "DELETE FROM login_failures WHERE key = :k", soci::use(key);
    return true;
  });
}

Result<bool> SqlStore::CreateSession(const Session& s) {
  const long long user = s.user_id, respondent = s.respondent_id, created = s.created_at,
                  seen = s.last_seen, expires = s.expires_at;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    sql << "DELETE FROM sessions WHERE expires_at < :now", soci::use(created);
    sql << "INSERT INTO sessions (id_hash, user_id, respondent_id, csrf_token, created_at, "
           "last_seen, expires_at) VALUES (:h, :u, :r, :c, :cr, :ls, :ex)",
        soci::use(s.id_hash), soci::use(user), soci::use(respondent), soci::use(s.csrf_token),
        soci::use(created), soci::use(seen), soci::use(expires);
    return true;
  });
}

std::string SessionRow::Columns(const std::string& alias, bool coalesce) {
  return sql::SelectList({{"id_hash", "''"},
                          {"user_id", "0"},
                          {"respondent_id", "0"},
                          {"csrf_token", "''"},
                          {"created_at", "0"},
                          {"last_seen", "0"},
                          {"expires_at", "0"}},
                         alias, coalesce);
}

void SessionRow::Bind(soci::statement& st) {
  st.exchange(soci::into(s.id_hash));
  st.exchange(soci::into(user));
  st.exchange(soci::into(respondent));
  st.exchange(soci::into(s.csrf_token));
  st.exchange(soci::into(created));
  st.exchange(soci::into(seen));
  st.exchange(soci::into(expires));
}

Session SessionRow::Make() const {
  Session out = s;
  out.user_id = user;
  out.respondent_id = respondent;
  out.created_at = created;
  out.last_seen = seen;
  out.expires_at = expires;
  return out;
}

Result<Session> SqlStore::FindSession(const std::string& id_hash, Seconds now) {
  // One way to read a session: the joined read, whose caller parts a user's session lacks anyway.
  auto found = FindSessionWithCaller(id_hash, now);
  if (!found) return found.error();
  return std::move(found).value().session;
}

Result<bool> SqlStore::TouchSession(const std::string& id_hash, Seconds now, Seconds expires_at) {
  const long long seen = now, expires = expires_at;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    sql << "UPDATE sessions SET last_seen = :s, expires_at = :e WHERE id_hash = :h",
        soci::use(seen), soci::use(expires), soci::use(id_hash);
    return true;
  });
}

Result<bool> SqlStore::DeleteSession(const std::string& id_hash) {
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(id_hash);
    return true;
  });
}

}  // namespace meter
