#include "report/export_rows.h"

#include <map>

#include "report/score_formats.h"

namespace meter::export_rows {

std::string UnitName(const Instrument& instrument, const UnitScore& unit) {
  if (unit.kind == UnitKind::kOverall) return "Overall index";
  return InstrumentUnitName(instrument, unit, "en");
}

std::string SubAreaName(const Instrument& instrument, const std::string& id) {
  const SubArea* s = instrument.FindSubArea(id);
  return s ? s->name.Get("en") : "";
}

std::string BandKeyOf(const std::optional<Band>& band) {
  return band ? std::string(BandKey(*band)) : "";
}

std::vector<AnswerOf> ExportedAnswers(const RoundDossier& dossier) {
  std::map<Id, const Respondent*> by_id;
  for (const Respondent& r : dossier.respondents) by_id[r.id] = &r;
  std::vector<AnswerOf> out;
  for (const StoredAnswer& a : dossier.answers) {
    auto r = by_id.find(a.respondent_id);
    if (r == by_id.end()) continue;
    if (a.value.empty() && a.comment.empty() && a.evidence_url.empty()) continue;
    out.push_back({&a, r->second});
  }
  return out;
}

const char* ObsStatus(const UnitScore& unit, RoundStatus status) {
  if (unit.score) return ResultsAreProvisional(status) ? "P" : "A";
  // A statement answered NA by most, or a unit with no applicable statement under it.
  if (!unit.applicable || !unit.coverage) return "M";
  return "O";
}

const char* ResultStatus(RoundStatus status) {
  return ResultsAreProvisional(status) ? "provisional" : "final";
}

}  // namespace meter::export_rows
