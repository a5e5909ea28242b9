#include "core/groups_csv.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "core/csv.h"
#include "core/limits.h"
#include "core/round_rules.h"
#include "core/text_rules.h"

namespace meter {

Result<std::vector<Group>> ParseGroupsCsv(std::string_view text, std::string_view file_name) {
  CsvProblems problems(file_name, 50);
  std::vector<Group> groups;
  // Each name's first line, to find a repeat in one look-up (a list scan made 100,000 groups
  // take 14 s).
  std::unordered_map<std::string, size_t> first_line;
  if (CheckUtf8(text, problems)) {
    CsvReader reader(text);
    if (auto columns = ReadHeader(reader, {"group", "weight"}, problems)) {
      std::vector<std::string_view> fields;
      while (!problems.full() && reader.Next(fields)) {
        if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
        const size_t need = std::max((*columns)[0], (*columns)[1]) + 1;
        if (fields.size() < need) {
          problems.Add(reader.line(),
                       CountProblem("",
                                    METER_NP("expected at least {1} field, found {2}",
                                             "expected at least {1} fields, found {2}"),
                                    static_cast<long>(need),
                                    {std::to_string(need), std::to_string(fields.size())}));
          continue;
        }
        const std::string name((fields[(*columns)[0]]));
        const std::string_view weight_text = fields[(*columns)[1]];
        const auto weight = ParseWeight(weight_text);
        if (name.empty()) {
          problems.Add(reader.line(), METER_N("the group name is empty"));
        } else if (auto problem = TextProblem("", name, TextShape::kLine, kMaxGroupNameLength)) {
          problems.Add(reader.line(), std::move(*problem));
        }
        if (auto problem = TextProblem("", weight_text, TextShape::kLine)) {
          problems.Add(reader.line(), problem->message, problem->args);
        } else if (!weight) {
          problems.Add(reader.line(),
                       METER_N("the weight of group '{1}' must be a number above 0 and at most "
                               "1000, not '{2}'"),
                       {name, std::string(weight_text)});
        }
        if (auto [it, added] = first_line.emplace(name, reader.line()); !added) {
          problems.Add(reader.line(), METER_N("group '{1}' is listed twice (first on line {2})"),
                       {name, std::to_string(it->second)});
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
