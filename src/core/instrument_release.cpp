#include "core/instrument_release.h"

#include "core/instrument_loader.h"
#include "core/instrument_po.h"
#include "core/instrument_writer.h"

namespace meter {
namespace {

void CheckStructure(const Instrument& in, std::vector<Problem>& out) {
  for (const Pillar& p : in.pillars) {
    if (p.subareas.empty()) out.push_back({p.id, METER_N("the pillar has no sub-areas"), {}});
    for (const SubArea& s : p.subareas) {
      if (s.statements.empty())
        out.push_back({s.id, METER_N("the sub-area has no statements"), {}});
      for (int b = 0; b < kBandCount; ++b) {
        if (s.actions[b].empty()) {
          out.push_back({s.id,
                         METER_N("the sub-area has no recommended actions for band '{1}'"),
                         {std::string(BandKey(static_cast<Band>(b)))}});
        }
      }
    }
  }
}

// Missing or stale texts, one problem per text and language.
void CheckTranslations(const Instrument& draft, std::vector<Problem>& out) {
  Instrument copy =
      std::move(LoadInstrument(WriteInstrumentYaml(draft), draft.id + " " + draft.version)).value();
  ForEachInstrumentText(copy, [&](const std::string& key, LocalizedText& text) {
    for (const std::string& lang : copy.languages) {
      if (!text.Has(lang)) {
        out.push_back({key, METER_N("the text has no translation in '{1}'"), {lang}});
      } else if (text.IsStale(lang)) {
        out.push_back({key, METER_N("the translation in '{1}' is out of date"), {lang}});
      }
    }
  });
}

}  // namespace

std::vector<Problem> ReleaseProblems(const Instrument& draft) {
  std::vector<Problem> out;
  if (!draft.IsDraft()) {
    out.push_back({draft.version, METER_N("the version is not a draft"), {}});
    return out;
  }
  CheckStructure(draft, out);
  CheckTranslations(draft, out);
  return out;
}

Result<Instrument> ReleasedCopy(const Instrument& draft) {
  std::vector<Problem> problems = ReleaseProblems(draft);
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  Instrument copy =
      std::move(LoadInstrument(WriteInstrumentYaml(draft), draft.id + " " + draft.version)).value();
  copy.status = "released";
  return LoadInstrument(WriteInstrumentYaml(copy), draft.id + " " + draft.version);
}

}  // namespace meter
