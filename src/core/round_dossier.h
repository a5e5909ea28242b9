// Everything about one round that the results, the Way Forward, the report and the exports show,
// read from the store in one place: the round, its instrument, respondents and answers, the
// scores, the coordinator's targets and roadmap edits, the plan and the roadmap, and the knowledge
// base's entries that the Way Forward points to.
//
// ReadRoundDossier fails with the store's error (kUnavailable, kNotFound), or kUnavailable when the
// round's instrument is not installed. The dossier borrows the instrument from the catalog, which
// must outlive it; everything else it owns. Thread-safe as the store is.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/answers.h"
#include "core/domain.h"
#include "core/egdi.h"
#include "core/instrument_catalog.h"
#include "core/item_statistics.h"
#include "core/roadmap.h"
#include "core/scoring.h"
#include "core/store.h"
#include "core/way_forward.h"

namespace meter {

struct RoundDossier {
  Round round;
  const Instrument* instrument = nullptr;
  std::vector<Respondent> respondents;
  std::vector<StoredAnswer> answers;
  ScoreReport report;
  std::map<std::string, double> targets;  // pillar → target
  std::vector<RoadmapEdit> edits;
  WayForwardPlan plan;
  std::vector<RoadmapItem> roadmap;
  // The knowledge base without bodies, for the lessons and case studies of each sub-area of the
  // Way Forward (KnowledgeAbout).
  std::vector<KnowledgeSummary> knowledge;
  // The UN E-Government Survey's figures of the round's country, oldest year first (issue 14): an
  // external measure shown beside METER's index, never converted into it.
  std::vector<EgdiRow> egdi;

  // The score of a unit ("overall", a pillar, a sub-area or a statement), or nullptr.
  const UnitScore* Unit(const std::string& id) const;
};

// Results of a round that is not closed yet are provisional: answers may still come in or change.
// Every place that shows or exports results says so (docs/exports.md, docs/user-guide.md).
bool ResultsAreProvisional(RoundStatus status);

Result<RoundDossier> ReadRoundDossier(Store& store, const InstrumentCatalog& instruments,
                                      const Round& round);

// The published rounds (closed and shared by their coordinators) that used `instrument`, oldest
// year first: what item statistics are computed from. Fails with the store's error.
Result<std::vector<Round>> PublishedRoundsOf(Store& store, const Instrument& instrument);
// The item statistics (core/item_statistics.h) of `rounds`, read one round at a time: only one
// round's answers are held besides ItemAnswers' byte per answer. Fails with the store's error.
Result<ItemStatistics> ReadItemStatistics(Store& store, const Instrument& instrument,
                                          const std::vector<Round>& rounds);

}  // namespace meter
