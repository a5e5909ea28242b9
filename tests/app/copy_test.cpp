// `meter copy`: a whole installation built through the real server on SQLite moves to a real
// PostgreSQL and back, and nothing differs — every row of every table compared value by value,
// the same logins, sessions and results served from the copy, and new rows numbered after the
// copied ones. A target that holds data, a source that is not METER's, and a copy that fails half
// way each leave the target without a single copied row.
#include "store/copy.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "store/db_contents.h"
#include "store/pg_server.h"
#include "store/sql_store.h"
#include "web/web_world.h"

namespace meter::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

int Meter(const std::string& args, std::string& out) { return RunMeter(args, "", out); }

// An installation with something in every table: the world's users, rounds, respondents and
// sessions, answers with comments in several scripts, a knowledge draft with a review comment,
// targets and a roadmap change (doubles and dates), a failed login, a published round's scores, the
// knowledge base synced at start, and the audit trail of all of it.
void Furnish(World& w) {
  auto [link, id] = w.Invite(*w.coordinator, w.round, "Ана «ünïcode» 中文 عربي", "Agencies");
  HttpClient r(w.server.port());
  ASSERT_EQ(r.Get(link).status, 303);
  r.Get("/q/1");
  for (int i = 1; i <= 12; ++i) {
    const HttpResponse saved =
        r.Send("PUT", "/api/answers/C1." + std::to_string(i),
               json({{"value", i % 3 == 0 ? "DK" : std::to_string(i % 5)},
                     {"comment", i == 1 ? "Décret n° 12 — 第十二号 — مرسوم" : ""},
                     {"evidence_url", i == 2 ? "https://example.gov/a?b=c&d=e" : ""},
                     {"version", 0}})
                   .dump(),
               "application/json", CsrfHeader(r));
    ASSERT_EQ(saved.status, 200) << saved.body;
  }
  // A comment in the review thread of an expert's draft (issue 13).
  w.expert->Get("/knowledge/new");
  const HttpResponse draft = w.expert->PostForm(
      "/knowledge/new", FormWithCsrf(*w.expert,
                                     "kind=lesson&language=en&title_en=Copied+draft"
                                     "&summary_en=S.&pillars=T&subareas=T1&sources=A"
                                     "&body=B."));
  ASSERT_EQ(draft.status, 303) << draft.body.substr(0, 500);
  ASSERT_EQ(w.admin
                ->PostForm(draft.Header("location") + "/review",
                           FormWithCsrf(*w.admin, "verdict=comment&text=A+%C2%ABquoted%C2%BB+note"))
                .status,
            303);
  // A draft instrument with a proposal in two languages, a comment and a vote (issue 13).
  ASSERT_EQ(
      w.admin->PostForm("/instruments", FormWithCsrf(*w.admin, "from=meter%2F3.0&version=3.1"))
          .status,
      303);
  const HttpResponse proposed = w.expert->PostForm(
      "/instruments/meter/3.1/proposals",
      FormWithCsrf(*w.expert,
                   "kind=reword-statement&target=C1.1&text_en=Reworded+%C2%ABhere%C2%BB"
                   "&text_fr=Reformul%C3%A9&rationale=Clearer&sources=A+report"));
  ASSERT_EQ(proposed.status, 303) << proposed.body.substr(0, 500);
  const std::string proposal = proposed.Header("location");
  ASSERT_EQ(w.expert->PostForm(proposal + "/comments", FormWithCsrf(*w.expert, "comment=*Why*%3F"))
                .status,
            303);
  ASSERT_EQ(
      w.expert->PostForm(proposal + "/vote", FormWithCsrf(*w.expert, "choice=support")).status,
      303);
  const std::string base = "/rounds/" + std::to_string(w.round);
  HttpClient& c = *w.coordinator;
  ASSERT_EQ(c.PostForm(base + "/targets", FormWithCsrf(c, "target%3AC=66.66666666666667")).status,
            303);
  ASSERT_EQ(c.PostForm(base + "/roadmap/C1",
                       FormWithCsrf(c, "phase=3&owner=Ministry+of+ICT&due=2027-06-30"))
                .status,
            303);
  ASSERT_EQ(c.PostForm(base + "/status", FormWithCsrf(c, "to=closed")).status, 303);
  ASSERT_EQ(c.PostForm(base + "/publish", FormWithCsrf(c, "")).status, 303);
  HttpClient stranger(w.server.port());
  stranger.Get("/login");
  stranger.PostForm("/login",
                    FormWithCsrf(stranger, "email=arm%40test.example&password=wrong-password"));
  // Issue 13: an expert's visit to "What changed" and their digest choice (user_changes).
  ASSERT_EQ(w.expert->PostForm("/changes/digest", FormWithCsrf(*w.expert, "digest=daily")).status,
            303);
}

// A message in the outbox (schema 10), queued in the stopped installation's database.
void QueueMail(const std::string& url) {
  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  ASSERT_TRUE(store.value()
                  ->EnqueueMail({"expert@test.example", "Résumé — 摘要", "Première ligne.\n"},
                                1796000000, "system")
                  .ok());
}

// The UN E-Government Survey's figures of a year (schema 11), with the NULLs of figures the survey
// did not publish and floating-point noise, which the copy must keep as they are.
void ImportEgdiYear(const std::string& url) {
  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  const std::vector<EgdiRow> rows = {
      {"KIR", 0, std::nullopt, std::nullopt, 0.028569999999999998, std::nullopt, 0.0148, 0.0},
      {"IRQ", 0, 136, 0.29957, 0.15238, 0.6955600000000001, 0.055220000000000005, 0.04285}};
  ASSERT_TRUE(store.value()->ImportEgdi(2030, rows, "admin@test.example").ok());
}

// A reminder queued for `round`'s coordinator (schema 13: round_reminders, and the outbox's
// columns of what a message is about).
void QueueReminder(const std::string& url, long long round) {
  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  auto queued = store.value()->QueueReminder(
      {round, 0, 1, "closes-3d"}, std::nullopt,
      {"coord@test.example", "Rappel", "Corps\n", "Coordonnatrice", "fr"}, 1796000000);
  ASSERT_TRUE(queued.ok()) << queued.error().ToString();
}

class CopyPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.running()) << pg_.failure();
    database_ = pg_.CreateDatabase();
    ASSERT_FALSE(database_.empty());
  }
  void TearDown() override {
    if (!database_.empty()) pg_.DropDatabase(database_);
  }

  PgServer& pg_ = PgServer::Get();
  std::string database_;
};

TEST_F(CopyPostgres, AWholeInstallationMovesToPostgresqlAndBackWithNothingDifferent) {
  World w;
  w.Build();
  Furnish(w);
  ASSERT_FALSE(w.ResetLink(w.spare_user).empty());  // a row of password_resets (schema 5)
  const std::string results_path = "/api/rounds/" + std::to_string(w.round) + "/results";
  const HttpResponse results = w.coordinator->Get(results_path);
  ASSERT_EQ(results.status, 200);
  const HttpResponse answers = w.respondent->Get("/api/answers");
  ASSERT_EQ(answers.status, 200);
  w.server.Stop();
  const std::string sqlite = w.server.db_url();
  QueueMail(sqlite);
  ImportEgdiYear(sqlite);
  QueueReminder(sqlite, w.other_round);  // still open (Furnish closes w.round)
  const auto original = ContentsOf(sqlite);
  for (const auto& [table, rows] : original) {
    EXPECT_FALSE(rows.empty()) << table << " has no rows, so its copy would prove nothing";
  }

  std::string out;
  ASSERT_EQ(Meter("copy --from " + sqlite + " --to " + pg_.TcpUrl(database_), out), 0) << out;
  EXPECT_THAT(out, HasSubstr("answers: "));
  EXPECT_THAT(out, Not(HasSubstr(PgServer::kPassword))) << "the password never shows";
  const auto on_postgres = ContentsOf(OnPg(database_));
  for (const auto& [table, rows] : original) {
    EXPECT_EQ(on_postgres.at(table), rows) << "table " << table << " differs on PostgreSQL";
  }

  // The copy is the installation: its users sign in, its sessions hold, its results are the same.
  MeterServer moved(pg_.TcpUrl(database_));
  ASSERT_TRUE(moved.Start()) << moved.log();
  HttpClient coordinator(moved.port());
  ASSERT_EQ(SignIn(coordinator, "arm@test.example", kPassword), 303);
  EXPECT_EQ(json::parse(coordinator.Get(results_path).body), json::parse(results.body));
  HttpClient respondent(moved.port());
  respondent.cookies() = w.respondent->cookies();
  EXPECT_EQ(respondent.Get("/api/answers").body, answers.body) << "the same session and answers";
  const HttpResponse created =
      coordinator.Send("POST", "/api/rounds",
                       json({{"country", "ARM"},
                             {"title", "After the move"},
                             {"year", 2027},
                             {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                           .dump(),
                       "application/json", CsrfHeader(coordinator));
  ASSERT_EQ(created.status, 201) << "new rows are numbered after the copied ones: " << created.body;
  EXPECT_GT(json::parse(created.body)["id"].get<long long>(), w.other_round);
  moved.Stop();

  // And back to a new SQLite file: the rows of the original (plus the new round's), and a
  // knowledge search index rebuilt from the entries.
  const std::string back = "sqlite:" + w.server.dir() + "/back.db";
  ASSERT_EQ(Meter("copy --from " + pg_.TcpUrl(database_) + " --to " + back, out), 0) << out;
  const auto round_trip = ContentsOf(back);
  for (const auto& [table, rows] : original) {
    // Using the copy changed these: the new round, its groups and audit lines, the sign-in's
    // session (which also cleared the account's failed logins).
    const std::set<std::string> changed = {"rounds", "round_groups", "audit", "sessions",
                                           "login_failures"};
    if (changed.count(table)) continue;
    EXPECT_EQ(round_trip.at(table), rows) << "table " << table << " differs after the round trip";
  }
  EXPECT_EQ(round_trip.at("rounds").size(), original.at("rounds").size() + 1);
  EXPECT_EQ(Count(back, "SELECT COUNT(*) FROM knowledge_fts"),
            Count(back, "SELECT COUNT(*) FROM knowledge"));
  EXPECT_GT(Count(back, "SELECT COUNT(*) FROM knowledge_fts WHERE knowledge_fts MATCH 'law'"), 0);
}

TEST_F(CopyPostgres, ATargetThatHoldsDataIsRefusedAndKeepsIt) {
  World w;
  w.Build();
  w.server.Stop();
  std::string out;
  ASSERT_EQ(Meter("copy --from " + w.server.db_url() + " --to " + pg_.TcpUrl(database_), out), 0)
      << out;
  const auto before = ContentsOf(OnPg(database_));
  EXPECT_EQ(Meter("copy --from " + w.server.db_url() + " --to " + pg_.TcpUrl(database_), out), 5);
  EXPECT_THAT(out, HasSubstr("already holds data"));
  EXPECT_EQ(ContentsOf(OnPg(database_)), before);
}

TEST_F(CopyPostgres, ACopyThatFailsHalfWayLeavesTheTargetWithoutARow) {
  World w;
  w.Build();
  Furnish(w);
  w.server.Stop();
  std::string out;
  ASSERT_EQ(Meter("migrate --db " + pg_.TcpUrl(database_), out), 0) << out;
  // The target refuses one kind of answer, so the copy fails at the answers, after the users,
  // rounds and respondents were written.
  ASSERT_TRUE(
      pg_.Query(database_, "ALTER TABLE answers ADD CONSTRAINT no_dk CHECK (value <> 'DK')").ok());
  EXPECT_NE(Meter("copy --from " + w.server.db_url() + " --to " + pg_.TcpUrl(database_), out), 0);
  for (const auto& [table, rows] : ContentsOf(OnPg(database_))) {
    EXPECT_TRUE(rows.empty()) << table << " kept " << rows.size() << " rows of a failed copy";
  }
}

// Issue 11: PostgreSQL cannot hold a NUL in a text; libpq cut "before\0after" to "before" and the
// copy, which compared only row counts, exited 0. It compares every value and fails, writing
// nothing.
TEST_F(CopyPostgres, AValueThePostgresqlTargetWouldCutFailsTheCopyAndNothingIsKept) {
  World w;
  w.Build();
  Furnish(w);
  w.server.Stop();
  const std::string db = w.server.db_url().substr(7);
  ASSERT_EQ(std::system(("sqlite3 '" + db +
                         "' \"UPDATE answers SET comment = 'before' || char(0) || 'after' "
                         "WHERE statement = 'C1.1'\"")
                            .c_str()),
            0);
  ASSERT_EQ(Count(w.server.db_url(),
                  "SELECT COUNT(*) FROM answers WHERE length(CAST(comment AS BLOB)) = 12"),
            1)
      << "the source holds the whole text with its NUL";
  std::string out;
  EXPECT_EQ(Meter("copy --from " + w.server.db_url() + " --to " + pg_.TcpUrl(database_), out), 2)
      << out;
  EXPECT_THAT(out, HasSubstr("table answers, column comment: a text holds a NUL character"));
  for (const auto& [table, rows] : ContentsOf(OnPg(database_))) {
    EXPECT_TRUE(rows.empty()) << table << " kept " << rows.size() << " rows of a refused copy";
  }
}

TEST(Copy, RefusesWhatIsNotACompleteMeterDatabaseAndWritesNothing) {
  World w;
  w.Build();
  w.server.Stop();
  const std::string dir = w.server.dir();
  const std::string target = "sqlite:" + dir + "/target.db";
  std::string out;

  EXPECT_EQ(Meter("copy --from sqlite:" + dir + "/missing.db --to " + target, out), 3);
  EXPECT_THAT(out, HasSubstr("missing.db: the file does not exist"));
  EXPECT_EQ(Meter("copy --from " + w.server.db_url() + " --to " + w.server.db_url(), out), 2);
  EXPECT_THAT(out, HasSubstr("the same database"));
  EXPECT_EQ(Meter("copy --from " + w.server.db_url() + " --to mysql://x/y", out), 2);
  EXPECT_THAT(out, HasSubstr("unknown database URL"));

  ASSERT_EQ(std::system(("sqlite3 '" + dir + "/other.db' 'CREATE TABLE notes (t TEXT)'").c_str()),
            0);
  EXPECT_EQ(Meter("copy --from sqlite:" + dir + "/other.db --to " + target, out), 2);
  EXPECT_THAT(out, HasSubstr("other.db: this is not a METER database"));

  // A table this METER does not know would be left behind: refused before anything is written.
  const std::string db = w.server.db_url().substr(7);
  ASSERT_EQ(std::system(("sqlite3 '" + db + "' 'CREATE TABLE local_notes (t TEXT)'").c_str()), 0);
  EXPECT_EQ(Meter("copy --from " + w.server.db_url() + " --to " + target, out), 2);
  EXPECT_THAT(out, HasSubstr("a table local_notes that this METER does not know"));
  EXPECT_FALSE(fs::exists(dir + "/target.db"));
}

}  // namespace
}  // namespace meter::testing
