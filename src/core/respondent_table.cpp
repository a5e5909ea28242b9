#include "core/respondent_table.h"

#include <algorithm>
#include <functional>

namespace meter {

RespondentTable::RespondentTable(size_t statements, size_t budget)
    : words_((statements + 63) / 64),
      budget_(std::max(budget, kMinBudget + 8 * (words_ * 8 + 64))) {
  slots_.assign(64, 0);
}

uint64_t RespondentTable::Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

std::string_view RespondentTable::id(uint32_t r) const {
  return std::string_view(ids_).substr(rows_[r].id_offset, rows_[r].id_length);
}

size_t RespondentTable::Bytes() const {
  return rows_.capacity() * sizeof(Row) + answered_.capacity() * sizeof(uint64_t) +
         ids_.capacity() + slots_.capacity() * sizeof(uint32_t);
}

void RespondentTable::Insert(uint32_t r) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = rows_[r].hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) {
      slots_[i] = r + 1;
      return;
    }
  }
}

void RespondentTable::Grow() {
  slots_.assign(slots_.size() * 2, 0);
  for (uint32_t r = 0; r < rows_.size(); ++r) Insert(r);
}

uint32_t RespondentTable::FindOrAdd(std::string_view id, uint64_t hash, uint32_t group, size_t line,
                                    bool& added) {
  added = false;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
    const uint32_t r = slots_[i] - 1;
    if (rows_[r].hash == hash && this->id(r) == id) return r;
  }
  added = true;
  const auto r = static_cast<uint32_t>(rows_.size());
  rows_.push_back(
      {hash, line, static_cast<uint32_t>(ids_.size()), static_cast<uint32_t>(id.size()), group});
  ids_.append(id);
  answered_.resize(answered_.size() + words_, 0);
  if (rows_.size() * 2 > slots_.size()) {
    Grow();
  } else {
    Insert(r);
  }
  if (Bytes() <= budget_) return r;
  while (Bytes() > budget_ && share_low_ < share_high_) HalveShare();
  if (!Follows(hash)) {
    added = false;
    return kNotFollowed;
  }
  const uint32_t kept = FindOrAdd(id, hash, group, line, added);  // finds it: no addition
  added = true;
  return kept;
}

bool RespondentTable::MarkAnswered(uint32_t r, size_t s) {
  uint64_t& word = answered_[r * words_ + s / 64];
  const uint64_t bit = uint64_t{1} << (s % 64);
  if (word & bit) return false;
  word |= bit;
  return true;
}

// Keeps the lower half of the share, and only the respondents in it, in new storage sized to fit.
void RespondentTable::HalveShare() {
  share_high_ = share_low_ + (share_high_ - share_low_) / 2;
  ++generation_;
  std::vector<Row> rows;
  std::vector<uint64_t> answered;
  std::string ids;
  for (uint32_t r = 0; r < rows_.size(); ++r) {
    if (!Follows(rows_[r].hash)) continue;
    Row row = rows_[r];
    row.id_offset = static_cast<uint32_t>(ids.size());
    ids.append(id(r));
    answered.insert(answered.end(), answered_.begin() + r * words_,
                    answered_.begin() + (r + 1) * words_);
    rows.push_back(row);
  }
  rows_ = std::move(rows);
  answered_ = std::move(answered);
  ids_ = std::move(ids);
  size_t slots = 64;
  while (slots < rows_.size() * 2) slots *= 2;
  slots_.assign(slots, 0);
  slots_.shrink_to_fit();
  for (uint32_t r = 0; r < rows_.size(); ++r) Insert(r);
}

bool RespondentTable::NextShare() {
  if (share_high_ == UINT64_MAX) return false;
  share_low_ = share_high_ + 1;
  share_high_ = UINT64_MAX;
  ++generation_;
  rows_ = {};
  answered_ = {};
  ids_ = {};
  slots_.assign(64, 0);
  slots_.shrink_to_fit();
  return true;
}

}  // namespace meter
