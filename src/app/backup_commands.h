// `meter backup --out FILE [--db URL]` and `meter restore --from FILE [--db URL]`: an online,
// consistent snapshot of the whole database and its restore (store/backup.h), while `meter serve`
// may keep running for a backup. A restore replaces everything in the database at --db; stop the
// app nodes first: it warns when other connections have the database open (WarnIfInUse).
//
// Exit 0; 2 when --from is not a METER backup or is the other engine's; 3 when a file or the
// database cannot be used (nothing half-written, the database as it was); 5 for a backup from a
// newer METER.
#pragma once

#include <string>

#include "app/command.h"

namespace meter {

class BackupCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
  std::string out_;
};

class RestoreCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string db_ = "sqlite:var/meter.db";
  std::string from_;
};

}  // namespace meter
