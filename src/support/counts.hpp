// Counts written by people: a command line's --threads, a scenario's
// `threads`. Strict: digits only, no sign, no trailing text, no overflow.
#pragma once

#include <mandate/evaluate.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::detail {

/// A whole number written with digits only ("12"), or nothing.
[[nodiscard]] inline std::optional<std::uint64_t> parse_whole_number(
    std::string_view text) noexcept {
  std::uint64_t value = 0;
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// A count of worker threads from 1 to max_threads, or why `text` is not one
/// (`text` itself is quoted by the caller).
[[nodiscard]] inline std::optional<std::string> thread_count_error(std::string_view text,
                                                                   unsigned& out) {
  const auto value = parse_whole_number(text);
  if (!value || *value < 1 || *value > max_threads)
    return fmt::format("a whole number of threads from 1 to {} is expected{}", max_threads,
                       value && *value > max_threads ? " (the limit: docs/reliability.md)" : "");
  out = static_cast<unsigned>(*value);
  return std::nullopt;
}

}  // namespace mandate::detail
