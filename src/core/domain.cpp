#include "core/domain.h"

#include "core/problem.h"

namespace meter {

const char* RoleKey(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kCoordinator:
      return "coordinator";
    case Role::kExpert:
      return "expert";
  }
  return "expert";
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
      return "draft";
    case RoundStatus::kOpen:
      return "open";
    case RoundStatus::kClosed:
      return "closed";
  }
  return "draft";
}

std::optional<RoundStatus> RoundStatusFromKey(std::string_view key) {
  for (RoundStatus s : {RoundStatus::kDraft, RoundStatus::kOpen, RoundStatus::kClosed}) {
    if (key == RoundStatusKey(s)) return s;
  }
  return std::nullopt;
}

std::vector<RespondentGroup> DefaultGroups() {
  return {
      {METER_N("Central government"), 1}, {METER_N("Agencies"), 1}, {METER_N("Civil society"), 1}};
}

}  // namespace meter
