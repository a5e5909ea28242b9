#include "core/item_statistics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/problem.h"  // METER_N

namespace meter {
namespace {

constexpr int8_t kAbsent = std::numeric_limits<int8_t>::min();

// The complete respondents of a pillar: one row of level values (100·v) per respondent, the
// pillar's statements side by side.
struct ValueRows {
  size_t columns = 0;
  std::vector<double> cells;
  size_t rows() const { return columns ? cells.size() / columns : 0; }
  double at(size_t r, size_t j) const { return cells[r * columns + j]; }
};

double Mean(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

// Sample variance (n − 1), two-pass; callers ensure n ≥ 2.
double Variance(const std::vector<double>& xs) {
  const double mean = Mean(xs);
  double sum = 0;
  for (double x : xs) sum += (x - mean) * (x - mean);
  return sum / static_cast<double>(xs.size() - 1);
}

std::optional<double> Pearson(const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.size() < 2) return std::nullopt;
  const double mx = Mean(xs), my = Mean(ys);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

// Cronbach's α of the columns `items` of `x` (one row per complete respondent).
std::optional<double> Alpha(const ValueRows& x, const std::vector<size_t>& items) {
  const size_t k = items.size(), n = x.rows();
  if (k < 2 || n < 2) return std::nullopt;
  double item_variances = 0;
  std::vector<double> totals(n, 0), column(n);
  for (size_t j : items) {
    for (size_t r = 0; r < n; ++r) {
      column[r] = x.at(r, j);
      totals[r] += x.at(r, j);
    }
    item_variances += Variance(column);
  }
  const double total_variance = Variance(totals);
  if (total_variance <= 0) return std::nullopt;
  const double kd = static_cast<double>(k);
  return kd / (kd - 1) * (1 - item_variances / total_variance);
}

void DescribeStatement(const Instrument& in, size_t index, const ItemAnswers& answers,
                       StatementStatistics& s) {
  const AnswerSet& set = in.AnswerSetOf(*in.statements()[index].statement);
  size_t dk = 0, na = 0, floor = 0, ceiling = 0;
  std::vector<double> xs;
  for (size_t r = 0; r < answers.respondents(); ++r) {
    const int8_t a = answers.Row(r)[index];
    if (a == kAbsent) continue;
    ++s.answers;
    if (a == kDontKnow) {
      ++dk;
    } else if (a == kNotApplicable) {
      ++na;
    } else if (a >= 0 && static_cast<size_t>(a) < set.levels.size()) {
      xs.push_back(100 * set.levels[static_cast<size_t>(a)].value);
      if (a == 0) ++floor;
      if (static_cast<size_t>(a) + 1 == set.levels.size()) ++ceiling;
    }
  }
  s.levels = xs.size();
  if (s.answers > 0) {
    s.dk_rate = static_cast<double>(dk) / static_cast<double>(s.answers);
    s.na_rate = static_cast<double>(na) / static_cast<double>(s.answers);
  }
  if (!xs.empty()) {
    s.mean = Mean(xs);
    s.floor_share = static_cast<double>(floor) / static_cast<double>(xs.size());
    s.ceiling_share = static_cast<double>(ceiling) / static_cast<double>(xs.size());
  }
  if (xs.size() >= 2) s.sd = std::sqrt(Variance(xs));
}

// α of the pillar, and each statement's item-rest correlation and α without it, over the
// respondents with a level answer to every statement of the pillar.
void DescribePillar(const Instrument& in, const std::vector<size_t>& members,
                    const ItemAnswers& answers, PillarStatistics& pillar,
                    std::vector<StatementStatistics>& statements) {
  ValueRows x;  // complete respondents × members
  x.columns = members.size();
  std::vector<double> values;
  for (size_t r = 0; r < answers.respondents(); ++r) {
    const int8_t* row = answers.Row(r);
    values.clear();
    for (size_t index : members) {
      const int8_t a = row[index];
      const AnswerSet& set = in.AnswerSetOf(*in.statements()[index].statement);
      if (a < 0 || static_cast<size_t>(a) >= set.levels.size()) break;  // not a level answer
      values.push_back(100 * set.levels[static_cast<size_t>(a)].value);
    }
    if (values.size() == members.size())
      x.cells.insert(x.cells.end(), values.begin(), values.end());
  }
  pillar.statements = members.size();
  pillar.complete = x.rows();
  std::vector<size_t> all(members.size());
  for (size_t j = 0; j < all.size(); ++j) all[j] = j;
  pillar.alpha = Alpha(x, all);
  for (size_t j = 0; j < members.size(); ++j) {
    StatementStatistics& s = statements[members[j]];
    std::vector<double> item(x.rows()), rest(x.rows(), 0);
    for (size_t r = 0; r < x.rows(); ++r) {
      item[r] = x.at(r, j);
      for (size_t o = 0; o < members.size(); ++o) {
        if (o != j) rest[r] += x.at(r, o);
      }
    }
    if (members.size() >= 2) s.item_rest = Pearson(item, rest);
    std::vector<size_t> others;
    for (size_t o = 0; o < members.size(); ++o) {
      if (o != j) others.push_back(o);
    }
    s.alpha_if_removed = Alpha(x, others);
  }
}

void Flag(const std::optional<double>& pillar_alpha, StatementStatistics& s) {
  if (s.dk_rate && *s.dk_rate > kFlagDontKnowRate) s.flags.push_back(ItemFlag::kManyDontKnow);
  if (s.item_rest && *s.item_rest < kFlagItemRest) s.flags.push_back(ItemFlag::kLowItemRest);
  if (pillar_alpha && s.alpha_if_removed && *s.alpha_if_removed > *pillar_alpha) {
    s.flags.push_back(ItemFlag::kAlphaRisesWithout);
  }
  if (s.floor_share && *s.floor_share > kFlagFloorCeilingShare) s.flags.push_back(ItemFlag::kFloor);
  if (s.ceiling_share && *s.ceiling_share > kFlagFloorCeilingShare) {
    s.flags.push_back(ItemFlag::kCeiling);
  }
}

}  // namespace

const char* ItemFlagKey(ItemFlag flag) {
  switch (flag) {
    case ItemFlag::kManyDontKnow:
      return "dk_rate";
    case ItemFlag::kLowItemRest:
      return "item_rest";
    case ItemFlag::kAlphaRisesWithout:
      return "alpha_if_removed";
    case ItemFlag::kFloor:
      return "floor";
    case ItemFlag::kCeiling:
      return "ceiling";
  }
  return "";
}

const char* ItemFlagName(ItemFlag flag) {
  switch (flag) {
    case ItemFlag::kManyDontKnow:
      // xgettext:no-c-format
      return METER_N("more than 30% don't know");
    case ItemFlag::kLowItemRest:
      return METER_N("item-rest correlation under 0.2");
    case ItemFlag::kAlphaRisesWithout:
      return METER_N("the pillar's alpha rises without it");
    case ItemFlag::kFloor:
      // xgettext:no-c-format
      return METER_N("more than 80% at the lowest level");
    case ItemFlag::kCeiling:
      // xgettext:no-c-format
      return METER_N("more than 80% at the highest level");
  }
  return "";
}

ItemAnswers::ItemAnswers(const Instrument& instrument)
    : instrument_(&instrument), columns_(instrument.statements().size()) {}

void ItemAnswers::Add(const AnswerSheet& round) {
  ++rounds_;
  const size_t first = respondents();
  cells_.resize(cells_.size() + round.respondents.size() * columns_, kAbsent);
  for (const AnswerRow& row : round.rows) {
    if (row.respondent < round.respondents.size() && row.statement < columns_) {
      cells_[(first + row.respondent) * columns_ + row.statement] = row.answer;
    }
  }
}

ItemStatistics ItemAnswers::Compute() const {
  const Instrument& instrument = *instrument_;
  ItemStatistics out;
  out.rounds = rounds_;
  for (size_t r = 0; r < respondents(); ++r) {
    const int8_t* row = Row(r);
    if (std::any_of(row, row + columns_, [](int8_t a) { return a != kAbsent; })) ++out.respondents;
  }
  const std::vector<StatementPlace>& places = instrument.statements();
  out.statements.resize(places.size());
  for (size_t i = 0; i < places.size(); ++i) {
    out.statements[i].id = places[i].statement->id;
    out.statements[i].pillar = instrument.pillars[static_cast<size_t>(places[i].pillar)].id;
    DescribeStatement(instrument, i, *this, out.statements[i]);
  }
  for (size_t p = 0; p < instrument.pillars.size(); ++p) {
    std::vector<size_t> members;
    for (size_t i = 0; i < places.size(); ++i) {
      if (static_cast<size_t>(places[i].pillar) == p) members.push_back(i);
    }
    PillarStatistics pillar;
    pillar.id = instrument.pillars[p].id;
    DescribePillar(instrument, members, *this, pillar, out.statements);
    for (size_t i : members) Flag(pillar.alpha, out.statements[i]);
    out.pillars.push_back(std::move(pillar));
  }
  return out;
}

ItemStatistics ComputeItemStatistics(const Instrument& instrument,
                                     const std::vector<AnswerSheet>& rounds) {
  ItemAnswers answers(instrument);
  for (const AnswerSheet& sheet : rounds) answers.Add(sheet);
  return answers.Compute();
}

}  // namespace meter
