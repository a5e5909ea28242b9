// The one reader of answers CSV files (the format and every check: core/answers_csv.h), streaming:
// it reads the file from a ByteSource in chunks of kAnswersChunk bytes and hands each checked
// answer to a sink as it goes, so that what it holds does not grow with the file (a record may
// span chunks; UTF-8 and control characters are checked across their boundaries).
//
// Memory: the chunk (larger only for a record longer than a chunk, up to kMaxAnswersRecord), the
// groups, and the respondents followed to find one in two groups or a statement answered twice
// (core/respondent_table.h), at most about `respondent_budget` bytes. A file with more respondents
// than fit is read again for each further share of them; only those checks run again. The sink
// sees every answer once, in file order, during the first reading.
//
// Fails with kInvalidInput and the problems at "file:line" (at most kMaxAnswerProblems), with the
// source's own error when it cannot be read. The sink has then seen part of the file: its owner
// must drop what it built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/answers.h"
#include "core/byte_source.h"
#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

inline constexpr size_t kMaxAnswerProblems = 50;
inline constexpr size_t kAnswersChunk = size_t{256} << 10;
inline constexpr size_t kMaxAnswersRecord = size_t{4} << 20;

// A checked answer. `respondent` is the respondent's number in order of first appearance, with a
// budget of SIZE_MAX (every respondent followed); with a smaller budget it means nothing.
struct CheckedAnswer {
  uint32_t respondent;
  uint32_t group;      // an index into the groups ReadAnswers returns
  uint16_t statement;  // an index into Instrument::statements()
  int8_t answer;       // a level index of the statement's scale, kDontKnow or kNotApplicable
  std::string_view comment;
};

class AnswerSink {
 public:
  virtual ~AnswerSink() = default;
  // A respondent seen for the first time, even when all its answers are empty (numbered as in
  // CheckedAnswer).
  virtual void Respondent(uint32_t index, std::string_view id, uint32_t group) = 0;
  virtual void Answer(const CheckedAnswer& answer) = 0;
};

// The groups: `declared_groups` when given, else each group the file names with weight 1.
Result<std::vector<Group>> ReadAnswers(ByteSource& source, std::string_view file_name,
                                       const Instrument& instrument,
                                       const std::vector<Group>* declared_groups, AnswerSink& sink,
                                       size_t respondent_budget);

}  // namespace meter
