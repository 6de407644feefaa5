#include "check/stage_counts.hpp"

#include <fmt/format.h>

#include <charconv>

namespace mandate::detail {

std::vector<CountBelowOne> stage_counts_below_one(const Plan& plan, const ParameterValues& values) {
  const auto below_one = [](const syntax::Node& node) {
    long long count = 0;
    const auto [end, error] =
        std::from_chars(node.text.data(), node.text.data() + node.text.size(), count);
    return node.kind == syntax::NodeKind::integer && error == std::errc{} &&
           end == node.text.data() + node.text.size() && count < 1;
  };
  std::vector<CountBelowOne> out;
  for (const Stage& stage : plan.stages) {
    if (!stage.at_least) continue;
    const syntax::Node& count = *stage.at_least;
    if (below_one(count)) {
      out.push_back({&count, fmt::format("'at_least {}' counts no delivery: a period could never "
                                         "be missed; a stage needs 1 or more in each period",
                                         count.text)});
      continue;
    }
    if (count.kind != syntax::NodeKind::name) continue;
    for (const syntax::Node* value : values(count.text))
      if (below_one(*value)) {
        out.push_back({&count, fmt::format("'at_least {}' of {} is {}: a period could never be "
                                           "missed; a stage needs 1 or more in each period",
                                           count.text, stage.name, value->text)});
        break;
      }
  }
  return out;
}

}  // namespace mandate::detail
