// The rules a new round, its groups and its respondents must follow, checked in one place for the
// form, the JSON API and the CLI: a UN member state, a title of 1–200 characters on one line, a
// year from 2000 to 2100, an installed instrument, 1 to kMaxGroupsPerRound groups with distinct,
// non-empty one-line names of at most 100 characters and weights that are finite numbers above 0
// and at most 1000 (core/limits.h). Returns kInvalidInput with one problem per broken rule, each
// named by its field. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/countries.h"
#include "core/instrument_catalog.h"
#include "core/problem.h"
#include "core/store.h"

namespace meter {

inline constexpr double kMaxGroupWeight = 1000;

Result<bool> CheckNewRound(const NewRound& round, const CountryList& countries,
                           const InstrumentCatalog& instruments);
// The group rules alone, for editing weights.
std::vector<Problem> GroupProblems(const std::vector<RespondentGroup>& groups);

// What a round's state allows. Group weights and invitations (a new respondent, a new link)
// change only while a round is a draft or open: a closed round,
// published or not, is the record of what was answered, and must be reopened first. The web form,
// the JSON API and the store all ask this one function. kConflict, naming "status", with a message
// that says to reopen the round; true when the change is allowed.
enum class RoundChange { kWeights, kInvitations };
Result<bool> CheckRoundAccepts(const Round& round, RoundChange change);

// A group weight as a person writes it ("2", "0.5"): a plain decimal above 0 and at most
// kMaxGroupWeight, or nullopt. The web form and `meter score --groups` read weights with it.
std::optional<double> ParseWeight(std::string_view text);

// The rules for inviting `respondent` to a round of `instrument` (nullptr: not installed) that
// already has `invited` respondents: a one-line name of 1 to kMaxRespondentNameLength characters,
// a one-line group, at most kMaxPillarsPerRespondent distinct pillars of the instrument, and no
// more than kMaxRespondentsPerRound respondents. kInvalidInput naming each field.
Result<bool> CheckNewRespondent(const Respondent& respondent, const Instrument* instrument,
                                size_t invited);

}  // namespace meter
