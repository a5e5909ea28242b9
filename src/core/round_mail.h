// What METER tells respondents and coordinators about a round by e-mail (issue 14): the
// invitation, the reminders before the round's deadline, and the coordinators' notices ("the
// round closes in 3 days", "every respondent finished"), each composed in the reader's language;
// when each is due; and the deadline as a coordinator types it. Pure functions of their
// arguments; thread-safe. Queueing (once per respondent and kind) is the store's
// (RoundRepository::QueueReminder); the worker that decides is app/mail_worker.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/instrument.h"
#include "core/mail.h"
#include "core/problem.h"

namespace meter {

// The kinds of message (MailAbout::kind, ReminderMark::kind).
inline constexpr const char* kMailInvitation = "invitation";
inline constexpr const char* kMailReminderWeek = "reminder-7d";
inline constexpr const char* kMailReminderDay = "reminder-1d";
inline constexpr const char* kMailClosingSoon = "closes-3d";
inline constexpr const char* kMailAllFinished = "all-finished";

// When respondents who have not finished are reminded: 7 days before the deadline (time to find
// a slot in a week's work, and to ask colleagues for the evidence) and 1 day before (the last
// call). The coordinators are told 3 days before, between the two, while there is still time to
// call those who have not answered.
inline constexpr Seconds kReminderWeekBefore = 7 * 86400;
inline constexpr Seconds kReminderDayBefore = 86400;
inline constexpr Seconds kClosingNoticeBefore = 3 * 86400;
// Someone invited less than this before a reminder's time gets no reminder: their invitation is
// the news.
inline constexpr Seconds kReminderGraceAfterInvitation = 86400;

// The respondent reminder due at `now` for a round with `deadline` (0: none) to someone invited
// at `invited_at`: kMailReminderDay from a day before the deadline until it, kMailReminderWeek
// from 7 days before until a day before; nullopt before, after the deadline, without one, or within
// kReminderGraceAfterInvitation of the invitation.
std::optional<std::string> DueReminder(Seconds deadline, Seconds invited_at, Seconds now);
// True from kClosingNoticeBefore the deadline until it.
bool ClosingNoticeDue(Seconds deadline, Seconds now);
// True when `r` answered every statement of their pillars (as the campaign page counts them).
bool RespondentFinished(const Instrument& instrument, const Respondent& r);

// A deadline as a coordinator types it, "YYYY-MM-DD": the end of that day in UTC (23:59:59), or
// 0 for an empty text (no deadline). kInvalidInput naming `field` for anything else: not a real
// date, or a day before the day of `now`.
Result<Seconds> ParseDeadline(const std::string& text, Seconds now, const std::string& field);
// The day of `deadline` as ParseDeadline reads it back ("2026-12-31"); "" for 0.
std::string DeadlineDay(Seconds deadline);

// What a round message tells, in the reader's language.
struct RoundMailFacts {
  std::string round_title;
  std::string country;         // the country's name in the reader's language
  std::string recipient_name;  // a respondent's or coordinator's name
  std::string link;            // the respondent's sign-in link, or the round page's
  Seconds deadline = 0;
};

// The invitation: who invites, to what, the link (for a respondent: their own, to keep), and
// the deadline when there is one.
MailContent ComposeInvitation(const RoundMailFacts& facts, const Translator& translate,
                              const std::string& lang);
// A reminder of `kind` (kMailReminderWeek or kMailReminderDay), with a new link that replaces the
// one sent before.
MailContent ComposeReminder(const std::string& kind, const RoundMailFacts& facts,
                            const Translator& translate, const std::string& lang);
// To a coordinator: the round closes in 3 days and `unfinished` respondents have not finished.
MailContent ComposeClosingNotice(const RoundMailFacts& facts, long unfinished,
                                 const Translator& translate, const std::string& lang);
// To a coordinator: every one of `respondents` respondents finished.
MailContent ComposeAllFinished(const RoundMailFacts& facts, long respondents,
                               const Translator& translate, const std::string& lang);

}  // namespace meter
