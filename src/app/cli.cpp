#include "app/cli.h"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <ostream>
#include <vector>

#include "app/backup_commands.h"
#include "app/cli_messages.h"
#include "app/config_command.h"
#include "app/config_file.h"
#include "app/copy_command.h"
#include "app/egdi_command.h"
#include "app/exit_codes.h"
#include "app/instrument_commands.h"
#include "app/instrument_export_command.h"
#include "app/instrument_stats_command.h"
#include "app/knowledge_commands.h"
#include "app/migrate_command.h"
#include "app/report_command.h"
#include "app/score_command.h"
#include "app/serve_command.h"
#include "app/template_command.h"
#include "app/user_admin_commands.h"
#include "app/user_commands.h"
#include "app/version.h"
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

// The value of --lang on the command line, if any: the help texts are written before CLI11 parses.
std::string LanguageFromArguments(int argc, const char* const* argv, std::string fallback) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) return argv[i + 1];
    if (arg.rfind("--lang=", 0) == 0) return arg.substr(7);
  }
  return fallback;
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

// The configuration file to read: FILE of `config check`, --config, METER_CONFIG, or the default
// one when it exists; empty for none.
std::string ConfigPath(const std::string& checked, const std::string& option) {
  if (!checked.empty()) return checked;
  if (!option.empty()) return option;
  const char* env = std::getenv("METER_CONFIG");
  if (env && env[0]) return env;
  std::error_code ec;
  return std::filesystem::exists(kDefaultConfigFile, ec) ? kDefaultConfigFile : "";
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

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string lang = LanguageFromArguments(argc, argv, LanguageFromEnvironment());
  const Catalogs catalogs(LocaleDirectory());
  const Context context{out, err, lang, catalogs.For(lang)};
  CLI::App app{context.Translate("METER: e-government readiness self-assessment"), "meter"};
  // CLI11's own words in the user's language too; the subcommands inherit all three.
  app.formatter(TranslatedHelpFormatter(context));
  app.set_help_flag("-h,--help", context.Translate("Print this help message and exit"));
  app.failure_message([&context](const CLI::App* failed, const CLI::Error& e) {
    return TranslatedParseFailure(context, *failed, e);
  });
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", VersionLine(),
                       context.Translate("Display program version information and exit"));
  app.add_option(
      "--lang", lang,
      context.Translate("Language of messages and instrument texts (ar, zh, en, fr, ru, es)"));
  std::string config_option;
  app.add_option("--config", config_option,
                 context.Translate("The configuration file (YAML; default: METER_CONFIG or "
                                   "/etc/meter/meter.yaml when it exists)"));
  std::string db_password_file;
  app.add_option("--db-password-file", db_password_file,
                 context.Translate("A file whose first line is the database password (for a "
                                   "postgresql:// URL without one); never put it on the command "
                                   "line"));
  // `serve --help` and the others show every default.
  app.option_defaults()->always_capture_default();

  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  auto add = [&](CLI::App& parent, std::unique_ptr<Command> command) {
    CLI::App* sub = command->Register(parent, context);
    commands.emplace_back(sub, std::move(command));
  };
  CLI::App* instrument =
      app.add_subcommand("instrument", context.Translate("Work with instrument files"));
  instrument->require_subcommand(1);
  add(*instrument, std::make_unique<InstrumentValidateCommand>());
  add(*instrument, std::make_unique<InstrumentShowCommand>());
  add(*instrument, std::make_unique<InstrumentPoExportCommand>());
  add(*instrument, std::make_unique<InstrumentPoImportCommand>());
  add(*instrument, std::make_unique<InstrumentStatsCommand>());
  add(*instrument, std::make_unique<InstrumentExportCommand>());
  add(*instrument, std::make_unique<InstrumentDiffCommand>());
  add(app, std::make_unique<TemplateCommand>());
  add(app, std::make_unique<ScoreCommand>());
  add(app, std::make_unique<ServeCommand>());
  add(app, std::make_unique<MigrateCommand>());
  add(app, std::make_unique<ReportCommand>());
  add(app, std::make_unique<BackupCommand>());
  add(app, std::make_unique<RestoreCommand>());
  add(app, std::make_unique<CopyCommand>());
  CLI::App* user = app.add_subcommand("user", context.Translate("Manage users"));
  user->require_subcommand(1);
  add(*user, std::make_unique<UserAddCommand>());
  add(*user, std::make_unique<UserPasswdCommand>());
  add(*user, std::make_unique<UserListCommand>());
  add(*user, std::make_unique<UserDisableCommand>(true));
  add(*user, std::make_unique<UserDisableCommand>(false));
  CLI::App* knowledge =
      app.add_subcommand("knowledge", context.Translate("Work with the knowledge base"));
  knowledge->require_subcommand(1);
  add(*knowledge, std::make_unique<KnowledgeExportCommand>());
  add(*knowledge, std::make_unique<KnowledgeValidateCommand>());
  CLI::App* egdi = app.add_subcommand(
      "egdi", context.Translate("Work with the UN E-Government Survey's figures"));
  egdi->require_subcommand(1);
  add(*egdi, std::make_unique<EgdiImportCommand>());
  ConfigState config{&app, {}, [](const char* name) { return std::getenv(name); }};
  CLI::App* config_group =
      app.add_subcommand("config", context.Translate("Check METER's configuration"));
  config_group->require_subcommand(1);
  auto check = std::make_unique<ConfigCheckCommand>(config);
  const ConfigCheckCommand& checker = *check;
  add(*config_group, std::move(check));

  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::RequiredError&) {
      // A required option may come from the environment or the file: checked again below.
    }
    const std::vector<CLI::App*> chain = SelectedChain(app);
    const std::string path = ConfigPath(checker.file(), config_option);
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
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (auto& [sub, command] : commands) {
      if (sub->parsed()) return command->Run(context);
    }
  } catch (const std::exception& e) {
    err << Substitute(context.Translate("internal error: {1}"), {e.what()}) << '\n';
    return kExitInternal;
  }
  return kExitUsage;
}

}  // namespace meter
