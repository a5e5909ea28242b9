#include "core/questionnaire.h"

#include <algorithm>
#include <set>

#include "core/limits.h"
#include "core/text_rules.h"

namespace meter {
namespace {

bool Asked(const Respondent& r, const std::string& pillar) {
  return r.pillars.empty() ||
         std::find(r.pillars.begin(), r.pillars.end(), pillar) != r.pillars.end();
}

bool IsHttpUrl(const std::string& url) {
  const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  return scheme && url.find_first_of(" \t\r\n\"<>") == std::string::npos && url.size() > 8;
}

}  // namespace

std::vector<QuestionnairePage> PagesFor(const Instrument& instrument,
                                        const Respondent& respondent) {
  std::vector<QuestionnairePage> pages;
  for (const Pillar& p : instrument.pillars) {
    if (!Asked(respondent, p.id)) continue;
    for (const SubArea& s : p.subareas) pages.push_back({&p, &s});
  }
  return pages;
}

Result<bool> CheckAnswer(const Instrument& instrument, const Respondent& respondent,
                         const AnswerWrite& w) {
  const int index = instrument.StatementIndex(w.statement);
  if (index < 0) {
    return Error::Of(ErrorCode::kInvalidInput, "statement",
                     METER_N("unknown statement '{1}'; it is not in instrument {2} {3}"),
                     {w.statement, instrument.id, instrument.version});
  }
  std::vector<Problem> problems;
  const StatementPlace& place = instrument.statements()[index];
  if (!Asked(respondent, instrument.pillars[place.pillar].id)) {
    problems.push_back({w.statement,
                        METER_N("statement {1} is not in the pillars you were asked about"),
                        {w.statement}});
  }
  const AnswerSet& set = instrument.AnswerSetOf(*place.statement);
  if (!w.value.empty() && w.value != "DK" && w.value != "NA" && set.LevelIndex(w.value) < 0) {
    problems.push_back(
        {w.statement, METER_N("'{1}' is not an answer to statement {2}"), {w.value, w.statement}});
  }
  for (auto [text, shape] :
       {std::pair{&w.value, TextShape::kLine}, std::pair{&w.comment, TextShape::kLines},
        std::pair{&w.evidence_url, TextShape::kLine}}) {
    if (auto problem = TextProblem(w.statement, *text, shape)) {
      problems.push_back(std::move(*problem));
      return Error{ErrorCode::kInvalidInput, std::move(problems)};
    }
  }
  if (CountCharacters(w.comment) > kMaxCommentLength) {
    problems.push_back(CountProblem(w.statement,
                                    METER_NP("the comment is longer than {1} character",
                                             "the comment is longer than {1} characters"),
                                    kMaxCommentLength, {std::to_string(kMaxCommentLength)}));
  }
  if (!w.evidence_url.empty() &&
      (CountCharacters(w.evidence_url) > kMaxEvidenceLinkLength || !IsHttpUrl(w.evidence_url))) {
    problems.push_back(CountProblem(
        w.statement,
        METER_NP("the evidence link must be a web address starting with https:// or http://, of "
                 "at most {1} character",
                 "the evidence link must be a web address starting with https:// or http://, of "
                 "at most {1} characters"),
        static_cast<long>(kMaxEvidenceLinkLength), {std::to_string(kMaxEvidenceLinkLength)}));
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  return true;
}

std::vector<std::pair<std::string, Progress>> ProgressByPillar(
    const Instrument& instrument, const Respondent& respondent,
    const std::vector<StoredAnswer>& answers) {
  // Answered statements counted by pillar index; an answer to a statement the instrument does not
  // have counts nowhere.
  std::vector<size_t> answered(instrument.pillars.size(), 0);
  for (const StoredAnswer& a : answers) {
    const int index = a.value.empty() ? -1 : instrument.StatementIndex(a.statement);
    if (index >= 0) ++answered[instrument.statements()[index].pillar];
  }
  std::vector<std::pair<std::string, Progress>> out;
  for (size_t i = 0; i < instrument.pillars.size(); ++i) {
    const Pillar& p = instrument.pillars[i];
    if (!Asked(respondent, p.id)) continue;
    Progress progress;
    for (const SubArea& s : p.subareas) progress.total += s.statements.size();
    progress.answered = answered[i];
    out.emplace_back(p.id, progress);
  }
  return out;
}

Progress ProgressOf(const Instrument& instrument, const Respondent& respondent,
                    const std::vector<StoredAnswer>& answers) {
  Progress total;
  for (const auto& [pillar, p] : ProgressByPillar(instrument, respondent, answers)) {
    total.answered += p.answered;
    total.total += p.total;
  }
  return total;
}

Progress ProgressOf(const Instrument& instrument, const Respondent& respondent) {
  Progress progress;
  for (const Pillar& p : instrument.pillars) {
    if (!Asked(respondent, p.id)) continue;
    for (const SubArea& s : p.subareas) progress.total += s.statements.size();
  }
  progress.answered = std::min(respondent.answered, progress.total);
  return progress;
}

}  // namespace meter
