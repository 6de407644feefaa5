// Tests of the store's measures by column (src/facts/measure_table.hpp,
// decision 0064): against a plain map, over random insertions and erasures
// in ascending, descending, shuffled and sparse orders of subjects, so that
// every change between a column's array and its map is crossed.
#include "facts/measure_table.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <tuple>
#include <vector>

using mandate::MeasureRecord;
using mandate::NameId;
using mandate::detail::MeasureKey;
using mandate::detail::MeasureTable;

namespace {

using Reference = std::map<std::tuple<NameId, NameId, int, std::uint32_t>, double>;

std::tuple<NameId, NameId, int, std::uint32_t> tuple_of(const MeasureKey& key) {
  return {key.metric, key.subject, key.year, key.period};
}

MeasureRecord record(double value) {
  MeasureRecord r;
  r.value = value;
  r.source = {1, 7};
  return r;
}

/// The table holds exactly what the reference holds, by find and by for_each.
void check_same(const MeasureTable& table, const Reference& reference) {
  REQUIRE(table.size() == reference.size());
  for (const auto& [key, value] : reference) {
    const auto& [metric, subject, year, period] = key;
    const MeasureRecord* found = table.find({metric, subject, year, period});
    REQUIRE(found);
    CHECK(found->value == value);
  }
  Reference listed;
  table.for_each([&](const MeasureKey& key, const MeasureRecord& r) {
    CHECK(listed.emplace(tuple_of(key), r.value).second);
  });
  CHECK(listed == reference);
}

enum class Order { ascending, descending, shuffled, sparse, out_of_place, clusters };

std::vector<NameId> subjects(Order order, std::size_t count, std::mt19937& random) {
  std::vector<NameId> ids(count);
  for (std::size_t i = 0; i < count; ++i)
    ids[i] = static_cast<NameId>(order == Order::sparse ? 1 + 97 * i : 1000 + i);
  if (order == Order::clusters)  // two dense runs far apart, and a lone id beyond
    for (std::size_t i = 0; i < count; ++i)
      ids[i] = static_cast<NameId>(i % 2 ? 500'000 + i : 1000 + i) + (i == 7 ? 4'000'000 : 0);
  if (order == Order::descending) std::reverse(ids.begin(), ids.end());
  if (order == Order::out_of_place)  // ascending, but some ids come far too early
    for (std::size_t i = 0; i + 1 < count; i += 1 + random() % 40) {
      const std::size_t far = std::min(count - 1, i + 200 + random() % 300);
      const auto at = [&](std::size_t k) { return ids.begin() + static_cast<std::ptrdiff_t>(k); };
      std::rotate(at(i), at(far), at(far + 1));  // ids[far] moves to i
    }
  if (order == Order::shuffled || order == Order::sparse)
    std::shuffle(ids.begin(), ids.end(), random);
  return ids;
}

}  // namespace

TEST_CASE("measure table: finds what was inserted, and nothing else, in any order of subjects") {
  for (const Order order : {Order::ascending, Order::descending, Order::shuffled, Order::sparse,
                            Order::out_of_place, Order::clusters}) {
    CAPTURE(static_cast<int>(order));
    std::mt19937 random(20180320u + static_cast<unsigned>(order));
    MeasureTable table;
    Reference reference;
    std::vector<MeasureKey> holes;
    // Two metrics, two years and a month: five columns filled together.
    const std::vector<std::tuple<NameId, int, std::uint32_t>> columns = {
        {1, 2018, 0}, {1, 2019, 0}, {2, 2018, 0}, {2, 2018, 7}, {3, 2020, 0}};
    for (const NameId subject : subjects(order, 3000, random))
      for (const auto& [metric, year, period] : columns) {
        if (random() % 5 == 0) {  // holes in every column
          holes.push_back({metric, subject, year, period});
          continue;
        }
        const double value = static_cast<double>(subject) + metric * 0.25;
        const MeasureKey key{metric, subject, year, period};
        const auto [stored, added] = table.try_emplace(key, record(value));
        REQUIRE(added);
        CHECK(stored->value == value);
        reference.emplace(tuple_of(key), value);
        // Present: the first record stays.
        const auto [again, added_again] = table.try_emplace(key, record(value + 1));
        CHECK_FALSE(added_again);
        CHECK(again->value == value);
      }
    check_same(table, reference);
    for (const MeasureKey& hole : holes) CHECK_FALSE(table.find(hole));
    CHECK_FALSE(table.find({1, 999'999, 2018, 0}));  // past every range
    CHECK_FALSE(table.find({1, 1, 2017, 0}));        // no such column
    CHECK_FALSE(table.find({4, 1000, 2018, 0}));
    // Erase a third, then insert them back with other values.
    std::vector<std::tuple<NameId, NameId, int, std::uint32_t>> erased;
    for (const auto& [key, value] : reference)
      if (random() % 3 == 0) erased.push_back(key);
    for (const auto& [metric, subject, year, period] : erased) {
      CHECK(table.erase({metric, subject, year, period}));
      CHECK_FALSE(table.erase({metric, subject, year, period}));
      reference.erase({metric, subject, year, period});
    }
    check_same(table, reference);
    for (const auto& [metric, subject, year, period] : erased)
      CHECK_FALSE(table.find({metric, subject, year, period}));
    for (const auto& [metric, subject, year, period] : erased) {
      CHECK(table.try_emplace({metric, subject, year, period}, record(-1.0)).second);
      reference[{metric, subject, year, period}] = -1.0;
    }
    check_same(table, reference);
  }
}

TEST_CASE("measure table: a column filled in order is held in an array, a sparse one in a map") {
  MeasureTable dense;
  MeasureTable sparse;
  for (NameId subject = 1; subject <= 100'000; ++subject) {
    (void)dense.try_emplace({1, subject, 2018, 0}, record(subject));
    (void)sparse.try_emplace({1, subject * 1000, 2018, 0}, record(subject));
  }
  CHECK(dense.size() == 100'000);
  CHECK(sparse.size() == 100'000);
  // 24 bytes a record and a bit, with the array's room to grow (at most
  // as much again); the map takes 32 a slot, a quarter of them or more empty.
  CHECK(dense.memory_bytes() < 100'000 * 50);
  CHECK(dense.memory_bytes() * 2 < sparse.memory_bytes());
}

TEST_CASE("measure table: an id given in the map before the array reaches it stays found") {
  // One row out of place: 300 comes when the array holds 100..163 and is
  // too far for it, so it goes to the map; the array then grows past it.
  MeasureTable table;
  for (NameId subject = 100; subject < 164; ++subject)
    (void)table.try_emplace({1, subject, 2018, 0}, record(subject));
  CHECK(table.try_emplace({1, 300, 2018, 0}, record(300)).second);
  for (NameId subject = 164; subject < 300; ++subject)
    (void)table.try_emplace({1, subject, 2018, 0}, record(subject));
  // Present: not inserted again (the array's growth to 300 must not hide it).
  const auto [again, added] = table.try_emplace({1, 300, 2018, 0}, record(-1));
  CHECK_FALSE(added);
  CHECK(again->value == 300);
  (void)table.try_emplace({1, 301, 2018, 0}, record(301));
  const MeasureRecord* found = table.find({1, 300, 2018, 0});
  REQUIRE(found);
  CHECK(found->value == 300);
  CHECK(table.size() == 202);
  std::size_t listed = 0;
  table.for_each([&](const MeasureKey&, const MeasureRecord&) { ++listed; });
  CHECK(listed == 202);
}

TEST_CASE("measure table: an id far from the rest does not keep a column out of its array") {
  MeasureTable table;
  (void)table.try_emplace({1, 4'000'000'000u, 2018, 0}, record(1));
  for (NameId subject = 1; subject <= 100'000; ++subject)
    (void)table.try_emplace({1, subject, 2018, 0}, record(subject));
  CHECK(table.size() == 100'001);
  CHECK(table.memory_bytes() < 100'000 * 50);
  REQUIRE(table.find({1, 4'000'000'000u, 2018, 0}));
  CHECK(table.find({1, 4'000'000'000u, 2018, 0})->value == 1);
}

TEST_CASE(
    "measure table: a batch prepared first goes to the array, in any order, with what was there") {
  for (const Order order : {Order::ascending, Order::descending, Order::shuffled, Order::sparse,
                            Order::out_of_place, Order::clusters}) {
    CAPTURE(static_cast<int>(order));
    std::mt19937 random(20180321u + static_cast<unsigned>(order));
    MeasureTable table;
    Reference reference;
    // Three batches, as a load's commits give them: the first two of a run of
    // ids each, the third mixing them, each column prepared before insertion.
    const std::vector<NameId> ids = subjects(order, 6000, random);
    const std::size_t thirds[] = {0, 2000, 4000, 6000};
    for (std::size_t batch = 0; batch < 3; ++batch) {
      std::vector<std::pair<MeasureKey, MeasureRecord>> staged;
      for (std::size_t i = thirds[batch]; i < thirds[batch + 1]; ++i)
        for (const NameId metric : {NameId{1}, NameId{2}})
          if (random() % 7 != 0)
            staged.emplace_back(MeasureKey{metric, ids[i], 2018, 0},
                                record(static_cast<double>(ids[i]) + metric * 0.5));
      // A key already stored keeps its first record.
      if (batch > 0) staged.emplace_back(MeasureKey{1, ids[0], 2018, 0}, record(-5.0));
      table.prepare(staged);
      for (const auto& [key, value] : staged)
        if (table.try_emplace(key, value).second) reference.emplace(tuple_of(key), value.value);
      check_same(table, reference);
    }
  }
  // Shuffled ids of one dense run are held in 24 bytes and a bit each.
  std::mt19937 random(7u);
  std::vector<std::pair<MeasureKey, MeasureRecord>> staged;
  for (NameId subject = 1; subject <= 100'000; ++subject)
    staged.emplace_back(MeasureKey{1, subject, 2018, 0}, record(subject));
  std::shuffle(staged.begin(), staged.end(), random);
  MeasureTable table;
  table.prepare(staged);
  for (const auto& [key, value] : staged) CHECK(table.try_emplace(key, value).second);
  CHECK(table.size() == 100'000);
  CHECK(table.memory_bytes() < 100'000 * 26);
}
