#include "core/instrument_channel.h"

#include <algorithm>

#include "core/instrument_loader.h"
#include "core/instrument_release.h"
#include "core/instrument_writer.h"

namespace meter {
namespace {

bool IsVersionName(const std::string& v) {
  if (v.empty() || v.size() > 20) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.' || c == '-';
  });
}

// The first accepted proposal on the same draft that touched one of `units`, or nullptr.
const Proposal* EarlierTouching(const std::vector<Proposal>& all, const Proposal& p) {
  const std::vector<std::string> units = TouchedUnits(p.change);
  for (const Proposal& other : all) {
    if (other.id == p.id || other.status != ProposalStatus::kAccepted) continue;
    for (const std::string& u : TouchedUnits(other.change)) {
      if (std::find(units.begin(), units.end(), u) != units.end()) return &other;
    }
  }
  return nullptr;
}

// The released version a draft follows, or nullopt when it follows none.
Result<std::optional<Instrument>> PreviousOf(InstrumentChannelRepository& store,
                                             const StoredInstrumentVersion& draft) {
  if (draft.based_on.empty()) return std::optional<Instrument>();
  auto stored = store.GetInstrumentVersion(draft.instrument_id, draft.based_on);
  if (!stored) return stored.error();
  auto in = InstrumentOf(stored.value());
  if (!in) return in.error();
  return std::optional<Instrument>(std::move(in).value());
}

Result<std::string> AppliedText(InstrumentChannelRepository& store, const Proposal& p,
                                const StoredInstrumentVersion& draft) {
  auto in = InstrumentOf(draft);
  if (!in) return in.error();
  auto previous = PreviousOf(store, draft);
  if (!previous) return previous.error();
  const Instrument* prev = previous.value() ? &*previous.value() : nullptr;
  auto applied = ApplyProposal(in.value(), p.change, prev);
  if (applied) return WriteInstrumentYaml(applied.value());
  auto all = store.ListProposals(p.instrument_id, p.version);
  if (!all) return all.error();
  if (const Proposal* first = EarlierTouching(all.value(), p)) {
    return Error::Of(
        ErrorCode::kConflict, "proposal:" + std::to_string(p.id),
        METER_N("the change no longer applies: proposal {1}, accepted before, "
                "changed '{2}' first ({3})"),
        {std::to_string(first->id), p.change.target,
         applied.error().problems.empty() ? "" : Render(applied.error().problems.front())});
  }
  return applied.error();
}

}  // namespace

Result<Instrument> InstrumentOf(const StoredInstrumentVersion& v) {
  auto in = LoadInstrument(v.yaml, v.instrument_id + " " + v.version);
  if (!in) {
    Error e = in.error();
    e.code = ErrorCode::kInternal;
    return e;
  }
  return in;
}

Result<StoredInstrumentVersion> StartDraft(InstrumentChannelRepository& store,
                                           const std::string& instrument_id,
                                           const std::string& from, const std::string& new_version,
                                           const std::string& actor) {
  if (!IsVersionName(new_version)) {
    return Error::Of(ErrorCode::kInvalidInput, "version",
                     METER_N("a version is made of digits, lower-case letters, dots and hyphens, "
                             "at most 20, such as 3.1"));
  }
  auto base = store.GetInstrumentVersion(instrument_id, from);
  if (!base) return base.error();
  if (base.value().status != "released") {
    return Error::Of(ErrorCode::kConflict, "from",
                     METER_N("a draft starts from a released version"));
  }
  auto in = InstrumentOf(base.value());
  if (!in) return in.error();
  Instrument& draft = in.value();
  draft.version = new_version;
  draft.status = "draft";
  draft.mapping = VersionMapping{from, {}, {}};
  // The title is the product's name and number, the same in every language.
  draft.title = LocalizedText();
  for (const std::string& lang : draft.languages) draft.title.Set(lang, "METER " + new_version);
  StoredInstrumentVersion v;
  v.instrument_id = instrument_id;
  v.version = new_version;
  v.yaml = WriteInstrumentYaml(draft);
  v.based_on = from;
  auto check = InstrumentOf(v);
  if (!check) return check.error();
  return store.CreateDraft(v, actor);
}

Result<Proposal> DecideProposal(InstrumentChannelRepository& store, Id id, ProposalStatus verdict,
                                const std::string& reason, long expected_stamp,
                                const std::string& actor) {
  auto p = store.GetProposal(id);
  if (!p) return p.error();
  ProposalDecision d{id, verdict, reason, expected_stamp, "", 0};
  if (verdict == ProposalStatus::kAccepted) {
    auto draft = store.GetInstrumentVersion(p.value().instrument_id, p.value().version);
    if (!draft) return draft.error();
    if (draft.value().status != "draft") {
      return Error::Of(ErrorCode::kConflict, "proposal:" + std::to_string(id),
                       METER_N("the version is no longer a draft"));
    }
    auto text = AppliedText(store, p.value(), draft.value());
    if (!text) return text.error();
    d.draft_yaml = std::move(text).value();
    d.draft_revision = draft.value().revision;
  }
  return store.DecideProposal(d, actor);
}

Result<StoredInstrumentVersion> ReleaseDraftVersion(InstrumentChannelRepository& store,
                                                    const std::string& instrument_id,
                                                    const std::string& version,
                                                    long long expected_revision,
                                                    const std::string& actor) {
  auto draft = store.GetInstrumentVersion(instrument_id, version);
  if (!draft) return draft.error();
  auto in = InstrumentOf(draft.value());
  if (!in) return in.error();
  auto released = ReleasedCopy(in.value());
  if (!released) return released.error();
  return store.ReleaseDraft(instrument_id, version, WriteInstrumentYaml(released.value()),
                            expected_revision, actor);
}

}  // namespace meter
