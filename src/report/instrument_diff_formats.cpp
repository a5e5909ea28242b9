#include "report/instrument_diff_formats.h"

#include <nlohmann/json.hpp>

#include "i18n/i18n.h"

namespace meter {
namespace {

using json = nlohmann::ordered_json;
using K = DiffKind;
using U = DiffUnit;

// The counted heading of each group of the text report.
struct Heading {
  DiffUnit unit;
  DiffKind kind;
  PluralMessage message;
};

// TRANSLATORS: the headings of `meter instrument diff`, each above the list of what it counts.
constexpr Heading kHeadings[] = {
    {U::kLanguage, K::kAdded, METER_NP("{1} language added", "{1} languages added")},
    {U::kLanguage, K::kRetired, METER_NP("{1} language removed", "{1} languages removed")},
    {U::kAnswerSet, K::kAdded, METER_NP("{1} answer set added", "{1} answer sets added")},
    {U::kAnswerSet, K::kRetired, METER_NP("{1} answer set removed", "{1} answer sets removed")},
    {U::kAnswerSet, K::kLevelsChanged,
     METER_NP("{1} answer set with changed levels", "{1} answer sets with changed levels")},
    {U::kPillar, K::kAdded, METER_NP("{1} pillar added", "{1} pillars added")},
    {U::kPillar, K::kRetired, METER_NP("{1} pillar retired", "{1} pillars retired")},
    {U::kPillar, K::kReworded,
     METER_NP("{1} pillar with a new name", "{1} pillars with a new name")},
    {U::kPillar, K::kOverviewChanged,
     METER_NP("{1} pillar with a new overview", "{1} pillars with a new overview")},
    {U::kPillar, K::kWeightChanged,
     METER_NP("{1} pillar with a new weight", "{1} pillars with a new weight")},
    {U::kSubArea, K::kAdded, METER_NP("{1} sub-area added", "{1} sub-areas added")},
    {U::kSubArea, K::kRetired, METER_NP("{1} sub-area retired", "{1} sub-areas retired")},
    {U::kSubArea, K::kRenamed,
     METER_NP("{1} sub-area with a new ID", "{1} sub-areas with a new ID")},
    {U::kSubArea, K::kMoved,
     METER_NP("{1} sub-area moved to another pillar", "{1} sub-areas moved to another pillar")},
    {U::kSubArea, K::kReworded,
     METER_NP("{1} sub-area with a new name", "{1} sub-areas with a new name")},
    {U::kSubArea, K::kActionsChanged,
     METER_NP("{1} sub-area with changed recommended actions",
              "{1} sub-areas with changed recommended actions")},
    {U::kSubArea, K::kPrerequisitesChanged,
     METER_NP("{1} sub-area with changed prerequisites",
              "{1} sub-areas with changed prerequisites")},
    {U::kSubArea, K::kWeightChanged,
     METER_NP("{1} sub-area with a new weight", "{1} sub-areas with a new weight")},
    {U::kStatement, K::kAdded, METER_NP("{1} statement added", "{1} statements added")},
    {U::kStatement, K::kRetired, METER_NP("{1} statement retired", "{1} statements retired")},
    {U::kStatement, K::kRenamed,
     METER_NP("{1} statement with a new ID", "{1} statements with a new ID")},
    {U::kStatement, K::kMoved,
     METER_NP("{1} statement moved to another sub-area",
              "{1} statements moved to another sub-area")},
    {U::kStatement, K::kReworded, METER_NP("{1} statement reworded", "{1} statements reworded")},
    {U::kStatement, K::kAnswerSetChanged,
     METER_NP("{1} statement with another answer set", "{1} statements with another answer set")},
    {U::kStatement, K::kWeightChanged,
     METER_NP("{1} statement with a new weight", "{1} statements with a new weight")},
};

const PluralMessage* HeadingOf(DiffUnit unit, DiffKind kind) {
  for (const Heading& h : kHeadings) {
    if (h.unit == unit && h.kind == kind) return &h.message;
  }
  return nullptr;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// What a reader of `lang` calls the unit `id` of `in`: a language's own name, a pillar's or
// sub-area's name, a statement's text; "" for an answer set.
std::string NameOf(const InstrumentChange& c, const Instrument& in, const std::string& lang) {
  if (c.unit == U::kLanguage) return LanguageNameInItself(c.id);
  if (c.unit == U::kAnswerSet) return c.kind == K::kAdded ? c.after : c.before;
  const LocalizedText* text = in.UnitText(c.id);
  return text ? text->Get(lang) : "";
}

// The lines under an English text that changed: as it was, as it is, and its translations.
std::string TextChangeLines(const InstrumentChange& c, const std::locale& locale) {
  std::string out = "    " + Substitute(Tr(locale, "Was: {1}"), {c.before}) + "\n";
  out += "    " + Substitute(Tr(locale, "Now: {1}"), {c.after}) + "\n";
  if (!c.updated_languages.empty()) {
    out += "    " +
           Substitute(Tr(locale, "Translations changed too: {1}"), {Joined(c.updated_languages)}) +
           "\n";
  }
  if (!c.stale_languages.empty()) {
    out += "    " +
           Substitute(Tr(locale, "Stale translations, shown in English until reviewed: {1}"),
                      {Joined(c.stale_languages)}) +
           "\n";
  }
  return out;
}

std::string Entry(const InstrumentChange& c, const Instrument& from, const Instrument& to,
                  const std::locale& locale, const std::string& lang) {
  const std::string line = "  " + c.id + "  ";
  auto arrow = [](const std::string& a, const std::string& b) { return a + " → " + b; };
  switch (c.kind) {
    case K::kAdded:
      return line + NameOf(c, to, lang) + "\n";
    case K::kRetired:
      return line + NameOf(c, from, lang) + "\n";
    case K::kRenamed:
      return "  " + arrow(c.old_id, c.id) + "  " + NameOf(c, to, lang) + "\n";
    case K::kReworded:
    case K::kOverviewChanged:
      return "  " + c.id + "\n" + TextChangeLines(c, locale);
    case K::kActionsChanged: {
      std::vector<std::string> bands;
      for (const std::string& key : c.bands)
        bands.push_back(Tr(locale, BandName(*BandFromKey(key))));
      return line + Joined(bands) + "\n";
    }
    case K::kPrerequisitesChanged: {
      const std::string none = Tr(locale, "(none)");
      return line + arrow(c.before.empty() ? none : c.before, c.after.empty() ? none : c.after) +
             "\n";
    }
    case K::kWeightChanged:
      return line + arrow(LocalizeNumber(c.before, lang), LocalizeNumber(c.after, lang)) + "\n";
    case K::kMoved:
    case K::kAnswerSetChanged:
    case K::kLevelsChanged:
      return line + arrow(c.before, c.after) + "\n";
  }
  return line + "\n";
}

// How statements were paired, for the lines under the report's first.
std::string MatchingNote(const InstrumentDiff& diff, const Instrument& from, const Instrument& to,
                         const std::locale& locale) {
  if (diff.matched_by_id_only) {
    const std::string warning =
        Tr(locale,
           "These instrument versions carry no mapping between them: units are matched by ID "
           "only, and a statement whose meaning changed may be paired wrongly.");
    return warning + "\n";
  }
  if (!diff.mapped) return "";
  const bool forward = to.Follows(from);
  const Instrument& newer = forward ? to : from;
  const Instrument& older = forward ? from : to;
  return Substitute(Tr(locale,
                       "Statements are paired through the mapping of {1}, which follows "
                       "{2}."),
                    {newer.id + " " + newer.version, older.id + " " + older.version}) +
         "\n";
}

}  // namespace

std::string InstrumentDiffAsText(const InstrumentDiff& diff, const Instrument& from,
                                 const Instrument& to, const std::locale& locale,
                                 const std::string& lang) {
  const long total = static_cast<long>(diff.changes.size());
  std::string out =
      Substitute(TrN(locale, "{1} → {2}: {3} change", "{1} → {2}: {3} changes", total),
                 {diff.from_id + " " + diff.from_version, diff.to_id + " " + diff.to_version,
                  std::to_string(total)}) +
      "\n";
  out += MatchingNote(diff, from, to, locale);
  for (int u = 0; u < kDiffUnitCount; ++u) {
    const auto unit = static_cast<DiffUnit>(u);
    for (DiffKind kind : DiffKindsOf(unit)) {
      const long n = static_cast<long>(diff.Count(unit, kind));
      const PluralMessage* heading = HeadingOf(unit, kind);
      if (n == 0 || heading == nullptr) continue;
      out += "\n" +
             Substitute(TrN(locale, heading->singular, heading->plural, n), {std::to_string(n)}) +
             "\n";
      for (const InstrumentChange& c : diff.changes) {
        if (c.unit == unit && c.kind == kind) out += Entry(c, from, to, locale, lang);
      }
    }
  }
  return out;
}

std::string InstrumentDiffAsJson(const InstrumentDiff& diff) {
  auto text = [](bool shown, const std::string& value) { return shown ? json(value) : json(); };
  json counts = json::object();
  json changes = json::object();
  for (int u = 0; u < kDiffUnitCount; ++u) {
    const auto unit = static_cast<DiffUnit>(u);
    const std::string unit_key(DiffUnitKey(unit));
    counts[unit_key] = json::object();
    changes[unit_key] = json::object();
    for (DiffKind kind : DiffKindsOf(unit)) {
      const std::string key(DiffKindKey(unit, kind));
      json list = json::array();
      for (const InstrumentChange& c : diff.changes) {
        if (c.unit != unit || c.kind != kind) continue;
        // A kind shows what was before it unless it is an addition, and what is after it unless
        // it is a retirement; a new ID and new actions show neither; a language shows no text.
        const bool texts =
            unit != U::kLanguage && kind != K::kRenamed && kind != K::kActionsChanged;
        json entry = {{"id", c.id},
                      {"old_id", text(!c.old_id.empty(), c.old_id)},
                      {"before", text(texts && kind != K::kAdded, c.before)},
                      {"after", text(texts && kind != K::kRetired, c.after)}};
        if (kind == K::kReworded || kind == K::kOverviewChanged) {
          entry["updated_languages"] = c.updated_languages;
          entry["stale_languages"] = c.stale_languages;
        }
        if (kind == K::kActionsChanged) entry["bands"] = c.bands;
        list.push_back(std::move(entry));
      }
      counts[unit_key][key] = list.size();
      changes[unit_key][key] = std::move(list);
    }
  }
  const json doc = {{"format", "meter-instrument-diff/1"},
                    {"from", {{"id", diff.from_id}, {"version", diff.from_version}}},
                    {"to", {{"id", diff.to_id}, {"version", diff.to_version}}},
                    {"mapped", diff.mapped},
                    {"matched_by_id_only", diff.matched_by_id_only},
                    {"total", diff.changes.size()},
                    {"counts", counts},
                    {"changes", changes}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace meter
