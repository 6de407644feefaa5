// An allocator whose large blocks are pages of their own (mmap), so that
// freeing one gives its memory back to the system at once. A task's rows
// are gathered into the table and freed part by part: with the heap's
// allocator, freed parts stay resident until the end, and an evaluation of
// millions of rows held them twice at its peak. Used for verdict rows only.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <memory>
#include <new>

namespace mandate::detail {

#ifdef MAP_POPULATE  // Linux: a block's pages mapped in one call
inline constexpr int map_populate = MAP_POPULATE;
#else
inline constexpr int map_populate = 0;
#endif

template <typename T>
struct PageAllocator {
  using value_type = T;
  /// Smaller blocks come from the heap: a page of their own would waste more
  /// than it gives back.
  static constexpr std::size_t own_pages_from = 64 * 1024;

  PageAllocator() noexcept = default;
  template <typename U>
  explicit PageAllocator(const PageAllocator<U>& /*other*/) noexcept {}

  /// From this size on, blocks are not populated in advance: they are
  /// filled gradually (a table of millions of rows).
  static constexpr std::size_t populate_below = 2 * 1024 * 1024;

  [[nodiscard]] T* allocate(std::size_t count) {
    const std::size_t bytes = count * sizeof(T);
    if (bytes < own_pages_from) return std::allocator<T>{}.allocate(count);
    // A smaller block is filled whole (a task's rows, reserved for them):
    // its pages are mapped in one call rather than a fault at a time.
    const int populate = bytes < populate_below ? map_populate : 0;
    void* pages =
        mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | populate, -1, 0);
    if (pages == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(pages);
  }
  void deallocate(T* block, std::size_t count) noexcept {
    const std::size_t bytes = count * sizeof(T);
    if (bytes < own_pages_from)
      std::allocator<T>{}.deallocate(block, count);
    else
      munmap(block, bytes);
  }

  friend bool operator==(const PageAllocator&, const PageAllocator&) noexcept { return true; }
};

}  // namespace mandate::detail
