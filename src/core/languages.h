// The languages METER speaks: the UN's six official languages. The user interface, the instrument
// texts and the knowledge base's titles and summaries are offered in them. Constants and pure
// functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace meter {

// The UN's six official languages, in the order the user interface offers them.
inline const std::vector<std::string> kUnLanguages = {"ar", "zh", "en", "fr", "ru", "es"};

// True for one of kUnLanguages.
bool IsUnLanguage(std::string_view code);

// True for a language written right to left: Arabic, and Persian, Hebrew and Urdu, which METER
// may meet in a translation.
bool IsRightToLeft(std::string_view lang);

// "rtl" for a language written right to left (Arabic; also fa, he and ur), else "ltr": the value
// of an HTML `dir` attribute for text in `lang`.
const char* TextDirection(std::string_view lang);

}  // namespace meter
