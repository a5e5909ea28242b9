#include "app/user_admin_commands.h"

#include <ostream>

#include "app/exit_codes.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* UserListCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "list", context.Translate("List the users: e-mail, role, status, countries and name"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  return cmd;
}

int UserListCommand::Run(const Context& context) {
  auto store = OpenStore(db_);
  if (!store) return context.Fail(store.error());
  auto users = store.value()->ListUsers();
  if (!users) return context.Fail(users.error());
  for (const User& u : users.value()) {
    std::string countries;
    for (const std::string& c : u.countries) countries += (countries.empty() ? "" : ",") + c;
    context.out << u.email << '\t' << RoleKey(u.role) << '\t'
                << (u.disabled ? "disabled" : "enabled") << '\t'
                << (countries.empty() ? "-" : countries) << '\t' << u.name << '\n';
  }
  return kExitOk;
}

CLI::App* UserDisableCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd =
      disable_
          ? parent.add_subcommand(
                "disable", context.Translate("Refuse a user's sign-ins and end their sessions"))
          : parent.add_subcommand("enable", context.Translate("Let a disabled user sign in again"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--email", email_, context.Translate("The user's e-mail address"))->required();
  return cmd;
}

int UserDisableCommand::Run(const Context& context) {
  auto store = OpenStore(db_);
  if (!store) return context.Fail(store.error());
  auto user = store.value()->FindUserByEmail(email_);
  if (!user) {
    return context.Fail(Error::Of(ErrorCode::kNotFound, "--email",
                                  METER_N("no user has the e-mail address '{1}'"), {email_}));
  }
  auto set = store.value()->SetUserDisabled(user.value().id, disable_, "cli");
  if (!set) return context.Fail(set.error());
  context.out << Substitute(disable_ ? context.Translate("disabled {1}; their sessions are ended")
                                     : context.Translate("enabled {1}"),
                            {user.value().email})
              << '\n';
  return kExitOk;
}

}  // namespace meter
