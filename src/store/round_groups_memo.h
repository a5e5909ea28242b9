// The node's copy of each round's respondent groups, kept by the round's own row of cache versions
// (core/store.h CacheVersions), which every change of the groups bumps (SetGroupWeights; a round's
// groups are otherwise written once, with the round). Every signed-in respondent's request needs
// their round's groups; with the row's version read in the session's own statement, a request
// whose round's groups are here reads them no more (sql_rounds.cpp FindSessionWithCaller).
//
// Only committed groups may be kept: no write of a round's groups or of its row may run inside a
// shared commit (Store::SharingOneCommit, where the look-ups see what is not yet committed), as
// none does today (only answer saves run there).
//
// Thread-safe. Holds one small entry per round seen, which the rounds in the database bound. A
// database restored under a running node may bring a round's row back to a version seen before:
// restart the nodes after a restore, as docs/operations.md says for the score caches.
#pragma once

#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/domain.h"

namespace meter {

class RoundGroupsMemo {
 public:
  // Fills `groups` and returns true when round `round`'s groups are here at `version`.
  bool Find(Id round, long long version, std::vector<RespondentGroup>& groups) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = kept_.find(round);
    if (it == kept_.end() || it->second.first != version) return false;
    groups = it->second.second;
    return true;
  }
  // Keeps `groups` as round `round`'s at `version`, in place of any other version's.
  void Keep(Id round, long long version, const std::vector<RespondentGroup>& groups) {
    std::lock_guard<std::mutex> lock(mutex_);
    kept_[round] = {version, groups};
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Id, std::pair<long long, std::vector<RespondentGroup>>> kept_;
};

}  // namespace meter
