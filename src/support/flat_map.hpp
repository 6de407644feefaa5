// Open-addressing hash map for fixed-size keys and values: one slot array, no
// allocation per entry, so millions of facts cost a few bytes each. Entries
// are removed only by corrections (retract, replace: decision 0037); a failed
// load never reaches the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace mandate::detail {

/// splitmix64's finaliser: spreads the bits of packed ids over the table.
[[nodiscard]] inline std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

template <class Key, class Value, class Hash>
class FlatMap {
  static_assert(std::is_trivially_copyable_v<Key> && std::is_trivially_copyable_v<Value>);

 public:
  [[nodiscard]] const Value* find(const Key& key) const noexcept {
    if (size_ == 0) return nullptr;
    for (std::size_t i = Hash{}(key)&mask_;; i = (i + 1) & mask_) {
      if (!used_[i]) return nullptr;
      if (slots_[i].key == key) return &slots_[i].value;
    }
  }
  [[nodiscard]] Value* find(const Key& key) noexcept {
    return const_cast<Value*>(std::as_const(*this).find(key));
  }

  /// Inserts when absent. Returns the stored value and whether it was inserted.
  std::pair<Value*, bool> try_emplace(const Key& key, const Value& value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow(size_ + 1);
    for (std::size_t i = Hash{}(key)&mask_;; i = (i + 1) & mask_) {
      if (!used_[i]) {
        used_[i] = 1;
        slots_[i] = Slot{key, value};
        ++size_;
        return {&slots_[i].value, true};
      }
      if (slots_[i].key == key) return {&slots_[i].value, false};
    }
  }

  /// Removes the entry of `key`, if any (backward-shift deletion: the
  /// entries after it move up, so that no lookup stops short).
  bool erase(const Key& key) noexcept {
    if (size_ == 0) return false;
    std::size_t hole = Hash{}(key)&mask_;
    for (;; hole = (hole + 1) & mask_) {
      if (!used_[hole]) return false;
      if (slots_[hole].key == key) break;
    }
    for (std::size_t next = (hole + 1) & mask_; used_[next]; next = (next + 1) & mask_) {
      const std::size_t home = Hash{}(slots_[next].key) & mask_;
      // The entry at `next` may fill the hole unless its home lies
      // cyclically in (hole, next]: it would then be found before the hole.
      const bool stays =
          hole < next ? (home > hole && home <= next) : (home > hole || home <= next);
      if (stays) continue;
      slots_[hole] = slots_[next];
      hole = next;
    }
    used_[hole] = 0;
    --size_;
    return true;
  }

  /// Makes room for `count` entries in all, so a commit rehashes at most once.
  void reserve(std::size_t count) {
    if (count * 4 > slots_.size() * 3) grow(count);
  }

  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (used_[i]) f(slots_[i].key, slots_[i].value);
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return slots_.capacity() * sizeof(Slot) + used_.capacity();
  }

 private:
  struct Slot {
    Key key;
    Value value;
  };

  void grow(std::size_t count) {
    std::size_t capacity = 16;
    while (count * 4 > capacity * 3) capacity *= 2;
    std::vector<Slot> old_slots(capacity);
    std::vector<std::uint8_t> old_used(capacity, 0);
    old_slots.swap(slots_);
    old_used.swap(used_);
    mask_ = capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < old_slots.size(); ++i)
      if (old_used[i]) try_emplace(old_slots[i].key, old_slots[i].value);
  }

  std::vector<Slot> slots_;
  std::vector<std::uint8_t> used_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace mandate::detail
