// The results of a round: index and band, the charts, the table of every unit, the weakest
// sub-areas and the largest awareness gaps. The numbers come from core's Score(), the same code as
// `meter score`.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/benchmarks.h"
#include "core/round_results.h"
#include "i18n/i18n.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// The unit's name as "name" (and "name_attrs", page_text.h): "Overall index" for the whole.
void SetUnitName(const Call& call, TemplateData& data, const Instrument& in, const UnitScore& u) {
  if (u.kind == UnitKind::kOverall) {
    data.set("name", call.Tr("Overall index"));
  } else if (const LocalizedText* text = in.UnitText(u.id)) {
    SetText(data, "name", *text, call.lang);
  }
}

// "Western Europe (5 countries)", or the group's name with why it has no average yet.
std::string GroupHeading(const Call& call, const BenchmarkGroup& g) {
  return Render(BenchmarkHeading(g), TranslatorFor(call.locale));
}

}  // namespace

void WebApp::Impl::AddBenchmarks(const Call& call, const RoundDossier& d,
                                 const std::vector<PublishedProfile>& published,
                                 TemplateData& data) {
  std::vector<BenchmarkGroup> groups = Benchmarks(d.round.country, deps_.countries, published);
  NameGroupsIn(groups, deps_.countries, call.lang);
  TemplateList heads;
  const BenchmarkGroup* comparison = nullptr;
  for (const BenchmarkGroup& g : groups) {
    TemplateData h;
    h.set("name", GroupHeading(call, g));
    heads.push_back(std::move(h));
    if (!comparison && !g.scores.empty()) comparison = &g;
  }
  TemplateList rows;
  std::vector<std::string> units = {"overall"};
  for (const Pillar& p : d.instrument->pillars) units.push_back(p.id);
  for (const std::string& id : units) {
    const UnitScore* own = d.Unit(id);
    TemplateData row;
    row.set("id", id == "overall" ? "" : id);
    if (id == "overall") {
      row.set("name", call.Tr("Overall index"));
    } else if (const LocalizedText* text = d.instrument->UnitText(id)) {
      SetText(row, "name", *text, call.lang);
    }
    row.set("own",
            own && own->score ? OneDecimal(*own->score, call.lang) : call.Tr("insufficient data"));
    TemplateList cells;
    for (const BenchmarkGroup& g : groups) {
      auto it = g.scores.find(id);
      TemplateData cell;
      cell.set("value", it == g.scores.end() ? "—" : OneDecimal(it->second, call.lang));
      cells.push_back(std::move(cell));
    }
    row.set("cells", std::move(cells));
    rows.push_back(std::move(row));
  }
  data.set("benchmark_heads", std::move(heads));
  data.set("benchmark_rows", std::move(rows));
  data.set("has_benchmarks", !groups.empty());
  const std::string label = comparison ? GroupHeading(call, *comparison) : "";
  const auto* compared = comparison ? &comparison->scores : nullptr;
  data.set("radar", deps_.renderers.radar_with_targets(*d.instrument, d.report, call.locale,
                                                       call.lang, d.targets, compared, label));
  data.set("radar_data", deps_.renderers.radar_data(*d.instrument, d.report, call.locale, call.lang,
                                                    d.targets, compared, label));
}

Response WebApp::Impl::DataUnavailable(const Call& call) const {
  return Fail(call,
              Error::Of(ErrorCode::kUnavailable, "", METER_N("the answers cannot be read now")));
}

Response WebApp::Impl::TooBusy(const Call& call) const {
  Response r = Fail(call, Error::Of(ErrorCode::kUnavailable, "",
                                    METER_N("other reports are being made right now; try again "
                                            "in a few seconds")));
  r.headers.emplace_back("Retry-After", std::to_string(kHeavyWorkRetryAfterSeconds));
  return r;
}

// The page is the same for every caller of a language and role but for the layout's holes: it is
// rendered once per version of the round, the published scores, the knowledge base and the
// survey's figures (web/score_cache.h), and each request fills it.
Response WebApp::Impl::ResultsPage(Call& call) {
  auto loaded = LoadRoundWithVersions(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Id id = std::get<RoundWithVersions>(loaded).round.id;
  const CacheVersions* versions = &std::get<RoundWithVersions>(loaded).versions;
  bool scored = false;
  const auto frame =
      CachedPage(call, "results/" + std::to_string(id), *versions, [&]() -> std::optional<Frame> {
        const auto dossier = DossierAt(id, *versions, &scored);
        const auto published = PublishedRoundsAt(versions->published);
        if (!dossier || !published) return std::nullopt;
        return ResultsFrame(call, *dossier, *published);
      });
  if (!frame) return DataUnavailable(call);
  Response page = Response::Html(frame->Fill(LayoutValues(call)));
  return MarkScores(page, scored);
}

Frame WebApp::Impl::ResultsFrame(const Call& call, const RoundDossier& d,
                                 const std::vector<PublishedProfile>& published) {
  const RoundDossier* dossier = &d;
  const Round& round = d.round;
  const Instrument& in = *dossier->instrument;
  const ScoreReport& report = dossier->report;
  const std::string insufficient = call.Tr("insufficient data");
  TemplateData data;
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  data.set("provisional", ResultsAreProvisional(round.status));
  data.set("respondents", std::to_string(dossier->respondents.size()));
  const UnitScore& overall = report.units[0];
  data.set("overall", overall.score ? OneDecimal(*overall.score, call.lang) : insufficient);
  data.set("band", overall.band ? call.Tr(BandName(*overall.band)) : "");
  data.set("band_key", overall.band ? std::string(BandKey(*overall.band)) : "none");
  data.set("coverage", PercentOf(overall.coverage, call.lang));
  data.set("dk_rate", PercentOf(overall.dk_rate, call.lang));
  data.set("bars", deps_.renderers.bars(in, report, call.locale, call.lang));
  data.set("heatmap", deps_.renderers.heatmap(in, report, call.locale, call.lang));
  data.set("bars_data", deps_.renderers.bars_data(in, report, call.locale, call.lang));
  data.set("heatmap_data", deps_.renderers.heatmap_data(in, report, call.locale, call.lang));
  TemplateList rows, weakest, gaps;
  std::vector<const UnitScore*> subareas, gapped;
  for (const UnitScore& u : report.units) {
    if (u.kind == UnitKind::kStatement) continue;
    TemplateData row;
    row.set("id", u.kind == UnitKind::kOverall ? "" : u.id);
    SetUnitName(call, row, in, u);
    row.set("pillar", u.kind == UnitKind::kPillar || u.kind == UnitKind::kOverall);
    row.set("score", u.score ? OneDecimal(*u.score, call.lang) : insufficient);
    row.set("withheld", !u.score);
    row.set("coverage", PercentOf(u.coverage, call.lang));
    row.set("dk_rate", PercentOf(u.dk_rate, call.lang));
    row.set("band", u.band ? call.Tr(BandName(*u.band)) : "");
    row.set("band_key", u.band ? std::string(BandKey(*u.band)) : "none");
    row.set("gap", u.group_gap ? OneDecimal(*u.group_gap, call.lang) : "");
    rows.push_back(std::move(row));
    if (u.kind == UnitKind::kSubArea && u.score) subareas.push_back(&u);
    if (u.kind != UnitKind::kOverall && u.group_gap) gapped.push_back(&u);
  }
  std::sort(subareas.begin(), subareas.end(),
            [](auto* a, auto* b) { return *a->score < *b->score; });
  for (size_t i = 0; i < subareas.size() && i < 5; ++i) {
    TemplateData item;
    item.set("id", subareas[i]->id);
    SetUnitName(call, item, in, *subareas[i]);
    item.set("score", OneDecimal(*subareas[i]->score, call.lang));
    weakest.push_back(std::move(item));
  }
  std::sort(gapped.begin(), gapped.end(),
            [](auto* a, auto* b) { return *a->group_gap > *b->group_gap; });
  for (size_t i = 0; i < gapped.size() && i < 5; ++i) {
    const UnitScore& u = *gapped[i];
    TemplateData item;
    item.set("id", u.id);
    SetUnitName(call, item, in, u);
    item.set("gap", OneDecimal(*u.group_gap, call.lang));
    std::string detail;
    for (size_t g = 0; g < report.groups.size(); ++g) {
      if (!u.group_scores[g]) continue;
      detail += (detail.empty() ? "" : " · ") +
                Substitute(call.TrC("a respondent group and its score", "{1}: {2}"),
                           {call.Tr(report.groups[g].name.c_str()),
                            OneDecimal(*u.group_scores[g], call.lang)});
    }
    item.set("detail", detail);
    gaps.push_back(std::move(item));
  }
  data.set("units", std::move(rows));
  data.set("weakest", std::move(weakest));
  data.set("gaps", std::move(gaps));
  AddBenchmarks(call, *dossier, published, data);
  data.set("egdi", EgdiSection(call, round.country));
  return PageFrame(call, "results", Substitute(call.Tr("Results — {1}"), {round.title}),
                   std::move(data));
}

// A round's downloads are kept by the round's versions, the language and the day (the report
// says when it was made), so that coordinators downloading the same report while nothing changed
// get the same bytes without it being made again. Only making one takes a heavy-work slot.
Response WebApp::Impl::DownloadRound(Call& call) {
  auto loaded = LoadRoundWithVersions(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Id id = std::get<RoundWithVersions>(loaded).round.id;
  const std::string kind = call.params.at("kind");
  const CacheVersions* versions = &std::get<RoundWithVersions>(loaded).versions;
  bool scored = false, made = false;
  std::optional<Response> refused;  // why nothing was made, when nothing was
  // The day as the report's "Generated on" takes it (the system clock, app/round_outputs.cpp).
  const std::string key = "download/" + std::to_string(id) + "/" + kind + "/" + call.lang + "/" +
                          FormatUtcTime(std::time(nullptr), "%Y-%m-%d");
  auto file = caches_.files.Get(key, *versions, [&]() -> decltype(caches_.files)::Computed {
    auto outcome = MakeRoundDownload(call, id, kind, *versions, &scored);
    if (auto* no = std::get_if<Response>(&outcome)) {
      refused = std::move(*no);
      return {};
    }
    made = true;
    auto body = std::make_shared<const Download>(std::move(std::get<Download>(outcome)));
    const size_t cost = body->body.size() + sizeof(Download);
    return {std::move(body), cost};
  });
  if (!file && refused) return std::move(*refused);
  if (!file) {
    // Another caller's making of the same file failed while this one waited for it: this caller
    // gets its own answer (404 for an unknown kind, 503 with Retry-After when busy, …).
    auto outcome = MakeRoundDownload(call, id, kind, *versions, &scored);
    if (auto* no = std::get_if<Response>(&outcome)) return std::move(*no);
    file = std::make_shared<const Download>(std::move(std::get<Download>(outcome)));
    made = true;
  }
  Response r = Response::Text(file->body, file->content_type);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file->name + "\"");
  // Whether this file was made for the call or one made before was given: for tests and the
  // operator, as X-Meter-Scores is for the scores.
  r.headers.emplace_back("X-Meter-Download", made ? "made" : "kept");
  return MarkScores(r, scored);
}

std::variant<Download, Response> WebApp::Impl::MakeRoundDownload(Call& call, Id id,
                                                                 const std::string& kind,
                                                                 const CacheVersions& versions,
                                                                 bool* scored) {
  // The report and the workbook take a thread for seconds: a bounded number at once.
  HeavyWorkLimiter::Slot slot;
  if (kind == "pdf" || kind == "xlsx") {
    slot = heavy_work_.TryAcquire();
    if (!slot) return TooBusy(call);
  }
  const auto dossier = DossierAt(id, versions, scored);
  if (!dossier) return DataUnavailable(call);
  const Round& round = dossier->round;
  std::vector<BenchmarkGroup> groups;
  if (kind == "pdf") {
    const auto published = PublishedRoundsAt(versions.published);
    if (published) groups = Benchmarks(round.country, deps_.countries, *published);
    NameGroupsIn(groups, deps_.countries, call.lang);
  }
  auto file = deps_.renderers.download(*dossier, kind, deps_.countries.Find(round.country), groups,
                                       call.locale, call.lang);
  if (!file) return Fail(call, file.error());
  return std::move(file).value();
}

}  // namespace meter
