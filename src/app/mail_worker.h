// The background e-mail worker of `meter serve` (issues 13 and 14): once a pass, it queues the
// daily digests that are due (in each user's language), the reminders and coordinators' notices of
// open rounds that are due (core/round_mail.h: each at most once per respondent or coordinator and
// kind, RoundRepository::QueueReminder), and sends the outbox's due messages through SMTP as
// multipart text + HTML (core/mail.h FormatMail), retrying failures with a growing wait until
// kMaxMailAttempts, then marking them failed. A message's secret (an invitation link's token) is
// put into its body only as it is sent, and is never logged.
//
// Several nodes may run it on one PostgreSQL: each digest and each message is claimed by one node
// (ChangesRepository::ClaimDigest, OutboxRepository::ClaimMail) for `lease` seconds, longer than
// one SMTP attempt may take, so that a node that dies mid-send leaves it to another once the claim
// expires. A message may then be sent twice (the dead node may have handed it over just before);
// it is never lost. The worker borrows the store and catalogs, which must outlive it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "app/smtp_client.h"
#include "core/countries.h"
#include "core/instrument_catalog.h"
#include "core/mail.h"
#include "core/store.h"
#include "i18n/i18n.h"

namespace meter {

struct MailSettings {
  // nullopt: no SMTP server is configured, and messages stay queued until one is.
  std::optional<SmtpSettings> smtp;
  std::string base_url;  // the links of a digest: "https://meter.example.org"
  std::string node;      // this node's name in claims: unique among the nodes (NodeName())
  int max_attempts = kMaxMailAttempts;
  Seconds lease = 300;  // longer than an SMTP attempt's timeout
  size_t batch = 50;    // messages claimed per pass
  // For the rounds' reminders and notices (nullptr: none are queued): the instruments, to tell who
  // finished, and the countries, to name them. Borrowed; they outlive the worker.
  const InstrumentCatalog* instruments = nullptr;
  const CountryList* countries = nullptr;
};

// "host:pid:random", unique among the nodes of an installation.
std::string NodeName();

class MailWorker {
 public:
  // `send` delivers one formatted message; SendSmtp with settings.smtp when empty. `log` gets one
  // line for each thing an operator should know (a failure, a message given up on).
  using Send = std::function<SmtpOutcome(const std::string& to, const std::string& message)>;
  using Log = std::function<void(const Problem&)>;
  MailWorker(Store& store, const Catalogs& catalogs, MailSettings settings, Log log,
             Send send = nullptr);

  struct Pass {
    int digests = 0;    // digest messages queued
    int reminders = 0;  // reminders and coordinators' notices queued
    int sent = 0, retried = 0, failed = 0;
  };
  // One pass at the time `now`. Store failures are logged and left for the next pass.
  Pass RunOnce(Seconds now);

 private:
  int QueueDigests(Seconds now);
  // The digest of one claimed user: queued when something changed, and the claim completed.
  bool QueueDigest(const DigestClaim& claim, Seconds now);
  int QueueRoundMail(Seconds now);
  int QueueRoundMail(const Round& round, const std::vector<User>& users, Seconds now);
  // Queues `mail` for `mark` unless `done` holds it already; true when queued.
  bool QueueOnce(const ReminderMark& mark, const std::vector<ReminderMark>& done,
                 const std::optional<std::string>& token_hash, const NewMail& mail, Seconds now);
  std::string LanguageOf(const User& user);
  void SendDue(Seconds now, Pass& pass);
  void Deliver(const OutboxMessage& message, Seconds now, Pass& pass);

  Store& store_;
  const Catalogs& catalogs_;
  MailSettings settings_;
  Log log_;
  Send send_;
};

// Runs `worker.RunOnce` every `interval` on a thread of its own (the first pass at once) until it
// is destroyed; the destructor wakes the thread and joins it.
class MailThread {
 public:
  MailThread(MailWorker& worker, std::chrono::seconds interval);
  ~MailThread();

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: it starts once the members it uses exist
};

}  // namespace meter
