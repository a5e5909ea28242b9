// E-mail as METER writes it (core/mail.h) and what changed for the experts in words
// (core/changes.h): header encoding, quoted-printable bodies, the retry waits, addresses that
// could reach other recipients, the target → page mapping, and the digest's text.
#include "core/mail.h"

#include <gmock/gmock.h>

#include "core/changes.h"

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Mail, AsciiHeadersStayAsTheyAreAndOthersAreEncodedWordsOfAtMost64Characters) {
  EXPECT_EQ(EncodeHeaderText("Plain subject"), "Plain subject");
  const std::string encoded = EncodeHeaderText(std::string(40, 'x') + " — ملخص التغييرات 变更摘要");
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  for (size_t start = 0, end = 0; start < encoded.size(); start = end + 3) {
    end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 64u);
  }
  EXPECT_THAT(EncodeHeaderText("a\r\nBcc: b é"), Not(HasSubstr("\r\nBcc")));
}

TEST(Mail, QuotedPrintableKeepsLinesShortAndNeverStartsOneWithADot) {
  const std::string qp = QuotedPrintable(".dot\n" + std::string(200, 'y') + "\ntrailing \né=\n");
  EXPECT_THAT(qp, HasSubstr("=2Edot\r\n"));
  EXPECT_THAT(qp, HasSubstr("trailing=20\r\n"));
  EXPECT_THAT(qp, HasSubstr("=C3=A9=3D\r\n"));
  for (size_t start = 0, end; (end = qp.find("\r\n", start)) != std::string::npos;
       start = end + 2) {
    EXPECT_LE(end - start, 76u);
    EXPECT_NE(qp[start], '.');
  }
}

TEST(Mail, RetriesWaitOneMinuteDoubledEachTimeAtMostSixHours) {
  EXPECT_EQ(RetryDelay(1), 60);
  EXPECT_EQ(RetryDelay(2), 120);
  EXPECT_EQ(RetryDelay(5), 960);
  EXPECT_EQ(RetryDelay(30), 6 * 3600);
}

TEST(Mail, AnAddressMustBeOnePlainAddress) {
  EXPECT_TRUE(CheckMailAddress("expert@example.org", "to").ok());
  for (const char* bad :
       {"", "a", "@b", "a@", "a@b@c", "a b@c", "a@b\r\nBcc: x@y", "<a@b>", "a@b,c@d"}) {
    auto checked = CheckMailAddress(bad, "to");
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().problems[0].where, "to");
  }
}

TEST(Mail, TheDateIsRfc5322InEnglish) {
  EXPECT_EQ(MailDate(1796000000), "Mon, 30 Nov 2026 00:53:20 +0000");
}

TEST(Changes, EachTargetHasOnePageAndUnsafeNamesNone) {
  EXPECT_EQ(TargetPath("proposal:12"), "/proposals/12");
  EXPECT_EQ(TargetPath("instrument:meter/3.0"), "/instruments/meter/3.0");
  EXPECT_EQ(TargetPath("knowledge:lesson-x"), "/knowledge/lesson-x");
  EXPECT_EQ(TargetPath("round:3"), "");
  EXPECT_EQ(TargetPath("knowledge:"), "");
  EXPECT_EQ(TargetPath("knowledge:../admin"), "");
  EXPECT_EQ(TargetPath("knowledge:a\"onclick"), "");
  EXPECT_EQ(TargetPath("knowledge://evil.example"), "");
}

TEST(Changes, EveryActionOfTheTableReadsAsASentenceAndOthersAreLeftOut) {
  // Each says who did it, then names what it is about: the target's name or the detail.
  for (const ChangeKind& kind : ChangeKinds()) {
    const auto described = DescribeChange({1, 0, "a@x", kind.action, "unit:77", "Title"});
    ASSERT_TRUE(described) << kind.action;
    const std::string text = Render(*described);
    EXPECT_EQ(text.find("a@x "), 0u) << kind.action;
    EXPECT_TRUE(text.find("77") != std::string::npos || text.find("Title") != std::string::npos)
        << kind.action << ": " << text;
  }
  auto said = [](const std::string& action, const std::string& target, const std::string& detail) {
    return Render(*DescribeChange({1, 0, "a@x", action, target, detail}));
  };
  EXPECT_EQ(said("proposal.comment", "proposal:12", "comment 3"), "a@x commented on proposal 12");
  EXPECT_EQ(said("proposal.decide", "proposal:12", "accepted: Agreed"),
            "a@x decided on proposal 12: accepted: Agreed");
  EXPECT_EQ(said("instrument.release", "instrument:meter/3.1", "revision 4"),
            "a@x released instrument version meter/3.1");
  EXPECT_EQ(said("knowledge.approve", "knowledge:case-x", "A case"),
            "a@x approved a knowledge entry: A case");
  // A detail the store left empty: the target's name stands for it.
  EXPECT_EQ(said("knowledge.edit", "knowledge:case-x", ""), "a@x edited a knowledge entry: case-x");
  EXPECT_FALSE(DescribeChange({1, 0, "a@x", "round.create", "round:1", ""}));
  const std::vector<AuditEvent> events = {{3, 0, "me@x", "knowledge.create", "knowledge:a", "A"},
                                          {2, 0, "you@x", "round.open", "round:1", ""},
                                          {1, 0, "you@x", "proposal.vote", "proposal:1", "S"}};
  const auto news = NewsFor(events, "me@x");
  ASSERT_EQ(news.size(), 1u);
  EXPECT_EQ(news[0].id, 1);
  EXPECT_EQ(LastEventId(events, 0), 3);
  EXPECT_EQ(LastEventId({}, 7), 7);
}

TEST(Changes, TheDigestTellsEachEventWithItsLinkAndCountsThem) {
  const std::vector<AuditEvent> news = {
      {5, 1796000000, "a@x", "proposal.create", "proposal:4", "Add M1.1"},
      {4, 1795990000, "b@x", "instrument.release", "instrument:meter/3.0", "meter 3.0"}};
  const DigestText d = ComposeDigest(news, nullptr, "en", "https://m.example");
  EXPECT_EQ(d.subject, "METER: 2 changes since your last digest");
  EXPECT_THAT(d.body, HasSubstr("2026-11-30 00:53 UTC\na@x proposed a change: Add M1.1\n"
                                "https://m.example/proposals/4\n"));
  EXPECT_THAT(d.body, HasSubstr("https://m.example/instruments/meter/3.0"));
  EXPECT_THAT(d.body, HasSubstr("https://m.example/changes"));
  EXPECT_EQ(ComposeDigest({news[0]}, nullptr, "en", "").subject,
            "METER: 1 change since your last digest");
}

}  // namespace
}  // namespace meter
