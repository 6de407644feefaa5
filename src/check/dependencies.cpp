#include "check/dependencies.hpp"

#include <algorithm>
#include <cstdint>

namespace mandate::detail {

std::vector<Index> mentioned(const Plan& plan, const std::vector<syntax::Node>& nodes,
                             SymbolKind kind) {
  std::vector<Index> found;
  std::vector<const syntax::Node*> stack;
  for (const syntax::Node& node : nodes) stack.push_back(&node);
  while (!stack.empty()) {
    const syntax::Node* node = stack.back();
    stack.pop_back();
    if (node->kind == syntax::NodeKind::name || node->kind == syntax::NodeKind::call) {
      if (const Symbol* symbol = plan.find(node->text); symbol && symbol->kind == kind)
        found.push_back(symbol->index);
    }
    for (const syntax::Node& child : node->children) stack.push_back(&child);
  }
  return found;
}

std::vector<const std::vector<syntax::Node>*> parameter_values(const Parameter& parameter) {
  std::vector<const std::vector<syntax::Node>*> values{&parameter.default_value};
  for (const ParameterVersion& version : parameter.versions) values.push_back(&version.value);
  return values;
}

void for_each_cycle(std::size_t count, const std::function<std::vector<Index>(Index)>& next,
                    const std::function<bool(std::span<const Index> members)>& cycle) {
  enum class Mark : std::uint8_t { unvisited, active, done };
  std::vector<Mark> marks(count, Mark::unvisited);
  std::vector<Index> path;
  bool going = true;
  const std::function<void(Index)> visit = [&](Index v) {
    marks[v] = Mark::active;
    path.push_back(v);
    for (const Index w : next(v)) {
      if (!going) break;
      if (marks[w] == Mark::active) {
        const auto start = std::find(path.begin(), path.end(), w);
        going =
            cycle(std::span<const Index>(&*start, static_cast<std::size_t>(path.end() - start)));
      } else if (marks[w] == Mark::unvisited) {
        visit(w);
      }
    }
    path.pop_back();
    marks[v] = Mark::done;
  };
  for (Index v = 0; v < count && going; ++v)
    if (marks[v] == Mark::unvisited) visit(v);
}

}  // namespace mandate::detail
