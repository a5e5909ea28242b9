// The expert channel's pages (docs/user-guide.md, "The expert channel"): the proposals on a draft
// instrument version, one proposal with the statement it touches and its statistics, its threaded
// discussion (Markdown in cmark's safe mode), votes and the secretariat's decision; starting,
// releasing and retiring versions. Experts and admins read and propose (Action::kViewProposals,
// kPropose); experts vote (kVote); admins decide (kDecide). Coordinators and respondents see none
// of it. Every write goes through core/instrument_channel.h and the store, audited there; a
// decision carries the proposal's stamp and a release the draft's revision, so that a stale page
// gets 409.
#include "core/instrument_channel.h"
#include "core/instrument_release.h"
#include "core/instrument_writer.h"
#include "core/item_statistics.h"
#include "core/round_dossier.h"
#include "core/text_rules.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// The kinds' names in words, in AllProposalKinds' order.
const char* KindName(ProposalKind kind) {
  switch (kind) {
    case ProposalKind::kAddStatement:
      return METER_N("Add a statement");
    case ProposalKind::kRewordStatement:
      return METER_N("Reword a statement");
    case ProposalKind::kMoveStatement:
      return METER_N("Move a statement");
    case ProposalKind::kRetireStatement:
      return METER_N("Retire a statement");
    case ProposalKind::kAddSubArea:
      return METER_N("Add a sub-area");
    case ProposalKind::kRenameSubArea:
      return METER_N("Rename a sub-area");
    case ProposalKind::kRetireSubArea:
      return METER_N("Retire a sub-area");
    case ProposalKind::kAddPillar:
      return METER_N("Add a pillar");
    case ProposalKind::kRenamePillar:
      return METER_N("Rename a pillar");
    case ProposalKind::kRetirePillar:
      return METER_N("Retire a pillar");
    case ProposalKind::kChangeOverview:
      return METER_N("Change a pillar's overview");
    case ProposalKind::kChangeActions:
      return METER_N("Change a sub-area's recommended actions");
    case ProposalKind::kChangePrerequisites:
      return METER_N("Change a sub-area's prerequisites");
    case ProposalKind::kChangeWeight:
      return METER_N("Change a weight");
  }
  return "";
}

std::string StatusWord(const Call& call, ProposalStatus s) {
  switch (s) {
    case ProposalStatus::kOpen:
      return call.TrC("status of a proposal", "open");
    case ProposalStatus::kAccepted:
      return call.TrC("status of a proposal", "accepted");
    case ProposalStatus::kRejected:
      return call.TrC("status of a proposal", "rejected");
    case ProposalStatus::kDeferred:
      return call.TrC("status of a proposal", "deferred");
  }
  return "";
}

std::string ChoiceWord(const Call& call, VoteChoice c) {
  switch (c) {
    case VoteChoice::kSupport:
      return call.TrC("vote", "support");
    case VoteChoice::kOppose:
      return call.TrC("vote", "oppose");
    case VoteChoice::kAbstain:
      return call.TrC("vote", "abstain");
  }
  return "";
}

bool Undecided(const Proposal& p) {
  return p.status == ProposalStatus::kOpen || p.status == ProposalStatus::kDeferred;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos) out.push_back(line.substr(first));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

// A proposal as its form sent it. A weight that is not a number is kept as a problem.
Proposal ProposalFromForm(const Form& form, std::vector<Problem>& problems) {
  Proposal p;
  const auto kind = ParseProposalKind(FormValue(form, "kind"));
  if (!kind) problems.push_back({"kind", METER_N("choose what the proposal changes"), {}});
  p.change.kind = kind.value_or(ProposalKind::kAddStatement);
  p.change.target = FormValue(form, "target");
  p.change.parent = FormValue(form, "parent");
  p.change.new_id = FormValue(form, "new_id");
  for (const std::string& lang : kUnLanguages) {
    if (const std::string t = FormValue(form, "text_" + lang); !t.empty())
      p.change.text.Set(lang, t);
    if (const std::string o = FormValue(form, "overview_" + lang); !o.empty()) {
      p.change.overview.Set(lang, o);
    }
    for (int b = 0; b < kBandCount; ++b) {
      const std::vector<std::string> actions = Lines(
          FormValue(form, "actions_" + std::string(BandKey(static_cast<Band>(b))) + "_" + lang));
      auto& list = p.change.actions[b];
      if (list.size() < actions.size()) list.resize(actions.size());
      for (size_t i = 0; i < actions.size(); ++i) list[i].Set(lang, actions[i]);
    }
  }
  p.change.prerequisites = Words(FormValue(form, "prerequisites"));
  if (const std::string w = FormValue(form, "weight"); !w.empty()) {
    char* end = nullptr;
    const double v = std::strtod(w.c_str(), &end);
    if (end != w.c_str() + w.size()) {
      problems.push_back(
          {"weight", METER_N("a weight must be a number above 0 and at most 10"), {}});
    } else {
      p.change.weight = v;
    }
  }
  p.rationale = FormValue(form, "rationale");
  p.sources = Lines(FormValue(form, "sources"));
  return p;
}

TemplateList KindChoices(const Call& call, const std::string& chosen) {
  TemplateList out;
  for (ProposalKind k : AllProposalKinds()) {
    TemplateData d;
    d.set("value", ProposalKindKey(k));
    d.set("name", call.Tr(KindName(k)));
    d.set("selected", ProposalKindKey(k) == chosen);
    out.push_back(std::move(d));
  }
  return out;
}

// The form's per-language fields, English first, with what was typed.
TemplateList LanguageFields(const Form& form) {
  TemplateList out;
  for (const std::string& lang : kUnLanguages) {
    TemplateData d = LanguageItem(lang);
    d.set("english", lang == "en");
    d.set("text", FormValue(form, "text_" + lang));
    d.set("overview", FormValue(form, "overview_" + lang));
    TemplateList bands;
    for (int b = 0; b < kBandCount; ++b) {
      const std::string key(BandKey(static_cast<Band>(b)));
      TemplateData band;
      band.set("key", key);
      band.set("actions", FormValue(form, "actions_" + key + "_" + lang));
      bands.push_back(std::move(band));
    }
    d.set("bands", std::move(bands));
    out.push_back(std::move(d));
  }
  return out;
}

// The change in words and texts, for the proposal page and the list.
TemplateData ChangeData(const Call& call, const ProposedChange& c) {
  TemplateData d;
  d.set("kind", call.Tr(KindName(c.kind)));
  d.set("target", c.target);
  d.set("parent", c.parent);
  d.set("has_parent", !c.parent.empty());
  d.set("new_id", c.new_id);
  d.set("has_new_id", !c.new_id.empty());
  d.set("weight", c.weight ? PlainNumber(*c.weight) : "");
  d.set("has_weight", c.weight.has_value());
  std::string prerequisites;
  for (const std::string& s : c.prerequisites)
    prerequisites += (prerequisites.empty() ? "" : ", ") + s;
  d.set("prerequisites", prerequisites);
  d.set("has_prerequisites", !c.prerequisites.empty());
  TemplateList texts;
  auto add = [&](const LocalizedText& t, const std::string& what) {
    for (const auto& [lang, value] : t.all()) {
      TemplateData row = LanguageItem(lang);
      row.set("what", what);
      row.set("value", value);
      texts.push_back(std::move(row));
    }
  };
  add(c.text, ProposalUnit(c.kind) == "statement" ? call.Tr("Text")
                                                  : call.TrC("text of a proposal", "Name"));
  add(c.overview, call.Tr("Overview"));
  for (int b = 0; b < kBandCount; ++b) {
    for (const LocalizedText& a : c.actions[b]) {
      add(a, Substitute(call.Tr("Recommended action, band {1}"),
                        {call.Tr(BandName(static_cast<Band>(b)))}));
    }
  }
  d.set("has_texts", !texts.empty());
  d.set("texts", std::move(texts));
  return d;
}

}  // namespace

// --- loading ---------------------------------------------------------------------------------

std::optional<Response> WebApp::Impl::RefuseUnless(const Call& call, Action action) const {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, action)) return Forbidden(call);
  return std::nullopt;
}

std::variant<WebApp::Impl::VersionView, Response> WebApp::Impl::LoadVersion(
    const Call& call, const std::string& id, const std::string& version) {
  VersionView view;
  auto stored = deps_.store.GetInstrumentVersion(id, version);
  if (stored) {
    view.stored = stored.value();
    auto in = meter::InstrumentOf(view.stored);
    if (!in) return Fail(call, in.error());
    view.held = std::make_shared<Instrument>(std::move(in).value());
    view.instrument = view.held.get();
  } else if (stored.error().code == ErrorCode::kNotFound) {
    // A bundled version of a database that was not synced (the database of a command).
    view.instrument = deps_.instruments.Find(id, version);
    if (!view.instrument) return Fail(call, stored.error());
    view.stored.instrument_id = id;
    view.stored.version = version;
    view.stored.status = view.instrument->status;
  } else {
    return Fail(call, stored.error());
  }
  if (!view.stored.based_on.empty()) {
    view.previous = deps_.instruments.Find(id, view.stored.based_on);
  }
  return view;
}

void WebApp::Impl::AddChannelData(const Call& call, const VersionView& view, TemplateData& data) {
  const StoredInstrumentVersion& v = view.stored;
  const bool draft = v.status == "draft";
  data.set("is_draft", draft);
  data.set("based_on", v.based_on);
  data.set("has_base", !v.based_on.empty());
  data.set("diff_link", "/instruments/diff?from=" + UrlEncode(v.instrument_id + "/" + v.based_on) +
                            "&to=" + UrlEncode(v.instrument_id + "/" + v.version));
  const bool proposals = Allowed(call.principal, Action::kViewProposals);
  data.set("can_view_proposals", proposals);
  if (proposals) {
    auto listed = deps_.store.ListProposals(v.instrument_id, v.version);
    const long n = listed ? static_cast<long>(listed.value().size()) : 0;
    data.set("proposal_count",
             Substitute(call.TrN("{1} proposal", "{1} proposals", n), {std::to_string(n)}));
  }
  const bool decide = Allowed(call.principal, Action::kDecide);
  data.set("can_release", decide && draft);
  data.set("can_retire", decide && v.status == "released" && !v.yaml.empty());
  data.set("revision", std::to_string(v.revision));
  if (decide && draft) {
    const Translator translate = TranslatorFor(call.locale);
    TemplateList blockers;
    const std::vector<Problem> problems = ReleaseProblems(*view.instrument);
    for (size_t i = 0; i < problems.size() && i < 20; ++i) {
      TemplateData d;
      d.set("text", Render(problems[i], translate));
      blockers.push_back(std::move(d));
    }
    data.set("release_blocked", !problems.empty());
    data.set("release_blockers", std::move(blockers));
    data.set("release_blocker_count",
             Substitute(call.TrN("{1} problem stands in the way of a release.",
                                 "{1} problems stand in the way of a release.",
                                 static_cast<long>(problems.size())),
                        {std::to_string(problems.size())}));
  }
}

std::map<std::string, TemplateList> WebApp::Impl::ProposalsByStatement(
    const Call& call, const StoredInstrumentVersion& v) {
  std::map<std::string, TemplateList> out;
  if (!Allowed(call.principal, Action::kViewProposals)) return out;
  std::vector<std::string> versions = {v.version};
  if (auto all = deps_.store.ListInstrumentVersions()) {
    for (const StoredInstrumentVersion& other : all.value()) {
      if (other.instrument_id == v.instrument_id && other.status == "draft" &&
          other.based_on == v.version && other.version != v.version) {
        versions.push_back(other.version);
      }
    }
  }
  for (const std::string& version : versions) {
    auto listed = deps_.store.ListProposals(v.instrument_id, version);
    if (!listed) continue;  // the page shows the version without them rather than fail
    for (const Proposal& p : listed.value()) {
      if (ProposalUnit(p.change.kind) != "statement") continue;
      TemplateData item;
      item.set("id", std::to_string(p.id));
      item.set("label", Substitute(call.Tr("Proposal {1} for version {2}: {3} ({4})"),
                                   {std::to_string(p.id), version, call.Tr(KindName(p.change.kind)),
                                    StatusWord(call, p.status)}));
      for (const std::string& unit : TouchedUnits(p.change)) out[unit].push_back(item);
    }
  }
  return out;
}

// --- versions --------------------------------------------------------------------------------

Response WebApp::Impl::StartDraftVersion(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kDecide)) return *refused;
  const std::string from = FormValue(call.form, "from");
  const auto slash = from.find('/');
  if (slash == std::string::npos) {
    return Fail(call,
                Error::Of(ErrorCode::kInvalidInput, "from",
                          METER_N("choose a released version as the draft's starting point")));
  }
  const std::string id = from.substr(0, slash);
  const std::string version = FormValue(call.form, "version");
  auto made = StartDraft(deps_.store, id, from.substr(slash + 1), version, call.principal.label);
  if (!made) return Fail(call, made.error());
  return Response::Redirect("/instruments/" + UrlEncode(id) + "/" + UrlEncode(version));
}

Response WebApp::Impl::ReleaseVersion(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kDecide)) return *refused;
  const std::optional<int64_t> revision = FormVersion(call.form, "revision");
  if (!revision) return Fail(call, Error{ErrorCode::kInvalidInput, {VersionProblem("revision")}});
  const std::string id = call.params["id"], version = call.params["version"];
  auto released = ReleaseDraftVersion(deps_.store, id, version, *revision, call.principal.label);
  if (!released) return Fail(call, released.error());
  return Response::Redirect("/instruments/" + UrlEncode(id) + "/" + UrlEncode(version));
}

Response WebApp::Impl::RetireInstrumentVersion(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kDecide)) return *refused;
  const std::string id = call.params["id"], version = call.params["version"];
  auto retired = deps_.store.RetireVersion(id, version, call.principal.label);
  if (!retired) return Fail(call, retired.error());
  deps_.instruments.SetRetired(id, version);
  return Response::Redirect("/instruments/" + UrlEncode(id) + "/" + UrlEncode(version));
}

Response WebApp::Impl::ExportInstrument(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kViewInstrument)) return *refused;
  const std::string id = call.params["id"], version = call.params["version"];
  auto loaded = LoadVersion(call, id, version);
  if (auto* failed = std::get_if<Response>(&loaded)) return *failed;
  const VersionView& view = std::get<VersionView>(loaded);
  std::string text =
      view.stored.yaml.empty() ? WriteInstrumentYaml(*view.instrument) : view.stored.yaml;
  Response r = Response::Text(std::move(text), "application/yaml; charset=utf-8");
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + id + "-" + version + ".yaml\"");
  return r;
}

// --- proposals -------------------------------------------------------------------------------

Response WebApp::Impl::ProposalsPage(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kViewProposals)) return *refused;
  const std::string id = call.params["id"], version = call.params["version"];
  auto loaded = LoadVersion(call, id, version);
  if (auto* failed = std::get_if<Response>(&loaded)) return *failed;
  const VersionView& view = std::get<VersionView>(loaded);
  auto proposals = deps_.store.ListProposals(id, version);
  if (!proposals) return Fail(call, proposals.error());
  TemplateList rows;
  for (const Proposal& p : proposals.value()) {
    TemplateData row = ChangeData(call, p.change);
    row.set("id", std::to_string(p.id));
    row.set("status", StatusWord(call, p.status));
    row.set("status_key", ProposalStatusKey(p.status));
    row.set("author", p.author);
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("id", id);
  data.set("version", version);
  SetText(data, "title", view.instrument->title, call.lang);
  data.set("draft", view.stored.status == "draft");
  data.set("proposals", std::move(rows));
  data.set("count", Substitute(call.TrN("{1} proposal", "{1} proposals",
                                        static_cast<long>(proposals.value().size())),
                               {std::to_string(proposals.value().size())}));
  data.set("can_propose", Allowed(call.principal, Action::kPropose));
  return Page(call, "proposals", Substitute(call.Tr("Proposals on {1} {2}"), {id, version}),
              std::move(data));
}

Response WebApp::Impl::NewProposalForm(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kPropose)) return *refused;
  Form typed = call.query;
  return RenderProposalForm(call, typed, {}, 200);
}

Response WebApp::Impl::RenderProposalForm(const Call& call, const Form& typed,
                                          const std::vector<Problem>& problems, int status) {
  const std::string id = call.params.at("id"), version = call.params.at("version");
  TemplateData data;
  data.set("id", id);
  data.set("version", version);
  data.set("kinds", KindChoices(call, FormValue(typed, "kind")));
  for (const char* field :
       {"target", "parent", "new_id", "prerequisites", "weight", "rationale", "sources"}) {
    data.set(field, FormValue(typed, field));
  }
  data.set("languages", LanguageFields(typed));
  AddProblems(call, problems, data);
  Response r = Page(call, "proposal_form", call.Tr("New proposal"), std::move(data));
  r.status = status;
  return r;
}

Response WebApp::Impl::CreateProposal(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kPropose)) return *refused;
  const std::string id = call.params["id"], version = call.params["version"];
  auto loaded = LoadVersion(call, id, version);
  if (auto* failed = std::get_if<Response>(&loaded)) return *failed;
  const VersionView& view = std::get<VersionView>(loaded);
  std::vector<Problem> problems;
  Proposal p = ProposalFromForm(call.form, problems);
  p.instrument_id = id;
  p.version = version;
  if (view.stored.status != "draft") {
    problems.push_back({"version", METER_N("only a draft version takes proposals"), {}});
  } else {
    for (Problem& problem : CheckProposal(p, *view.instrument)) {
      problems.push_back(std::move(problem));
    }
  }
  if (!problems.empty()) return RenderProposalForm(call, call.form, problems, 400);
  auto made = deps_.store.CreateProposal(p, call.principal.label);
  if (!made) return Fail(call, made.error());
  return Response::Redirect("/proposals/" + std::to_string(made.value().id));
}

Response WebApp::Impl::ProposalPage(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kViewProposals)) return *refused;
  return RenderProposal(call, {}, 200);
}

void WebApp::Impl::AddTouchedStatement(const Call& call, const VersionView& view, const Proposal& p,
                                       TemplateData& data) {
  const Instrument& in = *view.instrument;
  const int index = in.StatementIndex(p.change.target);
  data.set("touches_statement", index >= 0);
  if (index < 0) return;
  const Statement& st = *in.statements()[static_cast<size_t>(index)].statement;
  SetText(data, "statement_text", st.text, call.lang);
  // The figures come from the released version the draft follows, where rounds answered it.
  const Instrument* source = view.previous ? view.previous : &in;
  std::string source_id = p.change.target;
  if (view.previous && in.mapping) {
    for (const auto& [old_id, new_id] : in.mapping->renamed) {
      if (new_id == source_id) source_id = old_id;
    }
  }
  const int source_index = source->StatementIndex(source_id);
  data.set("has_statistics", false);
  if (source_index < 0) return;
  const auto stats = ItemStatisticsOf(*source);
  if (!stats) return;
  const StatementStatistics& s = stats->statements[static_cast<size_t>(source_index)];
  data.set("has_statistics", true);
  data.set("statistics_version", source->version);
  data.set("stat_answers", std::to_string(s.answers));
  data.set("stat_mean", s.mean ? Decimals(*s.mean, 1, call.lang) : "—");
  data.set("stat_dk", s.dk_rate ? PercentOf(*s.dk_rate, call.lang) : "—");
  data.set("stat_item_rest", s.item_rest ? Decimals(*s.item_rest, 2, call.lang) : "—");
  TemplateList flags;
  for (ItemFlag f : s.flags) {
    TemplateData flag;
    flag.set("key", ItemFlagKey(f));
    flag.set("name", call.Tr(ItemFlagName(f)));
    flags.push_back(std::move(flag));
  }
  data.set("stat_flags", std::move(flags));
}

TemplateList WebApp::Impl::CommentThreads(const std::vector<ProposalComment>& all) const {
  // Each comment's thread is its first ancestor's; a reply names the comment it answers.
  std::map<Id, Id> root;
  std::map<Id, const ProposalComment*> by_id;
  for (const ProposalComment& c : all) {
    by_id[c.id] = &c;
    root[c.id] = c.parent == 0 || !root.count(c.parent) ? c.id : root[c.parent];
  }
  auto item = [&](const ProposalComment& c) {
    TemplateData d;
    d.set("id", std::to_string(c.id));
    d.set("author", c.author);
    d.set("at", FormatUtc(c.at));
    d.set("body_html", deps_.renderers.markdown(c.body_markdown));
    const auto parent = by_id.find(c.parent);
    d.set("answers", parent == by_id.end() ? "" : parent->second->author);
    return d;
  };
  TemplateList out;
  for (const ProposalComment& c : all) {
    if (root[c.id] != c.id) continue;
    TemplateData thread = item(c);
    TemplateList replies;
    for (const ProposalComment& r : all) {
      if (r.id != c.id && root[r.id] == c.id) replies.push_back(item(r));
    }
    thread.set("has_replies", !replies.empty());
    thread.set("replies", std::move(replies));
    out.push_back(std::move(thread));
  }
  return out;
}

Response WebApp::Impl::RenderProposal(const Call& call, const std::vector<Problem>& problems,
                                      int status) {
  const Id pid = call.IdParam("pid");
  auto p = deps_.store.GetProposal(pid);
  if (!p) return Fail(call, p.error());
  const Proposal& proposal = p.value();
  auto loaded = LoadVersion(call, proposal.instrument_id, proposal.version);
  if (auto* failed = std::get_if<Response>(&loaded)) return *failed;
  const VersionView& view = std::get<VersionView>(loaded);
  auto comments = deps_.store.CommentsOn(pid);
  if (!comments) return Fail(call, comments.error());
  auto votes = deps_.store.VotesOn(pid);
  if (!votes) return Fail(call, votes.error());

  TemplateData data = ChangeData(call, proposal.change);
  data.set("pid", std::to_string(pid));
  data.set("instrument", proposal.instrument_id);
  data.set("version", proposal.version);
  data.set("status", StatusWord(call, proposal.status));
  data.set("status_key", ProposalStatusKey(proposal.status));
  data.set("author", proposal.author);
  data.set("created", FormatUtc(proposal.created_at));
  data.set("rationale_html", deps_.renderers.markdown(proposal.rationale));
  TemplateList sources;
  for (const std::string& s : proposal.sources) {
    TemplateData d;
    d.set("text", s);
    sources.push_back(std::move(d));
  }
  data.set("has_sources", !sources.empty());
  data.set("sources", std::move(sources));
  AddTouchedStatement(call, view, proposal, data);

  std::map<VoteChoice, long> tally;
  TemplateList vote_rows;
  std::string mine;
  for (const Vote& v : votes.value()) {
    ++tally[v.choice];
    TemplateData d;
    d.set("voter", v.voter);
    d.set("choice", ChoiceWord(call, v.choice));
    d.set("reason", v.reason);
    d.set("has_reason", !v.reason.empty());
    vote_rows.push_back(std::move(d));
    if (v.voter == call.principal.label) mine = VoteChoiceKey(v.choice);
  }
  data.set("votes", std::move(vote_rows));
  data.set("tally", Substitute(call.Tr("Support: {1} · Oppose: {2} · Abstain: {3}"),
                               {std::to_string(tally[VoteChoice::kSupport]),
                                std::to_string(tally[VoteChoice::kOppose]),
                                std::to_string(tally[VoteChoice::kAbstain])}));
  data.set("mine_support", mine == "support");
  data.set("mine_oppose", mine == "oppose");
  data.set("mine_abstain", mine == "abstain");
  data.set("comments", CommentThreads(comments.value()));
  data.set("has_comments", !comments.value().empty());

  const bool open = Undecided(proposal);
  data.set("decided", !open || proposal.status == ProposalStatus::kDeferred);
  data.set("decided_by", proposal.decided_by);
  data.set("decision_reason", proposal.decision_reason);
  data.set("decided_at", proposal.decided_at ? FormatUtc(proposal.decided_at) : "");
  data.set("can_comment", Allowed(call.principal, Action::kPropose));
  data.set("can_vote", open && Allowed(call.principal, Action::kVote));
  data.set("can_decide",
           open && view.stored.status == "draft" && Allowed(call.principal, Action::kDecide));
  data.set("stamp", std::to_string(proposal.version_stamp));
  AddProblems(call, problems, data);
  Response r = Page(call, "proposal", Substitute(call.Tr("Proposal {1}"), {std::to_string(pid)}),
                    std::move(data));
  r.status = status;
  return r;
}

Response WebApp::Impl::CommentOnProposal(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kPropose)) return *refused;
  const Id pid = call.IdParam("pid");
  ProposalComment c;
  c.body_markdown = FormValue(call.form, "comment");
  const std::string parent = FormValue(call.form, "parent");
  c.parent = parent.empty() ? 0 : std::strtoll(parent.c_str(), nullptr, 10);
  std::vector<Problem> problems;
  if (c.body_markdown.empty()) {
    problems.push_back({"comment", METER_N("write the comment first"), {}});
  } else if (auto problem = TextProblem("comment", c.body_markdown, TextShape::kLines, 10000)) {
    problems.push_back(*problem);
  }
  if (!problems.empty()) return RenderProposal(call, problems, 400);
  auto added = deps_.store.AddComment(pid, c, call.principal.label);
  if (!added) return Fail(call, added.error());
  return Response::Redirect("/proposals/" + std::to_string(pid) + "#comment-" +
                            std::to_string(added.value().id));
}

Response WebApp::Impl::VoteOnProposal(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kVote)) return *refused;
  const Id pid = call.IdParam("pid");
  const auto choice = ParseVoteChoice(FormValue(call.form, "choice"));
  Vote v;
  v.voter = call.principal.label;
  v.reason = FormValue(call.form, "reason");
  std::vector<Problem> problems;
  if (!choice) {
    problems.push_back({"choice", METER_N("choose support, oppose or abstain"), {}});
  } else if (*choice == VoteChoice::kOppose && v.reason.empty()) {
    problems.push_back({"reason", METER_N("say why you oppose: a reason is required"), {}});
  } else if (auto problem = TextProblem("reason", v.reason, TextShape::kLine, 1000)) {
    problems.push_back(*problem);
  }
  if (!problems.empty()) return RenderProposal(call, problems, 400);
  v.choice = *choice;
  auto voted = deps_.store.CastVote(pid, v, call.principal.label);
  if (!voted && voted.error().code == ErrorCode::kConflict) {
    return RenderProposal(call, voted.error().problems, 409);
  }
  if (!voted) return Fail(call, voted.error());
  return Response::Redirect("/proposals/" + std::to_string(pid));
}

Response WebApp::Impl::DecideOnProposal(Call& call) {
  if (auto refused = RefuseUnless(call, Action::kDecide)) return *refused;
  const Id pid = call.IdParam("pid");
  const std::string verdict = FormValue(call.form, "verdict");
  const std::string reason = FormValue(call.form, "reason");
  const std::optional<int64_t> stamp = FormVersion(call.form, "stamp");
  std::vector<Problem> problems;
  const auto status = ParseProposalStatus(verdict);
  if (!status || *status == ProposalStatus::kOpen) {
    problems.push_back({"verdict", METER_N("choose accept, reject or defer"), {}});
  }
  if (reason.empty())
    problems.push_back({"reason", METER_N("give the reason for the decision"), {}});
  if (auto problem = TextProblem("reason", reason, TextShape::kLine, 1000)) {
    problems.push_back(*problem);
  }
  if (!stamp) problems.push_back(VersionProblem("stamp"));
  if (!problems.empty()) return RenderProposal(call, problems, 400);
  auto decided = DecideProposal(deps_.store, pid, *status, reason, static_cast<long>(*stamp),
                                call.principal.label);
  if (!decided && decided.error().code == ErrorCode::kConflict) {
    return RenderProposal(call, decided.error().problems, 409);
  }
  if (!decided) return Fail(call, decided.error());
  return Response::Redirect("/proposals/" + std::to_string(pid));
}

}  // namespace meter
