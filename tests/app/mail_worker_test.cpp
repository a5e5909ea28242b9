// The outbox worker of `meter serve` against a real SMTP server that the test starts (Debian's
// aiosmtpd, tests/app/smtp_server.py): delivery with proper headers, a temporary refusal retried,
// a permanent one given up on with its error, nothing lost while the server is down, and the
// experts' daily digest reaching only those who chose it, only when something changed. Time is
// handed to each pass, so nothing waits for a clock.
#include "app/mail_worker.h"

#include <gmock/gmock.h>

#include <filesystem>

#include "app/smtp_server.h"
#include "store/sql_store.h"

namespace meter::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr Seconds kNow = 1796000000;  // 2026-11-30

class MailWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-mail-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto opened = OpenStore("sqlite:" + (dir_ / "meter.db").string());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  // A worker sending through `url` (none: no SMTP configured), at most `attempts` tries.
  MailWorker Worker(const std::string& url, int attempts = kMaxMailAttempts) {
    MailSettings settings;
    if (!url.empty()) settings.smtp = SmtpSettings{url, "meter@un.example", 10};
    settings.base_url = "https://meter.example.org";
    settings.node = "test-node";
    settings.max_attempts = attempts;
    return MailWorker(*store_, catalogs_, settings,
                      [this](const Problem& p) { log_ += Render(p) + "\n"; });
  }
  OutboxMessage Only() {
    auto all = store_->ListMail(10);
    EXPECT_TRUE(all.ok() && all.value().size() == 1u);
    return all.ok() && !all.value().empty() ? all.value()[0] : OutboxMessage{};
  }
  Id AddUser(const std::string& email, Role role) {
    auto u = store_->CreateUser({0, email, "Someone", role, {}, "hash", false, 0}, "admin");
    EXPECT_TRUE(u.ok()) << u.error().ToString();
    return u.ok() ? u.value().id : 0;
  }
  void AddKnowledge(const std::string& slug, const std::string& title, const std::string& by) {
    KnowledgeEntry e;
    e.slug = slug;
    e.kind = "lesson";
    e.titles = {{"en", title}};
    e.summaries = {{"en", "A summary."}};
    e.pillars = {"T"};
    e.subareas = {"T1"};
    e.body_markdown = "Body.";
    ASSERT_TRUE(store_->SaveKnowledge(e, KnowledgeWrite::kCreate, std::nullopt, by).ok());
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  Catalogs catalogs_{METER_LOCALE_DIR_FOR_TESTS};
  std::string log_;
};

TEST_F(MailWorkerTest, AQueuedMessageIsDeliveredWithProperHeadersInUtf8) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const std::string subject = "Résumé des changements — ملخص التغييرات, 变更摘要";
  const std::string body =
      "Première ligne.\n.A line that starts with a dot\n.\nA long line: " + std::string(120, 'x') +
      "\nالعربية 中文 русский\n";
  ASSERT_TRUE(store_->EnqueueMail({"expert@example.org", subject, body}, kNow, "system").ok());
  MailWorker worker = Worker(server.url());
  const MailWorker::Pass pass = worker.RunOnce(kNow);
  EXPECT_EQ(pass.sent, 1) << log_;
  const auto received = server.Received();
  ASSERT_EQ(received.size(), 1u);
  const nlohmann::json& m = received[0];
  EXPECT_EQ(m["mail_from"], "meter@un.example");
  EXPECT_EQ(m["rcpt_tos"], nlohmann::json::array({"expert@example.org"}));
  EXPECT_EQ(m["subject"], subject);
  EXPECT_EQ(m["body"], body);
  EXPECT_EQ(m["from"], "meter@un.example");
  EXPECT_EQ(m["to"], "expert@example.org");
  EXPECT_EQ(m["content_type"], "text/plain");
  EXPECT_EQ(m["charset"], "utf-8");
  EXPECT_EQ(m["date"], "Mon, 30 Nov 2026 00:53:20 +0000");
  EXPECT_THAT(m["message_id"].get<std::string>(), HasSubstr("@un.example>"));
  const std::string raw = server.Raw(1);
  EXPECT_THAT(raw, HasSubstr("Subject: =?UTF-8?B?"));
  EXPECT_THAT(raw, HasSubstr("Content-Transfer-Encoding: quoted-printable"));
  for (size_t start = 0, end; (end = raw.find("\r\n", start)) != std::string::npos;
       start = end + 2) {
    EXPECT_LE(end - start, 76u) << raw.substr(start, end - start);
  }
  EXPECT_GT(Only().sent_at, 0);
}

TEST_F(MailWorkerTest, ATemporaryRefusalIsTriedAgainAfterItsWait) {
  SmtpServer server(SmtpServer::Mode::kRefuseFirst, 1);
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(store_->EnqueueMail({"expert@example.org", "S", "B\n"}, kNow, "system").ok());
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(kNow).retried, 1);
  OutboxMessage m = Only();
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.next_attempt_at, kNow + 60);
  EXPECT_THAT(m.last_error, HasSubstr("451"));
  EXPECT_THAT(log_, HasSubstr("trying again"));
  EXPECT_EQ(worker.RunOnce(kNow + 59).sent, 0);  // not due yet
  EXPECT_EQ(worker.RunOnce(kNow + 60).sent, 1);
  EXPECT_EQ(server.Received().size(), 1u);
  m = Only();
  EXPECT_EQ(m.attempts, 2);
  EXPECT_EQ(m.sent_at, kNow + 60);
}

TEST_F(MailWorkerTest, APermanentRefusalIsCountedAndTheMessageMarkedFailed) {
  SmtpServer server(SmtpServer::Mode::kReject);
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(store_->EnqueueMail({"expert@example.org", "S", "B\n"}, kNow, "system").ok());
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(kNow).failed, 1);
  const OutboxMessage m = Only();
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.failed_at, kNow);
  EXPECT_THAT(m.last_error, HasSubstr("550"));
  EXPECT_THAT(log_, HasSubstr("given up"));
  AuditFilter failed;
  failed.action = "mail.failed";
  EXPECT_EQ(store_->FindAudit(failed).value().size(), 1u);
  EXPECT_EQ(worker.RunOnce(kNow + 100000).failed, 0);  // never tried again
  EXPECT_TRUE(server.Received().empty());
}

TEST_F(MailWorkerTest, NothingIsLostWhileTheServerIsDownAndAttemptsRunOut) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const int port = server.port();
  server.Stop();
  ASSERT_TRUE(store_->EnqueueMail({"kept@example.org", "Kept", "B\n"}, kNow, "system").ok());
  ASSERT_TRUE(store_->EnqueueMail({"lost@example.org", "Late", "B\n"}, kNow, "system").ok());
  MailWorker worker = Worker(server.url(), 3);
  EXPECT_EQ(worker.RunOnce(kNow).retried, 2);
  EXPECT_EQ(worker.RunOnce(kNow + 60).retried, 2);
  SmtpServer back;
  ASSERT_TRUE(back.Start(port));
  // Both are due again after waits of 60 s, then 120 s, for their third and last attempt.
  EXPECT_EQ(worker.RunOnce(kNow + 180).sent, 2);
  EXPECT_EQ(back.Received().size(), 2u);

  // A server down for good: after the last attempt the message is failed, with the reason.
  ASSERT_TRUE(store_->EnqueueMail({"x@example.org", "Never", "B\n"}, kNow, "system").ok());
  back.Stop();
  Seconds at = kNow + 200;
  MailWorker::Pass pass;
  for (int i = 0; i < 3; ++i, at += 3600) pass = worker.RunOnce(at);
  EXPECT_EQ(pass.failed, 1);
  const OutboxMessage m = store_->ListMail(1).value().at(0);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_GT(m.failed_at, 0);
  EXPECT_FALSE(m.last_error.empty());
}

TEST_F(MailWorkerTest, WithoutSmtpMessagesStayQueued) {
  ASSERT_TRUE(store_->EnqueueMail({"expert@example.org", "S", "B\n"}, kNow, "system").ok());
  MailWorker worker = Worker("");
  EXPECT_EQ(worker.RunOnce(kNow).sent, 0);
  const OutboxMessage m = Only();
  EXPECT_EQ(m.attempts, 0);
  EXPECT_EQ(m.sent_at, 0);
}

TEST_F(MailWorkerTest, TheDailyDigestReachesOnlyExpertsWhoChoseItWhenSomethingChanged) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const Id chose = AddUser("chose@example.org", Role::kExpert);
  AddUser("did-not@example.org", Role::kExpert);
  ASSERT_TRUE(store_->SetDigest(chose, true, "en", kNow, "chose@example.org").ok());
  AddKnowledge("lesson-shared-services", "Shared services", "author@example.org");
  AddKnowledge("lesson-own", "My own entry", "chose@example.org");  // not news to its author
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(kNow + 3600).digests, 0);  // not due for a day
  const MailWorker::Pass pass = worker.RunOnce(kNow + 86400);
  EXPECT_EQ(pass.digests, 1) << log_;
  EXPECT_EQ(pass.sent, 1) << log_;
  const auto received = server.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["rcpt_tos"], nlohmann::json::array({"chose@example.org"}));
  EXPECT_EQ(received[0]["subject"], "METER: 1 change since your last digest");
  const std::string body = received[0]["body"];
  EXPECT_THAT(body, HasSubstr("author@example.org added a knowledge entry: Shared services"));
  EXPECT_THAT(body, HasSubstr("https://meter.example.org/knowledge/lesson-shared-services"));
  EXPECT_THAT(body, HasSubstr("https://meter.example.org/changes"));
  EXPECT_THAT(body, Not(HasSubstr("My own entry")));
  // The next day nothing changed: nothing is sent.
  EXPECT_EQ(worker.RunOnce(kNow + 2 * 86400).digests, 0);
  EXPECT_EQ(server.Received().size(), 1u);
}

}  // namespace
}  // namespace meter::testing
