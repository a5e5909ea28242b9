// Issue 14: invitations by e-mail, a round's deadline, and the reminders before it. An invitation
// and its message are written in one transaction, so that a saved invitation is never without its
// message (however long the mail server is down) and a refused one leaves neither. A reminder is
// queued once: its mark's key (round_reminders) is unique, and "INSERT … ON CONFLICT DO NOTHING"
// lets one transaction insert it; on PostgreSQL a second transaction inserting the same key waits
// for the first to commit and then inserts nothing, so two nodes never queue the same reminder.
#include "core/changes.h"
#include "core/mail.h"
#include "store/sql_store_impl.h"

namespace meter {

Result<std::vector<Respondent>> SqlStore::InviteRespondents(
    Id round, const std::vector<Invitation>& invitations, const std::string& actor) {
  for (const Invitation& i : invitations) {
    if (auto refused = sql::RespondentRefusal(i.respondent)) return *refused;
    if (i.mail) {
      if (auto address = CheckMailAddress(i.mail->recipient, "email"); !address) {
        return address.error();
      }
    }
  }
  using Invited = std::vector<Respondent>;
  return sql::InTransaction<Invited>(db_, [&](soci::session& sql) -> Result<Invited> {
    // An exclusive lock: two invitations of one name at once must not both find it free.
    auto locked = sql::LockRoundAccepting(db_, sql, round, RoundChange::kInvitations);
    if (!locked) return locked.error();
    const long long now = sql::Now();
    Invited out;
    for (const Invitation& i : invitations) {
      Respondent r = i.respondent;
      r.round_id = round;
      auto added = sql::InsertRespondent(db_, sql, locked.value(), r, actor);
      if (!added) return added.error();  // the transaction is rolled back: nobody is invited
      if (i.mail) {
        NewMail mail = *i.mail;
        mail.about = {round, added.value().id, mail.about.kind};
        sql::EnqueueMail(sql, mail, now, actor);
      }
      out.push_back(std::move(added).value());
    }
    return out;
  });
}

Result<Round> SqlStore::SetRoundDeadline(Id id, Seconds deadline, const std::string& actor) {
  return sql::InTransaction<Round>(db_, [&](soci::session& sql) -> Result<Round> {
    auto round = sql::LockRoundAccepting(db_, sql, id, RoundChange::kInvitations);
    if (!round) return round.error();
    const long long rid = id, at = deadline;
    sql << "UPDATE rounds SET deadline = :d WHERE id = :id", soci::use(at), soci::use(rid);
    sql::Audit(sql, actor, "round.deadline", "round:" + std::to_string(id),
               deadline == 0 ? std::string("none") : FormatUtc(deadline));
    Round out = round.value();
    out.deadline = deadline;
    return out;
  });
}

Result<bool> SqlStore::QueueReminder(const ReminderMark& mark,
                                     const std::optional<std::string>& token_hash,
                                     const NewMail& mail, Seconds now) {
  if (auto address = CheckMailAddress(mail.recipient, "email"); !address) return address.error();
  if (auto refused = sql::NulCheck()
                         .Add("round_reminders.kind", mark.kind)
                         .Add("outbox.body_text", mail.body_text)
                         .Add("outbox.subject", mail.subject)
                         .Add("outbox.recipient_name", mail.recipient_name)
                         .Add("respondents.token_hash", token_hash.value_or(""))
                         .Refusal()) {
    return *refused;
  }
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    const long long round = mark.round_id, respondent = mark.respondent_id, user = mark.user_id,
                    at = now;
    std::string status;
    sql << "SELECT status FROM rounds WHERE id = :id", soci::use(round), soci::into(status);
    if (status != RoundStatusKey(RoundStatus::kOpen)) {
      return Error::Of(ErrorCode::kConflict, "status",
                       METER_N("round {1} is not open: no reminder is sent"),
                       {std::to_string(round)});
    }
    soci::statement insert =
        (sql.prepare << "INSERT INTO round_reminders (round_id, respondent_id, user_id, kind,"
                        " queued_at) VALUES (:r, :p, :u, :k, :t) ON CONFLICT DO NOTHING",
         soci::use(round), soci::use(respondent), soci::use(user), soci::use(mark.kind),
         soci::use(at));
    insert.execute(true);
    if (insert.get_affected_rows() == 0) return false;  // queued before, maybe by another node
    if (token_hash) {
      sql << "UPDATE respondents SET token_hash = :t, reminded_at = :at WHERE id = :id"
             " AND round_id = :r",
          soci::use(*token_hash), soci::use(at), soci::use(respondent), soci::use(round);
      // The round's pages show when its respondents were last reminded (the campaign's last
      // activity), as after ReissueToken.
      sql::BumpVersion(db_, sql, sql::RoundVersionName(round));
    }
    NewMail queued = mail;
    queued.about = {mark.round_id, mark.respondent_id, mark.kind};
    sql::EnqueueMail(sql, queued, at, "system");
    sql::Audit(sql, "system", "round.reminder", "round:" + std::to_string(round),
               mark.kind + " " + mail.recipient);
    return true;
  });
}

Result<std::vector<ReminderMark>> SqlStore::RemindersOf(Id round) {
  const long long key = round;
  using Marks = std::vector<ReminderMark>;
  return sql::Reading<Marks>(db_, [&](soci::session& sql) {
    Marks out;
    long long respondent = 0, user = 0;
    std::string kind;
    soci::statement st =
        (sql.prepare << "SELECT respondent_id, user_id, kind FROM round_reminders"
                        " WHERE round_id = :r",
         soci::into(respondent), soci::into(user), soci::into(kind), soci::use(key));
    st.execute();
    while (st.fetch()) out.push_back({round, respondent, user, kind});
    return Result<Marks>(std::move(out));
  });
}

Result<std::vector<Round>> SqlStore::OpenRounds() {
  const std::string open = RoundStatusKey(RoundStatus::kOpen);
  auto ids = sql::Reading<std::vector<long long>>(db_, [&](soci::session& sql) {
    std::vector<long long> out;
    long long id = 0;
    soci::statement st = (sql.prepare << "SELECT id FROM rounds WHERE status = :s ORDER BY id",
                          soci::into(id), soci::use(open));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return Result<std::vector<long long>>(std::move(out));
  });
  if (!ids) return ids.error();
  std::vector<Round> out;
  for (long long id : ids.value()) {
    auto round = GetRound(id);
    if (round) out.push_back(std::move(round).value());  // one deleted meanwhile is no error
  }
  return out;
}

}  // namespace meter
