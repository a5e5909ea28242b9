#include "app/serve_command.h"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <ostream>

#include "app/demo.h"
#include "app/egdi_files.h"
#include "app/exit_codes.h"
#include "app/mail_worker.h"
#include "app/version.h"
#include "log/log.h"
#include "metrics/metrics.h"
#include "web/connection_budget.h"
#include "web/heavy_work.h"
#include "web/security.h"
#include "web/server.h"

namespace meter {
namespace {

// "HOST:PORT" or ":PORT"; nullopt when the port is not a number from 1 to 65535.
std::optional<ServeOptions> ParseListen(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  ServeOptions options;
  if (colon > 0) options.host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int value = std::stoi(port);
  if (value < 1 || value > 65535) return std::nullopt;
  options.port = static_cast<uint16_t>(value);
  return options;
}

// Prints what a sync of the knowledge files did: each file left out with its problems, each
// conflict, and a count of the changes. One write per call, as the watcher thread calls it too.
void ReportKnowledge(const Result<KnowledgeFiles::Outcome>& outcome, const Context& context) {
  std::string text;
  if (!outcome) {
    text = Substitute(context.Translate("the knowledge files could not be synced; trying again "
                                        "later:\n{1}"),
                      {outcome.error().ToString(TranslatorFor(context.locale))}) +
           "\n";
  } else {
    const KnowledgeFiles::Outcome& o = outcome.value();
    for (const auto& [path, error] : o.left_out) {
      text += Substitute(context.Translate("{1}: this knowledge file is left out until it is "
                                           "fixed; the other entries are loaded"),
                         {path}) +
              "\n" + error.ToString(TranslatorFor(context.locale)) + "\n";
    }
    for (const std::string& slug : o.report.conflicts) {
      text += Substitute(context.Translate("knowledge entry '{1}' was edited in the web and its "
                                           "file changed too: the web version is kept (see "
                                           "`meter knowledge export`)"),
                         {slug}) +
              "\n";
    }
    const KnowledgeSyncReport& r = o.report;
    if (!r.added.empty() || !r.updated.empty() || !r.removed.empty()) {
      // Three counts: each after its own label, which needs no plural form in any language.
      text += Substitute(context.Translate("knowledge base: entries added: {1}, updated: {2}, "
                                           "removed: {3}"),
                         {std::to_string(r.added.size()), std::to_string(r.updated.size()),
                          std::to_string(r.removed.size())}) +
              "\n";
    }
  }
  if (!text.empty()) context.err << text << std::flush;
}

}  // namespace

void ServeCommand::ConfigureLog(const ServeOptions& listen) const {
  log::Settings settings;
  (void)log::ParseFormat(log_format_, settings.format);  // CLI11 allowed only text and json
  settings.node = node_name_.empty() ? listen.host + ":" + std::to_string(listen.port) : node_name_;
  log::Configure(settings);
}

Result<MailSettings> ServeCommand::MailSettingsOf(const Context& context) const {
  MailSettings settings;
  settings.node = NodeName();
  if (smtp_.empty()) {
    context.err << context.Translate(
                       "note: without --smtp, e-mail (invitations, reminders, digests) stays "
                       "queued in the outbox until METER runs with --smtp")
                << '\n';
    return settings;
  }
  if (auto url = CheckSmtpUrl(smtp_, "--smtp"); !url) return url.error();
  if (mail_from_.empty()) {
    return Error::Of(ErrorCode::kInvalidInput, "--mail-from",
                     METER_N("--smtp needs --mail-from: the sender address of METER's e-mail"));
  }
  if (auto from = CheckMailAddress(mail_from_, "--mail-from"); !from) return from.error();
  auto login = SmtpCredentials(smtp_user_, smtp_password_file_,
                               [](const char* name) { return std::getenv(name); });
  if (!login) return login.error();
  settings.smtp = SmtpSettings{smtp_, mail_from_};
  settings.smtp->from_name = mail_from_name_;
  settings.smtp->user = login.value().user;
  settings.smtp->password = login.value().password;
  settings.smtp->ca_file = smtp_ca_file_;
  return settings;
}

size_t ServeCommand::ConnectionLimit(const Context& context) const {
  const uint64_t descriptors = DescriptorLimit();
  const size_t safe = SafeConnectionLimit(descriptors, paths_.db_pool);
  if (max_connections_ == 0) return safe;
  if (max_connections_ > safe) {
    context.err << Substitute(context.Translate("warning: --max-connections {1} is more than the "
                                                "file descriptor limit ({2}) leaves room for "
                                                "({3}); raise the limit (LimitNOFILE=) or lower "
                                                "the option"),
                              {std::to_string(max_connections_), std::to_string(descriptors),
                               std::to_string(safe)})
                << '\n';
  }
  return max_connections_;
}

CLI::App* ServeCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand("serve", context.Translate("Run the web application"));
  cmd->add_option("--db", paths_.db_url,
                  context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--listen", listen_, context.Translate("Address to listen on, HOST:PORT"));
  cmd->add_option(
      "--public-url", public_url_,
      context.Translate("The URL users reach METER at: invitation links, canonical links, the "
                        "feed and the sitemap use it, and https://… makes cookies Secure"));
  cmd->add_option(
      "--trusted-proxy", trusted_proxy_,
      context.Translate("Address of the reverse proxy whose X-Forwarded-For names the client"));
  cmd->add_option("--threads", threads_, context.Translate("Worker threads"))
      ->check(CLI::Range(1, 64));
  cmd->add_option("--db-pool", db_pool_,
                  context.Translate("Database connections to keep open (default: --threads + "
                                    "--max-heavy-downloads + 3)"))
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--max-connections", max_connections_,
                  context.Translate("Client connections to hold open at once; more wait their "
                                    "turn (default: what the file descriptor limit allows)"))
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-heavy-downloads", heavy_downloads_,
                  context.Translate("PDF reports and XLSX workbooks made at once, on threads of "
                                    "their own at a lower priority; more wait their turn, and "
                                    "past 64 waiting or 30 s get 503 with Retry-After; 0 turns "
                                    "them off (default: --threads - 1, at least 1)"))
      ->check(CLI::Range(0, 64));
  cmd->add_option("--score-cache-mb", score_cache_mb_,
                  context.Translate("Megabytes of scores and results pages to keep in memory "
                                    "(default: 64)"))
      ->check(CLI::Range(1, 65536));
  cmd->add_option("--download-cache-mb", download_cache_mb_,
                  context.Translate("Megabytes of PDF reports and workbooks already made to keep "
                                    "in memory (default: 16)"))
      ->check(CLI::Range(0, 65536));
  cmd->add_flag("--demo", demo_,
                context.Translate("Add a demonstration country, round and logins"));
  cmd->add_option("--content", paths_.content_dir, context.Translate("The content folder"));
  cmd->add_option("--web", paths_.web_dir,
                  context.Translate("The folder of templates and static files"));
  cmd->add_option("--uswds", paths_.uswds_dir,
                  context.Translate("The folder of the USWDS design system's built files (its "
                                    "dist/ folder)"));
  cmd->add_option("--locale-dir", paths_.locale_dir,
                  context.Translate("The folder of the compiled translation catalogs "
                                    "(LANG/LC_MESSAGES/meter.mo; default: beside the installed "
                                    "binary, or the build's)"));
  cmd->add_option("--knowledge-check", knowledge_check_,
                  context.Translate("Look for changed knowledge files every N seconds (0: only "
                                    "at start)"))
      ->check(CLI::Range(0, 86400));
  // Issue 13: e-mail.
  cmd->add_option("--smtp", smtp_,
                  context.Translate("The SMTP relay that sends METER's e-mail: smtp://HOST:PORT "
                                    "(STARTTLS when offered) or smtps://HOST:PORT"));
  cmd->add_option("--mail-from", mail_from_,
                  context.Translate("The sender address of METER's e-mail (needed with --smtp)"));
  cmd->add_option("--mail-from-name", mail_from_name_,
                  context.Translate("The sender's name in METER's e-mail (default: METER)"));
  cmd->add_option("--smtp-user", smtp_user_,
                  context.Translate("The user name METER logs in to the SMTP relay with (or "
                                    "METER_SMTP_USER)"));
  cmd->add_option("--smtp-password-file", smtp_password_file_,
                  context.Translate("A file whose first line is the SMTP password (with "
                                    "--smtp-user) or user:password; or set METER_SMTP_PASSWORD. "
                                    "Never on the command line"));
  cmd->add_option("--smtp-ca-file", smtp_ca_file_,
                  context.Translate("CA certificates to trust for the SMTP relay's TLS instead "
                                    "of the system's"));
  cmd->add_option("--mail-check", mail_check_,
                  context.Translate("Queue due digests and send the outbox every N seconds"))
      ->check(CLI::Range(1, 3600));
  // Issue 15: what an operator watches.
  cmd->add_option("--metrics-listen", metrics_listen_,
                  context.Translate("Serve Prometheus metrics at /metrics on this HOST:PORT, a "
                                    "listener of its own (default: no metrics)"));
  cmd->add_option("--node-name", node_name_,
                  context.Translate("The node's name in every log line (default: the --listen "
                                    "address)"));
  cmd->add_option("--log-format", log_format_,
                  context.Translate("The log's format: text (key=value) or json (one object a "
                                    "line)"))
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--drain-timeout", drain_timeout_,
                  context.Translate("Seconds a stop (SIGTERM) waits for the requests in flight "
                                    "(default: 30)"))
      ->check(CLI::Range(0, 3600));
  return cmd;
}

int ServeCommand::Run(const Context& context) {
  const auto listen = ParseListen(listen_);
  if (!listen) {
    return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--listen",
                                  METER_N("'{1}' is not HOST:PORT with a port from 1 to 65535"),
                                  {listen_}));
  }
  std::optional<ServeOptions> metrics_listen;
  if (!metrics_listen_.empty()) {
    metrics_listen = ParseListen(metrics_listen_);
    if (!metrics_listen) {
      return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--metrics-listen",
                                    METER_N("'{1}' is not HOST:PORT with a port from 1 to 65535"),
                                    {metrics_listen_}));
    }
  }
  ConfigureLog(*listen);
  auto mail = MailSettingsOf(context);
  if (!mail) return context.Fail(mail.error());
  if (!InitSecurity()) {
    return context.Fail(Error::Of(ErrorCode::kInternal, "", METER_N("libsodium could not start")));
  }
  paths_.demo_country = demo_;
  const size_t heavy_slots = heavy_downloads_ >= 0 ? static_cast<size_t>(heavy_downloads_)
                                                   : DefaultHeavyWorkSlots(threads_);
  // A connection for each worker and each thread of the heavy-work lane (which reads the rounds it
  // makes reports of), one for the save lane (SQLite: it holds one for each batch's commit), one
  // for the knowledge watcher and one to spare (the mail worker, a metrics scrape).
  paths_.db_pool = db_pool_ > 0 ? db_pool_ : threads_ + heavy_slots + 3;
  if (paths_.locale_dir.empty()) paths_.locale_dir = LocaleDirectory();
  auto loaded = Installation::Load(paths_);
  if (!loaded) return context.Fail(loaded.error());
  Installation& inst = *loaded.value();
  ServeOptions options = *listen;
  options.threads = threads_;
  options.max_connections = ConnectionLimit(context);
  const std::string base = public_url_.empty()
                               ? "http://" + options.host + ":" + std::to_string(options.port)
                               : public_url_;
  // The demo releases METER 3.0 through the expert channel before the bundled files are brought
  // in, so that the sync then checks that the channel made exactly the shipped file.
  if (demo_) {
    auto seeded = SeedDemo(inst, base, context);
    if (!seeded) return context.Fail(seeded.error());
  }
  auto instruments = inst.SyncInstruments();
  if (!instruments) return context.Fail(instruments.error());
  auto egdi = LoadBundledEgdi(paths_.content_dir + "/egdi", inst.countries, *inst.store);
  if (!egdi) return context.Fail(egdi.error());
  WebOptions web;
  web.public_url = public_url_;
  // Canonical links need an absolute base even without --public-url; a wildcard address names no
  // host a reader can reach, so the request's Host is used then.
  if (options.host != "0.0.0.0" && options.host != "::" && options.host != "[::]")
    web.site_url = base;
  web.trusted_proxy = trusted_proxy_;
  if (public_url_.empty() && !demo_) {
    context.err
        << context.Translate(
               "note: without --public-url, invitation links use the Host header of the request")
        << '\n';
  }
  web.heavy_work_slots = heavy_slots;
  web.score_cache_bytes = static_cast<size_t>(score_cache_mb_) << 20;
  web.download_cache_bytes = static_cast<size_t>(download_cache_mb_) << 20;
  web.static_dir = paths_.web_dir + "/static";
  web.uswds_dir = paths_.uswds_dir;
  auto knowledge = inst.knowledge->Sync();
  if (!knowledge) return context.Fail(knowledge.error());
  ReportKnowledge(knowledge, context);
  std::optional<KnowledgeWatcher> watcher;
  if (knowledge_check_ > 0) {
    watcher.emplace(*inst.knowledge, std::chrono::seconds(knowledge_check_),
                    [&](const auto& outcome) { ReportKnowledge(outcome, context); });
  }
  mail.value().base_url = base;
  mail.value().instruments = &inst.instruments;
  mail.value().countries = &inst.countries;
  MailWorker mailer(*inst.store, *inst.catalogs, mail.value(), [&](const Problem& p) {
    context.err << Render(p, TranslatorFor(context.locale), context.lang) << std::endl;
  });
  MailThread mail_thread(mailer, std::chrono::seconds(mail_check_));
  Metrics metrics(*inst.store,
                  {ReleaseVersion(), inst.store->KnownSchemaVersion(), inst.store->Engine()});
  WebApp app({*inst.store, inst.instruments, inst.countries, *inst.catalogs, *inst.templates,
              inst.passwords, Installation::ReportRenderers(), web, &metrics});
  options.observer = &metrics;
  options.drain_timeout = std::chrono::seconds(drain_timeout_);
  options.heavy.threads = web.heavy_work_slots;  // 0: none made at all (the app refuses them)
  if (metrics_listen) {
    options.metrics_host = metrics_listen->host;
    options.metrics_port = metrics_listen->port;
    options.metrics_text = [&metrics] { return metrics.Text(); };
  }
  auto served = Serve(app, options, [&] {
    context.out << Substitute(context.TranslateN("holding at most {1} connection open at once",
                                                 "holding at most {1} connections open at once",
                                                 static_cast<long>(options.max_connections)),
                              {std::to_string(options.max_connections)})
                << '\n';
    context.out << Substitute(context.Translate(
                                  "METER is running at {1} ({2} database); stop it with Ctrl+C"),
                              {base, inst.store->Engine()})
                << std::endl;
    log::Write(log::Level::kInfo, "start", "listening",
               {{"url", base},
                {"engine", inst.store->Engine()},
                {"schema", std::to_string(inst.store->KnownSchemaVersion())},
                {"version", ReleaseVersion()},
                {"metrics", metrics_listen_}});
  });
  if (!served) return context.Fail(served.error());
  return kExitOk;
}

}  // namespace meter
