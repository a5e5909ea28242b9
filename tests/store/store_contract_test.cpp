// The Store contract: one suite that every engine must pass, each test on a fresh database.
// SQLite runs on a new file per test. (PostgreSQL joins this list with its own fresh database per
// test when its backend is tested: issue 5.)
#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>

#include "store/sql_store.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::vector<std::string> Engines() { return {"sqlite"}; }

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    url_ = "sqlite:" + (dir_ / "meter.db").string();
    auto opened = OpenStore(url_);
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
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

  fs::path dir_;
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

TEST_P(StoreContract, LoginFailuresCountWithinTheWindow) {
  EXPECT_EQ(store_->RecordLoginFailure("ip:1", 100, 0).value(), 1);
  EXPECT_EQ(store_->RecordLoginFailure("ip:1", 110, 0).value(), 2);
  EXPECT_EQ(store_->RecordLoginFailure("ip:1", 500, 400).value(), 1);  // the old ones expired
  EXPECT_EQ(store_->CountLoginFailures("ip:1", 0).value(), 1);
  EXPECT_EQ(store_->CountLoginFailures("ip:2", 0).value(), 0);
  ASSERT_TRUE(store_->ClearLoginFailures("ip:1").ok());
  EXPECT_EQ(store_->CountLoginFailures("ip:1", 0).value(), 0);
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

TEST_P(StoreContract, AnswersCarryVersionsAndStaleWritesConflict) {
  const Round round = MakeOpenRound();
  const Respondent r = Invite(round, "a", "Agencies");
  auto first =
      store_->SaveAnswers(r.id, {{"C1.1", "3", "a comment", "https://example.org/law", 0}}, 10);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first.value().size(), 1u);
  EXPECT_EQ(first.value()[0].version, 1);
  auto second = store_->SaveAnswers(r.id, {{"C1.1", "4", "", "", 1}}, 11);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value()[0].version, 2);
  EXPECT_EQ(second.value()[0].value, "4");
  // A second tab that still holds version 1 must not overwrite the acknowledged save.
  auto stale = store_->SaveAnswers(r.id, {{"C1.1", "0", "", "", 1}}, 12);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_THAT(stale.error().ToString(), HasSubstr("C1.1: this answer was changed elsewhere"));
  EXPECT_EQ(store_->AnswersOf(r.id).value()[0].value, "4");
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

TEST_P(StoreContract, ANewerSchemaIsRefused) {
  store_.reset();
  {
    // Pretend a future METER migrated this database.
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok());
  }
  const std::string db = url_.substr(7);
  ASSERT_EQ(
      std::system(("sqlite3 '" + db + "' 'INSERT INTO meter_schema VALUES (999, 0)'").c_str()), 0);
  auto refused = OpenStore(url_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().ToString(),
              HasSubstr("schema version 999, newer than this METER knows"));
}

TEST(StoreUrl, RejectsUnknownSchemesAndUnreachableFiles) {
  EXPECT_EQ(OpenStore("mysql://x").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(OpenStore("sqlite:").error().code, ErrorCode::kInvalidInput);
  auto unreachable = OpenStore("sqlite:/proc/meter-cannot-be-here/x.db");
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace meter
