// What each user saw of the changes (/changes) and chose for the daily digest (issue 13). A
// digest is claimed like an outbox message: by a conditional UPDATE that one transaction wins, for
// a lease after which another node may take it, and completed in one transaction with the message
// it queues.
#include "store/sql_store_impl.h"

namespace meter {
namespace {

constexpr Seconds kDay = 24 * 3600;

// The user's row, made with its default values when there is none.
void EnsureRow(soci::session& sql, long long user) {
  sql << "INSERT INTO user_changes (user_id, seen_up_to, seen_at, digest, digest_language,"
         " digest_up_to, digest_due_at, digest_claimed_by, digest_claimed_until)"
         " VALUES (:u, 0, 0, 0, '', 0, 0, '', 0) ON CONFLICT (user_id) DO NOTHING",
      soci::use(user);
}

ChangesState ReadState(soci::session& sql, long long user) {
  ChangesState s;
  long long seen_up_to = 0, seen_at = 0, up_to = 0, due = 0;
  int digest = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT seen_up_to, seen_at, digest, digest_language, digest_up_to, digest_due_at"
         " FROM user_changes WHERE user_id = :u",
      soci::into(seen_up_to, found), soci::into(seen_at), soci::into(digest),
      soci::into(s.digest_language), soci::into(up_to), soci::into(due), soci::use(user);
  if (found != soci::i_ok) return ChangesState{};
  s.seen_up_to = seen_up_to;
  s.seen_at = seen_at;
  s.digest = digest != 0;
  s.digest_up_to = up_to;
  s.digest_due_at = due;
  return s;
}

}  // namespace

Result<ChangesState> SqlStore::ChangesStateOf(Id user) {
  const long long id = user;
  return sql::Reading<ChangesState>(
      db_, [&](soci::session& sql) { return Result<ChangesState>(ReadState(sql, id)); });
}

Result<std::vector<AuditEvent>> SqlStore::EventsAfter(long long after,
                                                      const std::vector<std::string>& actions,
                                                      size_t limit) {
  using Events = std::vector<AuditEvent>;
  if (actions.empty()) return Events{};
  const long long most = static_cast<long long>(limit);
  return sql::Reading<Events>(db_, [&](soci::session& sql) {
    std::string in;
    for (size_t i = 0; i < actions.size(); ++i) in += (i ? ", :a" : ":a") + std::to_string(i);
    Events out;
    AuditEvent e;
    long long id = 0, at = 0;
    soci::statement st(sql);
    sql::PrepareBound(st,
                      "SELECT id, at, actor, action, target, detail FROM audit WHERE id > :after"
                      " AND action IN (" +
                          in + ") ORDER BY id DESC LIMIT :k",
                      soci::details::st_one_time_query, [&] {
                        st.exchange(soci::into(id));
                        st.exchange(soci::into(at));
                        st.exchange(soci::into(e.actor));
                        st.exchange(soci::into(e.action));
                        st.exchange(soci::into(e.target));
                        st.exchange(soci::into(e.detail));
                        st.exchange(soci::use(after));
                        for (const std::string& a : actions) st.exchange(soci::use(a));
                        st.exchange(soci::use(most));
                      });
    st.execute();
    while (st.fetch()) {
      e.id = id;
      e.at = at;
      out.push_back(e);
    }
    return Result<Events>(std::move(out));
  });
}

Result<bool> SqlStore::RecordChangesVisit(Id user, long long up_to, Seconds now) {
  const long long id = user, at = now;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    EnsureRow(sql, id);
    sql << "UPDATE user_changes SET seen_at = :t, seen_up_to = CASE WHEN seen_up_to < :m1"
           " THEN :m2 ELSE seen_up_to END WHERE user_id = :u",
        soci::use(at), soci::use(up_to), soci::use(up_to), soci::use(id);
    return true;
  });
}

Result<ChangesState> SqlStore::SetDigest(Id user, bool on, const std::string& language, Seconds now,
                                         const std::string& actor) {
  const long long id = user, due = now + kDay;
  const int flag = on ? 1 : 0;
  if (auto refused = sql::NulCheck().Add("user_changes.digest_language", language).Refusal()) {
    return *refused;
  }
  return sql::InTransaction<ChangesState>(db_, [&](soci::session& sql) -> Result<ChangesState> {
    if (auto found = LoadUserById(sql, id); !found) return found.error();
    EnsureRow(sql, id);
    const ChangesState before = ReadState(sql, id);
    if (on && !before.digest) {
      // From now on: the first digest covers what happens after it was chosen.
      long long last = 0;
      sql << "SELECT COALESCE(MAX(id), 0) FROM audit", soci::into(last);
      sql << "UPDATE user_changes SET digest_up_to = :l, digest_due_at = :d WHERE user_id = :u",
          soci::use(last), soci::use(due), soci::use(id);
    }
    sql << "UPDATE user_changes SET digest = :f, digest_language = :g WHERE user_id = :u",
        soci::use(flag), soci::use(language), soci::use(id);
    sql::Audit(sql, actor, "changes.digest", "user:" + std::to_string(id),
               on ? "on " + language : "off");
    return ReadState(sql, id);
  });
}

Result<std::vector<Id>> SqlStore::DueDigests(Seconds now) {
  const long long at = now;
  return sql::Reading<std::vector<Id>>(db_, [&](soci::session& sql) {
    std::vector<Id> out;
    long long id = 0;
    soci::statement st =
        (sql.prepare << "SELECT c.user_id FROM user_changes c JOIN users u ON u.id = c.user_id"
                        " WHERE c.digest = 1 AND u.disabled = 0 AND c.digest_due_at <= :t1"
                        " AND c.digest_claimed_until <= :t2 ORDER BY c.user_id",
         soci::into(id), soci::use(at), soci::use(at));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return Result<std::vector<Id>>(std::move(out));
  });
}

Result<std::optional<DigestClaim>> SqlStore::ClaimDigest(Id user, const std::string& node,
                                                         Seconds now, Seconds lease) {
  const long long id = user, at = now, until = now + lease;
  using Claim = std::optional<DigestClaim>;
  return sql::InTransaction<Claim>(db_, [&](soci::session& sql) -> Result<Claim> {
    soci::statement claim =
        (sql.prepare << "UPDATE user_changes SET digest_claimed_by = :n,"
                        " digest_claimed_until = :u WHERE user_id = :id AND digest = 1"
                        " AND digest_due_at <= :t1 AND digest_claimed_until <= :t2",
         soci::use(node), soci::use(until), soci::use(id), soci::use(at), soci::use(at));
    claim.execute(true);
    if (claim.get_affected_rows() != 1) return Claim{};
    auto found = LoadUserById(sql, id);
    if (!found) return found.error();
    return Claim{DigestClaim{found.value(), ReadState(sql, id)}};
  });
}

Result<bool> SqlStore::CompleteDigest(Id user, const std::string& node, long long up_to,
                                      Seconds next_due, const std::optional<NewMail>& mail,
                                      Seconds now) {
  const long long id = user, next = next_due, at = now;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    soci::statement done =
        (sql.prepare << "UPDATE user_changes SET digest_up_to = :m, digest_due_at = :d,"
                        " digest_claimed_by = '', digest_claimed_until = 0"
                        " WHERE user_id = :id AND digest_claimed_by = :n",
         soci::use(up_to), soci::use(next), soci::use(id), soci::use(node));
    done.execute(true);
    if (done.get_affected_rows() != 1) {
      return Error::Of(ErrorCode::kConflict, "",
                       METER_N("this node's claim on the digest expired and another node took "
                               "it"));
    }
    if (mail) sql::EnqueueMail(sql, *mail, at, "system");
    return true;
  });
}

}  // namespace meter
