#include "report/score_formats.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "i18n/i18n.h"
#include "report/text_table.h"

namespace meter {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// The band as the formats show it: present exactly when the score is (a finite number), whatever
// the unit holds, so that no output ever names a band beside a missing score.
std::optional<Band> ShownBand(const UnitScore& u) {
  if (!u.score || !std::isfinite(*u.score)) return std::nullopt;
  return BandOf(*u.score);
}

// The score as the formats show it: nullopt unless a finite number.
std::optional<double> ShownScore(const UnitScore& u) {
  return u.score && std::isfinite(*u.score) ? u.score : std::nullopt;
}

// The display name of a unit in `lang`; the overall index has none in the instrument.
std::string UnitName(const Instrument& instrument, const UnitScore& unit, const std::locale& locale,
                     const std::string& lang) {
  if (unit.kind == UnitKind::kOverall) return Tr(locale, "Overall index");
  return InstrumentUnitName(instrument, unit, lang);
}

}  // namespace

std::string ScoresAsTable(const Instrument& instrument, const ScoreReport& report,
                          const std::locale& locale, const std::string& lang) {
  const std::string insufficient = Tr(locale, "insufficient data");
  const std::string not_applicable = Tr(locale, "not applicable");
  TextTable table({false, false, true, true, true, false, true});
  table.AddRow({Tr(locale, "Unit"), TrC(locale, "name of a pillar, sub-area or statement", "Name"),
                Tr(locale, "Score"), Tr(locale, "Coverage"), Tr(locale, "DK rate"),
                Tr(locale, "Band"), Tr(locale, "Group gap")});
  for (const UnitScore& u : report.units) {
    std::string score = OneDecimal(ShownScore(u));
    if (!ShownScore(u)) score = u.applicable ? insufficient : not_applicable;
    const std::optional<Band> band = ShownBand(u);
    const std::string indent(static_cast<size_t>(std::max(0, u.depth - 1)) * 2, ' ');
    table.AddRow({indent + u.id, ClipToWidth(UnitName(instrument, u, locale, lang), 44), score,
                  PercentOf(u.coverage), PercentOf(u.dk_rate),
                  band ? Tr(locale, BandName(*band)) : "", OneDecimal(u.group_gap)});
  }
  std::string out = Substitute(Tr(locale, "{1} — scores"), {instrument.title.Get(lang)}) + "\n\n";
  out += table.Render();
  std::string groups;
  for (const Group& g : report.groups) {
    groups += (groups.empty() ? "" : " ") +
              Substitute(Tr(locale, "{1} (weight {2})"), {g.name, PlainNumber(g.weight)});
  }
  out += "\n" + Substitute(Tr(locale, "Groups: {1}"), {groups}) + "\n";
  return out;
}

std::string ScoresAsJson(const Instrument& instrument, const ScoreReport& report) {
  json units = json::array();
  for (const UnitScore& u : report.units) {
    json groups = json::object();
    for (size_t g = 0; g < report.groups.size(); ++g) {
      if (u.group_scores[g]) groups[report.groups[g].name] = *u.group_scores[g];
    }
    json unit = {{"id", u.id},
                 {"kind", UnitKindKey(u.kind)},
                 {"score", Optional(ShownScore(u))},
                 {"coverage", Optional(u.coverage)},
                 {"dk_rate", Optional(u.dk_rate)},
                 {"band", ShownBand(u) ? json(std::string(BandKey(*ShownBand(u)))) : json(nullptr)},
                 {"group_gap", Optional(u.group_gap)},
                 {"groups", groups}};
    if (u.kind == UnitKind::kStatement) {
      unit["applicable"] = u.applicable;
      unit["sd"] = Optional(u.sd);
    }
    units.push_back(std::move(unit));
  }
  json groups = json::array();
  for (const Group& g : report.groups) groups.push_back({{"name", g.name}, {"weight", g.weight}});
  const json doc = {{"instrument", {{"id", instrument.id}, {"version", instrument.version}}},
                    {"groups", groups},
                    {"units", units}};
  return doc.dump(2) + "\n";
}

std::string ScoresAsCsv(const Instrument& instrument, const ScoreReport& report) {
  auto number = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *v);
    return std::string(buf);
  };
  std::string out = "instrument,version,id,kind,score,coverage,dk_rate,band,group_gap";
  for (const Group& g : report.groups) out += "," + CsvField("group:" + g.name);
  out += "\n";
  for (const UnitScore& u : report.units) {
    out += CsvField(instrument.id) + "," + CsvField(instrument.version) + "," + u.id + "," +
           UnitKindKey(u.kind) + "," + number(ShownScore(u)) + "," + number(u.coverage) + "," +
           number(u.dk_rate) + "," + (ShownBand(u) ? std::string(BandKey(*ShownBand(u))) : "") +
           "," + number(u.group_gap);
    for (const auto& g : u.group_scores) out += "," + number(g);
    out += "\n";
  }
  return out;
}

std::string InstrumentUnitName(const Instrument& instrument, const UnitScore& unit,
                               const std::string& lang) {
  if (unit.kind == UnitKind::kOverall) return "";
  const LocalizedText* text = instrument.UnitText(unit.id);
  return text ? text->Get(lang) : "";
}

std::string ExactNumber(const std::optional<double>& value) {
  if (!value) return "";
  char buf[64];
  const auto end = std::to_chars(buf, buf + sizeof buf, *value);
  return std::string(buf, end.ptr);
}

}  // namespace meter
