#include "core/answers_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/csv.h"
#include "core/limits.h"
#include "core/respondent_table.h"
#include "core/text_rules.h"
#include "core/utf8.h"

namespace meter {
namespace {

// Hash maps keyed by std::string that can be searched with a string_view without a copy.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IndexByName = std::unordered_map<std::string, uint32_t, ViewHash, std::equal_to<>>;

enum Column { kRespondent, kGroup, kStatement, kAnswer, kComment, kColumnCount };

// A respondent problem, kept until the end of a reading: it stands only if the table still
// follows the respondent then (otherwise a later reading finds it again).
struct Pending {
  uint64_t hash;
  size_t line;
  Problem problem;
};

// In a text checked for control characters, a byte below 0x20 is a tab or a line break.
bool HasLineBreakOrTab(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

// The checks of one record, in the order the format gives (answers_csv.h), and what a record
// adds to the sink.
class RowChecker {
 public:
  RowChecker(const Instrument& instrument, const std::vector<Group>* declared, AnswerSink& sink,
             CsvProblems& problems, size_t respondent_budget)
      : instrument_(instrument),
        declared_(declared != nullptr),
        sink_(sink),
        problems_(problems),
        respondents_(instrument.statements().size(), respondent_budget) {
    for (size_t i = 0; i < instrument.statements().size(); ++i) {
      statements_.emplace(instrument.statements()[i].statement->id, static_cast<uint32_t>(i));
      statement_ids_.push_back(instrument.statements()[i].statement->id);
    }
    BuildLevelTables();
    if (declared) {
      for (const Group& g : *declared) {
        groups_.emplace(g.name, static_cast<uint32_t>(group_list_.size()));
        group_list_.push_back(g);
      }
    }
  }

  void Add(const std::vector<std::string_view>& f, const std::vector<size_t>& col, size_t line);
  bool full() const { return problems_.full() || pending_.size() > kMaxAnswerProblems; }
  // Ends a reading: the respondent problems that stand, to merge with the others.
  CsvProblems EndReading();
  // Starts another reading for the respondents left out, if any: only their checks run.
  bool NextReading();
  std::vector<Group> TakeGroups() { return std::move(group_list_); }

 private:
  int StatementOf(std::string_view id);
  int64_t GroupOf(std::string_view name, bool same_as_last, size_t line);
  uint32_t RespondentOf(std::string_view id, bool same_as_last, uint32_t group, size_t line,
                        bool& conflict);
  int AnswerOf(std::string_view answer, int statement, size_t line);
  void BuildLevelTables();
  void RowProblem(size_t line, std::string message, std::vector<std::string> args = {});

  const Instrument& instrument_;
  bool declared_;
  AnswerSink& sink_;
  CsvProblems& problems_;
  bool first_reading_ = true;
  IndexByName statements_;
  std::vector<std::string_view> statement_ids_;  // by index, side by side for the next-one test
  IndexByName groups_;
  std::vector<Group> group_list_;
  RespondentTable respondents_;
  std::vector<Pending> pending_;
  // The level index of each one-byte ASCII code of a scale (-1: not a code of it), one table per
  // scale, and each statement's table: the usual answer found without comparing strings.
  std::vector<std::array<int8_t, 128>> level_tables_;
  std::vector<uint32_t> level_table_of_;
  int last_statement_ = -1;
  std::string last_group_name_;  // as the file gives it (empty for the default group)
  int64_t last_group_ = -1;
  std::string last_id_;  // the respondent of the last record, to skip the lookups on the next
  uint64_t last_hash_ = 0;
  uint32_t last_respondent_ = RespondentTable::kNotFollowed;
  size_t last_generation_ = SIZE_MAX;
};

void RowChecker::RowProblem(size_t line, std::string message, std::vector<std::string> args) {
  if (first_reading_) problems_.Add(line, std::move(message), std::move(args));
}

// Files are usually ordered by statement, so the next statement is tried before the hash map.
int RowChecker::StatementOf(std::string_view id) {
  const auto next = static_cast<size_t>(last_statement_ + 1);
  if (next < statement_ids_.size() && statement_ids_[next] == id)
    return last_statement_ = static_cast<int>(next);
  auto it = statements_.find(id);
  if (it == statements_.end()) return -1;
  return last_statement_ = static_cast<int>(it->second);
}

// `same_as_last`: the name is the last record's (Add compares it once for all its uses).
int64_t RowChecker::GroupOf(std::string_view name, bool same_as_last, size_t line) {
  if (last_group_ >= 0 && same_as_last) return last_group_;
  const std::string_view given = name;
  if (name.empty()) name = kDefaultGroup;
  int64_t found = -1;
  if (auto it = groups_.find(name); it != groups_.end()) {
    found = it->second;
  } else if (declared_) {
    RowProblem(line, METER_N("group '{1}' is not declared in the groups file"),
               {std::string(name)});
    return -1;
  } else {
    found = static_cast<int64_t>(group_list_.size());
    groups_.emplace(std::string(name), static_cast<uint32_t>(found));
    group_list_.push_back({std::string(name), 1});
  }
  last_group_name_.assign(given);
  return last_group_ = found;
}

// The respondent's index in the table, or kNotFollowed for a respondent another reading checks;
// `conflict` when it is in another group than on its first line.
uint32_t RowChecker::RespondentOf(std::string_view id, bool same_as_last, uint32_t group,
                                  size_t line, bool& conflict) {
  conflict = false;
  if (!same_as_last || last_generation_ != respondents_.generation()) {
    if (!same_as_last) {
      last_id_.assign(id);
      last_hash_ = RespondentTable::Hash(id);
    }
    last_respondent_ = RespondentTable::kNotFollowed;
    if (respondents_.Follows(last_hash_)) {
      bool added = false;
      last_respondent_ = respondents_.FindOrAdd(id, last_hash_, group, line, added);
      if (added && first_reading_) sink_.Respondent(last_respondent_, id, group);
    }
    last_generation_ = respondents_.generation();
  }
  const uint32_t r = last_respondent_;
  if (r == RespondentTable::kNotFollowed) return r;
  const uint32_t first_group = respondents_.group(r);
  if (first_group != group) {
    pending_.push_back(
        {last_hash_, line,
         Problem{"",
                 METER_N("respondent '{1}' is in group '{2}' here but in group '{3}' on line {4}"),
                 {std::string(id), group_list_[group].name, group_list_[first_group].name,
                  std::to_string(respondents_.first_line(r))}}});
    conflict = true;
  }
  return r;
}

void RowChecker::BuildLevelTables() {
  std::unordered_map<const AnswerSet*, uint32_t> table_of_scale;
  for (const auto& flat : instrument_.statements()) {
    const AnswerSet* scale = &instrument_.AnswerSetOf(*flat.statement);
    auto [it, added] = table_of_scale.emplace(scale, static_cast<uint32_t>(level_tables_.size()));
    if (added) {
      auto& table = level_tables_.emplace_back();
      table.fill(-1);
      // A level index fits in int8_t: answers are int8_t (CheckedAnswer) with DK and NA below 0.
      for (size_t i = 0; i < scale->levels.size() && i <= INT8_MAX; ++i) {
        const std::string& code = scale->levels[i].code;
        const auto c = code.empty() ? 0x80u : static_cast<unsigned char>(code[0]);
        if (code.size() == 1 && c < 0x80 && table[c] < 0) table[c] = static_cast<int8_t>(i);
      }
    }
    level_table_of_.push_back(it->second);
  }
}

int RowChecker::AnswerOf(std::string_view answer, int statement, size_t line) {
  if (answer.size() == 1 && static_cast<unsigned char>(answer[0]) < 0x80) {
    const int level = level_tables_[level_table_of_[statement]][static_cast<size_t>(answer[0])];
    if (level >= 0) return level;
  }
  if (answer == "DK") return kDontKnow;
  if (answer == "NA") return kNotApplicable;
  const Statement& s = *instrument_.statements()[statement].statement;
  const AnswerSet& scale = instrument_.AnswerSetOf(s);
  const int level = scale.LevelIndex(answer);
  if (level >= 0) return level;
  std::string codes;
  for (const AnswerLevel& l : scale.levels) codes += (codes.empty() ? "" : ", ") + l.code;
  RowProblem(line, METER_N("unknown answer '{1}' for statement {2}; use one of {3}, DK or NA"),
             {std::string(answer), s.id, codes});
  return INT32_MIN;
}

void RowChecker::Add(const std::vector<std::string_view>& f, const std::vector<size_t>& col,
                     size_t line) {
  const std::string_view respondent = f[col[kRespondent]];
  const std::string_view statement_id = f[col[kStatement]];
  const std::string_view answer = f[col[kAnswer]];
  const int statement = StatementOf(statement_id);
  if (statement < 0) {
    RowProblem(line, METER_N("unknown statement '{1}'; it is not in instrument {2} {3}"),
               {std::string(statement_id), instrument_.id, instrument_.version});
    return;
  }
  if (respondent.empty()) {
    RowProblem(line, METER_N("the respondent is empty"));
    return;
  }
  // The file holds no control character but tabs and line breaks (CheckControlCharacters); only
  // a comment may hold those. The last record's respondent and group passed already.
  const std::string_view group_name = f[col[kGroup]];
  const bool same_respondent = respondent == last_id_;
  const bool same_group = group_name == last_group_name_;
  if ((!same_respondent && HasLineBreakOrTab(respondent)) ||
      (!same_group && HasLineBreakOrTab(group_name))) {
    RowProblem(line, METER_N("a respondent or group must be on one line, without tabs"));
    return;
  }
  const std::string_view comment = f[col[kComment]];
  if (comment.size() > kMaxCommentLength && CountCharacters(comment) > kMaxCommentLength) {
    if (first_reading_) {
      problems_.Add(line, CountProblem("",
                                       METER_NP("the comment is longer than {1} character",
                                                "the comment is longer than {1} characters"),
                                       kMaxCommentLength, {std::to_string(kMaxCommentLength)}));
    }
    return;
  }
  const int64_t group = GroupOf(group_name, same_group, line);
  if (group < 0) return;
  bool conflict = false;
  const uint32_t r =
      RespondentOf(respondent, same_respondent, static_cast<uint32_t>(group), line, conflict);
  if (conflict || answer.empty()) return;  // an empty answer: not answered
  const int value = AnswerOf(answer, statement, line);
  if (value == INT32_MIN) return;
  if (r != RespondentTable::kNotFollowed && !respondents_.MarkAnswered(r, statement)) {
    pending_.push_back({last_hash_, line,
                        Problem{"",
                                METER_N("respondent '{1}' answers statement {2} a second time"),
                                {std::string(respondent), std::string(statement_id)}}});
    return;
  }
  if (first_reading_) {
    sink_.Answer({r, static_cast<uint32_t>(group), static_cast<uint16_t>(statement),
                  static_cast<int8_t>(value), comment});
  }
}

CsvProblems RowChecker::EndReading() {
  CsvProblems standing(problems_.file(), kMaxAnswerProblems);
  for (Pending& p : pending_) {
    if (respondents_.Follows(p.hash)) standing.Add(p.line, std::move(p.problem));
  }
  pending_.clear();
  return standing;
}

bool RowChecker::NextReading() {
  if (!respondents_.NextShare()) return false;
  first_reading_ = false;
  last_id_.clear();
  last_generation_ = SIZE_MAX;
  last_statement_ = -1;
  return true;
}

// Where the first byte after `from` that the next read could change lies: before a UTF-8
// sequence cut short at the end of `buffer`, or a carriage return whose line feed may follow.
size_t SafeEnd(const char* buffer, size_t from, size_t end) {
  size_t lead = end;
  while (lead > from && end - lead < 3 &&
         (static_cast<unsigned char>(buffer[lead - 1]) & 0xC0) == 0x80)
    --lead;
  if (lead > from) {
    const auto c = static_cast<unsigned char>(buffer[lead - 1]);
    const size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (end - (lead - 1) < length) end = lead - 1;
  }
  if (end > from && buffer[end - 1] == '\r') --end;
  return end;
}

// One reading of the file: fills the buffer chunk by chunk, checks the new bytes (first reading
// only), splits the records and hands them to the checker.
class Reading {
 public:
  Reading(ByteSource& source, CsvProblems& problems, RowChecker& checker)
      : source_(source), problems_(problems), checker_(checker) {}

  enum class Outcome {
    kRead,          // to the end, or as far as the problems allow
    kBadBytes,      // not UTF-8, or a control character: the only problem
    kSourceFailed,  // error() says why
  };
  Outcome Run(bool check_bytes);
  const Error& error() const { return *error_; }

 private:
  bool Fill();
  bool CheckBytes(size_t from, size_t to);
  bool CheckMixedBytes(size_t from, size_t to);
  void Parse(size_t end, bool final);
  size_t LineAt(size_t at) const {
    return line_at_start_ +
           static_cast<size_t>(std::count(buffer_.get() + start_, buffer_.get() + at, '\n'));
  }

  ByteSource& source_;
  CsvProblems& problems_;
  RowChecker& checker_;
  std::optional<Error> error_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t filled_ = 0;
  size_t start_ = 0;          // the first byte not yet read into records (or, not parsing, seen)
  size_t checked_ = 0;        // bytes checked as UTF-8 without control characters
  size_t offset_ = 0;         // the file offset of buffer_[0]
  size_t line_at_start_ = 1;  // the line of buffer_[start_]
  bool eof_ = false;
  bool parsing_ = true;
  bool control_found_ = false;
  std::optional<CsvReader> reader_;
  std::optional<std::vector<size_t>> columns_;
  size_t width_ = 0;
  std::vector<std::string_view> fields_;
};

bool Reading::Fill() {
  if (start_ > 0) {  // keep the record in progress, drop the rest
    std::memmove(buffer_.get(), buffer_.get() + start_, filled_ - start_);
    offset_ += start_;
    filled_ -= start_;
    checked_ -= start_;
    start_ = 0;
  } else if (filled_ == capacity_) {  // a record longer than the buffer
    if (capacity_ >= kMaxAnswersRecord) return false;
    auto bigger = std::make_unique<char[]>(capacity_ * 2);
    std::memcpy(bigger.get(), buffer_.get(), filled_);
    buffer_ = std::move(bigger);
    capacity_ *= 2;
  }
  auto n = source_.Read(buffer_.get() + filled_, capacity_ - filled_);  // NOLINT: ok() below
  if (!n) {
    error_ = n.error();
    return false;
  }
  filled_ += n.value();
  eof_ = n.value() == 0;
  return true;
}

// Runs of plain ASCII pass at once; the rest is checked a line at a time (a line feed is never
// inside a UTF-8 sequence), so that one accented comment does not send the whole chunk through the
// slower checks.
bool Reading::CheckBytes(size_t from, size_t to) {
  while (from < to) {
    from += PlainAsciiPrefix(std::string_view(buffer_.get() + from, to - from));
    if (from == to) break;
    const auto* line_feed =
        static_cast<const char*>(std::memchr(buffer_.get() + from, '\n', to - from));
    const size_t end = line_feed ? static_cast<size_t>(line_feed - buffer_.get()) + 1 : to;
    if (!CheckMixedBytes(from, end)) return false;
    from = end;
  }
  return true;
}

bool Reading::CheckMixedBytes(size_t from, size_t to) {
  const std::string_view bytes(buffer_.get() + from, to - from);
  const size_t bad_utf8 = FindInvalidUtf8(bytes);
  if (bad_utf8 != std::string_view::npos) {
    problems_.Clear();
    problems_.Add(LineAt(from + bad_utf8),
                  METER_N("the file is not valid UTF-8 (byte {1}); save it as UTF-8 and try again"),
                  {std::to_string(offset_ + from + bad_utf8 + 1)});
    return false;
  }
  if (control_found_) return true;
  const size_t bad = FindForbiddenControl(bytes, TextShape::kLines);
  if (bad == std::string_view::npos) return true;
  // Reported alone, unless the file turns out not to be UTF-8 further on.
  problems_.Clear();
  // Line feeds before it (a later line), or after it in what was read: not an old Mac file.
  const size_t line = LineAt(from + bad);
  problems_.Add(line,
                ControlCharacterProblem(static_cast<unsigned char>(bytes[bad]),
                                        line > 1 || bytes.find('\n') != std::string_view::npos));
  control_found_ = true;
  parsing_ = false;
  return true;
}

void Reading::Parse(size_t end, bool final) {
  const std::string_view text(buffer_.get() + start_, end - start_);
  if (!reader_) {
    reader_.emplace(text, final);
  } else {
    reader_->Continue(text, final);
  }
  CsvReader& reader = *reader_;
  while (!checker_.full() && reader.Next(fields_)) {
    if (!columns_) {
      columns_ =
          HeaderColumns(fields_, reader.line(),
                        {"respondent", "group", "statement", "answer", "comment"}, problems_);
      if (!columns_) {
        parsing_ = false;
        return;
      }
      for (size_t c : *columns_) width_ = std::max(width_, c + 1);
      continue;
    }
    if (fields_.size() == 1 && fields_[0].empty()) continue;  // a blank line
    if (fields_.size() < width_) {
      problems_.Add(reader.line(),
                    CountProblem("",
                                 METER_NP("expected at least {1} field, found {2}",
                                          "expected at least {1} fields, found {2}"),
                                 static_cast<long>(width_),
                                 {std::to_string(width_), std::to_string(fields_.size())}));
      continue;
    }
    checker_.Add(fields_, *columns_, reader.line());
  }
  start_ += reader.consumed();
  line_at_start_ = reader.next_line();
  if (reader.error()) {
    problems_.Add(reader.line(), reader.error());
    parsing_ = false;
  } else if (checker_.full() || !reader.need_more()) {
    parsing_ = false;
    if (!columns_ && !checker_.full())
      problems_.Add(1, METER_N("the file is empty; it needs a header line"));
  }
}

Reading::Outcome Reading::Run(bool check_bytes) {
  capacity_ = kAnswersChunk;
  buffer_ = std::make_unique<char[]>(capacity_);
  bool at_start = true;  // until the first three bytes are there, to skip a byte-order mark
  while (true) {
    if (!Fill()) {
      if (error_) return Outcome::kSourceFailed;
      problems_.Add(line_at_start_, METER_N("the record is longer than {1} bytes"),
                    {std::to_string(kMaxAnswersRecord)});
      return Outcome::kRead;
    }
    if (at_start && (filled_ >= 3 || eof_)) {
      if (std::string_view(buffer_.get(), filled_).substr(0, 3) == "\xEF\xBB\xBF") {
        start_ = 3;  // a byte-order mark, as spreadsheets write
      }
      at_start = false;
    }
    const size_t end = eof_ ? filled_ : SafeEnd(buffer_.get(), checked_, filled_);
    if (check_bytes && !CheckBytes(checked_, end)) return Outcome::kBadBytes;
    checked_ = end;
    if (at_start) {
      continue;
    } else if (parsing_) {
      Parse(end, eof_);
    } else if (!check_bytes) {
      return Outcome::kRead;
    } else {  // only the bytes are checked now: drop what is checked, counting its lines
      line_at_start_ = LineAt(end);
      start_ = end;
    }
    if (eof_) return control_found_ ? Outcome::kBadBytes : Outcome::kRead;
  }
}

}  // namespace

Result<std::vector<Group>> ReadAnswers(ByteSource& source, std::string_view file_name,
                                       const Instrument& instrument,
                                       const std::vector<Group>* declared_groups, AnswerSink& sink,
                                       size_t respondent_budget) {
  CsvProblems problems(file_name, kMaxAnswerProblems);
  if (instrument.statements().size() > UINT16_MAX) {  // CheckedAnswer::statement is 16 bits
    problems.Add(0, METER_N("the instrument has more than 65535 statements"));
    return Error{ErrorCode::kInvalidInput, problems.Take()};
  }
  RowChecker checker(instrument, declared_groups, sink, problems, respondent_budget);
  bool check_bytes = true;
  while (true) {
    Reading reading(source, problems, checker);
    const Reading::Outcome outcome = reading.Run(check_bytes);
    if (outcome == Reading::Outcome::kSourceFailed) return reading.error();
    if (outcome == Reading::Outcome::kBadBytes) break;
    problems.Merge(checker.EndReading());
    if (problems.full() || !checker.NextReading()) break;
    if (auto rewound = source.Rewind(); !rewound) return rewound.error();
    check_bytes = false;
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return checker.TakeGroups();
}

}  // namespace meter
