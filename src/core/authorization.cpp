#include "core/authorization.h"

#include <algorithm>

namespace meter {
namespace {

bool Coordinates(const Principal& who, const std::string& country) {
  return who.kind == Principal::Kind::kUser && who.role == Role::kCoordinator &&
         std::find(who.countries.begin(), who.countries.end(), country) != who.countries.end();
}

}  // namespace

bool Allowed(const Principal& who, Action action, const std::string& country, Id round_id) {
  const bool admin = who.kind == Principal::Kind::kUser && who.role == Role::kAdmin;
  const bool expert = who.kind == Principal::Kind::kUser && who.role == Role::kExpert;
  switch (action) {
    case Action::kManageUsers:
    case Action::kViewAudit:
      return admin;
    case Action::kCreateRound:
    case Action::kViewRound:
    case Action::kManageRound:
      return admin || Coordinates(who, country);
    case Action::kEditKnowledge:
    case Action::kViewProposals:
    case Action::kPropose:
    case Action::kViewChanges:
      return admin || expert;
    case Action::kVote:
      return expert;
    case Action::kDecide:
    case Action::kImportEgdi:
    case Action::kViewCampaign:
      return admin;
    case Action::kReviewKnowledge:
      return admin || (who.kind == Principal::Kind::kUser && who.role == Role::kExpert);
    case Action::kViewInstrument:
      return who.kind == Principal::Kind::kUser;
    case Action::kAnswer:
      return who.kind == Principal::Kind::kRespondent && round_id != 0 && who.round_id == round_id;
  }
  return false;
}

}  // namespace meter
