// What every CLI command gets: its output streams and the user's language. Owned by the caller of
// RunCli; commands borrow it for the length of one run.
#pragma once

#include <iosfwd>
#include <locale>
#include <string>

#include "core/problem.h"

namespace meter {

struct Context {
  std::ostream& out;
  std::ostream& err;
  std::string lang = "en";  // the language of messages and of instrument texts
  std::locale locale;       // the translation catalog for `lang`

  // Prints every problem of `error` to err, translated, and returns its exit code.
  int Fail(const Error& error) const;
  // The translation of a message template.
  std::string Translate(const char* msgid) const;
  // The form of a message for the count `n` (i18n.h's TrN).
  std::string TranslateN(const char* singular, const char* plural, long n) const;
};

// Where the compiled translation catalogs are: $METER_LOCALE_DIR, else the installed
// share/meter/locale, else the build's locale/ folder (app/data_paths.h).
std::string LocaleDirectory();

}  // namespace meter
