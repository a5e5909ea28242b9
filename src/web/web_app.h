// The web application: every page and JSON route of METER, independent of the HTTP server that
// carries it (server.h binds it to RESTinio). Handle() takes a request and returns the response.
//
// One place decides, for every request, in this order: its request ID (X-Request-ID, issue 15);
// the health checks /healthz and /readyz; static files; the language; the session and
// so the principal; the route; for state-changing methods the body size (1 MiB), its encoding and
// the CSRF token; then the handler, whose expected failures become a page or a JSON {error,
// message} with the status of HttpStatusFor. Security headers and X-Request-ID are added to every
// response, and each request is told to the observer and written to the access log (issue 15).
//
// Thread-safe: Handle() is called concurrently by the server's threads. The WebApp borrows the
// store, instruments, countries, catalogs and templates, which must outlive it.
#pragma once

#include <functional>
#include <locale>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/benchmarks.h"
#include "core/campaign.h"
#include "core/comparison.h"
#include "core/countries.h"
#include "core/domain.h"
#include "core/instrument_catalog.h"
#include "core/knowledge.h"
#include "core/monitoring.h"
#include "core/offline_answers.h"
#include "core/password_policy.h"
#include "core/round_dossier.h"
#include "core/scoring.h"
#include "core/store.h"
#include "i18n/i18n.h"
#include "web/http.h"
#include "web/observer.h"
#include "web/templates.h"

namespace meter {

struct ScoreCacheStats;

// A file to download: its name, media type and bytes.
struct Download {
  std::string name;
  std::string content_type;
  std::string body;
};

// What the web layer needs from report/, given to it by the app (web and report do not depend on
// each other). Each returns SVG or JSON text.
struct Renderers {
  std::function<std::string(const Instrument&, const ScoreReport&, const std::locale&,
                            const std::string&lang)>
      radar, bars, heatmap;
  // The radar with the pillar targets, and optionally a benchmark's pillar scores and its label.
  std::function<std::string(const Instrument&, const ScoreReport&, const std::locale&,
                            const std::string& lang, const std::map<std::string, double>& targets,
                            const std::map<std::string, double>* comparison,
                            const std::string& comparison_label)>
      radar_with_targets;
  // Each pillar's score across a country's rounds.
  std::function<std::string(const std::vector<TrendSeries>&, const std::locale&,
                            const std::string& lang)>
      trend;
  // The data of the charts above as HTML tables, each in a <details> beside its chart (the charts'
  // text alternative): the same arguments as radar_with_targets, bars, heatmap and trend.
  std::function<std::string(const Instrument&, const ScoreReport&, const std::locale&,
                            const std::string& lang, const std::map<std::string, double>& targets,
                            const std::map<std::string, double>* comparison,
                            const std::string& comparison_label)>
      radar_data;
  std::function<std::string(const Instrument&, const ScoreReport&, const std::locale&,
                            const std::string&lang)>
      bars_data, heatmap_data;
  std::function<std::string(const std::vector<TrendSeries>&, const std::locale&,
                            const std::string& lang)>
      trend_data;
  // A round's country report ("pdf") or export ("scores", "answers", "json", "xlsx", "sdmx"),
  // with the benchmark groups to show; kNotFound for another kind.
  std::function<Result<Download>(const RoundDossier&, const std::string& kind, const Country*,
                                 const std::vector<BenchmarkGroup>&, const std::locale&,
                                 const std::string& lang)>
      download;
  std::function<std::string(const Instrument&, const ScoreReport&)> scores_json;
  // Issue 14: the campaign page's rows as "csv" or "xlsx" (report/campaign_export.h); kNotFound
  // for another kind.
  std::function<Result<Download>(const std::vector<CampaignRow>&, const std::string& kind)>
      campaign_download;
  // Issue 14: the comparison page's charts (report/compare_charts.h): the pillar grid of the
  // compared countries (`instrument` is the compared version), a scatter plot with its id, title
  // and axis labels, and a chart's SVG as PNG for slides (kInvalidInput or kInternal when it
  // cannot be drawn).
  std::function<std::string(const Comparison&, const Instrument&, const std::locale&,
                            const std::string& lang)>
      comparison_grid;
  std::function<std::string(const Scatter&, const std::string& id, const std::string& title,
                            const std::string& x, const std::string& y, const std::locale&)>
      scatter;
  std::function<Result<std::string>(const std::string& svg)> png;
  std::function<std::string(std::string_view markdown)> markdown;  // safe HTML
  // Issue 14, answering offline: a respondent's questionnaire as "xlsx" (the workbook to fill in)
  // or "pdf" (to print), report/questionnaire_workbook.h; kNotFound for another kind. And the
  // cells of an uploaded XLSX file (report/xlsx_reader.h), every problem placed as `Sheet!C5`.
  std::function<Result<Download>(const OfflineQuestionnaire&, const std::string& kind,
                                 const std::locale&)>
      questionnaire;
  std::function<Result<Workbook>(std::string_view bytes)> read_xlsx;
};

struct WebOptions {
  std::string trusted_proxy;  // a reverse proxy whose X-Forwarded-For names the client
  std::string public_url;     // "https://meter.example.org": cookies get Secure when https
  std::string static_dir;     // web/static
  std::string uswds_dir;      // node_modules/@uswds/uswds/dist
  Seconds user_idle_seconds = 30 * 60;
  Seconds respondent_idle_seconds = 8 * 3600;
  // Within the window below. Five failures for one account from one address stop that pair; an
  // account as a whole stops only after 100 (NIST SP 800-63B's ceiling), so that someone who
  // knows an e-mail address cannot lock its owner out with five wrong passwords of their own.
  int login_failures_per_account_and_address = 5;
  int login_failures_per_account = 100;
  int login_failures_per_address = 20;
  Seconds login_window_seconds = 15 * 60;
  std::function<Seconds()> clock;  // the time now; the system clock when empty
  // Issue 11 (server): PDF reports and XLSX workbooks built at once; past that 503 with
  // Retry-After (heavy_work.h). `meter serve` sets it from --max-heavy-downloads.
  size_t heavy_work_slots = 1;
  // Issue 13 (public pages): the absolute base of canonical links, the feed and the sitemap when
  // public_url is empty ("http://127.0.0.1:8080", which `meter serve` derives from --listen); when
  // both are empty, the Host header of the request.
  std::string site_url;
  // Issue 14: the bytes of scores and pages a node keeps in memory (web/score_cache.h), 64 MiB by
  // default; `meter serve --score-cache-mb` sets it.
  size_t score_cache_bytes = size_t{64} << 20;
  // Issue 14: the bytes of downloads made (PDF reports, workbooks, exports) a node keeps, 16 MiB
  // by default (a METER 2.0 report of 50 respondents is about 110 kB); `--download-cache-mb`.
  size_t download_cache_bytes = size_t{16} << 20;
};

struct WebDeps {
  Store& store;
  const InstrumentCatalog& instruments;
  const CountryList& countries;
  const Catalogs& catalogs;
  const Templates& templates;
  const PasswordPolicy& passwords;  // for the users the admin creates
  Renderers renderers;
  WebOptions options;
  // Issue 15: told of every request, sign-in and save, for the metrics; may be null. Borrowed: it
  // must outlive the WebApp.
  WebObserver* observer = nullptr;
};

// Every route as (method, pattern), for documentation and for the authorization matrix test, which
// fails when a route has no row.
std::vector<std::pair<std::string, std::string>> RouteTable();

// Issue 14: whether `request` is heavy work — a PDF report, an XLSX workbook, a chart as PNG —
// which the server runs on threads of its own (web/heavy_lane.h), so that the questionnaire keeps
// its threads while reports are made: a route marked heavy, and for a round's downloads only the
// kinds "pdf" and "xlsx", for a comparison chart only a ".png". HEAD as its GET. Cheap; false for
// an unknown path.
bool IsHeavyWork(const Request& request);
// Issue 14: whether `request` is a respondent's save: an autosave (PUT /api/answers/…) or a
// questionnaire page's form (POST /q/…). Cheap: the method and the path's first segments.
bool IsAnswerSave(const Request& request);

class WebApp {
 public:
  explicit WebApp(WebDeps deps);
  ~WebApp();
  Response Handle(const Request& request);
  // Issue 14: whether `request` is heavy work (IsHeavyWork below).
  bool IsHeavy(const Request& request) const;
  // Issue 14: whether `request` is a respondent's save (IsAnswerSave below), and whether the
  // store puts writes together in one commit (Store::SharesCommits), so that the server may
  // batch saves; InOneCommit runs `work` (the handling of such saves) in one commit of the store,
  // the error (logged) when that commit failed and nothing of `work` is stored; AnswerRefused
  // answers a request with such an error (507 for a full disk, 503 otherwise), logged and counted.
  bool IsAnswerSave(const Request& request) const;
  bool SharesCommits() const;
  Result<bool> InOneCommit(const std::function<void()>& work);
  Response AnswerRefused(const Request& request, const Error& error);
  // Handle for a save whose commit is shared: the same response, but its access-log line and its
  // metrics (the request, the answers it saved) are left to `observe`, which the caller runs once
  // the commit stored the save. A save whose commit failed is answered by AnswerRefused, which
  // records only that answer: the log never shows a lost save as 200, nor the metrics count it.
  Response HandleObservingLater(const Request& request, std::function<void()>* observe);
  // The answer to a heavy request the server could not take (its queue was full, or it waited
  // too long): 503 with Retry-After in the caller's language, logged and counted like the rest.
  Response Busy(const Request& request);
  // How the node's caches of scores and pages were used (web/score_cache.h), for tests.
  ScoreCacheStats CacheStats() const;

  class Impl;  // web_app_impl.h, private to web/

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace meter
