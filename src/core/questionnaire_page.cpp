#include "core/questionnaire_page.h"

#include <algorithm>
#include <unordered_map>

namespace meter {
namespace {

// The problems CheckAnswer finds in `write` with every field but one left empty, without their
// `where` (the statement, which the caller knows).
std::vector<Problem> FieldProblems(const Instrument& instrument, const Respondent& respondent,
                                   AnswerWrite write) {
  auto checked = CheckAnswer(instrument, respondent, write);
  if (checked) return {};
  std::vector<Problem> problems = checked.error().problems;
  for (Problem& p : problems) p.where.clear();
  return problems;
}

bool SameAsStored(const AnswerWrite& w, const StoredAnswer* s) {
  if (!s) return w.value.empty() && w.comment.empty() && w.evidence_url.empty();
  return s->value == w.value && s->comment == w.comment && s->evidence_url == w.evidence_url;
}

}  // namespace

bool PageSave::invalid() const {
  return std::any_of(refused.begin(), refused.end(),
                     [](const auto& entry) { return entry.second.invalid(); });
}

PageSave SortPostedPage(const Instrument& instrument, const Respondent& respondent,
                        const std::vector<AnswerWrite>& posted,
                        const std::vector<StoredAnswer>& stored) {
  std::unordered_map<std::string, const StoredAnswer*> by_statement;
  for (const StoredAnswer& a : stored) by_statement[a.statement] = &a;
  PageSave out;
  for (const AnswerWrite& w : posted) {
    auto found = by_statement.find(w.statement);
    const StoredAnswer* s = found == by_statement.end() ? nullptr : found->second;
    if (SameAsStored(w, s)) continue;
    AnswerRefusal refusal;
    AnswerWrite part{w.statement, w.value, "", "", 0};
    refusal.value = FieldProblems(instrument, respondent, part);
    part = {w.statement, "", w.comment, "", 0};
    refusal.comment = FieldProblems(instrument, respondent, part);
    part = {w.statement, "", "", w.evidence_url, 0};
    refusal.evidence = FieldProblems(instrument, respondent, part);
    const int64_t current = s ? s->version : 0;
    if (w.expected_version < 0) {
      // Malformed rather than stale: without the version it started from, the save could
      // overwrite an answer given elsewhere (the same rule as every versioned form).
      refusal.value.push_back({"",
                               METER_N("the form does not say which version it changes; open the "
                                       "page again, then make the change"),
                               {}});
    } else if (w.expected_version != current) {
      StoredAnswer now;
      if (s) now = *s;
      now.respondent_id = respondent.id;
      now.statement = w.statement;
      refusal.stale = now;
    }
    if (refusal.invalid() || refusal.stale) {
      out.refused[w.statement] = std::move(refusal);
    } else {
      out.writes.push_back(w);
    }
  }
  return out;
}

std::vector<LeftStatement> LeftToAnswer(const std::vector<QuestionnairePage>& pages,
                                        const std::vector<StoredAnswer>& answers) {
  std::unordered_map<std::string, const std::string*> value_of;
  for (const StoredAnswer& a : answers) value_of[a.statement] = &a.value;
  std::vector<LeftStatement> out;
  for (size_t i = 0; i < pages.size(); ++i) {
    for (const Statement& st : pages[i].subarea->statements) {
      auto found = value_of.find(st.id);
      const std::string none;
      const std::string& value = found == value_of.end() ? none : *found->second;
      if (value.empty() || value == "DK") out.push_back({i + 1, &st, value == "DK"});
    }
  }
  return out;
}

}  // namespace meter
