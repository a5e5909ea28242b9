#include "app/instrument_commands.h"

#include <algorithm>
#include <ostream>

#include "app/exit_codes.h"
#include "app/loading.h"
#include "core/problem.h"

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

}  // namespace meter
