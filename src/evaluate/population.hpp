// Populations: the groups that averages, ranks, sizes and quantifiers run
// over (docs/evaluation.md, "Populations"). A population has a size — the
// number published with the figures (the N of "rank 101 of 107"), or the
// one the plan declares (`group 全省县区 = all 县区 within 陕西省 members 107`),
// or else the number of members the plan and the facts declare — and a
// value computed over it needs every member.
#pragma once

#include <mandate/facts.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mandate::detail {

/// How many members a population has in a year, and how many are known.
struct PopulationSize {
  enum class Source : std::uint8_t {
    members,    // no size is given: the members the plan and the facts declare
    declared,   // the plan's `members N`
    published,  // a size published with the figures (`size`, or a rank's `out_of`)
  };
  std::size_t known = 0;       // members the plan and the facts declare
  std::optional<double> size;  // nothing when a declared size has no value
  Source source = Source::members;
  std::string published_with;  // the metric whose figures published the size
  std::optional<FactSource> fact;

  /// More members are known than the population has: the facts and the
  /// size disagree, and nothing computed over it can be trusted.
  [[nodiscard]] bool contradicted() const { return size && static_cast<double>(known) > *size; }
  /// Every member is known.
  [[nodiscard]] bool complete() const { return size && static_cast<double>(known) == *size; }
};

/// The values of one metric over one population in one year, computed once
/// and shared by every subject that ranks or averages against it.
struct PopulationValues {
  // The known values by member, sorted by NameId: a member's value is a
  // binary search (value_of), in a fraction of a hash map's memory.
  std::vector<std::pair<NameId, double>> values;
  std::vector<double> ascending;  // the same values, sorted
  std::vector<double> distinct;   // sorted, without ties
  double sum = 0;                 // added up in member order
  [[nodiscard]] const double* value_of(NameId member) const {
    const auto it = std::lower_bound(
        values.begin(), values.end(), member,
        [](const std::pair<NameId, double>& entry, NameId id) { return entry.first < id; });
    return it != values.end() && it->first == member ? &it->second : nullptr;
  }
  std::size_t members = 0;
  std::vector<std::string> missing;  // facts missing for the population
};

}  // namespace mandate::detail
