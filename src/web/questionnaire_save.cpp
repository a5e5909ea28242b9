// Saving a questionnaire page with a plain form POST (without JavaScript). The page is taken in
// part (core/questionnaire_page.h): what is valid and current is saved; the page then moves on
// (Post/Redirect/Get, with a "Saved" notice when it stays), or, when some answers were refused,
// comes back with everything as typed and each message beside its field (400 for input the rules
// refuse, 409 when only answers changed elsewhere were refused).
#include <algorithm>

#include "web/web_app_impl.h"

namespace meter {
namespace {

// The version a form field carries; -1 (never a stored version) when it is not a number.
int64_t VersionOf(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return -1;
  return std::stoll(text);
}

// Shows `w` in the page's fields instead of the stored answer (keeping the stored version).
void ShowAsPosted(WebApp::Impl::PageAnswers& shown, const AnswerWrite& w) {
  auto it = std::find_if(shown.answers.begin(), shown.answers.end(),
                         [&](const StoredAnswer& a) { return a.statement == w.statement; });
  if (it == shown.answers.end()) {
    StoredAnswer a;
    a.statement = w.statement;
    it = shown.answers.insert(std::upper_bound(shown.answers.begin(), shown.answers.end(), a,
                                               [](const StoredAnswer& x, const StoredAnswer& y) {
                                                 return x.statement < y.statement;
                                               }),
                              a);
  }
  it->value = w.value;
  it->comment = w.comment;
  it->evidence_url = w.evidence_url;
}

}  // namespace

// What the form sent for each statement of the page: the fields as typed or, where the respondent
// chose to replace an answer changed elsewhere with what they had sent, the copy of that which the
// page carried ("sent-…" fields).
std::vector<AnswerWrite> PostedPage(const Form& form, const std::vector<Statement>& statements) {
  std::vector<AnswerWrite> out;
  for (const Statement& st : statements) {
    const std::string from = FormValue(form, "use-sent:" + st.id) == "1" ? "sent-" : "";
    AnswerWrite w;
    w.statement = st.id;
    w.value = FormValue(form, from + "v:" + st.id);
    w.comment = FormValue(form, from + "c:" + st.id);
    w.evidence_url = FormValue(form, from + "e:" + st.id);
    w.expected_version = VersionOf(FormValue(form, "ver:" + st.id));
    out.push_back(std::move(w));
  }
  return out;
}

Response WebApp::Impl::SaveQuestionnaire(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  RespondentView& view = std::get<RespondentView>(loaded);
  const size_t page = PageNumber(call, view.pages.size());
  if (page == 0)
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page")));
  const std::string go = FormValue(call.form, "go");
  const std::string here = "/q/" + std::to_string(page);
  // A closed round shows its answers read-only (the browser sends no disabled fields): just move
  // on.
  const bool open = view.round.status == RoundStatus::kOpen;
  PageOutcome outcome;
  if (open) {
    const std::vector<AnswerWrite> posted =
        PostedPage(call.form, view.pages[page - 1].subarea->statements);
    for (const AnswerWrite& w : posted) outcome.posted[w.statement] = w;
    // A save that meets a change made meanwhile (in another tab) sorts the page again against the
    // answers stored now, which refuses that answer and saves the rest; two tries are enough for
    // one person's tabs. A conflict without a statement is the round closing meanwhile.
    bool saved_all = false;
    for (int attempt = 0; attempt < 3 && !saved_all; ++attempt) {
      auto stored = LoadPageAnswers(view, page);
      if (!stored) return Fail(call, stored.error());
      PageSave sorted =
          SortPostedPage(*view.instrument, view.respondent, posted, stored.value().answers);
      auto saved = sorted.writes.empty()
                       ? Result<SavedAnswers>(SavedAnswers{})
                       : deps_.store.SaveAnswers(view.respondent.id, sorted.writes, Now());
      if (saved) {
        CountSaved(call, saved.value().answers.size());
        outcome.refused = std::move(sorted.refused);
        saved_all = true;
      } else if (saved.error().code != ErrorCode::kConflict) {
        return Fail(call, saved.error());
      } else if (saved.error().problems.empty() || saved.error().problems[0].where.empty() ||
                 attempt == 2) {
        outcome.error = saved.error().ToString(TranslatorFor(call.locale));
        break;
      }
    }
    if (outcome.has_error()) {
      // The page again: its answers as stored now (with the versions this save gave them), each
      // refused one as typed, except one changed elsewhere, which shows what is stored and,
      // below it, what was sent.
      auto fresh = deps_.store.GetRespondent(view.respondent.id);
      if (fresh) view.respondent = std::move(fresh).value();
      auto shown = LoadPageAnswers(view, page);
      if (!shown) return Fail(call, shown.error());
      for (const auto& [statement, w] : outcome.posted) {
        const auto refused = outcome.refused.find(statement);
        const bool refused_as_typed =
            refused != outcome.refused.end() && !refused->second.stale.has_value();
        if (refused_as_typed || outcome.refused.empty()) ShowAsPosted(shown.value(), w);
      }
      if (!outcome.refused.empty()) {
        outcome.error = call.Tr(
            "The answers listed here were not saved; every other answer on this page is. Correct "
            "them, or choose which answer to keep, and save again.");
      }
      const bool invalid = std::any_of(outcome.refused.begin(), outcome.refused.end(),
                                       [](const auto& r) { return r.second.invalid(); });
      return RenderQuestionnaire(call, view, page, shown.value(), outcome, invalid ? 400 : 409);
    }
  }
  if (go == "back" && page > 1) return Response::Redirect("/q/" + std::to_string(page - 1));
  if (go == "next") {
    return Response::Redirect(page < view.pages.size() ? "/q/" + std::to_string(page + 1)
                                                       : "/review");
  }
  if (!open) return Response::Redirect(here);
  return RedirectWithFlash(call, here, {{"notice", "saved"}});
}

}  // namespace meter
