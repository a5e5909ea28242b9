#include "core/domain.h"

#include "core/problem.h"

namespace meter {

const char* RoleKey(Role role) {
  switch (role) {
    case Role::kAdmin:
      return METER_N("admin");
    case Role::kCoordinator:
      return METER_N("coordinator");
    case Role::kExpert:
      return METER_N("expert");
  }
  return METER_N("expert");
}

std::optional<Role> RoleFromKey(std::string_view key) {
  for (Role r : {Role::kAdmin, Role::kCoordinator, Role::kExpert}) {
    if (key == RoleKey(r)) return r;
  }
  return std::nullopt;
}

const char* RoundStatusKey(RoundStatus status) {
  switch (status) {
    case RoundStatus::kDraft:
      return METER_NC("round status", "draft");
    case RoundStatus::kOpen:
      return METER_NC("round status", "open");
    case RoundStatus::kClosed:
      return METER_NC("round status", "closed");
  }
  return METER_NC("round status", "draft");
}

std::optional<RoundStatus> RoundStatusFromKey(std::string_view key) {
  for (RoundStatus s : {RoundStatus::kDraft, RoundStatus::kOpen, RoundStatus::kClosed}) {
    if (key == RoundStatusKey(s)) return s;
  }
  return std::nullopt;
}

bool InvitationValid(const Respondent& r, Seconds now) {
  return !r.revoked && (r.expires_at == 0 || r.expires_at > now);
}

std::vector<RespondentGroup> DefaultGroups() {
  return {
      {METER_N("Central government"), 1}, {METER_N("Agencies"), 1}, {METER_N("Civil society"), 1}};
}

}  // namespace meter
