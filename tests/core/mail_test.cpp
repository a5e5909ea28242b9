// E-mail as METER writes it (core/mail.h) and what changed for the experts in words
// (core/changes.h): header encoding, quoted-printable bodies, the retry waits, addresses that
// could reach other recipients, the target → page mapping, and the digest's text.
#include "core/mail.h"

#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/changes.h"
#include "test_support.h"

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

// `message` as Python's email package reads it (tests/app/read_mail.py).
nlohmann::json ParsedByPython(const std::string& message) {
  char path[] = "/tmp/meter-mail-test-XXXXXX";
  const int fd = ::mkstemp(path);
  EXPECT_GE(fd, 0);
  if (fd < 0) return {};
  EXPECT_EQ(::write(fd, message.data(), message.size()), static_cast<ssize_t>(message.size()));
  ::close(fd);
  const std::string command = "/usr/bin/python3 '" +
                              testing::SourcePath("tests/app/read_mail.py").string() + "' '" +
                              path + "' 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    const int status = ::pclose(pipe);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  }
  ::unlink(path);
  return nlohmann::json::parse(out, nullptr, false);
}

TEST(Mail, AMessageIsMultipartTextAndHtmlThatPythonReadsBackWithEveryHeader) {
  const std::string text =
      "Chère Amélie,\n\nVotre lien : https://meter.example.org/r/abc.\n"
      ".Une ligne qui commence par un point\n<b>pas du HTML</b> & " +
      std::string(100, 'x') + "\n";
  const std::string message = FormatMail(
      {"meter@un.example", "METER — Nations unies"}, {"amelie@example.fr", "Amélie Dupont-Ngữ"},
      {"Invitation à l’évaluation METER « Cameroun 2026 » — " + std::string(40, 'y'), text, "fr"},
      1796000000, OutboxMessageId(42, 1795990000, "meter@un.example"));
  const nlohmann::json m = ParsedByPython(message);
  ASSERT_TRUE(m.is_object()) << message;
  EXPECT_EQ(m["defects"], nlohmann::json::array()) << message;
  EXPECT_EQ(m["mime_version"], "1.0");
  EXPECT_EQ(m["content_type"], "multipart/alternative");
  EXPECT_EQ(m["date"], "Mon, 30 Nov 2026 00:53:20 +0000");
  EXPECT_EQ(m["date_parsed"], "2026-11-30T00:53:20+00:00");
  EXPECT_EQ(m["message_id"], "<meter-42-1795990000@un.example>");
  EXPECT_EQ(m["from_name"], "METER — Nations unies");
  EXPECT_EQ(m["from_address"], "meter@un.example");
  EXPECT_EQ(m["to_name"], "Amélie Dupont-Ngữ");
  EXPECT_EQ(m["to_address"], "amelie@example.fr");
  EXPECT_EQ(m["subject"],
            "Invitation à l’évaluation METER « Cameroun 2026 » — " + std::string(40, 'y'));
  ASSERT_EQ(m["parts"].size(), 2u);
  EXPECT_EQ(m["parts"][0]["content_type"], "text/plain");
  EXPECT_EQ(m["parts"][1]["content_type"], "text/html");
  for (const auto& part : m["parts"]) {
    EXPECT_EQ(part["charset"], "utf-8");
    EXPECT_EQ(part["transfer_encoding"], "quoted-printable");
  }
  EXPECT_EQ(m["body"], text);
  const std::string html = m["html"];
  EXPECT_THAT(html, HasSubstr("<html lang=\"fr\">"));
  EXPECT_THAT(html, HasSubstr("<p>Chère Amélie,</p>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"https://meter.example.org/r/abc\">"));
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;pas du HTML&lt;/b&gt; &amp;"));
  EXPECT_LE(m["longest_line"].get<int>(), 78) << message;
  EXPECT_FALSE(m["bare_lf"].get<bool>());
  // Headers in the raw message: encoded words for names and subject, the plain address after.
  EXPECT_THAT(message, HasSubstr("To: =?UTF-8?B?"));
  EXPECT_THAT(message, HasSubstr("<amelie@example.fr>\r\n"));
  EXPECT_THAT(message, HasSubstr("Subject: =?UTF-8?B?"));
}

TEST(Mail, PlainNamesStayReadableAndOthersAreQuotedOrEncoded) {
  EXPECT_EQ(FormatAddress({"a@example.org"}), "a@example.org");
  EXPECT_EQ(FormatAddress({"a@example.org", "Ana Lima"}), "Ana Lima <a@example.org>");
  EXPECT_EQ(FormatAddress({"a@example.org", "Lima, Ana \"Dr\""}),
            "\"Lima, Ana \\\"Dr\\\"\" <a@example.org>");
  EXPECT_EQ(FormatAddress({"a@example.org", "Ana\r\nBcc: x@y"}),
            "\"Ana  Bcc: x@y\" <a@example.org>");
  EXPECT_EQ(FormatAddress({"a@example.org", "  "}), "a@example.org");
  EXPECT_EQ(FormatAddress({"a@example.org", "محمد"}).rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(OutboxMessageId(7, 100, "no-domain"), "meter-7-100@meter.invalid");
}

TEST(Mail, ArabicHtmlIsRightToLeftAndLongAsciiSubjectsAreFolded) {
  EXPECT_THAT(MailHtml({"S", "نص\n", "ar"}), HasSubstr("<html lang=\"ar\" dir=\"rtl\">"));
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "word ";
  const std::string message = FormatMail({"m@un.example"}, {"r@example.org"},
                                         {subject + "end", "Body\n", "en"}, 0, "id@un.example");
  const nlohmann::json m = ParsedByPython(message);
  EXPECT_EQ(m["subject"], subject + "end");
  EXPECT_LE(m["longest_line"].get<int>(), 78);
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
