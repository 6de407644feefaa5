// Keyword tables: a word of the language and the value it stands for.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mandate::detail {

/// The value `word` stands for in a table of (word, value) pairs.
template <typename Value, std::size_t N>
constexpr std::optional<Value> lookup(const std::pair<std::string_view, Value> (&table)[N],
                                      std::string_view word) noexcept {
  for (const auto& [key, value] : table)
    if (key == word) return value;
  return std::nullopt;
}

}  // namespace mandate::detail
