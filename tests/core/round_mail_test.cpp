// What METER e-mails about a round (core/round_mail.h): when each reminder and notice is due, the
// deadline as typed, and the texts with their links.
#include "core/round_mail.h"

#include <gmock/gmock.h>

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr Seconds kDay = 86400;
constexpr Seconds kDeadline = 1796083199;  // 2026-11-30 23:59:59 UTC

TEST(RoundMail, RemindersAreDueAWeekAndADayBeforeTheDeadlineOnly) {
  const Seconds invited = kDeadline - 30 * kDay;
  EXPECT_FALSE(DueReminder(0, invited, kDeadline - kDay));  // no deadline
  EXPECT_FALSE(DueReminder(kDeadline, invited, kDeadline - 7 * kDay - 1));
  EXPECT_EQ(DueReminder(kDeadline, invited, kDeadline - 7 * kDay), kMailReminderWeek);
  EXPECT_EQ(DueReminder(kDeadline, invited, kDeadline - kDay - 1), kMailReminderWeek);
  EXPECT_EQ(DueReminder(kDeadline, invited, kDeadline - kDay), kMailReminderDay);
  EXPECT_FALSE(DueReminder(kDeadline, invited, kDeadline));  // past it
  // Invited within a day of a reminder's time: the invitation is the news.
  EXPECT_FALSE(DueReminder(kDeadline, kDeadline - 7 * kDay - 3600, kDeadline - 7 * kDay));
  EXPECT_EQ(DueReminder(kDeadline, kDeadline - 7 * kDay - 3600, kDeadline - kDay),
            kMailReminderDay);
  EXPECT_FALSE(ClosingNoticeDue(kDeadline, kDeadline - 3 * kDay - 1));
  EXPECT_TRUE(ClosingNoticeDue(kDeadline, kDeadline - 3 * kDay));
  EXPECT_FALSE(ClosingNoticeDue(kDeadline, kDeadline));
  EXPECT_FALSE(ClosingNoticeDue(0, kDeadline));
}

TEST(RoundMail, ADeadlineIsADayThatHasNotPassed) {
  const Seconds now = kDeadline - 10 * kDay;
  EXPECT_EQ(ParseDeadline("2026-11-30", now, "deadline").value(), kDeadline);
  EXPECT_EQ(DeadlineDay(kDeadline), "2026-11-30");
  EXPECT_EQ(ParseDeadline("", now, "deadline").value(), 0);
  EXPECT_EQ(ParseDeadline("2026-11-20", now, "deadline").value(), kDeadline - 10 * kDay);  // today
  for (const char* bad : {"2026-11-19", "2026-02-30", "30/11/2026", "2026-11-30x", "2026-13-01",
                          "1999-01-01", "tomorrow"}) {
    auto parsed = ParseDeadline(bad, now, "deadline");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().problems[0].where, "deadline");
  }
}

TEST(RoundMail, TheMessagesNameTheRoundTheLinkAndTheDeadline) {
  const RoundMailFacts facts{"Assessment 2026", "Cameroon", "Ana Lima",
                             "https://m.example/r/{{secret}}", kDeadline};
  const MailContent invitation = ComposeInvitation(facts, nullptr, "en");
  EXPECT_EQ(invitation.subject, "Invitation to the METER assessment “Assessment 2026”");
  EXPECT_THAT(invitation.text, HasSubstr("Dear Ana Lima,"));
  EXPECT_THAT(invitation.text, HasSubstr("Cameroon is measuring"));
  EXPECT_THAT(invitation.text, HasSubstr("\nhttps://m.example/r/{{secret}}\n"));
  EXPECT_THAT(invitation.text, HasSubstr("by 2026-11-30 (UTC)"));
  RoundMailFacts open_ended = facts;
  open_ended.deadline = 0;
  EXPECT_THAT(ComposeInvitation(open_ended, nullptr, "en").text, Not(HasSubstr("(UTC)")));
  EXPECT_THAT(ComposeReminder(kMailReminderDay, facts, nullptr, "en").subject,
              HasSubstr("Last day"));
  EXPECT_THAT(ComposeReminder(kMailReminderWeek, facts, nullptr, "en").text,
              HasSubstr("replaces the one you were sent before"));
  EXPECT_THAT(ComposeClosingNotice(facts, 2, nullptr, "en").text,
              HasSubstr("2 respondents have not finished yet."));
  EXPECT_THAT(ComposeAllFinished(facts, 1, nullptr, "en").text,
              HasSubstr("The 1 respondent of the round “Assessment 2026” has finished."));
}

}  // namespace
}  // namespace meter
