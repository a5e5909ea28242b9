// Issue 14: invitations by e-mail, bulk invitations from a CSV file, and a round's deadline, as
// the coordinator manages them on the round page. An invitation with an e-mail address queues its
// message in the invitation's own transaction (RoundRepository::InviteRespondents), so that it is
// sent however long the mail server is down, and never for an invitation that was refused. A bulk
// file is checked whole first (core/bulk_invitations.h): with any problem, nobody is invited and
// every problem is listed as FILE:ROW:COLUMN.
#include "core/bulk_invitations.h"
#include "core/changes.h"
#include "core/round_mail.h"
#include "core/round_rules.h"
#include "core/text_rules.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string RoundPath(Id round) { return "/rounds/" + std::to_string(round); }

// What one outbox message says on the round page: "Invitation: sent 2026-11-30 10:00 UTC".
std::string MailLine(const Call& call, const OutboxMessage& m) {
  std::string what;
  if (m.about.kind == kMailInvitation) {
    what = call.TrC("mail", "Invitation");
  } else if (m.about.kind == kMailReminderWeek) {
    what = call.Tr("Reminder 7 days before the deadline");
  } else if (m.about.kind == kMailReminderDay) {
    what = call.Tr("Reminder 1 day before the deadline");
  } else {
    return "";  // a coordinator's notice
  }
  std::string state;
  if (m.sent_at != 0) {
    state = Substitute(call.Tr("sent {1}"), {FormatUtc(m.sent_at)});
  } else if (m.failed_at != 0) {
    state = Substitute(call.Tr("failed {1}: {2}"), {FormatUtc(m.failed_at), m.last_error});
  } else if (m.attempts > 0) {
    state = Substitute(call.Tr("waiting: {1} attempts so far, next at {2}: {3}"),
                       {std::to_string(m.attempts), FormatUtc(m.next_attempt_at), m.last_error});
  } else {
    state = Substitute(call.Tr("waiting since {1}"), {FormatUtc(m.created_at)});
  }
  return what + ": " + state;
}

}  // namespace

NewMail WebApp::Impl::InvitationMail(const Call& call, const Round& round, const Respondent& r,
                                     const std::string& token) const {
  const std::string lang = IsUnLanguage(r.language) ? r.language : "en";
  const Country* country = deps_.countries.Find(round.country);
  const RoundMailFacts facts{round.title, country ? country->names.Get(lang) : round.country,
                             r.name, InvitationLink(call, kMailSecretMarker), round.deadline};
  const MailContent text = ComposeInvitation(facts, TranslatorFor(deps_.catalogs.For(lang)), lang);
  return NewMail{r.email,
                 text.subject,
                 text.text,
                 r.name,
                 lang,
                 token,
                 MailAbout{round.id, 0, kMailInvitation}};
}

Result<std::pair<Respondent, std::string>> WebApp::Impl::InviteRespondent(const Call& call,
                                                                          const Round& round,
                                                                          const Respondent& draft) {
  auto accepts = CheckRoundAccepts(round, RoundChange::kInvitations);
  if (!accepts) return accepts.error();
  Respondent r = draft;
  r.round_id = round.id;
  auto invited = deps_.store.ListRespondents(round.id);
  if (!invited) return invited.error();
  auto checked = CheckNewRespondent(r, InstrumentOf(round), invited.value().size());
  std::vector<Problem> problems = checked ? std::vector<Problem>{} : checked.error().problems;
  if (!r.email.empty()) {
    if (auto address = CheckMailAddress(r.email, "email"); !address) {
      problems.push_back(address.error().problems.front());
    }
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  const std::string token = RandomToken();
  r.token_hash = Sha256Hex(token);
  Invitation invitation{r, std::nullopt};
  if (!r.email.empty()) invitation.mail = InvitationMail(call, round, r, token);
  auto added = deps_.store.InviteRespondents(round.id, {invitation}, call.principal.label);
  if (!added) return added.error();
  return std::make_pair(std::move(added).value().front(), token);
}

// The deadline is a day ("2026-12-31", a date field); an empty field removes it.
Response WebApp::Impl::SetDeadline(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  auto deadline = ParseDeadline(FormValue(call.form, "deadline"), Now(), "deadline");
  if (!deadline) {
    return RenderRound(call, round, {}, {call.form, FieldErrors(call, deadline.error().problems)},
                       400);
  }
  auto changed = deps_.store.SetRoundDeadline(round.id, deadline.value(), call.principal.label);
  if (!changed && changed.error().code == ErrorCode::kConflict) {
    return RenderRound(call, round, {}, {call.form, FieldErrors(call, changed.error().problems)},
                       409);
  }
  if (!changed) return Fail(call, changed.error());
  return RedirectWithFlash(call, RoundPath(round.id), {{"notice", "deadline"}});
}

// The table of an uploaded file: an XLSX workbook when it is a ZIP archive (whatever its name
// says), CSV text otherwise. A workbook's problems are at "Sheet!C5" or "workbook", as the
// offline answers' are.
Result<InvitationTable> WebApp::Impl::ReadInvitationFile(const std::string& name,
                                                         std::string_view bytes) {
  if (bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4)) {
    return ReadInvitationCsv(name, bytes);
  }
  auto book = deps_.renderers.read_xlsx(bytes);
  if (!book) return book.error();
  return InvitationTableOfWorkbook(name, book.value());
}

// All or nothing: the file is read and checked whole against the round and its respondents; with
// any problem the round page lists them all and nobody is invited. Then everyone is invited, each
// with their message queued, in one transaction.
Response WebApp::Impl::BulkInvite(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  auto refuse = [&](const std::vector<Problem>& problems, int status) {
    TemplateData data;
    TemplateList items;
    for (const Problem& p : problems) {
      TemplateData item;
      item.set("text", Render(p, TranslatorFor(call.locale), call.lang));
      items.push_back(std::move(item));
    }
    data.set("bulk_problems", std::move(items));
    data.set("has_bulk_problems", true);
    return RenderRound(call, round, std::move(data), {}, status);
  };
  if (auto accepts = CheckRoundAccepts(round, RoundChange::kInvitations); !accepts) {
    return refuse(accepts.error().problems, 409);
  }
  auto file = call.files.find("file");
  if (file == call.files.end() || file->second.content.empty()) {
    return refuse({{"file", METER_N("choose a CSV or XLSX file of the people to invite"), {}}},
                  400);
  }
  std::string name = file->second.filename;
  if (name.empty() || TextProblem("", name, TextShape::kLine)) name = "file";
  auto table = ReadInvitationFile(name, file->second.content);
  if (!table) return refuse(table.error().problems, 400);
  auto invited = deps_.store.ListRespondents(round.id);
  if (!invited) return Fail(call, invited.error());
  auto people = CheckInvitationTable(table.value(), round, InstrumentOf(round), invited.value());
  if (!people) return refuse(people.error().problems, 400);
  std::vector<Invitation> invitations;
  for (Respondent r : people.value()) {
    const std::string token = RandomToken();
    r.token_hash = Sha256Hex(token);
    r.round_id = round.id;
    NewMail mail = InvitationMail(call, round, r, token);
    invitations.push_back({std::move(r), std::move(mail)});
  }
  auto added = deps_.store.InviteRespondents(round.id, invitations, call.principal.label);
  if (!added) {
    const ErrorCode code = added.error().code;
    if (code != ErrorCode::kInvalidInput && code != ErrorCode::kConflict) {
      return Fail(call, added.error());
    }
    return refuse(added.error().problems, HttpStatusFor(code));  // a change meanwhile
  }
  return RedirectWithFlash(call, RoundPath(round.id),
                           {{"notice", "bulk"}, {"count", std::to_string(added.value().size())}});
}

void WebApp::Impl::AddMailStatus(const Call& call, const Round& round, TemplateData& data,
                                 std::map<Id, std::vector<std::string>>& by_respondent) {
  data.set("deadline_day", DeadlineDay(round.deadline));
  data.set("deadline_shown", DeadlineDay(round.deadline));
  data.set("has_deadline", round.deadline != 0);
  auto mail = deps_.store.MailOfRound(round.id);
  if (!mail) return;  // the page shows the respondents without it
  for (const OutboxMessage& m : mail.value()) {
    const std::string line = MailLine(call, m);
    if (line.empty() || m.about.respondent_id == 0) continue;
    by_respondent[m.about.respondent_id].push_back(line);
  }
}

}  // namespace meter
