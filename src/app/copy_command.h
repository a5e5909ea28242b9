// `meter copy --from URL --to URL`: moves a whole installation into an empty database, typically
// from the embedded SQLite file to PostgreSQL (store/copy.h, docs/operations.md). Stop the app
// nodes on the source first: what they write after the copy's snapshot stays behind.
//
// Exit 0 with the rows copied per table; 2 for a malformed URL, the same database twice or a
// source that is not a METER database; 3 when a database cannot be reached or written; 5 when the
// source's schema is not this METER's or the target already holds data. On failure the target
// holds none of the source's rows.
#pragma once

#include <string>

#include "app/command.h"

namespace meter {

class CopyCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string from_;
  std::string to_;
};

}  // namespace meter
