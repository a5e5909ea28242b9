// Where METER's read-only data is: the content (instruments, countries, knowledge), the web
// templates and static files, the USWDS assets and the compiled translation catalogs.
//
// An installed METER (`make install`, the Debian package) finds them beside its binary, in
// <prefix>/share/meter/{content,web,uswds,locale} for <prefix>/bin/meter (and for the full
// program it hands commands to, <prefix>/lib/meter/meter-full), whatever the prefix;
// never in a path of the machine that built it. A METER run from its build tree (the binary has no
// share/meter beside it) uses the source tree's folders relative to the working directory, and the
// build's catalogs, as the README's commands expect. Options (--content, --web, --uswds,
// --locale-dir) and the configuration file override both. Pure look-ups; never fail.
#pragma once

#include <string>

namespace meter {

// <prefix>/share/meter when this binary is installed as <prefix>/bin/meter or
// <prefix>/lib/meter/meter-full; empty otherwise.
std::string InstalledDataDirectory();

// `name` under the installed data folder when there is one, else `in_tree`.
std::string DataPath(const std::string& name, const std::string& in_tree);

}  // namespace meter
