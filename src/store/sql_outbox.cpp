// The e-mail outbox (issue 13): messages queued in the transaction of whatever sends them, claimed
// by one app node at a time, and marked sent, retried later, or given up on.
//
// A claim is a conditional UPDATE ("… WHERE id = :id AND claimed_until <= :now"), checked by the
// rows it changed: on SQLite the write lock (BEGIN IMMEDIATE) runs claims one after the other; on
// PostgreSQL the second of two concurrent UPDATEs waits for the first to commit and then finds the
// claim taken, so it changes nothing. Either way one node wins each message.
#include "core/mail.h"
#include "store/sql_store_impl.h"

namespace meter {
namespace {

constexpr const char* kMailColumns =
    "id, recipient, subject, body_text, created_at, attempts, next_attempt_at, sent_at,"
    " failed_at, last_error, recipient_name, language, secret, round_id, respondent_id, kind";

// One outbox row as SOCI reads it.
struct MailRow {
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(m.recipient));
    st.exchange(soci::into(m.subject));
    st.exchange(soci::into(m.body_text));
    st.exchange(soci::into(created));
    st.exchange(soci::into(attempts));
    st.exchange(soci::into(next));
    st.exchange(soci::into(sent));
    st.exchange(soci::into(failed));
    st.exchange(soci::into(m.last_error));
    st.exchange(soci::into(m.recipient_name));
    st.exchange(soci::into(m.language));
    st.exchange(soci::into(m.secret));
    st.exchange(soci::into(round));
    st.exchange(soci::into(respondent));
    st.exchange(soci::into(m.about.kind));
  }
  OutboxMessage Make() const {
    OutboxMessage out = m;
    out.id = id;
    out.created_at = created;
    out.attempts = attempts;
    out.next_attempt_at = next;
    out.sent_at = sent;
    out.failed_at = failed;
    out.about.round_id = round;
    out.about.respondent_id = respondent;
    return out;
  }
  OutboxMessage m;
  long long id = 0, created = 0, next = 0, sent = 0, failed = 0, round = 0, respondent = 0;
  int attempts = 0;
};

// The rows `where` selects (bound to `value`), in `order`.
std::vector<OutboxMessage> ReadMail(soci::session& sql, const std::string& where_order,
                                    long long value) {
  std::vector<OutboxMessage> out;
  MailRow row;
  soci::statement st(sql);
  sql::PrepareBound(st, std::string("SELECT ") + kMailColumns + " FROM outbox " + where_order,
                    soci::details::st_one_time_query, [&] {
                      row.Bind(st);
                      st.exchange(soci::use(value));
                    });
  st.execute();
  while (st.fetch()) out.push_back(row.Make());
  return out;
}

std::optional<Error> MailRefusal(const NewMail& mail) {
  if (auto address = CheckMailAddress(mail.recipient, "outbox.recipient"); !address) {
    return address.error();
  }
  return sql::NulCheck()
      .Add("outbox.subject", mail.subject)
      .Add("outbox.body_text", mail.body_text)
      .Add("outbox.recipient_name", mail.recipient_name)
      .Add("outbox.language", mail.language)
      .Add("outbox.secret", mail.secret)
      .Add("outbox.kind", mail.about.kind)
      .Refusal();
}

Error ClaimLost() {
  return Error::Of(ErrorCode::kConflict, "",
                   METER_N("this node's claim on the message expired and another node took it"));
}

// Ends `claimed`'s claim by `node` with `set` (an UPDATE's SET list bound to `bind`); kConflict
// when the claim is no longer that node's.
Result<bool> EndClaim(soci::session& sql, const OutboxMessage& claimed, const std::string& node,
                      const std::string& set, const std::function<void(soci::statement&)>& bind) {
  const long long id = claimed.id;
  const int attempts = claimed.attempts;
  soci::statement st(sql);
  sql::PrepareBound(st,
                    "UPDATE outbox SET " + set +
                        ", claimed_by = '', claimed_until = 0 WHERE id = :id AND claimed_by = :n"
                        " AND attempts = :a AND sent_at = 0 AND failed_at = 0",
                    soci::details::st_one_time_query, [&] {
                      bind(st);
                      st.exchange(soci::use(id));
                      st.exchange(soci::use(node));
                      st.exchange(soci::use(attempts));
                    });
  st.execute(true);
  if (st.get_affected_rows() == 0) return ClaimLost();
  return true;
}

}  // namespace

namespace sql {

long long EnqueueMail(soci::session& sql, const NewMail& mail, long long now,
                      const std::string& actor) {
  long long id = 0;
  const long long round = mail.about.round_id, respondent = mail.about.respondent_id;
  sql << "INSERT INTO outbox (recipient, subject, body_text, created_at, attempts,"
         " next_attempt_at, claimed_by, claimed_until, sent_at, failed_at, last_error,"
         " recipient_name, language, secret, round_id, respondent_id, kind)"
         " VALUES (:r, :s, :b, :c, 0, :n, '', 0, 0, 0, '', :rn, :l, :x, :ro, :re, :k) RETURNING id",
      soci::use(mail.recipient), soci::use(mail.subject), soci::use(mail.body_text), soci::use(now),
      soci::use(now), soci::use(mail.recipient_name), soci::use(mail.language),
      soci::use(mail.secret), soci::use(round), soci::use(respondent), soci::use(mail.about.kind),
      soci::into(id);
  Audit(sql, actor, "mail.queue", "mail:" + std::to_string(id), mail.recipient);
  return id;
}

}  // namespace sql

Result<OutboxMessage> SqlStore::EnqueueMail(const NewMail& mail, Seconds now,
                                            const std::string& actor) {
  if (auto refused = MailRefusal(mail)) return *refused;
  const long long at = now;
  return sql::InTransaction<OutboxMessage>(db_, [&](soci::session& sql) -> Result<OutboxMessage> {
    const long long id = sql::EnqueueMail(sql, mail, at, actor);
    return ReadMail(sql, "WHERE id = :id", id).front();
  });
}

Result<std::vector<OutboxMessage>> SqlStore::ClaimMail(const std::string& node, Seconds now,
                                                       Seconds lease, size_t limit) {
  const long long at = now, until = now + lease, most = static_cast<long long>(limit);
  using Claimed = std::vector<OutboxMessage>;
  return sql::InTransaction<Claimed>(db_, [&](soci::session& sql) -> Result<Claimed> {
    std::vector<long long> due(static_cast<size_t>(std::max<long long>(most, 1)));
    // PostgreSQL: rows another node's claim has locked are skipped rather than waited for, so
    // nodes claiming at once take different messages (the UPDATE below stays the guard).
    const std::string skip = db_.engine == "postgresql" ? " FOR UPDATE SKIP LOCKED" : "";
    sql << "SELECT id FROM outbox WHERE sent_at = 0 AND failed_at = 0 AND next_attempt_at <= :t"
           " AND claimed_until <= :u ORDER BY id LIMIT :k" +
               skip,
        soci::into(due), soci::use(at), soci::use(at), soci::use(most);
    Claimed out;
    for (long long id : due) {
      soci::statement claim =
          (sql.prepare << "UPDATE outbox SET claimed_by = :n, claimed_until = :u,"
                          " attempts = attempts + 1 WHERE id = :id AND sent_at = 0"
                          " AND failed_at = 0 AND claimed_until <= :t",
           soci::use(node), soci::use(until), soci::use(id), soci::use(at));
      claim.execute(true);
      if (claim.get_affected_rows() == 1)
        out.push_back(ReadMail(sql, "WHERE id = :id", id).front());
    }
    return out;
  });
}

Result<bool> SqlStore::MarkMailSent(const OutboxMessage& claimed, const std::string& node,
                                    Seconds now) {
  const long long at = now;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) {
    return EndClaim(sql, claimed, node, "sent_at = :s, secret = ''",
                    [&](soci::statement& st) { st.exchange(soci::use(at)); });
  });
}

Result<bool> SqlStore::MarkMailFailed(const OutboxMessage& claimed, const std::string& node,
                                      const std::string& error, std::optional<Seconds> retry_at,
                                      Seconds now) {
  const long long next = retry_at.value_or(claimed.next_attempt_at);
  const long long failed = retry_at ? 0 : now;
  const std::string text = error.find('\0') == std::string::npos ? error : "(unreadable error)";
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto ended =
        EndClaim(sql, claimed, node,
                 retry_at ? "last_error = :e, next_attempt_at = :x, failed_at = :f"
                          : "last_error = :e, next_attempt_at = :x, failed_at = :f, secret = ''",
                 [&](soci::statement& st) {
                   st.exchange(soci::use(text));
                   st.exchange(soci::use(next));
                   st.exchange(soci::use(failed));
                 });
    if (!ended) return ended;
    if (!retry_at) {
      sql::Audit(sql, "system", "mail.failed", "mail:" + std::to_string(claimed.id),
                 claimed.recipient + ": " + text);
    }
    return true;
  });
}

Result<std::vector<OutboxMessage>> SqlStore::ListMail(size_t limit) {
  const long long most = static_cast<long long>(limit);
  return sql::Reading<std::vector<OutboxMessage>>(db_, [&](soci::session& sql) {
    return Result<std::vector<OutboxMessage>>(ReadMail(sql, "ORDER BY id DESC LIMIT :k", most));
  });
}

Result<std::vector<OutboxMessage>> SqlStore::MailOfRound(Id round) {
  const long long key = round;
  return sql::Reading<std::vector<OutboxMessage>>(db_, [&](soci::session& sql) {
    std::vector<OutboxMessage> out = ReadMail(sql, "WHERE round_id = :r ORDER BY id", key);
    for (OutboxMessage& m : out) m.secret.clear();
    return Result<std::vector<OutboxMessage>>(std::move(out));
  });
}

}  // namespace meter
