#include "app/user_commands.h"

#include <iostream>

#include "app/exit_codes.h"
#include "app/files.h"
#include "app/installation.h"
#include "core/countries.h"
#include "core/text_rules.h"
#include "store/sql_store.h"
#include "web/security.h"

namespace meter {
namespace {

// One line of standard input, without its line break.
std::string ReadPassword() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The password from standard input when the rules accept it for `email`; else the problem,
// naming the field. Nothing is read from the database before this.
Result<std::string> ReadNewPassword(const std::string& email) {
  auto policy = LoadPasswordPolicy(DataPath("content", "content"));
  if (!policy) return policy.error();
  std::string password = ReadPassword();
  if (auto weak = policy.value().Check(password, email, "password")) {
    return Error{ErrorCode::kInvalidInput, {std::move(*weak)}};
  }
  return password;
}

}  // namespace

CLI::App* UserAddCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "add", context.Translate("Add a user; the password is read from standard input"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--email", email_, context.Translate("The user's e-mail address"))->required();
  cmd->add_option("--name", name_, context.Translate("The user's name"));
  cmd->add_option("--role", role_, context.Translate("admin, coordinator or expert"))
      ->required()
      ->check(CLI::IsMember({"admin", "coordinator", "expert"}));
  cmd->add_option("--country", countries_,
                  context.Translate("A country the coordinator coordinates (ISO3); repeatable"));
  return cmd;
}

int UserAddCommand::Run(const Context& context) {
  if (!InitSecurity())
    return context.Fail(Error::Of(ErrorCode::kInternal, "", METER_N("libsodium could not start")));
  const Role role = *RoleFromKey(role_);
  if (auto problems = UserFieldProblems(email_, name_); !problems.empty())
    return context.Fail(Error{ErrorCode::kInvalidInput, std::move(problems)});
  const std::string countries_file = DataPath("content", "content") + "/countries.csv";
  auto countries_text = ReadFile(countries_file);
  if (!countries_text) return context.Fail(countries_text.error());
  auto countries = CountryList::Parse(countries_text.value(), countries_file);
  if (!countries) return context.Fail(countries.error());
  for (const std::string& c : countries_) {
    if (!countries.value().Find(c)) {
      return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--country",
                                    METER_N("'{1}' is not a UN member state"), {c}));
    }
  }
  if (role == Role::kCoordinator && countries_.empty()) {
    return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--country",
                                  METER_N("a coordinator needs at least one country")));
  }
  auto password = ReadNewPassword(email_);
  if (!password) return context.Fail(password.error());
  auto hash = HashPassword(password.value());
  if (!hash) return context.Fail(hash.error());
  auto store = OpenStore(db_);
  if (!store) return context.Fail(store.error());
  auto created = store.value()->CreateUser(
      {0, email_, name_.empty() ? email_ : name_, role, countries_, hash.value(), false, 0}, "cli");
  if (!created) return context.Fail(created.error());
  context.out << Substitute(context.Translate("added {1} ({2})"), {created.value().email, role_})
              << '\n';
  return kExitOk;
}

CLI::App* UserPasswdCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "passwd", context.Translate("Set a user's password, read from standard input"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--email", email_, context.Translate("The user's e-mail address"))->required();
  return cmd;
}

int UserPasswdCommand::Run(const Context& context) {
  if (!InitSecurity())
    return context.Fail(Error::Of(ErrorCode::kInternal, "", METER_N("libsodium could not start")));
  auto password = ReadNewPassword(email_);
  if (!password) return context.Fail(password.error());
  auto hash = HashPassword(password.value());
  if (!hash) return context.Fail(hash.error());
  auto store = OpenStore(db_);
  if (!store) return context.Fail(store.error());
  auto user = store.value()->FindUserByEmail(email_);
  if (!user) return context.Fail(user.error());
  auto set = store.value()->SetPassword(user.value().id, hash.value(), "cli");
  if (!set) return context.Fail(set.error());
  context.out << Substitute(context.Translate("password changed for {1}"), {user.value().email})
              << '\n';
  return kExitOk;
}

}  // namespace meter
