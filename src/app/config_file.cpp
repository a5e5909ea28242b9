#include "app/config_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>

#include "app/files.h"
#include "core/yaml_tree.h"
#include "store/pg_url.h"

namespace meter {
namespace {

using Names = std::vector<std::string>;

std::string Where(const std::string& path, int line) { return path + ":" + std::to_string(line); }

bool Skipped(const std::string& long_name) {
  return long_name == "help" || long_name == "version" || long_name == "config" ||
         long_name == "lang";
}

bool IsSecretKey(const std::string& key) { return key.find("password") != std::string::npos; }

// The option of `app` itself (not of its subcommands) with the key `key`; null if none.
const CLI::Option* OptionOf(const CLI::App& app, const std::string& key) {
  for (const CLI::Option* option : app.get_options()) {
    if (!ConfigKeyOf(*option).empty() && ConfigKeyOf(*option) == key) return option;
  }
  return nullptr;
}

// The option with `key` on `app` or any command below it; null if none.
const CLI::Option* OptionBelow(const CLI::App& app, const std::string& key) {
  if (const CLI::Option* own = OptionOf(app, key)) return own;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (const CLI::Option* found = OptionBelow(*sub, key)) return found;
  }
  return nullptr;
}

bool IsFlag(const CLI::Option& option) { return option.get_expected_max() == 0; }
bool Repeats(const CLI::Option& option) { return option.get_expected_max() > 1; }

class Reader {
 public:
  Reader(const std::string& path, std::vector<Problem>& problems)
      : path_(path), problems_(problems) {}

  void Section(const YamlNode& map, const CLI::App& app, const Names& section,
               std::vector<ConfigEntry>& out) {
    for (const YamlEntry& item : map.Entries()) {
      const int line = item.first.Mark().line;
      const std::string key = item.first.Scalar();
      const YamlNode value = item.second;
      const CLI::App* sub = nullptr;
      for (const CLI::App* s : app.get_subcommands({})) {
        if (s->get_name() == key) sub = s;
      }
      if (sub && value.IsMap()) {
        Names inner = section;
        inner.push_back(key);
        Section(value, *sub, inner, out);
        continue;
      }
      if (sub) {
        Fail(line, METER_N("'{1}' is a command: give its options as a map under it"), {key});
        continue;
      }
      const CLI::Option* option = OptionBelow(app, key);
      if (!option) {
        Fail(line, METER_N("unknown key '{1}': no command here has the option --{2}"),
             {key, Dashed(key)});
        continue;
      }
      ConfigEntry entry{section, key, {}, value.IsSequence(), line};
      if (value.IsMap() || (value.IsSequence() && !Repeats(*option))) {
        Fail(line, METER_N("'{1}' takes one value, not a map or a list"), {key});
        continue;
      }
      if (value.IsSequence()) {
        for (const YamlNode element : value.Items()) {
          if (!element.IsScalar()) {
            Fail(element.Mark().line, METER_N("'{1}' takes a list of values, not of maps"), {key});
            continue;
          }
          entry.values.push_back(element.Scalar());
        }
      } else if (value.IsScalar()) {
        entry.values.push_back(value.Scalar());
      } else {
        Fail(line, METER_N("'{1}' has no value"), {key});
        continue;
      }
      out.push_back(std::move(entry));
    }
  }

 private:
  static std::string Dashed(std::string key) {
    std::replace(key.begin(), key.end(), '_', '-');
    return key;
  }
  void Fail(int line, const char* message, std::vector<std::string> args) {
    problems_.push_back({Where(path_, line), message, std::move(args)});
  }

  const std::string& path_;
  std::vector<Problem>& problems_;
};

// The file's entry for `key` that applies to the command at `names`: the deepest section on its
// path; null if none.
const ConfigEntry* EntryFor(const ConfigFile& file, const Names& names, const std::string& key) {
  const ConfigEntry* best = nullptr;
  for (const ConfigEntry& e : file.entries) {
    if (e.key != key || e.section.size() > names.size()) continue;
    if (!std::equal(e.section.begin(), e.section.end(), names.begin())) continue;
    if (!best || e.section.size() >= best->section.size()) best = &e;
  }
  return best;
}

// Hands `values` to `option` as if they had been typed; the option's own problem otherwise.
std::optional<std::string> Give(CLI::Option& option, const std::vector<std::string>& values) {
  try {
    for (const std::string& v : values) option.add_result(v);
    option.run_callback();
  } catch (const CLI::Error& e) {
    option.clear();
    return std::string(e.what());
  }
  return std::nullopt;
}

Names PathOf(const CLI::App& app) {
  Names names;
  for (const CLI::App* a = &app; a && a->get_parent(); a = a->get_parent()) {
    names.insert(names.begin(), a->get_name());
  }
  return names;
}

// Every command at or below `app`, with its path.
void Walk(CLI::App& app, const std::function<void(CLI::App&)>& visit) {
  visit(app);
  for (CLI::App* sub : app.get_subcommands({})) Walk(*sub, visit);
}

std::string Masked(const std::string& key, const std::string& value) {
  if (value.empty()) return value;
  if (IsSecretKey(key) && key.find("file") == std::string::npos) return "********";
  if (value.rfind("postgres", 0) == 0) return RedactDatabaseUrl(value);
  return value;
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return values.size() > 1 ? "[" + out + "]" : out;
}

}  // namespace

std::string ConfigKeyOf(const CLI::Option& option) {
  const auto& names = option.get_lnames();
  if (names.empty() || Skipped(names.front())) return "";
  std::string key = names.front();
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

std::string EnvNameOf(const CLI::Option& option) {
  std::string key = ConfigKeyOf(option);
  if (key.empty()) return "";
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "METER_" + key;
}

Result<ConfigFile> LoadConfigFile(const std::string& path, const CLI::App& root) {
  ConfigFile file{path, {}, {}};
  const Result<std::string> text = ReadFile(path);
  if (!text.ok()) {
    return Error::Of(ErrorCode::kUnavailable, path, METER_N("cannot read the configuration file"));
  }
  YamlDocument document;
  if (const auto error = ReadYaml(text.value(), document)) {
    return Error::Of(ErrorCode::kInvalidInput,
                     error->mark.known() ? Where(path, error->mark.line) : path, error->message,
                     error->args);
  }
  const YamlNode doc = document.root();
  if (doc.IsNull()) return file;  // an empty file, or only comments
  if (!doc.IsMap()) {
    return Error::Of(ErrorCode::kInvalidInput, Where(path, doc.Mark().line),
                     METER_N("the configuration must be a map of keys to values"));
  }
  Reader(path, file.problems).Section(doc, root, {}, file.entries);
  return file;
}

Result<bool> ApplyConfig(const std::vector<CLI::App*>& chain, const CLI::App& root,
                         const ConfigFile& file, const Getenv& getenv) {
  std::vector<Problem> problems = file.problems;
  auto apply = [&](CLI::App& app, bool selected) {
    const Names names = PathOf(app);
    for (CLI::Option* option : app.get_options()) {
      const std::string key = ConfigKeyOf(*option);
      if (key.empty() || option->count() > 0) continue;
      const std::string env = EnvNameOf(*option);
      const char* from_env = selected ? getenv(env.c_str()) : nullptr;
      if (from_env) {
        if (auto bad = Give(*option, {from_env})) {
          problems.push_back({env, METER_N("the environment's value is refused: {1}"), {*bad}});
        }
        continue;
      }
      if (const ConfigEntry* entry = EntryFor(file, names, key)) {
        if (auto bad = Give(*option, entry->values)) {
          problems.push_back({Where(file.path, entry->line), METER_N("'{1}': {2}"), {key, *bad}});
        }
      }
    }
  };
  CLI::App& top = const_cast<CLI::App&>(root);
  Walk(top, [&](CLI::App& app) {
    const bool selected = std::find(chain.begin(), chain.end(), &app) != chain.end();
    apply(app, selected);
  });
  // A top-level key serves several commands: its problem is reported once.
  std::vector<Problem> once;
  for (Problem& p : problems) {
    const bool seen = std::any_of(once.begin(), once.end(), [&](const Problem& q) {
      return q.where == p.where && q.args == p.args;
    });
    if (!seen) once.push_back(std::move(p));
  }
  if (!once.empty()) return Error{ErrorCode::kInvalidInput, std::move(once)};
  return true;
}

std::vector<ConfigSetting> EffectiveSettings(const CLI::App& command, const Names& names,
                                             const ConfigFile& file, const Getenv& getenv) {
  std::vector<ConfigSetting> out;
  std::string path;
  for (const std::string& n : names) path += (path.empty() ? "" : " ") + n;
  for (const CLI::Option* option : command.get_options()) {
    const std::string key = ConfigKeyOf(*option);
    if (key.empty()) continue;
    ConfigSetting s{path, key, option->get_default_str(), "default"};
    const std::string env = EnvNameOf(*option);
    if (const char* from_env = getenv(env.c_str())) {
      s.value = from_env;
      s.source = env;
    } else if (const ConfigEntry* entry = EntryFor(file, names, key)) {
      s.value = Joined(entry->values);
      s.source = Where(file.path, entry->line);
    } else if (IsFlag(*option) && s.value.empty()) {
      s.value = "false";
    }
    s.value = Masked(key, s.value);
    out.push_back(std::move(s));
  }
  return out;
}

Result<bool> UseDatabasePasswordFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH)) {
    return Error::Of(ErrorCode::kInvalidInput, path,
                     METER_N("every user of this machine may read this password file; make it "
                             "readable by METER's user only (chmod 0640 or 0600)"));
  }
  std::string password = text.value().substr(0, text.value().find('\n'));
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    return Error::Of(ErrorCode::kInvalidInput, path,
                     METER_N("the first line of the password file is empty"));
  }
  ::setenv("PGPASSWORD", password.c_str(), 1);
  return true;
}

}  // namespace meter
