#include <mandate/syntax.hpp>

#include <algorithm>
#include <utility>

namespace mandate::syntax {

Node::~Node() {
  if (children.empty()) return;
  std::vector<Node> pending = std::move(children);
  while (!pending.empty()) {
    Node last = std::move(pending.back());
    pending.pop_back();
    for (Node& child : last.children) pending.push_back(std::move(child));
    last.children.clear();  // moved-from leaves only
  }
}

std::size_t depth(const Node& node) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Node*, std::size_t>> stack{{&node, 1}};
  while (!stack.empty()) {
    const auto [current, level] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, level);
    for (const Node& child : current->children) stack.emplace_back(&child, level + 1);
  }
  return deepest;
}

}  // namespace mandate::syntax
