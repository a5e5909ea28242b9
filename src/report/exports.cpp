#include "report/exports.h"

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/round_results.h"
#include "report/export_rows.h"
#include "report/score_formats.h"

namespace meter {
namespace {

using export_rows::BandKeyOf;
// Keys stay in the order written, so "format" leads and the document reads top-down.
using json = nlohmann::ordered_json;

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json OptionalText(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json RoundJson(const RoundDossier& d, const Country* country) {
  json groups = json::array();
  for (const RespondentGroup& g : d.round.groups) {
    groups.push_back({{"name", g.name}, {"weight", g.weight}});
  }
  return {{"id", d.round.id},
          {"country", d.round.country},
          {"country_name", country ? json(country->name) : json(nullptr)},
          {"title", d.round.title},
          {"year", d.round.year},
          {"status", RoundStatusKey(d.round.status)},
          {"result_status", export_rows::ResultStatus(d.round.status)},
          {"published", d.round.published},
          {"instrument", {{"id", d.instrument->id}, {"version", d.instrument->version}}},
          {"groups", groups}};
}

json RespondentsJson(const RoundDossier& d) {
  json out = json::array();
  for (const Respondent& r : d.respondents) {
    out.push_back({{"id", RespondentLabel(r.id)}, {"group", r.group}, {"pillars", r.pillars}});
  }
  return out;
}

json AnswersJson(const RoundDossier& d) {
  json out = json::array();
  for (const export_rows::AnswerOf& a : export_rows::ExportedAnswers(d)) {
    out.push_back({{"respondent", RespondentLabel(a.respondent->id)},
                   {"statement", a.answer->statement},
                   {"value", a.answer->value},
                   {"comment", a.answer->comment},
                   {"evidence_url", a.answer->evidence_url}});
  }
  return out;
}

json ScoresJson(const RoundDossier& d) {
  json out = json::array();
  for (const UnitScore& u : d.report.units) {
    json groups = json::object();
    for (size_t g = 0; g < d.report.groups.size() && g < u.group_scores.size(); ++g) {
      if (u.group_scores[g]) groups[d.report.groups[g].name] = *u.group_scores[g];
    }
    out.push_back({{"unit", u.id},
                   {"kind", UnitKindKey(u.kind)},
                   {"name", export_rows::UnitName(*d.instrument, u)},
                   {"score", Optional(u.score)},
                   {"coverage", Optional(u.coverage)},
                   {"dk_rate", Optional(u.dk_rate)},
                   {"band", OptionalText(BandKeyOf(u.band))},
                   {"group_gap", Optional(u.group_gap)},
                   {"group_scores", groups}});
  }
  return out;
}

json WayForwardJson(const WayForwardPlan& plan) {
  json measure_first = json::array();
  for (const WayForwardItem& i : plan.measure_first) {
    measure_first.push_back(
        {{"subarea", i.subarea}, {"pillar", i.pillar}, {"dk_rate", Optional(i.dk_rate)}});
  }
  json priorities = json::array();
  for (const WayForwardItem& i : plan.priorities) {
    priorities.push_back({{"subarea", i.subarea},
                          {"pillar", i.pillar},
                          {"score", Optional(i.score)},
                          {"band", OptionalText(BandKeyOf(i.band))},
                          {"target", i.target},
                          {"priority", i.priority},
                          {"phase", i.phase},
                          {"after", i.after}});
  }
  return {{"measure_first", measure_first}, {"priorities", priorities}};
}

json RoadmapJson(const std::vector<RoadmapItem>& roadmap) {
  json out = json::array();
  for (const RoadmapItem& r : roadmap) {
    out.push_back({{"subarea", r.item.subarea},
                   {"pillar", r.item.pillar},
                   {"planned_phase", r.item.phase},
                   {"phase", r.phase},
                   {"owner", OptionalText(r.owner)},
                   {"due", OptionalText(r.due)}});
  }
  return out;
}

}  // namespace

std::string SdmxIndicator(const UnitScore& unit) {
  if (unit.kind == UnitKind::kOverall) return "OVERALL";
  std::string code = unit.id;
  for (char& c : code) {
    if (c == '.') c = '_';
  }
  return code;
}

std::string ExportScoresCsv(const RoundDossier& d) {
  std::string out =
      "round_id,instrument_id,instrument_version,country,year,unit,kind,name,score,coverage,"
      "dk_rate,band,group_gap,result_status\n";
  const std::string tail = std::string(",") + export_rows::ResultStatus(d.round.status) + "\n";
  const std::string head = std::to_string(d.round.id) + "," + CsvTextField(d.instrument->id) + "," +
                           CsvTextField(d.instrument->version) + "," +
                           CsvTextField(d.round.country) + "," + std::to_string(d.round.year) + ",";
  for (const UnitScore& u : d.report.units) {
    out += head + CsvField(u.id) + "," + UnitKindKey(u.kind) + "," +
           CsvTextField(export_rows::UnitName(*d.instrument, u)) + "," + ExactNumber(u.score) +
           "," + ExactNumber(u.coverage) + "," + ExactNumber(u.dk_rate) + "," + BandKeyOf(u.band) +
           "," + ExactNumber(u.group_gap) + tail;
  }
  return out;
}

std::string ExportAnswersCsv(const RoundDossier& d) {
  return AnswersCsvOf(*d.instrument, d.round, d.respondents, d.answers);
}

std::string ExportJson(const RoundDossier& d, const Country* country) {
  json targets = json::object();
  for (const auto& [pillar, target] : d.targets) targets[pillar] = target;
  const json doc = {{"format", kRoundExportFormat},
                    {"format_version", kRoundExportFormatVersion},
                    {"round", RoundJson(d, country)},
                    {"respondents", RespondentsJson(d)},
                    {"answers", AnswersJson(d)},
                    {"scores", ScoresJson(d)},
                    {"targets", targets},
                    {"way_forward", WayForwardJson(d.plan)},
                    {"roadmap", RoadmapJson(d.roadmap)}};
  // Replace, not throw, should stored text ever hold bytes that are not UTF-8.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string ExportSdmxCsv(const RoundDossier& d) {
  std::string out =
      "DATAFLOW,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,OBS_STATUS,INSTRUMENT_ID,"
      "INSTRUMENT_VERSION,ROUND_ID\n";
  const std::string head = std::string(kSdmxDataflow) + "," + CsvTextField(d.round.country) + "," +
                           std::to_string(d.round.year) + ",";
  const std::string tail = "," + CsvTextField(d.instrument->id) + "," +
                           CsvTextField(d.instrument->version) + "," + std::to_string(d.round.id) +
                           "\n";
  for (const UnitScore& u : d.report.units) {
    out += head + SdmxIndicator(u) + "," + ExactNumber(u.score) + "," +
           export_rows::ObsStatus(u, d.round.status) + tail;
  }
  return out;
}

const char* ExportKindKey(ExportKind kind) {
  switch (kind) {
    case ExportKind::kScoresCsv:
      return "scores";
    case ExportKind::kAnswersCsv:
      return "answers";
    case ExportKind::kJson:
      return "json";
    case ExportKind::kWorkbook:
      return "xlsx";
    case ExportKind::kSdmxCsv:
      return "sdmx";
  }
  return "";
}

std::optional<ExportKind> ExportKindFromKey(std::string_view key) {
  for (ExportKind k : {ExportKind::kScoresCsv, ExportKind::kAnswersCsv, ExportKind::kJson,
                       ExportKind::kWorkbook, ExportKind::kSdmxCsv}) {
    if (key == ExportKindKey(k)) return k;
  }
  return std::nullopt;
}

Result<ExportFile> ExportRound(const RoundDossier& d, const Country* country, ExportKind kind) {
  const std::string stem = "meter-round-" + std::to_string(d.round.id);
  const std::string csv = "text/csv; charset=utf-8";
  switch (kind) {
    case ExportKind::kScoresCsv:
      return ExportFile{stem + "-scores.csv", csv, kUtf8Bom + ExportScoresCsv(d)};
    case ExportKind::kAnswersCsv:
      return ExportFile{stem + "-answers.csv", csv, kUtf8Bom + ExportAnswersCsv(d)};
    case ExportKind::kJson:
      return ExportFile{stem + ".json", "application/json", ExportJson(d, country)};
    case ExportKind::kSdmxCsv:
      return ExportFile{stem + "-sdmx.csv", "application/vnd.sdmx.data+csv; version=1.0.0",
                        ExportSdmxCsv(d)};
    case ExportKind::kWorkbook:
      break;
  }
  auto workbook = ExportWorkbook(d, country);
  if (!workbook) return workbook.error();
  return ExportFile{stem + ".xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    std::move(workbook).value()};
}

}  // namespace meter
