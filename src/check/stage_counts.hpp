// `at_least N` of a recurring stage must count at least one delivery, with
// the parameters' defaults (the checker) and with overrides (evaluation).
#pragma once

#include "check/calendar.hpp"

#include <mandate/plan.hpp>

#include <string>
#include <vector>

namespace mandate::detail {

struct CountBelowOne {
  const syntax::Node* count = nullptr;  // the stage's `at_least` argument
  std::string message;
};
/// Each stage whose `at_least` is, or names a parameter with, a count below
/// 1 (`at_least 0` can never be missed: read as 1 it made a period without
/// a delivery `missed`), with parameters read through `values`.
[[nodiscard]] std::vector<CountBelowOne> stage_counts_below_one(const Plan& plan,
                                                                const ParameterValues& values);

}  // namespace mandate::detail
