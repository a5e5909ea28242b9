// The end of the questionnaire: the review before finishing, which lists the statements not
// answered yet and those answered "don't know", each linking to its place on its page; and the
// thank-you page, which says how many are left.
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {

std::string AnsweredText(const Call& call, const Progress& p) {
  // The form goes with the total: "1 of 1 statement", "2 of 5 statements".
  return Substitute(call.TrN("{1} of {2} statement answered", "{1} of {2} statements answered",
                             static_cast<long>(p.total)),
                    {std::to_string(p.answered), std::to_string(p.total)});
}

namespace {

// How many statements are left, as a whole sentence in the form for that count.
std::string LeftText(const Call& call, const Progress& p) {
  if (p.answered >= p.total) return call.Tr("You have answered every statement.");
  const long left = static_cast<long>(p.total - p.answered);
  return Substitute(
      call.TrN("{1} statement still has no answer.", "{1} statements still have no answer.", left),
      {std::to_string(left)});
}

// Statements left to answer under the heading of their page (the sub-area), in page order.
class ByPage {
 public:
  void Add(const std::string& heading, TemplateData item) {
    if (groups_.empty() || groups_.back().first != heading) groups_.push_back({heading, {}});
    groups_.back().second.push_back(std::move(item));
  }
  bool empty() const { return groups_.empty(); }
  TemplateList List() && {
    TemplateList out;
    for (auto& [heading, items] : groups_) {
      TemplateData group;
      group.set("heading", heading);
      group.set("items", std::move(items));
      out.push_back(std::move(group));
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, TemplateList>> groups_;
};

}  // namespace

Response WebApp::Impl::ReviewPage(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RespondentView& view = std::get<RespondentView>(loaded);
  auto answers = deps_.store.AnswersOf(view.respondent.id);
  if (!answers) return Fail(call, answers.error());
  ByPage unanswered, dont_know;
  for (const LeftStatement& left : LeftToAnswer(view.pages, answers.value())) {
    TemplateData item;
    item.set("id", left.statement->id);
    SetText(item, "text", left.statement->text, call.lang);
    item.set("page", std::to_string(left.page));
    const SubArea& subarea = *view.pages[left.page - 1].subarea;
    (left.dont_know ? dont_know : unanswered)
        .Add(subarea.id + " " + subarea.name.Get(call.lang), std::move(item));
  }
  const Progress progress = ProgressOf(*view.instrument, view.respondent, answers.value());
  TemplateData data;
  data.set("round", view.round.title);
  data.set("progress", AnsweredText(call, progress));
  data.set("left", LeftText(call, progress));
  data.set("has_left", !unanswered.empty() || !dont_know.empty());
  data.set("has_unanswered", !unanswered.empty());
  data.set("has_dont_know", !dont_know.empty());
  data.set("unanswered", std::move(unanswered).List());
  data.set("dont_know", std::move(dont_know).List());
  data.set("last", std::to_string(view.pages.size()));
  return Page(call, "review", call.Tr("Check your answers before you finish"), data);
}

Response WebApp::Impl::ThankYou(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RespondentView& view = std::get<RespondentView>(loaded);
  const Progress p = ProgressOf(*view.instrument, view.respondent);
  TemplateData data;
  data.set("progress", AnsweredText(call, p));
  data.set("left", LeftText(call, p));
  data.set("has_left", p.answered < p.total);
  data.set("pages", std::to_string(view.pages.size()));
  return Page(call, "done", call.Tr("Thank you"), data);
}

}  // namespace meter
