#include "app/instrument_commands.h"

#include <algorithm>
#include <ostream>

#include "app/exit_codes.h"
#include "app/files.h"
#include "app/loading.h"
#include "core/instrument_diff.h"
#include "core/instrument_loader.h"
#include "core/instrument_po.h"
#include "core/instrument_writer.h"
#include "core/problem.h"
#include "report/instrument_diff_formats.h"

namespace meter {

CLI::App* InstrumentValidateCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "validate", context.Translate("Check instrument files and list every problem"));
  cmd->add_option("files", files_, context.Translate("Instrument YAML files"))->required();
  return cmd;
}

int InstrumentValidateCommand::Run(const Context& context) {
  int worst = kExitOk;
  for (const std::string& file : files_) {
    auto loaded = LoadInstrumentFile(file);
    if (!loaded) {
      worst = std::max(worst, context.Fail(loaded.error()));
      continue;
    }
    const Instrument& in = loaded.value();
    context.out
        // Three counts: each after its own label, which needs no plural form in any language.
        << Substitute(context.Translate("{1}: valid, {2} {3}; pillars: {4}, sub-areas: {5}, "
                                        "statements: {6}"),
                      {file, in.id, in.version, std::to_string(in.pillars.size()),
                       std::to_string(in.SubAreaCount()), std::to_string(in.statements().size())})
        << '\n';
  }
  return worst;
}

CLI::App* InstrumentShowCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "show", context.Translate("Print an instrument's pillars, sub-areas and statements"));
  cmd->add_option("file", file_, context.Translate("Instrument YAML file"))->required();
  cmd->add_option("--pillar", pillar_,
                  context.Translate("Show only this pillar (its ID, such as C)"));
  return cmd;
}

int InstrumentShowCommand::Run(const Context& context) {
  auto loaded = LoadInstrumentFile(file_);
  if (!loaded) return context.Fail(loaded.error());
  const Instrument& in = loaded.value();
  const std::string& lang = context.lang;
  if (std::find(in.languages.begin(), in.languages.end(), lang) == in.languages.end()) {
    context.err << Substitute(context.Translate("note: {1} has no '{2}' text; showing English"),
                              {file_, lang})
                << '\n';
  }
  const bool known =
      pillar_.empty() || std::any_of(in.pillars.begin(), in.pillars.end(),
                                     [&](const Pillar& p) { return p.id == pillar_; });
  if (!known) {
    return context.Fail(
        Error::Of(ErrorCode::kNotFound, file_, METER_N("there is no pillar '{1}'"), {pillar_}));
  }
  std::string out =
      Substitute(
          context.Translate("{1} ({2} {3}, {4}) — pillars: {5}, sub-areas: {6}, statements: {7}"),
          {in.title.Get(lang), in.id, in.version, in.status, std::to_string(in.pillars.size()),
           std::to_string(in.SubAreaCount()), std::to_string(in.statements().size())}) +
      "\n";
  for (const Pillar& p : in.pillars) {
    if (!pillar_.empty() && p.id != pillar_) continue;
    size_t count = 0;
    for (const SubArea& s : p.subareas) count += s.statements.size();
    out += "\n" + p.id + "  " + p.name.Get(lang) + "  " +
           Substitute(context.Translate("(sub-areas: {1}, statements: {2})"),
                      {std::to_string(p.subareas.size()), std::to_string(count)}) +
           "\n";
    for (const SubArea& s : p.subareas) {
      out += "  " + s.id + "  " + s.name.Get(lang) + "  " +
             Substitute(context.TranslateN("({1} statement)", "({1} statements)",
                                           static_cast<long>(s.statements.size())),
                        {std::to_string(s.statements.size())});
      if (!s.prerequisites.empty()) {
        std::string pre;
        for (const std::string& id : s.prerequisites) pre += (pre.empty() ? "" : ", ") + id;
        out += "  " + Substitute(context.Translate("after {1}"), {pre});
      }
      out += "\n";
      for (const Statement& st : s.statements) {
        out += "    " + st.id + "  " + st.text.Get(lang) + "\n";
      }
    }
  }
  context.out << out;
  return kExitOk;
}

CLI::App* InstrumentPoExportCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "po-export", context.Translate("Write one language of an instrument as a gettext catalog"));
  cmd->add_option("--lang", lang_, context.Translate("The language of the catalog, such as fr"))
      ->required();
  cmd->add_option("file", file_, context.Translate("Instrument YAML file"))->required();
  return cmd;
}

int InstrumentPoExportCommand::Run(const Context& context) {
  auto loaded = LoadInstrumentFile(file_);
  if (!loaded) return context.Fail(loaded.error());
  Instrument& in = loaded.value();
  // Any language but English: for a language the instrument lacks, the catalog is the empty
  // starting point of a new translation.
  const bool code =
      lang_.size() >= 2 && lang_.size() <= 3 &&
      std::all_of(lang_.begin(), lang_.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (lang_ == "en" || !code) {
    return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--lang",
                                  METER_N("'{1}' is not a language to translate into: give a "
                                          "code such as 'fr' (English is the source)"),
                                  {lang_}));
  }
  context.out << ExportInstrumentPo(in, lang_);
  return kExitOk;
}

CLI::App* InstrumentPoImportCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "po-import", context.Translate("Put the translations of a gettext catalog into an instrument "
                                     "file"));
  cmd->add_option("file", file_, context.Translate("Instrument YAML file"))->required();
  cmd->add_option("catalog", catalog_, context.Translate("The translated catalog (.po)"))
      ->required();
  return cmd;
}

int InstrumentPoImportCommand::Run(const Context& context) {
  auto original = ReadFile(file_);
  if (!original) return context.Fail(original.error());
  auto loaded = LoadInstrument(original.value(), file_);
  if (!loaded) return context.Fail(loaded.error());
  auto catalog_text = ReadFile(catalog_);
  if (!catalog_text) return context.Fail(catalog_text.error());
  auto catalog = ParsePo(catalog_text.value(), catalog_);
  if (!catalog) return context.Fail(catalog.error());
  auto changed = ImportInstrumentPo(loaded.value(), catalog.value(), catalog_);
  if (!changed) return context.Fail(changed.error());
  const std::string written = WriteInstrumentYaml(loaded.value());
  // What is written must load again, or nothing is written: a bug here must not cost a file.
  if (auto check = LoadInstrument(written, file_); !check) {
    return context.Fail(Error{ErrorCode::kInternal, check.error().problems});
  }
  if (written != original.value()) {
    if (auto saved = WriteFileAtomically(file_, written); !saved) {
      return context.Fail(saved.error());
    }
  }
  context.out << Substitute(context.TranslateN("{1}: {2} text changed from {3}",
                                               "{1}: {2} texts changed from {3}",
                                               static_cast<long>(changed.value())),
                            {file_, std::to_string(changed.value()), catalog_})
              << '\n';
  return kExitOk;
}

CLI::App* InstrumentDiffCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "diff", context.Translate("Show what changed between two versions of an instrument"));
  cmd->add_option("from", from_, context.Translate("The earlier version's YAML file"))->required();
  cmd->add_option("to", to_, context.Translate("The later version's YAML file"))->required();
  cmd->add_option("--format", format_, context.Translate("text or json"))
      ->check(CLI::IsMember({"text", "json"}));
  return cmd;
}

int InstrumentDiffCommand::Run(const Context& context) {
  auto from = LoadInstrumentFile(from_);
  auto to = LoadInstrumentFile(to_);
  // Both files' problems at once, as `validate` prints them.
  int worst = kExitOk;
  if (!from) worst = std::max(worst, context.Fail(from.error()));
  if (!to) worst = std::max(worst, context.Fail(to.error()));
  if (worst != kExitOk) return worst;
  const InstrumentDiff diff = DiffInstruments(from.value(), to.value());
  if (format_ == "json") {
    context.out << InstrumentDiffAsJson(diff);
  } else {
    context.out << InstrumentDiffAsText(diff, from.value(), to.value(), context.locale,
                                        context.lang);
  }
  return context.out.good() ? kExitOk : kExitUnavailable;
}

}  // namespace meter
