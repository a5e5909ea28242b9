#include "core/instrument_catalog.h"

namespace meter {

const Instrument* InstrumentCatalog::FindHeld(const std::string& id,
                                              const std::string& version) const {
  for (const auto& i : instruments_) {
    if (i->id == id && i->version == version) return i.get();
  }
  return nullptr;
}

Result<bool> InstrumentCatalog::Add(Instrument instrument) {
  std::lock_guard lock(*mutex_);
  if (FindHeld(instrument.id, instrument.version)) {
    return Error::Of(ErrorCode::kConflict, "", METER_N("instrument {1} {2} is loaded twice"),
                     {instrument.id, instrument.version});
  }
  instruments_.push_back(std::make_unique<Instrument>(std::move(instrument)));
  return true;
}

const Instrument* InstrumentCatalog::Find(const std::string& id, const std::string& version) const {
  {
    std::lock_guard lock(*mutex_);
    if (const Instrument* held = FindHeld(id, version)) return held;
  }
  if (!source_) return nullptr;
  // Outside the lock: the source reads the database. Two threads may both fetch a version; the
  // second finds the first's copy when it comes back.
  std::optional<Instrument> fetched = source_(id, version);
  if (!fetched || fetched->IsDraft()) return nullptr;
  std::lock_guard lock(*mutex_);
  if (const Instrument* held = FindHeld(id, version)) return held;
  instruments_.push_back(std::make_unique<Instrument>(std::move(*fetched)));
  return instruments_.back().get();
}

std::vector<const Instrument*> InstrumentCatalog::All() const {
  std::lock_guard lock(*mutex_);
  std::vector<const Instrument*> out;
  for (const auto& i : instruments_) out.push_back(i.get());
  return out;
}

void InstrumentCatalog::SetRetired(const std::string& id, const std::string& version) const {
  std::lock_guard lock(*mutex_);
  retired_.insert({id, version});
}

bool InstrumentCatalog::IsRetired(const std::string& id, const std::string& version) const {
  std::lock_guard lock(*mutex_);
  return retired_.count({id, version}) > 0;
}

}  // namespace meter
