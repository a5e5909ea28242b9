#include "app/cli.h"

#include <cstdlib>
#include <exception>
#include <memory>
#include <ostream>
#include <vector>

#include "app/backup_commands.h"
#include "app/cli_messages.h"
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
#include "app/user_commands.h"
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
  app.set_version_flag("--version", METER_VERSION,
                       context.Translate("Display program version information and exit"));
  app.add_option(
      "--lang", lang,
      context.Translate("Language of messages and instrument texts (ar, zh, en, fr, ru, es)"));

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
  CLI::App* knowledge =
      app.add_subcommand("knowledge", context.Translate("Work with the knowledge base"));
  knowledge->require_subcommand(1);
  add(*knowledge, std::make_unique<KnowledgeExportCommand>());
  add(*knowledge, std::make_unique<KnowledgeValidateCommand>());
  CLI::App* egdi = app.add_subcommand(
      "egdi", context.Translate("Work with the UN E-Government Survey's figures"));
  egdi->require_subcommand(1);
  add(*egdi, std::make_unique<EgdiImportCommand>());

  try {
    app.parse(argc, argv);
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
