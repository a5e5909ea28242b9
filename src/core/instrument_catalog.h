// The instruments an installation offers, by id and version. Built once at start from the YAML
// texts the caller read; immutable afterwards and safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

class InstrumentCatalog {
 public:
  // Adds a loaded instrument. kConflict when that id and version are there already.
  Result<bool> Add(Instrument instrument);
  // nullptr when there is no such instrument.
  const Instrument* Find(const std::string& id, const std::string& version) const;
  // Every instrument, in the order added.
  std::vector<const Instrument*> All() const;

 private:
  std::vector<std::unique_ptr<Instrument>> instruments_;
};

}  // namespace meter
