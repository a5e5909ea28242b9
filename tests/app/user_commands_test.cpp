// `meter user add` and `meter user passwd` apply the password rules: a refused password exits 2
// with the rule and the field named, and nothing is written (no user, the old password kept).
#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "store/sql_store.h"
#include "test_support.h"
#include "web/security.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using testing::Outcome;

class UserCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecurity());
    dir_ = fs::temp_directory_path() /
           ("meter-users-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "meter.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `meter ARGS --db DB` with `password` and a line break on standard input.
  Outcome Meter(const std::string& args, const std::string& password) {
    return testing::RunMeterIn(dir_, args + " --db '" + db_ + "'", password + "\n");
  }
  // The stored hash of `email`'s password, or "" when there is no such user.
  std::string HashOf(const std::string& email) {
    auto store = OpenStore(db_);
    if (!store) return "";
    auto user = store.value()->FindUserByEmail(email);
    return user ? user.value().password_hash : "";
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(UserCommands, AddRefusesAWeakPasswordAndWritesNothing) {
  struct Case {
    std::string email, password, message;
  };
  const std::vector<Case> cases = {
      {"short@gov.example", "too-short", "password: the password must have at least 12 characters"},
      {"common@gov.example", "Password1234", "password: this password is one of the most common"},
      {"same@gov.example", "same@gov.example", "password: the password must not be the e-mail"},
      {"maria.fernandez@gov.example", "Maria.Fernandez", "its part before the @"},
      {"long@gov.example", std::string(300, 'x'), "at most 256 characters"},
  };
  for (const Case& c : cases) {
    const Outcome r = Meter("user add --role expert --email " + c.email, c.password);
    EXPECT_EQ(r.code, 2) << c.email << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.email;
    EXPECT_EQ(r.out, "") << c.email;
  }
  // Refused before the database is opened: not even its file was made.
  EXPECT_FALSE(fs::exists(dir_ / "meter.db"));
  const Outcome good =
      Meter("user add --role expert --email good@gov.example", "a-good-passphrase");
  ASSERT_EQ(good.code, 0) << good.err;
  for (const Case& c : cases) EXPECT_EQ(HashOf(c.email), "") << c.email;
  EXPECT_TRUE(VerifyPassword(HashOf("good@gov.example"), "a-good-passphrase"));
}

TEST_F(UserCommands, PasswdRefusesAWeakPasswordAndKeepsTheOldOne) {
  ASSERT_EQ(Meter("user add --role admin --email root@gov.example", "first-passphrase-1").code, 0);
  const std::string before = HashOf("root@gov.example");
  for (const std::string& weak : {std::string("short"), std::string("QWERTY123456"),
                                  std::string("root@gov.example"), std::string("ROOT")}) {
    const Outcome r = Meter("user passwd --email root@gov.example", weak);
    EXPECT_EQ(r.code, 2) << weak;
    EXPECT_THAT(r.err, HasSubstr("password: ")) << weak;
  }
  EXPECT_EQ(HashOf("root@gov.example"), before);
  const Outcome changed = Meter("user passwd --email root@gov.example", "second-passphrase-2");
  ASSERT_EQ(changed.code, 0) << changed.err;
  EXPECT_THAT(changed.out, HasSubstr("password changed for root@gov.example"));
  EXPECT_TRUE(VerifyPassword(HashOf("root@gov.example"), "second-passphrase-2"));
  EXPECT_FALSE(VerifyPassword(HashOf("root@gov.example"), "first-passphrase-1"));
}

}  // namespace
}  // namespace meter
