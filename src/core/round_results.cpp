#include "core/round_results.h"

#include <map>

#include "core/csv.h"

namespace meter {

std::string RespondentLabel(Id id) { return "r" + std::to_string(id); }

AnswerSheet SheetOf(const Instrument& instrument, const Round& round,
                    const std::vector<Respondent>& respondents,
                    const std::vector<StoredAnswer>& answers) {
  AnswerSheet sheet;
  std::map<std::string, uint32_t> group_index;
  for (const RespondentGroup& g : round.groups) {
    group_index[g.name] = static_cast<uint32_t>(sheet.groups.size());
    sheet.groups.push_back({g.name, g.weight});
  }
  std::map<Id, uint32_t> respondent_index;
  for (const Respondent& r : respondents) {
    auto g = group_index.find(r.group);
    if (g == group_index.end()) continue;
    respondent_index[r.id] = static_cast<uint32_t>(sheet.respondents.size());
    sheet.respondents.push_back(RespondentLabel(r.id));
    sheet.respondent_group.push_back(g->second);
  }
  for (const StoredAnswer& a : answers) {
    auto r = respondent_index.find(a.respondent_id);
    const int s = instrument.StatementIndex(a.statement);
    if (r == respondent_index.end() || s < 0 || a.value.empty()) continue;
    int8_t value = kDontKnow;
    if (a.value == "NA") {
      value = kNotApplicable;
    } else if (a.value != "DK") {
      const int level =
          instrument.AnswerSetOf(*instrument.statements()[s].statement).LevelIndex(a.value);
      if (level < 0) continue;
      value = static_cast<int8_t>(level);
    }
    if (!a.comment.empty()) {
      sheet.comments.push_back({static_cast<uint32_t>(sheet.rows.size()), a.comment});
    }
    sheet.rows.push_back({r->second, static_cast<uint16_t>(s), value});
  }
  return sheet;
}

std::string AnswersCsvOf(const Instrument& instrument, const Round& round,
                         const std::vector<Respondent>& respondents,
                         const std::vector<StoredAnswer>& answers) {
  std::map<Id, const Respondent*> by_id;
  for (const Respondent& r : respondents) by_id[r.id] = &r;
  std::string out =
      "respondent,group,statement,answer,comment,evidence_url,round_id,instrument_id,"
      "instrument_version\n";
  const std::string tail = "," + std::to_string(round.id) + "," + CsvTextField(instrument.id) +
                           "," + CsvTextField(instrument.version) + "\n";
  for (const StoredAnswer& a : answers) {
    auto r = by_id.find(a.respondent_id);
    if (r == by_id.end()) continue;
    if (a.value.empty() && a.comment.empty() && a.evidence_url.empty()) continue;
    out += RespondentLabel(a.respondent_id) + "," + CsvField(r->second->group) + "," +
           CsvField(a.statement) + "," + CsvField(a.value) + "," + CsvTextField(a.comment) + "," +
           CsvTextField(a.evidence_url) + tail;
  }
  return out;
}

std::string GroupsCsvOf(const Round& round) {
  std::string out = "group,weight\n";
  for (const RespondentGroup& g : round.groups) {
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.17g", g.weight);
    out += CsvField(g.name) + "," + weight + "\n";
  }
  return out;
}

}  // namespace meter
