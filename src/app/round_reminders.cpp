// The mail worker's pass over the open rounds (issue 14): the reminders to respondents who have
// not finished before a round's deadline, and the coordinators' notices (the round closes in 3
// days; every respondent finished), each queued once (core/round_mail.h says when, and why then).
//
// The marks already queued are read first, so that a pass writes nothing when nothing is due; the
// store's QueueReminder is still the guard against two nodes queueing the same reminder at once.
// A respondent's reminder carries a new link (their token is only kept hashed, so the first one
// cannot be sent again); their sessions stay.
#include <algorithm>

#include "app/mail_worker.h"
#include "core/authorization.h"
#include "core/languages.h"
#include "core/round_mail.h"
#include "web/security.h"

namespace meter {
namespace {

bool Holds(const std::vector<ReminderMark>& done, const ReminderMark& mark) {
  return std::any_of(done.begin(), done.end(), [&](const ReminderMark& d) {
    return d.respondent_id == mark.respondent_id && d.user_id == mark.user_id &&
           d.kind == mark.kind;
  });
}

std::vector<User> CoordinatorsOf(const std::vector<User>& users, const std::string& country) {
  std::vector<User> out;
  for (const User& u : users) {
    const bool theirs =
        std::find(u.countries.begin(), u.countries.end(), country) != u.countries.end();
    if (!u.disabled && u.role == Role::kCoordinator && theirs) out.push_back(u);
  }
  return out;
}

}  // namespace

// A coordinator's notices are in the language they chose the changes page in (their only stored
// choice of language), else English.
std::string MailWorker::LanguageOf(const User& user) {
  auto state = store_.ChangesStateOf(user.id);
  if (state && IsUnLanguage(state.value().digest_language)) return state.value().digest_language;
  return "en";
}

bool MailWorker::QueueOnce(const ReminderMark& mark, const std::vector<ReminderMark>& done,
                           const std::optional<std::string>& token_hash, const NewMail& mail,
                           Seconds now) {
  if (Holds(done, mark)) return false;
  auto queued = store_.QueueReminder(mark, token_hash, mail, now);
  if (!queued) log_(queued.error().problems.front());
  return queued.ok() && queued.value();
}

int MailWorker::QueueRoundMail(Seconds now) {
  if (!settings_.instruments) return 0;
  auto rounds = store_.OpenRounds();
  if (!rounds) {
    log_(rounds.error().problems.front());
    return 0;
  }
  std::optional<std::vector<User>> users;
  int queued = 0;
  for (const Round& round : rounds.value()) {
    if (!users) {
      auto listed = store_.ListUsers();
      if (!listed) {
        log_(listed.error().problems.front());
        return queued;
      }
      users = std::move(listed).value();
    }
    queued += QueueRoundMail(round, *users, now);
  }
  return queued;
}

int MailWorker::QueueRoundMail(const Round& round, const std::vector<User>& users, Seconds now) {
  const Instrument* instrument =
      settings_.instruments->Find(round.instrument_id, round.instrument_version);
  auto respondents = store_.ListRespondents(round.id);
  auto done = store_.RemindersOf(round.id);
  if (!instrument || !respondents || !done) return 0;  // a later pass tries again
  const Country* country = settings_.countries ? settings_.countries->Find(round.country) : nullptr;
  auto facts_for = [&](const std::string& lang, const std::string& name, const std::string& link) {
    return RoundMailFacts{round.title, country ? country->names.Get(lang) : round.country, name,
                          link, round.deadline};
  };
  int queued = 0;
  long active = 0, unfinished = 0;
  for (const Respondent& r : respondents.value()) {
    if (!InvitationValid(r, now)) continue;
    ++active;
    if (RespondentFinished(*instrument, r)) continue;
    ++unfinished;
    const auto kind = DueReminder(round.deadline, r.invited_at, now);
    if (!kind || r.email.empty()) continue;
    const ReminderMark mark{round.id, r.id, 0, *kind};
    if (Holds(done.value(), mark)) continue;
    const std::string lang = IsUnLanguage(r.language) ? r.language : "en";
    const MailContent text = ComposeReminder(
        *kind, facts_for(lang, r.name, settings_.base_url + "/r/" + kMailSecretMarker),
        TranslatorFor(catalogs_.For(lang)), lang);
    const std::string token = RandomToken();
    NewMail mail{r.email, text.subject, text.text, r.name, lang, token};
    if (QueueOnce(mark, done.value(), Sha256Hex(token), mail, now)) ++queued;
  }
  const bool closing = ClosingNoticeDue(round.deadline, now);
  const bool all_finished = active > 0 && unfinished == 0;
  if (!closing && !all_finished) return queued;
  const std::string page = settings_.base_url + "/rounds/" + std::to_string(round.id);
  for (const User& c : CoordinatorsOf(users, round.country)) {
    const std::string lang = LanguageOf(c);
    const Translator translate = TranslatorFor(catalogs_.For(lang));
    const RoundMailFacts facts = facts_for(lang, c.name, page);
    if (closing) {
      const MailContent text = ComposeClosingNotice(facts, unfinished, translate, lang);
      if (QueueOnce({round.id, 0, c.id, kMailClosingSoon}, done.value(), std::nullopt,
                    {c.email, text.subject, text.text, c.name, lang}, now))
        ++queued;
    }
    if (all_finished) {
      const MailContent text = ComposeAllFinished(facts, active, translate, lang);
      if (QueueOnce({round.id, 0, c.id, kMailAllFinished}, done.value(), std::nullopt,
                    {c.email, text.subject, text.text, c.name, lang}, now))
        ++queued;
    }
  }
  return queued;
}

}  // namespace meter
