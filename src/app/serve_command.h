// `meter serve [--db URL] [--db-pool N] [--listen HOST:PORT] [--demo] [--public-url URL]
// [--threads N] [--max-connections N] [--max-heavy-downloads N]
// [--knowledge-check SECONDS] [--smtp URL --mail-from ADDRESS] [--mail-check SECONDS]`: runs the
// web application until SIGINT or SIGTERM. It opens --db-pool database connections (default
// --threads + --max-heavy-downloads + 3), and creates and migrates the database if needed; when the
// database cannot be reached or opened it prints which and why and exits 3 before listening. It
// loads the bundled instruments, syncs content/knowledge/ into the database and looks for changed
// knowledge files every --knowledge-check seconds (default 10);
// --demo adds the demonstration data and prints its logins. It holds at most --max-connections
// client connections open at once (default: the file descriptor limit less a reserve,
// web/connection_budget.h); a larger value than the limit allows is used, with a warning. At most
// --max-heavy-downloads PDF reports and XLSX workbooks are made at once, on threads of their own
// at a lower priority (web/heavy_lane.h); more wait their turn there.
// Every --mail-check seconds (default 30) the e-mail worker (mail_worker.h) queues the daily
// digests that are due and sends the outbox through the SMTP relay --smtp, as --mail-from; without
// --smtp the messages stay queued, and a line at start says so.
// Issue 15: /healthz and /readyz on the listener; with --metrics-listen HOST:PORT, /metrics on a
// listener of its own (metrics/metrics.h); the log (log/log.h) as --log-format text|json lines
// naming --node-name; SIGTERM drains for at most --drain-timeout seconds (web/server.h).
#pragma once

#include <string>

#include "app/command.h"
#include "app/installation.h"
#include "app/mail_worker.h"
#include "web/server.h"

namespace meter {

class ServeCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  // --max-connections, or what the descriptor limit allows; warns when the option exceeds that.
  size_t ConnectionLimit(const Context& context) const;
  // The e-mail worker's settings from --smtp and --mail-from (kInvalidInput naming the option);
  // without --smtp, none, with a note on the error stream.
  Result<MailSettings> MailSettingsOf(const Context& context) const;
  // The process's log (log/log.h) from --log-format and --node-name (default: `listen`'s address).
  void ConfigureLog(const ServeOptions& listen) const;

  InstallationPaths paths_;
  std::string listen_ = "127.0.0.1:8080";
  std::string public_url_;
  std::string trusted_proxy_;
  bool demo_ = false;
  size_t threads_ = 2;
  size_t db_pool_ = 0;          // database connections; 0: threads_ + heavy downloads + 3
  size_t max_connections_ = 0;  // 0: from the file descriptor limit
  int score_cache_mb_ = 64;     // issue 14: scores and pages kept in memory (web/score_cache.h)
  int download_cache_mb_ = 16;  // issue 14: downloads already made kept in memory (the same)
  int heavy_downloads_ = -1;    // PDF/XLSX made at once; -1: DefaultHeavyWorkSlots(threads_)
  int knowledge_check_ = 10;    // seconds between looks at content/knowledge/; 0: only at start
  // Issue 13: the SMTP relay, the sender, and the seconds between the e-mail
  // worker's passes.
  std::string smtp_;
  std::string mail_from_;
  std::string mail_from_name_ = "METER";
  std::string smtp_user_;
  std::string smtp_password_file_;
  std::string smtp_ca_file_;
  int mail_check_ = 30;
  // Issue 15: what an operator watches. The metrics listener (off when empty), the node's name in
  // the log (default: the listen address), the log's format, and the seconds a stop waits for
  // the requests in flight.
  std::string metrics_listen_;
  std::string node_name_;
  std::string log_format_ = "text";
  int drain_timeout_ = 30;
};

}  // namespace meter
