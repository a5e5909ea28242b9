// What changed between two instrument versions, on a page (core/instrument_diff.h; the same as
// `meter instrument diff`): for every signed-in user, any two versions the installation holds,
// drafts included. GET /instruments/diff?from=ID/VERSION&to=ID/VERSION.
#include "core/instrument_diff.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string UnitWord(const Call& call, DiffUnit unit) {
  switch (unit) {
    case DiffUnit::kLanguage:
      return call.Tr("Languages");
    case DiffUnit::kAnswerSet:
      return call.Tr("Answer sets");
    case DiffUnit::kPillar:
      return call.Tr("Pillars");
    case DiffUnit::kSubArea:
      return call.Tr("Sub-areas");
    case DiffUnit::kStatement:
      return call.Tr("Statements");
  }
  return "";
}

std::string KindWord(const Call& call, DiffKind kind) {
  switch (kind) {
    case DiffKind::kAdded:
      return call.TrC("change between versions", "added");
    case DiffKind::kRetired:
      return call.TrC("change between versions", "retired");
    case DiffKind::kRenamed:
      return call.TrC("change between versions", "renamed");
    case DiffKind::kMoved:
      return call.TrC("change between versions", "moved");
    case DiffKind::kReworded:
      return call.TrC("change between versions", "reworded");
    case DiffKind::kOverviewChanged:
      return call.TrC("change between versions", "overview changed");
    case DiffKind::kActionsChanged:
      return call.TrC("change between versions", "recommended actions changed");
    case DiffKind::kPrerequisitesChanged:
      return call.TrC("change between versions", "prerequisites changed");
    case DiffKind::kAnswerSetChanged:
      return call.TrC("change between versions", "answer set changed");
    case DiffKind::kWeightChanged:
      return call.TrC("change between versions", "weight changed");
    case DiffKind::kLevelsChanged:
      return call.TrC("change between versions", "levels changed");
  }
  return "";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// "meter/2.0" → {"meter", "2.0"}; empty parts when there is no slash.
std::pair<std::string, std::string> VersionRef(const std::string& ref) {
  const auto slash = ref.find('/');
  if (slash == std::string::npos) return {"", ""};
  return {ref.substr(0, slash), ref.substr(slash + 1)};
}

}  // namespace

Response WebApp::Impl::InstrumentDiffPage(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kViewInstrument)) return *refused;
  const auto [from_id, from_version] = VersionRef(FormValue(call.query, "from"));
  const auto [to_id, to_version] = VersionRef(FormValue(call.query, "to"));
  if (from_id.empty() || to_id.empty()) {
    return Fail(call, Error::Of(ErrorCode::kInvalidInput, "from",
                                METER_N("name two versions to compare, as ?from=meter/2.0&"
                                        "to=meter/3.0")));
  }
  auto from = LoadVersion(call, from_id, from_version);
  if (auto* failed = std::get_if<Response>(&from)) return *failed;
  auto to = LoadVersion(call, to_id, to_version);
  if (auto* failed = std::get_if<Response>(&to)) return *failed;
  const InstrumentDiff diff = DiffInstruments(*std::get<VersionView>(from).instrument,
                                              *std::get<VersionView>(to).instrument);
  TemplateList rows;
  for (const InstrumentChange& c : diff.changes) {
    TemplateData row;
    row.set("unit", UnitWord(call, c.unit));
    row.set("kind", KindWord(call, c.kind));
    row.set("kind_key", std::string(DiffKindKey(c.unit, c.kind)));
    row.set("id", c.id);
    row.set("old_id", c.old_id);
    row.set("has_old_id", !c.old_id.empty());
    row.set("before", c.kind == DiffKind::kActionsChanged ? "" : c.before);
    row.set("after", c.kind == DiffKind::kActionsChanged ? Joined(c.bands) : c.after);
    row.set("stale", Joined(c.stale_languages));
    row.set("has_stale", !c.stale_languages.empty());
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("from", from_id + " " + from_version);
  data.set("to", to_id + " " + to_version);
  data.set("count",
           Substitute(call.TrN("{1} change", "{1} changes", static_cast<long>(diff.changes.size())),
                      {std::to_string(diff.changes.size())}));
  data.set("mapped", diff.mapped);
  data.set("by_id_only", diff.matched_by_id_only);
  data.set("changes", std::move(rows));
  data.set("has_changes", !diff.changes.empty());
  return Page(call, "instrument_diff",
              Substitute(call.Tr("From {1} to {2}"),
                         {from_id + " " + from_version, to_id + " " + to_version}),
              std::move(data));
}

}  // namespace meter
