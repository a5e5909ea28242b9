// The expert channel's steps that read and write the store: starting a draft from a released
// version, deciding a proposal (accepting applies it to the draft as a new revision), and
// releasing a draft. The web pages and the demo call these; the rules of each step live in
// core/proposal.h and core/instrument_release.h.
//
// Failures are values: kNotFound for an unknown version or proposal, kConflict for a stale
// stamp or revision and for a change that no longer applies (naming the accepted proposal that
// touched the same unit first), kInvalidInput for a draft that cannot be released yet. Nothing
// is written when a step fails. Stateless; safe to call from any thread.
#pragma once

#include <string>

#include "core/instrument.h"
#include "core/store.h"

namespace meter {

// The instrument a stored version holds. kInternal when its text no longer loads (it was
// written by METER, so that is a bug or a hand-edited database).
Result<Instrument> InstrumentOf(const StoredInstrumentVersion& version);

// A new draft `new_version` of `instrument_id`, a copy of the released `from` with a mapping
// from it. kInvalidInput when `new_version` is not a plausible version name; kConflict when it
// exists or `from` is not released.
Result<StoredInstrumentVersion> StartDraft(InstrumentChannelRepository& store,
                                           const std::string& instrument_id,
                                           const std::string& from, const std::string& new_version,
                                           const std::string& actor);

// The secretariat's decision. Accepting applies the change to the draft's current revision.
Result<Proposal> DecideProposal(InstrumentChannelRepository& store, Id proposal,
                                ProposalStatus verdict, const std::string& reason,
                                long expected_stamp, const std::string& actor);

// Releases the draft at `expected_revision`: kInvalidInput with every release problem while
// there are any.
Result<StoredInstrumentVersion> ReleaseDraftVersion(InstrumentChannelRepository& store,
                                                    const std::string& instrument_id,
                                                    const std::string& version,
                                                    long long expected_revision,
                                                    const std::string& actor);

}  // namespace meter
