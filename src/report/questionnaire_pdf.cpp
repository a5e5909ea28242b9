// The printable questionnaire (questionnaire_workbook.h): the same statements as the workbook, a
// table per sub-area with a box to tick under each answer (the current answer ticked), and room
// for comments and evidence. Laid out by the country report's engine (pdf_document.h), so tagged
// the same way.
#include <map>

#include "core/languages.h"
#include "i18n/i18n.h"
#include "report/pdf_document.h"
#include "report/questionnaire_workbook.h"

namespace meter {
namespace {

constexpr const char* kBox = "\u2610";     // ☐
constexpr const char* kTicked = "\u2612";  // ☒

PdfTable SubAreaTable(const OfflineQuestionnaire& q, const SubArea& sa,
                      const std::map<std::string, const StoredAnswer*>& answers,
                      const std::locale& locale) {
  const std::string& lang = q.key.language;
  PdfTable t;
  const std::vector<AnswerChoice> header =
      AnswerChoices(q.instrument->AnswerSetOf(sa.statements.front()), lang);
  t.header = {Tr(locale, "ID"), Tr(locale, "Statement")};
  t.widths = {0.8, 5};
  for (const AnswerChoice& c : header) {
    t.header.push_back(c.label);
    t.widths.push_back(1.1);
  }
  t.row_headers = true;
  for (const Statement& st : sa.statements) {
    const auto it = answers.find(st.id);
    const StoredAnswer* a = it == answers.end() ? nullptr : it->second;
    PdfTable::Row row;
    std::string text = st.text.Get(lang);
    if (a && !a->comment.empty())
      text += "\n" + Substitute(Tr(locale, "Comment: {1}"), {a->comment});
    if (a && !a->evidence_url.empty()) {
      text += "\n" + Substitute(Tr(locale, "Evidence link: {1}"), {a->evidence_url});
    }
    row.cells = {st.id, text};
    // A statement whose set differs from the table's shows its own choices' boxes in order.
    for (const AnswerChoice& c : AnswerChoices(q.instrument->AnswerSetOf(st), lang)) {
      row.cells.push_back(a && a->value == c.code ? kTicked : kBox);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

Result<std::string> QuestionnairePdf(const OfflineQuestionnaire& q, const std::locale& locale) {
  const std::string& lang = q.key.language;
  PdfDocument doc(PdfInfo{q.title, Tr(locale, "METER questionnaire"), Tr(locale, "Page {1} of {2}"),
                          "", IsRightToLeft(lang), lang});
  doc.Paragraph(q.instrument->title.Get(lang) + " " + q.instrument->version, PdfStyle::kCoverTitle);
  doc.Paragraph(q.title, PdfStyle::kCoverLine);
  doc.Paragraph(Tr(locale,
                   "Tick one box for each statement: the level that describes your country "
                   "today, or \"don't know\" or \"not applicable\". Write comments and links to "
                   "evidence in the space below each table. The ticked boxes show the answers "
                   "saved when this copy was printed. Enter your answers on the web, or in the "
                   "workbook, to save them."));
  std::map<std::string, const StoredAnswer*> answers;
  for (const StoredAnswer& a : q.answers) answers[a.statement] = &a;
  for (const Pillar* pillar : OfflinePillars(*q.instrument, q.respondent)) {
    doc.Heading(1, pillar->id + " " + pillar->name.Get(lang));
    for (const SubArea& sa : pillar->subareas) {
      if (sa.statements.empty()) continue;
      doc.Heading(2, sa.id + " " + sa.name.Get(lang));
      doc.Table(SubAreaTable(q, sa, answers, locale));
      doc.Paragraph(Tr(locale, "Comments and evidence:"), PdfStyle::kMuted);
      doc.Space(48);
    }
  }
  return doc.Render();
}

}  // namespace meter
