#include "core/answers_csv.h"

#include <string>
#include <unordered_map>

#include "core/csv.h"
#include "core/limits.h"
#include "core/text_rules.h"

namespace meter {
namespace {

// Hash maps keyed by std::string that can be searched with a string_view without a copy.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IndexByName = std::unordered_map<std::string, uint32_t, ViewHash, std::equal_to<>>;

enum Column { kRespondent, kGroup, kStatement, kAnswer, kComment, kColumnCount };

class SheetBuilder {
 public:
  SheetBuilder(const Instrument& instrument, const std::vector<Group>* declared,
               CsvProblems& problems)
      : instrument_(instrument), declared_(declared != nullptr), problems_(problems) {
    for (size_t i = 0; i < instrument.statements().size(); ++i) {
      statements_.emplace(instrument.statements()[i].statement->id, static_cast<uint32_t>(i));
    }
    if (declared) {
      for (const Group& g : *declared) {
        groups_.emplace(g.name, static_cast<uint32_t>(sheet_.groups.size()));
        sheet_.groups.push_back(g);
      }
    }
  }

  void Add(const std::vector<std::string_view>& f, const std::vector<size_t>& col, size_t line);
  AnswerSheet Take() { return std::move(sheet_); }

 private:
  int StatementOf(std::string_view id);
  int64_t GroupOf(std::string_view name, size_t line);
  int64_t RespondentOf(std::string_view id, uint32_t group, size_t line);

  const Instrument& instrument_;
  bool declared_;
  CsvProblems& problems_;
  AnswerSheet sheet_;
  IndexByName statements_;
  IndexByName groups_;
  IndexByName respondents_;
  std::vector<size_t> respondent_line_;  // where each respondent first appeared
  std::vector<uint8_t> seen_;            // respondent × statement, to find duplicates
  int last_statement_ = -1;
  int64_t last_respondent_ = -1;
};

// Files are usually ordered by statement, so the next statement is tried before the hash map.
int SheetBuilder::StatementOf(std::string_view id) {
  const auto& all = instrument_.statements();
  const int next = last_statement_ + 1;
  if (next < static_cast<int>(all.size()) && all[next].statement->id == id)
    return last_statement_ = next;
  auto it = statements_.find(id);
  if (it == statements_.end()) return -1;
  return last_statement_ = static_cast<int>(it->second);
}

int64_t SheetBuilder::GroupOf(std::string_view name, size_t line) {
  if (name.empty()) name = kDefaultGroup;
  if (auto it = groups_.find(name); it != groups_.end()) return it->second;
  if (declared_) {
    problems_.Add(line, METER_N("group '{1}' is not declared in the groups file"),
                  {std::string(name)});
    return -1;
  }
  const auto index = static_cast<uint32_t>(sheet_.groups.size());
  groups_.emplace(std::string(name), index);
  sheet_.groups.push_back({std::string(name), 1});
  return index;
}

int64_t SheetBuilder::RespondentOf(std::string_view id, uint32_t group, size_t line) {
  if (last_respondent_ >= 0 && sheet_.respondents[last_respondent_] == id) {
    // fall through to the group check below
  } else if (auto it = respondents_.find(id); it != respondents_.end()) {
    last_respondent_ = it->second;
  } else {
    last_respondent_ = static_cast<int64_t>(sheet_.respondents.size());
    respondents_.emplace(std::string(id), static_cast<uint32_t>(last_respondent_));
    sheet_.respondents.emplace_back(id);
    sheet_.respondent_group.push_back(group);
    respondent_line_.push_back(line);
    seen_.resize(seen_.size() + instrument_.statements().size(), 0);
    return last_respondent_;
  }
  const uint32_t first_group = sheet_.respondent_group[last_respondent_];
  if (first_group != group) {
    problems_.Add(line,
                  METER_N("respondent '{1}' is in group '{2}' here but in group '{3}' on line {4}"),
                  {std::string(id), sheet_.groups[group].name, sheet_.groups[first_group].name,
                   std::to_string(respondent_line_[last_respondent_])});
    return -1;
  }
  return last_respondent_;
}

void SheetBuilder::Add(const std::vector<std::string_view>& f, const std::vector<size_t>& col,
                       size_t line) {
  const std::string_view respondent = f[col[kRespondent]];
  const std::string_view statement_id = f[col[kStatement]];
  const std::string_view answer = f[col[kAnswer]];
  const int statement = StatementOf(statement_id);
  if (statement < 0) {
    problems_.Add(line, METER_N("unknown statement '{1}'; it is not in instrument {2} {3}"),
                  {std::string(statement_id), instrument_.id, instrument_.version});
    return;
  }
  if (respondent.empty()) {
    problems_.Add(line, METER_N("the respondent is empty"));
    return;
  }
  // The file holds no control character but tabs and line breaks (CheckControlCharacters); only
  // a comment may hold those.
  for (const std::string_view one_line : {respondent, f[col[kGroup]]}) {
    if (one_line.find_first_of("\t\r\n") != std::string_view::npos) {
      problems_.Add(line, METER_N("a respondent or group must be on one line, without tabs"));
      return;
    }
  }
  const std::string_view comment = f[col[kComment]];
  if (comment.size() > kMaxCommentLength && CountCharacters(comment) > kMaxCommentLength) {
    problems_.Add(line, CountProblem("",
                                     METER_NP("the comment is longer than {1} character",
                                              "the comment is longer than {1} characters"),
                                     kMaxCommentLength, {std::to_string(kMaxCommentLength)}));
    return;
  }
  const int64_t group = GroupOf(f[col[kGroup]], line);
  if (group < 0) return;
  const int64_t r = RespondentOf(respondent, static_cast<uint32_t>(group), line);
  if (r < 0 || answer.empty()) return;  // an empty answer: not answered
  int8_t value;
  if (answer == "DK") {
    value = kDontKnow;
  } else if (answer == "NA") {
    value = kNotApplicable;
  } else {
    const Statement& s = *instrument_.statements()[statement].statement;
    const int level = instrument_.AnswerSetOf(s).LevelIndex(answer);
    if (level < 0) {
      std::string codes;
      for (const AnswerLevel& l : instrument_.AnswerSetOf(s).levels) {
        codes += (codes.empty() ? "" : ", ") + l.code;
      }
      problems_.Add(line,
                    METER_N("unknown answer '{1}' for statement {2}; use one of {3}, DK or NA"),
                    {std::string(answer), s.id, codes});
      return;
    }
    value = static_cast<int8_t>(level);
  }
  uint8_t& seen = seen_[static_cast<size_t>(r) * instrument_.statements().size() + statement];
  if (seen) {
    problems_.Add(line, METER_N("respondent '{1}' answers statement {2} a second time"),
                  {std::string(respondent), std::string(statement_id)});
    return;
  }
  seen = 1;
  if (!comment.empty()) {
    sheet_.comments.push_back({static_cast<uint32_t>(sheet_.rows.size()), std::string(comment)});
  }
  sheet_.rows.push_back({static_cast<uint32_t>(r), static_cast<uint16_t>(statement), value});
}

}  // namespace

Result<AnswerSheet> ParseAnswersCsv(std::string_view text, std::string_view file_name,
                                    const Instrument& instrument,
                                    const std::vector<Group>* declared_groups) {
  CsvProblems problems(file_name, kMaxAnswerProblems);
  if (instrument.statements().size() > UINT16_MAX) {  // AnswerRow::statement is 16 bits
    problems.Add(0, METER_N("the instrument has more than 65535 statements"));
    return Error{ErrorCode::kInvalidInput, problems.Take()};
  }
  if (!CheckUtf8(text, problems) || !CheckControlCharacters(text, problems))
    return Error{ErrorCode::kInvalidInput, problems.Take()};
  CsvReader reader(text);
  const auto columns =
      ReadHeader(reader, {"respondent", "group", "statement", "answer", "comment"}, problems);
  if (!columns) return Error{ErrorCode::kInvalidInput, problems.Take()};
  size_t width = 0;
  for (size_t c : *columns) width = std::max(width, c + 1);

  SheetBuilder builder(instrument, declared_groups, problems);
  std::vector<std::string_view> fields;
  while (!problems.full() && reader.Next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() < width) {
      problems.Add(reader.line(),
                   CountProblem("",
                                METER_NP("expected at least {1} field, found {2}",
                                         "expected at least {1} fields, found {2}"),
                                static_cast<long>(width),
                                {std::to_string(width), std::to_string(fields.size())}));
      continue;
    }
    builder.Add(fields, *columns, reader.line());
  }
  if (reader.error()) problems.Add(reader.line(), reader.error());
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return builder.Take();
}

}  // namespace meter
