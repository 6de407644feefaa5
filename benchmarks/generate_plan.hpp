// Deterministic generator of large plans for the benchmarks: a plan "N times
// larger" than a base plan, made of N renamed copies of its declarations.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::bench {

struct GeneratedPlan {
  std::string text;
  std::size_t copies = 0;
  /// Names (declarations and aliases) renamed in each copy after the first.
  std::size_t declared_names = 0;
};

/// Copy 1 is `base_text` unchanged. Copies 2..factor are the base text
/// without its `plan` statement, in which every whole-word occurrence of a
/// declared name or alias (outside strings, comments and citations) gets the
/// suffix `_k`, k being the copy's number. Names therefore stay unique and
/// every reference resolves inside its own copy; citations and the plan's
/// `clauses` list are untouched. Throws std::runtime_error when the base text
/// does not parse or has no single `plan` statement.
[[nodiscard]] GeneratedPlan generate_scaled_plan(std::string_view base_text, std::size_t factor);

/// The text of the Shangluo plan (examples/shangluo-2018/shangluo.plan),
/// read once; throws std::runtime_error when it cannot be read.
[[nodiscard]] const std::string& shangluo_text();

/// Renames, in `text`, every whole name that is in `names` (a sorted,
/// deduplicated list) by appending `suffix`. Exposed for testing.
[[nodiscard]] std::string rename_names(std::string_view text, const std::vector<std::string>& names,
                                       std::string_view suffix);

}  // namespace mandate::bench
