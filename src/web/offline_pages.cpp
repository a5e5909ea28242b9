// Issue 14, answering offline: the respondent (at /offline) or, for a workshop, the coordinator for
// one respondent they invited (at /rounds/:id/respondents/:rid/offline) downloads the
// questionnaire as a workbook or a PDF and uploads the filled workbook. An upload is checked whole
// first (report's XLSX reader, then core/offline_answers.h): with any problem nothing is saved and
// every problem is listed as `Sheet!C5: problem`. Then it is saved exactly as a questionnaire page
// is (SortPostedPage, then the store, which refuses a closed round): answers changed on the web
// since the download are not overwritten but listed beside the workbook's, with a form that keeps
// the workbook's.
#include <algorithm>

#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {

struct WebApp::Impl::OfflineResult {
  std::vector<Problem> problems;  // nothing was saved
  size_t saved = 0;               // answers written
  size_t unchanged = 0;           // answers already stored as the workbook has them
  // Answers changed elsewhere since the download: what the workbook says, and what is stored.
  std::vector<std::pair<AnswerWrite, StoredAnswer>> stale;
};

namespace {

std::string LabelOf(const Instrument& in, const std::string& statement, const std::string& code,
                    const std::string& lang) {
  const int index = in.StatementIndex(statement);
  if (index < 0 || code.empty()) return code;
  for (const AnswerChoice& c :
       AnswerChoices(in.AnswerSetOf(*in.statements()[index].statement), lang)) {
    if (c.code == code) return c.label;
  }
  return code;
}

// The language of the download: the one asked for when the instrument has it, else the page's,
// else English.
std::string OfflineLanguage(const Instrument& in, const std::string& asked,
                            const std::string& page) {
  for (const std::string& lang : {asked, page}) {
    if (lang == "en" ||
        std::find(in.languages.begin(), in.languages.end(), lang) != in.languages.end())
      return lang;
  }
  return "en";
}

}  // namespace

std::variant<WebApp::Impl::OfflineTarget, Response> WebApp::Impl::LoadOfflineTarget(
    const Call& call) {
  OfflineTarget target;
  if (call.params.count("rid")) {
    auto round = LoadRound(call, Action::kManageRound);
    if (auto* denied = std::get_if<Response>(&round)) return *denied;
    target.round = std::get<Round>(round);
    auto respondent = LoadRespondent(call, target.round);
    if (auto* denied = std::get_if<Response>(&respondent)) return *denied;
    target.respondent = std::get<Respondent>(respondent);
    target.base = "/rounds/" + std::to_string(target.round.id) + "/respondents/" +
                  std::to_string(target.respondent.id) + "/offline";
    target.instrument = InstrumentOf(target.round);
    if (!target.instrument) {
      return Fail(call, Error::Of(ErrorCode::kUnavailable, "",
                                  METER_N("the instrument of this round is not installed")));
    }
    return target;
  }
  auto view = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&view)) return *denied;
  RespondentView& v = std::get<RespondentView>(view);
  target.respondent = std::move(v.respondent);
  target.round = std::move(v.round);
  target.instrument = v.instrument;
  target.base = "/offline";
  return target;
}

Response WebApp::Impl::RenderOffline(const Call& call, const OfflineTarget& t,
                                     const OfflineResult* result, int status) {
  const Instrument& in = *t.instrument;
  TemplateData data;
  data.set("base", t.base);
  data.set("round", t.round.title);
  data.set("coordinator", t.base != "/offline");
  data.set("respondent", t.respondent.name);
  data.set("round_path", "/rounds/" + std::to_string(t.round.id));
  data.set("open", t.round.status == RoundStatus::kOpen);
  TemplateList languages;
  const std::string chosen = OfflineLanguage(in, "", call.lang);
  std::vector<std::string> offered = {"en"};
  for (const std::string& l : in.languages) {
    if (l != "en") offered.push_back(l);
  }
  for (const std::string& l : offered) {
    TemplateData item = LanguageItem(l);
    item.set("selected", l == chosen);
    languages.push_back(std::move(item));
  }
  data.set("offline_languages", std::move(languages));
  if (result) {
    AddProblems(call, result->problems, data);
    data.set("done", result->problems.empty());
    data.set("saved_text", Substitute(call.TrN("{1} answer saved.", "{1} answers saved.",
                                               static_cast<long>(result->saved)),
                                      {std::to_string(result->saved)}));
    data.set("unchanged_text",
             Substitute(call.TrN("{1} answer was already saved as the workbook has it.",
                                 "{1} answers were already saved as the workbook has them.",
                                 static_cast<long>(result->unchanged)),
                        {std::to_string(result->unchanged)}));
    TemplateList stale;
    const std::string& lang = call.lang;
    for (const auto& [sent, stored] : result->stale) {
      TemplateData item;
      item.set("id", sent.statement);
      item.set("sent", LabelOf(in, sent.statement, sent.value, lang));
      item.set("sent_value", sent.value);
      item.set("sent_comment", sent.comment);
      item.set("sent_evidence", sent.evidence_url);
      item.set("stored", LabelOf(in, stored.statement.empty() ? sent.statement : stored.statement,
                                 stored.value, lang));
      item.set("stored_comment", stored.comment);
      item.set("version", std::to_string(stored.version));
      stale.push_back(std::move(item));
    }
    data.set("has_stale", !stale.empty());
    data.set("stale", std::move(stale));
  }
  return Page(call, "offline", call.Tr("Answer offline"), data, status);
}

Response WebApp::Impl::OfflinePage(Call& call) {
  auto loaded = LoadOfflineTarget(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  return RenderOffline(call, std::get<OfflineTarget>(loaded), nullptr, 200);
}

Response WebApp::Impl::OfflineDownload(Call& call) {
  auto loaded = LoadOfflineTarget(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const OfflineTarget& t = std::get<OfflineTarget>(loaded);
  const std::string kind = FormValue(call.query, "kind");
  if (kind != "xlsx" && kind != "pdf") {
    return Fail(call,
                Error::Of(ErrorCode::kNotFound, "", METER_N("there is no export '{1}'"), {kind}));
  }
  HeavyWorkLimiter::Slot slot = heavy_work_.TryAcquire();
  if (!slot) return TooBusy(call);
  auto answers = deps_.store.AnswersOf(t.respondent.id);
  if (!answers) return Fail(call, answers.error());
  OfflineQuestionnaire q;
  const std::string lang = OfflineLanguage(*t.instrument, FormValue(call.query, "lang"), call.lang);
  q.key = {t.round.id, t.respondent.id, t.instrument->id, t.instrument->version, lang};
  q.instrument = t.instrument;
  q.respondent = t.respondent;
  q.answers = std::move(answers).value();
  q.title = t.round.title;
  auto file = deps_.renderers.questionnaire(q, kind, deps_.catalogs.For(lang));
  if (!file) return Fail(call, file.error());
  Response r = Response::Text(std::move(file.value().body), file.value().content_type);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + file.value().name + "\"");
  return r;
}

Response WebApp::Impl::UploadOffline(Call& call) {
  auto loaded = LoadOfflineTarget(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const OfflineTarget& t = std::get<OfflineTarget>(loaded);
  OfflineResult result;
  auto file = call.files.find("file");
  if (file == call.files.end() || file->second.content.empty()) {
    result.problems.push_back({"file", METER_N("choose the filled workbook (.xlsx)"), {}});
    return RenderOffline(call, t, &result, 400);
  }
  auto book = deps_.renderers.read_xlsx(file->second.content);
  if (!book) {
    result.problems = book.error().problems;
    return RenderOffline(call, t, &result, 400);
  }
  const OfflineKey expected{t.round.id, t.respondent.id, t.instrument->id, t.instrument->version,
                            ""};
  auto upload = ReadOfflineAnswers(book.value(), expected, *t.instrument, t.respondent);
  if (!upload) {
    result.problems = upload.error().problems;
    return RenderOffline(call, t, &result, 400);
  }
  return SaveOffline(call, t, upload.value());
}

// A coordinator's upload for a respondent (a workshop) goes to the audit log: the answers are
// the respondent's but someone else gave them. Written after the save, in a transaction of its
// own (Store::RecordAudit); a failure to write it does not undo the save. A respondent's own
// upload is not audited, as their questionnaire saves are not.
void WebApp::Impl::AuditWorkshopUpload(const Call& call, const OfflineTarget& t, size_t saved) {
  if (t.base == "/offline") return;
  (void)deps_.store.RecordAudit(call.principal.label, "round.offline_upload",
                                "round:" + std::to_string(t.round.id),
                                "respondent " + std::to_string(t.respondent.id) +
                                    ", answers saved: " + std::to_string(saved));
}

// The same as a questionnaire page's save (questionnaire_save.cpp): sorted against the answers
// stored now, retried when a save meets a change made meanwhile.
Response WebApp::Impl::SaveOffline(Call& call, const OfflineTarget& t,
                                   const OfflineUpload& upload) {
  OfflineResult result;
  if (t.round.status != RoundStatus::kOpen) {
    result.problems.push_back(
        {"workbook", METER_N("the round is closed: answers can no longer be changed"), {}});
    return RenderOffline(call, t, &result, 409);
  }
  std::vector<AnswerWrite> writes;
  for (const OfflineAnswer& a : upload.answers) writes.push_back(a.write);
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto stored = deps_.store.AnswersOf(t.respondent.id);
    if (!stored) return Fail(call, stored.error());
    PageSave sorted = SortPostedPage(*t.instrument, t.respondent, writes, stored.value());
    if (sorted.invalid()) {
      result.problems = OfflineRefusals(upload, sorted.refused);
      return RenderOffline(call, t, &result, 400);
    }
    auto saved = sorted.writes.empty()
                     ? Result<SavedAnswers>(SavedAnswers{})
                     : deps_.store.SaveAnswers(t.respondent.id, sorted.writes, Now());
    if (saved) {
      CountSaved(call, saved.value().answers.size());
      AuditWorkshopUpload(call, t, sorted.writes.size());
      result.saved = sorted.writes.size();
      result.unchanged = writes.size() - sorted.writes.size() - sorted.refused.size();
      for (const AnswerWrite& w : writes) {
        const auto it = sorted.refused.find(w.statement);
        if (it != sorted.refused.end() && it->second.stale)
          result.stale.push_back({w, *it->second.stale});
      }
      return RenderOffline(call, t, &result, result.stale.empty() ? 200 : 409);
    }
    const Error& e = saved.error();
    if (e.code != ErrorCode::kConflict) return Fail(call, e);
    if (e.problems.empty() || e.problems[0].where.empty() || attempt == 2) {
      // The round closed meanwhile.
      result.problems = e.problems;
      return RenderOffline(call, t, &result, 409);
    }
  }
  return Fail(call, Error::Of(ErrorCode::kInternal, "", METER_N("the answers could not be saved")));
}

// "Keep the workbook's answers": the answers that were changed elsewhere, sent back with the
// versions stored now, saved as a questionnaire page's are.
Response WebApp::Impl::KeepOffline(Call& call) {
  auto loaded = LoadOfflineTarget(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const OfflineTarget& t = std::get<OfflineTarget>(loaded);
  std::vector<Statement> statements;
  OfflineUpload upload;
  for (const auto& [name, value] : call.form) {
    if (!name.starts_with("ver:")) continue;
    const int index = t.instrument->StatementIndex(name.substr(4));
    if (index < 0) continue;
    statements.push_back(*t.instrument->statements()[index].statement);
  }
  for (AnswerWrite& w : PostedPage(call.form, statements)) {
    OfflineAnswer a;
    a.sheet = w.statement;  // a refusal names the statement, as there is no sheet here
    a.write = std::move(w);
    upload.answers.push_back(std::move(a));
  }
  return SaveOffline(call, t, upload);
}

}  // namespace meter
