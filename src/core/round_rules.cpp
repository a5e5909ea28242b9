#include "core/round_rules.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/limits.h"
#include "core/text.h"
#include "core/text_rules.h"

namespace meter {

std::vector<Problem> GroupProblems(const std::vector<RespondentGroup>& groups) {
  std::vector<Problem> problems;
  if (groups.size() > kMaxGroupsPerRound) {
    problems.push_back(CountProblem(
        "groups",
        METER_NP("a round may have at most {1} group", "a round may have at most {1} groups"),
        kMaxGroupsPerRound, {std::to_string(kMaxGroupsPerRound)}));
    return problems;
  }
  std::unordered_set<std::string> seen;
  for (const RespondentGroup& g : groups) {
    if (auto problem = TextProblem("groups", g.name, TextShape::kLine)) {
      problems.push_back(std::move(*problem));
    } else if (g.name.empty() || CountCharacters(g.name) > kMaxGroupNameLength) {
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
  if (auto problem = TextProblem("title", round.title, TextShape::kLine)) {
    problems.push_back(std::move(*problem));
  } else if (round.title.empty() || CountCharacters(round.title) > kMaxRoundTitleLength) {
    problems.push_back({"title", METER_N("give the round a title of at most 200 characters"), {}});
  }
  if (round.year < 2000 || round.year > 2100) {
    problems.push_back({"year", METER_N("the year must be a number from 2000 to 2100"), {}});
  }
  // Drafts change under the experts' proposals and retired versions are kept only for the rounds
  // that used them: neither is offered to a new round.
  const Instrument* in = instruments.Find(round.instrument_id, round.instrument_version);
  if (!in || in->IsDraft() || instruments.IsRetired(in->id, in->version)) {
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

std::optional<double> ParseWeight(std::string_view text) {
  const auto value = ParseDecimal(text);
  if (!value || *value <= 0 || *value > kMaxGroupWeight) return std::nullopt;
  return value;
}

Result<bool> CheckNewRespondent(const Respondent& r, const Instrument* instrument, size_t invited) {
  std::vector<Problem> problems;
  if (invited >= kMaxRespondentsPerRound) {
    problems.push_back(CountProblem("name",
                                    METER_NP("a round may have at most {1} respondent",
                                             "a round may have at most {1} respondents"),
                                    kMaxRespondentsPerRound,
                                    {std::to_string(kMaxRespondentsPerRound)}));
  }
  if (auto problem = TextProblem("name", r.name, TextShape::kLine)) {
    problems.push_back(std::move(*problem));
  } else if (r.name.empty() || CountCharacters(r.name) > kMaxRespondentNameLength) {
    problems.push_back(
        {"name",
         METER_N("give the respondent's name or e-mail address (at most 200 characters)"),
         {}});
  }
  if (auto problem = TextProblem("group", r.group, TextShape::kLine))
    problems.push_back(std::move(*problem));
  if (!r.language.empty() &&
      (!instrument || std::find(instrument->languages.begin(), instrument->languages.end(),
                                r.language) == instrument->languages.end())) {
    problems.push_back({"language",
                        METER_N("the questionnaire is not available in '{1}'; choose one of its "
                                "languages"),
                        {r.language}});
  }
  if (r.pillars.size() > kMaxPillarsPerRespondent) {
    problems.push_back(
        CountProblem("pillars", METER_NP("choose at most {1} pillar", "choose at most {1} pillars"),
                     kMaxPillarsPerRespondent, {std::to_string(kMaxPillarsPerRespondent)}));
    return Error{ErrorCode::kInvalidInput, std::move(problems)};
  }
  std::set<std::string> chosen;
  for (const std::string& p : r.pillars) {
    const bool known =
        instrument && std::any_of(instrument->pillars.begin(), instrument->pillars.end(),
                                  [&](const Pillar& x) { return x.id == p; });
    if (!known) {
      problems.push_back({"pillars", METER_N("there is no pillar '{1}'"), {p}});
    } else if (!chosen.insert(p).second) {
      problems.push_back({"pillars", METER_N("pillar '{1}' is chosen twice"), {p}});
    }
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  return true;
}

}  // namespace meter
