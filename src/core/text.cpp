#include "core/text.h"

namespace meter {

const std::string& LocalizedText::Get(std::string_view lang) const {
  static const std::string kEmpty;
  if (auto it = texts_.find(lang); it != texts_.end()) return it->second;
  if (auto it = texts_.find("en"); it != texts_.end()) return it->second;
  return kEmpty;
}

}  // namespace meter
