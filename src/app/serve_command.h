// `meter serve [--db URL] [--db-pool N] [--listen HOST:PORT] [--demo] [--public-url URL]
// [--threads N] [--knowledge-check SECONDS]`: runs the web application until SIGINT or SIGTERM.
// It opens --db-pool database connections (default --threads + 2), and creates and migrates the
// database if needed; when the database cannot be reached or opened it prints which and why and
// exits 3 before listening. It loads the bundled instruments, syncs content/knowledge/ into the
// database and looks for changed knowledge files every --knowledge-check seconds (default 10);
// --demo adds the demonstration data and prints its logins.
#pragma once

#include <string>

#include "app/command.h"
#include "app/installation.h"

namespace meter {

class ServeCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  InstallationPaths paths_;
  std::string listen_ = "127.0.0.1:8080";
  std::string public_url_;
  std::string trusted_proxy_;
  bool demo_ = false;
  size_t threads_ = 2;
  size_t db_pool_ = 0;        // database connections; 0: threads_ + 2
  int knowledge_check_ = 10;  // seconds between looks at content/knowledge/; 0: only at start
};

}  // namespace meter
