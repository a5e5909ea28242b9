#include "core/proposal.h"

#include <algorithm>

#include "core/instrument_loader.h"
#include "core/instrument_writer.h"
#include "core/text_rules.h"

namespace meter {
namespace {

struct KindInfo {
  ProposalKind kind;
  const char* key;
  const char* unit;
};

constexpr KindInfo kKinds[] = {
    {ProposalKind::kAddStatement, "add-statement", "statement"},
    {ProposalKind::kRewordStatement, "reword-statement", "statement"},
    {ProposalKind::kMoveStatement, "move-statement", "statement"},
    {ProposalKind::kRetireStatement, "retire-statement", "statement"},
    {ProposalKind::kAddSubArea, "add-subarea", "subarea"},
    {ProposalKind::kRenameSubArea, "rename-subarea", "subarea"},
    {ProposalKind::kRetireSubArea, "retire-subarea", "subarea"},
    {ProposalKind::kAddPillar, "add-pillar", "pillar"},
    {ProposalKind::kRenamePillar, "rename-pillar", "pillar"},
    {ProposalKind::kRetirePillar, "retire-pillar", "pillar"},
    {ProposalKind::kChangeOverview, "change-overview", "pillar"},
    {ProposalKind::kChangeActions, "change-actions", "subarea"},
    {ProposalKind::kChangePrerequisites, "change-prerequisites", "subarea"},
    {ProposalKind::kChangeWeight, "change-weight", "any"},
};

const KindInfo& InfoOf(ProposalKind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];
}

bool IsAddition(ProposalKind k) {
  return k == ProposalKind::kAddStatement || k == ProposalKind::kAddSubArea ||
         k == ProposalKind::kAddPillar;
}

bool NeedsText(ProposalKind k) {
  return k == ProposalKind::kAddStatement || k == ProposalKind::kRewordStatement ||
         k == ProposalKind::kAddSubArea || k == ProposalKind::kRenameSubArea ||
         k == ProposalKind::kAddPillar || k == ProposalKind::kRenamePillar;
}

bool NeedsOverview(ProposalKind k) {
  return k == ProposalKind::kAddPillar || k == ProposalKind::kChangeOverview;
}

// The kind of unit `id` names in `in`: "statement", "subarea", "pillar" or "" when none.
std::string UnitKindOf(const Instrument& in, std::string_view id) {
  if (in.StatementIndex(id) >= 0) return "statement";
  if (in.FindSubArea(id)) return "subarea";
  if (in.FindPillar(id)) return "pillar";
  return "";
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether `id` has the shape of a new unit of `unit` kind under `parent` ("M1.3" under "M1",
// "M2" under "M", "M" for a pillar).
bool HasShape(const std::string& unit, const std::string& id, const std::string& parent) {
  if (unit == "pillar") return id.size() == 1 && id[0] >= 'A' && id[0] <= 'Z';
  if (unit == "subarea") {
    return id.rfind(parent, 0) == 0 && IsDigits(std::string_view(id).substr(parent.size()));
  }
  const std::string prefix = parent + ".";
  return id.rfind(prefix, 0) == 0 && IsDigits(std::string_view(id).substr(prefix.size()));
}

void CheckText(const LocalizedText& text, const std::string& field, bool required,
               const Instrument& draft, std::vector<Problem>& out) {
  if (required && (!text.Has("en") || text.all().find("en")->second.empty())) {
    out.push_back({field + "_en", METER_N("English text is required"), {}});
  }
  for (const auto& [lang, value] : text.all()) {
    if (std::find(draft.languages.begin(), draft.languages.end(), lang) == draft.languages.end()) {
      out.push_back(
          {field + "_" + lang, METER_N("'{1}' is not one of the draft's languages"), {lang}});
    } else if (auto p = TextProblem(field + "_" + lang, value, TextShape::kLines, 2000)) {
      out.push_back(*p);
    }
  }
}

void CheckTarget(const Proposal& p, const Instrument& draft, std::vector<Problem>& out) {
  const ProposedChange& c = p.change;
  const std::string unit = ProposalUnit(c.kind);
  if (c.target.empty()) {
    out.push_back({"target", METER_N("say which unit the proposal changes"), {}});
    return;
  }
  if (IsAddition(c.kind)) {
    if (!UnitKindOf(draft, c.target).empty()) {
      out.push_back({"target", METER_N("'{1}' is already used in this draft"), {c.target}});
    }
    const std::string parent_unit = unit == "statement" ? "subarea" : "pillar";
    if (unit != "pillar" && UnitKindOf(draft, c.parent) != parent_unit) {
      out.push_back(
          {"parent", METER_N("'{1}' is not a sub-area or pillar that can hold it"), {c.parent}});
    } else if (!HasShape(unit, c.target, c.parent)) {
      out.push_back({"target",
                     METER_N("'{1}' does not have the shape of a new ID under '{2}'"),
                     {c.target, c.parent}});
    }
    return;
  }
  const std::string found = UnitKindOf(draft, c.target);
  if (found.empty() || (unit != "any" && found != unit)) {
    out.push_back({"target",
                   METER_N("'{1}' is not a unit of this draft that this kind of "
                           "proposal changes"),
                   {c.target}});
  }
  if (c.kind == ProposalKind::kMoveStatement) {
    if (UnitKindOf(draft, c.parent) != "subarea") {
      out.push_back({"parent", METER_N("'{1}' is not a sub-area of this draft"), {c.parent}});
    } else if (!HasShape("statement", c.new_id, c.parent) || !UnitKindOf(draft, c.new_id).empty()) {
      out.push_back({"new_id",
                     METER_N("'{1}' is not a free statement ID in sub-area '{2}'"),
                     {c.new_id, c.parent}});
    }
  }
}

void CheckWeightAndPrerequisites(const ProposedChange& c, const Instrument& draft,
                                 std::vector<Problem>& out) {
  if (c.kind == ProposalKind::kChangeWeight && !c.weight) {
    out.push_back({"weight", METER_N("give the new weight"), {}});
  }
  if (c.weight && !(*c.weight > 0 && *c.weight <= 10)) {
    out.push_back({"weight", METER_N("a weight must be a number above 0 and at most 10"), {}});
  }
  for (const std::string& pre : c.prerequisites) {
    if (!draft.FindSubArea(pre) || pre == c.target) {
      out.push_back(
          {"prerequisites", METER_N("'{1}' is not another sub-area of this draft"), {pre}});
    }
  }
}

// --- applying ------------------------------------------------------------------------------

// A deep copy of `in` through its canonical text (an Instrument owns indexes into itself).
Instrument CopyOf(const Instrument& in) {
  return std::move(LoadInstrument(WriteInstrumentYaml(in), in.id + " " + in.version)).value();
}

// Puts `from`'s texts into `into`: a new English text leaves the translations not given stale.
void MergeText(LocalizedText& into, const LocalizedText& from) {
  const bool english_changed = from.Has("en") && from.Get("en") != into.Get("en");
  for (const auto& [lang, value] : from.all()) {
    into.Set(lang, value);
    into.MarkCurrent(lang);
  }
  if (!english_changed) return;
  for (const auto& [lang, value] : into.all()) {
    if (lang != "en" && !from.Has(lang)) into.MarkStale(lang);
  }
}

Error Conflict(std::string message, std::vector<std::string> args) {
  return Error::Of(ErrorCode::kConflict, "target", std::move(message), std::move(args));
}

// The previous version's ID that `id` (a statement of the draft) continues, or "".
std::string PreviousIdOf(const Instrument& draft, const Instrument* previous,
                         const std::string& id) {
  if (!previous) return "";
  if (draft.mapping) {
    for (const auto& [old_id, new_id] : draft.mapping->renamed) {
      if (new_id == id) return old_id;
    }
  }
  return previous->StatementIndex(id) >= 0 ? id : "";
}

VersionMapping& MappingOf(Instrument& draft, const Instrument& previous) {
  if (!draft.mapping) draft.mapping = VersionMapping{previous.version, {}, {}};
  return *draft.mapping;
}

void RecordMove(Instrument& draft, const Instrument* previous, const std::string& old_id,
                const std::string& new_id) {
  const std::string prev = PreviousIdOf(draft, previous, old_id);
  if (prev.empty()) return;
  VersionMapping& m = MappingOf(draft, *previous);
  if (prev == new_id) {
    m.renamed.erase(prev);
  } else {
    m.renamed[prev] = new_id;
  }
}

void RecordRetired(Instrument& draft, const Instrument* previous, const std::string& id) {
  const std::string prev = PreviousIdOf(draft, previous, id);
  if (prev.empty()) return;
  VersionMapping& m = MappingOf(draft, *previous);
  m.renamed.erase(prev);
  if (std::find(m.retired.begin(), m.retired.end(), prev) == m.retired.end()) {
    m.retired.push_back(prev);
  }
}

Pillar* MutablePillar(Instrument& in, const std::string& id) {
  for (Pillar& p : in.pillars) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

SubArea* MutableSubArea(Instrument& in, const std::string& id) {
  for (Pillar& p : in.pillars) {
    for (SubArea& s : p.subareas) {
      if (s.id == id) return &s;
    }
  }
  return nullptr;
}

Statement* MutableStatement(Instrument& in, const std::string& id, SubArea** holder = nullptr) {
  for (Pillar& p : in.pillars) {
    for (SubArea& s : p.subareas) {
      for (Statement& st : s.statements) {
        if (st.id != id) continue;
        if (holder) *holder = &s;
        return &st;
      }
    }
  }
  return nullptr;
}

// The sub-area that lists `id` as a prerequisite, or "".
std::string DependentOf(const Instrument& in, const std::string& id) {
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      if (std::find(s.prerequisites.begin(), s.prerequisites.end(), id) != s.prerequisites.end()) {
        return s.id;
      }
    }
  }
  return "";
}

Result<bool> RetireSubAreaIn(Instrument& in, Pillar& pillar, size_t index,
                             const Instrument* previous) {
  const std::string dependent = DependentOf(in, pillar.subareas[index].id);
  if (!dependent.empty()) {
    return Conflict(METER_N("sub-area '{1}' is a prerequisite of '{2}'; change '{2}' first"),
                    {pillar.subareas[index].id, dependent});
  }
  for (const Statement& st : pillar.subareas[index].statements) {
    RecordRetired(in, previous, st.id);
  }
  pillar.subareas.erase(pillar.subareas.begin() + static_cast<long>(index));
  return true;
}

Result<bool> ApplyStatementChange(Instrument& in, const ProposedChange& c,
                                  const Instrument* previous) {
  if (c.kind == ProposalKind::kAddStatement) {
    SubArea* sub = MutableSubArea(in, c.parent);
    if (!sub) return Conflict(METER_N("sub-area '{1}' is no longer in the draft"), {c.parent});
    if (!UnitKindOf(in, c.target).empty() ||
        (previous && previous->StatementIndex(c.target) >= 0)) {
      return Conflict(METER_N("the ID '{1}' is taken"), {c.target});
    }
    Statement st;
    st.id = c.target;
    st.text = c.text;
    st.weight = c.weight.value_or(1);
    st.answer_set = sub->statements.empty() ? in.default_answer_set : sub->statements[0].answer_set;
    sub->statements.push_back(std::move(st));
    return true;
  }
  SubArea* holder = nullptr;
  Statement* st = MutableStatement(in, c.target, &holder);
  if (!st) return Conflict(METER_N("statement '{1}' is no longer in the draft"), {c.target});
  if (c.kind == ProposalKind::kRewordStatement) {
    MergeText(st->text, c.text);
  } else if (c.kind == ProposalKind::kRetireStatement) {
    RecordRetired(in, previous, c.target);
    holder->statements.erase(holder->statements.begin() + (st - holder->statements.data()));
  } else if (c.kind == ProposalKind::kMoveStatement) {
    SubArea* to = MutableSubArea(in, c.parent);
    if (!to) return Conflict(METER_N("sub-area '{1}' is no longer in the draft"), {c.parent});
    if (!UnitKindOf(in, c.new_id).empty()) {
      return Conflict(METER_N("the ID '{1}' is taken"), {c.new_id});
    }
    RecordMove(in, previous, c.target, c.new_id);
    Statement moved = std::move(*st);
    moved.id = c.new_id;
    holder->statements.erase(holder->statements.begin() + (st - holder->statements.data()));
    to->statements.push_back(std::move(moved));
  }
  return true;
}

Result<bool> ApplySubAreaChange(Instrument& in, const ProposedChange& c,
                                const Instrument* previous) {
  if (c.kind == ProposalKind::kAddSubArea) {
    Pillar* pillar = MutablePillar(in, c.parent);
    if (!pillar) return Conflict(METER_N("pillar '{1}' is no longer in the draft"), {c.parent});
    if (!UnitKindOf(in, c.target).empty()) {
      return Conflict(METER_N("the ID '{1}' is taken"), {c.target});
    }
    SubArea sub;
    sub.id = c.target;
    sub.name = c.text;
    sub.weight = c.weight.value_or(1);
    sub.prerequisites = c.prerequisites;
    sub.actions = c.actions;
    pillar->subareas.push_back(std::move(sub));
    return true;
  }
  for (Pillar& p : in.pillars) {
    for (size_t i = 0; i < p.subareas.size(); ++i) {
      SubArea& sub = p.subareas[i];
      if (sub.id != c.target) continue;
      if (c.kind == ProposalKind::kRetireSubArea) return RetireSubAreaIn(in, p, i, previous);
      if (c.kind == ProposalKind::kRenameSubArea) MergeText(sub.name, c.text);
      if (c.kind == ProposalKind::kChangePrerequisites) sub.prerequisites = c.prerequisites;
      if (c.kind == ProposalKind::kChangeActions) {
        for (int b = 0; b < kBandCount; ++b) {
          if (!c.actions[b].empty()) sub.actions[b] = c.actions[b];
        }
      }
      return true;
    }
  }
  return Conflict(METER_N("sub-area '{1}' is no longer in the draft"), {c.target});
}

Result<bool> ApplyPillarChange(Instrument& in, const ProposedChange& c,
                               const Instrument* previous) {
  if (c.kind == ProposalKind::kAddPillar) {
    if (!UnitKindOf(in, c.target).empty()) {
      return Conflict(METER_N("the ID '{1}' is taken"), {c.target});
    }
    Pillar p;
    p.id = c.target;
    p.name = c.text;
    p.overview = c.overview;
    p.weight = c.weight.value_or(1);
    in.pillars.push_back(std::move(p));
    return true;
  }
  for (size_t i = 0; i < in.pillars.size(); ++i) {
    Pillar& p = in.pillars[i];
    if (p.id != c.target) continue;
    if (c.kind == ProposalKind::kRenamePillar) MergeText(p.name, c.text);
    if (c.kind == ProposalKind::kChangeOverview) MergeText(p.overview, c.overview);
    if (c.kind == ProposalKind::kRetirePillar) {
      while (!p.subareas.empty()) {
        auto retired = RetireSubAreaIn(in, p, p.subareas.size() - 1, previous);
        if (!retired) return retired.error();
      }
      in.pillars.erase(in.pillars.begin() + static_cast<long>(i));
    }
    return true;
  }
  return Conflict(METER_N("pillar '{1}' is no longer in the draft"), {c.target});
}

Result<bool> ApplyWeight(Instrument& in, const ProposedChange& c) {
  const double w = c.weight.value_or(1);
  if (Statement* st = MutableStatement(in, c.target)) {
    st->weight = w;
  } else if (SubArea* sub = MutableSubArea(in, c.target)) {
    sub->weight = w;
  } else if (Pillar* p = MutablePillar(in, c.target)) {
    p->weight = w;
  } else {
    return Conflict(METER_N("'{1}' is no longer in the draft"), {c.target});
  }
  return true;
}

}  // namespace

const std::vector<ProposalKind>& AllProposalKinds() {
  static const std::vector<ProposalKind> kAll = [] {
    std::vector<ProposalKind> out;
    for (const KindInfo& k : kKinds) out.push_back(k.kind);
    return out;
  }();
  return kAll;
}

std::string ProposalKindKey(ProposalKind kind) { return InfoOf(kind).key; }

std::optional<ProposalKind> ParseProposalKind(std::string_view key) {
  for (const KindInfo& k : kKinds) {
    if (key == k.key) return k.kind;
  }
  return std::nullopt;
}

std::string ProposalUnit(ProposalKind kind) { return InfoOf(kind).unit; }

std::string ProposalStatusKey(ProposalStatus status) {
  switch (status) {
    case ProposalStatus::kOpen:
      return "open";
    case ProposalStatus::kAccepted:
      return "accepted";
    case ProposalStatus::kRejected:
      return "rejected";
    case ProposalStatus::kDeferred:
      return "deferred";
  }
  return "open";
}

std::optional<ProposalStatus> ParseProposalStatus(std::string_view key) {
  for (ProposalStatus s : {ProposalStatus::kOpen, ProposalStatus::kAccepted,
                           ProposalStatus::kRejected, ProposalStatus::kDeferred}) {
    if (key == ProposalStatusKey(s)) return s;
  }
  return std::nullopt;
}

std::string VoteChoiceKey(VoteChoice choice) {
  switch (choice) {
    case VoteChoice::kSupport:
      return "support";
    case VoteChoice::kOppose:
      return "oppose";
    case VoteChoice::kAbstain:
      return "abstain";
  }
  return "abstain";
}

std::optional<VoteChoice> ParseVoteChoice(std::string_view key) {
  for (VoteChoice c : {VoteChoice::kSupport, VoteChoice::kOppose, VoteChoice::kAbstain}) {
    if (key == VoteChoiceKey(c)) return c;
  }
  return std::nullopt;
}

std::vector<Problem> CheckProposal(const Proposal& p, const Instrument& draft) {
  std::vector<Problem> out;
  const ProposedChange& c = p.change;
  if (!draft.IsDraft()) {
    out.push_back({"version", METER_N("only a draft version takes proposals"), {}});
    return out;
  }
  CheckTarget(p, draft, out);
  CheckText(c.text, "text", NeedsText(c.kind), draft, out);
  CheckText(c.overview, "overview", NeedsOverview(c.kind), draft, out);
  if (c.kind == ProposalKind::kChangeActions) {
    bool any = false;
    for (int b = 0; b < kBandCount; ++b) {
      for (const LocalizedText& action : c.actions[b]) {
        any = true;
        CheckText(action, "actions_" + std::string(BandKey(static_cast<Band>(b))), true, draft,
                  out);
      }
    }
    if (!any) out.push_back({"actions", METER_N("give at least one recommended action"), {}});
  }
  CheckWeightAndPrerequisites(c, draft, out);
  if (p.rationale.empty()) {
    out.push_back({"rationale", METER_N("say why: the rationale is required"), {}});
  } else if (auto problem = TextProblem("rationale", p.rationale, TextShape::kLines, 10000)) {
    out.push_back(*problem);
  }
  for (const std::string& source : p.sources) {
    if (auto problem = TextProblem("sources", source, TextShape::kLine, 500)) {
      out.push_back(*problem);
    }
  }
  return out;
}

Result<Instrument> ApplyProposal(const Instrument& draft, const ProposedChange& c,
                                 const Instrument* previous) {
  Instrument in = CopyOf(draft);
  const std::string unit = ProposalUnit(c.kind);
  Result<bool> applied = true;
  if (c.kind == ProposalKind::kChangeWeight) {
    applied = ApplyWeight(in, c);
  } else if (unit == "statement") {
    applied = ApplyStatementChange(in, c, previous);
  } else if (unit == "subarea") {
    applied = ApplySubAreaChange(in, c, previous);
  } else {
    applied = ApplyPillarChange(in, c, previous);
  }
  if (!applied) return applied.error();
  in.Seal();
  // The canonical text must load again: the change cannot leave a draft the loader refuses.
  auto reloaded = LoadInstrument(WriteInstrumentYaml(in), in.id + " " + in.version);
  if (!reloaded) {
    Error e = reloaded.error();
    e.code = ErrorCode::kConflict;
    return e;
  }
  return reloaded;
}

std::vector<std::string> TouchedUnits(const ProposedChange& c) {
  std::vector<std::string> out = {c.target};
  if (!c.new_id.empty()) out.push_back(c.new_id);
  return out;
}

}  // namespace meter
