// Sorting by name, the report's order of subjects, with most comparisons
// made on numbers: the first bytes of each name, packed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate::detail {

/// The first 8 bytes of a name as a big-endian number, zero-padded: names
/// ordered by it are ordered by their bytes, but for ties.
[[nodiscard]] inline std::uint64_t name_prefix(std::string_view name) noexcept {
  std::uint64_t prefix = 0;
  for (std::size_t i = 0; i < 8; ++i)
    prefix = prefix << 8 | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0u);
  return prefix;
}

/// The positions 0 … count - 1 in the order of `less(a, b)`, stable, where
/// `prefix(i)` is the name_prefix of the name that orders position i first:
/// `less` is called only when two prefixes tie.
template <typename Prefix, typename Less>
[[nodiscard]] std::vector<std::uint32_t> stable_name_order(std::size_t count, const Prefix& prefix,
                                                           const Less& less) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
  keyed.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    keyed.emplace_back(prefix(i), static_cast<std::uint32_t>(i));
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return less(a.second, b.second);
  });
  std::vector<std::uint32_t> order;
  order.reserve(count);
  for (const auto& [key, position] : keyed) order.push_back(position);
  return order;
}

}  // namespace mandate::detail
