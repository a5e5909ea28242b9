// `meter user add --email E --role admin|coordinator|expert [--country ISO3]… [--name N]` and
// `meter user passwd --email E`, both with `--db URL`. The password is read from standard input
// (one line), so that it appears neither in the process list nor in the shell history. It must
// follow the password rules (core/password_policy.h, with content/common-passwords.txt); they are
// checked before the database is opened, so a refused password changes nothing.
#pragma once

#include <string>
#include <vector>

#include "app/command.h"

namespace meter {

class UserAddCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
  std::string email_, name_, role_;
  std::vector<std::string> countries_;
};

class UserPasswdCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
  std::string email_;
};

}  // namespace meter
