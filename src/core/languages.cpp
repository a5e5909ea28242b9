#include "core/languages.h"

#include <algorithm>

namespace meter {

bool IsUnLanguage(std::string_view code) {
  return std::find(kUnLanguages.begin(), kUnLanguages.end(), code) != kUnLanguages.end();
}

const char* TextDirection(std::string_view lang) {
  return lang == "ar" || lang == "fa" || lang == "he" || lang == "ur" ? "rtl" : "ltr";
}

}  // namespace meter
