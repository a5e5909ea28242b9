// The answers of one assessment, in the compact form scoring reads.
//
// Respondents and groups are numbered in order of first appearance; an answer row refers to them
// and to the instrument's statement index by number. A sheet is a plain value: build it, then share
// it read-only between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace meter {

// The special answers, stored where a level index would be.
inline constexpr int8_t kDontKnow = -1;
inline constexpr int8_t kNotApplicable = -2;

// The group a respondent without one belongs to.
inline constexpr const char* kDefaultGroup = "all";

struct Group {
  std::string name;
  double weight = 1;  // positive
};

struct AnswerRow {
  uint32_t respondent;  // index into AnswerSheet::respondents
  uint16_t statement;   // index into Instrument::statements()
  int8_t answer;        // a level index of the statement's answer set, kDontKnow or kNotApplicable
};

struct Comment {
  uint32_t row;  // index into AnswerSheet::rows
  std::string text;
};

struct AnswerSheet {
  std::vector<Group> groups;
  std::vector<std::string> respondents;
  std::vector<uint32_t> respondent_group;  // parallel to respondents: an index into groups
  std::vector<AnswerRow> rows;
  std::vector<Comment> comments;  // only rows with a comment, in row order
};

}  // namespace meter
