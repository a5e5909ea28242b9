#include "report/country_report.h"

#include <algorithm>
#include <utility>

#include "i18n/i18n.h"
#include "report/svg_charts.h"

namespace meter {
namespace {

// "Kenya — Second round", or the one of them when both say the same (a round titled by its
// country's name).
std::string CountryAndTitle(const std::string& country, const std::string& title) {
  if (title.empty() || title == country) return country;
  if (country.empty()) return title;
  return country + " — " + title;
}

// The <desc> of one of METER's SVG charts, which states its numbers (svg_charts.h), as text.
std::string ChartDescription(const std::string& svg) {
  const size_t open = svg.find("<desc");
  const size_t start = open == std::string::npos ? open : svg.find('>', open);
  const size_t end = start == std::string::npos ? start : svg.find("</desc>", start);
  if (end == std::string::npos) return "";
  std::string text = svg.substr(start + 1, end - start - 1);
  // EscapeMarkup's five entities, "&amp;" last so that "&amp;lt;" stays "&lt;".
  static const std::pair<std::string, std::string> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, entity.size(), plain);
    }
  }
  return text;
}

constexpr const char* kProvisionalNote = METER_N(
    "This round is still open: answers may still come in or change, and so may every score, "
    "band and priority in this report.");

// Builds the document section by section; borrows its arguments for its lifetime.
class Builder {
 public:
  Builder(const RoundDossier& d, const CountryReportOptions& o)
      : d_(d),
        in_(*d.instrument),
        o_(o),
        loc_(o.locale),
        doc_(PdfInfo{CountryAndTitle(o.country, d.round.title),
                     Tr(o.locale, "METER country report"), Tr(o.locale, "Page {1} of {2}"),
                     o.generated_on, IsRightToLeft(o.lang), o.lang}) {}

  PdfDocument Build() && {
    Cover();
    doc_.TableOfContents(Tr(loc_, "Contents"));
    doc_.PageBreak();
    Summary();
    Charts();
    Scores();
    WayForward();
    Roadmap();
    Targets();
    Benchmarks();
    Survey();
    StatementAnnex();
    CommentAnnex();
    return std::move(doc_);
  }

 private:
  std::string Name(const std::string& id) const {
    if (id == "overall") return Tr(loc_, "Overall index");
    const LocalizedText* text = in_.UnitText(id);
    return text ? text->Get(o_.lang) : id;
  }
  std::string Labelled(const std::string& id) const { return id + " " + Name(id); }

  // The score as shown: one decimal, or why there is none.
  std::string ScoreText(const UnitScore* u) const {
    if (!u) return "—";
    if (u->score) return OneDecimal(u->score, o_.lang);
    if (!u->coverage || (u->kind == UnitKind::kStatement && !u->applicable)) {
      return Tr(loc_, "not applicable");
    }
    return Tr(loc_, "insufficient data");
  }
  std::string BandText(const UnitScore* u) const {
    return u && u->band ? Tr(loc_, BandName(*u->band)) : "";
  }
  std::string Dash(const std::string& text) const { return text.empty() ? "—" : text; }
  // A sentence of METER's own words around instrument texts: in a right-to-left report it starts
  // with a right-to-left mark, so that an English sub-area name at its start does not turn the
  // whole Arabic sentence left to right.
  std::string Sentence(std::string text) const {
    return IsRightToLeft(o_.lang) ? "\u200F" + text : text;
  }

  void Cover() {
    doc_.Space(40);
    doc_.Paragraph("METER", PdfStyle::kCoverLine);
    doc_.Paragraph(Tr(loc_, "E-government readiness self-assessment"), PdfStyle::kCoverLine);
    doc_.Space(30);
    // The country, where it lies and the round on lines of their own; a line that would repeat
    // the one above it is left out.
    doc_.Paragraph(o_.country, PdfStyle::kCoverTitle);
    const std::string where = Where();
    if (!where.empty() && where != o_.country) doc_.Paragraph(where, PdfStyle::kCoverLine);
    doc_.Space(12);
    if (d_.round.title != o_.country) doc_.Paragraph(d_.round.title, PdfStyle::kCoverLine);
    if (ResultsAreProvisional(d_.round.status)) {
      doc_.Space(12);
      doc_.Paragraph(Tr(loc_, "Provisional results"), PdfStyle::kCoverLine);
      doc_.Paragraph(Tr(loc_, kProvisionalNote), PdfStyle::kBody);
    }
    doc_.Space(30);
    PdfTable facts;
    facts.widths = {1, 2};
    facts.row_headers = true;
    facts.rows = {
        {{Tr(loc_, "Year"), std::to_string(d_.round.year)}},
        {{Tr(loc_, "Instrument"),
          in_.title.Get(o_.lang) + " (" + in_.id + " " + in_.version + ")"}},
        {{Tr(loc_, "Round ID"), std::to_string(d_.round.id)}},
        {{TrC(loc_, "round status", "Status"),
          TrC(loc_, kRoundStatusContext, RoundStatusKey(d_.round.status))}},
        {{Tr(loc_, "Respondents"), std::to_string(d_.respondents.size())}},
        {{Tr(loc_, "Generated on"), o_.generated_on}},
    };
    doc_.Table(std::move(facts));
    doc_.Space(20);
    doc_.Paragraph(Tr(loc_,
                      "This report is a self-assessment made with METER by the respondents the "
                      "country's coordinator invited. Its readiness bands follow the thresholds of "
                      "the UN E-Government Development Index (25, 50, 75), but it is not that "
                      "index. Respondents are confidential: the report names none of them."),
                   PdfStyle::kSmall);
    doc_.PageBreak();
  }

  // "Eastern Africa, Africa": the UN M49 sub-region, then its region, each once.
  std::string Where() const {
    if (o_.region.empty() || o_.region == o_.subregion) return o_.subregion;
    if (o_.subregion.empty()) return o_.region;
    return Substitute(Tr(loc_, "{1}, {2}"), {o_.subregion, o_.region});
  }

  void Summary() {
    doc_.Heading(1, Tr(loc_, "Executive summary"));
    const UnitScore* overall = d_.Unit("overall");
    const UnitScore *strongest = nullptr, *weakest = nullptr;
    for (const Pillar& p : in_.pillars) {
      const UnitScore* u = d_.Unit(p.id);
      if (!u || !u->score) continue;
      if (!strongest || *u->score > *strongest->score) strongest = u;
      if (!weakest || *u->score < *weakest->score) weakest = u;
    }
    std::string index = ScoreText(overall);
    if (overall && overall->band) index += " (" + BandText(overall) + ")";
    auto pillar = [&](const UnitScore* u) {
      return u ? Sentence(Labelled(u->id) + ": " + OneDecimal(u->score, o_.lang) + " (" +
                          BandText(u) + ")")
               : Tr(loc_, "insufficient data");
    };
    doc_.Paragraph(Substitute(Tr(loc_, "Overall index: {1}"), {index}), PdfStyle::kCoverLine);
    PdfTable facts;
    facts.widths = {2, 3};
    facts.row_headers = true;
    facts.rows = {
        {{Tr(loc_, "Coverage"),
          Dash(PercentOf(overall ? overall->coverage : std::nullopt, o_.lang))}},
        {{Tr(loc_, "DK rate"),
          Dash(PercentOf(overall ? overall->dk_rate : std::nullopt, o_.lang))}},
        {{Tr(loc_, "Respondents"), std::to_string(d_.respondents.size())}},
        {{Tr(loc_, "Strongest pillar"), pillar(strongest)}},
        {{Tr(loc_, "Weakest pillar"), pillar(weakest)}},
    };
    doc_.Table(std::move(facts));

    std::vector<const UnitScore*> gapped;
    for (const UnitScore& u : d_.report.units) {
      if ((u.kind == UnitKind::kPillar || u.kind == UnitKind::kSubArea) && u.group_gap) {
        gapped.push_back(&u);
      }
    }
    std::stable_sort(gapped.begin(), gapped.end(),
                     [](auto* a, auto* b) { return *a->group_gap > *b->group_gap; });
    doc_.Heading(2, Tr(loc_, "Largest awareness gaps"));
    if (gapped.empty()) {
      doc_.Paragraph(Tr(loc_, "Gaps need scores from at least two groups."), PdfStyle::kMuted);
    } else {
      doc_.Paragraph(Tr(loc_,
                        "Where groups judge the same thing very differently, some of them do not "
                        "know what is in place, or do not see it working."));
      std::vector<std::string> items;
      for (size_t i = 0; i < gapped.size() && i < 5; ++i) {
        const UnitScore& u = *gapped[i];
        std::string detail;
        for (size_t g = 0; g < d_.report.groups.size() && g < u.group_scores.size(); ++g) {
          if (!u.group_scores[g]) continue;
          detail += (detail.empty() ? "" : " · ") +
                    Substitute(TrC(loc_, "a respondent group and its score", "{1}: {2}"),
                               {Tr(loc_, d_.report.groups[g].name.c_str()),
                                OneDecimal(u.group_scores[g], o_.lang)});
        }
        items.push_back(
            Sentence(Substitute(Tr(loc_, "{1}: a gap of {2} points ({3})"),
                                {Labelled(u.id), OneDecimal(u.group_gap, o_.lang), detail})));
      }
      doc_.Bullets(std::move(items));
    }
    doc_.Heading(2, Tr(loc_, "First priorities"));
    std::vector<std::string> first;
    for (const RoadmapItem& r : d_.roadmap) {
      if (first.size() == 3) break;
      first.push_back(
          Sentence(Substitute(Tr(loc_, "{1}: score {2} ({3})"),
                              {Labelled(r.item.subarea), OneDecimal(r.item.score, o_.lang),
                               r.item.band ? Tr(loc_, BandName(*r.item.band)) : ""})));
    }
    if (first.empty()) {
      doc_.Paragraph(Tr(loc_, "Every sub-area has reached its target."), PdfStyle::kMuted);
    } else {
      doc_.Bullets(std::move(first));
    }
    if (!d_.plan.measure_first.empty()) {
      doc_.Paragraph(Substitute(Tr(loc_,
                                   "Sub-areas with too few answers for a score, to measure "
                                   "first: {1}."),
                                {MeasureFirstList()}));
    }
  }

  std::string MeasureFirstList() const {
    std::string out;
    for (const WayForwardItem& i : d_.plan.measure_first)
      out += (out.empty() ? "" : ", ") + i.subarea;
    return out;
  }

  // Each chart's alternative text, for a reader who cannot see it: what it shows, then its
  // numbers as the chart's own description states them.
  void Charts() {
    doc_.PageBreak();
    doc_.Heading(1, Tr(loc_, "Charts"));
    Chart(RadarChartWithTargets(in_, d_.report, loc_, o_.lang, d_.targets),
          Tr(loc_, "Pillar scores"),
          Tr(loc_,
             "A radar chart of the score of each pillar, from 0 at the centre to 100 at the rim, "
             "beside the coordinator's targets."));
    Chart(GroupHeatmap(in_, d_.report, loc_, o_.lang), Tr(loc_, "Scores by group and pillar"),
          Tr(loc_,
             "A grid of the score that each group of respondents gives each pillar, coloured by "
             "readiness band."));
    Chart(SubAreaBarChart(in_, d_.report, loc_, o_.lang), Tr(loc_, "Sub-area scores"),
          Tr(loc_,
             "A bar chart of the score of each sub-area, grouped by pillar, with the band "
             "thresholds 25, 50 and 75 marked."));
  }
  void Chart(std::string svg, std::string caption, const std::string& what) {
    const std::string numbers = ChartDescription(svg);
    doc_.Figure(std::move(svg), std::move(caption),
                Sentence(numbers.empty() ? what : what + " " + numbers));
  }

  void Scores() {
    doc_.PageBreak();
    doc_.Heading(1, Tr(loc_, "Scores of every pillar and sub-area"));
    doc_.Paragraph(Tr(loc_,
                      "A score is withheld (\"insufficient data\") when fewer than half of the "
                      "answers it needs were given. \"Don't know\" and \"not applicable\" never "
                      "count as zero."),
                   PdfStyle::kMuted);
    PdfTable t;
    t.widths = {7, 40, 10, 11, 10, 11, 11};
    t.numeric = {false, false, true, true, true, false, true};
    t.header = {Tr(loc_, "Unit"),     TrC(loc_, "name of a pillar, sub-area or statement", "Name"),
                Tr(loc_, "Score"),    Tr(loc_, "Coverage"),
                Tr(loc_, "DK rate"),  Tr(loc_, "Band"),
                Tr(loc_, "Group gap")};
    for (const UnitScore& u : d_.report.units) {
      if (u.kind == UnitKind::kStatement) continue;
      t.rows.push_back({{u.kind == UnitKind::kOverall ? "" : u.id, Name(u.id), ScoreText(&u),
                         PercentOf(u.coverage, o_.lang), PercentOf(u.dk_rate, o_.lang),
                         BandText(&u), OneDecimal(u.group_gap, o_.lang)},
                        u.kind != UnitKind::kSubArea});
    }
    doc_.Table(std::move(t));
  }

  void WayForward() {
    doc_.PageBreak();
    doc_.Heading(1, Tr(loc_, "Way Forward"));
    doc_.Paragraph(Tr(loc_,
                      "Sub-areas are ranked by priority: how far each is below its pillar's "
                      "target, as a share of that target, times its weight. A pillar without a "
                      "target aims at 100, so its sub-areas rank by (100 − score) × weight. No "
                      "sub-area is scheduled before its prerequisites."));
    if (!d_.plan.measure_first.empty()) {
      doc_.Heading(2, Tr(loc_, "Measure first"));
      doc_.Paragraph(Tr(loc_,
                        "These sub-areas have too few answers for a score. A high \"don't know\" "
                        "rate is itself a finding: the people who should know do not."));
      PdfTable t;
      t.widths = {8, 50, 14, 14};
      t.numeric = {false, false, true, true};
      t.header = {Tr(loc_, "Sub-area"),
                  TrC(loc_, "name of a pillar, sub-area or statement", "Name"),
                  Tr(loc_, "Coverage"), Tr(loc_, "DK rate")};
      for (const WayForwardItem& i : d_.plan.measure_first) {
        const UnitScore* u = d_.Unit(i.subarea);
        t.rows.push_back(
            {{i.subarea, Name(i.subarea), PercentOf(u ? u->coverage : std::nullopt, o_.lang),
              PercentOf(i.dk_rate, o_.lang)}});
      }
      doc_.Table(std::move(t));
    }
    if (d_.roadmap.empty()) {
      doc_.Paragraph(Tr(loc_, "Every sub-area has reached its target."));
      return;
    }
    for (int phase = 1; phase <= kPhaseCount; ++phase) {
      bool any = false;
      for (const RoadmapItem& r : d_.roadmap) {
        if (r.phase != phase) continue;
        if (!any) doc_.Heading(2, Tr(loc_, PhaseName(phase)));
        any = true;
        const WayForwardItem& i = r.item;
        doc_.Heading(3, Labelled(i.subarea));
        doc_.Paragraph(Sentence(Render(i.reason, TranslatorFor(loc_), o_.lang)));
        std::string after;
        for (const std::string& p : i.after) after += (after.empty() ? "" : ", ") + p;
        const std::string facts = Substitute(
            after.empty() ? Tr(loc_, "Score {1} ({2}), target {3}, priority {4}")
                          : Tr(loc_, "Score {1} ({2}), target {3}, priority {4}, after {5}"),
            {OneDecimal(i.score, o_.lang), i.band ? Tr(loc_, BandName(*i.band)) : "",
             OneDecimal(i.target, o_.lang), OneDecimal(i.priority, o_.lang), after});
        doc_.Paragraph(Sentence(facts), PdfStyle::kMuted);
        const SubArea* s = in_.FindSubArea(i.subarea);
        if (s && i.band) {
          std::vector<std::string> actions;
          for (const LocalizedText& a : s->actions[static_cast<int>(*i.band)]) {
            actions.push_back(a.Get(o_.lang));
          }
          doc_.Bullets(std::move(actions));
        }
        Knowledge(i.subarea);
      }
    }
  }

  // The first lessons and case studies of the knowledge base about a sub-area, titled in the
  // report's language where they have a title in it, and how many more there are.
  void Knowledge(const std::string& subarea) {
    constexpr size_t kListed = 3;
    const std::vector<KnowledgeSummary> about = KnowledgeAbout(d_.knowledge, subarea, o_.lang);
    if (about.empty()) return;
    doc_.Paragraph(Tr(loc_, "Lessons and case studies"), PdfStyle::kStrong);
    std::vector<std::string> items;
    for (size_t k = 0; k < about.size() && k < kListed; ++k) {
      // TRANSLATORS: a knowledge entry's title and its kind: "X-Road (Case study)".
      const std::string item = Tr(loc_, "{1} ({2})");
      items.push_back(
          Substitute(item, {about[k].Title(o_.lang), Tr(loc_, KnowledgeKindName(about[k].kind))}));
    }
    doc_.Bullets(std::move(items));
    if (about.size() > kListed) {
      doc_.Paragraph(Substitute(Tr(loc_,
                                   "More lessons and case studies on this sub-area in "
                                   "METER's knowledge base: {1}"),
                                {std::to_string(about.size() - kListed)}),
                     PdfStyle::kMuted);
    }
  }

  void Roadmap() {
    doc_.Heading(1, Tr(loc_, "Roadmap"));
    if (d_.roadmap.empty()) {
      doc_.Paragraph(Tr(loc_, "Every sub-area has reached its target."));
      return;
    }
    PdfTable t;
    t.widths = {25, 37, 9, 18, 11};
    t.numeric = {false, false, true, false, false};
    t.header = {Tr(loc_, "Phase"), Tr(loc_, "Sub-area"), Tr(loc_, "Priority"), Tr(loc_, "Owner"),
                Tr(loc_, "Due date")};
    for (const RoadmapItem& r : d_.roadmap) {
      std::string phase = Tr(loc_, PhaseName(r.phase));
      if (r.moved()) phase = Substitute(Tr(loc_, "{1} (moved by the coordinator)"), {phase});
      t.rows.push_back({{phase, Labelled(r.item.subarea), OneDecimal(r.item.priority, o_.lang),
                         Dash(r.owner), Dash(r.due)}});
    }
    doc_.Table(std::move(t));
  }

  void Targets() {
    doc_.Heading(1, Tr(loc_, "Targets"));
    doc_.Paragraph(
        d_.targets.empty()
            ? Tr(loc_, "No targets are set: the Way Forward aims at 100 in every pillar.")
            : Tr(loc_,
                 "The coordinator's target for each pillar; a pillar without a "
                 "target aims at 100."),
        PdfStyle::kMuted);
    PdfTable t;
    t.widths = {40, 15, 15, 15};
    t.numeric = {false, true, true, true};
    t.header = {Tr(loc_, "Pillar"), Tr(loc_, "Score"), Tr(loc_, "Target"),
                Tr(loc_, "Points to go")};
    for (const Pillar& p : in_.pillars) {
      const UnitScore* u = d_.Unit(p.id);
      const auto target = d_.targets.find(p.id);
      const bool has = target != d_.targets.end();
      std::string to_go = "—";
      if (has && u && u->score)
        to_go = OneDecimal(std::max(0.0, target->second - *u->score), o_.lang);
      t.rows.push_back(
          {{Labelled(p.id), ScoreText(u), has ? OneDecimal(target->second, o_.lang) : "—", to_go}});
    }
    doc_.Table(std::move(t));
  }

  void Benchmarks() {
    doc_.Heading(1, Tr(loc_, "Benchmarks"));
    if (o_.benchmarks.empty()) {
      doc_.Paragraph(Tr(loc_,
                        "No benchmark yet: an average is shown only when published rounds of at "
                        "least 3 other countries form its group (the sub-region, the region or all "
                        "other countries)."),
                     PdfStyle::kMuted);
      return;
    }
    doc_.Paragraph(Tr(loc_,
                      "This round's scores beside the averages of the published rounds of other "
                      "countries."),
                   PdfStyle::kMuted);
    PdfTable t;
    t.widths = {7, 33, 12};
    t.numeric = {false, false, true};
    t.header = {Tr(loc_, "Unit"), TrC(loc_, "name of a pillar, sub-area or statement", "Name"),
                Tr(loc_, "This round")};
    for (const ReportBenchmark& b : o_.benchmarks) {
      t.widths.push_back(16);
      t.numeric.push_back(true);
      t.header.push_back(b.label);
    }
    for (const UnitScore& u : d_.report.units) {
      if (u.kind == UnitKind::kStatement) continue;
      PdfTable::Row row{{u.kind == UnitKind::kOverall ? "" : u.id, Name(u.id), ScoreText(&u)},
                        u.kind != UnitKind::kSubArea};
      for (const ReportBenchmark& b : o_.benchmarks) {
        const auto it = b.scores.find(u.id);
        row.cells.push_back(it == b.scores.end() ? "—" : OneDecimal(it->second, o_.lang));
      }
      t.rows.push_back(std::move(row));
    }
    doc_.Table(std::move(t));
  }

  // The UN E-Government Survey's figures of the country (issue 14), when METER holds them: a
  // different, external measure on its own 0–1 scale, never converted into METER's index.
  void Survey() {
    if (d_.egdi.empty()) return;
    doc_.Heading(1, Tr(loc_, "UN E-Government Survey"));
    doc_.Paragraph(
        Tr(loc_,
           "A different, external measure: the United Nations E-Government Development Index "
           "(EGDI) and the indices it is made of, each on its own scale from 0 to 1, as the "
           "survey of UN DESA published them. It is not converted into METER's index, and the two "
           "cannot be compared point for point. A dash means the survey published no figure."),
        PdfStyle::kMuted);
    PdfTable t;
    t.widths = {9, 10, 9, 16, 16, 24, 16};
    t.numeric = {false, true, true, true, true, true, true};
    t.header = {Tr(loc_, "Year"),           Tr(loc_, "EGDI"),
                Tr(loc_, "Rank"),           Tr(loc_, "Online Service"),
                Tr(loc_, "Human Capital"),  Tr(loc_, "Telecommunication Infrastructure"),
                Tr(loc_, "E-Participation")};
    for (const EgdiRow& r : d_.egdi) {
      t.rows.push_back(
          {{std::to_string(r.year), EgdiFigure(r.egdi, o_.lang),
            r.rank ? std::to_string(*r.rank) : "—", EgdiFigure(r.osi, o_.lang),
            EgdiFigure(r.hci, o_.lang), EgdiFigure(r.tii, o_.lang), EgdiFigure(r.epi, o_.lang)},
           false});
    }
    doc_.Table(std::move(t));
  }

  void StatementAnnex() {
    doc_.PageBreak();
    doc_.Heading(1, Tr(loc_, "Annex A: the score of every statement"));
    for (const Pillar& p : in_.pillars) {
      doc_.Heading(2, Labelled(p.id));
      PdfTable t;
      t.widths = {11, 53, 13, 12, 11};
      t.numeric = {false, false, true, true, true};
      t.header = {Tr(loc_, "Statement"), Tr(loc_, "Text"), Tr(loc_, "Score"), Tr(loc_, "Coverage"),
                  Tr(loc_, "DK rate")};
      for (const SubArea& s : p.subareas) {
        t.rows.push_back({{s.id, s.name.Get(o_.lang), ScoreText(d_.Unit(s.id)), "", ""}, true});
        for (const Statement& st : s.statements) {
          const UnitScore* u = d_.Unit(st.id);
          t.rows.push_back({{st.id, st.text.Get(o_.lang), ScoreText(u),
                             PercentOf(u ? u->coverage : std::nullopt, o_.lang),
                             PercentOf(u ? u->dk_rate : std::nullopt, o_.lang)}});
        }
      }
      doc_.Table(std::move(t));
    }
  }

  void CommentAnnex() {
    doc_.PageBreak();
    doc_.Heading(1, Tr(loc_, "Annex B: what respondents wrote"));
    doc_.Paragraph(Tr(loc_,
                      "Every comment and evidence link as the respondent wrote it, by statement. "
                      "Respondents are not named; only their group is shown."),
                   PdfStyle::kMuted);
    std::map<Id, const Respondent*> who;
    for (const Respondent& r : d_.respondents) who[r.id] = &r;
    std::vector<const StoredAnswer*> answers;
    for (const StoredAnswer& a : d_.answers) {
      if ((!a.comment.empty() || !a.evidence_url.empty()) && in_.StatementIndex(a.statement) >= 0) {
        answers.push_back(&a);
      }
    }
    std::stable_sort(answers.begin(), answers.end(), [&](auto* a, auto* b) {
      return std::pair(in_.StatementIndex(a->statement), a->respondent_id) <
             std::pair(in_.StatementIndex(b->statement), b->respondent_id);
    });
    if (answers.empty()) {
      doc_.Paragraph(Tr(loc_, "No respondent left a comment."));
      return;
    }
    PdfTable t;
    t.widths = {11, 20, 69};
    t.header = {Tr(loc_, "Statement"), Tr(loc_, "Group"), Tr(loc_, "Comment")};
    for (const StoredAnswer* a : answers) {
      const auto r = who.find(a->respondent_id);
      const std::string group = r == who.end() ? "" : Tr(loc_, r->second->group.c_str());
      std::string text = a->comment;
      if (!a->evidence_url.empty()) {
        text +=
            (text.empty() ? "" : "\n") + Substitute(Tr(loc_, "Evidence: {1}"), {a->evidence_url});
      }
      t.rows.push_back({{a->statement, group, text}});
    }
    doc_.Table(std::move(t));
  }

  const RoundDossier& d_;
  const Instrument& in_;
  const CountryReportOptions& o_;
  const std::locale& loc_;
  PdfDocument doc_;
};

}  // namespace

PdfDocument CountryReportDocument(const RoundDossier& dossier,
                                  const CountryReportOptions& options) {
  return Builder(dossier, options).Build();
}

Result<std::string> CountryReportPdf(const RoundDossier& dossier,
                                     const CountryReportOptions& options) {
  return CountryReportDocument(dossier, options).Render();
}

}  // namespace meter
