// The respondents an answers file has named so far, each with its group, the line where it first
// appeared and the statements it has answered: what finds a respondent in two groups and a
// respondent × statement answered twice (core/answers_reader.h).
//
// Memory is bounded: the table holds at most about `budget` bytes (each respondent costs its ID,
// 40 bytes and one bit per statement). It follows only the respondents whose ID hashes into its
// current share of the hash space, at first all of it; when the budget is reached it halves the
// share and forgets the respondents outside it. After a reading of the file, NextShare() moves on
// to the part of the hash space left out, for another reading of the same file; a file whose
// respondents fit is read once. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meter {

class RespondentTable {
 public:
  static constexpr uint32_t kNotFollowed = UINT32_MAX;
  // With room for 8 respondents more, what a budget is at least: every reading follows some.
  static constexpr size_t kMinBudget = 4096;

  RespondentTable(size_t statements, size_t budget);

  static uint64_t Hash(std::string_view id);
  bool Follows(uint64_t hash) const { return hash >= share_low_ && hash <= share_high_; }

  // The index of respondent `id` (followed: see Follows), added with `group` and `line` when new
  // (`added` tells). Returns kNotFollowed when adding it made the table halve its share and the
  // respondent is no longer followed. Indexes stay valid until an addition halves the share
  // (generation() changes) and, with an unlimited budget, forever: they are then the respondents'
  // order of first appearance.
  uint32_t FindOrAdd(std::string_view id, uint64_t hash, uint32_t group, size_t line, bool& added);
  std::string_view id(uint32_t r) const;
  uint32_t group(uint32_t r) const { return rows_[r].group; }
  size_t first_line(uint32_t r) const { return rows_[r].line; }
  // Marks statement `s` answered by respondent `r`; false when it already was.
  bool MarkAnswered(uint32_t r, size_t s);
  size_t generation() const { return generation_; }

  // Whether part of the hash space is left for another reading; moves on to it and empties the
  // table.
  bool NextShare();

 private:
  struct Row {
    uint64_t hash;
    size_t line;
    uint32_t id_offset;
    uint32_t id_length;
    uint32_t group;
  };
  size_t Bytes() const;
  void Insert(uint32_t r);
  void Grow();
  void HalveShare();

  size_t words_;  // 64-bit words of answered statements per respondent
  size_t budget_;
  uint64_t share_low_ = 0, share_high_ = UINT64_MAX;
  size_t generation_ = 0;
  std::vector<Row> rows_;
  std::vector<uint64_t> answered_;  // respondent × words_
  std::string ids_;
  std::vector<uint32_t> slots_;  // open addressing: a row index + 1, or 0 for an empty slot
};

}  // namespace meter
