// The password rules: length in characters, the common-password list (case-insensitive), the
// account's own e-mail address, and the bundled list itself (it parses, is a few hundred strong,
// and lets the passwords the demo and the tests use through).
#include "core/password_policy.h"

#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;

PasswordPolicy Bundled() {
  auto policy = PasswordPolicy::Parse(
      testing::ReadText(testing::SourcePath("content/common-passwords.txt")), "common.txt");
  if (!policy) {
    ADD_FAILURE() << policy.error().ToString();
    return PasswordPolicy();
  }
  return std::move(policy).value();
}

// The rendered problem, or "" when the password is accepted.
std::string Verdict(const PasswordPolicy& policy, const std::string& password,
                    const std::string& email = "ana@gov.example") {
  const auto problem = policy.Check(password, email, "password");
  return problem ? Render(*problem) : "";
}

TEST(PasswordPolicy, RefusesEachBrokenRuleNamingTheField) {
  const PasswordPolicy policy = Bundled();
  struct Case {
    std::string password, email, expect;
  };
  const std::vector<Case> cases = {
      {"", "", "password: the password must have at least 12 characters"},
      {"eleven-char", "", "at least 12 characters"},
      // Twelve characters but more bytes: counted as characters.
      {"пароль-пароль", "", ""},
      {"密码密码密码密码密码密码", "", ""},
      {"密码密码密码密码密码", "", "at least 12 characters"},
      {std::string(256, 'x') + "", "", ""},
      {std::string(257, 'x'), "", "at most 256 characters"},
      {std::string(300, 'x'), "", "at most 256 characters"},
      {"caf\xe9-caf\xe9-caf\xe9", "", "not valid UTF-8"},
      {"password1234", "", "one of the most common ones"},
      {"PassWord1234", "", "one of the most common ones"},
      {"QWERTYUIOPASDF", "", "one of the most common ones"},
      {"correcthorsebatterystaple", "", "one of the most common ones"},
      {"ana.lopez@gov.example", "ana.lopez@gov.example", "the e-mail address"},
      {"Ana.Lopez@Gov.Example", "ana.lopez@gov.example", "the e-mail address"},
      {"ana.lopez.garcia", "Ana.Lopez.Garcia@gov.example", "its part before the @"},
      {"ana.lopez.garcia-2026", "ana.lopez.garcia@gov.example", ""},
      {"a-long-test-password-1", "admin@test.example", ""},
      {"demo-password-2026", "admin@demo.example", ""},
      {"admin-password-for-tests", "admin@test.example", ""},
      {"coordinator-password-42", "coordinator@test.example", ""},
      {"twelve chars", "", ""},
  };
  for (const Case& c : cases) {
    const std::string verdict = Verdict(policy, c.password, c.email);
    if (c.expect.empty()) {
      EXPECT_EQ(verdict, "") << c.password;
    } else {
      EXPECT_THAT(verdict, HasSubstr(c.expect)) << c.password;
      EXPECT_EQ(verdict.rfind("password: ", 0), 0u) << verdict;
    }
  }
}

TEST(PasswordPolicy, TheBundledListIsAFewHundredCommonPasswords) {
  const PasswordPolicy policy = Bundled();
  EXPECT_GE(policy.common_count(), 300u);
  // Every long entry is refused as common, whatever its case.
  const std::string text = testing::ReadText(testing::SourcePath("content/common-passwords.txt"));
  std::istringstream in(text);
  size_t long_entries = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.size() < kMinPasswordCharacters) continue;
    ++long_entries;
    for (char& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_THAT(Verdict(policy, line), HasSubstr("most common")) << line;
  }
  EXPECT_GE(long_entries, 200u);
}

TEST(PasswordPolicy, WithoutAListOnlyLengthAndEmailCount) {
  const PasswordPolicy bare;
  EXPECT_EQ(Verdict(bare, "password1234"), "");
  EXPECT_THAT(Verdict(bare, "short"), HasSubstr("at least 12"));
  EXPECT_THAT(Verdict(bare, "ana.lopez.garcia", "ana.lopez.garcia@x.org"), HasSubstr("e-mail"));
}

TEST(PasswordPolicy, ParseSkipsCommentsAndBlankLinesAndRefusesBadBytes) {
  auto policy =
      PasswordPolicy::Parse("# a comment\n\n  Tr0ub4dor&3-long  \r\nsecond-entry-x\n", "list.txt");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(policy.value().common_count(), 2u);
  EXPECT_THAT(Verdict(policy.value(), "tr0ub4dor&3-LONG"), HasSubstr("most common"));
  EXPECT_EQ(Verdict(policy.value(), "# a comment-x"), "");
  auto bad = PasswordPolicy::Parse("fine-entry-one\nbad-\xff-entry\n", "list.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString(), "list.txt:2: the text is not valid UTF-8");
}

}  // namespace
}  // namespace meter
