// The outbox worker of `meter serve` against a real SMTP server that the test starts (Debian's
// aiosmtpd, tests/app/smtp_server.py): delivery with proper headers, a temporary refusal retried,
// a permanent one given up on with its error, nothing lost while the server is down, and the
// experts' daily digest reaching only those who chose it, only when something changed. Time is
// handed to each pass, so nothing waits for a clock.
#include "app/mail_worker.h"

#include <gmock/gmock.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/smtp_server.h"
#include "core/round_mail.h"
#include "store/sql_store.h"
#include "test_support.h"
#include "web/security.h"

namespace meter::testing {
namespace {

// Now, read as the store reads it (the system clock). Not std::time: on Linux it reads a coarse
// clock that can still say the second before, and a message saved "now" was then not yet due.
Seconds NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr Seconds kNow = 1796000000;  // 2026-11-30
constexpr Seconds kDay = 86400;

CountryList LoadCountriesOrFail() {
  auto list = CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                                 "countries.csv");
  EXPECT_TRUE(list.ok());
  return list.ok() ? std::move(list).value() : CountryList{};
}

InstrumentCatalog CatalogOf(const std::string& file) {
  InstrumentCatalog catalog;
  EXPECT_TRUE(catalog.Add(testing::LoadOrFail(file)).ok());
  return catalog;
}

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
  MailWorker Worker(const std::string& url, int attempts = kMaxMailAttempts,
                    const std::string& node = "test-node") {
    MailSettings settings;
    if (!url.empty()) settings.smtp = SmtpSettings{url, "meter@un.example", 10};
    if (settings.smtp) settings.smtp->ca_file = ca_file_;
    if (settings.smtp) settings.smtp->user = user_;
    if (settings.smtp) settings.smtp->password = password_;
    settings.base_url = "https://meter.example.org";
    settings.node = node;
    settings.max_attempts = attempts;
    settings.instruments = &instruments_;
    settings.countries = &countries_;
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

  // An open round of Cameroon on METER 2.0 (with `deadline`, if not 0) and its coordinator.
  Round OpenRound(Seconds deadline) {
    auto round = store_->CreateRound(
        {"CMR", "Évaluation 2026", 2026, "meter", "2.0", DefaultGroups()}, "coord@example.org");
    EXPECT_TRUE(round.ok()) << round.error().ToString();
    EXPECT_TRUE(store_->SetRoundStatus(round.value().id, RoundStatus::kOpen, "c").ok());
    if (deadline) {
      EXPECT_TRUE(store_->SetRoundDeadline(round.value().id, deadline, "c").ok());
    }
    User coordinator{
        0, "coord@example.org", "Coordonnatrice", Role::kCoordinator, {"CMR"}, "hash", false, 0};
    EXPECT_TRUE(store_->CreateUser(coordinator, "admin").ok());
    return store_->GetRound(round.value().id).value();
  }
  // Invites `name` as the web does: their message composed in `lang`, their token its secret. They
  // answer only pillar C, so that a test can make them finish (FinishPillarC).
  Respondent InviteByMail(const Round& round, const std::string& name, const std::string& email,
                          const std::string& lang, std::string* token_out = nullptr) {
    Respondent r;
    r.name = name;
    r.email = email;
    r.language = lang;
    r.group = round.groups.at(0).name;
    r.pillars = {"C"};
    const std::string token = RandomToken();
    r.token_hash = Sha256Hex(token);
    const MailContent text = ComposeInvitation(
        {round.title, countries_.Find(round.country)->names.Get(lang), name,
         "https://meter.example.org/r/" + std::string(kMailSecretMarker), round.deadline},
        TranslatorFor(catalogs_.For(lang)), lang);
    NewMail mail{email, text.subject, text.text, name, lang, token, {0, 0, kMailInvitation}};
    auto invited = store_->InviteRespondents(round.id, {{r, mail}}, "coord@example.org");
    EXPECT_TRUE(invited.ok()) << invited.error().ToString();
    if (token_out) *token_out = token;
    return invited.ok() ? invited.value().at(0) : Respondent{};
  }
  // Answers every statement of pillar C for `r`.
  void FinishPillarC(const Respondent& r, Seconds now) {
    std::vector<AnswerWrite> writes;
    for (const StatementPlace& place : instrument_->statements()) {
      const std::string& id = place.statement->id;
      if (id.rfind("C", 0) == 0) writes.push_back({id, "DK", "", "", 0});
    }
    auto saved = store_->SaveAnswers(r.id, writes, now);
    EXPECT_TRUE(saved.ok()) << saved.error().ToString();
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  Catalogs catalogs_{METER_LOCALE_DIR_FOR_TESTS};
  CountryList countries_ = LoadCountriesOrFail();
  InstrumentCatalog instruments_ = CatalogOf("content/instruments/meter-2.0.yaml");
  const Instrument* instrument_ = instruments_.Find("meter", "2.0");
  std::string log_;
  std::string ca_file_, user_, password_;
  // Invitations are stored at the real time: the tests of invitations count from it.
  const Seconds now_ = NowSeconds();
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
  EXPECT_EQ(m["from"], "METER <meter@un.example>");
  EXPECT_EQ(m["to"], "expert@example.org");
  EXPECT_EQ(m["content_type"], "multipart/alternative");
  EXPECT_EQ(m["parts"][0]["charset"], "utf-8");
  EXPECT_EQ(m["defects"], nlohmann::json::array());
  EXPECT_THAT(m["html"].get<std::string>(), HasSubstr("<p>Première ligne.<br>"));
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

// Issue 14: invitations, reminders and notices.

TEST_F(MailWorkerTest, AnInvitationArrivesInTheRespondentsLanguageWithTheirOwnWorkingLink) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const Round round = OpenRound(0);
  std::string token;
  const Respondent r = InviteByMail(round, "Amélie Ngô", "amelie@example.fr", "fr", &token);
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(NowSeconds()).sent, 1) << log_;
  const auto received = server.Received();
  ASSERT_EQ(received.size(), 1u);
  const nlohmann::json& m = received[0];
  EXPECT_EQ(m["rcpt_tos"], nlohmann::json::array({"amelie@example.fr"}));
  EXPECT_EQ(m["to_name"], "Amélie Ngô");
  EXPECT_EQ(m["to_address"], "amelie@example.fr");
  EXPECT_EQ(m["from_name"], "METER");
  EXPECT_EQ(m["subject"], "Invitation à l'évaluation METER « Évaluation 2026 »");  // in French
  EXPECT_EQ(m["content_type"], "multipart/alternative");
  EXPECT_EQ(m["defects"], nlohmann::json::array());
  EXPECT_LE(m["longest_line"].get<int>(), 78);
  const std::string text = m["body"], html = m["html"];
  const std::string link = "https://meter.example.org/r/" + token;
  EXPECT_THAT(text, HasSubstr("\n" + link + "\n"));
  EXPECT_THAT(text, HasSubstr("Cameroun"));  // the country's name in French
  EXPECT_THAT(html, HasSubstr("<html lang=\"fr\">"));
  EXPECT_THAT(html, HasSubstr("<a href=\"" + link + "\">"));
  EXPECT_EQ(Sha256Hex(token), store_->GetRespondent(r.id).value().token_hash);
  // The token is gone from the database once sent, and no log line held it.
  EXPECT_EQ(Only().secret, "");
  EXPECT_THAT(Only().body_text, Not(HasSubstr(token)));
  EXPECT_THAT(log_, Not(HasSubstr(token)));
  const auto mail = store_->MailOfRound(round.id).value();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].about.respondent_id, r.id);
  EXPECT_GT(mail[0].sent_at, 0);
}

TEST_F(MailWorkerTest, AnInvitationSavedWhileTheServerIsDownIsSentWhenItComesBack) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const int port = server.port();
  server.Stop();
  const Round round = OpenRound(0);
  std::string token;
  InviteByMail(round, "Ana", "ana@example.org", "es", &token);
  const Seconds saved = NowSeconds();  // the message is due from when it was saved
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(saved).retried, 1);
  EXPECT_THAT(log_, HasSubstr("trying again"));
  EXPECT_THAT(log_, Not(HasSubstr(token)));
  EXPECT_EQ(Only().secret, token);  // kept until sent
  SmtpServer back;
  ASSERT_TRUE(back.Start(port));
  EXPECT_EQ(worker.RunOnce(saved + 60).sent, 1) << log_;
  ASSERT_EQ(back.Received().size(), 1u);
  EXPECT_THAT(back.Received()[0]["html"].get<std::string>(), HasSubstr("lang=\"es\""));
  EXPECT_THAT(back.Received()[0]["body"].get<std::string>(), HasSubstr("/r/" + token));
}

TEST_F(MailWorkerTest, RemindersGoAWeekAndADayBeforeTheDeadlineOnceToThoseWhoHaveNotFinished) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const Seconds deadline = now_ + 30 * kDay;
  const Round round = OpenRound(deadline);
  std::string first_token;
  const Respondent late = InviteByMail(round, "Late", "late@example.org", "en", &first_token);
  const Respondent done = InviteByMail(round, "Done", "done@example.org", "en");
  FinishPillarC(done, now_);
  MailWorker a = Worker(server.url(), kMaxMailAttempts, "node-a");
  MailWorker b = Worker(server.url(), kMaxMailAttempts, "node-b");
  EXPECT_EQ(a.RunOnce(NowSeconds()).sent, 2);              // the invitations
  EXPECT_EQ(a.RunOnce(deadline - 8 * kDay).reminders, 0);  // not yet
  EXPECT_EQ(a.RunOnce(deadline - 7 * kDay).reminders, 1);
  EXPECT_EQ(b.RunOnce(deadline - 7 * kDay + 60).reminders, 0);  // the other node: queued already
  EXPECT_EQ(a.RunOnce(deadline - 3 * kDay).reminders, 1);       // the coordinator's notice
  EXPECT_EQ(b.RunOnce(deadline - kDay).reminders, 1);
  EXPECT_EQ(a.RunOnce(deadline - kDay + 60).reminders, 0);
  EXPECT_EQ(a.RunOnce(deadline + 1).reminders, 0);
  const auto received = server.Received();
  ASSERT_EQ(received.size(), 5u) << log_;
  EXPECT_EQ(received[2]["rcpt_tos"], nlohmann::json::array({"late@example.org"}));
  EXPECT_THAT(received[2]["subject"].get<std::string>(), HasSubstr("One week left"));
  EXPECT_EQ(received[3]["rcpt_tos"], nlohmann::json::array({"coord@example.org"}));
  EXPECT_THAT(received[3]["subject"].get<std::string>(), HasSubstr("closes in 3 days"));
  EXPECT_THAT(received[3]["body"].get<std::string>(),
              HasSubstr("1 respondent has not finished yet."));
  EXPECT_THAT(received[3]["body"].get<std::string>(),
              HasSubstr("https://meter.example.org/rounds/" + std::to_string(round.id)));
  EXPECT_THAT(received[4]["subject"].get<std::string>(), HasSubstr("Last day"));
  // Each reminder carries a new link, which works; the invitation's no longer does.
  const std::string body = received[4]["body"];
  const size_t at = body.find("/r/") + 3;
  const std::string token = body.substr(at, body.find('\n', at) - at);
  EXPECT_EQ(store_->GetRespondent(late.id).value().token_hash, Sha256Hex(token));
  EXPECT_NE(token, first_token);
  EXPECT_THAT(log_, Not(HasSubstr(token)));
}

TEST_F(MailWorkerTest, TheCoordinatorIsToldOnceWhenEveryRespondentFinished) {
  SmtpServer server;
  ASSERT_TRUE(server.Start());
  const Round round = OpenRound(0);
  const Respondent r = InviteByMail(round, "Ana", "ana@example.org", "en");
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(now_).reminders, 0);
  FinishPillarC(r, now_);
  EXPECT_EQ(worker.RunOnce(now_ + 60).reminders, 1);
  EXPECT_EQ(worker.RunOnce(now_ + 120).reminders, 0);
  const auto received = server.Received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[1]["to"], "Coordonnatrice <coord@example.org>");
  EXPECT_THAT(received[1]["subject"].get<std::string>(),
              HasSubstr("All respondents finished the METER round"));
}

TEST_F(MailWorkerTest, ALoginIsSentOnlyOverTlsAndThePasswordNeverReachesTheLog) {
  const std::string password = "pa55-w0rd-never-logged";
  SmtpServer server(SmtpServer::Mode::kLogin, 0, "meter:" + password);
  ASSERT_TRUE(server.Start());
  ca_file_ = server.cert_file();
  user_ = "meter";
  password_ = "wrong-" + password;
  ASSERT_TRUE(store_->EnqueueMail({"a@example.org", "S", "B\n"}, kNow, "system").ok());
  MailWorker refused = Worker(server.url());
  EXPECT_EQ(refused.RunOnce(kNow).sent, 0);
  EXPECT_THAT(log_, HasSubstr("e-mail"));
  EXPECT_THAT(log_, Not(HasSubstr(password)));
  EXPECT_THAT(Only().last_error, Not(HasSubstr(password)));
  password_ = password;
  MailWorker worker = Worker(server.url());
  EXPECT_EQ(worker.RunOnce(kNow + 3600).sent, 1) << log_;
  ASSERT_EQ(server.Received().size(), 1u);
  EXPECT_EQ(server.Received()[0]["auth"], true);
  EXPECT_THAT(log_, Not(HasSubstr(password)));
  // A relay without STARTTLS gets no password at all: the attempt fails before any login.
  SmtpServer plain;
  ASSERT_TRUE(plain.Start());
  ASSERT_TRUE(store_->EnqueueMail({"b@example.org", "S", "B\n"}, kNow, "system").ok());
  MailWorker cleartext = Worker(plain.url());
  EXPECT_EQ(cleartext.RunOnce(kNow + 7200).sent, 0);
  EXPECT_TRUE(plain.Received().empty());
}

TEST(SmtpCredentials, ComeFromAFileOrTheEnvironmentNeverTheUrl) {
  const fs::path file = fs::temp_directory_path() / ("meter-smtp-pw-" + std::to_string(getpid()));
  auto env = [](std::map<std::string, std::string> values) {
    return [values](const char* name) -> const char* {
      auto it = values.find(name);
      return it == values.end() ? nullptr : it->second.c_str();
    };
  };
  std::ofstream(file) << "relay-user:s3cret:with-colon\nignored\n";
  auto login = SmtpCredentials("", file.string(), env({}));
  ASSERT_TRUE(login.ok()) << login.error().ToString();
  EXPECT_EQ(login.value().user, "relay-user");
  EXPECT_EQ(login.value().password, "s3cret:with-colon");
  login = SmtpCredentials("given", file.string(), env({}));
  EXPECT_EQ(login.value().password, "relay-user:s3cret:with-colon");
  login = SmtpCredentials("", "", env({{"METER_SMTP_USER", "u"}, {"METER_SMTP_PASSWORD", "p"}}));
  EXPECT_EQ(login.value().user, "u");
  EXPECT_EQ(login.value().password, "p");
  EXPECT_TRUE(SmtpCredentials("", "", env({})).value().user.empty());
  const auto refused = [&](const Result<SmtpLogin>& r) {
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.error().ToString();
  };
  EXPECT_THAT(refused(SmtpCredentials("", file.string(), env({{"METER_SMTP_PASSWORD", "p"}}))),
              HasSubstr("given twice"));
  EXPECT_THAT(refused(SmtpCredentials("", "", env({{"METER_SMTP_PASSWORD", "p"}}))),
              HasSubstr("needs a user name"));
  EXPECT_THAT(refused(SmtpCredentials("", "/nonexistent/pw", env({}))), HasSubstr("cannot read"));
  std::ofstream(file) << "no-colon-here\n";
  const std::string message = refused(SmtpCredentials("", file.string(), env({})));
  EXPECT_THAT(message, HasSubstr("user:password"));
  EXPECT_THAT(message, Not(HasSubstr("no-colon-here")));  // the file's content is never shown
  fs::remove(file);
  const std::string url_error =
      CheckSmtpUrl("smtp://me:hunter2@relay:25", "--smtp").error().ToString();
  EXPECT_THAT(url_error, HasSubstr("METER_SMTP_PASSWORD"));
  EXPECT_THAT(url_error, Not(HasSubstr("hunter2")));
  EXPECT_THAT(CheckSmtpUrl("smtp://me@relay:25", "--smtp").error().ToString(),
              HasSubstr("--smtp-user"));
  EXPECT_TRUE(CheckSmtpUrl("smtps://relay.example.org:465", "--smtp").ok());
}

TEST(SmtpCredentials, ServeRefusesAPasswordInTheUrlWithoutPrintingIt) {
  const fs::path dir = fs::temp_directory_path() / ("meter-smtp-serve-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const Outcome run = RunMeterIn(dir, "serve --db sqlite:" + (dir / "m.db").string() +
                                          " --listen 127.0.0.1:1 --smtp "
                                          "smtp://meter:hunter2-secret@127.0.0.1:25 --mail-from "
                                          "meter@un.example");
  EXPECT_NE(run.code, 0);
  EXPECT_THAT(run.err, HasSubstr("--smtp-password-file"));
  EXPECT_THAT(run.err + run.out, Not(HasSubstr("hunter2-secret")));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace meter::testing
