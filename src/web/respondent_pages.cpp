// A round's respondents, as the coordinator manages them: inviting (the link is shown once, after
// a redirect, so that a reload cannot invite twice), a new link and withdrawing (each asks first,
// on a page of its own that works without JavaScript: the round page links to it, and only its form
// posts the action), and restoring a withdrawn respondent.
// Closed rounds take no invitations and no new links (core/round_rules.h).
#include <algorithm>

#include "core/round_rules.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string RoundPath(Id round) { return "/rounds/" + std::to_string(round); }

std::string RespondentPath(const Respondent& r) {
  return RoundPath(r.round_id) + "/respondents/" + std::to_string(r.id);
}

// A respondent action's round (which the caller must manage) and respondent, from the route.
struct Target {
  Round round;
  Respondent respondent;
};
std::variant<Target, Response> LoadTarget(WebApp::Impl& app, const Call& call) {
  auto loaded = app.LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  auto found = app.LoadRespondent(call, std::get<Round>(loaded));
  if (auto* missing = std::get_if<Response>(&found)) return *missing;
  return Target{std::get<Round>(std::move(loaded)), std::get<Respondent>(std::move(found))};
}

}  // namespace

std::string WebApp::Impl::InvitationLink(const Call& call, const std::string& token) const {
  return PublicUrl(call, "/r/" + token);
}

std::variant<Respondent, Response> WebApp::Impl::LoadRespondent(const Call& call,
                                                                const Round& round) {
  auto r = deps_.store.GetRespondent(call.IdParam("rid"));
  if (!r || r.value().round_id != round.id) {
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent")));
  }
  return std::move(r).value();
}

// Post/Redirect/Get: the link goes to the round page in a flash value, shown once; reloading that
// page shows it no more and invites no one. A second POST of the same form (the back button, a
// double click) is refused: the name is already a respondent of the round.
Response WebApp::Impl::Invite(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  Respondent draft;
  draft.name = FormValue(call.form, "name");
  draft.group = FormValue(call.form, "group");
  draft.pillars = FormValues(call.form, "pillars");
  draft.language = FormValue(call.form, "language");
  draft.email = FormValue(call.form, "email");
  auto invited = InviteRespondent(call, round, draft);
  if (!invited) {
    const ErrorCode code = invited.error().code;
    if (code != ErrorCode::kInvalidInput && code != ErrorCode::kConflict) {
      return Fail(call, invited.error());
    }
    return RenderRound(call, round, {}, {call.form, FieldErrors(call, invited.error().problems)},
                       HttpStatusFor(code));
  }
  Form flash = {{"link", InvitationLink(call, invited.value().second)},
                {"name", invited.value().first.name}};
  if (!draft.email.empty()) flash.emplace("mailed", draft.email);
  return RedirectWithFlash(call, RoundPath(round.id), flash);
}

Response WebApp::Impl::Confirm(const Call& call, const Round& round, const Confirmation& c) {
  TemplateData data;
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  data.set("heading", c.heading);
  data.set("text", c.text);
  data.set("action", c.action);
  data.set("button", c.button);
  TemplateList fields;
  for (const auto& [name, value] : c.fields) {
    TemplateData f;
    f.set("name", name);
    f.set("value", value);
    fields.push_back(std::move(f));
  }
  data.set("fields", std::move(fields));
  return Page(call, "confirm", c.heading, data);
}

Response WebApp::Impl::ConfirmClose(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  return Confirm(call, round,
                 {Substitute(call.Tr("Close the round “{1}”?"), {round.title}),
                  call.Tr("Respondents can no longer answer, the results stop changing, and no one "
                          "can be invited or given a new link. You can reopen the round later."),
                  RoundPath(round.id) + "/status",
                  call.Tr("Close the round"),
                  {{"to", "closed"}}});
}

Response WebApp::Impl::ConfirmRevoke(Call& call) {
  auto target = LoadTarget(*this, call);
  if (auto* refused = std::get_if<Response>(&target)) return *refused;
  const auto& [round, r] = std::get<Target>(target);
  return Confirm(call, round,
                 {Substitute(call.Tr("Withdraw the invitation of {1}?"), {r.name}),
                  call.Tr("Their link stops working at once. Their answers stay, and you can "
                          "restore the invitation later."),
                  RespondentPath(r) + "/revoke",
                  call.Tr("Withdraw"),
                  {}});
}

Response WebApp::Impl::ConfirmRemind(Call& call) {
  auto target = LoadTarget(*this, call);
  if (auto* refused = std::get_if<Response>(&target)) return *refused;
  const auto& [round, r] = std::get<Target>(target);
  auto accepts = CheckRoundAccepts(round, RoundChange::kInvitations);
  if (!accepts) {
    return RenderRound(call, round, {}, {{}, FieldErrors(call, accepts.error().problems)}, 409);
  }
  return Confirm(call, round,
                 {Substitute(call.Tr("Give {1} a new link?"), {r.name}),
                  call.Tr("The link they have now stops working, and so does any link you copied "
                          "for them before. Their answers stay."),
                  RespondentPath(r) + "/remind",
                  call.Tr("Give a new link"),
                  {}});
}

Response WebApp::Impl::Revoke(Call& call) {
  auto target = LoadTarget(*this, call);
  if (auto* refused = std::get_if<Response>(&target)) return *refused;
  const Respondent& r = std::get<Target>(target).respondent;
  auto done = deps_.store.RevokeRespondent(r.id, call.principal.label);
  if (!done) return Fail(call, done.error());
  return RedirectWithFlash(call, RoundPath(r.round_id),
                           {{"notice", "withdrawn"}, {"name", r.name}});
}

Response WebApp::Impl::Restore(Call& call) {
  auto target = LoadTarget(*this, call);
  if (auto* refused = std::get_if<Response>(&target)) return *refused;
  const Respondent& r = std::get<Target>(target).respondent;
  auto done = deps_.store.RestoreRespondent(r.id, call.principal.label);
  if (!done) return Fail(call, done.error());
  return RedirectWithFlash(call, RoundPath(r.round_id), {{"notice", "restored"}, {"name", r.name}});
}

// A new link replaces the old one: the store keeps only a hash of a link, so it cannot be shown
// again. The old link stops working; the answers stay. The new one is shown once, as an
// invitation's is.
Response WebApp::Impl::Remind(Call& call) {
  auto target = LoadTarget(*this, call);
  if (auto* refused = std::get_if<Response>(&target)) return *refused;
  const auto& [round, r] = std::get<Target>(target);
  if (r.revoked) {
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent")));
  }
  const std::string token = RandomToken();
  auto done = deps_.store.ReissueToken(r.id, Sha256Hex(token), Now(), call.principal.label);
  if (!done && done.error().code == ErrorCode::kConflict) {
    return RenderRound(call, round, {}, {{}, FieldErrors(call, done.error().problems)}, 409);
  }
  if (!done) return Fail(call, done.error());
  return RedirectWithFlash(call, RoundPath(round.id),
                           {{"link", InvitationLink(call, token)}, {"name", r.name}});
}

}  // namespace meter
