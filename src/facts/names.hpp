// Interned names: every distinct string of the plan and the facts is stored
// once, in an arena that never moves, and is known by a dense 32-bit id.
#pragma once

#include <mandate/facts.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate::detail {

namespace bytes {
[[nodiscard]] inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
[[nodiscard]] inline std::uint64_t load32(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
[[nodiscard]] inline std::uint64_t mum(std::uint64_t a, std::uint64_t b) noexcept {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
}  // namespace bytes

/// A fast hash of a name, inlined: names are short (a few CJK characters and
/// digits), so at most two overlapping loads and one 128-bit multiply for
/// up to 16 bytes (after wyhash). Never seeded: the same bytes always hash
/// alike, though nothing depends on it (ids follow the order of interning).
[[nodiscard]] inline std::uint64_t hash_name(std::string_view name) noexcept {
  using namespace bytes;
  constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL;
  constexpr std::uint64_t k1 = 0xe7037ed1a0b428dbULL;
  constexpr std::uint64_t k2 = 0x8ebc6af09c88c6e3ULL;
  const char* p = name.data();
  const std::size_t n = name.size();
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::uint64_t seed = k0 ^ n;
  if (n <= 16) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
          static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8 |
          static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    std::size_t i = 0;
    for (; i + 16 < n; i += 16) seed = mum(load64(p + i) ^ k1, load64(p + i + 8) ^ seed);
    a = load64(p + n - 16);
    b = load64(p + n - 8);
  }
  return mum(k1 ^ n, mum(a ^ k1, b ^ seed) ^ k2);
}

/// Byte equality of two names of the same length `n`, inlined for short ones.
[[nodiscard]] inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  using namespace bytes;
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return ((load64(a) ^ load64(b)) | (load64(a + n - 8) ^ load64(b + n - 8))) == 0;
  }
  if (n >= 4) return ((load32(a) ^ load32(b)) | (load32(a + n - 4) ^ load32(b + n - 4))) == 0;
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}
/// Copies `n` bytes, inlined for short names.
inline void copy_bytes(char* to, const char* from, std::size_t n) noexcept {
  using namespace bytes;
  if (n >= 8 && n <= 16) {
    const std::uint64_t head = load64(from);
    const std::uint64_t tail = load64(from + n - 8);
    std::memcpy(to, &head, 8);
    std::memcpy(to + n - 8, &tail, 8);
  } else if (n >= 4 && n < 8) {
    const auto head = static_cast<std::uint32_t>(load32(from));
    const auto tail = static_cast<std::uint32_t>(load32(from + n - 4));
    std::memcpy(to, &head, 4);
    std::memcpy(to + n - 4, &tail, 4);
  } else if (n < 4) {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
  } else {
    std::memcpy(to, from, n);
  }
}
[[nodiscard]] inline bool same_name(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

class NameTable {
 public:
  NameTable();  // id 0 is the empty name (no_name)
  /// A copy with the same ids, its names in one chunk of its own (a store's
  /// snapshot is copied on its first change).
  NameTable(const NameTable& other);
  NameTable& operator=(const NameTable&) = delete;
  NameTable(NameTable&&) noexcept = default;
  NameTable& operator=(NameTable&&) noexcept = default;

  /// no_name when the name was never interned. Safe to call concurrently.
  [[nodiscard]] NameId find(std::string_view name) const noexcept {
    if (name.empty()) return no_name;
    return find(name, hash_name(name));
  }
  /// The same, with the name's hash_name() already computed.
  [[nodiscard]] NameId find(std::string_view name, std::uint64_t hash) const noexcept {
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot slot = slots_[i];
      if (slot.id == 0) return no_name;
      if (slot.hash == tag && same_name(names_[slot.id], name)) return slot.id;
    }
  }
  /// Starts fetching the slot where `name` would be found.
  void prefetch(std::string_view name) const noexcept {
    const Slot* slot = slots_.data() + (hash_name(name) & mask_);
    __builtin_prefetch(slot);
    // GCC judges a function that only prefetches to have no effect and
    // drops calls to it: this empty statement says otherwise.
    asm volatile("" : : "r"(slot));
  }
  /// find() of each name (ids[i] for names[i]), a few rows at once: the
  /// slot, the name's entry and its bytes of rows further on are fetched
  /// while a row is looked up, where one find() at a time waits for each.
  void find_all(std::span<const std::string_view> names, std::span<NameId> ids) const noexcept;
  /// Makes room for `count` more names, so that interning them rehashes once.
  void reserve(std::size_t count);
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
  void grow(std::size_t capacity);

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
  /// Makes room for `count` keys in all, so that inserting them rehashes at most once.
  void reserve(std::size_t count);
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  /// Starts fetching the slot where `key` would be found.
  void prefetch(std::string_view key) const noexcept {
    if (slots_.empty()) return;
    const Slot* slot = slots_.data() + (hash_name(key) & (slots_.size() - 1));
    __builtin_prefetch(slot);
    asm volatile("" : : "r"(slot));  // see NameTable::prefetch
  }
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
  void grow(std::size_t capacity);
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace mandate::detail
