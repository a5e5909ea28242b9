#include "app/command_line.h"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <ostream>

#include "app/cli_messages.h"
#include "app/config_file.h"
#include "app/exit_codes.h"
#include "i18n/i18n.h"

namespace meter {
namespace {

// The language part of a locale name ("fr" of "fr_FR.UTF-8"); empty for "C", "POSIX" and the like.
std::string LanguageOf(const std::string& locale_name) {
  std::string lang;
  for (char c : locale_name) {
    if (c < 'a' || c > 'z') break;
    lang += c;
  }
  return lang.size() == 2 || lang.size() == 3 ? lang : "";
}

// The user's language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), "en" by default.
std::string LanguageFromEnvironment() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    const std::string lang = value ? LanguageOf(value) : "";
    if (!lang.empty()) return lang;
  }
  return "en";
}

// The commands the command line selected, the root first.
std::vector<CLI::App*> SelectedChain(CLI::App& root) {
  std::vector<CLI::App*> chain{&root};
  for (bool more = true; more;) {
    more = false;
    for (CLI::App* sub : chain.back()->get_subcommands()) {
      chain.push_back(sub);
      more = true;
      break;
    }
  }
  return chain;
}

// Throws CLI11's error for the first required option of `chain` that neither the command line nor
// the configuration gave, or for a command that needs a subcommand and got none.
void CheckRequired(const std::vector<CLI::App*>& chain) {
  for (const CLI::App* app : chain) {
    for (const CLI::Option* option : app->get_options()) {
      if (option->get_required() && option->count() == 0) {
        throw CLI::RequiredError(option->get_name());
      }
    }
  }
  if (chain.back()->get_require_subcommand_min() > 0) {
    throw CLI::RequiredError("A subcommand");
  }
}

// The root's description, help and version flags and global options. `lang` and the two files
// are the options' targets.
void SetUpRoot(CLI::App& app, const Context& context, const std::string& version_line,
               std::string& lang, std::string& config_option, std::string& db_password_file) {
  // CLI11's own words in the user's language too; the subcommands inherit all three.
  app.formatter(TranslatedHelpFormatter(context));
  app.set_help_flag("-h,--help", context.Translate("Print this help message and exit"));
  app.failure_message([&context](const CLI::App* failed, const CLI::Error& e) {
    return TranslatedParseFailure(context, *failed, e);
  });
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", version_line,
                       context.Translate("Display program version information and exit"));
  app.add_option(
      "--lang", lang,
      context.Translate("Language of messages and instrument texts (ar, zh, en, fr, ru, es)"));
  app.add_option("--config", config_option,
                 context.Translate("The configuration file (YAML; default: METER_CONFIG or "
                                   "/etc/meter/meter.yaml when it exists)"));
  app.add_option("--db-password-file", db_password_file,
                 context.Translate("A file whose first line is the database password (for a "
                                   "postgresql:// URL without one); never put it on the command "
                                   "line"));
  // `serve --help` and the others show every default.
  app.option_defaults()->always_capture_default();
}

}  // namespace

CLI::App* CommandRegistry::Add(CLI::App& parent, std::unique_ptr<Command> command,
                               const Context& context) {
  CLI::App* sub = command->Register(parent, context);
  commands_.emplace_back(sub, std::move(command));
  return sub;
}

Command* CommandRegistry::Selected() const {
  for (const auto& [sub, command] : commands_) {
    if (sub->parsed()) return command.get();
  }
  return nullptr;
}

std::string ConfigFileToRead(const std::string& checked, const std::string& option) {
  if (!checked.empty()) return checked;
  if (!option.empty()) return option;
  const char* env = std::getenv("METER_CONFIG");
  if (env && env[0]) return env;
  std::error_code ec;
  return std::filesystem::exists(kDefaultConfigFile, ec) ? kDefaultConfigFile : "";
}

std::string LanguageOfCommandLine(int argc, const char* const* argv) {
  // Read before CLI11 parses, because the help texts are written in it.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) return argv[i + 1];
    if (arg.rfind("--lang=", 0) == 0) return arg.substr(7);
  }
  return LanguageFromEnvironment();
}

std::optional<int> RunCommandLine(int argc, const char* const* argv, std::ostream& out,
                                  std::ostream& err, const std::string& version_line,
                                  RegisterCommands register_commands, OnParseError on_error) {
  std::string lang = LanguageOfCommandLine(argc, argv);
  const Catalogs catalogs(LocaleDirectory());
  const Context context{out, err, lang, catalogs.For(lang)};
  CLI::App app{context.Translate("METER: e-government readiness self-assessment"), "meter"};
  std::string config_option;
  std::string db_password_file;
  SetUpRoot(app, context, version_line, lang, config_option, db_password_file);
  ConfigState config{&app, {}, [](const char* name) { return std::getenv(name); }};
  CommandRegistry registry;
  register_commands(app, context, config, registry);

  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::RequiredError&) {
      // A required option may come from the environment or the file: checked again below.
    }
    const std::vector<CLI::App*> chain = SelectedChain(app);
    const std::string path = ConfigFileToRead(
        registry.checked_config ? *registry.checked_config : std::string(), config_option);
    if (!path.empty()) {
      auto file = LoadConfigFile(path, app);
      if (!file) return context.Fail(file.error());
      config.file = std::move(file).value();
    }
    if (auto applied = ApplyConfig(chain, app, config.file, config.getenv); !applied) {
      return context.Fail(applied.error());
    }
    CheckRequired(chain);
    if (!db_password_file.empty()) {
      if (auto used = UseDatabasePasswordFile(db_password_file); !used) {
        return context.Fail(used.error());
      }
    }
  } catch (const CLI::ParseError& e) {
    // Help and --version are "errors" with exit code 0: always answered here.
    if (e.get_exit_code() != 0 && on_error == OnParseError::kDecline) return std::nullopt;
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    if (Command* command = registry.Selected()) return command->Run(context);
  } catch (const std::exception& e) {
    err << Substitute(context.Translate("internal error: {1}"), {e.what()}) << '\n';
    return kExitInternal;
  }
  return kExitUsage;
}

}  // namespace meter
