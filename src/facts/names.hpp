// Interned names: every distinct string of the plan and the facts is stored
// once, in an arena that never moves, and is known by a dense 32-bit id.
#pragma once

#include <mandate/facts.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate::detail {

class NameTable {
 public:
  NameTable();  // id 0 is the empty name (no_name)

  /// no_name when the name was never interned. Safe to call concurrently.
  [[nodiscard]] NameId find(std::string_view name) const noexcept;
  NameId intern(std::string_view name);

  [[nodiscard]] std::string_view name(NameId id) const noexcept {
    return id < names_.size() ? names_[id] : std::string_view{};
  }
  /// Ids run from 0 to size() - 1; the next interned name gets size().
  [[nodiscard]] std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(names_.size());
  }
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  struct Slot {
    std::uint32_t id = 0;  // 0: empty slot
    std::uint32_t hash = 0;
  };
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
  };

  std::string_view store(std::string_view name);
  void grow();

  std::vector<Chunk> chunks_;
  std::size_t chunk_used_ = 0;  // bytes used in chunks_.back()
  std::vector<std::string_view> names_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace mandate::detail

namespace mandate::detail {

/// Bytes that never move: texts a load keeps past their row.
class Arena {
 public:
  std::string_view keep(std::string_view text);

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

/// string_view → 32-bit value, open addressing. The texts must outlive the
/// map (they live in an Arena or in the loaded text); insert only.
class StringMap {
 public:
  [[nodiscard]] const std::uint32_t* find(std::string_view key) const noexcept;
  /// Inserts when absent; returns the stored value and whether it was inserted.
  std::pair<std::uint32_t*, bool> try_emplace(std::string_view key, std::uint32_t value);
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& slot : slots_)
      if (slot.used) f(slot.key, slot.value);
  }

 private:
  struct Slot {
    std::string_view key;
    std::uint32_t value = 0;
    std::uint32_t hash = 0;
    bool used = false;
  };
  void grow();
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace mandate::detail
