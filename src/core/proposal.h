// The expert channel's unit of change: a proposal to change one thing in a draft instrument
// version (add, reword, move or retire a statement; add, rename or retire a sub-area or pillar;
// change an overview, the recommended actions, the prerequisites or a weight), with its
// discussion, votes and the secretariat's decision (docs/user-guide.md, "The expert channel").
//
// This header holds the data and the rules that need no storage: what a well-formed proposal is
// (CheckProposal) and what accepting it does to a draft (ApplyProposal). The store keeps
// proposals, comments and votes (core/store.h, InstrumentChannelRepository); the web pages and the
// demo build them. Pure functions; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/band.h"
#include "core/domain.h"
#include "core/instrument.h"
#include "core/problem.h"
#include "core/text.h"

namespace meter {

enum class ProposalKind {
  kAddStatement,
  kRewordStatement,
  kMoveStatement,
  kRetireStatement,
  kAddSubArea,
  kRenameSubArea,
  kRetireSubArea,
  kAddPillar,
  kRenamePillar,
  kRetirePillar,
  kChangeOverview,
  kChangeActions,
  kChangePrerequisites,
  kChangeWeight,
};

// Every kind, in the order forms list them.
const std::vector<ProposalKind>& AllProposalKinds();
// "add-statement", "reword-statement"…: the stored and URL name.
std::string ProposalKindKey(ProposalKind kind);
std::optional<ProposalKind> ParseProposalKind(std::string_view key);
// What the kind changes: "statement", "subarea" or "pillar".
std::string ProposalUnit(ProposalKind kind);

// What a proposal changes. Which fields matter depends on the kind:
//   add-statement       target (new ID), parent (sub-area), text, weight
//   reword-statement    target, text
//   move-statement      target, parent (sub-area), new_id (its ID there)
//   retire-*            target
//   add-subarea         target (new ID), parent (pillar), text (name), weight, prerequisites
//   rename-subarea/pillar  target, text (name)
//   add-pillar          target (new ID), text (name), overview, weight
//   change-overview     target (pillar), overview
//   change-actions      target (sub-area), actions (every band)
//   change-prerequisites  target (sub-area), prerequisites
//   change-weight       target (any unit), weight
struct ProposedChange {
  ProposalKind kind = ProposalKind::kAddStatement;
  std::string target;
  std::string parent;
  std::string new_id;
  LocalizedText text;
  LocalizedText overview;
  std::array<std::vector<LocalizedText>, kBandCount> actions;
  std::vector<std::string> prerequisites;
  std::optional<double> weight;
};

enum class ProposalStatus { kOpen, kAccepted, kRejected, kDeferred };
std::string ProposalStatusKey(ProposalStatus status);  // "open", "accepted"…
std::optional<ProposalStatus> ParseProposalStatus(std::string_view key);

struct Proposal {
  Id id = 0;
  std::string instrument_id, version;  // the draft it changes
  ProposedChange change;
  std::string rationale;             // Markdown
  std::vector<std::string> sources;  // references or URLs, one per item
  std::string author;                // e-mail
  Seconds created_at = 0;
  ProposalStatus status = ProposalStatus::kOpen;
  std::string decided_by, decision_reason;
  Seconds decided_at = 0;
  long applied_revision = 0;  // the draft revision accepting it made; 0 when not applied
  long version_stamp = 1;     // bumped by every change of the proposal itself (stale edits: 409)
};

enum class VoteChoice { kSupport, kOppose, kAbstain };
std::string VoteChoiceKey(VoteChoice choice);
std::optional<VoteChoice> ParseVoteChoice(std::string_view key);

struct Vote {
  std::string voter;  // e-mail
  VoteChoice choice = VoteChoice::kSupport;
  std::string reason;  // required when opposing
  Seconds at = 0;
};

struct ProposalComment {
  Id id = 0;
  Id parent = 0;  // the comment answered, 0 for a new thread
  std::string author;
  std::string body_markdown;
  Seconds at = 0;
};

// The problems of a proposal as written, before it is stored: a known target of the right kind in
// `draft`, a free ID of the right shape for additions, English text where the kind needs text,
// texts only in the draft's languages, a weight in (0, 10], prerequisites that exist. Field names
// in the problems are the form's ("target", "parent", "new_id", "text_en", "actions_low_fr"…).
std::vector<Problem> CheckProposal(const Proposal& proposal, const Instrument& draft);

// The draft with the change applied, sealed and still a valid draft, or kConflict when the change
// no longer applies (its target gone, its new ID taken). `previous` is the released version the
// draft follows (nullptr when none): moves and retirements of its statements update the draft's
// mapping from it. Texts given in fewer languages than the draft's leave the others stale, so that
// readers see English until a translator catches up.
Result<Instrument> ApplyProposal(const Instrument& draft, const ProposedChange& change,
                                 const Instrument* previous);

// The statement, sub-area and pillar IDs a change touches (its target, and for moves the new ID):
// what "two proposals that touch the same statement" compares.
std::vector<std::string> TouchedUnits(const ProposedChange& change);

}  // namespace meter
