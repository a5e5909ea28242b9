#include "core/answers_csv.h"

#include <cstdint>
#include <string>

namespace meter {
namespace {

// Keeps every answer: the sheet of ParseAnswersCsv.
class SheetSink : public AnswerSink {
 public:
  void Respondent(uint32_t /*index*/, std::string_view id, uint32_t group) override {
    sheet.respondents.emplace_back(id);
    sheet.respondent_group.push_back(group);
  }
  void Answer(const CheckedAnswer& a) override {
    if (!a.comment.empty()) {
      sheet.comments.push_back({static_cast<uint32_t>(sheet.rows.size()), std::string(a.comment)});
    }
    sheet.rows.push_back({a.respondent, a.statement, a.answer});
  }
  AnswerSheet sheet;
};

// Keeps the totals scoring reads, nothing per respondent.
class TotalsSink : public AnswerSink {
 public:
  explicit TotalsSink(const Instrument& instrument) : totals(instrument) {}
  void Respondent(uint32_t, std::string_view, uint32_t) override {}
  void Answer(const CheckedAnswer& a) override { totals.Add(a.statement, a.group, a.answer); }
  AnswerTotals totals;
};

}  // namespace

Result<AnswerSheet> ParseAnswersCsv(std::string_view text, std::string_view file_name,
                                    const Instrument& instrument,
                                    const std::vector<Group>* declared_groups) {
  TextSource source(text);
  SheetSink sink;
  auto groups = ReadAnswers(source, file_name, instrument, declared_groups, sink, SIZE_MAX);
  if (!groups) return groups.error();
  sink.sheet.groups = std::move(groups).value();
  return std::move(sink.sheet);
}

Result<ScoreReport> ScoreAnswersCsv(ByteSource& source, std::string_view file_name,
                                    const Instrument& instrument,
                                    const std::vector<Group>* declared_groups,
                                    size_t respondent_budget) {
  TotalsSink sink(instrument);
  auto groups =
      ReadAnswers(source, file_name, instrument, declared_groups, sink, respondent_budget);
  if (!groups) return groups.error();
  return Score(instrument, groups.value(), sink.totals);
}

}  // namespace meter
