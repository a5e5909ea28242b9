#include "core/instrument_catalog.h"

namespace meter {

Result<bool> InstrumentCatalog::Add(Instrument instrument) {
  if (Find(instrument.id, instrument.version)) {
    return Error::Of(ErrorCode::kConflict, "", METER_N("instrument {1} {2} is loaded twice"),
                     {instrument.id, instrument.version});
  }
  instruments_.push_back(std::make_unique<Instrument>(std::move(instrument)));
  return true;
}

const Instrument* InstrumentCatalog::Find(const std::string& id, const std::string& version) const {
  for (const auto& i : instruments_) {
    if (i->id == id && i->version == version) return i.get();
  }
  return nullptr;
}

std::vector<const Instrument*> InstrumentCatalog::All() const {
  std::vector<const Instrument*> out;
  for (const auto& i : instruments_) out.push_back(i.get());
  return out;
}

}  // namespace meter
