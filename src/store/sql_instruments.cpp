// The expert channel's tables (migration 9): instrument versions, proposals with their texts,
// comments and votes. Every change is audited in its own transaction.
#include <sstream>

#include "store/sql_store_impl.h"

namespace meter {
namespace {

constexpr const char* kVersionColumns =
    "instrument_id, version, status, yaml, origin, based_on, revision, updated_at, updated_by";

std::string VersionTarget(const std::string& id, const std::string& version) {
  return "instrument:" + id + "/" + version;
}

std::string ProposalTarget(Id id) { return "proposal:" + std::to_string(id); }

std::optional<StoredInstrumentVersion> FindVersion(soci::session& sql, const std::string& id,
                                                   const std::string& version) {
  StoredInstrumentVersion v;
  long long at = 0;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT " << kVersionColumns
      << " FROM instrument_versions WHERE instrument_id = :i AND version = :v",
      soci::into(v.instrument_id, ind), soci::into(v.version), soci::into(v.status),
      soci::into(v.yaml), soci::into(v.origin), soci::into(v.based_on), soci::into(v.revision),
      soci::into(at), soci::into(v.updated_by), soci::use(id), soci::use(version);
  if (!sql.got_data()) return std::nullopt;
  v.updated_at = at;
  return v;
}

Result<StoredInstrumentVersion> RequireVersion(soci::session& sql, const std::string& id,
                                               const std::string& version) {
  auto found = FindVersion(sql, id, version);
  if (!found) {
    return Error::Of(ErrorCode::kNotFound, id + " " + version,
                     METER_N("there is no such instrument version"));
  }
  return *found;
}

void InsertVersion(soci::session& sql, const StoredInstrumentVersion& v) {
  const long long at = v.updated_at;
  sql << "INSERT INTO instrument_versions (" << kVersionColumns
      << ") VALUES (:i, :v, :s, :y, :o, :b, :r, :at, :by)",
      soci::use(v.instrument_id), soci::use(v.version), soci::use(v.status), soci::use(v.yaml),
      soci::use(v.origin), soci::use(v.based_on), soci::use(v.revision), soci::use(at),
      soci::use(v.updated_by);
}

// --- proposals ------------------------------------------------------------------------------

std::string JoinLines(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : std::string(1, sep)) + s;
  return out;
}

std::vector<std::string> SplitOn(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// The proposal's texts as rows: field → the LocalizedText it fills.
std::vector<std::pair<std::string, const LocalizedText*>> TextFields(const ProposedChange& c) {
  std::vector<std::pair<std::string, const LocalizedText*>> out = {{"text", &c.text},
                                                                   {"overview", &c.overview}};
  for (int b = 0; b < kBandCount; ++b) {
    for (size_t i = 0; i < c.actions[b].size(); ++i) {
      out.emplace_back("action." + std::to_string(b) + "." + std::to_string(i), &c.actions[b][i]);
    }
  }
  return out;
}

void PutText(ProposedChange& c, const std::string& field, const std::string& lang,
             const std::string& value) {
  if (field == "text") {
    c.text.Set(lang, value);
  } else if (field == "overview") {
    c.overview.Set(lang, value);
  } else if (field.rfind("action.", 0) == 0) {
    const auto parts = SplitOn(field, '.');
    if (parts.size() != 3) return;
    const int band = std::stoi(parts[1]);
    const size_t index = std::stoul(parts[2]);
    if (band < 0 || band >= kBandCount) return;
    auto& list = c.actions[band];
    if (list.size() <= index) list.resize(index + 1);
    list[index].Set(lang, value);
  }
}

struct ProposalRow {
  Proposal p;
  long long id = 0, created = 0, decided = 0, applied = 0, stamp = 0;
  std::string kind, status, prerequisites, sources;
  double weight = -1;
};

constexpr const char* kProposalColumns =
    "id, instrument_id, version, kind, target, parent, new_id, prerequisites, weight, rationale,"
    " sources, author, created_at, status, decided_by, decision_reason, decided_at,"
    " applied_revision, stamp";

void BindProposal(soci::statement& st, ProposalRow& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.p.instrument_id));
  st.exchange(soci::into(r.p.version));
  st.exchange(soci::into(r.kind));
  st.exchange(soci::into(r.p.change.target));
  st.exchange(soci::into(r.p.change.parent));
  st.exchange(soci::into(r.p.change.new_id));
  st.exchange(soci::into(r.prerequisites));
  st.exchange(soci::into(r.weight));
  st.exchange(soci::into(r.p.rationale));
  st.exchange(soci::into(r.sources));
  st.exchange(soci::into(r.p.author));
  st.exchange(soci::into(r.created));
  st.exchange(soci::into(r.status));
  st.exchange(soci::into(r.p.decided_by));
  st.exchange(soci::into(r.p.decision_reason));
  st.exchange(soci::into(r.decided));
  st.exchange(soci::into(r.applied));
  st.exchange(soci::into(r.stamp));
}

Proposal MakeProposal(const ProposalRow& r) {
  Proposal p = r.p;
  p.id = r.id;
  p.change.kind = ParseProposalKind(r.kind).value_or(ProposalKind::kAddStatement);
  p.change.prerequisites = SplitOn(r.prerequisites, ' ');
  if (r.weight >= 0) p.change.weight = r.weight;
  p.sources = SplitOn(r.sources, '\n');
  p.created_at = r.created;
  p.status = ParseProposalStatus(r.status).value_or(ProposalStatus::kOpen);
  p.decided_at = r.decided;
  p.applied_revision = r.applied;
  p.version_stamp = r.stamp;
  return p;
}

void LoadTexts(soci::session& sql, Proposal& p) {
  const long long id = p.id;
  std::string field, lang, value;
  soci::statement st = (sql.prepare << "SELECT field, lang, value FROM proposal_texts"
                                       " WHERE proposal_id = :p ORDER BY field, lang",
                        soci::into(field), soci::into(lang), soci::into(value), soci::use(id));
  st.execute();
  while (st.fetch()) PutText(p.change, field, lang, value);
}

std::vector<Proposal> SelectProposals(soci::session& sql, const std::string& where,
                                      const std::vector<std::string>& args) {
  std::vector<Proposal> out;
  ProposalRow row;
  soci::statement st(sql);
  sql::PrepareBound(
      st,
      std::string("SELECT ") + kProposalColumns + " FROM proposals WHERE " + where + " ORDER BY id",
      soci::details::st_one_time_query, [&] {
        BindProposal(st, row);
        for (const std::string& a : args) st.exchange(soci::use(a));
      });
  st.execute();
  while (st.fetch()) out.push_back(MakeProposal(row));
  for (Proposal& p : out) LoadTexts(sql, p);
  return out;
}

Result<Proposal> LoadProposal(soci::session& sql, Id id) {
  auto found = SelectProposals(sql, "id = " + std::to_string(id), {});
  if (found.empty()) {
    return Error::Of(ErrorCode::kNotFound, ProposalTarget(id),
                     METER_N("there is no such proposal"));
  }
  return found.front();
}

void Bump(soci::session& sql, Id id) {
  const long long pid = id;
  sql << "UPDATE proposals SET stamp = stamp + 1 WHERE id = :p", soci::use(pid);
}

std::string DecisionDetail(const ProposalDecision& d) {
  return ProposalStatusKey(d.verdict) + (d.reason.empty() ? "" : ": " + d.reason);
}

}  // namespace

Result<std::vector<std::string>> SqlStore::SyncInstrumentFiles(
    const std::vector<InstrumentFile>& files, const std::string& actor) {
  sql::NulCheck nul;
  for (const InstrumentFile& f : files) nul.Add("instrument_versions.yaml", f.yaml);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<std::vector<std::string>>(
      db_, [&](soci::session& sql) -> Result<std::vector<std::string>> {
        std::vector<std::string> changed;
        for (const InstrumentFile& f : files) {
          auto stored = FindVersion(sql, f.instrument_id, f.version);
          const std::string name = f.instrument_id + " " + f.version;
          if (!stored) {
            InsertVersion(sql, {f.instrument_id, f.version, f.status, f.yaml, "file", "", 1,
                                sql::Now(), actor});
            sql::Audit(sql, actor, "instrument.load", VersionTarget(f.instrument_id, f.version),
                       f.path);
            changed.push_back(name);
          } else if (stored->yaml == f.yaml) {
            continue;
          } else if (stored->status != "draft") {
            return Error::Of(ErrorCode::kConflict, f.path,
                             METER_N("version {1} of '{2}' is released and cannot change, but "
                                     "this file differs from it; give the changed instrument a "
                                     "new version number"),
                             {f.version, f.instrument_id});
          } else if (stored->origin == "file") {
            const long long now = sql::Now();
            sql << "UPDATE instrument_versions SET yaml = :y, status = :s, updated_at = :at,"
                   " updated_by = :by WHERE instrument_id = :i AND version = :v",
                soci::use(f.yaml), soci::use(f.status), soci::use(now), soci::use(actor),
                soci::use(f.instrument_id), soci::use(f.version);
            sql::Audit(sql, actor, "instrument.load", VersionTarget(f.instrument_id, f.version),
                       f.path);
            changed.push_back(name);
          }
        }
        return changed;
      });
}

Result<std::vector<StoredInstrumentVersion>> SqlStore::ListInstrumentVersions() {
  return sql::Reading<std::vector<StoredInstrumentVersion>>(
      db_, [&](soci::session& sql) -> Result<std::vector<StoredInstrumentVersion>> {
        std::vector<std::pair<std::string, std::string>> keys;
        std::string id, version;
        soci::statement st = (sql.prepare << "SELECT instrument_id, version FROM "
                                             "instrument_versions ORDER BY instrument_id, version",
                              soci::into(id), soci::into(version));
        st.execute();
        while (st.fetch()) keys.emplace_back(id, version);
        std::vector<StoredInstrumentVersion> out;
        for (const auto& [i, v] : keys) {
          if (auto found = FindVersion(sql, i, v)) out.push_back(std::move(*found));
        }
        return out;
      });
}

Result<StoredInstrumentVersion> SqlStore::GetInstrumentVersion(const std::string& instrument_id,
                                                               const std::string& version) {
  return sql::Reading<StoredInstrumentVersion>(
      db_, [&](soci::session& sql) { return RequireVersion(sql, instrument_id, version); });
}

Result<StoredInstrumentVersion> SqlStore::CreateDraft(const StoredInstrumentVersion& draft,
                                                      const std::string& actor) {
  sql::NulCheck nul;
  nul.Add("instrument_versions.version", draft.version).Add("instrument_versions.yaml", draft.yaml);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<StoredInstrumentVersion>(
      db_, [&](soci::session& sql) -> Result<StoredInstrumentVersion> {
        if (FindVersion(sql, draft.instrument_id, draft.version)) {
          return Error::Of(ErrorCode::kConflict, "version",
                           METER_N("version {1} of '{2}' exists already"),
                           {draft.version, draft.instrument_id});
        }
        StoredInstrumentVersion v = draft;
        v.status = "draft";
        v.origin = "web";
        v.revision = 1;
        v.updated_at = sql::Now();
        v.updated_by = actor;
        InsertVersion(sql, v);
        sql::Audit(sql, actor, "instrument.draft", VersionTarget(v.instrument_id, v.version),
                   "from " + v.based_on);
        return v;
      });
}

Result<StoredInstrumentVersion> SqlStore::ReleaseDraft(const std::string& instrument_id,
                                                       const std::string& version,
                                                       const std::string& released_yaml,
                                                       long long expected_revision,
                                                       const std::string& actor) {
  return sql::InTransaction<StoredInstrumentVersion>(
      db_, [&](soci::session& sql) -> Result<StoredInstrumentVersion> {
        auto v = RequireVersion(sql, instrument_id, version);
        if (!v) return v;
        if (v.value().status != "draft" || v.value().revision != expected_revision) {
          return Error::Of(ErrorCode::kConflict, instrument_id + " " + version,
                           METER_N("the draft changed or was released meanwhile; look at it "
                                   "again before releasing"));
        }
        const long long now = sql::Now();
        sql << "UPDATE instrument_versions SET status = 'released', yaml = :y, origin = 'web',"
               " updated_at = :at, updated_by = :by WHERE instrument_id = :i AND version = :v",
            soci::use(released_yaml), soci::use(now), soci::use(actor), soci::use(instrument_id),
            soci::use(version);
        sql::Audit(sql, actor, "instrument.release", VersionTarget(instrument_id, version),
                   "revision " + std::to_string(expected_revision));
        return RequireVersion(sql, instrument_id, version);
      });
}

Result<StoredInstrumentVersion> SqlStore::RetireVersion(const std::string& instrument_id,
                                                        const std::string& version,
                                                        const std::string& actor) {
  return sql::InTransaction<StoredInstrumentVersion>(
      db_, [&](soci::session& sql) -> Result<StoredInstrumentVersion> {
        auto v = RequireVersion(sql, instrument_id, version);
        if (!v) return v;
        if (v.value().status != "released") {
          return Error::Of(ErrorCode::kConflict, instrument_id + " " + version,
                           METER_N("only a released version can be retired"));
        }
        const long long now = sql::Now();
        sql << "UPDATE instrument_versions SET status = 'retired', updated_at = :at,"
               " updated_by = :by WHERE instrument_id = :i AND version = :v",
            soci::use(now), soci::use(actor), soci::use(instrument_id), soci::use(version);
        sql::Audit(sql, actor, "instrument.retire", VersionTarget(instrument_id, version), "");
        return RequireVersion(sql, instrument_id, version);
      });
}

Result<Proposal> SqlStore::CreateProposal(const Proposal& p, const std::string& actor) {
  sql::NulCheck nul;
  nul.Add("proposals.target", p.change.target)
      .Add("proposals.parent", p.change.parent)
      .Add("proposals.new_id", p.change.new_id)
      .Add("proposals.rationale", p.rationale)
      .Add("proposals.sources", p.sources)
      .Add("proposals.prerequisites", p.change.prerequisites);
  for (const auto& [field, text] : TextFields(p.change)) {
    for (const auto& [lang, value] : text->all()) nul.Add("proposal_texts.value", value);
  }
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<Proposal>(db_, [&](soci::session& sql) -> Result<Proposal> {
    auto v = RequireVersion(sql, p.instrument_id, p.version);
    if (!v) return v.error();
    if (v.value().status != "draft") {
      return Error::Of(ErrorCode::kConflict, p.instrument_id + " " + p.version,
                       METER_N("only a draft version takes proposals"));
    }
    const std::string kind = ProposalKindKey(p.change.kind);
    const std::string prerequisites = JoinLines(p.change.prerequisites, ' ');
    const std::string sources = JoinLines(p.sources, '\n');
    const double weight = p.change.weight.value_or(-1);
    const long long now = sql::Now();
    long long id = 0;
    sql << "INSERT INTO proposals (instrument_id, version, kind, target, parent, new_id,"
           " prerequisites, weight, rationale, sources, author, created_at, status, decided_by,"
           " decision_reason, decided_at, applied_revision, stamp) VALUES (:i, :v, :k, :t, :p,"
           " :n, :pr, :w, :r, :s, :a, :at, 'open', '', '', 0, 0, 1) RETURNING id",
        soci::use(p.instrument_id), soci::use(p.version), soci::use(kind),
        soci::use(p.change.target), soci::use(p.change.parent), soci::use(p.change.new_id),
        soci::use(prerequisites), soci::use(weight), soci::use(p.rationale), soci::use(sources),
        soci::use(actor), soci::use(now), soci::into(id);
    for (const auto& [field, text] : TextFields(p.change)) {
      for (const auto& [lang, value] : text->all()) {
        sql << "INSERT INTO proposal_texts (proposal_id, field, lang, value)"
               " VALUES (:p, :f, :l, :v)",
            soci::use(id), soci::use(field), soci::use(lang), soci::use(value);
      }
    }
    sql::Audit(sql, actor, "proposal.create", ProposalTarget(id),
               kind + " " + p.change.target + " in " + p.instrument_id + " " + p.version);
    return LoadProposal(sql, id);
  });
}

Result<Proposal> SqlStore::GetProposal(Id id) {
  return sql::Reading<Proposal>(db_, [&](soci::session& sql) { return LoadProposal(sql, id); });
}

Result<std::vector<Proposal>> SqlStore::ListProposals(const std::string& instrument_id,
                                                      const std::string& version) {
  return sql::Reading<
      std::vector<Proposal>>(db_, [&](soci::session& sql) -> Result<std::vector<Proposal>> {
    return SelectProposals(sql, "instrument_id = :i AND version = :v", {instrument_id, version});
  });
}

Result<ProposalComment> SqlStore::AddComment(Id proposal, const ProposalComment& comment,
                                             const std::string& actor) {
  sql::NulCheck nul;
  nul.Add("proposal_comments.body", comment.body_markdown);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<ProposalComment>(
      db_, [&](soci::session& sql) -> Result<ProposalComment> {
        auto p = LoadProposal(sql, proposal);
        if (!p) return p.error();
        const long long pid = proposal, parent = comment.parent;
        if (parent != 0) {
          long long found = 0;
          sql << "SELECT COUNT(*) FROM proposal_comments WHERE id = :c AND proposal_id = :p",
              soci::into(found), soci::use(parent), soci::use(pid);
          if (found == 0) {
            return Error::Of(ErrorCode::kNotFound, "parent",
                             METER_N("the comment answered is not one of this proposal's"));
          }
        }
        ProposalComment c = comment;
        c.author = actor;
        c.at = sql::Now();
        const long long at = c.at;
        long long id = 0;
        sql << "INSERT INTO proposal_comments (proposal_id, parent_id, author, body, at)"
               " VALUES (:p, :pa, :a, :b, :at) RETURNING id",
            soci::use(pid), soci::use(parent), soci::use(c.author), soci::use(c.body_markdown),
            soci::use(at), soci::into(id);
        c.id = id;
        sql::Audit(sql, actor, "proposal.comment", ProposalTarget(proposal),
                   "comment " + std::to_string(id));
        return c;
      });
}

Result<std::vector<ProposalComment>> SqlStore::CommentsOn(Id proposal) {
  return sql::Reading<std::vector<ProposalComment>>(
      db_, [&](soci::session& sql) -> Result<std::vector<ProposalComment>> {
        std::vector<ProposalComment> out;
        ProposalComment c;
        long long id = 0, parent = 0, at = 0;
        const long long pid = proposal;
        soci::statement st =
            (sql.prepare << "SELECT id, parent_id, author, body, at FROM proposal_comments"
                            " WHERE proposal_id = :p ORDER BY id",
             soci::into(id), soci::into(parent), soci::into(c.author), soci::into(c.body_markdown),
             soci::into(at), soci::use(pid));
        st.execute();
        while (st.fetch()) {
          c.id = id;
          c.parent = parent;
          c.at = at;
          out.push_back(c);
        }
        return out;
      });
}

Result<bool> SqlStore::CastVote(Id proposal, const Vote& vote, const std::string& actor) {
  sql::NulCheck nul;
  nul.Add("proposal_votes.reason", vote.reason);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    auto p = LoadProposal(sql, proposal);
    if (!p) return p.error();
    if (p.value().status != ProposalStatus::kOpen &&
        p.value().status != ProposalStatus::kDeferred) {
      return Error::Of(ErrorCode::kConflict, ProposalTarget(proposal),
                       METER_N("the proposal is decided; votes can no longer change"));
    }
    const long long pid = proposal, now = sql::Now();
    const std::string choice = VoteChoiceKey(vote.choice);
    sql << "DELETE FROM proposal_votes WHERE proposal_id = :p AND voter = :v", soci::use(pid),
        soci::use(vote.voter);
    sql << "INSERT INTO proposal_votes (proposal_id, voter, choice, reason, at)"
           " VALUES (:p, :v, :c, :r, :at)",
        soci::use(pid), soci::use(vote.voter), soci::use(choice), soci::use(vote.reason),
        soci::use(now);
    sql::Audit(sql, actor, "proposal.vote", ProposalTarget(proposal), choice);
    return true;
  });
}

Result<std::vector<Vote>> SqlStore::VotesOn(Id proposal) {
  return sql::Reading<std::vector<Vote>>(db_, [&](soci::session& sql) -> Result<std::vector<Vote>> {
    std::vector<Vote> out;
    Vote v;
    std::string choice;
    long long at = 0;
    const long long pid = proposal;
    soci::statement st = (sql.prepare << "SELECT voter, choice, reason, at FROM proposal_votes"
                                         " WHERE proposal_id = :p ORDER BY at, voter",
                          soci::into(v.voter), soci::into(choice), soci::into(v.reason),
                          soci::into(at), soci::use(pid));
    st.execute();
    while (st.fetch()) {
      v.choice = ParseVoteChoice(choice).value_or(VoteChoice::kAbstain);
      v.at = at;
      out.push_back(v);
    }
    return out;
  });
}

Result<Proposal> SqlStore::DecideProposal(const ProposalDecision& d, const std::string& actor) {
  sql::NulCheck nul;
  nul.Add("proposals.decision_reason", d.reason).Add("instrument_versions.yaml", d.draft_yaml);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<Proposal>(db_, [&](soci::session& sql) -> Result<Proposal> {
    auto p = LoadProposal(sql, d.proposal);
    if (!p) return p;
    const Proposal& now_p = p.value();
    if (now_p.version_stamp != d.expected_stamp) {
      return Error::Of(ErrorCode::kConflict, ProposalTarget(d.proposal),
                       METER_N("the proposal changed meanwhile; look at it again"));
    }
    if (now_p.status != ProposalStatus::kOpen && now_p.status != ProposalStatus::kDeferred) {
      return Error::Of(ErrorCode::kConflict, ProposalTarget(d.proposal),
                       METER_N("the proposal is decided already"));
    }
    long long applied = 0;
    if (d.verdict == ProposalStatus::kAccepted) {
      auto v = RequireVersion(sql, now_p.instrument_id, now_p.version);
      if (!v) return v.error();
      if (v.value().status != "draft" || v.value().revision != d.draft_revision) {
        return Error::Of(ErrorCode::kConflict, now_p.instrument_id + " " + now_p.version,
                         METER_N("the draft changed meanwhile; decide again"));
      }
      applied = d.draft_revision + 1;
      const long long at = sql::Now();
      sql << "UPDATE instrument_versions SET yaml = :y, revision = :r, origin = 'web',"
             " updated_at = :at, updated_by = :by WHERE instrument_id = :i AND version = :v",
          soci::use(d.draft_yaml), soci::use(applied), soci::use(at), soci::use(actor),
          soci::use(now_p.instrument_id), soci::use(now_p.version);
    }
    const std::string status = ProposalStatusKey(d.verdict);
    const long long pid = d.proposal, at = sql::Now();
    sql << "UPDATE proposals SET status = :s, decided_by = :by, decision_reason = :r,"
           " decided_at = :at, applied_revision = :ap WHERE id = :p",
        soci::use(status), soci::use(actor), soci::use(d.reason), soci::use(at), soci::use(applied),
        soci::use(pid);
    Bump(sql, d.proposal);
    sql::Audit(sql, actor, "proposal.decide", ProposalTarget(d.proposal), DecisionDetail(d));
    return LoadProposal(sql, d.proposal);
  });
}

}  // namespace meter
