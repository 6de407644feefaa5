// "Did you mean …?" for unknown names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::detail {

/// Edit distance in code points (so one wrong Chinese character counts 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if close enough to be a likely typo.
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 const std::vector<std::string_view>& candidates);

}  // namespace mandate::detail
