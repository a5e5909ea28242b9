#include "core/instrument_diff.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/instrument_match.h"

namespace meter {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Changes sorted into their report groups as they are found, whatever the walk's order.
class Collector {
 public:
  InstrumentChange& Add(DiffUnit unit, DiffKind kind, std::string id, std::string old_id = "") {
    InstrumentChange& c = groups_[static_cast<int>(unit)][static_cast<int>(kind)].emplace_back();
    c.unit = unit;
    c.kind = kind;
    c.id = std::move(id);
    c.old_id = std::move(old_id);
    return c;
  }
  // Adds a change from `before` to `after` when they differ.
  void AddIf(DiffUnit unit, DiffKind kind, const std::string& id, std::string before,
             std::string after, const std::string& old_id = "") {
    if (before == after) return;
    InstrumentChange& c = Add(unit, kind, id, old_id);
    c.before = std::move(before);
    c.after = std::move(after);
  }
  // A reworded or overview change when the English differs, with the translations' states.
  void AddText(DiffUnit unit, DiffKind kind, const std::string& id, const LocalizedText& before,
               const LocalizedText& after, const Instrument& to, const std::string& old_id = "") {
    if (before.Get("en") == after.Get("en")) return;
    InstrumentChange& c = Add(unit, kind, id, old_id);
    c.before = before.Get("en");
    c.after = after.Get("en");
    for (const std::string& lang : to.languages) {
      if (lang == "en") continue;
      const auto old_text = before.all().find(lang);
      const auto new_text = after.all().find(lang);
      if (new_text == after.all().end()) continue;
      if (after.IsStale(lang)) {
        c.stale_languages.push_back(lang);
      } else if (old_text == before.all().end() || before.IsStale(lang) ||
                 old_text->second != new_text->second) {
        c.updated_languages.push_back(lang);
      }
    }
  }
  std::vector<InstrumentChange> Flatten() {
    std::vector<InstrumentChange> out;
    for (auto& unit : groups_) {
      for (auto& kind : unit) std::move(kind.begin(), kind.end(), std::back_inserter(out));
    }
    return out;
  }

 private:
  std::array<std::array<std::vector<InstrumentChange>, kDiffKindCount>, kDiffUnitCount> groups_;
};

std::string LevelsText(const AnswerSet& set) {
  std::string out;
  for (const AnswerLevel& level : set.levels) {
    out += (out.empty() ? "" : ", ") + level.code + "=" + PlainNumber(level.value);
  }
  return out;
}

std::string LevelLabels(const AnswerSet& set) {
  std::string out;
  for (const AnswerLevel& level : set.levels) out += level.label.Get("en") + '\n';
  return out;
}

const AnswerSet* FindAnswerSet(const Instrument& in, const std::string& id) {
  for (const AnswerSet& set : in.answer_sets) {
    if (set.id == id) return &set;
  }
  return nullptr;
}

void DiffLanguages(const Instrument& from, const Instrument& to, Collector& out) {
  for (const std::string& lang : to.languages) {
    if (!Contains(from.languages, lang)) out.Add(DiffUnit::kLanguage, DiffKind::kAdded, lang);
  }
  for (const std::string& lang : from.languages) {
    if (!Contains(to.languages, lang)) out.Add(DiffUnit::kLanguage, DiffKind::kRetired, lang);
  }
}

void DiffAnswerSets(const Instrument& from, const Instrument& to, Collector& out) {
  for (const AnswerSet& set : to.answer_sets) {
    const AnswerSet* old = FindAnswerSet(from, set.id);
    if (old == nullptr) {
      out.Add(DiffUnit::kAnswerSet, DiffKind::kAdded, set.id).after = LevelsText(set);
    } else if (LevelsText(*old) != LevelsText(set) || LevelLabels(*old) != LevelLabels(set)) {
      InstrumentChange& c = out.Add(DiffUnit::kAnswerSet, DiffKind::kLevelsChanged, set.id);
      c.before = LevelsText(*old);
      c.after = LevelsText(set);
    }
  }
  for (const AnswerSet& set : from.answer_sets) {
    if (FindAnswerSet(to, set.id) == nullptr) {
      out.Add(DiffUnit::kAnswerSet, DiffKind::kRetired, set.id).before = LevelsText(set);
    }
  }
}

void DiffPillars(const Instrument& from, const Instrument& to, Collector& out) {
  for (const Pillar& p : to.pillars) {
    const Pillar* old = from.FindPillar(p.id);
    if (old == nullptr) {
      out.Add(DiffUnit::kPillar, DiffKind::kAdded, p.id).after = p.name.Get("en");
      continue;
    }
    out.AddText(DiffUnit::kPillar, DiffKind::kReworded, p.id, old->name, p.name, to);
    out.AddText(DiffUnit::kPillar, DiffKind::kOverviewChanged, p.id, old->overview, p.overview, to);
    out.AddIf(DiffUnit::kPillar, DiffKind::kWeightChanged, p.id, PlainNumber(old->weight),
              PlainNumber(p.weight));
  }
  for (const Pillar& p : from.pillars) {
    if (to.FindPillar(p.id) == nullptr) {
      out.Add(DiffUnit::kPillar, DiffKind::kRetired, p.id).before = p.name.Get("en");
    }
  }
}

std::string JoinedIds(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The bands whose English actions differ.
std::vector<std::string> ChangedBands(const SubArea& before, const SubArea& after) {
  std::vector<std::string> bands;
  for (int b = 0; b < kBandCount; ++b) {
    const auto& x = before.actions[static_cast<size_t>(b)];
    const auto& y = after.actions[static_cast<size_t>(b)];
    const bool same = std::equal(
        x.begin(), x.end(), y.begin(), y.end(),
        [](const LocalizedText& a, const LocalizedText& c) { return a.Get("en") == c.Get("en"); });
    if (!same) bands.emplace_back(BandKey(static_cast<Band>(b)));
  }
  return bands;
}

void DiffSubAreas(const Instrument& from, const Instrument& to, const UnitMatch& match,
                  Collector& out) {
  const DiffUnit unit = DiffUnit::kSubArea;
  for (const Pillar& p : to.pillars) {
    for (const SubArea& s : p.subareas) {
      const SubAreaPlace* old = match.SubAreaBefore(s.id);
      if (old == nullptr) {
        out.Add(unit, DiffKind::kAdded, s.id).after = s.name.Get("en");
        continue;
      }
      const std::string& old_id = old->subarea->id;
      const std::string shown_old = old_id == s.id ? "" : old_id;
      if (!shown_old.empty()) out.Add(unit, DiffKind::kRenamed, s.id, old_id);
      out.AddIf(unit, DiffKind::kMoved, s.id, old->pillar->id, p.id, shown_old);
      out.AddText(unit, DiffKind::kReworded, s.id, old->subarea->name, s.name, to, shown_old);
      if (auto bands = ChangedBands(*old->subarea, s); !bands.empty()) {
        out.Add(unit, DiffKind::kActionsChanged, s.id, shown_old).bands = std::move(bands);
      }
      out.AddIf(unit, DiffKind::kPrerequisitesChanged, s.id, JoinedIds(old->subarea->prerequisites),
                JoinedIds(s.prerequisites), shown_old);
      out.AddIf(unit, DiffKind::kWeightChanged, s.id, PlainNumber(old->subarea->weight),
                PlainNumber(s.weight), shown_old);
    }
  }
  for (const Pillar& p : from.pillars) {
    for (const SubArea& s : p.subareas) {
      if (!match.SubAreaKept(s.id))
        out.Add(unit, DiffKind::kRetired, s.id).before = s.name.Get("en");
    }
  }
}

void DiffStatements(const Instrument& from, const Instrument& to, const UnitMatch& match,
                    Collector& out) {
  const DiffUnit unit = DiffUnit::kStatement;
  for (const StatementPlace& place : to.statements()) {
    const Statement& s = *place.statement;
    const std::string& subarea = SubAreaIdOf(to, place);
    const int old_index = match.StatementBefore(s.id);
    if (old_index < 0) {
      out.Add(unit, DiffKind::kAdded, s.id).after = s.text.Get("en");
      continue;
    }
    const StatementPlace& old_place = from.statements()[static_cast<size_t>(old_index)];
    const Statement& old = *old_place.statement;
    const std::string shown_old = old.id == s.id ? "" : old.id;
    if (!shown_old.empty()) out.Add(unit, DiffKind::kRenamed, s.id, old.id);
    // Moved when its sub-area's successor is not where it is now.
    const std::string& old_subarea = SubAreaIdOf(from, old_place);
    if (match.SubAreaAfter(old_subarea) != subarea) {
      out.AddIf(unit, DiffKind::kMoved, s.id, old_subarea, subarea, shown_old);
    }
    out.AddText(unit, DiffKind::kReworded, s.id, old.text, s.text, to, shown_old);
    out.AddIf(unit, DiffKind::kAnswerSetChanged, s.id, from.AnswerSetOf(old).id,
              to.AnswerSetOf(s).id, shown_old);
    out.AddIf(unit, DiffKind::kWeightChanged, s.id, PlainNumber(old.weight), PlainNumber(s.weight),
              shown_old);
  }
  for (const StatementPlace& place : from.statements()) {
    const Statement& s = *place.statement;
    if (!match.StatementKept(s.id))
      out.Add(unit, DiffKind::kRetired, s.id).before = s.text.Get("en");
  }
}

}  // namespace

size_t InstrumentDiff::Count(DiffUnit unit, DiffKind kind) const {
  return static_cast<size_t>(std::count_if(changes.begin(), changes.end(), [&](const auto& c) {
    return c.unit == unit && c.kind == kind;
  }));
}

InstrumentDiff DiffInstruments(const Instrument& from, const Instrument& to) {
  InstrumentDiff diff;
  diff.from_id = from.id;
  diff.from_version = from.version;
  diff.to_id = to.id;
  diff.to_version = to.version;
  const UnitMatch match(from, to);
  diff.mapped = match.mapped();
  diff.matched_by_id_only = match.by_id_only();
  Collector out;
  DiffLanguages(from, to, out);
  DiffAnswerSets(from, to, out);
  DiffPillars(from, to, out);
  DiffSubAreas(from, to, match, out);
  DiffStatements(from, to, match, out);
  diff.changes = out.Flatten();
  return diff;
}

const std::vector<DiffKind>& DiffKindsOf(DiffUnit unit) {
  using K = DiffKind;
  static const std::array<std::vector<DiffKind>, kDiffUnitCount> kinds = {{
      {K::kAdded, K::kRetired},
      {K::kAdded, K::kRetired, K::kLevelsChanged},
      {K::kAdded, K::kRetired, K::kReworded, K::kOverviewChanged, K::kWeightChanged},
      {K::kAdded, K::kRetired, K::kRenamed, K::kMoved, K::kReworded, K::kActionsChanged,
       K::kPrerequisitesChanged, K::kWeightChanged},
      {K::kAdded, K::kRetired, K::kRenamed, K::kMoved, K::kReworded, K::kAnswerSetChanged,
       K::kWeightChanged},
  }};
  return kinds[static_cast<size_t>(unit)];
}

std::string_view DiffUnitKey(DiffUnit unit) {
  static constexpr std::array<std::string_view, kDiffUnitCount> kKeys = {
      "languages", "answer_sets", "pillars", "subareas", "statements"};
  return kKeys[static_cast<size_t>(unit)];
}

std::string_view DiffKindKey(DiffUnit unit, DiffKind kind) {
  static constexpr std::array<std::string_view, kDiffKindCount> kKeys = {"added",
                                                                         "retired",
                                                                         "renamed",
                                                                         "moved",
                                                                         "reworded",
                                                                         "overview_changed",
                                                                         "actions_changed",
                                                                         "prerequisites_changed",
                                                                         "answer_set_changed",
                                                                         "weight_changed",
                                                                         "levels_changed"};
  const bool removed =
      kind == DiffKind::kRetired && (unit == DiffUnit::kLanguage || unit == DiffUnit::kAnswerSet);
  return removed ? "removed" : kKeys[static_cast<size_t>(kind)];
}

}  // namespace meter
