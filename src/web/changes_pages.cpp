// "What changed" for experts and the secretariat (issue 13): the proposals, comments, votes,
// decisions, releases and knowledge entries since the reader's last visit, each in words with a
// link to it (core/changes.h); the knowledge entries waiting for the reader's review; and the form
// that turns their daily e-mail digest on or off.
// Visiting the page records the visit, so the next visit shows only what came after.
#include "web/web_app_impl.h"

namespace meter {
namespace {

constexpr size_t kChangesShown = 100;  // the newest events one visit shows

// The entries in review that the reader may judge: everyone's but their own
// (core/knowledge_review.h), the longest waiting first.
TemplateList AwaitingReviewData(const Call& call, const std::vector<KnowledgeInWork>& work) {
  TemplateList rows;
  for (const KnowledgeInWork& w : work) {
    if (w.author == call.principal.label) continue;
    TemplateData row = KnowledgeItemData(call, w.entry);
    row.set("submitted", Substitute(call.Tr("submitted by {1} on {2}"),
                                    {w.submitted_by, FormatUtc(w.submitted_at)}));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

TemplateData WebApp::Impl::ChangesData(const Call& call, const std::vector<AuditEvent>& news,
                                       const ChangesState& state) {
  TemplateData data;
  TemplateList rows;
  const Translator translate = TranslatorFor(call.locale);
  for (const AuditEvent& e : news) {
    const auto described = DescribeChange(e);
    if (!described) continue;
    TemplateData row;
    row.set("at", FormatUtc(e.at));
    row.set("text", Render(*described, translate, call.lang));
    const std::string path = TargetPath(e.target);
    row.set("path", path);
    row.set("has_path", !path.empty());
    rows.push_back(std::move(row));
  }
  data.set("events", std::move(rows));
  data.set("none", news.empty());
  data.set("first_visit", state.seen_at == 0);
  if (state.seen_at != 0 && !news.empty()) {  // none: "Nothing has changed…" says it
    const long n = static_cast<long>(news.size());
    data.set("since", Substitute(call.TrN("{1} change since your last visit on {2}.",
                                          "{1} changes since your last visit on {2}.", n),
                                 {std::to_string(n), FormatUtc(state.seen_at)}));
  }
  data.set("digest_on", state.digest);
  return data;
}

Response WebApp::Impl::ChangesPage(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewChanges)) return Forbidden(call);
  const Id user = call.principal.user_id;
  auto state = deps_.store.ChangesStateOf(user);
  if (!state) return Fail(call, state.error());
  const long long seen = state.value().seen_up_to;
  auto events = deps_.store.EventsAfter(seen, ChangeActions(), kChangesShown);
  if (!events) return Fail(call, events.error());
  // A HEAD request shows nothing to the reader, so it is no visit (and answers like the GET).
  if (!call.head) {
    auto visit = deps_.store.RecordChangesVisit(user, LastEventId(events.value(), seen), Now());
    if (!visit) return Fail(call, visit.error());
  }
  auto awaiting = deps_.store.KnowledgeAwaitingReview();
  if (!awaiting) return Fail(call, awaiting.error());
  TemplateData data =
      ChangesData(call, NewsFor(events.value(), call.principal.label), state.value());
  TemplateList to_review = AwaitingReviewData(call, awaiting.value());
  data.set("has_awaiting", !to_review.empty());
  data.set("awaiting", std::move(to_review));
  const std::string done = FormValue(TakeFlash(call), "done");
  if (done == "digest_on") {
    data.set("notice", call.Tr("You will receive a daily digest of what changed, in the language "
                               "of this page, on the days when something changed."));
  } else if (done == "digest_off") {
    data.set("notice", call.Tr("You will no longer receive the daily digest."));
  }
  return Page(call, "changes", call.Tr("What changed"), data);
}

Response WebApp::Impl::SetChangesDigest(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewChanges)) return Forbidden(call);
  const std::string choice = FormValue(call.form, "digest");
  if (choice != "daily" && choice != "off") {
    return Fail(call, Error::Of(ErrorCode::kInvalidInput, "digest",
                                METER_N("choose a daily digest or none")));
  }
  auto set = deps_.store.SetDigest(call.principal.user_id, choice == "daily", call.lang, Now(),
                                   call.principal.label);
  if (!set) return Fail(call, set.error());
  return RedirectWithFlash(call, "/changes",
                           {{"done", choice == "daily" ? "digest_on" : "digest_off"}});
}

}  // namespace meter
