// METER's configuration file (YAML, /etc/meter/meter.yaml by default) and environment variables,
// layered under the command line over every option of every command, with no list of keys to keep:
// an option --NAME of a command gets the key NAME (dashes as underscores: `db_pool`) and the
// variable METER_NAME (`METER_DB_POOL`). Precedence: the command line, then the environment, then
// the file's most specific section, then the option's default.
//
// The file is a YAML map. A key at the top applies to every command that has the option (`db:`
// serves `serve`, `migrate`, `user add`…); a key under a command's section (`serve:`, `user:` →
// `add:`) applies to that command only, and wins over the top. A list is accepted where the
// option repeats (`country: [FRA, DEU]`).
//
// Secrets never come from here nor the command line: the file names a file that holds them
// (`db_password_file`, `smtp_password_file`), which only the service's user can read.
//
// Failures are kInvalidInput problems placed at `file:line` (unknown key, wrong type, a value the
// option refuses), or at the variable's name for the environment; every problem is reported, and
// no command runs when there is one. kUnavailable when the file cannot be read. Not thread-safe:
// used once per process, before the command runs.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/problem.h"

namespace meter {

// The configuration file used when --config is not given (and METER_CONFIG is unset): read only
// if it exists.
inline constexpr const char* kDefaultConfigFile = "/etc/meter/meter.yaml";

// One value of the file: the section (command path, empty for the top), the key, its values (one
// for a scalar) and the line it is on.
struct ConfigEntry {
  std::vector<std::string> section;
  std::string key;
  std::vector<std::string> values;
  bool is_list = false;
  int line = 0;
};

struct ConfigFile {
  std::string path;                  // empty: no file
  std::vector<ConfigEntry> entries;  // the well-formed ones
  std::vector<Problem> problems;     // unknown keys, wrong types: reported by ApplyConfig
};

// Where one option's value came from, for `meter config check`.
struct ConfigSetting {
  std::string command;  // "serve", "user add"; empty for the top level
  std::string key;
  std::string value;   // as the option will see it; secrets masked
  std::string source;  // "file.yaml:3", "METER_DB", "command line" or "default"
};

using Getenv = std::function<const char*(const char*)>;

// The key and the environment variable of an option; empty for options the layer leaves alone
// (--help, --version, --config, --lang, which are read before the file is).
std::string ConfigKeyOf(const CLI::Option& option);
std::string EnvNameOf(const CLI::Option& option);

// Reads and parses `path` into entries, checking each key against the commands under `root`
// (unknown key, a map where a value belongs, a list where the option takes one value); those
// problems are kept in the file for ApplyConfig to report with the values'. Fails only when the
// file cannot be read or is not YAML.
Result<ConfigFile> LoadConfigFile(const std::string& path, const CLI::App& root);

// Gives every option of `chain` (the commands the command line selected, root first) that the
// command line left unset its value from the environment or the file, through the option itself,
// so that its checks and conversions apply; and checks the file's values for every other command
// too, so that a bad value anywhere in the file is found. Returns every problem.
Result<bool> ApplyConfig(const std::vector<CLI::App*>& chain, const CLI::App& root,
                         const ConfigFile& file, const Getenv& getenv);

// The effective value and source of each option of `command` (path `names`), without applying
// anything. Secrets (keys with "password", passwords in database URLs) are masked.
std::vector<ConfigSetting> EffectiveSettings(const CLI::App& command,
                                             const std::vector<std::string>& names,
                                             const ConfigFile& file, const Getenv& getenv);

// Reads the database password from the first line of `path` (the `db_password_file` key) and hands
// it to libpq, and to pg_dump and pg_restore, as PGPASSWORD: used when a postgresql:// URL has no
// password of its own. kUnavailable when the file cannot be read; kInvalidInput when its first
// line is empty or when every user may read it (it should be 0600 or 0640 for the service's
// group).
Result<bool> UseDatabasePasswordFile(const std::string& path);

}  // namespace meter
