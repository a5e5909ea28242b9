// What `meter serve` and the other server-side commands load before they work: the database, the
// bundled instruments, the country list, the translation catalogs, the web templates and the
// watcher of the knowledge files. Owned by the command that loads it, for the life of the process.
//
// Load fails with the first problem (a database that cannot be opened or is too new, an instrument
// that does not validate, a missing content or template folder), placed as precisely as known.
// It does not read the knowledge files: `knowledge->Sync()` does, and a bad one does not stop the
// others (app/knowledge_sync.h).
#pragma once

#include <memory>
#include <string>

#include "app/data_paths.h"
#include "app/knowledge_sync.h"
#include "core/countries.h"
#include "core/instrument_catalog.h"
#include "core/password_policy.h"
#include "core/store.h"
#include "i18n/i18n.h"
#include "web/templates.h"
#include "web/web_app.h"

namespace meter {

struct InstallationPaths {
  std::string db_url = "sqlite:var/meter.db";
  size_t db_pool = 4;  // database connections the store opens at start and keeps (StoreOptions)
  // Installed: <prefix>/share/meter/…; in the build tree: the source tree's (app/data_paths.h).
  std::string content_dir = DataPath("content", "content");
  std::string web_dir = DataPath("web", "web");
  std::string uswds_dir = DataPath("uswds", "node_modules/@uswds/uswds/dist");
  std::string locale_dir;     // compiled catalogs: <lang>/LC_MESSAGES/meter.mo
  bool demo_country = false;  // add the fictional demo country to the list
};

struct Installation {
  std::unique_ptr<Store> store;
  InstrumentCatalog instruments;
  CountryList countries;
  std::unique_ptr<Catalogs> catalogs;
  std::unique_ptr<Templates> templates;
  std::unique_ptr<KnowledgeFiles> knowledge;  // content/knowledge/ into the store
  PasswordPolicy passwords;                   // with content/common-passwords.txt
  InstallationPaths paths;
  // The files of content/instruments/, as read by LoadContent, for SyncInstruments.
  std::vector<InstrumentFile> instrument_files;

  static Result<std::unique_ptr<Installation>> Load(const InstallationPaths& paths);
  // Only the instruments and the countries of `paths.content_dir` (for commands that check
  // content without a database).
  static Result<bool> LoadContent(const InstallationPaths& paths, Installation& inst);
  // Brings content/instruments/ into the database (InstrumentChannelRepository::
  // SyncInstrumentFiles) and learns which versions are retired. Fails, naming the file, when a
  // released version's file changed. Returns the versions added or replaced.
  Result<std::vector<std::string>> SyncInstruments();
  // The renderers of report/ for the web layer.
  static Renderers ReportRenderers();
};

// The password rules with the list of common passwords of `content_dir` (common-passwords.txt);
// kUnavailable when the file cannot be read, kInvalidInput when it is not UTF-8.
Result<PasswordPolicy> LoadPasswordPolicy(const std::string& content_dir);

// Checks that `locale_dir` holds the compiled catalog of every UN language but English
// (<lang>/LC_MESSAGES/meter.mo); kUnavailable naming each missing file otherwise, so that a server
// never starts showing English silently.
Result<bool> CheckCatalogs(const std::string& locale_dir);

// The code of the fictional country the demo uses (not a UN member state).
inline constexpr const char* kDemoCountry = "XDM";

}  // namespace meter
