#include "app/mail_worker.h"

#include <unistd.h>

#include <algorithm>
#include <random>

#include "core/authorization.h"
#include "core/changes.h"
#include "core/languages.h"

namespace meter {
namespace {

constexpr Seconds kDay = 24 * 3600;
constexpr size_t kDigestEvents = 200;  // the newest events one digest tells about

// `text` with the marker of the message's secret replaced by the secret itself.
std::string WithSecret(std::string text, const std::string& secret) {
  const std::string marker = kMailSecretMarker;
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
    text.replace(at, marker.size(), secret);
    at += secret.size();
  }
  return text;
}

bool WantsChanges(const User& user) {
  Principal p;
  p.kind = Principal::Kind::kUser;
  p.role = user.role;
  return !user.disabled && Allowed(p, Action::kViewChanges);
}

}  // namespace

std::string NodeName() {
  char host[256] = "";
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "node") + ":" + std::to_string(getpid()) + ":" +
         std::to_string(std::random_device{}() % 1000000);
}

MailWorker::MailWorker(Store& store, const Catalogs& catalogs, MailSettings settings, Log log,
                       Send send)
    : store_(store),
      catalogs_(catalogs),
      settings_(std::move(settings)),
      log_(std::move(log)),
      send_(std::move(send)) {
  if (!send_ && settings_.smtp) {
    send_ = [smtp = *settings_.smtp](const std::string& to, const std::string& message) {
      return SendSmtp(smtp, to, message);
    };
  }
}

MailWorker::Pass MailWorker::RunOnce(Seconds now) {
  Pass pass;
  pass.digests = QueueDigests(now);
  pass.reminders = QueueRoundMail(now);
  if (send_) SendDue(now, pass);
  return pass;
}

int MailWorker::QueueDigests(Seconds now) {
  auto due = store_.DueDigests(now);
  if (!due) {
    log_(due.error().problems.front());
    return 0;
  }
  int queued = 0;
  for (Id user : due.value()) {
    auto claim = store_.ClaimDigest(user, settings_.node, now, settings_.lease);
    if (!claim) log_(claim.error().problems.front());
    if (!claim || !claim.value()) continue;  // another node has it
    if (QueueDigest(*claim.value(), now)) ++queued;
  }
  return queued;
}

bool MailWorker::QueueDigest(const DigestClaim& claim, Seconds now) {
  const ChangesState& state = claim.state;
  auto events = store_.EventsAfter(state.digest_up_to, ChangeActions(), kDigestEvents);
  if (!events) {
    log_(events.error().problems.front());
    return false;  // the claim expires, and a later pass tries again
  }
  const std::vector<AuditEvent> news = NewsFor(events.value(), claim.user.email);
  std::optional<NewMail> mail;
  if (!news.empty() && WantsChanges(claim.user)) {
    const std::string lang =
        IsUnLanguage(state.digest_language) ? state.digest_language : std::string("en");
    const DigestText text =
        ComposeDigest(news, TranslatorFor(catalogs_.For(lang)), lang, settings_.base_url);
    mail = NewMail{claim.user.email, text.subject, text.body, claim.user.name, lang};
  }
  auto done =
      store_.CompleteDigest(claim.user.id, settings_.node,
                            LastEventId(events.value(), state.digest_up_to), now + kDay, mail, now);
  if (!done) log_(done.error().problems.front());
  return done.ok() && mail;
}

void MailWorker::SendDue(Seconds now, Pass& pass) {
  auto claimed = store_.ClaimMail(settings_.node, now, settings_.lease, settings_.batch);
  if (!claimed) {
    log_(claimed.error().problems.front());
    return;
  }
  for (const OutboxMessage& m : claimed.value()) Deliver(m, now, pass);
}

void MailWorker::Deliver(const OutboxMessage& m, Seconds now, Pass& pass) {
  const std::string from = settings_.smtp ? settings_.smtp->from : std::string();
  const MailContent content{m.subject, WithSecret(m.body_text, m.secret),
                            m.language.empty() ? "en" : m.language};
  const SmtpOutcome outcome =
      send_(m.recipient, FormatMail({from, settings_.smtp ? settings_.smtp->from_name : ""},
                                    {m.recipient, m.recipient_name}, content, now,
                                    OutboxMessageId(m.id, m.created_at, from)));
  Result<bool> recorded = true;
  if (outcome.sent) {
    recorded = store_.MarkMailSent(m, settings_.node, now);
    ++pass.sent;
  } else if (outcome.permanent || m.attempts >= settings_.max_attempts) {
    recorded = store_.MarkMailFailed(m, settings_.node, outcome.error, std::nullopt, now);
    ++pass.failed;
    log_(CountProblem(
        "",
        METER_NP("e-mail {1} to {2} failed after {3} attempt and is given up: {4}",
                 "e-mail {1} to {2} failed after {3} attempts and is given up: {4}"),
        m.attempts,
        {std::to_string(m.id), m.recipient, std::to_string(m.attempts), outcome.error}));
  } else {
    const Seconds retry = now + RetryDelay(m.attempts);
    recorded = store_.MarkMailFailed(m, settings_.node, outcome.error, retry, now);
    ++pass.retried;
    log_({"",
          METER_N("e-mail {1} to {2} was not accepted; trying again at {3}: {4}"),
          {std::to_string(m.id), m.recipient, FormatUtc(retry), outcome.error}});
  }
  if (!recorded) log_(recorded.error().problems.front());
}

MailThread::MailThread(MailWorker& worker, std::chrono::seconds interval)
    : thread_([this, &worker, interval](std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (!stop.stop_requested()) {
          lock.unlock();
          const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
          worker.RunOnce(now);
          lock.lock();
          wake_.wait_for(lock, stop, interval, [] { return false; });
        }
      }) {}

MailThread::~MailThread() {
  thread_.request_stop();
  thread_.join();
}

}  // namespace meter
