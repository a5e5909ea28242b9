#include "report/item_statistics_formats.h"

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/problem.h"
#include "core/text.h"
#include "i18n/i18n.h"
#include "report/score_formats.h"
#include "report/text_table.h"

namespace meter {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// Two decimals for a correlation or an α, one for a mean, a whole percentage for a share.
// A number with `decimals` decimals, or "—" when it could not be computed.
std::string Fixed(const std::optional<double>& v, int decimals, const std::string& lang) {
  return v ? Decimals(v, decimals, lang) : "—";
}

std::string Share(const std::optional<double>& v, const std::string& lang) {
  if (!v) return "—";
  return PercentOf(v, lang);
}

// The flags' names, a list separated by semicolons (each name is a whole phrase).
std::string FlagList(const StatementStatistics& s, const std::locale& locale) {
  std::vector<std::string> names;
  for (ItemFlag f : s.flags) names.push_back(Tr(locale, ItemFlagName(f)));
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : "; ") + name;
  return out;
}

}  // namespace

std::string ItemStatisticsAsTable(const Instrument& instrument, const ItemStatistics& stats,
                                  const std::locale& locale, const std::string& lang) {
  std::string out = Substitute(Tr(locale, "{1} {2}. Published rounds: {3}. Respondents: {4}."),
                               {instrument.id, instrument.version, std::to_string(stats.rounds),
                                std::to_string(stats.respondents)}) +
                    "\n\n";
  TextTable pillars({false, true, true, true});
  pillars.AddRow({Tr(locale, "Pillar"), Tr(locale, "Statements"),
                  Tr(locale, "Complete respondents"), Tr(locale, "Cronbach's alpha")});
  for (const PillarStatistics& p : stats.pillars) {
    pillars.AddRow(
        {p.id, std::to_string(p.statements), std::to_string(p.complete), Fixed(p.alpha, 3, lang)});
  }
  out += pillars.Render() + "\n";
  TextTable items({false, true, true, true, true, true, true, true, true, true, true, false});
  items.AddRow({Tr(locale, "Statement"), Tr(locale, "Answers"), Tr(locale, "Mean"),
                Tr(locale, "SD"), Tr(locale, "DK rate"), Tr(locale, "NA rate"), Tr(locale, "Floor"),
                Tr(locale, "Ceiling"), Tr(locale, "Item-rest r"), Tr(locale, "Alpha if removed"),
                Tr(locale, "Level answers"), Tr(locale, "Flags")});
  for (const StatementStatistics& s : stats.statements) {
    items.AddRow({s.id, std::to_string(s.answers), Fixed(s.mean, 1, lang), Fixed(s.sd, 1, lang),
                  Share(s.dk_rate, lang), Share(s.na_rate, lang), Share(s.floor_share, lang),
                  Share(s.ceiling_share, lang), Fixed(s.item_rest, 2, lang),
                  Fixed(s.alpha_if_removed, 3, lang), std::to_string(s.levels),
                  FlagList(s, locale)});
  }
  return out + items.Render();
}

std::string ItemStatisticsAsJson(const Instrument& instrument, const ItemStatistics& stats) {
  json pillars = json::array();
  for (const PillarStatistics& p : stats.pillars) {
    pillars.push_back({{"id", p.id},
                       {"statements", p.statements},
                       {"complete", p.complete},
                       {"alpha", Optional(p.alpha)}});
  }
  json statements = json::array();
  for (const StatementStatistics& s : stats.statements) {
    json flags = json::array();
    for (ItemFlag f : s.flags) flags.push_back(ItemFlagKey(f));
    statements.push_back({{"id", s.id},
                          {"pillar", s.pillar},
                          {"answers", s.answers},
                          {"levels", s.levels},
                          {"mean", Optional(s.mean)},
                          {"sd", Optional(s.sd)},
                          {"dk_rate", Optional(s.dk_rate)},
                          {"na_rate", Optional(s.na_rate)},
                          {"floor_share", Optional(s.floor_share)},
                          {"ceiling_share", Optional(s.ceiling_share)},
                          {"item_rest", Optional(s.item_rest)},
                          {"alpha_if_removed", Optional(s.alpha_if_removed)},
                          {"flags", flags}});
  }
  const json doc = {{"instrument", {{"id", instrument.id}, {"version", instrument.version}}},
                    {"rounds", stats.rounds},
                    {"respondents", stats.respondents},
                    {"pillars", pillars},
                    {"statements", statements}};
  return doc.dump(2) + "\n";
}

std::string ItemStatisticsAsCsv(const Instrument& instrument, const ItemStatistics& stats) {
  std::string out =
      "instrument,version,statement,pillar,answers,levels,mean,sd,dk_rate,na_rate,floor_share,"
      "ceiling_share,item_rest,alpha_if_removed,pillar_alpha,pillar_complete,flags\n";
  for (const StatementStatistics& s : stats.statements) {
    const PillarStatistics* pillar = nullptr;
    for (const PillarStatistics& p : stats.pillars) {
      if (p.id == s.pillar) pillar = &p;
    }
    std::string flags;
    for (ItemFlag f : s.flags) flags += (flags.empty() ? "" : " ") + std::string(ItemFlagKey(f));
    out += CsvField(instrument.id) + "," + CsvField(instrument.version) + "," + CsvField(s.id) +
           "," + CsvField(s.pillar) + "," + std::to_string(s.answers) + "," +
           std::to_string(s.levels) + "," + ExactNumber(s.mean) + "," + ExactNumber(s.sd) + "," +
           ExactNumber(s.dk_rate) + "," + ExactNumber(s.na_rate) + "," +
           ExactNumber(s.floor_share) + "," + ExactNumber(s.ceiling_share) + "," +
           ExactNumber(s.item_rest) + "," + ExactNumber(s.alpha_if_removed) + "," +
           ExactNumber(pillar ? pillar->alpha : std::nullopt) + "," +
           (pillar ? std::to_string(pillar->complete) : "") + "," + CsvField(flags) + "\n";
  }
  return out;
}

}  // namespace meter
