// The instruments an installation offers, by id and version: the bundled files loaded at start,
// and the versions the expert channel releases later, which the catalog fetches from its source
// (the database) the first time they are asked for, so that every node of an installation sees a
// release made on another. Released versions never change, so an instrument once in the catalog
// stays there unchanged, and the pointers handed out stay valid for the catalog's life.
// Thread-safe: a mutex guards the list.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

class InstrumentCatalog {
 public:
  // Gives the released (or retired) version asked for, or nullopt when there is none.
  using Source =
      std::function<std::optional<Instrument>(const std::string& id, const std::string& version)>;

  InstrumentCatalog() : mutex_(std::make_unique<std::mutex>()) {}

  // Adds a loaded instrument. kConflict when that id and version are there already.
  Result<bool> Add(Instrument instrument);
  // nullptr when there is no such instrument here nor in the source.
  const Instrument* Find(const std::string& id, const std::string& version) const;
  // Every instrument held, in the order added.
  std::vector<const Instrument*> All() const;
  // Where versions missing from the catalog are looked for; set once at start.
  void SetSource(Source source) { source_ = std::move(source); }
  // A retired version stays readable (rounds use it) but is offered to no new round. Const like
  // Find: what the catalog knows of the database's versions is a cache.
  void SetRetired(const std::string& id, const std::string& version) const;
  bool IsRetired(const std::string& id, const std::string& version) const;

 private:
  const Instrument* FindHeld(const std::string& id, const std::string& version) const;

  std::unique_ptr<std::mutex> mutex_;
  mutable std::vector<std::unique_ptr<Instrument>> instruments_;
  mutable std::set<std::pair<std::string, std::string>> retired_;
  Source source_;
};

}  // namespace meter
