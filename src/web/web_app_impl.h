// Private to web/: the WebApp's implementation. The request pipeline is in web_app.cpp, the route
// table in routes.cpp, and the handlers by topic in *_pages.cpp and api.cpp.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/authorization.h"
#include "core/bulk_invitations.h"
#include "core/changes.h"
#include "core/knowledge_form.h"
#include "core/questionnaire.h"
#include "core/questionnaire_page.h"
#include "core/round_dossier.h"
#include "web/heavy_work.h"
#include "web/multipart.h"
#include "web/score_cache.h"
#include "web/static_files.h"
#include "web/web_app.h"

namespace meter {

// A role in words, to translate (METER_N): "Country coordinator", not "coordinator".
const char* RoleName(Role role);
// "2026-12-03 09:30 UTC": FormatUtc, in core/changes.h.
// The cookie that keeps the reader's language (a kUnLanguages code), set by the language menu
// and by a respondent's link; ResolveLanguage reads it before Accept-Language.
inline constexpr const char* kLanguageCookie = "meter_lang";
// The Set-Cookie value that keeps `code` for a year.
std::string LanguageCookie(const std::string& code);

// One request on its way through the application.
struct Call {
  explicit Call(const Request& r) : request(r) {}

  const Request& request;
  std::map<std::string, std::string> params;  // from the route pattern (":id")
  Form query;
  Form form;  // the decoded body of a form POST (its text fields, for multipart/form-data)
  // Issue 14: the files of a multipart/form-data POST, by field name (web/multipart.h).
  std::map<std::string, UploadedFile> files;
  bool api = false;
  bool head = false;  // a HEAD, answered as its GET; /changes records no visit for it
  Principal principal;
  std::optional<Session> session;
  std::optional<Respondent> respondent;  // a respondent caller, as loaded with the session
  std::optional<Round> round;            // a respondent caller's round, loaded with them
  std::string lang = "en";
  std::locale locale;
  std::string csrf;                // the token this caller's forms and API writes must carry
  bool store_unavailable = false;  // the session could not be read: the database is down
  std::vector<std::string> set_cookies;
  // Issue 13: a public page's own path ("/countries/ARM"), for its <link rel="canonical">.
  std::string canonical;
  // Issue 15: the request's ID (X-Request-ID: a trusted proxy's, or made here), shown on error
  // pages and in the log; the route's pattern that answered it, for the metrics and the log.
  std::string request_id;
  const char* route = "unmatched";
  bool busy = false;  // answer 503 with Retry-After once the route is known (WebApp::Busy)
  // Answer this error once the route is known (WebApp::AnswerRefused): a save whose shared commit
  // failed.
  const Error* refused = nullptr;
  // Answers this request stored (CountSaved), told to the metrics with its access-log line.
  size_t answers_saved = 0;

  std::string Tr(const char* msgid) const { return meter::Tr(locale, msgid); }
  std::string TrN(const char* singular, const char* plural, long n) const {
    return meter::TrN(locale, singular, plural, n);
  }
  std::string TrC(const char* context, const char* msgid) const {
    return meter::TrC(locale, context, msgid);
  }
  // The route parameter as an ID; 0 when it is not a positive number.
  Id IdParam(const std::string& name) const;
};

// The rows of an audit log table (at, actor, action, target, detail), as the audit log and a
// country's history show them (audit_pages.cpp).
TemplateList AuditEventRows(const std::vector<AuditEvent>& events);
// What a questionnaire form sent for each of `statements` (fields v:, c:, e: and ver: by statement
// ID, or their "sent-" copies where use-sent: asks for them): questionnaire_save.cpp.
std::vector<AnswerWrite> PostedPage(const Form& form, const std::vector<Statement>& statements);
// "7 of 76 statements answered", in the form for the total (questionnaire_review.cpp).
std::string AnsweredText(const Call& call, const Progress& progress);
// One knowledge entry of a list, for a reader of `call.lang`: slug, kind, title and summary in
// their shown language (KnowledgeTexts::ShownLanguage), and, when that is not the page's, that
// language as "text_lang" and "text_dir" with "text_other" set, for the lang and dir attributes.
TemplateData KnowledgeItemData(const Call& call, const KnowledgeSummary& entry);
// One option of a filter form's <select>: "value", "name" and whether it is "selected"
// (campaign_pages.cpp; the campaign and comparison pages).
TemplateData Choice(const std::string& value, const std::string& name, bool selected);
// The notice for the flash a knowledge submission or review redirects with ("" for none).
std::string KnowledgeReviewNotice(const Call& call, const Form& flash);

class WebApp::Impl {
 public:
  explicit Impl(WebDeps deps);
  // `busy`: the server could not take this heavy request; answer 503 (WebApp::Busy). `refused`:
  // answer that error instead of handling the request (WebApp::AnswerRefused). `observe_later`:
  // leave the access-log line and the metrics to the function put there
  // (WebApp::HandleObservingLater).
  Response Handle(const Request& request, bool busy = false, const Error* refused = nullptr,
                  std::function<void()>* observe_later = nullptr);

  using Handler = Response (Impl::*)(Call&);
  struct Route {
    const char* method;
    const char* pattern;  // "/rounds/:id/results"
    Handler handler;
    bool api;
    bool heavy = false;  // see WebApp::IsHeavy
  };
  // The route `request` asks for (HEAD as its GET), or nullptr; `params` gets its parameters.
  static const Route* RouteOf(const Request& request,
                              std::map<std::string, std::string>* params = nullptr,
                              bool* path_known = nullptr);

 private:
  // Pipeline (web_app.cpp).
  Response Dispatch(Call& call);
  void ResolveLanguage(Call& call);
  void LoadPrincipal(Call& call);
  std::optional<Response> GuardWrite(Call& call, bool login_form);
  void AddSecurityHeaders(Response& response) const;
  Seconds Now() const;
  // Issue 15 (observe.cpp): the request's ID; /healthz and /readyz, or nullopt for another path;
  // the access log line and the observer's record of an answered request.
  std::string RequestIdOf(const Request& request) const;
  std::optional<Response> HealthCheck(Call& call);
  // What the access log and the metrics record of one answered request.
  struct Observation {
    std::string method, request_id;
    const char* route = "unmatched";
    bool health = false;  // /healthz or /readyz: logged at debug only
    int status = 0;
    size_t bytes = 0;
    double seconds = 0;
    size_t answers_saved = 0;
  };
  static Observation ObservationOf(const Call& call, const Response& response, double seconds);
  void Observe(const Observation& seen) const;

 public:
  // Issue 15 (observe.cpp): a sign-in's outcome (or a sign-out) in the audit log, the log and the
  // metrics; `who` is the e-mail address as typed (cut to 254 bytes) or the user's.
  void AuditSignIn(const Call& call, SignInOutcome outcome, const std::string& who, Id user);
  void AuditSignOut(const Call& call);
  // Records that the request stored `answers` answers; the metrics are told with its access-log
  // line, so that saves whose shared commit then failed are not counted (Handle's observe_later).
  static void CountSaved(Call& call, size_t answers);

 private:
 public:
  // Helpers for handlers (web_app.cpp).
  Response Fail(const Call& call, const Error& error) const;
  Response Forbidden(const Call& call) const;
  Response NeedLogin(const Call& call) const;
  Response Page(const Call& call, const std::string& name, const std::string& title,
                TemplateData data, int status = 200) const;
  // Template `name` in the layout, with the caller's CSRF token, name and path left as holes
  // kCsrfHole, kWhoHole and kPathHole for LayoutValues; `data` may add holes from kFirstPageHole.
  Frame PageFrame(const Call& call, const std::string& name, const std::string& title,
                  TemplateData data) const;
  enum PageHole : size_t { kCsrfHole, kWhoHole, kPathHole, kFirstPageHole };
  // The caller's values for the layout's holes, in hole order.
  static std::vector<std::string> LayoutValues(const Call& call);
  std::string SessionCookie(const std::string& token, Seconds max_age) const;
  // Post/Redirect/Get (flash.cpp): a 303 to `path` that hands `values` to the next page the
  // browser shows, in a short-lived HttpOnly cookie (at most about 3 kB; larger values are
  // dropped). Values are what the user may see anyway (a new invitation link, a notice key):
  // never a secret the user must not hold, and always escaped when shown.
  Response RedirectWithFlash(Call& call, const std::string& path, const Form& values) const;
  // The values the last RedirectWithFlash left, once: the cookie is cleared by this response.
  // Empty when there are none or they do not decode.
  Form TakeFlash(Call& call) const;
  Result<std::string> StartSession(Call& call, Id user_id, Id respondent_id);
  const Instrument* InstrumentOf(const Round& round) const;
  // The caller's address: X-Forwarded-For when the request comes from the trusted proxy.
  std::string ClientAddress(const Call& call) const;
  // The round named by the route's :id, when the caller may do `action` on it; else the response
  // to send (404 to an admin for a round that does not exist, 403 to others, or a login
  // redirect).
  std::variant<Round, Response> LoadRound(const Call& call, Action action);
  // The same with the round's cache versions, read at once: for the score pages.
  std::variant<RoundWithVersions, Response> LoadRoundWithVersions(const Call& call, Action action);
  // The answer to a caller whose round could not be read (LoadRound's refusals).
  Response RoundRefused(const Call& call, const Error& error);
  // The round page, with `data` merged in (a new invitation link, say) and a refused form's values
  // and problems (`echo`).
  struct FormEcho;
  Response RenderRound(const Call& call, const Round& round, TemplateData data,
                       const FormEcho& echo, int status);
  // Adds a respondent (`draft`: name, group, pillars, language, e-mail) with a fresh token, and,
  // when they have an e-mail address, queues their invitation in the same transaction
  // (invitation_pages.cpp); returns them and the token (shown once, never stored).
  Result<std::pair<Respondent, std::string>> InviteRespondent(const Call& call, const Round& round,
                                                              const Respondent& draft);
  // The invitation message of `r` (their language, else English), with their link's token as the
  // message's secret.
  NewMail InvitationMail(const Call& call, const Round& round, const Respondent& r,
                         const std::string& token) const;
  // The round page's part about e-mail: the deadline form's values, and per respondent what was
  // sent when (invitation_pages.cpp).
  void AddMailStatus(const Call& call, const Round& round, TemplateData& data,
                     std::map<Id, std::vector<std::string>>& by_respondent);
  std::string InvitationLink(const Call& call, const std::string& token) const;

  // The questionnaire (questionnaire_pages.cpp).
  struct RespondentView {
    Respondent respondent;
    Round round;
    const Instrument* instrument = nullptr;
    std::vector<QuestionnairePage> pages;
  };
  // What a questionnaire page shows of the respondent's answers: those to its statements, and
  // progress over all of them.
  struct PageAnswers {
    std::vector<StoredAnswer> answers;  // to the page's statements, sorted by statement
    Progress progress;
    // The stored answer to `statement`, or nullptr.
    const StoredAnswer* AnswerTo(const std::string& statement) const;
  };
  Result<PageAnswers> LoadPageAnswers(const RespondentView& view, size_t page);
  std::variant<RespondentView, Response> LoadRespondentView(const Call& call);
  // What a questionnaire page shows besides its answers: after a save without JavaScript, either
  // the notice that it was saved, or what was refused and why (questionnaire_save.cpp).
  struct PageOutcome {
    std::string error;                             // translated; above the form
    std::map<std::string, AnswerRefusal> refused;  // by statement: not saved, and why
    std::map<std::string, AnswerWrite> posted;     // by statement: what the form sent
    bool saved = false;                            // "Saved" (after Post/Redirect/Get)
    bool has_error() const { return !error.empty() || !refused.empty(); }
  };
  Response RenderQuestionnaire(const Call& call, const RespondentView& view, size_t page,
                               const PageAnswers& answers, const PageOutcome& outcome, int status);
  // The questionnaire page without its respondent's values, which QuestionnaireValues gives.
  Frame QuestionnaireFrame(const Call& call, const RespondentView& view, size_t page,
                           const PageOutcome& outcome) const;
  std::vector<std::string> QuestionnaireValues(const Call& call, const RespondentView& view,
                                               size_t page, const PageAnswers& answers,
                                               const PageOutcome& outcome) const;
  // The values of one statement's error holes (kRefusalHoles) on a page with errors, and the
  // list of the page's problems, each linking to its field.
  std::vector<std::string> RefusalValues(const Call& call, const RespondentView& view,
                                         const Statement& statement, const StoredAnswer* shown,
                                         const PageOutcome& outcome) const;
  std::string ProblemSummary(const Call& call, const RespondentView& view, size_t page,
                             const PageOutcome& outcome) const;
  static size_t PageNumber(const Call& call, size_t pages);

  // Everything about a round (core/round_dossier.h) at the versions read just now, from the cache
  // when it holds them (web/score_cache.h); nullptr when it cannot be read or the instrument is not
  // installed (the cause is logged). The dossier's round is read after the versions: pages show
  // its status and title, not those of the round the caller was authorized with.
  // `scored`, when given, is set when the round was scored for this call (a cache miss).
  std::shared_ptr<const RoundDossier> DossierOf(const Round& round, bool* scored = nullptr);
  std::shared_ptr<const RoundDossier> DossierAt(Id round, const CacheVersions& versions,
                                                bool* scored = nullptr);
  // A round's download of `kind` made afresh at `versions` (DownloadRound keeps it), or the
  // response that refuses it: every heavy-work slot taken, the data unreadable, no such kind.
  std::variant<Download, Response> MakeRoundDownload(Call& call, Id id, const std::string& kind,
                                                     const CacheVersions& versions, bool* scored);
  // Says in the response's X-Meter-Scores header whether the round was scored for it
  // ("computed") or its scores came from the cache ("cached"): how tests and the operator see
  // the cache at work.
  static Response& MarkScores(Response& response, bool scored);
  // The current cache versions of `round` (0: none) and of what rounds share; nullopt when the
  // store cannot be read (logged).
  std::optional<CacheVersions> VersionsOf(Id round);
  // The campaign's rows (core/campaign.h ReadCampaign), every member state with a round (every one
  // with `all_countries`), from the published scores and each latest round's facts as the caches
  // keep them by version (campaign_pages.cpp); kUnavailable when the store cannot be read.
  Result<std::vector<CampaignRow>> CampaignRows(const Call& call, bool all_countries);
  // The published rounds at the published version read now (from the cache); nullptr when
  // unreadable.
  std::shared_ptr<const std::vector<PublishedProfile>> PublishedRoundsNow();
  // The published rounds at `version` of the published scores; nullptr when unreadable.
  std::shared_ptr<const std::vector<PublishedProfile>> PublishedRoundsAt(long long version);
  // The item statistics of `in` over its published rounds, from the cache at the current
  // published version; nullptr when the database cannot be read. `computed`, when given, is set
  // when they were computed for this call (the instrument page says so in X-Meter-Scores).
  std::shared_ptr<const ItemStatistics> ItemStatisticsOf(const Instrument& in,
                                                         bool* computed = nullptr);
  // A page rendered once per `key` and versions, filled with the caller's layout values; nullptr
  // when `build` gives nullopt. `key` must name everything the page's text depends on but the
  // layout's holes: the page, the round, the language (LayoutKey adds what the layout shows).
  std::shared_ptr<const Frame> CachedPage(const Call& call, const std::string& key,
                                          const CacheVersions& versions,
                                          const std::function<std::optional<Frame>()>& build);
  // What PageFrame's layout shows a caller, besides the holes: the language and the role.
  static std::string LayoutKey(const Call& call);
  // The results page's frame, built from `dossier` and the published rounds.
  Frame ResultsFrame(const Call& call, const RoundDossier& dossier,
                     const std::vector<PublishedProfile>& published);
  Frame WayForwardFrame(const Call& call, const RoundDossier& dossier,
                        const std::vector<PublishedProfile>& published, const std::string& form,
                        const FormEcho& echo);
  // One roadmap item of the Way Forward page, with its edit form and the published rounds of
  // other countries with a similar profile that do well in it (way_forward_pages.cpp).
  struct PeerContext {
    PublishedProfile own;
    std::vector<PublishedProfile> published;
  };
  TemplateData RoadmapItemData(const Call& call, const RoundDossier& dossier,
                               const RoadmapItem& item, const PeerContext& peers);
  // Up to three case studies of `country`, those about `subarea` first.
  TemplateList CasesOf(const std::string& country, const std::string& subarea);
  TemplateList PeersFor(const PublishedProfile& own, const std::string& subarea,
                        const std::vector<PublishedProfile>& published, const std::string& lang);
  // The lessons and case studies for a sub-area, for the Way Forward page.
  TemplateList KnowledgeFor(const Call& call, const std::string& subarea);
  // Up to three case studies of `country`, those about `subarea` first, titled for a reader of
  // `lang`.
  TemplateList CasesOf(const std::string& country, const std::string& subarea,
                       const std::string& lang);
  TemplateList PeersFor(const Call& call, const PublishedProfile& own, const std::string& subarea,
                        const std::vector<PublishedProfile>& published);
  // The lessons and case studies for a sub-area, for the Way Forward page, most relevant first
  // (KnowledgeAbout), each in the caller's language (KnowledgeItemData).
  TemplateList KnowledgeFor(const Call& call, const RoundDossier& dossier,
                            const std::string& subarea);
  // The benchmark table (published rounds' averages) and the radar with targets and the nearest
  // benchmark, for the results page (results_pages.cpp).
  void AddBenchmarks(const Call& call, const RoundDossier& dossier,
                     const std::vector<PublishedProfile>& published, TemplateData& data);
  // The page or JSON error for a round whose data cannot be read.
  Response DataUnavailable(const Call& call) const;
  // 503 with Retry-After: every slot for heavy work (PDF, XLSX) is taken (results_pages.cpp).
  Response TooBusy(const Call& call) const;

  // Issue 14: the UN E-Government Survey's figures (egdi_pages.cpp): the admin's import form, and
  // the country's EGDI over the years as a table for the results and country pages ("" when the
  // database holds none for it).
  Response EgdiAdmin(Call& call);
  Response EgdiImport(Call& call);
  Response RenderEgdiAdmin(Call& call, const std::vector<Problem>& problems, int status);
  std::string EgdiSection(const Call& call, const std::string& iso3);

  // Issue 14: the secretariat's campaign page across countries and its CSV and XLSX downloads,
  // with the same filters and order (campaign_pages.cpp).
  Response CampaignPage(Call& call);
  // Issue 14: country management (country_admin_pages.cpp).
  Response CountriesAdmin(Call& call);
  Response CountryAdmin(Call& call);
  Response AddCoordinator(Call& call);
  Response RemoveCoordinator(Call& call);
  Response RenderCountryAdmin(Call& call, const Country& country, const Form& typed,
                              const std::vector<Problem>& problems, int status);
  Response CampaignDownload(Call& call);
  // Issue 14: the comparison of published rounds across countries and beside the E-Government
  // Survey, and its charts as SVG or PNG with the same filters (compare_pages.cpp).
  Response ComparePage(Call& call);
  Response CompareChart(Call& call);

  // Issue 14, answering offline (offline_pages.cpp): the respondent's page (/offline) and the
  // coordinator's for one respondent, for a workshop (/rounds/:id/respondents/:rid/offline), each
  // with the workbook and PDF downloads and the workbook's upload, saved under the web
  // questionnaire's rules.
  struct OfflineTarget {
    Respondent respondent;
    Round round;
    const Instrument* instrument = nullptr;
    std::string base;  // "/offline" or "/rounds/7/respondents/9/offline"
  };
  std::variant<OfflineTarget, Response> LoadOfflineTarget(const Call& call);
  struct OfflineResult;
  Response RenderOffline(const Call& call, const OfflineTarget& target, const OfflineResult* result,
                         int status);
  Response OfflinePage(Call& call);
  Response OfflineDownload(Call& call);
  Response UploadOffline(Call& call);
  Response KeepOffline(Call& call);
  void AuditWorkshopUpload(const Call& call, const OfflineTarget& t, size_t saved);
  Response SaveOffline(Call& call, const OfflineTarget& target, const OfflineUpload& upload);

  // Handlers.
  Response Home(Call& call);
  Response LoginForm(Call& call);
  Response Login(Call& call);
  Response Logout(Call& call);
  Response Language(Call& call);
  Response Users(Call& call);
  Response CreateUser(Call& call);
  Response DisableUser(Call& call);
  Response EnableUser(Call& call);
  Response AuditLog(Call& call);
  Response Rounds(Call& call);
  Response CreateRound(Call& call);
  Response RoundPage(Call& call);
  Response SetStatus(Call& call);
  Response SetWeights(Call& call);
  Response Invite(Call& call);
  Response SetDeadline(Call& call);
  Response BulkInvite(Call& call);
  Result<InvitationTable> ReadInvitationFile(const std::string& name, std::string_view bytes);
  Response Revoke(Call& call);
  Response Remind(Call& call);
  Response ResultsPage(Call& call);
  Response AnswersExport(Call& call);
  Response EnterWithToken(Call& call);
  Response ShowQuestionnaire(Call& call);
  Response SaveQuestionnaire(Call& call);
  Response ThankYou(Call& call);
  Response WayForwardPage(Call& call);
  Response SetTargets(Call& call);
  Response ProgressPage(Call& call);
  Response DownloadRound(Call& call);
  Response SaveRoadmapItem(Call& call);
  Response Publish(Call& call);
  Response Unpublish(Call& call);
  Response KnowledgeList(Call& call);
  Response KnowledgeEntryPage(Call& call);
  // The view models of the knowledge pages (knowledge_pages.cpp): the list of `found` (with the
  // filters' choices from `all`), and one entry, each in the caller's language.
  TemplateData KnowledgeListData(const Call& call, std::vector<KnowledgeSummary> found,
                                 const std::vector<KnowledgeSummary>& all,
                                 const KnowledgeFilter& filter, const std::string& q);
  TemplateData KnowledgeEntryData(const Call& call, const KnowledgeEntry& entry);
  // Creating and editing knowledge entries (knowledge_edit_pages.cpp).
  Response KnowledgeNewForm(Call& call);
  Response KnowledgeCreate(Call& call);
  Response KnowledgeEditForm(Call& call);
  Response KnowledgeUpdate(Call& call);
  Response RenderKnowledgeForm(const Call& call, const KnowledgeForm& form, const std::string& slug,
                               long long version, const std::vector<Problem>& problems, int status);
  // Review of knowledge contributions (knowledge_review_pages.cpp, issue 13). What a refused
  // review form shows again: the typed text and the problem; or the notice after a redirect.
  struct KnowledgeReviewEcho {
    std::string text, problem, notice;
  };
  Response KnowledgeReviewQueue(Call& call);
  Response KnowledgeSubmit(Call& call);
  Response KnowledgeReviewPost(Call& call);
  // True when the caller may read `stored`: approved entries are public, others are for admins
  // and experts (Action::kReviewKnowledge).
  bool MayReadKnowledge(const Call& call, const StoredKnowledge& stored) const;
  std::optional<Response> EditRefused(const Call& call, const StoredKnowledge& stored);
  // The entry's page with its licence, status, thread and review forms (for reviewers).
  Response RenderKnowledgeEntry(const Call& call, const StoredKnowledge& stored,
                                const KnowledgeReviewEcho& echo, int status);
  void AddKnowledgeReviewData(const Call& call, const StoredKnowledge& stored,
                              const KnowledgeReviewEcho& echo, TemplateData& data);
  // JSON API (api.cpp).
  Response ApiInstruments(Call& call);
  Response ApiInstrument(Call& call);
  Response ApiRounds(Call& call);
  Response ApiCreateRound(Call& call);
  Response ApiRound(Call& call);
  Response ApiRespondents(Call& call);
  Response ApiInvite(Call& call);
  Response ApiResults(Call& call);
  Response ApiMyAnswers(Call& call);
  Response ApiSaveAnswer(Call& call);
  // Before finishing the questionnaire: what is left to answer (questionnaire_review.cpp).
  Response ReviewPage(Call& call);

  // The coordinator's forms (issue 11): a refused form comes back with what was typed and each
  // problem beside its field (form_echo.cpp); destructive actions ask first on a page of their own
  // (respondent_pages.cpp); a withdrawn respondent can be restored.
  struct FormEcho {
    Form typed;                                 // the refused form's values, as typed
    std::map<std::string, std::string> errors;  // field → its problems, translated
    bool saved_some = false;                    // the valid part of the form was saved
  };
  // `problems` rendered in the caller's language and grouped by the field each names.
  static std::map<std::string, std::string> FieldErrors(const Call& call,
                                                        const std::vector<Problem>& problems);
  Response RenderRounds(const Call& call, const FormEcho& echo, int status);
  Response RenderWayForward(const Call& call, const Round& round, const std::string& form,
                            const FormEcho& echo, int status);
  struct Confirmation {
    std::string heading, text, action, button;
    Form fields;  // hidden fields of the confirming POST, besides the CSRF token
  };
  Response Confirm(const Call& call, const Round& round, const Confirmation& confirmation);
  // The respondent named by the route's :rid, when they belong to `round`; else the 404 to send.
  std::variant<Respondent, Response> LoadRespondent(const Call& call, const Round& round);
  Response ConfirmClose(Call& call);
  Response ConfirmRevoke(Call& call);
  Response ConfirmRemind(Call& call);
  Response Restore(Call& call);

  // Issue 11, item 5: an invitation link opened with a session asks first (questionnaire_pages).
  // The respondent whose link this is, or the response for a link that does not let anyone in.
  std::variant<Respondent, Response> InvitedRespondent(const Call& call);
  Response EnterWithTokenConfirmed(Call& call);
  // Issue 11, item 20: the secretariat edits users, hands out password links, reads the audit
  // log by pages and filters (admin_pages.cpp, password_pages.cpp).
  Response RenderUsers(Call& call, const Form& typed, const std::vector<Problem>& problems,
                       int status);
  Response SetDisabled(Call& call, bool disabled);
  Response RenderUserEdit(Call& call, const User& user, const Form& typed,
                          const std::vector<Problem>& problems, int status);
  Response RenderResetForm(const Call& call, const User& user, const std::vector<Problem>& problems,
                           int status);
  // The form's role, and its countries into `user`; problems name the field.
  std::optional<Role> CheckRoleAndCountries(const Call& call, User& user,
                                            std::vector<Problem>& problems) const;
  // The role and country choices of the user forms, with `chosen` selected.
  TemplateList RoleChoices(const Call& call, const std::string& chosen) const;
  // The member states by name in the caller's language (byte order, as the campaign page sorts),
  // and the options of a country <select> in that order: name in that language, code, and
  // whether it is `chosen`.
  std::vector<const Country*> CountriesByName(const Call& call) const;
  TemplateList CountryChoices(const Call& call, const std::vector<std::string>& chosen) const;
  // Each problem beside its field (`FIELD_error`, the text without the field's name) and all of
  // them for the summary above the form (`problems`, `has_problems`): the USWDS error pattern.
  static void AddProblems(const Call& call, const std::vector<Problem>& problems,
                          TemplateData& data);
  // `path` under the public URL (or the Host the request came to).
  std::string PublicUrl(const Call& call, const std::string& path) const;
  Response EditUserForm(Call& call);
  Response EditUser(Call& call);
  Response IssueResetLink(Call& call);
  Response ResetPasswordForm(Call& call);
  Response ResetPassword(Call& call);

  // Issue 13: the installed instrument versions, and one of them with its item statistics
  // (instrument_pages.cpp).
  Response InstrumentsPage(Call& call);
  Response InstrumentPage(Call& call);

  // Issue 13: the expert channel (channel_pages.cpp, instrument_diff_pages.cpp).
  // A version as the channel pages read it: the database's record, and the instrument it holds
  // (parsed for the request, for a draft; the catalog's, for a released version); `previous` is
  // the released version a draft follows, when the catalog has it.
  struct VersionView {
    StoredInstrumentVersion stored;
    std::shared_ptr<const Instrument> held;
    const Instrument* instrument = nullptr;
    const Instrument* previous = nullptr;
  };
  std::variant<VersionView, Response> LoadVersion(const Call& call, const std::string& id,
                                                  const std::string& version);
  // The instrument page's channel part: proposals, the comparison with the version a draft
  // follows, and the secretariat's release and retire forms.
  void AddChannelData(const Call& call, const VersionView& view, TemplateData& data);
  // The proposals that touch each statement of version `v`, as links, for the reader who may see
  // proposals (none for others): those made on `v` (for a released version, those that made it),
  // and those on the drafts that follow it, so that a flagged statement shows what experts
  // propose for it.
  std::map<std::string, TemplateList> ProposalsByStatement(const Call& call,
                                                           const StoredInstrumentVersion& v);
  // A login page for the anonymous and 403 for whoever `action` is not allowed to.
  std::optional<Response> RefuseUnless(const Call& call, Action action) const;
  Response StartDraftVersion(Call& call);
  Response ReleaseVersion(Call& call);
  Response RetireInstrumentVersion(Call& call);
  Response ExportInstrument(Call& call);
  Response ProposalsPage(Call& call);
  Response NewProposalForm(Call& call);
  Response RenderProposalForm(const Call& call, const Form& typed,
                              const std::vector<Problem>& problems, int status);
  Response CreateProposal(Call& call);
  Response ProposalPage(Call& call);
  Response RenderProposal(const Call& call, const std::vector<Problem>& problems, int status);
  void AddTouchedStatement(const Call& call, const VersionView& view, const Proposal& p,
                           TemplateData& data);
  TemplateList CommentThreads(const std::vector<ProposalComment>& all) const;
  Response CommentOnProposal(Call& call);
  Response VoteOnProposal(Call& call);
  Response DecideOnProposal(Call& call);
  Response InstrumentDiffPage(Call& call);
  // The versions a new round may use: released and not retired (round_pages.cpp).
  std::vector<const Instrument*> OfferedInstruments();
  // Issue 13: the public pages UNPACS links to, the Atom feed, the sitemap and robots.txt
  // (public_pages.cpp, distribution_pages.cpp). Every one is open to every caller.
  Response CountriesPage(Call& call);
  Response CountryPage(Call& call);
  Response RegionPage(Call& call);
  Response AtomFeedPage(Call& call);
  Response SitemapPage(Call& call);
  Response RobotsPage(Call& call);
  // `path` under the canonical base: --public-url, else WebOptions::site_url, else the Host.
  std::string SiteUrl(const Call& call, const std::string& path) const;
  // What the public pages are made of, read once per request: the published rounds and the
  // knowledge entries (ListKnowledge, which the review status will make approved-only).
  struct PublicContent {
    std::vector<PublishedProfile> published;
    std::vector<KnowledgeSummary> knowledge;
  };
  Result<PublicContent> LoadPublicContent();
  // The knowledge list's region filter (knowledge_pages.cpp): whether an entry is about M49
  // region `m49` (its country's region, else the region it names); the list's canonical path for
  // its filters; the filter's choices and the chosen region's name, into `data`.
  bool InRegion(const KnowledgeSummary& entry, const std::string& m49) const;
  static std::string KnowledgeListPath(const KnowledgeFilter& filter, const std::string& region);
  void AddRegionFilter(const Call& call, const std::string& region, TemplateData& data) const;
  // Issue 13: what changed since the reader's last visit, and their daily
  // digest choice (changes_pages.cpp); the view model is ChangesData.
  Response ChangesPage(Call& call);
  Response SetChangesDigest(Call& call);
  static TemplateData ChangesData(const Call& call, const std::vector<AuditEvent>& news,
                                  const ChangesState& state);

  static const std::vector<Route>& Routes();

  WebDeps deps_;
  // Questionnaire frames by instrument, language, page and round state (questionnaire_pages.cpp).
  FrameCache questionnaire_frames_;
  // Issue 11 (server): the static files, in memory with their gzip form and content hash.
  StaticFiles static_files_;
  // Issue 11 (server): PDF and XLSX downloads running now (results_pages.cpp).
  HeavyWorkLimiter heavy_work_;
  // Issue 14: scores, published scores and pages by version (web/score_cache.h, score_pages.cpp).
  ScoreCaches caches_;

 public:
  ScoreCacheStats CacheStats() const;
};

}  // namespace meter
