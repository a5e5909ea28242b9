#include "app/knowledge_commands.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "app/exit_codes.h"
#include "app/files.h"
#include "app/installation.h"
#include "core/knowledge.h"
#include "report/knowledge_export.h"
#include "store/sql_store.h"

namespace meter {

CLI::App* KnowledgeExportCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "export",
      context.Translate("Write the approved knowledge entries of the database as Markdown "
                        "files, JSON or CSV"));
  cmd->add_option("--db", db_, context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--format", format_, context.Translate("markdown (files), json or csv"))
      ->check(CLI::IsMember({"markdown", "json", "csv"}));
  cmd->add_option("--out", out_,
                  context.Translate("The folder where the Markdown files are written"));
  cmd->add_option("--output", output_,
                  context.Translate("The JSON or CSV file to write (standard output if left out)"));
  return cmd;
}

int KnowledgeExportCommand::Run(const Context& context) {
  if (format_ == "markdown" && out_.empty()) {
    return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--out",
                                  METER_N("name the folder for the Markdown files")));
  }
  auto store = OpenStore(db_);
  if (!store) return context.Fail(store.error());
  auto entries = store.value()->AllKnowledge();
  if (!entries) return context.Fail(entries.error());
  if (format_ != "markdown") {
    const std::string data =
        format_ == "json" ? KnowledgeAsJson(entries.value()) : KnowledgeAsCsv(entries.value());
    if (output_.empty()) {
      context.out << data;
      return kExitOk;
    }
    if (auto written = WriteFileAtomically(output_, data); !written) {
      return context.Fail(written.error());
    }
    return kExitOk;
  }
  std::error_code ec;
  std::filesystem::create_directories(out_, ec);
  if (ec) {
    return context.Fail(Error::Of(ErrorCode::kUnavailable, out_,
                                  METER_N("cannot create the folder: {1}"), {ec.message()}));
  }
  for (const StoredKnowledge& s : entries.value()) {
    // Slugs were checked when the entries were stored; this keeps a file inside --out regardless.
    const std::string& slug = s.entry.slug;
    if (slug.empty() || slug[0] == '.' || slug.find('/') != std::string::npos) continue;
    auto written = WriteFileAtomically(out_ + "/" + slug + ".md", FormatKnowledgeEntry(s.entry));
    if (!written) return context.Fail(written.error());
  }
  const long exported = static_cast<long>(entries.value().size());
  context.out << Substitute(context.TranslateN("exported {1} knowledge entry to {2}",
                                               "exported {1} knowledge entries to {2}", exported),
                            {std::to_string(exported), out_})
              << '\n';
  return kExitOk;
}

CLI::App* KnowledgeValidateCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand(
      "validate", context.Translate("Check the knowledge files and list every problem"));
  cmd->add_option("--content", content_, context.Translate("The content folder"));
  return cmd;
}

int KnowledgeValidateCommand::Run(const Context& context) {
  Installation inst;
  InstallationPaths paths;
  paths.content_dir = content_;
  auto loaded = Installation::LoadContent(paths, inst);
  if (!loaded) return context.Fail(loaded.error());
  auto files = KnowledgeFilesIn(content_ + "/knowledge");
  if (!files) return context.Fail(files.error());
  const Instrument& instrument = *KnowledgeInstrument(inst.instruments);
  int worst = kExitOk;
  size_t valid = 0;
  for (const std::string& file : files.value()) {
    auto text = ReadFile(file);
    if (!text) {
      worst = std::max(worst, context.Fail(text.error()));
      continue;
    }
    auto entry = ParseKnowledgeEntry(text.value(), file, instrument, inst.countries);
    if (!entry) {
      worst = std::max(worst, context.Fail(entry.error()));
      continue;
    }
    ++valid;
  }
  const long total = static_cast<long>(files.value().size());
  context.out << Substitute(context.TranslateN("{1} of {2} knowledge file is valid",
                                               "{1} of {2} knowledge files are valid", total),
                            {std::to_string(valid), std::to_string(total)})
              << '\n';
  return worst;
}

}  // namespace meter
