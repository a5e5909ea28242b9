// The secretariat's user management: editing a user's role and countries, one-time password reset
// links (only their hashes are stored), and the audit log's filtered pages.
// A coordinator's countries are also changed one at a time from the country management page.
#include <algorithm>

#include "store/sql_store_impl.h"

namespace meter {

Result<User> SqlStore::UpdateUser(Id user, Role role, const std::vector<std::string>& countries,
                                  const std::string& actor) {
  const long long id = user;
  const std::string key = RoleKey(role);
  return sql::InTransaction<User>(db_, [&](soci::session& sql) -> Result<User> {
    soci::statement st =
        (sql.prepare << "UPDATE users SET role = :r WHERE id = :id", soci::use(key), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
      return Error::Of(ErrorCode::kNotFound, "", METER_N("no such user"));
    sql << "DELETE FROM user_countries WHERE user_id = :id", soci::use(id);
    std::string listed;
    for (const std::string& iso3 : countries) {
      sql << "INSERT INTO user_countries (user_id, iso3) VALUES (:u, :c)", soci::use(id),
          soci::use(iso3);
      listed += " " + iso3;
    }
    sql::Audit(sql, actor, "user.edit", "user:" + std::to_string(id), key + listed);
    return LoadUserById(sql, id);
  });
}

Result<User> SqlStore::AssignCountry(Id user, const std::string& iso3, bool assign,
                                     const std::string& actor) {
  const long long id = user;
  return sql::InTransaction<User>(db_, [&](soci::session& sql) -> Result<User> {
    auto found = LoadUserById(sql, id);
    if (!found) return found.error();
    if (assign && found.value().role != Role::kCoordinator) {
      return Error::Of(ErrorCode::kInvalidInput, "email",
                       METER_N("only a coordinator can coordinate a country: change the user's "
                               "role on their page first"));
    }
    const std::vector<std::string>& has = found.value().countries;
    if ((std::find(has.begin(), has.end(), iso3) != has.end()) == assign) return found;
    if (assign) {
      sql << "INSERT INTO user_countries (user_id, iso3) VALUES (:u, :c)", soci::use(id),
          soci::use(iso3);
    } else {
      sql << "DELETE FROM user_countries WHERE user_id = :u AND iso3 = :c", soci::use(id),
          soci::use(iso3);
    }
    sql::Audit(sql, actor, assign ? "country.coordinator_add" : "country.coordinator_remove",
               "country:" + iso3, found.value().email);
    return LoadUserById(sql, id);
  });
}

Result<bool> SqlStore::CreatePasswordReset(Id user, const std::string& token_hash,
                                           Seconds expires_at, const std::string& actor) {
  const long long id = user, expires = expires_at, now = sql::Now();
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto found = LoadUserById(sql, id);
    if (!found) return found.error();
    // One valid link per user: a new one replaces the one handed over before.
    sql << "DELETE FROM password_resets WHERE user_id = :u", soci::use(id);
    sql << "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, created_by)"
           " VALUES (:h, :u, :c, :e, :by)",
        soci::use(token_hash), soci::use(id), soci::use(now), soci::use(expires), soci::use(actor);
    sql::Audit(sql, actor, "user.reset_link", "user:" + std::to_string(id), found.value().email);
    return true;
  });
}

namespace {

Error ResetLinkInvalid() {
  return Error::Of(ErrorCode::kNotFound, "",
                   METER_N("this password link is not valid: it was used, it expired, or a newer "
                           "one replaced it; ask the secretariat for a new one"));
}

// The user a reset link is for, when it is known and not expired at `now`.
Result<User> ResetUser(soci::session& sql, const std::string& token_hash, long long now) {
  long long user = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT user_id FROM password_resets WHERE token_hash = :h AND expires_at > :n",
      soci::into(user, found), soci::use(token_hash), soci::use(now);
  if (found != soci::i_ok) return ResetLinkInvalid();
  return LoadUserById(sql, user);
}

}  // namespace

Result<User> SqlStore::FindPasswordReset(const std::string& token_hash, Seconds now) {
  const long long at = now;
  return sql::Reading<User>(db_,
                            [&](soci::session& sql) { return ResetUser(sql, token_hash, at); });
}

Result<User> SqlStore::UsePasswordReset(const std::string& token_hash,
                                        const std::string& password_hash, Seconds now) {
  const long long at = now;
  return sql::InTransaction<User>(db_, [&](soci::session& sql) -> Result<User> {
    auto user = ResetUser(sql, token_hash, at);
    if (!user) return user.error();
    const long long id = user.value().id;
    // Deleting the row first makes the link single-use even for two requests at once: the
    // second finds no row (SQLite's write lock; PostgreSQL's row lock on the DELETE).
    soci::statement used =
        (sql.prepare << "DELETE FROM password_resets WHERE token_hash = :h", soci::use(token_hash));
    used.execute(true);
    if (used.get_affected_rows() == 0) return ResetLinkInvalid();
    sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(password_hash),
        soci::use(id);
    sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);  // sign out everywhere
    sql::Audit(sql, user.value().email, "user.password_reset", "user:" + std::to_string(id));
    return LoadUserById(sql, id);
  });
}

Result<std::vector<AuditEvent>> SqlStore::FindAudit(const AuditFilter& filter) {
  return sql::Reading<std::vector<AuditEvent>>(db_, [&](soci::session& sql) {
    // Every condition is always there, and an unset one is true by its own value, so that the
    // statement is one text with bound values only.
    const std::string round =
        filter.round ? "round:" + std::to_string(filter.round) : filter.target;
    const long long from = filter.from, to = filter.to,
                    limit = static_cast<long long>(filter.limit),
                    offset = static_cast<long long>(filter.offset);
    std::vector<AuditEvent> out;
    AuditEvent e;
    long long id = 0, at = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, at, actor, action, target, detail FROM audit WHERE"
                        " (CAST(:a1 AS TEXT) = '' OR actor = :a2)"
                        " AND (CAST(:c1 AS TEXT) = '' OR action = :c2)"
                        " AND (CAST(:r1 AS TEXT) = '' OR target = :r2)"
                        " AND at >= :f AND (CAST(:t1 AS BIGINT) = 0 OR at < :t2)"
                        " ORDER BY id DESC LIMIT :n OFFSET :o",
         soci::into(id), soci::into(at), soci::into(e.actor), soci::into(e.action),
         soci::into(e.target), soci::into(e.detail), soci::use(filter.actor),
         soci::use(filter.actor), soci::use(filter.action), soci::use(filter.action),
         soci::use(round), soci::use(round), soci::use(from), soci::use(to), soci::use(to),
         soci::use(limit), soci::use(offset));
    st.execute();
    while (st.fetch()) {
      e.id = id;
      e.at = at;
      out.push_back(e);
    }
    return Result<std::vector<AuditEvent>>(std::move(out));
  });
}

Result<std::vector<std::string>> SqlStore::AuditActions() {
  return sql::Reading<std::vector<std::string>>(db_, [&](soci::session& sql) {
    std::vector<std::string> out;
    std::string action;
    soci::statement st =
        (sql.prepare << "SELECT DISTINCT action FROM audit ORDER BY action", soci::into(action));
    st.execute();
    while (st.fetch()) out.push_back(action);
    return Result<std::vector<std::string>>(std::move(out));
  });
}

}  // namespace meter
