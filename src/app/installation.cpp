#include "app/installation.h"

#include <algorithm>
#include <filesystem>

#include "app/files.h"
#include "app/round_outputs.h"
#include "core/instrument_channel.h"
#include "core/instrument_loader.h"
#include "core/languages.h"
#include "report/chart_tables.h"
#include "report/compare_charts.h"
#include "report/markdown.h"
#include "report/score_formats.h"
#include "report/svg_charts.h"
#include "report/xlsx_reader.h"
#include "store/sql_store.h"

namespace meter {

Result<bool> Installation::LoadContent(const InstallationPaths& paths, Installation& inst) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e :
       std::filesystem::directory_iterator(paths.content_dir + "/instruments", ec)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return Error::Of(ErrorCode::kUnavailable, paths.content_dir + "/instruments",
                     METER_N("no instrument files (*.yaml) in this folder"));
  }
  for (const std::string& file : files) {
    auto text = ReadFile(file);
    if (!text) return text.error();
    auto instrument = LoadInstrument(text.value(), file);
    if (!instrument) return instrument.error();
    const Instrument& in = instrument.value();
    inst.instrument_files.push_back({in.id, in.version, in.status, text.value(), file});
    auto added = inst.instruments.Add(std::move(instrument).value());
    if (!added) return added.error();
  }
  auto countries_text = ReadFile(paths.content_dir + "/countries.csv");
  if (!countries_text) return countries_text.error();
  std::string csv = countries_text.value();
  if (paths.demo_country) {
    // Real M49 names, so that its benchmark columns are headed as a real country's would be.
    csv += std::string(kDemoCountry) +
           ",Republic of Aurelia (fictional demo),002,Africa,014,Eastern Africa\n";
  }
  auto countries = CountryList::Parse(csv, paths.content_dir + "/countries.csv");
  if (!countries) return countries.error();
  auto regions_text = ReadFile(paths.content_dir + "/regions.csv");
  if (!regions_text) return regions_text.error();
  auto regions =
      countries.value().ReadRegionNames(regions_text.value(), paths.content_dir + "/regions.csv");
  if (!regions) return regions.error();
  inst.countries = std::move(countries).value();
  return true;
}

Result<std::unique_ptr<Installation>> Installation::Load(const InstallationPaths& paths) {
  auto inst = std::make_unique<Installation>();
  inst->paths = paths;
  auto content = LoadContent(paths, *inst);
  if (!content) return content.error();
  auto passwords = LoadPasswordPolicy(paths.content_dir);
  if (!passwords) return passwords.error();
  inst->passwords = std::move(passwords).value();
  if (auto catalogs = CheckCatalogs(paths.locale_dir); !catalogs) return catalogs.error();
  inst->catalogs = std::make_unique<Catalogs>(paths.locale_dir);
  auto templates = Templates::Load(paths.web_dir + "/templates", *inst->catalogs);
  if (!templates) return templates.error();
  inst->templates = std::move(templates).value();
  auto store = OpenStore(paths.db_url, StoreOptions{paths.db_pool});
  if (!store) return store.error();
  inst->store = std::move(store).value();
  // Versions released through the expert channel, on this node or another, are in the database.
  inst->instruments.SetSource(
      [store = inst->store.get()](const std::string& id, const std::string& version) {
        std::optional<Instrument> out;
        auto stored = store->GetInstrumentVersion(id, version);
        if (!stored || stored.value().status == "draft") return out;
        auto in = InstrumentOf(stored.value());
        if (in) out.emplace(std::move(in).value());
        return out;
      });
  inst->knowledge = std::make_unique<KnowledgeFiles>(paths.content_dir + "/knowledge",
                                                     *KnowledgeInstrument(inst->instruments),
                                                     inst->countries, *inst->store);
  return inst;
}

Result<std::vector<std::string>> Installation::SyncInstruments() {
  auto synced = store->SyncInstrumentFiles(instrument_files, "system");
  if (!synced) return synced.error();
  auto versions = store->ListInstrumentVersions();
  if (!versions) return versions.error();
  for (const StoredInstrumentVersion& v : versions.value()) {
    if (v.status == "retired") instruments.SetRetired(v.instrument_id, v.version);
  }
  return synced;
}

Result<bool> CheckCatalogs(const std::string& locale_dir) {
  std::vector<Problem> missing;
  for (const std::string& lang : kUnLanguages) {
    if (lang == "en") continue;  // the messages are written in English
    const std::string mo = locale_dir + "/" + lang + "/LC_MESSAGES/meter.mo";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(mo, ec)) {
      missing.push_back({mo,
                         METER_N("the translation catalog is missing: METER would show "
                                 "English instead of this language; install the catalogs or "
                                 "set --locale-dir"),
                         {}});
    }
  }
  if (!missing.empty()) return Error{ErrorCode::kUnavailable, std::move(missing)};
  return true;
}

Result<PasswordPolicy> LoadPasswordPolicy(const std::string& content_dir) {
  const std::string path = content_dir + "/common-passwords.txt";
  auto text = ReadFile(path);
  if (!text) return text.error();
  return PasswordPolicy::Parse(text.value(), path);
}

Renderers Installation::ReportRenderers() {
  Renderers r;
  r.radar = RadarChart;
  r.radar_with_targets = RadarChartWithTargets;
  r.trend = TrendChart;
  r.download = RoundDownload;
  r.campaign_download = CampaignDownload;
  r.comparison_grid = ComparisonGrid;
  r.scatter = [](const Scatter& s, const std::string& id, const std::string& title,
                 const std::string& x, const std::string& y, const std::locale& locale) {
    return ScatterChart(s, {id, title, x, y}, locale);
  };
  r.png = [](const std::string& svg) { return ChartPng(svg); };
  r.questionnaire = QuestionnaireDownload;
  r.read_xlsx = [](std::string_view bytes) { return ReadXlsxSheets(bytes); };
  r.bars = SubAreaBarChart;
  r.heatmap = GroupHeatmap;
  r.scores_json = ScoresAsJson;
  r.markdown = MarkdownToHtml;
  r.radar_data = [](const Instrument& in, const ScoreReport& report, const std::locale& locale,
                    const std::string& lang, const std::map<std::string, double>& targets,
                    const std::map<std::string, double>* comparison, const std::string& label) {
    return ChartTableHtml(RadarTable(in, report, locale, lang, targets, comparison, label), locale);
  };
  r.bars_data = [](const Instrument& in, const ScoreReport& report, const std::locale& locale,
                   const std::string& lang) {
    return ChartTableHtml(SubAreaBarTable(in, report, locale, lang), locale);
  };
  r.heatmap_data = [](const Instrument& in, const ScoreReport& report, const std::locale& locale,
                      const std::string& lang) {
    return ChartTableHtml(GroupHeatmapTable(in, report, locale, lang), locale);
  };
  r.trend_data = [](const std::vector<TrendSeries>& series, const std::locale& locale,
                    const std::string& lang) {
    return ChartTableHtml(TrendTable(series, locale, lang), locale);
  };
  return r;
}

}  // namespace meter
