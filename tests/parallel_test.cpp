// The evaluation's worker helpers (src/evaluate/parallel.hpp): every index
// visited once, slices that cover the range, and a sort that gives the serial
// std::stable_sort's order for any thread count.
#include "evaluate/parallel.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

namespace detail = mandate::detail;

TEST_CASE("parallel: for_each_index visits every index once, for any thread count") {
  for (const unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
    for (const std::size_t count : {0u, 1u, 2u, 7u, 1000u}) {
      INFO("threads ", threads, ", count ", count);
      std::vector<std::atomic<int>> visits(count);
      detail::for_each_index(threads, count, [&](std::size_t i) { ++visits[i]; });
      CHECK(std::all_of(visits.begin(), visits.end(), [](const auto& v) { return v == 1; }));
    }
  }
}

TEST_CASE("parallel: for_each_slice covers the range with contiguous slices") {
  for (const unsigned threads : {1u, 2u, 3u, 8u}) {
    for (const std::size_t count : {0u, 1u, 5u, 100u}) {
      INFO("threads ", threads, ", count ", count);
      std::vector<std::atomic<int>> visits(count);
      std::atomic<std::size_t> slices = 0;
      detail::for_each_slice(threads, count, [&](std::size_t begin, std::size_t end) {
        CHECK(begin <= end);
        ++slices;
        for (std::size_t i = begin; i < end; ++i) ++visits[i];
      });
      CHECK(std::all_of(visits.begin(), visits.end(), [](const auto& v) { return v == 1; }));
      CHECK(slices <= std::max<std::size_t>(threads, 1));
    }
  }
}

TEST_CASE("parallel: stable_sort keeps equal keys in their first order, for any thread count") {
  // Keys with many ties; the second member records the original position.
  std::vector<std::pair<int, int>> items;
  for (int i = 0; i < 1001; ++i) items.emplace_back((i * 7919) % 13, i);
  const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  auto expected = items;
  std::stable_sort(expected.begin(), expected.end(), by_key);
  for (const unsigned threads : {1u, 2u, 3u, 4u, 5u, 8u, 2000u}) {
    INFO("threads ", threads);
    auto sorted = items;
    detail::stable_sort(threads, sorted, by_key);
    CHECK(sorted == expected);
  }
  std::vector<std::pair<int, int>> empty;
  detail::stable_sort(2, empty, by_key);
  CHECK(empty.empty());
}

TEST_CASE("parallel: loops nest, and an exception from any worker reaches the caller") {
  constexpr std::size_t outer = 6;
  constexpr std::size_t inner = 50;
  std::vector<std::atomic<int>> visits(outer * inner);
  detail::for_each_index(2, outer, [&](std::size_t i) {
    detail::for_each_index(2, inner, [&](std::size_t j) { ++visits[i * inner + j]; });
  });
  CHECK(std::all_of(visits.begin(), visits.end(), [](const auto& v) { return v == 1; }));
  for (const std::size_t failing : {std::size_t{0}, std::size_t{7}, std::size_t{99}}) {
    INFO("failing index ", failing);
    std::atomic<std::size_t> done = 0;
    CHECK_THROWS_AS(detail::for_each_index(2, 100,
                                           [&](std::size_t i) {
                                             if (i == failing) throw std::runtime_error("task");
                                             ++done;
                                           }),
                    std::runtime_error);
    // The helpers are still there for the next loop.
    std::atomic<std::size_t> after = 0;
    detail::for_each_index(2, 100, [&](std::size_t) { ++after; });
    CHECK(after == 100);
  }
}
