// Translations: gettext catalogs (content/locale/<lang>/LC_MESSAGES/meter.mo) read through
// Boost.Locale, so each request or command can use its own language (plain gettext() is
// process-global, which is wrong for a server).
//
// A Catalogs object is built once and is safe to share between threads; the locales it hands out
// are immutable values. A missing catalog is not an error: text stays in English.
#pragma once

#include <locale>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/languages.h"  // kUnLanguages, the languages it has catalogs for
#include "core/problem.h"

namespace meter {

// A language's name in itself ("Français"), as a language menu shows it; the code itself for a
// language METER has no name for.
std::string LanguageNameInItself(const std::string& code);

class Catalogs {
 public:
  // `directory` holds <lang>/LC_MESSAGES/meter.mo; it may be missing. A language's catalog is
  // loaded the first time it is asked for and kept, so that later calls are a look-up.
  explicit Catalogs(std::string directory);
  // A UTF-8 locale for `lang` ("fr", "ar"…); English for any other language.
  std::locale For(const std::string& lang) const;

 private:
  std::locale Generate(const std::string& lang) const;

  std::string directory_;
  mutable std::mutex mutex_;  // guards locales_
  mutable std::map<std::string, std::locale> locales_;
};

// The translation of `msgid` in `locale`, or `msgid` itself when the catalog has none.
std::string Tr(const std::locale& locale, const char* msgid);
// The form of a message for the count `n`, by the plural rule of the catalog's language (Russian
// and Arabic have several); the English singular or plural when the catalog has none. Every
// message that shows a count goes through this, never through "(s)" or a glued number.
std::string TrN(const std::locale& locale, const char* singular, const char* plural, long n);
// A message whose English is shared by different meanings ("Name" of a person and of a thing):
// `context` tells the translator which one (gettext's msgctxt).
std::string TrC(const std::locale& locale, const char* context, const char* msgid);
// The language code of a locale the catalogs made ("fr"); "en" for any other (the classic one).
std::string LanguageOf(const std::locale& locale);
// A Translator for rendering core's problems in `locale`.
Translator TranslatorFor(const std::locale& locale);

}  // namespace meter
