#include "core/round_mail.h"

#include <cstdio>
#include <ctime>

#include "core/changes.h"
#include "core/questionnaire.h"

namespace meter {

std::optional<std::string> DueReminder(Seconds deadline, Seconds invited_at, Seconds now) {
  if (deadline == 0 || now >= deadline) return std::nullopt;
  const char* kind = nullptr;
  Seconds from = 0;
  if (now >= deadline - kReminderDayBefore) {
    kind = kMailReminderDay;
    from = deadline - kReminderDayBefore;
  } else if (now >= deadline - kReminderWeekBefore) {
    kind = kMailReminderWeek;
    from = deadline - kReminderWeekBefore;
  } else {
    return std::nullopt;
  }
  if (invited_at > from - kReminderGraceAfterInvitation) return std::nullopt;
  return std::string(kind);
}

bool ClosingNoticeDue(Seconds deadline, Seconds now) {
  return deadline != 0 && now < deadline && now >= deadline - kClosingNoticeBefore;
}

bool RespondentFinished(const Instrument& instrument, const Respondent& r) {
  const Progress p = ProgressOf(instrument, r);
  return p.total > 0 && p.answered >= p.total;
}

Result<Seconds> ParseDeadline(const std::string& text, Seconds now, const std::string& field) {
  if (text.empty()) return Seconds{0};
  int year = 0, month = 0, day = 0;
  char tail = 0;
  std::tm tm{};
  bool valid = text.size() == 10 &&
               std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 &&
               year >= 2000 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  Seconds end = 0;
  if (valid) {
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    const std::time_t start = timegm(&tm);
    valid = tm.tm_mday == day && tm.tm_mon == month - 1;  // timegm moved 31 April on
    end = static_cast<Seconds>(start) + 86400 - 1;
  }
  if (!valid) {
    return Error::Of(ErrorCode::kInvalidInput, field,
                     METER_N("'{1}' is not a date such as 2026-12-31"), {text});
  }
  if (end < now) {
    return Error::Of(ErrorCode::kInvalidInput, field,
                     METER_N("the deadline {1} has passed: choose today or a later day"), {text});
  }
  return end;
}

std::string DeadlineDay(Seconds deadline) {
  return deadline == 0 ? "" : FormatUtcTime(deadline, "%Y-%m-%d");
}

namespace {

// The closing line of a respondent's message: who sent it, and that it is automatic.
std::string Signature(const Translator& translate) {
  return "\n" +
         translate(METER_N("This message was sent by METER, the e-government readiness "
                           "self-assessment, on behalf of your country's coordinator.")) +
         "\n";
}

// The closing line of a coordinator's notice.
std::string CoordinatorSignature(const Translator& translate) {
  return "\n" +
         translate(METER_N("METER sends you this notice because you coordinate this round.")) +
         "\n";
}

std::string DeadlineLine(const RoundMailFacts& facts, const Translator& translate) {
  if (facts.deadline == 0) return "";
  return Substitute(translate(METER_N("Please finish your answers by {1} (UTC).")),
                    {DeadlineDay(facts.deadline)}) +
         "\n\n";
}

}  // namespace

MailContent ComposeInvitation(const RoundMailFacts& facts, const Translator& translate,
                              const std::string& lang) {
  MailContent out;
  out.language = lang;
  out.subject = Substitute(translate(METER_N("Invitation to the METER assessment “{1}”")),
                           {facts.round_title});
  out.text = Substitute(translate(METER_N("Dear {1},")), {facts.recipient_name}) + "\n\n" +
             Substitute(translate(METER_N("{1} is measuring its e-government readiness with "
                                          "METER, and you are invited to answer the assessment "
                                          "“{2}”.")),
                        {facts.country, facts.round_title}) +
             "\n\n" +
             translate(METER_N("Open the questionnaire with your personal link below. You can "
                               "save and come back later through the same link. Do not forward "
                               "it: whoever has it can answer in your name.")) +
             "\n\n" + facts.link + "\n\n" + DeadlineLine(facts, translate) + Signature(translate);
  return out;
}

MailContent ComposeReminder(const std::string& kind, const RoundMailFacts& facts,
                            const Translator& translate, const std::string& lang) {
  MailContent out;
  out.language = lang;
  out.subject =
      Substitute(kind == kMailReminderDay
                     ? translate(METER_N("Last day to answer the METER assessment “{1}”"))
                     : translate(METER_N("One week left to answer the METER assessment “{1}”")),
                 {facts.round_title});
  out.text = Substitute(translate(METER_N("Dear {1},")), {facts.recipient_name}) + "\n\n" +
             Substitute(translate(METER_N("You have not yet finished your answers to the METER "
                                          "assessment “{1}” of {2}.")),
                        {facts.round_title, facts.country}) +
             "\n\n" + DeadlineLine(facts, translate) +
             translate(METER_N("Your answers so far are kept. Continue with this link, which "
                               "replaces the one you were sent before:")) +
             "\n\n" + facts.link + "\n" + Signature(translate);
  return out;
}

namespace {

// A coordinator's notice: the greeting, `news`, then `pointer` (a sentence that ends with ':')
// before the round page's link, and the closing line.
MailContent CoordinatorNotice(const RoundMailFacts& facts, std::string subject,
                              const std::string& news, const std::string& pointer,
                              const Translator& translate, const std::string& lang) {
  MailContent out;
  out.language = lang;
  out.subject = std::move(subject);
  out.text = Substitute(translate(METER_N("Dear {1},")), {facts.recipient_name}) + "\n\n" + news +
             "\n\n" + pointer + "\n\n" + facts.link + "\n" + CoordinatorSignature(translate);
  return out;
}

}  // namespace

MailContent ComposeClosingNotice(const RoundMailFacts& facts, long unfinished,
                                 const Translator& translate, const std::string& lang) {
  const PluralMessage left =
      METER_NP("{1} respondent has not finished yet.", "{1} respondents have not finished yet.");
  return CoordinatorNotice(
      facts,
      Substitute(translate(METER_N("The METER round “{1}” closes in 3 days")), {facts.round_title}),
      Substitute(translate(METER_N("The deadline of the round “{1}” is {2} (UTC).")),
                 {facts.round_title, DeadlineDay(facts.deadline)}) +
          " " +
          Substitute(translate(left.singular, left.plural, unfinished),
                     {std::to_string(unfinished)}),
      translate(METER_N("Who has answered what, and which reminders were sent, is on the "
                        "round's page:")),
      translate, lang);
}

MailContent ComposeAllFinished(const RoundMailFacts& facts, long respondents,
                               const Translator& translate, const std::string& lang) {
  const PluralMessage all = METER_NP("The {1} respondent of the round “{2}” has finished.",
                                     "All {1} respondents of the round “{2}” have finished.");
  return CoordinatorNotice(
      facts,
      Substitute(translate(METER_N("All respondents finished the METER round “{1}”")),
                 {facts.round_title}),
      Substitute(translate(all.singular, all.plural, respondents),
                 {std::to_string(respondents), facts.round_title}),
      translate(METER_N("You may close the round and read its results on its page:")), translate,
      lang);
}

}  // namespace meter
