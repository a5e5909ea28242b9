#include "core/groups_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "core/csv.h"

namespace meter {
namespace {

std::optional<double> ParsePositiveNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

Result<std::vector<Group>> ParseGroupsCsv(std::string_view text, std::string_view file_name) {
  CsvProblems problems(file_name, 50);
  std::vector<Group> groups;
  if (CheckUtf8(text, problems)) {
    CsvReader reader(text);
    if (auto columns = ReadHeader(reader, {"group", "weight"}, problems)) {
      std::vector<std::string_view> fields;
      while (reader.Next(fields)) {
        if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
        const size_t need = std::max((*columns)[0], (*columns)[1]) + 1;
        if (fields.size() < need) {
          problems.Add(reader.line(), METER_N("expected at least {1} fields, found {2}"),
                       {std::to_string(need), std::to_string(fields.size())});
          continue;
        }
        const std::string name((fields[(*columns)[0]]));
        const auto weight = ParsePositiveNumber(fields[(*columns)[1]]);
        if (name.empty()) problems.Add(reader.line(), METER_N("the group name is empty"));
        if (!weight) {
          problems.Add(reader.line(),
                       METER_N("the weight of group '{1}' must be a positive number, not '{2}'"),
                       {name, std::string(fields[(*columns)[1]])});
        }
        for (const Group& g : groups) {
          if (g.name == name)
            problems.Add(reader.line(), METER_N("group '{1}' is listed twice"), {name});
        }
        groups.push_back({name, weight.value_or(1)});
      }
      if (reader.error()) problems.Add(reader.line(), reader.error());
      if (problems.empty() && groups.empty()) {
        problems.Add(0, METER_N("the file declares no groups"));
      }
    }
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return groups;
}

}  // namespace meter
