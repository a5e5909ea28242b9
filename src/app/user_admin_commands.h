// `meter user list`, `meter user disable --email E` and `meter user enable --email E`, each with
// `--db URL`: the secretariat's user administration for an operator without the web.
//
// `list` prints one line per user, tab-separated: e-mail, role, status (enabled/disabled),
// countries (comma-separated, "-" for none) and name. `disable` refuses every later sign-in and
// ends the user's sessions at once (in one transaction, audited as by "cli"); `enable` lets them
// sign in again. An unknown e-mail is kNotFound (exit 4), naming it; nothing is changed.
#pragma once

#include <string>

#include "app/command.h"

namespace meter {

class UserListCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
};

// Both `disable` (disabled = true) and `enable`.
class UserDisableCommand : public Command {
 public:
  explicit UserDisableCommand(bool disable) : disable_(disable) {}
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  bool disable_;
  std::string db_ = "sqlite:var/meter.db";
  std::string email_;
};

}  // namespace meter
