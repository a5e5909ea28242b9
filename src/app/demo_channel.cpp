#include "app/demo_channel.h"

#include <map>

#include "app/demo.h"
#include "app/files.h"
#include "core/csv.h"
#include "core/instrument_channel.h"
#include "core/instrument_loader.h"
#include "core/instrument_writer.h"
#include "web/security.h"

namespace meter {
namespace {

constexpr const char* kInstrument = "meter";
constexpr const char* kReleased = "2.0";
constexpr const char* kNew = "3.0";
constexpr const char* kMarketing = "M";

// METER 3.0 as shipped, without its Marketing pillar: where the experts started.
Result<StoredInstrumentVersion> BaseDraft(const Instrument& shipped) {
  Instrument base = std::move(LoadInstrument(WriteInstrumentYaml(shipped), "meter 3.0")).value();
  base.status = "draft";
  std::erase_if(base.pillars, [](const Pillar& p) { return p.id == kMarketing; });
  base.Seal();
  StoredInstrumentVersion v;
  v.instrument_id = kInstrument;
  v.version = kNew;
  v.yaml = WriteInstrumentYaml(base);
  v.based_on = kReleased;
  return v;
}

// One step of the seed's four for the Marketing pillar, as the demo experts proposed it.
struct DemoProposal {
  ProposedChange change;
  std::string author, rationale;
  std::vector<std::string> sources;
};

// Step 1, scope; step 2, sub-areas; step 3, statements; step 4, promotion (the recommended
// actions that carry METER's advice to emerging and developing countries).
std::vector<DemoProposal> MarketingSteps(const Pillar& m) {
  std::vector<DemoProposal> out;
  ProposedChange scope{ProposalKind::kAddPillar, m.id, "", "", m.name, m.overview, {}, {}, {}};
  if (m.weight != 1) scope.weight = m.weight;
  out.push_back({scope,
                 kDemoExpert,
                 "Step 1 of the CEPA plan: the meaning and scope of a sixth pillar. Services that "
                 "people do not know of or cannot find are not used, whatever their quality.",
                 {"UN E-Government Survey 2024, chapter on service take-up"}});
  for (const SubArea& s : m.subareas) {
    ProposedChange sub{ProposalKind::kAddSubArea, s.id, m.id, "", s.name, {}, {}, {}, {}};
    if (s.weight != 1) sub.weight = s.weight;
    out.push_back({sub, kDemoExpert2, "Step 2: a sub-area of Marketing.", {}});
  }
  // Prerequisites once every sub-area they name exists.
  for (const SubArea& s : m.subareas) {
    if (s.prerequisites.empty()) continue;
    ProposedChange order{
        ProposalKind::kChangePrerequisites, s.id, "", "", {}, {}, {}, s.prerequisites, {}};
    out.push_back({order,
                   kDemoExpert2,
                   "Step 2: what should be in place first, so that the Way Forward orders it.",
                   {}});
  }
  for (const SubArea& s : m.subareas) {
    for (const Statement& st : s.statements) {
      ProposedChange add{ProposalKind::kAddStatement, st.id, s.id, "", st.text, {}, {}, {}, {}};
      if (st.weight != 1) add.weight = st.weight;
      out.push_back({add,
                     st.id.back() % 2 ? kDemoExpert : kDemoExpert2,
                     "Step 3: a statement a country team can answer from its own records.",
                     {}});
    }
  }
  for (const SubArea& s : m.subareas) {
    ProposedChange actions{ProposalKind::kChangeActions, s.id, "", "", {}, {}, s.actions, {}, {}};
    out.push_back({actions,
                   kDemoExpert,
                   "Step 4: what the Way Forward recommends at each band, written for emerging "
                   "and developing countries first.",
                   {}});
  }
  return out;
}

Result<Proposal> Propose(Store& store, const DemoProposal& step) {
  Proposal p;
  p.instrument_id = kInstrument;
  p.version = kNew;
  p.change = step.change;
  p.rationale = step.rationale;
  p.sources = step.sources;
  return store.CreateProposal(p, step.author);
}

// The discussion the demo shows on the first proposal and on one statement.
Result<bool> Discuss(Store& store, const Proposal& p, bool contested) {
  auto first =
      store.AddComment(p.id,
                       {0, 0, "",
                        contested ? "Incentives can exclude people without a bank account; can "
                                    "the statement say *clear* incentives?"
                                  : "Agreed. The seed presentation asks for exactly this pillar.",
                        0},
                       kDemoExpert2);
  if (!first) return first.error();
  auto reply = store.AddComment(
      p.id, {0, first.value().id, "", "Yes: the text now says *clear incentives*.", 0},
      kDemoExpert);
  if (!reply) return reply.error();
  auto oppose = store.CastVote(
      p.id, {kDemoExpert2, VoteChoice::kOppose, "Incentives favour the connected.", 0},
      kDemoExpert2);
  if (!oppose) return oppose.error();
  return true;
}

Result<bool> VoteFor(Store& store, const Proposal& p) {
  for (const char* expert : {kDemoExpert, kDemoExpert2}) {
    auto voted = store.CastVote(p.id, {expert, VoteChoice::kSupport, "", 0}, expert);
    if (!voted) return voted.error();
  }
  return true;
}

// A proposal the secretariat turned down, so that the demo shows a rejection too.
Result<bool> ProposeAndReject(Store& store) {
  ProposedChange c{ProposalKind::kAddStatement, "M1.9", "M1", "", {}, {}, {}, {}, {}};
  c.text.Set("en", "The government advertises its online services on social media.");
  auto p = Propose(store, {c, kDemoExpert2, "Social media reach young people.", {}});
  if (!p) return p.error();
  auto rejected =
      DecideProposal(store, p.value().id, ProposalStatus::kRejected,
                     "M1.1 covers campaigns in every medium.", p.value().version_stamp, kDemoAdmin);
  if (!rejected) return rejected.error();
  return true;
}

Result<bool> RunChannel(Store& store, const Pillar& marketing) {
  int step = 0;
  for (const DemoProposal& d : MarketingSteps(marketing)) {
    auto p = Propose(store, d);
    if (!p) return p.error();
    auto voted = VoteFor(store, p.value());
    if (!voted) return voted.error();
    const bool contested = d.change.target == "M2.4";
    if (step == 0 || contested) {
      auto discussed = Discuss(store, p.value(), contested);
      if (!discussed) return discussed.error();
    }
    auto fresh = store.GetProposal(p.value().id);
    if (!fresh) return fresh.error();
    auto accepted =
        DecideProposal(store, p.value().id, ProposalStatus::kAccepted, "Accepted for METER 3.0.",
                       fresh.value().version_stamp, kDemoAdmin);
    if (!accepted) return accepted.error();
    if (step == 0) {
      auto rejected = ProposeAndReject(store);
      if (!rejected) return rejected.error();
    }
    ++step;
  }
  return true;
}

// Answers for the 3.0 round: the 2026 answers a level higher on every third statement, and for
// the Marketing statements a level that varies with the respondent and the statement.
std::vector<AnswerWrite> LaterAnswers(const Instrument& in,
                                      const std::map<std::string, std::string>& before,
                                      size_t respondent) {
  std::vector<AnswerWrite> out;
  size_t i = 0;
  for (const StatementPlace& place : in.statements()) {
    const std::string& id = place.statement->id;
    std::string value;
    auto it = before.find(id);
    if (it != before.end()) {
      value = it->second;
      if (++i % 3 == 0 && value.size() == 1 && value[0] >= '0' && value[0] < '4') ++value[0];
    } else {
      value = std::string(1, static_cast<char>('0' + (respondent + id.back()) % 4));
    }
    out.push_back({id, value, "", "", 0});
  }
  return out;
}

Result<bool> RunLaterRound(Installation& inst, const Instrument& in) {
  auto round =
      inst.store->CreateRound({kDemoCountry, "Aurelia 2027 self-assessment with METER 3.0 (demo)",
                               2027, kInstrument, kNew, DefaultGroups()},
                              "demo");
  if (!round) return round.error();
  const Id id = round.value().id;
  auto opened = inst.store->SetRoundStatus(id, RoundStatus::kOpen, "demo");
  if (!opened) return opened.error();
  auto text = ReadFile(inst.paths.content_dir + "/samples/aurelia-2026-answers.csv");
  if (!text) return text.error();
  std::map<std::string, std::pair<std::string, std::map<std::string, std::string>>> sheet;
  CsvReader reader(text.value());
  std::vector<std::string_view> f;
  reader.Next(f);
  while (reader.Next(f)) {
    if (f.size() < 5) continue;
    auto& entry = sheet[std::string(f[0])];
    entry.first = std::string(f[1]);
    entry.second[std::string(f[2])] = std::string(f[3]);
  }
  size_t n = 0;
  for (const auto& [name, entry] : sheet) {
    Respondent r;
    r.round_id = id;
    r.name = name;
    r.group = entry.first;
    r.token_hash = Sha256Hex(RandomToken());
    auto added = inst.store->AddRespondent(r, "demo");
    if (!added) return added.error();
    auto saved = inst.store->SaveAnswers(added.value().id, LaterAnswers(in, entry.second, n++), 0);
    if (!saved) return saved.error();
  }
  auto closed = inst.store->SetRoundStatus(id, RoundStatus::kClosed, "demo");
  if (!closed) return closed.error();
  return true;
}

}  // namespace

Result<bool> SeedDemoChannel(Installation& inst) {
  Store& store = *inst.store;
  if (store.GetInstrumentVersion(kInstrument, kNew).ok()) return true;
  const Instrument* shipped = inst.instruments.Find(kInstrument, kNew);
  if (!shipped) {
    return Error::Of(ErrorCode::kUnavailable, inst.paths.content_dir + "/instruments",
                     METER_N("the demo needs METER 3.0 among the bundled instruments"));
  }
  for (auto [email, name] : {std::pair{kDemoExpert, "Demo expert (CEPA member)"},
                             std::pair{kDemoExpert2, "Demo expert (regional reviewer)"}}) {
    auto ensured = EnsureDemoUser(store, email, name, Role::kExpert);
    if (!ensured) return ensured.error();
  }
  // The released versions the draft follows are in the database first.
  std::vector<InstrumentFile> others;
  for (const InstrumentFile& f : inst.instrument_files) {
    if (!(f.instrument_id == kInstrument && f.version == kNew)) others.push_back(f);
  }
  auto synced = store.SyncInstrumentFiles(others, "system");
  if (!synced) return synced.error();
  auto base = BaseDraft(*shipped);
  if (!base) return base.error();
  auto draft = store.CreateDraft(base.value(), kDemoAdmin);
  if (!draft) return draft.error();
  const Pillar* marketing = shipped->FindPillar(kMarketing);
  if (!marketing) {
    return Error::Of(ErrorCode::kUnavailable, "meter 3.0",
                     METER_N("the demo needs METER 3.0's Marketing pillar"));
  }
  auto ran = RunChannel(store, *marketing);
  if (!ran) return ran.error();
  auto current = store.GetInstrumentVersion(kInstrument, kNew);
  if (!current) return current.error();
  auto released =
      ReleaseDraftVersion(store, kInstrument, kNew, current.value().revision, kDemoAdmin);
  if (!released) return released.error();
  return RunLaterRound(inst, *shipped);
}

}  // namespace meter
