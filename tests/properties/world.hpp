// Random worlds for the property tests (tests/properties/properties.cpp): a
// plan made of random stages and rules over a small province, the full truth
// of its facts, and what the facts observed of it. Seeded and deterministic:
// a seed names a world, and a failing world shrinks by dropping statements
// and fact rows.
#pragma once

#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace properties {

/// splitmix64: small, fast, and the same on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// In [low, high].
  int between(int low, int high) {
    return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[next() % items.size()];
  }

 private:
  std::uint64_t state_;
};

/// One fact as CSV cells, in the columns of its kind (docs/facts.md).
struct Row {
  mandate::FactKind kind;
  std::vector<std::string> cells;
  /// Open-world facts (measures, published figures) may be missing from
  /// what is observed; units, events and titles are the same in both.
  [[nodiscard]] bool open_world() const {
    return kind == mandate::FactKind::measure || kind == mandate::FactKind::published;
  }
  friend bool operator==(const Row&, const Row&) = default;
};

[[nodiscard]] const std::vector<std::string>& header(mandate::FactKind kind);

struct World {
  std::uint64_t seed = 0;
  std::string declarations;             // plan block, kinds, bodies, groups, metrics, …
  std::vector<std::string> statements;  // stages and rules: what shrinking drops
  std::vector<Row> truth;               // every fact of the world
  std::vector<Row> observed;            // what the facts say: a subset of the truth
  std::vector<int> years;
  mandate::Date as_of;
  std::vector<std::pair<std::string, std::string>> parameters;  // overrides

  [[nodiscard]] std::string plan_text() const;
};

/// A random world. Its plan checks clean (else the generator is wrong).
[[nodiscard]] World generate(std::uint64_t seed);

/// Facts that no evaluation as of the world's date may see: dated after it.
[[nodiscard]] std::vector<Row> future_rows(const World& world, Random& random);
/// A unit in no population of any rule, and events about it.
[[nodiscard]] std::vector<Row> irrelevant_rows(Random& random);
/// The name of the unit irrelevant_rows() adds.
inline constexpr std::string_view irrelevant_unit = "无关单位";

/// Loads rows into a store: one CSV text per kind (units first), or, with
/// `split`, two per kind, or through the host calls.
enum class Loading { csv, split_csv, host };
/// Nothing when a row is rejected (a generator bug): the reasons go to `errors`.
[[nodiscard]] std::unique_ptr<mandate::FactStore> load(std::shared_ptr<const mandate::Plan> plan,
                                                       const std::vector<Row>& rows,
                                                       Loading loading, std::string& errors);

/// CSV text of the rows of one kind, with its header.
[[nodiscard]] std::string csv(const std::vector<Row>& rows, mandate::FactKind kind);

}  // namespace properties
