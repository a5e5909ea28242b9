// The respondent's side: entering with an invitation link, one page per sub-area, saving a page
// with a plain form POST (the script in web/static/meter.js saves each answer as it is
// given through the JSON API instead), and the closing page.
#include <algorithm>
#include <cmath>

#include "core/questionnaire.h"
#include "web/page_text.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {

std::variant<WebApp::Impl::RespondentView, Response> WebApp::Impl::LoadRespondentView(
    const Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (call.principal.kind != Principal::Kind::kRespondent) return Forbidden(call);
  RespondentView view;
  Result<Respondent> respondent = call.respondent
                                      ? Result<Respondent>(*call.respondent)
                                      : deps_.store.GetRespondent(call.principal.respondent_id);
  if (!respondent) return Fail(call, respondent.error());
  auto round =
      call.round ? Result<Round>(*call.round) : deps_.store.GetRound(respondent.value().round_id);
  if (!round) return Fail(call, round.error());
  if (!Allowed(call.principal, Action::kAnswer, round.value().country, round.value().id)) {
    return Forbidden(call);
  }
  view.respondent = std::move(respondent).value();
  view.round = std::move(round).value();
  view.instrument = InstrumentOf(view.round);
  if (!view.instrument) {
    return Fail(call, Error::Of(ErrorCode::kUnavailable, "",
                                METER_N("the instrument of this round is not installed")));
  }
  view.pages = PagesFor(*view.instrument, view.respondent);
  return view;
}

Result<WebApp::Impl::PageAnswers> WebApp::Impl::LoadPageAnswers(const RespondentView& view,
                                                                size_t page) {
  std::vector<std::string> statements;
  for (const Statement& st : view.pages[page - 1].subarea->statements) statements.push_back(st.id);
  auto answers = deps_.store.AnswersTo(view.respondent.id, statements);
  if (!answers) return answers.error();
  PageAnswers out;
  out.answers = std::move(answers).value();
  std::sort(out.answers.begin(), out.answers.end(),
            [](const StoredAnswer& a, const StoredAnswer& b) { return a.statement < b.statement; });
  out.progress = ProgressOf(*view.instrument, view.respondent);
  return out;
}

const StoredAnswer* WebApp::Impl::PageAnswers::AnswerTo(const std::string& statement) const {
  auto it = std::lower_bound(
      answers.begin(), answers.end(), statement,
      [](const StoredAnswer& a, const std::string& id) { return a.statement < id; });
  return it != answers.end() && it->statement == statement ? &*it : nullptr;
}

std::variant<Respondent, Response> WebApp::Impl::InvitedRespondent(const Call& call) {
  auto respondent = deps_.store.FindRespondentByToken(Sha256Hex(call.params.at("token")));
  if (!respondent) {
    return Fail(
        call,
        Error::Of(
            ErrorCode::kNotFound, "",
            METER_N("this invitation link is not valid; ask your coordinator for a new one")));
  }
  const Respondent& r = respondent.value();
  if (!InvitationValid(r, Now())) {
    Response gone =
        Fail(call, Error::Of(ErrorCode::kNotFound, "",
                             METER_N("this invitation link has expired or was withdrawn; ask your "
                                     "coordinator for a new one")));
    gone.status = 410;
    return gone;
  }
  auto round = deps_.store.GetRound(r.round_id);
  if (!round) return Fail(call, round.error());
  if (round.value().status == RoundStatus::kDraft) {
    return Fail(call,
                Error::Of(ErrorCode::kConflict, "",
                          METER_N("this assessment round has not opened yet; try again when your "
                                  "coordinator tells you it is open")));
  }
  return std::move(respondent).value();
}

namespace {

// A respondent entering with their link gets the language their coordinator chose for them, as
// the language cookie that the language menu also sets; they can change it there.
void UseRespondentLanguage(Call& call, const Respondent& r) {
  if (r.language.empty()) return;
  call.set_cookies.push_back(LanguageCookie(r.language));
}

}  // namespace

Response WebApp::Impl::EnterWithToken(Call& call) {
  auto invited = InvitedRespondent(call);
  if (auto* refused = std::get_if<Response>(&invited)) return std::move(*refused);
  const Respondent& r = std::get<Respondent>(invited);
  if (call.principal.kind == Principal::Kind::kRespondent && call.principal.respondent_id == r.id)
    return Response::Redirect("/q/1");  // their own link again: carry on
  if (call.principal.kind != Principal::Kind::kAnonymous) {
    // A link from another site must not swap the session under the caller (sign-in CSRF): the
    // session is replaced only by the confirmation form's POST, which carries this session's
    // CSRF token.
    TemplateData data;
    const bool respondent = call.principal.kind == Principal::Kind::kRespondent;
    data.set("what",
             respondent
                 ? Substitute(call.Tr("You are answering as the respondent {1}. Opening this "
                                      "invitation ends that session on this device and signs you "
                                      "in as the respondent {2} instead. The answers given so far "
                                      "stay saved."),
                              {call.principal.label.substr(11), r.name})
                 : Substitute(call.Tr("You are signed in as {1}. Opening this invitation signs you "
                                      "out and signs you in as the respondent {2} instead."),
                              {call.principal.label, r.name}));
    data.set("token", UrlEncode(call.params.at("token")));
    return Page(call, "enter_confirm", call.Tr("Open this invitation?"), data);
  }
  auto started = StartSession(call, 0, r.id);
  if (!started) return Fail(call, started.error());
  UseRespondentLanguage(call, r);
  return Response::Redirect("/q/1");
}

Response WebApp::Impl::EnterWithTokenConfirmed(Call& call) {
  auto invited = InvitedRespondent(call);
  if (auto* refused = std::get_if<Response>(&invited)) return std::move(*refused);
  auto started = StartSession(call, 0, std::get<Respondent>(invited).id);
  if (!started) return Fail(call, started.error());
  UseRespondentLanguage(call, std::get<Respondent>(invited));
  return Response::Redirect("/q/1");
}

// The questionnaire page is cached as a frame per instrument, language, page, round state and
// outcome (none, saved, or with errors), and each request fills in its respondent's values.
// QuestionnaireFrame numbers its holes in the order QuestionnaireValues lists the values: first the
// round title, the percentage, the progress text and the error (and, on a page with errors, the
// list of problems); then, for each statement of the page, its version, comment and evidence link,
// on a page with errors the kRefusalHoles, and one "checked" per answer option.
namespace {

// The options a statement offers: the levels of its answer set, then "Don't know" and "Not
// applicable". `each(code, label, special)` is called for each, in page order.
template <typename Each>
void ForEachOption(const AnswerSet& set, Each each) {
  for (const AnswerLevel& l : set.levels) each(l.code, l.label, false);
  each("DK", set.dont_know, true);
  each("NA", set.not_applicable, true);
}

// Each statement's holes on a page with errors, in hole order: for the answer, the comment and
// the evidence link, the class of its group, its message and the attributes that tie the field to
// the message; whether the comment and evidence are shown; and what was sent, for an answer that
// was changed elsewhere.
constexpr const char* kRefusalHoles[] = {
    "value_class",      "value_attrs",     "value_problem", "more_open",
    "comment_class",    "comment_problem", "comment_attrs", "evidence_class",
    "evidence_problem", "evidence_attrs",  "sent"};

}  // namespace

Frame WebApp::Impl::QuestionnaireFrame(const Call& call, const RespondentView& view, size_t page,
                                       const PageOutcome& outcome) const {
  const QuestionnairePage& here = view.pages[page - 1];
  const Instrument& in = *view.instrument;
  const bool with_error = outcome.has_error();
  TemplateData data;
  data.set("page", std::to_string(page));
  data.set("pages", std::to_string(view.pages.size()));
  const std::string counter = Substitute(call.Tr("Page {1} of {2}"),
                                         {std::to_string(page), std::to_string(view.pages.size())});
  data.set("counter", counter);
  data.set("has_back", page > 1);
  data.set("back", std::to_string(page - 1));
  data.set("last", page == view.pages.size());
  SetText(data, "pillar", here.pillar->name, call.lang);
  SetText(data, "overview", here.pillar->overview, call.lang);
  data.set("subarea_id", here.subarea->id);
  SetText(data, "subarea", here.subarea->name, call.lang);
  data.set("draft_translation", in.IsDraftTranslation(call.lang));
  data.set("open", view.round.status == RoundStatus::kOpen);
  data.set("has_error", with_error);
  data.set("saved", outcome.saved && !with_error);
  size_t hole = kFirstPageHole;
  for (const char* key : {"round", "percent", "progress", "error"}) data.hole(key, hole++);
  if (with_error) data.hole("summary", hole++);
  TemplateList statements;
  for (const Statement& st : here.subarea->statements) {
    TemplateData item;
    item.set("id", st.id);
    SetText(item, "text", st.text, call.lang);
    for (const char* key : {"version", "comment", "evidence"}) item.hole(key, hole++);
    if (with_error) {
      for (const char* key : kRefusalHoles) item.hole(key, hole++);
    }
    TemplateList options;
    ForEachOption(in.AnswerSetOf(st),
                  [&](const std::string& code, const LocalizedText& label, bool special) {
                    TemplateData o;
                    o.set("code", code);
                    SetText(o, "label", label, call.lang);
                    o.hole("checked", hole++);
                    o.set("special", special);
                    o.set("input_id", "a-" + st.id + "-" + code);
                    options.push_back(std::move(o));
                  });
    item.set("options", std::move(options));
    statements.push_back(std::move(item));
  }
  data.set("statements", std::move(statements));
  // The title says when the page has errors, as it is the first thing a screen reader reads.
  const std::string title = here.subarea->name.Get(call.lang) + " — " + counter;
  return PageFrame(call, "questionnaire",
                   with_error ? Substitute(call.Tr("Error: {1}"), {title}) : title,
                   std::move(data));
}

std::vector<std::string> WebApp::Impl::QuestionnaireValues(const Call& call,
                                                           const RespondentView& view, size_t page,
                                                           const PageAnswers& answers,
                                                           const PageOutcome& outcome) const {
  std::vector<std::string> values = LayoutValues(call);
  const Progress& progress = answers.progress;
  const int percent =
      progress.total ? static_cast<int>(std::lround(100.0 * progress.answered / progress.total))
                     : 0;
  values.push_back(view.round.title);
  values.push_back(std::to_string(percent));
  values.push_back(AnsweredText(call, progress));
  values.push_back(outcome.error);
  const bool with_error = outcome.has_error();
  if (with_error) values.push_back(ProblemSummary(call, view, page, outcome));
  for (const Statement& st : view.pages[page - 1].subarea->statements) {
    const StoredAnswer* a = answers.AnswerTo(st.id);
    values.push_back(std::to_string(a ? a->version : 0));
    values.push_back(a ? a->comment : "");
    values.push_back(a ? a->evidence_url : "");
    if (with_error) {
      for (std::string& v : RefusalValues(call, view, st, a, outcome))
        values.push_back(std::move(v));
    }
    ForEachOption(view.instrument->AnswerSetOf(st),
                  [&](const std::string& code, const LocalizedText&, bool) {
                    values.push_back(a && a->value == code ? "checked" : "");
                  });
  }
  return values;
}

Response WebApp::Impl::RenderQuestionnaire(const Call& call, const RespondentView& view,
                                           size_t page, const PageAnswers& answers,
                                           const PageOutcome& outcome, int status) {
  // Everything the frame's fixed text depends on. The caller is a respondent (LoadRespondentView),
  // so the layout's menu is always the same.
  const std::string key = view.instrument->id + "@" + view.instrument->version + "|" + call.lang +
                          "|" + std::to_string(view.pages.size()) + "|" +
                          view.pages[page - 1].subarea->id + "|" + std::to_string(page) + "|" +
                          (view.round.status == RoundStatus::kOpen ? "open" : "shut") +
                          (outcome.has_error() ? "|error"
                           : outcome.saved     ? "|saved"
                                               : "");
  auto frame =
      questionnaire_frames_.Get(key, [&] { return QuestionnaireFrame(call, view, page, outcome); });
  return Response::Html(frame->Fill(QuestionnaireValues(call, view, page, answers, outcome)),
                        status);
}

namespace {

// The message of an answer that was changed elsewhere since the page was opened.
Problem StaleProblem() {
  return {"",
          METER_N("this answer was changed elsewhere after you opened this page: the answer stored "
                  "now is selected, and what you sent is shown below it"),
          {}};
}

// The problems shown beside each field of a refused statement. For an answer changed elsewhere,
// the fields hold what is stored now, so the problems of what was sent go with it, below.
struct FieldProblems {
  std::vector<Problem> value, comment, evidence, sent;
};
FieldProblems ProblemsOf(const AnswerRefusal& r) {
  if (!r.stale) return {r.value, r.comment, r.evidence, {}};
  FieldProblems out{{StaleProblem()}, {}, {}, r.value};
  out.sent.insert(out.sent.end(), r.comment.begin(), r.comment.end());
  out.sent.insert(out.sent.end(), r.evidence.begin(), r.evidence.end());
  return out;
}

std::string Joined(const std::vector<Problem>& problems, const Translator& translate) {
  std::string text;
  for (const Problem& p : problems) text += (text.empty() ? "" : " ") + Render(p, translate);
  return text;
}

}  // namespace

std::vector<std::string> WebApp::Impl::RefusalValues(const Call& call, const RespondentView& view,
                                                     const Statement& st, const StoredAnswer* shown,
                                                     const PageOutcome& outcome) const {
  std::map<std::string, std::string> v;  // by hole key; a key left out is empty
  const auto refused = outcome.refused.find(st.id);
  const bool has_more = shown && (!shown->comment.empty() || !shown->evidence_url.empty());
  if (refused == outcome.refused.end()) {
    if (has_more) v["more_open"] = "open";
    std::vector<std::string> values;
    for (const char* key : kRefusalHoles) values.push_back(v[key]);
    return values;
  }
  const Translator translate = TranslatorFor(call.locale);
  const FieldProblems problems = ProblemsOf(refused->second);
  const bool stale = refused->second.stale.has_value();
  // The message beside each field, and the attributes that tie the field to it.
  auto field = [&](const std::string& name, const std::vector<Problem>& list) {
    if (list.empty()) return;
    const std::string id = "err-" + name.substr(0, 1) + "-" + st.id;
    TemplateData d;
    d.set("message", Joined(list, translate));
    d.set("message_id", id);
    v[name + "_class"] = "usa-form-group--error";
    v[name + "_problem"] = deps_.templates.Render("questionnaire_problems", d, call.lang);
    v[name + "_attrs"] = " aria-invalid=\"true\" aria-describedby=\"" + HtmlEscape(id) + "\"";
  };
  field("value", problems.value);
  field("comment", problems.comment);
  field("evidence", problems.evidence);
  // The fieldset is not an input: it is described by its message (and what was sent) only.
  if (!problems.value.empty()) {
    v["value_attrs"] = "aria-describedby=\"" + HtmlEscape("err-v-" + st.id) +
                       (stale ? HtmlEscape(" sent-" + st.id) : "") + "\" ";
  }
  if (has_more || !problems.comment.empty() || !problems.evidence.empty()) v["more_open"] = "open";
  const auto posted = outcome.posted.find(st.id);
  if (stale && posted != outcome.posted.end()) {
    const AnswerWrite& w = posted->second;
    TemplateData d;
    d.set("sent", true);
    d.set("statement", st.id);
    d.set("code", w.value);
    ForEachOption(view.instrument->AnswerSetOf(st),
                  [&](const std::string& code, const LocalizedText& label, bool) {
                    if (code == w.value) d.set("value", label.Get(call.lang));
                  });
    d.set("comment", w.comment);
    d.set("evidence", w.evidence_url);
    TemplateList list;
    for (const Problem& p : problems.sent) {
      TemplateData item;
      item.set("text", Render(p, translate));
      list.push_back(std::move(item));
    }
    d.set("problems", std::move(list));
    v["sent"] = deps_.templates.Render("questionnaire_problems", d, call.lang);
  }
  std::vector<std::string> values;
  for (const char* key : kRefusalHoles) values.push_back(v[key]);
  return values;
}

std::string WebApp::Impl::ProblemSummary(const Call& call, const RespondentView& view, size_t page,
                                         const PageOutcome& outcome) const {
  const Translator translate = TranslatorFor(call.locale);
  TemplateList items;
  auto add = [&](const std::string& target, const std::string& statement,
                 const std::vector<Problem>& list) {
    for (Problem p : list) {
      p.where = statement;
      TemplateData item;
      item.set("target", target);
      item.set("text", Render(p, translate));
      items.push_back(std::move(item));
    }
  };
  for (const Statement& st : view.pages[page - 1].subarea->statements) {
    const auto refused = outcome.refused.find(st.id);
    if (refused == outcome.refused.end()) continue;
    const FieldProblems problems = ProblemsOf(refused->second);
    add("s-" + st.id, st.id, problems.value);
    add("s-" + st.id, st.id, problems.sent);
    add("c-" + st.id, st.id, problems.comment);
    add("e-" + st.id, st.id, problems.evidence);
  }
  if (items.empty()) return "";
  TemplateData d;
  d.set("summary", true);
  d.set("items", std::move(items));
  return deps_.templates.Render("questionnaire_problems", d, call.lang);
}

size_t WebApp::Impl::PageNumber(const Call& call, size_t pages) {
  const Id n = call.IdParam("page");
  return n >= 1 && static_cast<size_t>(n) <= pages ? static_cast<size_t>(n) : 0;
}

Response WebApp::Impl::ShowQuestionnaire(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RespondentView& view = std::get<RespondentView>(loaded);
  const size_t page = PageNumber(call, view.pages.size());
  if (page == 0)
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
  auto answers = LoadPageAnswers(view, page);
  if (!answers) return Fail(call, answers.error());
  PageOutcome outcome;
  outcome.saved = FormValue(TakeFlash(call), "notice") == "saved";
  return RenderQuestionnaire(call, view, page, answers.value(), outcome, 200);
}

}  // namespace meter
