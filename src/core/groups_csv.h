// Reading respondent groups and their weights from CSV text: a header `group,weight` and one row
// per group. Returns the groups in file order, or kInvalidInput with every problem at "file:line"
// (a missing column, an empty, duplicate or too long name, a control character, a weight that is
// not a number above 0 and at most 1000 as the web's weights (ParseWeight), bad UTF-8). Linear in
// the number of groups.
#pragma once

#include <string_view>
#include <vector>

#include "core/answers.h"
#include "core/problem.h"

namespace meter {

Result<std::vector<Group>> ParseGroupsCsv(std::string_view text, std::string_view file_name);

}  // namespace meter
