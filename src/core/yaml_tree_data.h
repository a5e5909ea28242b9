// The nodes behind core/yaml_tree.h's views, owned by a YamlDocument's storage. Private to
// yaml_tree.cpp and yaml_node.cpp.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/yaml_tree.h"

namespace meter {

struct YamlNodeData {
  enum class Kind : unsigned char { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  YamlMark mark;
  std::string scalar;
  // A sequence's items, or a map's keys and values in turn. An alias is the anchored node itself.
  std::vector<const YamlNodeData*> children;
  uint64_t walked = 1;  // the nodes a reader visiting every child (aliases included) meets
};

struct YamlDocument::Storage {
  std::deque<YamlNodeData> nodes;  // a deque: adding a node never moves the others
  const YamlNodeData* root = nullptr;
};

}  // namespace meter
