// The review of knowledge contributions (issue 13; rules in core/knowledge_review.h): the queue of
// entries on their way to approval (/knowledge/review), and on an entry's page its status, its
// review thread and the forms to submit it (its author) and to review it (another expert or the
// secretariat). Admins and experts only (Action::kReviewKnowledge); an entry that is not approved
// is a 404 for everybody else. Forms carry the CSRF token and the version the page showed, so
// that a verdict on a text that changed meanwhile answers 409.
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

KnowledgeActor ActorOf(const Call& call) {
  const bool admin =
      call.principal.kind == Principal::Kind::kUser && call.principal.role == Role::kAdmin;
  return {call.principal.label, admin};
}

bool IsAuthor(const Call& call, const StoredKnowledge& stored) {
  return !stored.author.empty() && stored.author == call.principal.label;
}

// Refuses anyone but admins and experts: a login for the anonymous, 403 for the others.
std::optional<Response> Refused(const WebApp::Impl& app, const Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return app.NeedLogin(call);
  if (!Allowed(call.principal, Action::kReviewKnowledge)) return app.Forbidden(call);
  return std::nullopt;
}

// The messages of `error` for the page, without their field names (the form has one field).
std::string MessageOf(const Call& call, Error error) {
  std::string out;
  for (Problem& p : error.problems) {
    p.where.clear();
    out += (out.empty() ? "" : " ") + Render(p, TranslatorFor(call.locale), call.lang);
  }
  return out;
}

TemplateList ThreadData(const Call& call, const std::vector<KnowledgeReview>& reviews,
                        const std::function<std::string(const std::string&)>& markdown) {
  TemplateList out;
  for (const KnowledgeReview& r : reviews) {
    TemplateData item;
    item.set("actor", r.actor);
    item.set("at", FormatUtc(r.at));
    const char* verdict = r.verdict == KnowledgeVerdict::kApprove
                              ? METER_NC("knowledge review", "Approved")
                          : r.verdict == KnowledgeVerdict::kChanges
                              ? METER_NC("knowledge review", "Asked for changes")
                              : METER_NC("knowledge review", "A comment");
    item.set("verdict", call.TrC("knowledge review", verdict));
    item.set("text", markdown(r.text));
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

// The notice a redirect after a submission or a review hands over in its flash ("done").
std::string KnowledgeReviewNotice(const Call& call, const Form& flash) {
  const std::string done = FormValue(flash, "done");
  if (done == "submitted") return call.Tr("The entry is submitted for review.");
  if (done == "comment") return call.Tr("Your comment is added to the review.");
  if (done == "changes") return call.Tr("You asked the author for changes.");
  if (done == "approve") return call.Tr("The entry is approved and public now.");
  return "";
}

bool WebApp::Impl::MayReadKnowledge(const Call& call, const StoredKnowledge& stored) const {
  return stored.status == KnowledgeStatus::kApproved ||
         Allowed(call.principal, Action::kReviewKnowledge);
}

void WebApp::Impl::AddKnowledgeReviewData(const Call& call, const StoredKnowledge& stored,
                                          const KnowledgeReviewEcho& echo, TemplateData& data) {
  const LicenceName licence = LicenceNameOf(stored.entry.licence);
  data.set("licence_name", licence.name);
  data.set("licence_url", licence.url);
  const bool reviewer = Allowed(call.principal, Action::kReviewKnowledge);
  data.set("can_edit", Allowed(call.principal, Action::kEditKnowledge) &&
                           !CheckEdit(stored.State(), ActorOf(call)));
  data.set("show_review", reviewer);
  if (!reviewer) return;
  const KnowledgeActor actor = ActorOf(call);
  const KnowledgeStatus status = stored.status;
  data.set("status", call.TrC("knowledge status", KnowledgeStatusLabel(status)));
  data.set("approved", status == KnowledgeStatus::kApproved);
  data.set("author", stored.author);
  data.set("submitted_by", stored.submitted_by);
  data.set("submitted_at", stored.submitted_at ? FormatUtc(stored.submitted_at) : "");
  data.set("version", std::to_string(stored.version));
  data.set("can_submit", !CheckSubmit(stored.State(), actor));
  data.set("can_comment", status != KnowledgeStatus::kApproved);
  data.set("can_judge", status == KnowledgeStatus::kInReview && !IsAuthor(call, stored));
  data.set("typed", echo.text);
  data.set("problem", echo.problem);
  data.set("notice", echo.notice);
  auto reviews = deps_.store.KnowledgeReviews(stored.entry.slug);
  const TemplateList thread =
      reviews ? ThreadData(call, reviews.value(), deps_.renderers.markdown) : TemplateList{};
  data.set("has_reviews", !thread.empty());
  data.set("reviews", thread);
}

Response WebApp::Impl::RenderKnowledgeEntry(const Call& call, const StoredKnowledge& stored,
                                            const KnowledgeReviewEcho& echo, int status) {
  const KnowledgeEntry& e = stored.entry;
  TemplateData data = KnowledgeEntryData(call, e);
  AddKnowledgeReviewData(call, stored, echo, data);
  return Page(call, "knowledge_entry", e.Title(call.lang), data, status);
}

Response WebApp::Impl::KnowledgeReviewQueue(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  auto work = deps_.store.UnapprovedKnowledge();
  if (!work) return Fail(call, work.error());
  TemplateList groups;
  for (KnowledgeStatus status :
       {KnowledgeStatus::kInReview, KnowledgeStatus::kChangesRequested, KnowledgeStatus::kDraft}) {
    TemplateList rows;
    for (const KnowledgeInWork& w : work.value()) {
      if (w.status != status) continue;
      TemplateData row = KnowledgeItemData(call, w.entry);
      row.set("author", w.author);
      row.set("submitted_by", w.submitted_by);
      row.set("submitted_at", w.submitted_at ? FormatUtc(w.submitted_at) : "");
      rows.push_back(std::move(row));
    }
    TemplateData group;
    group.set("id", KnowledgeStatusName(status));
    group.set("heading", call.TrC("knowledge status", KnowledgeStatusLabel(status)));
    group.set("has_entries", !rows.empty());
    group.set("entries", std::move(rows));
    groups.push_back(std::move(group));
  }
  TemplateData data;
  data.set("groups", std::move(groups));
  return Page(call, "knowledge_review", call.Tr("Knowledge entries under review"), data);
}

Response WebApp::Impl::KnowledgeSubmit(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  const std::string slug = call.params["slug"];
  auto stored = deps_.store.GetKnowledge(slug);
  if (!stored) return Fail(call, stored.error());
  if (!IsAuthor(call, stored.value()) && !ActorOf(call).admin) return Forbidden(call);
  const std::optional<int64_t> version = FormVersion(call.form, "version");
  if (!version) {
    return RenderKnowledgeEntry(
        call, stored.value(),
        {"", MessageOf(call, Error{ErrorCode::kInvalidInput, {VersionProblem("version")}}), ""},
        400);
  }
  auto submitted = deps_.store.SubmitKnowledge(slug, *version, ActorOf(call));
  if (!submitted) {
    if (submitted.error().code == ErrorCode::kNotFound) return Fail(call, submitted.error());
    return RenderKnowledgeEntry(call, stored.value(), {"", MessageOf(call, submitted.error()), ""},
                                HttpStatusFor(submitted.error().code));
  }
  return RedirectWithFlash(call, "/knowledge/" + UrlEncode(slug), {{"done", "submitted"}});
}

Response WebApp::Impl::KnowledgeReviewPost(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  const std::string slug = call.params["slug"];
  auto stored = deps_.store.GetKnowledge(slug);
  if (!stored) return Fail(call, stored.error());
  const std::string text = FormValue(call.form, "text");
  const std::optional<KnowledgeVerdict> verdict =
      KnowledgeVerdictNamed(FormValue(call.form, "verdict"));
  if (!verdict) {
    return RenderKnowledgeEntry(
        call, stored.value(),
        {text, call.Tr("Choose to comment, to ask for changes or to approve."), ""}, 400);
  }
  // The author answers in the thread but never judges their own entry.
  if (*verdict != KnowledgeVerdict::kComment && IsAuthor(call, stored.value())) {
    return Forbidden(call);
  }
  const std::optional<int64_t> version = FormVersion(call.form, "version");
  auto reviewed = deps_.store.ReviewKnowledge(
      slug, *verdict, text, version ? std::optional<long long>(*version) : std::nullopt,
      ActorOf(call));
  if (!reviewed) {
    if (reviewed.error().code == ErrorCode::kNotFound) return Fail(call, reviewed.error());
    auto now = deps_.store.GetKnowledge(slug);  // the page as it is now, with the typed text
    return RenderKnowledgeEntry(call, now ? now.value() : stored.value(),
                                {text, MessageOf(call, reviewed.error()), ""},
                                HttpStatusFor(reviewed.error().code));
  }
  return RedirectWithFlash(call, "/knowledge/" + UrlEncode(slug),
                           {{"done", KnowledgeVerdictName(*verdict)}});
}

}  // namespace meter
