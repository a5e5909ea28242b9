#include "core/languages.h"

#include <algorithm>

namespace meter {

bool IsUnLanguage(std::string_view code) {
  return std::find(kUnLanguages.begin(), kUnLanguages.end(), code) != kUnLanguages.end();
}

bool IsRightToLeft(std::string_view lang) {
  return lang == "ar" || lang == "fa" || lang == "he" || lang == "ur";
}

const char* TextDirection(std::string_view lang) { return IsRightToLeft(lang) ? "rtl" : "ltr"; }

}  // namespace meter
