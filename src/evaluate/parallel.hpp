// The evaluation's only threads: loops over indices, shared out to a few
// workers. Work is handed out by index, never by arrival, so that results can
// be stored by index and the report does not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <iterator>
#include <vector>

namespace mandate::detail {

/// Shares `work` out to up to `workers` threads and returns when it is done:
/// `work(0)` runs on the calling thread, at once; `work(w)` for 0 < w <
/// workers runs on a helper thread if that helper is ready before the caller
/// has finished its own share, so `work` must divide itself (for_each_index
/// hands out indices from a shared counter). The helpers are started once
/// and kept: kept threads keep their allocator arenas (glibc gives each
/// thread its own), so what one evaluation frees is there for the next. When
/// another evaluation holds the helpers, every w runs on a thread started
/// for it. An exception from any worker is rethrown here, after all have
/// finished.
void run_workers(unsigned workers, const std::function<void(unsigned)>& work);

/// Calls `body(i)` for every i in [0, count), with up to `threads` workers.
/// Each worker takes the next index not taken yet, so a worker that is held
/// up, or joins late, leaves more of the work to the others.
template <typename Body>
void for_each_index(unsigned threads, std::size_t count, const Body& body) {
  if (count == 0) return;
  const auto workers = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, count));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next = 0;
  run_workers(workers, [&body, &next, count](unsigned) {
    for (std::size_t i = next++; i < count; i = next++) body(i);
  });
}

/// Calls `body(begin, end)` for `threads` contiguous slices of [0, count),
/// one per worker.
template <typename Body>
void for_each_slice(unsigned threads, std::size_t count, const Body& body) {
  if (count == 0) return;
  const auto workers = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, count));
  for_each_index(workers, workers,
                 [&](std::size_t w) { body(count * w / workers, count * (w + 1) / workers); });
}

/// std::stable_sort of `items`, the slices sorted by the workers and then
/// merged: the same result as the serial sort, whatever the thread count.
template <typename T, typename Less>
void stable_sort(unsigned threads, std::vector<T>& items, const Less& less) {
  if (items.empty()) return;
  const auto workers = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, items.size()));
  std::vector<std::size_t> bounds;
  for (unsigned w = 0; w <= workers; ++w) bounds.push_back(items.size() * w / workers);
  for_each_index(workers, workers, [&](std::size_t w) {
    std::stable_sort(items.begin() + static_cast<std::ptrdiff_t>(bounds[w]),
                     items.begin() + static_cast<std::ptrdiff_t>(bounds[w + 1]), less);
  });
  if (workers == 1) return;  // one slice: sorted, and no buffer to fill
  // Neighbouring slices are merged pairwise until one is left; a merge keeps
  // the left slice's element first among equals, as the serial sort would.
  // When there are fewer pairs than threads, each merge is cut in pieces:
  // a piece starts at an element x of the left slice and at the first
  // element of the right slice not less than x, so equal elements keep their
  // order across pieces too.
  std::vector<T> buffer(items.size());
  const auto at = [](auto& v, std::size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
  while (bounds.size() > 2) {
    std::vector<std::size_t> merged;
    const std::size_t pairs = (bounds.size() - 1) / 2;
    const std::size_t pieces = std::max<std::size_t>(1, threads / pairs);
    for_each_index(threads, pairs * pieces, [&](std::size_t job) {
      const std::size_t p = job / pieces;
      const std::size_t piece = job % pieces;
      const std::size_t left = bounds[2 * p];
      const std::size_t middle = bounds[2 * p + 1];
      const std::size_t right = bounds[2 * p + 2];
      const auto cut = [&](std::size_t k) -> std::pair<std::size_t, std::size_t> {
        if (k == pieces) return {middle, right};
        const std::size_t a = left + (middle - left) * k / pieces;
        if (a == middle) return {middle, right};
        const auto b = std::lower_bound(at(items, middle), at(items, right), items[a], less);
        return {a, static_cast<std::size_t>(b - items.begin())};
      };
      const auto [a_begin, b_begin] = piece == 0 ? std::pair(left, middle) : cut(piece);
      const auto [a_end, b_end] = cut(piece + 1);
      std::merge(
          std::make_move_iterator(at(items, a_begin)), std::make_move_iterator(at(items, a_end)),
          std::make_move_iterator(at(items, b_begin)), std::make_move_iterator(at(items, b_end)),
          at(buffer, a_begin + b_begin - middle), less);
    });
    for (std::size_t p = 0; p < pairs; ++p) merged.push_back(bounds[2 * p]);
    const std::size_t tail = 2 * pairs;  // an odd slice out is copied as it is
    if (bounds.size() - 1 > tail) {
      std::move(items.begin() + static_cast<std::ptrdiff_t>(bounds[tail]), items.end(),
                buffer.begin() + static_cast<std::ptrdiff_t>(bounds[tail]));
      merged.push_back(bounds[tail]);
    }
    merged.push_back(items.size());
    items.swap(buffer);
    bounds = std::move(merged);
  }
}

}  // namespace mandate::detail
