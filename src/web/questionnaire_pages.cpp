// The respondent's side: entering with an invitation link, one page per sub-area, saving a page
// with a plain form POST (the script in web/static/meter.js saves each answer as it is
// given through the JSON API instead), and the closing page.
#include <cmath>

#include "core/questionnaire.h"
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
  auto round = deps_.store.GetRound(respondent.value().round_id);
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
  auto answers = deps_.store.AnswersOf(view.respondent.id);
  if (!answers) return Fail(call, answers.error());
  for (StoredAnswer& a : answers.value()) view.answers[a.statement] = std::move(a);
  return view;
}

Response WebApp::Impl::EnterWithToken(Call& call) {
  if (call.principal.kind == Principal::Kind::kUser) {
    // Opening a respondent's link would end this user's session; let them choose.
    return Fail(call,
                Error::Of(ErrorCode::kConflict, "",
                          METER_N("you are signed in as {1}; sign out, or open the invitation link "
                                  "in a private window"),
                          {call.principal.label}));
  }
  auto respondent = deps_.store.FindRespondentByToken(Sha256Hex(call.params["token"]));
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
  auto started = StartSession(call, 0, r.id);
  if (!started) return Fail(call, started.error());
  return Response::Redirect("/q/1");
}

Response WebApp::Impl::RenderQuestionnaire(const Call& call, const RespondentView& view,
                                           size_t page, const std::string& error, int status) {
  const QuestionnairePage& here = view.pages[page - 1];
  const Instrument& in = *view.instrument;
  TemplateData data;
  data.set("page", std::to_string(page));
  data.set("pages", std::to_string(view.pages.size()));
  const std::string counter = Substitute(call.Tr("Page {1} of {2}"),
                                         {std::to_string(page), std::to_string(view.pages.size())});
  data.set("counter", counter);
  data.set("has_back", page > 1);
  data.set("back", std::to_string(page - 1));
  data.set("last", page == view.pages.size());
  data.set("pillar", here.pillar->name.Get(call.lang));
  data.set("overview", here.pillar->overview.Get(call.lang));
  data.set("subarea", here.subarea->id + " " + here.subarea->name.Get(call.lang));
  data.set("open", view.round.status == RoundStatus::kOpen);
  data.set("round", view.round.title);
  if (!error.empty()) data.set("error", error);
  std::vector<StoredAnswer> all;
  for (const auto& [id, a] : view.answers) all.push_back(a);
  const Progress progress = ProgressOf(in, view.respondent, all);
  const int percent =
      progress.total ? static_cast<int>(std::lround(100.0 * progress.answered / progress.total))
                     : 0;
  data.set("percent", std::to_string(percent));
  data.set("progress",
           Substitute(call.Tr("{1} of {2} statements answered"),
                      {std::to_string(progress.answered), std::to_string(progress.total)}));
  TemplateList statements;
  for (const Statement& st : here.subarea->statements) {
    const AnswerSet* set = &in.AnswerSetOf(st);
    auto stored = view.answers.find(st.id);
    const StoredAnswer* a = stored == view.answers.end() ? nullptr : &stored->second;
    TemplateData item;
    item.set("id", st.id);
    item.set("text", st.text.Get(call.lang));
    item.set("version", std::to_string(a ? a->version : 0));
    item.set("comment", a ? a->comment : "");
    item.set("evidence", a ? a->evidence_url : "");
    TemplateList options;
    auto option = [&](const std::string& code, const std::string& label, bool special) {
      TemplateData o;
      o.set("code", code);
      o.set("label", label);
      o.set("checked", a && a->value == code);
      o.set("special", special);
      o.set("input_id", "a-" + st.id + "-" + code);
      options.push_back(std::move(o));
    };
    for (const AnswerLevel& l : set->levels) option(l.code, l.label.Get(call.lang), false);
    option("DK", set->dont_know.Get(call.lang), true);
    option("NA", set->not_applicable.Get(call.lang), true);
    item.set("options", std::move(options));
    statements.push_back(std::move(item));
  }
  data.set("statements", std::move(statements));
  return Page(call, "questionnaire", here.subarea->name.Get(call.lang) + " — " + counter, data,
              status);
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
  return RenderQuestionnaire(call, view, page, "", 200);
}

Response WebApp::Impl::SaveQuestionnaire(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  RespondentView& view = std::get<RespondentView>(loaded);
  const size_t page = PageNumber(call, view.pages.size());
  if (page == 0)
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
  std::vector<AnswerWrite> writes;
  // A closed round shows its answers read-only (the browser sends no disabled fields): just move
  // on.
  const std::vector<Statement> none;
  const bool open = view.round.status == RoundStatus::kOpen;
  for (const Statement& st : open ? view.pages[page - 1].subarea->statements : none) {
    AnswerWrite w;
    w.statement = st.id;
    w.value = FormValue(call.form, "v:" + st.id);
    w.comment = FormValue(call.form, "c:" + st.id);
    w.evidence_url = FormValue(call.form, "e:" + st.id);
    const std::string version = FormValue(call.form, "ver:" + st.id);
    w.expected_version = version.empty() || version.size() > 18 ||
                                 version.find_first_not_of("0123456789") != std::string::npos
                             ? -1
                             : std::stoll(version);
    auto stored = view.answers.find(st.id);
    const bool same = stored == view.answers.end()
                          ? w.value.empty() && w.comment.empty() && w.evidence_url.empty()
                          : stored->second.value == w.value &&
                                stored->second.comment == w.comment &&
                                stored->second.evidence_url == w.evidence_url;
    if (same) continue;
    auto checked = CheckAnswer(*view.instrument, view.respondent, w);
    if (!checked) return Fail(call, checked.error());
    writes.push_back(std::move(w));
  }
  if (!writes.empty()) {
    auto saved = deps_.store.SaveAnswers(view.respondent.id, writes, Now());
    if (!saved) {
      if (saved.error().code != ErrorCode::kConflict) return Fail(call, saved.error());
      return RenderQuestionnaire(call, view, page,
                                 saved.error().ToString(TranslatorFor(call.locale)), 409);
    }
  }
  const std::string go = FormValue(call.form, "go");
  if (go == "back" && page > 1) return Response::Redirect("/q/" + std::to_string(page - 1));
  if (go == "next") {
    return Response::Redirect(page < view.pages.size() ? "/q/" + std::to_string(page + 1)
                                                       : "/done");
  }
  return Response::Redirect("/q/" + std::to_string(page));
}

Response WebApp::Impl::ThankYou(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RespondentView& view = std::get<RespondentView>(loaded);
  std::vector<StoredAnswer> all;
  for (const auto& [id, a] : view.answers) all.push_back(a);
  const Progress p = ProgressOf(*view.instrument, view.respondent, all);
  TemplateData data;
  data.set("progress", Substitute(call.Tr("{1} of {2} statements answered"),
                                  {std::to_string(p.answered), std::to_string(p.total)}));
  data.set("pages", std::to_string(view.pages.size()));
  return Page(call, "done", call.Tr("Thank you"), data);
}

}  // namespace meter
