#include "app/context.h"

#include <cstdlib>
#include <ostream>

#include "app/data_paths.h"
#include "app/exit_codes.h"
#include "i18n/i18n.h"

namespace meter {

int Context::Fail(const Error& error) const {
  err << error.ToString(TranslatorFor(locale)) << '\n';
  return ExitCodeFor(error.code);
}

std::string Context::Translate(const char* msgid) const { return meter::Tr(locale, msgid); }

std::string Context::TranslateN(const char* singular, const char* plural, long n) const {
  return meter::TrN(locale, singular, plural, n);
}

std::string LocaleDirectory() {
  const char* dir = std::getenv("METER_LOCALE_DIR");
  if (dir && dir[0]) return dir;
  return DataPath("locale", METER_LOCALE_DIR);
}

}  // namespace meter
