// Who may do what: the single place where METER decides access. Web handlers ask before acting;
// the authorization matrix test calls every route as every kind of principal against this policy.
//
//   admin        everything
//   coordinator  rounds of the countries they coordinate: create, view, manage, results, export;
//                read instruments
//   expert       create and edit knowledge entries, review others' (not approved ones: only the
//                secretariat edits those); read instruments and their item statistics; read,
//                make, discuss and vote on proposals to change a draft instrument; what changed
//                (proposals, decisions, releases, knowledge) and its daily digest; nothing on
//                rounds
//   admin, in the expert channel: the secretariat, which decides on proposals and releases
//   respondent   their own questionnaire and answers, and nothing else
//   anonymous    public pages only
#pragma once

#include <string>

#include "core/domain.h"

namespace meter {

enum class Action {
  kManageUsers,     // list, create, disable users
  kViewAudit,       // read the audit log
  kCreateRound,     // in a given country
  kViewRound,       // read a round, its progress and results; export its answers
  kManageRound,     // invite, revoke, remind, open, close, reopen, set weights
  kAnswer,          // read and write one's own answers in a round
  kEditKnowledge,   // create and edit lessons learned and case studies (admins and experts)
  kViewInstrument,  // read an instrument version and its item statistics (every signed-in user)
  kViewProposals,   // read the proposals on drafts, their discussion and votes (experts, admins)
  kPropose,         // make a proposal and comment on one (experts and admins)
  kVote,            // vote on a proposal (experts only: one vote per expert)
  kDecide,          // decide proposals, start, release and retire versions (admins only)
  // Issue 13: read knowledge entries that are not approved yet and review them (admins and
  // experts; core/knowledge_review.h says who may give which verdict).
  kReviewKnowledge,
  kViewChanges,  // "What changed" (/changes) and its daily digest (admins and experts)
  kImportEgdi,   // issue 14: import a year of the UN E-Government Survey's figures (admins only)
  // Issue 14: the campaign page across countries and its downloads, and the comparison of
  // published rounds and its charts (admins only).
  kViewCampaign,
};

// `country` is the round's (or, for kCreateRound, the new round's) country; `round_id` the round
// for kAnswer. Pure function; thread-safe.
bool Allowed(const Principal& who, Action action, const std::string& country = "", Id round_id = 0);

}  // namespace meter
