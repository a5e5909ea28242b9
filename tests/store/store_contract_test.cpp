// The Store contract: one suite that every engine must pass, each test on a fresh database.
// SQLite runs on a new file per test; PostgreSQL on a new database per test of the server that
// store/pg_server.h starts for this process.
#include <gmock/gmock.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "store/approved_knowledge.h"
#include "store/pg_server.h"
#include "store/sql_store.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::vector<std::string> Engines() { return {"sqlite", "postgresql"}; }

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      testing::PgServer& server = testing::PgServer::Get();
      ASSERT_TRUE(server.running()) << server.failure();
      database_ = server.CreateDatabase();
      ASSERT_FALSE(database_.empty());
      url_ = server.SocketUrl(database_);
    } else {
      dir_ = fs::temp_directory_path() /
             ("meter-store-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      fs::remove_all(dir_);
      url_ = "sqlite:" + (dir_ / "meter.db").string();
    }
    auto opened = OpenStore(url_);
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (!database_.empty()) testing::PgServer::Get().DropDatabase(database_);
  }

  // Runs one SQL statement on the test's database, behind the store's back.
  void ExecuteSql(const std::string& sql) {
    if (GetParam() == "postgresql") {
      auto done = testing::PgServer::Get().Query(database_, sql);
      ASSERT_TRUE(done.ok()) << done.error().ToString();
    } else {
      // Single-quoted for the shell, with each quote in the SQL written '\''.
      std::string quoted;
      for (char c : sql) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      const std::string db = url_.substr(7);
      ASSERT_EQ(std::system(("sqlite3 '" + db + "' '" + quoted + "'").c_str()), 0) << sql;
    }
  }

  Round MakeOpenRound(const std::string& country = "ARM") {
    auto round = store_->CreateRound(
        {country, "First round", 2026, "meter", "2.0", DefaultGroups()}, "coord@example.org");
    EXPECT_TRUE(round.ok()) << round.error().ToString();
    auto opened = store_->SetRoundStatus(round.value().id, RoundStatus::kOpen, "coord@example.org");
    EXPECT_TRUE(opened.ok()) << opened.error().ToString();
    return opened.value();
  }
  Respondent Invite(const Round& round, const std::string& name, const std::string& group) {
    Respondent r;
    r.round_id = round.id;
    r.name = name;
    r.group = group;
    r.token_hash = "hash-" + name;
    auto added = store_->AddRespondent(r, "coord@example.org");
    EXPECT_TRUE(added.ok()) << added.error().ToString();
    return added.value();
  }

  fs::path dir_;          // SQLite: the test's folder
  std::string database_;  // PostgreSQL: the test's database
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContract, ReopeningAMigratedDatabaseKeepsItsData) {
  ASSERT_TRUE(
      store_->CreateUser({0, "a@example.org", "A", Role::kAdmin, {}, "h", false, 0}, "cli").ok());
  store_.reset();
  auto again = OpenStore(url_);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_TRUE(again.value()->FindUserByEmail("a@example.org").ok());
}

TEST_P(StoreContract, UsersAreUniqueByEmailInAnyCase) {
  User u{0, "Coord@Example.org", "Coordinator", Role::kCoordinator, {"ARM", "KEN"}, "hash", false,
         0};
  auto created = store_->CreateUser(u, "admin@example.org");
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_GT(created.value().id, 0);
  EXPECT_EQ(created.value().email, "coord@example.org");
  EXPECT_EQ(created.value().countries, (std::vector<std::string>{"ARM", "KEN"}));
  auto again = store_->CreateUser(u, "admin@example.org");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto found = store_->FindUserByEmail("COORD@example.ORG");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value().role, Role::kCoordinator);
  EXPECT_EQ(store_->GetUser(999).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListUsers().value().size(), 1u);
}

TEST_P(StoreContract, PasswordChangesAndDisablingEndSessions) {
  auto user =
      store_->CreateUser({0, "u@example.org", "U", Role::kExpert, {}, "old", false, 0}, "cli")
          .value();
  ASSERT_TRUE(store_->CreateSession({"s1", user.id, 0, "csrf", 100, 100, 10000}).ok());
  ASSERT_TRUE(store_->FindSession("s1", 200).ok());
  ASSERT_TRUE(store_->SetPassword(user.id, "new", "cli").ok());
  EXPECT_EQ(store_->GetUser(user.id).value().password_hash, "new");
  EXPECT_EQ(store_->FindSession("s1", 200).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->CreateSession({"s2", user.id, 0, "csrf", 100, 100, 10000}).ok());
  ASSERT_TRUE(store_->SetUserDisabled(user.id, true, "admin").ok());
  EXPECT_TRUE(store_->GetUser(user.id).value().disabled);
  EXPECT_FALSE(store_->FindSession("s2", 200).ok());
  EXPECT_EQ(store_->SetPassword(4242, "x", "cli").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, SessionsExpire) {
  ASSERT_TRUE(store_->CreateSession({"abc", 1, 0, "tok", 100, 100, 200}).ok());
  auto s = store_->FindSession("abc", 150);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.value().csrf_token, "tok");
  EXPECT_FALSE(store_->FindSession("abc", 201).ok());
  ASSERT_TRUE(store_->TouchSession("abc", 190, 500).ok());
  EXPECT_TRUE(store_->FindSession("abc", 400).ok());
  ASSERT_TRUE(store_->DeleteSession("abc").ok());
  EXPECT_FALSE(store_->FindSession("abc", 150).ok());
}

// The store keeps its most frequent reads prepared (on SQLite, one statement per connection): a
// finished read must not leave its snapshot open, or the next reads on that connection would miss
// what was written since, by another node, another connection or behind the store's back.
TEST_P(StoreContract, KeptReadsSeeLaterWritesMadeElsewhere) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "Ana", "Agencies");
  ASSERT_TRUE(store_->CreateSession({"kept", 0, r.id, "csrf", 100, 100, 10000}).ok());
  for (int turn = 1; turn <= 3; ++turn) {
    const std::string title = "Renamed " + std::to_string(turn);
    ASSERT_TRUE(store_->FindSession("kept", 200).ok());
    ASSERT_TRUE(store_->GetRespondent(r.id).ok());
    ExecuteSql("UPDATE rounds SET title = '" + title + "' WHERE id = " + std::to_string(round.id));
    ExecuteSql("UPDATE respondents SET name = '" + title + "' WHERE id = " + std::to_string(r.id));
    ExecuteSql(
        "INSERT INTO answers (respondent_id, statement, value, comment, evidence_url, "
        "version, updated_at) VALUES (" +
        std::to_string(r.id) + ", 'C1." + std::to_string(turn) + "', '1', '', '', 1, 1)");
    EXPECT_EQ(store_->GetRound(round.id).value().title, title);
    EXPECT_EQ(store_->GetRespondent(r.id).value().name, title);
    EXPECT_EQ(store_->AnswersOf(r.id).value().size(), static_cast<size_t>(turn));
    ExecuteSql("DELETE FROM sessions WHERE id_hash = 'kept'");
    EXPECT_FALSE(store_->FindSession("kept", 200).ok());
    ASSERT_TRUE(store_->CreateSession({"kept", 0, r.id, "csrf", 100, 100, 10000}).ok());
  }
}

// A respondent's round comes with its groups, which the node keeps by the round's own version:
// a change of their weights, through this store or another node's, shows on the next look-up,
// and two rounds' groups are never mixed up.
TEST_P(StoreContract, ASessionsRoundHasItsGroupsAsTheyAreNow) {
  const Round round = MakeOpenRound("ARM");
  const Respondent ana = Invite(round, "Ana", "Agencies");
  ASSERT_TRUE(store_->CreateSession({"ana", 0, ana.id, "csrf", 100, 100, 1000}).ok());
  auto other = store_->CreateRound({"KEN", "Other", 2026, "meter", "2.0", {{"Only group", 3.5}}},
                                   "coord@example.org");
  ASSERT_TRUE(other.ok()) << other.error().ToString();
  ASSERT_TRUE(store_->SetRoundStatus(other.value().id, RoundStatus::kOpen, "c").ok());
  const Respondent ben = Invite(other.value(), "Ben", "Only group");
  ASSERT_TRUE(store_->CreateSession({"ben", 0, ben.id, "csrf", 100, 100, 1000}).ok());
  const auto weight_of = [&](const std::string& session, const std::string& group) {
    const auto found = store_->FindSessionWithCaller(session, 200);
    EXPECT_TRUE(found.ok() && found.value().round) << session;
    if (!found.ok() || !found.value().round) return -2.0;
    for (const RespondentGroup& g : found.value().round->groups)
      if (g.name == group) return g.weight;
    return -1.0;
  };
  EXPECT_EQ(weight_of("ana", "Agencies"), 1.0);
  EXPECT_EQ(weight_of("ben", "Only group"), 3.5);
  EXPECT_EQ(weight_of("ana", "Agencies"), 1.0);  // read again, as kept
  ASSERT_TRUE(store_->SetGroupWeights(round.id, {{"Agencies", 2.5}}, "c").ok());
  EXPECT_EQ(weight_of("ana", "Agencies"), 2.5);
  // Another node's change: another store on the same database.
  auto elsewhere = OpenStore(url_);
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().ToString();
  ASSERT_TRUE(elsewhere.value()->SetGroupWeights(round.id, {{"Agencies", 0.5}}, "c").ok());
  EXPECT_EQ(weight_of("ana", "Agencies"), 0.5);
  EXPECT_EQ(weight_of("ben", "Only group"), 3.5);
}

TEST_P(StoreContract, ASessionIsFoundWithItsUserOrRespondentAndRound) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "Ana", "Agencies");
  ASSERT_TRUE(store_->CreateSession({"resp", 0, r.id, "csrf", 100, 100, 1000}).ok());
  auto user = store_->CreateUser(
      {0, "u@example.org", "U", Role::kCoordinator, {"ARM", "FRA"}, "h", false, 0}, "cli");
  ASSERT_TRUE(store_->CreateSession({"user", user.value().id, 0, "csrf", 100, 100, 1000}).ok());
  auto found = store_->FindSessionWithCaller("resp", 200);
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  EXPECT_EQ(found.value().session.respondent_id, r.id);
  ASSERT_TRUE(found.value().respondent.has_value());
  EXPECT_EQ(found.value().respondent->name, "Ana");
  ASSERT_TRUE(found.value().round.has_value());
  EXPECT_EQ(found.value().round->title, "First round");
  EXPECT_EQ(found.value().round->status, RoundStatus::kOpen);
  EXPECT_EQ(found.value().round->groups.size(), round.groups.size());
  auto of_user = store_->FindSessionWithCaller("user", 200);
  ASSERT_TRUE(of_user.ok());
  EXPECT_EQ(of_user.value().session.user_id, user.value().id);
  EXPECT_FALSE(of_user.value().respondent.has_value());
  EXPECT_FALSE(of_user.value().round.has_value());
  ASSERT_TRUE(of_user.value().user.has_value());
  EXPECT_EQ(of_user.value().user->email, "u@example.org");
  EXPECT_EQ(of_user.value().user->role, Role::kCoordinator);
  EXPECT_EQ(of_user.value().user->countries, (std::vector<std::string>{"ARM", "FRA"}));
  EXPECT_FALSE(of_user.value().user->disabled);
  EXPECT_FALSE(found.value().user.has_value());
  // The user is read afresh on every look-up: a change made elsewhere shows on the next one.
  const std::string uid = std::to_string(user.value().id);
  ExecuteSql("UPDATE users SET disabled = 1 WHERE id = " + uid);
  ExecuteSql("DELETE FROM user_countries WHERE user_id = " + uid + " AND iso3 = 'FRA'");
  auto changed = store_->FindSessionWithCaller("user", 200);
  ASSERT_TRUE(changed.ok() && changed.value().user.has_value());
  EXPECT_TRUE(changed.value().user->disabled);
  EXPECT_EQ(changed.value().user->countries, (std::vector<std::string>{"ARM"}));
  EXPECT_EQ(store_->GetUser(user.value().id).value().countries, (std::vector<std::string>{"ARM"}));
  EXPECT_EQ(store_->FindSessionWithCaller("resp", 1001).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindSessionWithCaller("none", 200).error().code, ErrorCode::kNotFound);
}

// A read that fails half-way (here a table gone from under the store) is an error, and leaves
// the connection usable: no read transaction stays open, no broken statement is kept.
TEST_P(StoreContract, AFailedReadLeavesTheConnectionUsable) {
  const Round round = MakeOpenRound();
  ASSERT_TRUE(store_->GetRound(round.id).ok());
  ExecuteSql("ALTER TABLE round_groups RENAME TO round_groups_away");
  auto failed = store_->GetRound(round.id);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  ExecuteSql("ALTER TABLE round_groups_away RENAME TO round_groups");
  ExecuteSql("UPDATE rounds SET title = 'After the failure' WHERE id = " +
             std::to_string(round.id));
  for (int i = 0; i < 3; ++i) {
    auto again = store_->GetRound(round.id);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(again.value().title, "After the failure");
    EXPECT_EQ(again.value().groups.size(), round.groups.size());
  }
}

// The log says which statement failed, never the values bound to it (a token hash, an answer).
TEST_P(StoreContract, AFailedReadLogsNoBoundValue) {
  ExecuteSql("ALTER TABLE respondents RENAME TO respondents_away");
  ::testing::internal::CaptureStderr();
  auto failed = store_->FindRespondentByToken("secret-token-hash");
  const std::string log = ::testing::internal::GetCapturedStderr();
  ExecuteSql("ALTER TABLE respondents_away RENAME TO respondents");
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(log, HasSubstr("respondents"));
  EXPECT_THAT(log, ::testing::Not(HasSubstr("secret-token-hash")));
}

TEST_P(StoreContract, LoginAttemptsAreCountedWithinTheWindowUpToTheirLimit) {
  const std::vector<LoginLimit> ip1 = {{"ip:1", 2}};
  EXPECT_TRUE(store_->RecordLoginAttempt(ip1, 100, 0).value());
  EXPECT_TRUE(store_->RecordLoginAttempt(ip1, 110, 0).value());
  EXPECT_FALSE(store_->RecordLoginAttempt(ip1, 120, 0).value()) << "at the limit";
  EXPECT_EQ(store_->CountLoginFailures("ip:1", 0).value(), 2) << "a refused attempt is not kept";
  EXPECT_TRUE(store_->RecordLoginAttempt(ip1, 500, 400).value());  // the old ones expired
  EXPECT_EQ(store_->CountLoginFailures("ip:1", 0).value(), 1);
  // Two keys: refused as a whole when either is at its limit, recorded under both otherwise.
  EXPECT_TRUE(store_->RecordLoginAttempt({{"account:a", 1}, {"ip:2", 5}}, 500, 400).value());
  EXPECT_FALSE(store_->RecordLoginAttempt({{"account:a", 1}, {"ip:2", 5}}, 501, 400).value());
  EXPECT_EQ(store_->CountLoginFailures("ip:2", 0).value(), 1);
  // A success takes back its own attempt, and only one.
  EXPECT_TRUE(store_->RecordLoginAttempt({{"ip:3", 5}}, 600, 400).value());
  EXPECT_TRUE(store_->RecordLoginAttempt({{"ip:3", 5}}, 600, 400).value());
  ASSERT_TRUE(store_->ForgetLoginAttempt("ip:3", 600).ok());
  EXPECT_EQ(store_->CountLoginFailures("ip:3", 0).value(), 1);
  EXPECT_EQ(store_->CountLoginFailures("ip:2", 0).value(), 1);
  ASSERT_TRUE(store_->ClearLoginFailures("ip:1").ok());
  EXPECT_EQ(store_->CountLoginFailures("ip:1", 0).value(), 0);
}

// Issue 11, item 4: parallel attempts must not all see a count under the limit. 40 threads try
// at once; exactly the limit get through, on one key and on two.
TEST_P(StoreContract, ParallelLoginAttemptsGetThroughOnlyUpToTheLimit) {
  constexpr int kThreads = 40;
  std::atomic<int> ready{0}, allowed{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      // Each from its own address: only the account's limit of 5 can stop them.
      auto r = store_->RecordLoginAttempt(
          {{"account:victim", 5}, {"address:10.0.0." + std::to_string(i), 20}}, 1000, 0);
      if (!r.ok()) {
        ++failed;
      } else if (r.value()) {
        ++allowed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(allowed.load(), 5) << "attempts let through where the limit is 5";
  EXPECT_EQ(store_->CountLoginFailures("account:victim", 0).value(), 5);
}

// Issue 14, country management: one country at a time, audited on the country, only for a
// coordinator, and a repeated change writes nothing.
TEST_P(StoreContract, ACoordinatorIsGivenAndTakenACountry) {
  auto user = store_->CreateUser(
      {0, "k@example.org", "K", Role::kCoordinator, {"ARM"}, "h", false, 0}, "cli");
  ASSERT_TRUE(user.ok());
  const Id id = user.value().id;
  auto added = store_->AssignCountry(id, "KEN", true, "admin@example.org");
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  EXPECT_EQ(added.value().countries, (std::vector<std::string>{"ARM", "KEN"}));
  AuditFilter on_kenya;
  on_kenya.target = "country:KEN";
  auto events = store_->FindAudit(on_kenya).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "country.coordinator_add");
  EXPECT_EQ(events[0].detail, "k@example.org");
  EXPECT_TRUE(store_->AssignCountry(id, "KEN", true, "admin@example.org").ok());
  EXPECT_EQ(store_->FindAudit(on_kenya).value().size(), 1u) << "a repeated addition is audited";
  auto removed = store_->AssignCountry(id, "ARM", false, "admin@example.org");
  EXPECT_EQ(removed.value().countries, (std::vector<std::string>{"KEN"}));
  EXPECT_EQ(store_->ListAudit(1).value()[0].target, "country:ARM");

  auto expert =
      store_->CreateUser({0, "x@example.org", "X", Role::kExpert, {}, "h", false, 0}, "cli");
  auto refused = store_->AssignCountry(expert.value().id, "KEN", true, "admin@example.org");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(store_->GetUser(expert.value().id).value().countries.empty());
  EXPECT_EQ(store_->AssignCountry(4242, "KEN", true, "a").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, AUserIsEditedAndAPasswordLinkWorksOnceAndEndsSessions) {
  const Seconds now = std::time(nullptr);
  auto user = store_->CreateUser(
      {0, "c@example.org", "C", Role::kCoordinator, {"ARM"}, "old", false, 0}, "cli");
  ASSERT_TRUE(user.ok());
  const Id id = user.value().id;
  auto edited = store_->UpdateUser(id, Role::kCoordinator, {"KEN", "FRA"}, "admin@example.org");
  ASSERT_TRUE(edited.ok()) << edited.error().ToString();
  EXPECT_EQ(edited.value().countries, (std::vector<std::string>{"FRA", "KEN"}));
  EXPECT_EQ(store_->UpdateUser(id, Role::kExpert, {}, "admin@example.org").value().role,
            Role::kExpert);
  EXPECT_TRUE(store_->GetUser(id).value().countries.empty());
  EXPECT_EQ(store_->UpdateUser(4242, Role::kExpert, {}, "a").error().code, ErrorCode::kNotFound);
  auto log = store_->ListAudit(1).value();
  EXPECT_EQ(log[0].action, "user.edit");
  EXPECT_EQ(log[0].detail, "expert");

  ASSERT_TRUE(store_->CreatePasswordReset(id, "first", now + 100, "admin@example.org").ok());
  ASSERT_TRUE(store_->CreatePasswordReset(id, "second", now + 100, "admin@example.org").ok());
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "user.reset_link");
  EXPECT_EQ(store_->FindPasswordReset("first", now).error().code, ErrorCode::kNotFound)
      << "a newer link replaces the older";
  EXPECT_EQ(store_->FindPasswordReset("second", now).value().id, id);
  EXPECT_EQ(store_->FindPasswordReset("second", now + 100).error().code, ErrorCode::kNotFound)
      << "expired";
  EXPECT_EQ(store_->CreatePasswordReset(4242, "x", now + 100, "a").error().code,
            ErrorCode::kNotFound);

  ASSERT_TRUE(store_->CreateSession({"s1", id, 0, "csrf", now, now, now + 1000}).ok());
  auto used = store_->UsePasswordReset("second", "new-hash", now);
  ASSERT_TRUE(used.ok()) << used.error().ToString();
  EXPECT_EQ(store_->GetUser(id).value().password_hash, "new-hash");
  EXPECT_FALSE(store_->FindSession("s1", now).ok()) << "old sessions end on reset";
  EXPECT_EQ(store_->UsePasswordReset("second", "again", now).error().code, ErrorCode::kNotFound)
      << "single use";
  EXPECT_EQ(store_->GetUser(id).value().password_hash, "new-hash");
  log = store_->ListAudit(1).value();
  EXPECT_EQ(log[0].action, "user.password_reset");
  EXPECT_EQ(log[0].actor, "c@example.org");
}

TEST_P(StoreContract, TheAuditLogIsFilteredAndPaged) {
  ASSERT_TRUE(
      store_->CreateUser({0, "a@example.org", "A", Role::kAdmin, {}, "h", false, 0}, "cli").ok());
  const Round first = MakeOpenRound("ARM");  // round.create and round.open by coord@example.org
  const Round second = MakeOpenRound("KEN");
  AuditFilter all;
  all.limit = 100;
  const auto everything = store_->FindAudit(all).value();
  ASSERT_EQ(everything.size(), 5u);
  EXPECT_EQ(everything[0].target, "round:" + std::to_string(second.id)) << "newest first";
  AuditFilter by;
  by.actor = "coord@example.org";
  EXPECT_EQ(store_->FindAudit(by).value().size(), 4u);
  by.action = "round.open";
  EXPECT_EQ(store_->FindAudit(by).value().size(), 2u);
  by.round = first.id;
  auto one = store_->FindAudit(by).value();
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].target, "round:" + std::to_string(first.id));
  AuditFilter page;
  page.limit = 2;
  page.offset = 2;
  auto middle = store_->FindAudit(page).value();
  ASSERT_EQ(middle.size(), 2u);
  EXPECT_EQ(middle[0].id, everything[2].id);
  AuditFilter dates;
  dates.from = everything[0].at + 1;
  EXPECT_TRUE(store_->FindAudit(dates).value().empty());
  dates.from = 0;
  dates.to = everything[4].at;  // before the first event
  EXPECT_TRUE(store_->FindAudit(dates).value().empty());
  dates.to = 4000000000LL;  // beyond 32 bits: a bound value of any size
  EXPECT_EQ(store_->FindAudit(dates).value().size(), 5u);
  EXPECT_EQ(store_->AuditActions().value(),
            (std::vector<std::string>{"round.create", "round.open", "user.create"}));
}

TEST_P(StoreContract, RoundsMoveThroughTheirStatusesAndAreAudited) {
  auto round =
      store_->CreateRound({"KEN", "Baseline", 2026, "meter", "2.0", DefaultGroups()}, "c@x.org");
  ASSERT_TRUE(round.ok()) << round.error().ToString();
  const Id id = round.value().id;
  EXPECT_EQ(round.value().status, RoundStatus::kDraft);
  ASSERT_EQ(round.value().groups.size(), 3u);
  EXPECT_EQ(round.value().groups[2].name, "Civil society");
  EXPECT_EQ(store_->SetRoundStatus(id, RoundStatus::kClosed, "c@x.org").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->SetRoundStatus(id, RoundStatus::kOpen, "c@x.org").value().status,
            RoundStatus::kOpen);
  EXPECT_EQ(store_->SetRoundStatus(id, RoundStatus::kClosed, "c@x.org").value().status,
            RoundStatus::kClosed);
  EXPECT_EQ(store_->SetRoundStatus(id, RoundStatus::kOpen, "c@x.org").value().status,
            RoundStatus::kOpen);
  const auto audit = store_->ListAudit(10).value();
  ASSERT_GE(audit.size(), 4u);
  EXPECT_EQ(audit[0].action, "round.reopen");
  EXPECT_EQ(audit[1].action, "round.close");
  EXPECT_EQ(audit[0].actor, "c@x.org");
  EXPECT_EQ(audit[0].target, "round:" + std::to_string(id));
}

TEST_P(StoreContract, RoundsAreListedByCountry) {
  MakeOpenRound("ARM");
  MakeOpenRound("KEN");
  EXPECT_EQ(store_->ListRounds(std::nullopt).value().size(), 2u);
  const auto arm = store_->ListRounds(std::vector<std::string>{"ARM"}).value();
  ASSERT_EQ(arm.size(), 1u);
  EXPECT_EQ(arm[0].country, "ARM");
  EXPECT_TRUE(store_->ListRounds(std::vector<std::string>{}).value().empty());
}

// Issue 14: the campaign reads every round's version in one statement; each is the one
// CacheVersionsOf gives, and a write to one round bumps its own alone.
TEST_P(StoreContract, RoundVersionsAreEachRoundsCacheVersion) {
  const Round arm = MakeOpenRound("ARM");
  const Round ken = MakeOpenRound("KEN");
  auto before = store_->RoundVersions();
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  for (const Round* r : {&arm, &ken}) {
    const auto found = before.value().find(r->id);
    const long long listed = found == before.value().end() ? 0 : found->second;
    EXPECT_EQ(listed, store_->CacheVersionsOf(r->id).value().round) << r->country;
  }
  ASSERT_TRUE(store_->SetGroupWeights(arm.id, {{"Agencies", 2}}, "c@x.org").ok());
  const auto after = store_->RoundVersions().value();
  ASSERT_TRUE(after.count(arm.id));
  EXPECT_GT(after.at(arm.id), before.value().count(arm.id) ? before.value().at(arm.id) : 0);
  EXPECT_EQ(after.at(arm.id), store_->CacheVersionsOf(arm.id).value().round);
  EXPECT_EQ(after.count(ken.id) ? after.at(ken.id) : 0,
            before.value().count(ken.id) ? before.value().at(ken.id) : 0);
}

// Migration 15: a round's version is its own row plus its respondents' saves. Every save and
// every other write of the round raises it, the three readers give the same number, a refused save
// leaves it as it was, and another round's does not move.
TEST_P(StoreContract, EverySaveAndEveryOtherWriteOfARoundRaisesItsVersion) {
  const Round round = MakeOpenRound("ARM");
  const Round other = MakeOpenRound("KEN");
  const Respondent ana = Invite(round, "Ana", "Agencies");
  const Respondent ben = Invite(round, "Ben", "Civil society");
  const long long other_before = store_->CacheVersionsOf(other.id).value().round;
  long long last = store_->CacheVersionsOf(round.id).value().round;
  const auto version_now = [&](const std::string& step) {
    const long long now = store_->CacheVersionsOf(round.id).value().round;
    EXPECT_EQ(store_->GetRoundWithVersions(round.id).value().versions.round, now) << step;
    const auto listed = store_->RoundVersions().value();
    EXPECT_EQ(listed.count(round.id) ? listed.at(round.id) : 0, now) << step;
    return now;
  };
  const auto expect_raised = [&](const std::string& step) {
    const long long now = version_now(step);
    EXPECT_GT(now, last) << step;
    last = now;
  };
  ASSERT_TRUE(store_->SaveAnswers(ana.id, {{"C1.1", "3", "", "", 0}}, 10).ok());
  expect_raised("Ana's first save");
  ASSERT_TRUE(store_->SaveAnswers(ben.id, {{"C1.1", "1", "", "", 0}}, 10).ok());
  expect_raised("Ben's first save");
  ASSERT_TRUE(store_->SetGroupWeights(round.id, {{"Agencies", 2}}, "c@x.org").ok());
  expect_raised("the group weights");
  ASSERT_TRUE(
      store_->SaveAnswers(ana.id, {{"C1.1", "4", "", "", 1}, {"C1.2", "2", "", "", 0}}, 11).ok());
  expect_raised("Ana's second save");
  ASSERT_TRUE(store_->RevokeRespondent(ben.id, "c@x.org").ok());
  expect_raised("Ben's link revoked");
  EXPECT_EQ(store_->SaveAnswers(ana.id, {{"C1.1", "0", "", "", 1}}, 12).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(version_now("a refused save"), last);
  // Closing moves the respondents' counts onto the round's row; the version still only grows,
  // through the close, a reopen and the saves after it.
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "c@x.org").ok());
  expect_raised("the round closed");
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kOpen, "c@x.org").ok());
  expect_raised("the round reopened");
  ASSERT_TRUE(store_->SaveAnswers(ana.id, {{"C1.1", "1", "", "", 2}}, 13).ok());
  expect_raised("Ana's save after the reopening");
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "c@x.org").ok());
  expect_raised("the round closed again");
  EXPECT_EQ(store_->CacheVersionsOf(other.id).value().round, other_before);
}

// The score pages read a round and its versions at once; both are what the separate reads give,
// before and after a write to the round.
TEST_P(StoreContract, ARoundIsReadWithItsVersions) {
  const Round round = MakeOpenRound();
  for (int turn = 0; turn < 2; ++turn) {
    auto found = store_->GetRoundWithVersions(round.id);
    ASSERT_TRUE(found.ok()) << found.error().ToString();
    EXPECT_EQ(found.value().round.title, store_->GetRound(round.id).value().title);
    EXPECT_EQ(found.value().round.groups.size(), round.groups.size());
    EXPECT_EQ(found.value().versions, store_->CacheVersionsOf(round.id).value());
    ASSERT_TRUE(store_->SetGroupWeights(round.id, {{"Agencies", 2.0 + turn}}, "c@x.org").ok());
    EXPECT_GT(store_->CacheVersionsOf(round.id).value().round, found.value().versions.round);
  }
  EXPECT_EQ(store_->GetRoundWithVersions(round.id + 1000).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, GroupWeightsCanBeEditedButNotInvented) {
  const Round round = MakeOpenRound();
  auto changed = store_->SetGroupWeights(round.id, {{"Agencies", 2.5}}, "c@x.org");
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_EQ(changed.value().groups[1].weight, 2.5);
  EXPECT_EQ(store_->SetGroupWeights(round.id, {{"Martians", 1}}, "c").error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->SetGroupWeights(round.id, {{"Agencies", 0}}, "c").error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->GetRound(round.id).value().groups[1].weight, 2.5);  // nothing partial
}

TEST_P(StoreContract, RespondentsBelongToARoundGroupAndCanBeRevoked) {
  const Round round = MakeOpenRound();
  Respondent bad;
  bad.round_id = round.id;
  bad.name = "x";
  bad.group = "Nobody";
  bad.token_hash = "t-x";
  EXPECT_EQ(store_->AddRespondent(bad, "c").error().code, ErrorCode::kInvalidInput);
  Respondent r = Invite(round, "amina@gov.example", "Agencies");
  r.pillars = {};
  auto found = store_->FindRespondentByToken("hash-amina@gov.example");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value().group, "Agencies");
  EXPECT_FALSE(found.value().revoked);
  ASSERT_TRUE(store_->ReissueToken(r.id, "fresh-hash", 77, "c").ok());
  EXPECT_FALSE(store_->FindRespondentByToken("hash-amina@gov.example").ok());
  EXPECT_EQ(store_->FindRespondentByToken("fresh-hash").value().reminded_at, 77);
  ASSERT_TRUE(store_->RevokeRespondent(r.id, "c").ok());
  EXPECT_TRUE(store_->GetRespondent(r.id).value().revoked);
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 1u);
}

// Issue 11: a closed round takes no new weights, invitations or links (reopen first); a withdrawn
// respondent can be restored; a name is invited once per round.
TEST_P(StoreContract, AClosedRoundTakesNoWeightsInvitationsOrNewLinks) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "before@gov.example", "Agencies");
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "c").ok());
  auto weights = store_->SetGroupWeights(round.id, {{"Agencies", 3}}, "c");
  ASSERT_FALSE(weights.ok());
  EXPECT_EQ(weights.error().code, ErrorCode::kConflict);
  EXPECT_THAT(weights.error().ToString(), HasSubstr("reopen the round first"));
  EXPECT_EQ(store_->GetRound(round.id).value().groups[1].weight, 1);
  Respondent late;
  late.round_id = round.id;
  late.name = "late@gov.example";
  late.group = "Agencies";
  late.token_hash = "hash-late";
  EXPECT_EQ(store_->AddRespondent(late, "c").error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ReissueToken(r.id, "fresh", 5, "c").error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->FindRespondentByToken("hash-before@gov.example").ok()) << "link unchanged";
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 1u);
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kOpen, "c").ok());
  EXPECT_TRUE(store_->SetGroupWeights(round.id, {{"Agencies", 3}}, "c").ok());
  EXPECT_TRUE(store_->AddRespondent(late, "c").ok());
}

TEST_P(StoreContract, AWithdrawnRespondentIsRestoredAndANameIsInvitedOnce) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "amina@gov.example", "Agencies");
  ASSERT_TRUE(store_->RevokeRespondent(r.id, "c").ok());
  EXPECT_FALSE(InvitationValid(store_->GetRespondent(r.id).value(), 0));
  ASSERT_TRUE(store_->RestoreRespondent(r.id, "restorer").ok());
  const Respondent back = store_->FindRespondentByToken("hash-amina@gov.example").value();
  EXPECT_TRUE(InvitationValid(back, 0)) << "the same link works again";
  ASSERT_TRUE(store_->RestoreRespondent(r.id, "again").ok()) << "a second restore is harmless";
  Respondent twice;
  twice.round_id = round.id;
  twice.name = "amina@gov.example";
  twice.group = "Central government";
  twice.token_hash = "hash-twice";
  auto refused = store_->AddRespondent(twice, "c");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 1u);
}

TEST_P(StoreContract, AnswersCarryVersionsAndStaleWritesConflict) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  auto first =
      store_->SaveAnswers(r.id, {{"C1.1", "3", "a comment", "https://example.org/law", 0}}, 10);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first.value().answers.size(), 1u);
  EXPECT_EQ(first.value().answers[0].version, 1);
  auto second = store_->SaveAnswers(r.id, {{"C1.1", "4", "", "", 1}}, 11);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().answers[0].version, 2);
  EXPECT_EQ(second.value().answers[0].value, "4");
  // A second tab that still holds version 1 must not overwrite the acknowledged save.
  auto stale = store_->SaveAnswers(r.id, {{"C1.1", "0", "", "", 1}}, 12);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_THAT(stale.error().ToString(), HasSubstr("C1.1: this answer was changed elsewhere"));
  EXPECT_EQ(store_->AnswersOf(r.id).value()[0].value, "4");
}

// Group commit (issue 14, the campaign mix): on SQLite the save lane runs many saves in one
// commit; each save stays all-or-nothing by itself, and none is visible to others, or stored,
// before the commit. Where the store does not share commits, each write commits by itself.
TEST_P(StoreContract, SavesSharingOneCommitAreEachAllOrNothing) {
  const Round round = MakeOpenRound();
  const Respondent a = Invite(round, "a", "Agencies");
  const Respondent b = Invite(round, "b", "Agencies");
  ASSERT_TRUE(store_->SaveAnswers(a.id, {{"C1.1", "1", "", "", 0}}, 10).ok());
  std::vector<std::optional<ErrorCode>> outcomes;  // nullopt: done
  size_t answered_inside = 0, seen_by_another_thread = 0;
  auto committed = store_->SharingOneCommit([&] {
    const auto outcome = [](const auto& result) -> std::optional<ErrorCode> {
      if (result.ok()) return std::nullopt;
      return result.error().code;
    };
    outcomes.push_back(outcome(store_->SaveAnswers(a.id, {{"C1.2", "2", "", "", 0}}, 11)));
    // Refused as a whole: its second write is stale, so its first is not stored either.
    outcomes.push_back(outcome(
        store_->SaveAnswers(b.id, {{"C1.3", "3", "", "", 0}, {"C1.1", "4", "", "", 5}}, 11)));
    // A write the database refuses (the same invitation twice) is undone alone.
    Respondent again = b;
    again.id = 0;
    again.name = "b again";
    outcomes.push_back(outcome(store_->AddRespondent(again, "coord@example.org")));
    outcomes.push_back(outcome(store_->SaveAnswers(b.id, {{"C1.4", "4", "", "", 0}}, 11)));
    answered_inside = store_->GetRespondent(a.id).value().answered;
    std::thread([&] { seen_by_another_thread = store_->AnswersOf(a.id).value().size(); }).join();
  });
  ASSERT_TRUE(committed.ok()) << committed.error().ToString();
  EXPECT_EQ(outcomes, (std::vector<std::optional<ErrorCode>>{std::nullopt, ErrorCode::kConflict,
                                                             ErrorCode::kConflict, std::nullopt}));
  EXPECT_EQ(answered_inside, 2u) << "this thread reads its own writes";
  EXPECT_EQ(seen_by_another_thread, store_->SharesCommits() ? 1u : 2u);
  std::vector<std::string> stored;
  for (Id id : {a.id, b.id}) {
    const std::vector<StoredAnswer> answers = store_->AnswersOf(id).value();
    for (const StoredAnswer& x : answers) stored.push_back(x.statement);
  }
  EXPECT_EQ(stored, (std::vector<std::string>{"C1.1", "C1.2", "C1.4"}));
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 2u);
  EXPECT_EQ(store_->GetRespondent(b.id).value().answered, 1u);
}

TEST_P(StoreContract, ASharedCommitThatThrowsStoresNothingOfIt) {
  const Round round = MakeOpenRound();
  const Respondent a = Invite(round, "a", "Agencies");
  EXPECT_THROW(store_->SharingOneCommit([&] {
    ASSERT_TRUE(store_->SaveAnswers(a.id, {{"C1.5", "1", "", "", 0}}, 12).ok());
    throw std::runtime_error("the caller failed");
  }),
               std::runtime_error);
  // Where writes commit by themselves, the one before the throw is stored.
  EXPECT_EQ(store_->AnswersOf(a.id).value().size(), store_->SharesCommits() ? 0u : 1u);
  EXPECT_EQ(store_->SharesCommits(), GetParam() == "sqlite");
  // The store goes on as before.
  ASSERT_TRUE(store_->SaveAnswers(a.id, {{"C1.6", "1", "", "", 0}}, 13).ok());
  EXPECT_EQ(store_->GetRespondent(a.id).value().answered, store_->SharesCommits() ? 1u : 2u);
}

TEST_P(StoreContract, APageReadsOnlyItsAnswersAndTheCountOfAnsweredIsKept) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  const Respondent other = Invite(round, "b", "Agencies");
  ASSERT_TRUE(store_
                  ->SaveAnswers(r.id,
                                {{"C1.1", "3", "", "", 0},
                                 {"C1.2", "", "only a comment", "", 0},
                                 {"C1.10", "DK", "", "", 0},
                                 {"C1.25", "1", "", "", 0},
                                 {"L1.1", "2", "", "", 0}},
                                10)
                  .ok());
  ASSERT_TRUE(store_->SaveAnswers(other.id, {{"C1.3", "1", "", "", 0}}, 10).ok());
  // Statements a value was given to: a comment alone does not count.
  EXPECT_EQ(store_->GetRespondent(r.id).value().answered, 4u);
  EXPECT_EQ(store_->GetRespondent(other.id).value().answered, 1u);
  // C1.25 sorts among the page's IDs but was not asked for; C1.3 is another respondent's.
  auto page = store_->AnswersTo(r.id, {"C1.1", "C1.2", "C1.3", "C1.10", "C1.11"});
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  std::vector<std::string> ids;
  for (const StoredAnswer& a : page.value()) ids.push_back(a.statement);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"C1.1", "C1.10", "C1.2"}));
  for (const StoredAnswer& a : page.value()) {
    EXPECT_EQ(a.respondent_id, r.id);
    EXPECT_EQ(a.version, 1);
    EXPECT_EQ(a.comment, a.statement == "C1.2" ? "only a comment" : "");
  }
  EXPECT_TRUE(store_->AnswersTo(r.id, {}).value().empty());
  EXPECT_TRUE(store_->AnswersTo(r.id, {"T9.9"}).value().empty());
  // Clearing a value lowers the count; a save refused as stale leaves it as it was.
  ASSERT_TRUE(store_->SaveAnswers(r.id, {{"C1.1", "", "", "", 1}}, 11).ok());
  EXPECT_EQ(store_->GetRespondent(r.id).value().answered, 3u);
  EXPECT_FALSE(
      store_->SaveAnswers(r.id, {{"C1.5", "1", "", "", 0}, {"C1.10", "2", "", "", 7}}, 12).ok());
  EXPECT_EQ(store_->GetRespondent(r.id).value().answered, 3u);
  // A database from before the count had it filled in by the migration that added it.
  store_.reset();
  ExecuteSql("ALTER TABLE respondents DROP COLUMN answered");
  // ... and from before every later schema (5: password reset links; 6: respondents' languages;
  // 7: the knowledge base's languages and search documents), which migrate again too.
  ExecuteSql("DROP TABLE password_resets");
  ExecuteSql("ALTER TABLE respondents DROP COLUMN language");
  ExecuteSql("DROP TABLE knowledge_texts");
  // 10: the e-mail outbox and what users saw of the changes (issue 13).
  ExecuteSql("DROP TABLE outbox");
  ExecuteSql("DROP TABLE user_changes");
  ExecuteSql("DROP TABLE egdi");            // 11: the UN E-Government Survey's figures (issue 14)
  ExecuteSql("DROP TABLE cache_versions");  // 12: the versions of cached scores (issue 14)
  // 13: e-mail to respondents and coordinators (issue 14).
  ExecuteSql("DROP TABLE round_reminders");
  ExecuteSql("ALTER TABLE respondents DROP COLUMN email");
  ExecuteSql("ALTER TABLE rounds DROP COLUMN deadline");
  // 14: the schema table's mark of additive migrations (issue 15).
  ExecuteSql("ALTER TABLE meter_schema DROP COLUMN additive");
  // 15: each respondent's count of saves, their share of the round's cache version (issue 14).
  ExecuteSql("ALTER TABLE respondents DROP COLUMN saves");
  for (const char* column :
       {"language", "search_title", "search_summary", "search_body", "search_version"}) {
    // On PostgreSQL the search column computed from them goes too; migration 7 makes it again.
    ExecuteSql(std::string("ALTER TABLE knowledge DROP COLUMN ") + column +
               (GetParam() == "postgresql" ? " CASCADE" : ""));
  }
  for (const char* table : {"proposal_votes", "proposal_comments", "proposal_texts", "proposals",
                            "instrument_versions"}) {
    ExecuteSql(std::string("DROP TABLE ") + table);  // migration 9
  }
  // Migration 8 (issue 13): the review of knowledge entries.
  ExecuteSql("DROP TABLE knowledge_reviews");
  ExecuteSql("DROP INDEX knowledge_status");
  for (const char* column : {"status", "licence", "author", "submitted_by", "submitted_at"}) {
    ExecuteSql(std::string("ALTER TABLE knowledge DROP COLUMN ") + column);
  }
  ExecuteSql("DELETE FROM meter_schema WHERE version >= 4");
  auto reopened = OpenStore(url_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  store_ = std::move(reopened).value();
  EXPECT_EQ(store_->GetRespondent(r.id).value().answered, 3u);
  EXPECT_EQ(store_->GetRespondent(other.id).value().answered, 1u);
}

TEST_P(StoreContract, ASaveOfManyAnswersIsAllOrNothing) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  ASSERT_TRUE(store_->SaveAnswers(r.id, {{"C1.2", "1", "", "", 0}}, 10).ok());
  auto mixed = store_->SaveAnswers(r.id, {{"C1.1", "2", "", "", 0}, {"C1.2", "3", "", "", 0}}, 11);
  ASSERT_FALSE(mixed.ok());
  const auto stored = store_->AnswersOf(r.id).value();
  ASSERT_EQ(stored.size(), 1u);  // C1.1 was not written
  EXPECT_EQ(stored[0].value, "1");
}

TEST_P(StoreContract, AnswersAreAcceptedOnlyWhileTheRoundIsOpen) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Civil society");
  ASSERT_TRUE(store_->SaveAnswers(r.id, {{"C1.1", "DK", "", "", 0}}, 10).ok());
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "c").ok());
  auto closed = store_->SaveAnswers(r.id, {{"C1.1", "2", "", "", 1}}, 11);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
  EXPECT_THAT(closed.error().ToString(), HasSubstr("the round is closed"));
  const auto all = store_->AnswersOfRound(round.id).value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].value, "DK");
}

TEST_P(StoreContract, TargetsAreReplacedWholeAndAudited) {
  const Round round = MakeOpenRound();
  ASSERT_TRUE(store_->SetTargets(round.id, {{"C", 70}, {"L", 62.5}}, "coord@example.org").ok());
  EXPECT_EQ(store_->TargetsOf(round.id).value(),
            (std::map<std::string, double>{{"C", 70}, {"L", 62.5}}));
  ASSERT_TRUE(store_->SetTargets(round.id, {{"T", 80}}, "coord@example.org").ok());
  EXPECT_EQ(store_->TargetsOf(round.id).value(), (std::map<std::string, double>{{"T", 80}}));
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "round.targets");
  auto missing = store_->SetTargets(987654, {{"C", 1}}, "coord@example.org");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, RoadmapEditsReplaceTheEditOfTheirSubArea) {
  const Round round = MakeOpenRound();
  ASSERT_TRUE(
      store_->SaveRoadmapEdit(round.id, {"T1", 2, "ICT agency", "2027-03-31"}, "c@example.org")
          .ok());
  ASSERT_TRUE(store_->SaveRoadmapEdit(round.id, {"C1", 0, "", ""}, "c@example.org").ok());
  ASSERT_TRUE(
      store_->SaveRoadmapEdit(round.id, {"T1", 3, "Ministry «ICT»", ""}, "c@example.org").ok());
  const auto edits = store_->RoadmapEditsOf(round.id).value();
  ASSERT_EQ(edits.size(), 2u);
  EXPECT_EQ(edits[0].subarea, "C1");
  EXPECT_EQ(edits[1].subarea, "T1");
  EXPECT_EQ(edits[1].phase, 3);
  EXPECT_EQ(edits[1].owner, "Ministry «ICT»");
  EXPECT_EQ(edits[1].due, "");
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "roadmap.edit");
  EXPECT_TRUE(store_->RoadmapEditsOf(round.id + 1).value().empty());
}

TEST_P(StoreContract, OnlyClosedRoundsArePublishedAndReopeningWithdrawsThem) {
  const Round round = MakeOpenRound();
  const std::map<std::string, double> scores = {{"overall", 41.5}, {"C", 60}, {"C1", 75.25}};
  auto early = store_->Publish(round.id, scores, "coord@example.org");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(store_->GetRound(round.id).value().published) << "nothing written on refusal";
  EXPECT_TRUE(store_->ListPublished().value().empty());
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "coord@example.org").ok());
  auto published = store_->Publish(round.id, scores, "coord@example.org");
  ASSERT_TRUE(published.ok()) << published.error().ToString();
  EXPECT_TRUE(published.value().published);
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "round.publish");
  const Round other = MakeOpenRound("KEN");
  auto listed = store_->ListPublished().value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].round.id, round.id);
  EXPECT_TRUE(listed[0].round.published);
  EXPECT_EQ(listed[0].scores, scores);
  // Reopening withdraws the round and its scores.
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kOpen, "coord@example.org").ok());
  EXPECT_FALSE(store_->GetRound(round.id).value().published);
  EXPECT_TRUE(store_->ListPublished().value().empty());
  // Published again after closing, with new scores; then withdrawn by hand.
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "coord@example.org").ok());
  ASSERT_TRUE(store_->Publish(round.id, {{"overall", 50}}, "coord@example.org").ok());
  EXPECT_EQ(store_->ListPublished().value()[0].scores,
            (std::map<std::string, double>{{"overall", 50}}));
  auto withdrawn = store_->Unpublish(round.id, "coord@example.org");
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_FALSE(withdrawn.value().published);
  EXPECT_TRUE(store_->ListPublished().value().empty());
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "round.unpublish");
  EXPECT_NE(other.id, round.id);
}

TEST_P(StoreContract, ANewerSchemaIsRefused) {
  store_.reset();
  {
    // Pretend a future METER migrated this database.
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok());
  }
  // Not additive (the column's default): a node of this release cannot run on it.
  ExecuteSql("INSERT INTO meter_schema (version, applied_at) VALUES (999, 0)");
  auto refused = OpenStore(url_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().ToString(),
              HasSubstr("schema version 999, newer than this METER knows"));
}

TEST_P(StoreContract, AWriteThatBreaksAUniqueKeyIsAConflictAndWritesNothing) {
  const Round round = MakeOpenRound();
  Invite(round, "first", "Agencies");
  Respondent twin;
  twin.round_id = round.id;
  twin.name = "second";
  twin.group = "Agencies";
  twin.token_hash = "hash-first";  // the same token as the first respondent's
  auto refused = store_->AddRespondent(twin, "c");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 1u);
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "respondent.invite");  // not audited twice
  ASSERT_TRUE(store_->CreateSession({"same", 1, 0, "a", 100, 100, 200}).ok());
  EXPECT_EQ(store_->CreateSession({"same", 2, 0, "b", 100, 100, 200}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->FindSession("same", 150).value().csrf_token, "a");
}

// Four tabs save the first version of one answer at once: one wins, the others are told to reload,
// whatever the order the engine runs them in.
TEST_P(StoreContract, ConcurrentFirstSavesOfOneAnswerLetExactlyOneWin) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  constexpr int kTabs = 4;
  std::vector<Result<SavedAnswers>> results(kTabs, Error::Of(ErrorCode::kInternal, "", "not run"));
  std::atomic<int> ready = 0;
  std::vector<std::thread> tabs;
  for (int i = 0; i < kTabs; ++i) {
    tabs.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kTabs) std::this_thread::yield();
      results[i] = store_->SaveAnswers(r.id, {{"C1.1", std::to_string(i), "", "", 0}}, 10);
    });
  }
  for (std::thread& t : tabs) t.join();
  int won = -1, conflicts = 0;
  for (int i = 0; i < kTabs; ++i) {
    if (results[i].ok()) {
      EXPECT_EQ(won, -1) << "two saves of version 1 both won";
      won = i;
    } else {
      EXPECT_EQ(results[i].error().code, ErrorCode::kConflict) << results[i].error().ToString();
      conflicts += results[i].error().code == ErrorCode::kConflict;
    }
  }
  ASSERT_NE(won, -1);
  EXPECT_EQ(conflicts, kTabs - 1);
  const auto stored = store_->AnswersOf(r.id).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value, std::to_string(won));
  EXPECT_EQ(stored[0].version, 1);
}

// A save returns the respondent's count of answered statements as it left it (the questionnaire's
// counter shows it without reading the respondent again), the same count the store keeps: a value
// (don't know included) counts, a cleared answer does not, a refused save changes nothing.
TEST_P(StoreContract, ASaveReturnsTheRespondentsCountOfAnswersAfterIt) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  const auto answered_after = [&](const std::vector<AnswerWrite>& writes) -> long long {
    auto saved = store_->SaveAnswers(r.id, writes, 10);
    if (!saved.ok()) return -1;
    EXPECT_EQ(saved.value().answered, store_->GetRespondent(r.id).value().answered);
    return static_cast<long long>(saved.value().answered);
  };
  EXPECT_EQ(answered_after({{"C1.1", "3", "", "", 0}}), 1);
  EXPECT_EQ(answered_after({{"C1.2", "DK", "", "", 0}}), 2);
  EXPECT_EQ(answered_after({{"C1.1", "4", "a comment", "", 1}}), 2);    // changed, still one
  EXPECT_EQ(answered_after({{"C1.1", "", "kept comment", "", 2}}), 1);  // cleared
  EXPECT_EQ(answered_after({{"C1.3", "", "only a comment", "", 0}}), 1);
  EXPECT_EQ(answered_after({{"C1.1", "2", "", "", 3}, {"C1.4", "1", "", "", 0}}), 3);
  EXPECT_EQ(answered_after({{"C1.2", "1", "", "", 0}}), -1);  // stale: refused
  EXPECT_EQ(store_->GetRespondent(r.id).value().answered, 3u);
}

// One respondent saving from several tabs at once, each tab its own answers, some of them given
// and cleared again: the count kept with the respondent ends equal to their answers with a value,
// whatever order the engine ran the saves in (on PostgreSQL one-answer saves count by difference,
// and a save that met another's update of the respondent's row must apply its difference to that
// one's count).
TEST_P(StoreContract, ConcurrentSavesOfOneRespondentKeepTheirCountOfAnswersRight) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  constexpr int kTabs = 4, kEach = 12;
  std::vector<std::string> ids;  // the store does not check statement IDs against an instrument
  for (int i = 0; i < kTabs * kEach; ++i)
    ids.push_back("T" + std::to_string(i / 6 + 1) + "." + std::to_string(i % 6 + 1));
  std::atomic<int> ready = 0, failed = 0, expected = 0;  // expected: answers left with a value
  std::vector<std::thread> tabs;
  for (int t = 0; t < kTabs; ++t) {
    tabs.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kTabs) std::this_thread::yield();
      for (int i = 0; i < kEach; ++i) {
        const std::string& id = ids[t * kEach + i];
        failed += !store_->SaveAnswers(r.id, {{id, "2", "", "", 0}}, 10).ok();
        // Every third answer is cleared again, in a save of its own; every fourth is saved again
        // with a new answer of the tab's, in a save of two (the transaction path on PostgreSQL).
        const bool cleared = i % 3 == 0, saved_again = i % 4 == 1;
        if (cleared) failed += !store_->SaveAnswers(r.id, {{id, "", "", "", 1}}, 11).ok();
        if (saved_again) {
          const std::string extra = "X" + std::to_string(t) + "." + std::to_string(i);
          failed +=
              !store_
                   ->SaveAnswers(r.id,
                                 {{id, "3", "", "", cleared ? 2 : 1}, {extra, "1", "", "", 0}}, 12)
                   .ok();
        }
        expected += (cleared && !saved_again ? 0 : 1) + (saved_again ? 1 : 0);
      }
    });
  }
  for (std::thread& t : tabs) t.join();
  EXPECT_EQ(failed.load(), 0);
  const auto answers = store_->AnswersOf(r.id);
  ASSERT_TRUE(answers.ok()) << answers.error().ToString();
  const size_t with_value = std::count_if(answers.value().begin(), answers.value().end(),
                                          [](const StoredAnswer& a) { return !a.value.empty(); });
  EXPECT_EQ(with_value, static_cast<size_t>(expected.load()));
  EXPECT_EQ(store_->GetRespondent(r.id).value().answered, with_value);
}

// A valid knowledge entry (the store does not check entries; the callers do).
KnowledgeEntry Knowledge(const std::string& slug, const std::string& kind, const std::string& title,
                         const std::string& body, std::vector<std::string> subareas = {"T2"},
                         const std::string& country = "") {
  KnowledgeEntry e;
  e.slug = slug;
  e.kind = kind;
  e.titles = {{"en", title}};
  e.country = country;
  e.region = country.empty() ? "" : "Europe";
  e.year = kind == "case" ? std::optional<int>(2001) : std::nullopt;
  for (const std::string& s : subareas) {
    const std::string pillar = s.substr(0, 1);
    if (std::find(e.pillars.begin(), e.pillars.end(), pillar) == e.pillars.end())
      e.pillars.push_back(pillar);
  }
  e.subareas = std::move(subareas);
  e.sources = {{"A source", "https://example.org/" + slug, ""}, {"", "", "Some publication"}};
  e.summaries = {{"en", "Summary of " + title + "."}};
  e.body_markdown = body;
  return e;
}

std::vector<std::string> Slugs(const Result<std::vector<KnowledgeSummary>>& found) {
  std::vector<std::string> out;
  EXPECT_TRUE(found.ok()) << found.error().ToString();
  if (found) {
    for (const KnowledgeSummary& s : found.value()) out.push_back(s.slug);
  }
  return out;
}

TEST_P(StoreContract, KnowledgeEntriesAreSavedReadAndFiltered) {
  const KnowledgeEntry xroad =
      Knowledge("case-x-road", "case", "X-Road", "## What was done\n", {"T2", "P3"}, "EST");
  auto saved = store_->SaveKnowledge(xroad, KnowledgeWrite::kCreate, std::nullopt, "e@x.org");
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  EXPECT_EQ(saved.value().entry, xroad);
  EXPECT_EQ(saved.value().origin, "web");
  EXPECT_EQ(saved.value().version, 1);
  EXPECT_EQ(saved.value().updated_by, "e@x.org");
  EXPECT_EQ(store_->GetKnowledge("case-x-road").value().entry, xroad);
  EXPECT_EQ(store_->GetKnowledge("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(
      store_->SaveKnowledge(xroad, KnowledgeWrite::kCreate, std::nullopt, "e@x.org").error().code,
      ErrorCode::kConflict);
  ASSERT_TRUE(store_
                  ->SaveKnowledge(Knowledge("lesson-b", "lesson", "B lesson", "", {"C1", "T2"}),
                                  KnowledgeWrite::kCreate, std::nullopt, "e@x.org")
                  .ok());
  ASSERT_TRUE(store_
                  ->SaveKnowledge(Knowledge("lesson-a", "lesson", "A lesson", "", {"T2"}),
                                  KnowledgeWrite::kCreate, std::nullopt, "e@x.org")
                  .ok());
  // Drafts are not listed; approved entries are.
  EXPECT_TRUE(Slugs(store_->ListKnowledge({})).empty());
  for (const char* slug : {"case-x-road", "lesson-b", "lesson-a"}) {
    ASSERT_TRUE(testing::ApproveKnowledge(*store_, slug).ok()) << slug;
  }

  EXPECT_EQ(Slugs(store_->ListKnowledge({})),
            (std::vector<std::string>{"lesson-a", "lesson-b", "case-x-road"}));
  EXPECT_EQ(Slugs(store_->ListKnowledge({"case", "", "", ""})),
            (std::vector<std::string>{"case-x-road"}));
  EXPECT_EQ(Slugs(store_->ListKnowledge({"", "C", "", ""})),
            (std::vector<std::string>{"lesson-b"}));
  EXPECT_EQ(Slugs(store_->ListKnowledge({"", "", "P3", ""})),
            (std::vector<std::string>{"case-x-road"}));
  EXPECT_EQ(Slugs(store_->ListKnowledge({"", "", "", "EST"})),
            (std::vector<std::string>{"case-x-road"}));
  EXPECT_TRUE(Slugs(store_->ListKnowledge({"lesson", "", "", "EST"})).empty());
  // Cases first, then by title.
  EXPECT_EQ(Slugs(store_->KnowledgeForSubArea("T2")),
            (std::vector<std::string>{"case-x-road", "lesson-a", "lesson-b"}));
  const auto listed = store_->ListKnowledge({"case", "", "", ""}).value();
  EXPECT_EQ(listed[0].pillars, (std::vector<std::string>{"T", "P"}));
  EXPECT_EQ(listed[0].subareas, (std::vector<std::string>{"T2", "P3"}));
  EXPECT_EQ(listed[0].year, 2001);

  KnowledgeEntry edited = xroad;
  edited.titles["en"] = "X-Road, edited";
  edited.sources = {{"Only source", "", ""}};
  auto stale = store_->SaveKnowledge(edited, KnowledgeWrite::kUpdate, 0, "a@x.org");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  // Created (1), submitted (2), approved (3).
  auto updated = store_->SaveKnowledge(edited, KnowledgeWrite::kUpdate, 3, "a@x.org");
  ASSERT_TRUE(updated.ok()) << updated.error().ToString();
  EXPECT_EQ(updated.value().version, 4);
  EXPECT_EQ(updated.value().status, KnowledgeStatus::kApproved);
  EXPECT_EQ(store_->GetKnowledge("case-x-road").value().entry, edited);
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "knowledge.edit");
  EXPECT_EQ(store_->ListAudit(1).value()[0].target, "knowledge:case-x-road");
  KnowledgeEntry ghost = edited;
  ghost.slug = "case-ghost";
  EXPECT_EQ(
      store_->SaveKnowledge(ghost, KnowledgeWrite::kUpdate, std::nullopt, "a@x.org").error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(store_->AllKnowledge().value().size(), 3u);
}

TEST_P(StoreContract, KnowledgeSearchRanksAndTakesAnyInputAsPlainWords) {
  for (const KnowledgeEntry& e :
       {Knowledge("lesson-interop", "lesson", "Interoperability frameworks",
                  "Agencies agree on standards for interoperability."),
        Knowledge("lesson-identity", "lesson", "Digital identity",
                  "An identity scheme helps interoperability a little."),
        Knowledge("lesson-budget", "lesson", "Budget lines", "Money for e-government.", {"C1"}),
        Knowledge("case-est", "case", "Once only in Estonia", "Data asked once.", {"T2"}, "EST")}) {
    ASSERT_TRUE(testing::SaveApprovedKnowledge(*store_, e).ok());
  }
  auto search = [&](const std::string& q, KnowledgeFilter f = {}) {
    return Slugs(store_->SearchKnowledge(KnowledgeSearchTerms(q), f, 10));
  };
  // The title weighs more than the body.
  EXPECT_EQ(search("interoperability"),
            (std::vector<std::string>{"lesson-interop", "lesson-identity"}));
  EXPECT_EQ(search("Interoperability IDENTITY"), (std::vector<std::string>{"lesson-identity"}));
  EXPECT_EQ(search("e-government"), (std::vector<std::string>{"lesson-budget"}));
  EXPECT_EQ(search("EST"), (std::vector<std::string>{"case-est"}));      // the country is a tag
  EXPECT_EQ(search("C1"), (std::vector<std::string>{"lesson-budget"}));  // and so is a sub-area
  EXPECT_EQ(search("interoperability", {"", "", "", "EST"}), std::vector<std::string>{});
  EXPECT_TRUE(search("").empty());
  EXPECT_TRUE(search("nothing-like-this").empty());
  EXPECT_EQ(Slugs(store_->SearchKnowledge({"interoperability"}, {}, 1)),
            (std::vector<std::string>{"lesson-interop"}));
  // Hostile input, through the search box's words and as raw words: never an error.
  for (const std::string q :
       {"\"", "\"\"\"", "NEAR(", "NEAR(a b)", "*", "a*", "AND OR (", "NOT", "title:x", "-x", "^x",
        "'; DROP TABLE knowledge; --", "\\", "{x}", "x:*", "!!", "«»"}) {
    auto through_box = store_->SearchKnowledge(KnowledgeSearchTerms(q), {}, 10);
    EXPECT_TRUE(through_box.ok()) << q << ": " << through_box.error().ToString();
    auto raw = store_->SearchKnowledge({q}, {}, 10);
    EXPECT_TRUE(raw.ok()) << q << ": " << raw.error().ToString();
  }
  EXPECT_EQ(search("\"interoperability\" AND"), std::vector<std::string>{});  // "AND" is a word
  EXPECT_EQ(search("\"interoperability\""),
            (std::vector<std::string>{"lesson-interop", "lesson-identity"}));
  EXPECT_EQ(store_->ListKnowledge({}).value().size(), 4u);

  // An edit keeps the search in step.
  KnowledgeEntry renamed = store_->GetKnowledge("lesson-budget").value().entry;
  renamed.titles["en"] = "Funding";
  renamed.body_markdown = "Treasury rules.";
  ASSERT_TRUE(
      store_->SaveKnowledge(renamed, KnowledgeWrite::kUpdate, std::nullopt, "a@x.org").ok());
  EXPECT_TRUE(search("e-government").empty());
  EXPECT_EQ(search("treasury"), (std::vector<std::string>{"lesson-budget"}));
}

TEST_P(StoreContract, SyncAddsReplacesAndRemovesFileEntriesButNeverAWebEdit) {
  auto file = [](const KnowledgeEntry& e, const std::string& hash) {
    return KnowledgeFile{e, hash, "content/knowledge/" + e.slug + ".md"};
  };
  const KnowledgeEntry a = Knowledge("lesson-a", "lesson", "A", "a\n");
  const KnowledgeEntry b = Knowledge("lesson-b", "lesson", "B", "b\n");
  auto first = store_->SyncKnowledgeFiles({file(a, "ha1"), file(b, "hb1")}, {}, "sync");
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first.value().added, (std::vector<std::string>{"lesson-a", "lesson-b"}));
  EXPECT_EQ(store_->GetKnowledge("lesson-a").value().origin, "file");
  EXPECT_EQ(store_->GetKnowledge("lesson-a").value().file_hash, "ha1");
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "knowledge.sync");

  auto same = store_->SyncKnowledgeFiles({file(a, "ha1"), file(b, "hb1")}, {}, "sync").value();
  EXPECT_TRUE(same.added.empty() && same.updated.empty() && same.removed.empty());

  // A changed file replaces its entry.
  KnowledgeEntry a2 = a;
  a2.titles["en"] = "A, revised";
  auto changed = store_->SyncKnowledgeFiles({file(a2, "ha2"), file(b, "hb1")}, {}, "sync").value();
  EXPECT_EQ(changed.updated, (std::vector<std::string>{"lesson-a"}));
  EXPECT_EQ(store_->GetKnowledge("lesson-a").value().entry.Title("en"), "A, revised");
  EXPECT_EQ(Slugs(store_->SearchKnowledge({"revised"}, {}, 5)),
            (std::vector<std::string>{"lesson-a"}));

  // A web edit wins over its file, changed or not; the change of the file is a conflict.
  KnowledgeEntry b_web = b;
  b_web.summaries["en"] = "Edited in the web.";
  ASSERT_TRUE(store_->SaveKnowledge(b_web, KnowledgeWrite::kUpdate, std::nullopt, "x@y.z").ok());
  EXPECT_EQ(store_->GetKnowledge("lesson-b").value().origin, "web");
  auto kept = store_->SyncKnowledgeFiles({file(a2, "ha2"), file(b, "hb1")}, {}, "sync").value();
  EXPECT_TRUE(kept.conflicts.empty());
  KnowledgeEntry b_file = b;
  b_file.summaries["en"] = "Edited in the file.";
  auto conflict =
      store_->SyncKnowledgeFiles({file(a2, "ha2"), file(b_file, "hb2")}, {}, "sync").value();
  EXPECT_EQ(conflict.conflicts, (std::vector<std::string>{"lesson-b"}));
  EXPECT_EQ(store_->GetKnowledge("lesson-b").value().entry.Summary("en"), "Edited in the web.");
  // Once the file says what the web says (the export was copied back), it is the file's again.
  auto merged =
      store_->SyncKnowledgeFiles({file(a2, "ha2"), file(b_web, "hb3")}, {}, "sync").value();
  EXPECT_TRUE(merged.conflicts.empty());
  EXPECT_EQ(store_->GetKnowledge("lesson-b").value().origin, "file");
  EXPECT_EQ(store_->GetKnowledge("lesson-b").value().file_hash, "hb3");

  // A file that cannot be read keeps its entry; a file that is gone takes its entry with it, but
  // never an entry made in the web.
  const KnowledgeEntry w = Knowledge("lesson-web", "lesson", "Web-made", "w\n");
  ASSERT_TRUE(store_->SaveKnowledge(w, KnowledgeWrite::kCreate, std::nullopt, "x@y.z").ok());
  auto broken = store_->SyncKnowledgeFiles({file(b_web, "hb3")}, {"lesson-a"}, "sync").value();
  EXPECT_TRUE(broken.removed.empty());
  EXPECT_TRUE(store_->GetKnowledge("lesson-a").ok());
  auto gone = store_->SyncKnowledgeFiles({file(b_web, "hb3")}, {}, "sync").value();
  EXPECT_EQ(gone.removed, (std::vector<std::string>{"lesson-a"}));
  EXPECT_EQ(store_->GetKnowledge("lesson-a").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Slugs(store_->SearchKnowledge({"revised"}, {}, 5)).empty());
  EXPECT_TRUE(store_->GetKnowledge("lesson-web").ok());
  // A file may join a web-made entry only by saying the same.
  KnowledgeEntry w_file = w;
  w_file.titles["en"] = "Different";
  auto joined = store_->SyncKnowledgeFiles({file(b_web, "hb3"), file(w_file, "hw")}, {}, "sync");
  EXPECT_EQ(joined.value().conflicts, (std::vector<std::string>{"lesson-web"}));
  EXPECT_EQ(store_->GetKnowledge("lesson-web").value().entry.Title("en"), "Web-made");
}

// Issue 13: knowledge contributions are drafts until another expert or the secretariat approves
// them; only approved entries are listed, searched, exported and tagged to sub-areas.
TEST_P(StoreContract, AKnowledgeDraftIsReviewedAndOnlyApprovedEntriesArePublic) {
  const KnowledgeEntry draft = Knowledge("case-x-road", "case", "X-Road", "body\n", {"T2"}, "EST");
  auto saved = store_->SaveKnowledge(draft, KnowledgeWrite::kCreate, std::nullopt, "a@x.org");
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  EXPECT_EQ(saved.value().status, KnowledgeStatus::kDraft);
  EXPECT_EQ(saved.value().author, "a@x.org");
  EXPECT_EQ(saved.value().entry.licence, "CC-BY-4.0");
  auto hidden = [&] {
    return Slugs(store_->ListKnowledge({})).empty() &&
           Slugs(store_->SearchKnowledge({"road"}, {}, 5)).empty() &&
           Slugs(store_->KnowledgeForSubArea("T2")).empty() &&
           store_->AllKnowledge().value().empty();
  };
  EXPECT_TRUE(hidden());
  const KnowledgeActor author{"a@x.org", false}, reviewer{"b@x.org", false};
  // Nobody judges a draft; only its author (or the secretariat) submits it, at its version.
  EXPECT_EQ(store_->ReviewKnowledge("case-x-road", KnowledgeVerdict::kApprove, "", 1, reviewer)
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->SubmitKnowledge("case-x-road", 1, reviewer).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->SubmitKnowledge("case-x-road", 0, author).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->SubmitKnowledge("nope", 1, author).error().code, ErrorCode::kNotFound);
  auto submitted = store_->SubmitKnowledge("case-x-road", 1, author);
  ASSERT_TRUE(submitted.ok()) << submitted.error().ToString();
  EXPECT_EQ(submitted.value().status, KnowledgeStatus::kInReview);
  EXPECT_EQ(submitted.value().submitted_by, "a@x.org");
  EXPECT_GT(submitted.value().submitted_at, 0);
  EXPECT_EQ(submitted.value().version, 2);
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "knowledge.submit");
  auto waiting = store_->KnowledgeAwaitingReview();
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting.value().size(), 1u);
  EXPECT_EQ(waiting.value()[0].entry.slug, "case-x-road");
  EXPECT_EQ(waiting.value()[0].entry.Title("en"), "X-Road");
  EXPECT_EQ(waiting.value()[0].submitted_by, "a@x.org");
  EXPECT_EQ(waiting.value()[0].submitted_at, submitted.value().submitted_at);
  EXPECT_TRUE(hidden());

  // The author never judges their own entry; changes need a text; a stale version is refused.
  EXPECT_EQ(store_->ReviewKnowledge("case-x-road", KnowledgeVerdict::kApprove, "", 2, author)
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->ReviewKnowledge("case-x-road", KnowledgeVerdict::kChanges, " ", 2, reviewer)
                .error()
                .code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->ReviewKnowledge("case-x-road", KnowledgeVerdict::kChanges, "More", 1, reviewer)
                .error()
                .code,
            ErrorCode::kConflict);
  auto changes = store_->ReviewKnowledge("case-x-road", KnowledgeVerdict::kChanges,
                                         "Name the **year**.", 2, reviewer);
  ASSERT_TRUE(changes.ok()) << changes.error().ToString();
  EXPECT_EQ(changes.value().status, KnowledgeStatus::kChangesRequested);
  EXPECT_EQ(store_->KnowledgeAwaitingReview().value().size(), 0u);
  auto unapproved = store_->UnapprovedKnowledge().value();
  ASSERT_EQ(unapproved.size(), 1u);
  EXPECT_EQ(unapproved[0].status, KnowledgeStatus::kChangesRequested);
  // The author answers in the thread, edits and submits again.
  ASSERT_TRUE(store_
                  ->ReviewKnowledge("case-x-road", KnowledgeVerdict::kComment, "Done.",
                                    std::nullopt, author)
                  .ok());
  KnowledgeEntry edited = draft;
  edited.year = 2001;
  edited.body_markdown = "body, with its year\n";
  auto resaved = store_->SaveKnowledge(edited, KnowledgeWrite::kUpdate, 3, "a@x.org");
  ASSERT_TRUE(resaved.ok()) << resaved.error().ToString();
  EXPECT_EQ(resaved.value().status, KnowledgeStatus::kChangesRequested);  // an edit keeps it
  EXPECT_EQ(resaved.value().author, "a@x.org");
  ASSERT_TRUE(store_->SubmitKnowledge("case-x-road", 4, author).ok());
  auto approved =
      store_->ReviewKnowledge("case-x-road", KnowledgeVerdict::kApprove, "", 5, reviewer);
  ASSERT_TRUE(approved.ok()) << approved.error().ToString();
  EXPECT_EQ(approved.value().status, KnowledgeStatus::kApproved);
  EXPECT_EQ(approved.value().entry, edited);
  EXPECT_EQ(store_->ListAudit(1).value()[0].action, "knowledge.approve");
  EXPECT_EQ(store_->ListAudit(2).value()[1].action, "knowledge.review");
  EXPECT_EQ(store_->ListAudit(2).value()[1].detail, "approve");
  EXPECT_FALSE(hidden());
  EXPECT_EQ(Slugs(store_->SearchKnowledge({"road"}, {}, 5)),
            (std::vector<std::string>{"case-x-road"}));
  EXPECT_TRUE(store_->UnapprovedKnowledge().value().empty());
  // An approved entry takes no more verdicts.
  EXPECT_EQ(store_
                ->ReviewKnowledge("case-x-road", KnowledgeVerdict::kComment, "Late", std::nullopt,
                                  reviewer)
                .error()
                .code,
            ErrorCode::kConflict);

  auto thread = store_->KnowledgeReviews("case-x-road");
  ASSERT_TRUE(thread.ok());
  ASSERT_EQ(thread.value().size(), 3u);
  EXPECT_EQ(thread.value()[0].verdict, KnowledgeVerdict::kChanges);
  EXPECT_EQ(thread.value()[0].actor, "b@x.org");
  EXPECT_EQ(thread.value()[0].text, "Name the **year**.");
  EXPECT_EQ(thread.value()[1].verdict, KnowledgeVerdict::kComment);
  EXPECT_EQ(thread.value()[1].actor, "a@x.org");
  EXPECT_EQ(thread.value()[2].verdict, KnowledgeVerdict::kApprove);
  EXPECT_TRUE(store_->KnowledgeReviews("nope").value().empty());
}

// Entries synced from content/knowledge/ are the secretariat's: approved, with their licence.
TEST_P(StoreContract, SyncedKnowledgeFilesAreApprovedWithTheirLicence) {
  KnowledgeEntry e = Knowledge("lesson-open", "lesson", "Open", "o\n");
  e.licence = "CC0-1.0";
  ASSERT_TRUE(
      store_->SyncKnowledgeFiles({{e, "h1", "content/knowledge/lesson-open.md"}}, {}, "sync").ok());
  const StoredKnowledge stored = store_->GetKnowledge("lesson-open").value();
  EXPECT_EQ(stored.status, KnowledgeStatus::kApproved);
  EXPECT_EQ(stored.entry.licence, "CC0-1.0");
  EXPECT_EQ(Slugs(store_->ListKnowledge({})), (std::vector<std::string>{"lesson-open"}));
  ASSERT_EQ(store_->AllKnowledge().value().size(), 1u);
  EXPECT_EQ(store_->AllKnowledge().value()[0].entry, e);
}

TEST(StoreUrl, RejectsUnknownSchemesAndUnreachableFiles) {
  EXPECT_EQ(OpenStore("mysql://x").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(OpenStore("sqlite:").error().code, ErrorCode::kInvalidInput);
  auto unreachable = OpenStore("sqlite:/proc/meter-cannot-be-here/x.db");
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable);
}

// Issue 11: PostgreSQL cannot store a NUL and libpq cut the text there, while SQLite kept it
// whole. Both engines now refuse such a text, naming the column, and write nothing.
TEST_P(StoreContract, ATextWithANulIsRefusedOnEveryEngineAndNothingIsWritten) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  const std::string nul("before\0after", 12);
  auto answer =
      store_->SaveAnswers(r.id, {{"C1.2", "3", "ok", "", 0}, {"C1.1", "3", nul, "", 0}}, 10);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(answer.error().ToString(), HasSubstr("answers.comment: "));
  EXPECT_TRUE(store_->AnswersOf(r.id).value().empty());

  auto created = store_->CreateRound({"ARM", nul, 2026, "meter", "2.0", DefaultGroups()}, "c");
  ASSERT_FALSE(created.ok());
  EXPECT_THAT(created.error().ToString(), HasSubstr("rounds.title: "));
  EXPECT_EQ(store_->ListRounds(std::nullopt).value().size(), 1u);

  Respondent named = r;
  named.id = 0;
  named.name = nul;
  named.token_hash = "other";
  auto invited = store_->AddRespondent(named, "c");
  ASSERT_FALSE(invited.ok());
  EXPECT_THAT(invited.error().ToString(), HasSubstr("respondents.name: "));
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 1u);

  auto user = store_->CreateUser({0, "n@example.org", nul, Role::kExpert, {}, "h", false, 0}, "c");
  ASSERT_FALSE(user.ok());
  EXPECT_THAT(user.error().ToString(), HasSubstr("users.name: "));
  EXPECT_TRUE(store_->ListUsers().value().empty());

  auto owner = store_->SaveRoadmapEdit(round.id, {"C1", 2, nul, ""}, "c");
  ASSERT_FALSE(owner.ok());
  EXPECT_THAT(owner.error().ToString(), HasSubstr("roadmap_edits.owner: "));
  EXPECT_TRUE(store_->RoadmapEditsOf(round.id).value().empty());

  KnowledgeEntry entry = Knowledge("lesson-nul", "lesson", "Title", "", {"T2"});
  entry.body_markdown = nul + "\n";
  auto knowledge = store_->SaveKnowledge(entry, KnowledgeWrite::kCreate, std::nullopt, "e");
  ASSERT_FALSE(knowledge.ok());
  EXPECT_THAT(knowledge.error().ToString(), HasSubstr("knowledge.body: "));
  EXPECT_EQ(store_->GetKnowledge("lesson-nul").error().code, ErrorCode::kNotFound);
}

// --- The expert channel (issue 13) --------------------------------------------------------------

TEST_P(StoreContract, InstrumentFilesComeInOnceAndAReleasedOneNeverChanges) {
  std::vector<InstrumentFile> files = {{"t", "1.0", "released", "released text", "t-1.0.yaml"},
                                       {"t", "2.0", "draft", "draft text", "t-2.0.yaml"}};
  auto first = store_->SyncInstrumentFiles(files, "system");
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_THAT(first.value(), ::testing::ElementsAre("t 1.0", "t 2.0"));
  auto again = store_->SyncInstrumentFiles(files, "system");
  ASSERT_TRUE(again.ok());
  EXPECT_THAT(again.value(), ::testing::IsEmpty());

  // A draft still as its file left it follows the file.
  files[1].yaml = "draft text, edited";
  auto draft = store_->SyncInstrumentFiles(files, "system");
  ASSERT_TRUE(draft.ok());
  EXPECT_THAT(draft.value(), ::testing::ElementsAre("t 2.0"));

  // A released file that changed is refused, naming the file, and nothing moves.
  files[0].yaml = "released text, edited";
  files[1].yaml = "draft text, edited twice";
  auto refused = store_->SyncInstrumentFiles(files, "system");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().problems[0].where, "t-1.0.yaml");
  EXPECT_EQ(store_->GetInstrumentVersion("t", "1.0").value().yaml, "released text");
  EXPECT_EQ(store_->GetInstrumentVersion("t", "2.0").value().yaml, "draft text, edited");
  EXPECT_EQ(store_->GetInstrumentVersion("t", "9.9").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ProposalsAreDiscussedVotedAndDecidedOnce) {
  ASSERT_TRUE(store_->SyncInstrumentFiles({{"t", "1.0", "released", "v1", "t.yaml"}}, "system"));
  StoredInstrumentVersion d;
  d.instrument_id = "t";
  d.version = "2.0";
  d.yaml = "draft revision 1";
  d.based_on = "1.0";
  ASSERT_TRUE(store_->CreateDraft(d, "admin@example.org").ok());
  EXPECT_EQ(store_->CreateDraft(d, "admin@example.org").error().code, ErrorCode::kConflict);

  Proposal p;
  p.instrument_id = "t";
  p.version = "2.0";
  p.change.kind = ProposalKind::kAddSubArea;
  p.change.target = "C3";
  p.change.parent = "C";
  p.change.text.Set("en", "Skills");
  p.change.text.Set("fr", "Compétences");
  p.change.actions[1].resize(2);
  p.change.actions[1][0].Set("en", "First action.");
  p.change.actions[1][1].Set("en", "Second action.");
  p.change.prerequisites = {"C1", "C2"};
  p.change.weight = 0.5;
  p.rationale = "Because **skills** matter.";
  p.sources = {"A report, 2024", "https://example.org/"};
  auto made = store_->CreateProposal(p, "expert@example.org");
  ASSERT_TRUE(made.ok()) << made.error().ToString();
  const Proposal got = store_->GetProposal(made.value().id).value();
  EXPECT_EQ(got.change.kind, ProposalKind::kAddSubArea);
  EXPECT_EQ(got.change.text.Get("fr"), "Compétences");
  EXPECT_EQ(got.change.actions[1][1].Get("en"), "Second action.");
  EXPECT_THAT(got.change.prerequisites, ::testing::ElementsAre("C1", "C2"));
  EXPECT_EQ(got.change.weight, 0.5);
  EXPECT_THAT(got.sources, ::testing::ElementsAre("A report, 2024", "https://example.org/"));
  EXPECT_EQ(got.author, "expert@example.org");
  EXPECT_EQ(got.status, ProposalStatus::kOpen);

  const Id id = got.id;
  auto first = store_->AddComment(id, {0, 0, "", "Why C3?", 0}, "second@example.org");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store_->AddComment(id, {0, first.value().id, "", "See the report.", 0},
                                 "expert@example.org"));
  EXPECT_EQ(store_->AddComment(id, {0, 999999, "", "Lost.", 0}, "x@example.org").error().code,
            ErrorCode::kNotFound);
  const auto comments = store_->CommentsOn(id).value();
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[1].parent, comments[0].id);

  ASSERT_TRUE(store_->CastVote(id, {"second@example.org", VoteChoice::kOppose, "Too soon", 0},
                               "second@example.org"));
  ASSERT_TRUE(store_->CastVote(id, {"second@example.org", VoteChoice::kSupport, "", 0},
                               "second@example.org"));
  const auto votes = store_->VotesOn(id).value();
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].choice, VoteChoice::kSupport);

  // A stale stamp, then a draft that moved: both conflicts, and nothing changes.
  ProposalDecision accept{
      id, ProposalStatus::kAccepted, "Agreed", got.version_stamp + 1, "draft revision 2", 1};
  EXPECT_EQ(store_->DecideProposal(accept, "admin@example.org").error().code, ErrorCode::kConflict);
  accept.expected_stamp = got.version_stamp;
  accept.draft_revision = 7;
  EXPECT_EQ(store_->DecideProposal(accept, "admin@example.org").error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->GetInstrumentVersion("t", "2.0").value().yaml, "draft revision 1");
  accept.draft_revision = 1;
  auto decided = store_->DecideProposal(accept, "admin@example.org");
  ASSERT_TRUE(decided.ok()) << decided.error().ToString();
  EXPECT_EQ(decided.value().status, ProposalStatus::kAccepted);
  EXPECT_EQ(decided.value().applied_revision, 2);
  const StoredInstrumentVersion now = store_->GetInstrumentVersion("t", "2.0").value();
  EXPECT_EQ(now.yaml, "draft revision 2");
  EXPECT_EQ(now.revision, 2);
  EXPECT_EQ(now.origin, "web");

  // Decided once: no second decision, no more votes.
  accept.expected_stamp = decided.value().version_stamp;
  EXPECT_EQ(store_->DecideProposal(accept, "admin@example.org").error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->CastVote(id, {"x@example.org", VoteChoice::kAbstain, "", 0}, "x@example.org")
                .error()
                .code,
            ErrorCode::kConflict);

  // A changed draft keeps its text when its file comes again; a release needs the revision.
  EXPECT_EQ(store_->ReleaseDraft("t", "2.0", "released 2.0", 1, "admin@example.org").error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(store_->ReleaseDraft("t", "2.0", "released 2.0", 2, "admin@example.org"));
  EXPECT_EQ(store_->GetInstrumentVersion("t", "2.0").value().status, "released");
  EXPECT_EQ(store_->CreateProposal(p, "expert@example.org").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->RetireVersion("t", "1.0", "admin@example.org"));
  EXPECT_EQ(store_->RetireVersion("t", "1.0", "admin@example.org").error().code,
            ErrorCode::kConflict);

  std::set<std::string> actions;
  const std::vector<AuditEvent> events = store_->ListAudit(100).value();
  for (const AuditEvent& e : events) actions.insert(e.action);
  for (const char* a :
       {"instrument.load", "instrument.draft", "proposal.create", "proposal.comment",
        "proposal.vote", "proposal.decide", "instrument.release", "instrument.retire"}) {
    EXPECT_TRUE(actions.count(a)) << a;
  }
}

// Issue 13: the e-mail outbox and what each user saw of the changes.

NewMail Mail(const std::string& to, const std::string& subject = "Hello") {
  return {to, subject, "Body of " + subject + "\n"};
}

TEST_P(StoreContract, AMessageIsClaimedByOneNodeUntilItsClaimExpiresAndSentOnce) {
  ASSERT_TRUE(store_->EnqueueMail(Mail("a@example.org"), 1000, "system").ok());
  ASSERT_TRUE(store_->EnqueueMail(Mail("b@example.org"), 1000, "system").ok());
  auto first = store_->ClaimMail("node-a", 1000, 300, 10);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first.value().size(), 2u);
  EXPECT_EQ(first.value()[0].recipient, "a@example.org");
  EXPECT_EQ(first.value()[0].attempts, 1);
  // Another node finds nothing while node A's claim lasts …
  EXPECT_TRUE(store_->ClaimMail("node-b", 1299, 300, 10).value().empty());
  // … and takes both once it expired (node A died mid-send).
  auto taken = store_->ClaimMail("node-b", 1300, 300, 10);
  ASSERT_EQ(taken.value().size(), 2u);
  EXPECT_EQ(taken.value()[0].attempts, 2);
  // Node A comes back too late: its claim is gone, and nothing it says is recorded.
  auto late = store_->MarkMailSent(first.value()[0], "node-a", 1301);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->MarkMailSent(taken.value()[0], "node-b", 1302).ok());
  EXPECT_FALSE(store_->MarkMailSent(taken.value()[0], "node-b", 1303).ok()) << "sent twice";
  const auto all = store_->ListMail(10).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].sent_at, 1302);  // newest first: b, then a
  EXPECT_EQ(all[0].sent_at, 0);
  // A sent message is never claimed again.
  ASSERT_TRUE(store_->MarkMailFailed(taken.value()[1], "node-b", "421 busy", 5000, 1304).ok());
  EXPECT_TRUE(store_->ClaimMail("node-c", 4999, 300, 10).value().empty());
  auto again = store_->ClaimMail("node-c", 5000, 300, 10).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].recipient, "b@example.org");
  EXPECT_EQ(again[0].last_error, "421 busy");
}

TEST_P(StoreContract, AMessageGivenUpOnIsFailedWithItsErrorAndAudited) {
  ASSERT_TRUE(store_->EnqueueMail(Mail("gone@example.org"), 10, "system").ok());
  auto claimed = store_->ClaimMail("node", 10, 300, 10).value();
  ASSERT_EQ(claimed.size(), 1u);
  ASSERT_TRUE(
      store_->MarkMailFailed(claimed[0], "node", "550 no such user", std::nullopt, 11).ok());
  const OutboxMessage m = store_->ListMail(1).value().at(0);
  EXPECT_EQ(m.failed_at, 11);
  EXPECT_EQ(m.last_error, "550 no such user");
  EXPECT_EQ(m.attempts, 1);
  EXPECT_TRUE(store_->ClaimMail("node", 100000, 300, 10).value().empty());
  AuditFilter failed;
  failed.action = "mail.failed";
  const auto events = store_->FindAudit(failed).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].target, "mail:" + std::to_string(m.id));
  EXPECT_THAT(events[0].detail, HasSubstr("gone@example.org: 550 no such user"));
}

TEST_P(StoreContract, ARecipientThatIsNotOneAddressIsRefusedAndNothingQueued) {
  for (const std::string to :
       {"a@example.org\r\nBcc: b@example.org", "a@b@c", "no-at", "a@x,b@y"}) {
    auto refused = store_->EnqueueMail(Mail(to), 1, "system");
    ASSERT_FALSE(refused.ok()) << to;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  }
  EXPECT_TRUE(store_->ListMail(10).value().empty());
}

TEST_P(StoreContract, NodesClaimingAtOnceGetEachMessageOnce) {
  constexpr int kMessages = 24, kNodes = 4;
  for (int i = 0; i < kMessages; ++i) {
    ASSERT_TRUE(store_->EnqueueMail(Mail("m" + std::to_string(i) + "@example.org"), 5, "s").ok());
  }
  std::vector<std::vector<OutboxMessage>> got(kNodes);
  std::atomic<int> ready = 0;
  std::vector<std::thread> nodes;
  for (int n = 0; n < kNodes; ++n) {
    nodes.emplace_back([&, n] {
      ++ready;
      while (ready.load() < kNodes) std::this_thread::yield();
      for (int round = 0; round < 6; ++round) {
        auto claimed = store_->ClaimMail("node-" + std::to_string(n), 5, 300, 2);
        if (claimed) got[n].insert(got[n].end(), claimed.value().begin(), claimed.value().end());
      }
    });
  }
  for (std::thread& t : nodes) t.join();
  // Whatever the nodes left (a claim that lost a race takes fewer than it asked for) is taken
  // afterwards: every message once, none twice.
  auto rest = store_->ClaimMail("node-last", 5, 300, kMessages);
  ASSERT_TRUE(rest.ok()) << rest.error().ToString();
  got.push_back(rest.value());
  std::vector<long long> ids;
  for (const auto& g : got) {
    for (const OutboxMessage& m : g) ids.push_back(m.id);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "a message claimed twice";
  EXPECT_EQ(ids.size(), static_cast<size_t>(kMessages));
}

TEST_P(StoreContract, AVisitToTheChangesRecordsWhatWasSeen) {
  auto expert =
      store_->CreateUser({0, "expert@example.org", "E", Role::kExpert, {}, "h", false, 0}, "admin");
  ASSERT_TRUE(expert.ok()) << expert.error().ToString();
  const Id id = expert.value().id;
  EXPECT_EQ(store_->ChangesStateOf(id).value().seen_at, 0);
  ASSERT_TRUE(store_
                  ->SaveKnowledge(Knowledge("lesson-one", "lesson", "One", "Body."),
                                  KnowledgeWrite::kCreate, std::nullopt, "author@example.org")
                  .ok());
  MakeOpenRound();  // round.create and round.open: not among the actions asked for
  const std::vector<std::string> actions = {"knowledge.create", "proposal.create"};
  auto events = store_->EventsAfter(0, actions, 10);
  ASSERT_TRUE(events.ok()) << events.error().ToString();
  ASSERT_EQ(events.value().size(), 1u);
  EXPECT_EQ(events.value()[0].action, "knowledge.create");
  EXPECT_EQ(events.value()[0].target, "knowledge:lesson-one");
  const long long last = events.value()[0].id;
  ASSERT_TRUE(store_->RecordChangesVisit(id, last, 500).ok());
  ASSERT_TRUE(store_->RecordChangesVisit(id, 0, 600).ok());  // a mark never goes back
  const ChangesState state = store_->ChangesStateOf(id).value();
  EXPECT_EQ(state.seen_up_to, last);
  EXPECT_EQ(state.seen_at, 600);
  EXPECT_TRUE(store_->EventsAfter(last, actions, 10).value().empty());
}

TEST_P(StoreContract, ADigestIsDueDailyClaimedByOneNodeAndQueuedWithItsMessage) {
  auto expert =
      store_->CreateUser({0, "expert@example.org", "E", Role::kExpert, {}, "h", false, 0}, "admin");
  ASSERT_TRUE(expert.ok());
  const Id id = expert.value().id;
  EXPECT_EQ(store_->SetDigest(id + 100, true, "fr", 1000, "x").error().code, ErrorCode::kNotFound);
  auto on = store_->SetDigest(id, true, "fr", 1000, "expert@example.org");
  ASSERT_TRUE(on.ok()) << on.error().ToString();
  EXPECT_TRUE(on.value().digest);
  EXPECT_EQ(on.value().digest_language, "fr");
  EXPECT_EQ(on.value().digest_due_at, 1000 + 86400);
  EXPECT_TRUE(store_->DueDigests(1000 + 86399).value().empty());
  EXPECT_EQ(store_->DueDigests(1000 + 86400).value(), std::vector<Id>{id});
  auto a = store_->ClaimDigest(id, "node-a", 90000, 300);
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  ASSERT_TRUE(a.value().has_value());
  EXPECT_EQ(a.value()->user.email, "expert@example.org");
  EXPECT_FALSE(store_->ClaimDigest(id, "node-b", 90001, 300).value().has_value());
  EXPECT_TRUE(store_->DueDigests(90001).value().empty());
  auto lost = store_->CompleteDigest(id, "node-b", 7, 200000, Mail("expert@example.org"), 90002);
  EXPECT_EQ(lost.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->ListMail(10).value().empty());
  ASSERT_TRUE(
      store_->CompleteDigest(id, "node-a", 7, 200000, Mail("expert@example.org"), 90003).ok());
  EXPECT_EQ(store_->ListMail(10).value().size(), 1u);
  EXPECT_EQ(store_->ChangesStateOf(id).value().digest_up_to, 7);
  EXPECT_TRUE(store_->DueDigests(199999).value().empty());
  EXPECT_FALSE(store_->SetDigest(id, false, "fr", 1000, "expert@example.org").value().digest);
  EXPECT_TRUE(store_->DueDigests(300000).value().empty());
}

// Issue 14: invitations with their messages, deadlines and reminders queued once.

Invitation Invited(const std::string& name, const std::string& group, const std::string& email) {
  Respondent r;
  r.name = name;
  r.group = group;
  r.email = email;
  r.language = "fr";
  r.token_hash = "hash-" + name;
  NewMail mail{email,
               "Invitation",
               "Link: https://m.example/r/{{secret}}\n",
               name,
               "fr",
               "token-" + name,
               MailAbout{0, 0, "invitation"}};
  return {r, mail};
}

TEST_P(StoreContract, InvitationsAndTheirMessagesAreWrittenTogetherOrNotAtAll) {
  const Round round = MakeOpenRound();
  auto invited = store_->InviteRespondents(round.id,
                                           {Invited("Ana", "Agencies", "ana@example.org"),
                                            {Invite(round, "Ben", "Agencies"), std::nullopt}},
                                           "coord@example.org");
  // Ben is a respondent already: nothing of the two is written.
  ASSERT_FALSE(invited.ok());
  EXPECT_EQ(invited.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ListRespondents(round.id).value().size(), 1u);
  EXPECT_TRUE(store_->ListMail(10).value().empty());
  invited = store_->InviteRespondents(
      round.id, {Invited("Ana", "Agencies", "ana@example.org"), Invited("Cy", "Nobody", "c@x.org")},
      "coord@example.org");
  ASSERT_FALSE(invited.ok());
  EXPECT_EQ(invited.error().code, ErrorCode::kInvalidInput);  // a group not of the round
  EXPECT_TRUE(store_->ListMail(10).value().empty());

  invited = store_->InviteRespondents(round.id, {Invited("Ana", "Agencies", "ana@example.org")},
                                      "coord@example.org");
  ASSERT_TRUE(invited.ok()) << invited.error().ToString();
  const Respondent ana = invited.value().at(0);
  EXPECT_EQ(ana.email, "ana@example.org");
  EXPECT_EQ(store_->GetRespondent(ana.id).value().email, "ana@example.org");
  const auto mail = store_->MailOfRound(round.id).value();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].about.respondent_id, ana.id);
  EXPECT_EQ(mail[0].about.kind, "invitation");
  EXPECT_EQ(mail[0].recipient_name, "Ana");
  EXPECT_EQ(mail[0].language, "fr");
  EXPECT_EQ(mail[0].secret, "");  // never on the round page
  // The sender gets the secret, and once sent it is erased.
  auto claimed = store_->ClaimMail("node", 2000000000, 300, 10).value();
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].secret, "token-Ana");
  ASSERT_TRUE(store_->MarkMailSent(claimed[0], "node", 2000000001).ok());
  EXPECT_EQ(store_->ListMail(1).value().at(0).secret, "");
  // A closed round takes no invitations and no deadline.
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "c").ok());
  EXPECT_EQ(store_->InviteRespondents(round.id, {Invited("Dee", "Agencies", "d@x.org")}, "c")
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->SetRoundDeadline(round.id, 5000, "c").error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, ARoundsDeadlineIsKeptAndAuditedAndOpenRoundsAreListed) {
  const Round round = MakeOpenRound();
  MakeOpenRound("FRA");
  auto draft = store_->CreateRound({"ARM", "Draft", 2026, "meter", "2.0", DefaultGroups()}, "c");
  ASSERT_TRUE(draft.ok());
  ASSERT_TRUE(store_->SetRoundDeadline(round.id, 1796083199, "coord@example.org").ok());
  EXPECT_EQ(store_->GetRound(round.id).value().deadline, 1796083199);
  const auto open = store_->OpenRounds().value();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, round.id);
  EXPECT_EQ(open[0].deadline, 1796083199);
  EXPECT_FALSE(open[0].groups.empty());
  AuditFilter deadline;
  deadline.action = "round.deadline";
  EXPECT_EQ(store_->FindAudit(deadline).value().at(0).detail, "2026-11-30 23:59 UTC");
}

TEST_P(StoreContract, NodesQueueingTheSameReminderAtOnceQueueItOnce) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "Ana", "Agencies");
  const long long version_before = store_->CacheVersionsOf(round.id).value().round;
  constexpr int kNodes = 4;
  std::atomic<int> ready = 0, queued = 0, failed = 0;
  std::vector<std::thread> nodes;
  for (int n = 0; n < kNodes; ++n) {
    nodes.emplace_back([&, n] {
      ++ready;
      while (ready.load() < kNodes) std::this_thread::yield();
      NewMail mail{"ana@example.org",           "Reminder", "Body {{secret}}\n", "Ana", "en",
                   "token-" + std::to_string(n)};
      auto done = store_->QueueReminder({round.id, r.id, 0, "reminder-7d"},
                                        "new-hash-" + std::to_string(n), mail, 5000);
      if (!done) {
        ++failed;
      } else if (done.value()) {
        ++queued;
      }
    });
  }
  for (std::thread& t : nodes) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(queued.load(), 1);
  const auto mail = store_->MailOfRound(round.id).value();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].about.kind, "reminder-7d");
  const auto marks = store_->RemindersOf(round.id).value();
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].respondent_id, r.id);
  // The reminder's link replaced the respondent's, and the token it carries is the winner's.
  const Respondent after = store_->GetRespondent(r.id).value();
  EXPECT_EQ(after.reminded_at, 5000);
  EXPECT_GT(store_->CacheVersionsOf(round.id).value().round, version_before)
      << "the round's pages show the reminded date: its version moves with it";
  const std::string secret = store_->ListMail(1).value().at(0).secret;
  EXPECT_EQ(after.token_hash, "new-hash-" + secret.substr(secret.find('-') + 1));
  // Another kind, or a coordinator's notice, is a reminder of its own.
  EXPECT_TRUE(store_
                  ->QueueReminder({round.id, r.id, 0, "reminder-1d"}, std::nullopt,
                                  {"ana@example.org", "R", "B\n"}, 6000)
                  .value());
  EXPECT_TRUE(store_
                  ->QueueReminder({round.id, 0, 9, "closes-3d"}, std::nullopt,
                                  {"coord@example.org", "R", "B\n"}, 6000)
                  .value());
  EXPECT_EQ(store_->RemindersOf(round.id).value().size(), 3u);
  // A closed round gets no reminder.
  ASSERT_TRUE(store_->SetRoundStatus(round.id, RoundStatus::kClosed, "c").ok());
  EXPECT_EQ(store_
                ->QueueReminder({round.id, r.id, 0, "other"}, std::nullopt,
                                {"ana@example.org", "R", "B\n"}, 7000)
                .error()
                .code,
            ErrorCode::kConflict);
}

// Issue 14: the UN E-Government Survey's figures, with NULL for what the survey did not publish.

EgdiRow Egdi(const std::string& iso3, std::optional<int> rank, std::optional<double> egdi,
             std::optional<double> hci = 0.5) {
  return {iso3, 0, rank, egdi, 0.25, hci, 0.75, 0.0};
}

TEST_P(StoreContract, AnEgdiYearIsStoredWithItsMissingFiguresAndReplacedWhole) {
  ASSERT_TRUE(store_
                  ->ImportEgdi(
                      2010,
                      {Egdi("FRA", 10, 0.7), Egdi("KIR", std::nullopt, std::nullopt, std::nullopt)},
                      "admin@example.org")
                  .ok());
  ASSERT_TRUE(store_
                  ->ImportEgdi(2012,
                               {Egdi("FRA", 6, 0.8), Egdi("SVK", 49, 0.6), Egdi("SRB", 49, 0.6)},
                               "admin@example.org")
                  .ok());
  const auto kir = store_->EgdiOf("KIR").value();
  ASSERT_EQ(kir.size(), 1u);
  EXPECT_EQ(kir[0].year, 2010);
  EXPECT_FALSE(kir[0].rank);
  EXPECT_FALSE(kir[0].egdi);
  EXPECT_FALSE(kir[0].hci);
  EXPECT_EQ(kir[0].osi, 0.25);
  EXPECT_EQ(kir[0].epi, 0.0);  // a zero the survey gave stays a zero
  const auto fra = store_->EgdiOf("FRA").value();
  ASSERT_EQ(fra.size(), 2u);
  EXPECT_EQ(fra[0].year, 2010);  // oldest first
  EXPECT_EQ(fra[1].rank, 6);
  EXPECT_EQ(fra[1].egdi, 0.8);
  EXPECT_EQ(store_->EgdiYears().value(), (std::vector<int>{2010, 2012}));
  // A new file for 2012 replaces that year whole and leaves 2010 alone.
  ASSERT_TRUE(store_->ImportEgdi(2012, {Egdi("DEU", 12, 0.76)}, "admin@example.org").ok());
  const auto y2012 = store_->EgdiYear(2012).value();
  ASSERT_EQ(y2012.size(), 1u);
  EXPECT_EQ(y2012[0].iso3, "DEU");
  EXPECT_EQ(store_->EgdiYear(2010).value().size(), 2u);
  EXPECT_TRUE(store_->EgdiYear(2030).value().empty());
  EXPECT_TRUE(store_->EgdiOf("ZZZ").value().empty());
  AuditFilter imports;
  imports.action = "egdi.import";
  const auto events = store_->FindAudit(imports).value();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].actor, "admin@example.org");
}

TEST_P(StoreContract, AnEgdiYearWithACountryTwiceWritesNothing) {
  ASSERT_TRUE(store_->ImportEgdi(2018, {Egdi("FRA", 19, 0.87)}, "admin@example.org").ok());
  auto twice = store_->ImportEgdi(2018, {Egdi("DEU", 12, 0.76), Egdi("DEU", 13, 0.75)}, "admin");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidInput);
  const auto kept = store_->EgdiYear(2018).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].iso3, "FRA");
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace meter
