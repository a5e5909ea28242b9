#include "i18n/i18n.h"

#include <algorithm>
#include <boost/locale.hpp>

namespace meter {

std::string LanguageNameInItself(const std::string& code) {
  static const std::map<std::string, std::string> kNames = {{"ar", "العربية"}, {"zh", "中文"},
                                                            {"en", "English"}, {"fr", "Français"},
                                                            {"ru", "Русский"}, {"es", "Español"}};
  auto it = kNames.find(code);
  return it == kNames.end() ? code : it->second;
}

Catalogs::Catalogs(std::string directory) : directory_(std::move(directory)) {}

std::locale Catalogs::For(const std::string& lang) const {
  const std::string key = IsUnLanguage(lang) ? lang : "en";
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = locales_.find(key);
  if (it == locales_.end()) it = locales_.emplace(key, Generate(key)).first;
  return it->second;
}

std::locale Catalogs::Generate(const std::string& lang) const {
  boost::locale::generator gen;
  gen.add_messages_path(directory_);
  gen.add_messages_domain("meter");
  gen.characters(boost::locale::char_facet);
  // Messages only: METER formats its own numbers and dates, and the other categories (collation,
  // boundaries, formatting) load ICU data that multiplied the server's start-up memory.
  gen.categories(boost::locale::message_facet | boost::locale::information_facet);
  return gen(lang + ".UTF-8");
}

std::string LanguageOf(const std::locale& locale) {
  if (!std::has_facet<boost::locale::info>(locale)) return "en";
  const std::string language = std::use_facet<boost::locale::info>(locale).language();
  return language.empty() ? "en" : language;
}

std::string Tr(const std::locale& locale, const char* msgid) {
  if (!std::has_facet<boost::locale::message_format<char>>(locale)) return msgid;
  return boost::locale::translate(msgid).str(locale);
}

std::string TrN(const std::locale& locale, const char* singular, const char* plural, long n) {
  if (!std::has_facet<boost::locale::message_format<char>>(locale))
    return n == 1 ? singular : plural;
  // Boost.Locale counts in int; the plural rules look at the last digits and at small values, which
  // this keeps for a count too large for int.
  const int count =
      n >= 0 && n < 1000000 ? static_cast<int>(n) : static_cast<int>(n % 1000000) + 1000000;
  return boost::locale::translate(singular, plural, count).str(locale);
}

std::string TrC(const std::locale& locale, const char* context, const char* msgid) {
  if (!std::has_facet<boost::locale::message_format<char>>(locale)) return msgid;
  return boost::locale::translate(context, msgid).str(locale);
}

Translator TranslatorFor(const std::locale& locale) {
  return Translator([locale](const std::string& msgid) { return Tr(locale, msgid.c_str()); },
                    [locale](const std::string& singular, const std::string& plural, long n) {
                      return TrN(locale, singular.c_str(), plural.c_str(), n);
                    });
}

}  // namespace meter
