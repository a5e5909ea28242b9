#include "core/round_rules.h"

#include <cmath>
#include <set>

namespace meter {

std::vector<Problem> GroupProblems(const std::vector<RespondentGroup>& groups) {
  std::vector<Problem> problems;
  std::set<std::string> seen;
  for (const RespondentGroup& g : groups) {
    if (g.name.empty() || g.name.size() > 100) {
      problems.push_back({"groups", METER_N("a group name must have 1 to 100 characters"), {}});
    } else if (!seen.insert(g.name).second) {
      problems.push_back({"groups", METER_N("group '{1}' is listed twice"), {g.name}});
    }
    if (!std::isfinite(g.weight) || g.weight <= 0 || g.weight > kMaxGroupWeight) {
      problems.push_back(
          {"groups",
           METER_N("the weight of group '{1}' must be a number above 0 and at most 1000"),
           {g.name}});
    }
  }
  return problems;
}

Result<bool> CheckNewRound(const NewRound& round, const CountryList& countries,
                           const InstrumentCatalog& instruments) {
  std::vector<Problem> problems;
  if (!countries.Find(round.country)) {
    problems.push_back({"country", METER_N("'{1}' is not a UN member state"), {round.country}});
  }
  if (round.title.empty() || round.title.size() > 200) {
    problems.push_back({"title", METER_N("give the round a title of at most 200 characters"), {}});
  }
  if (round.year < 2000 || round.year > 2100) {
    problems.push_back({"year", METER_N("the year must be a number from 2000 to 2100"), {}});
  }
  if (!instruments.Find(round.instrument_id, round.instrument_version)) {
    problems.push_back({"instrument", METER_N("choose one of the instruments offered"), {}});
  }
  if (round.groups.empty())
    problems.push_back({"groups", METER_N("a round needs at least one group"), {}});
  for (Problem& p : GroupProblems(round.groups)) problems.push_back(std::move(p));
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  return true;
}

Result<bool> CheckRoundAccepts(const Round& round, RoundChange change) {
  if (round.status != RoundStatus::kClosed) return true;
  return Error::Of(ErrorCode::kConflict, "status",
                   change == RoundChange::kWeights
                       ? METER_N("this round is closed, so its group weights cannot change; "
                                 "reopen the round first")
                       : METER_N("this round is closed, so no one can be invited or given a new "
                                 "link; reopen the round first"));
}

}  // namespace meter
