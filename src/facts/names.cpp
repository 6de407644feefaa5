#include "facts/names.hpp"

#include <algorithm>
#include <cstring>

namespace mandate::detail {
namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

std::uint64_t hash_of(std::string_view name) noexcept { return hash_name(name); }

}  // namespace

NameTable::NameTable() {
  names_.emplace_back();
  slots_.resize(64);
  mask_ = slots_.size() - 1;
}

NameTable::NameTable(const NameTable& other) : slots_(other.slots_), mask_(other.mask_) {
  std::size_t bytes = 0;
  for (const std::string_view name : other.names_) bytes += name.size();
  if (bytes > 0) {
    chunks_.push_back(Chunk{std::make_unique<char[]>(bytes), bytes});
    chunk_used_ = 0;
  }
  names_.reserve(other.names_.size());
  names_.emplace_back();
  for (std::size_t id = 1; id < other.names_.size(); ++id) {
    const std::string_view name = other.names_[id];
    char* at = chunks_.back().bytes.get() + chunk_used_;
    std::memcpy(at, name.data(), name.size());
    chunk_used_ += name.size();
    names_.emplace_back(at, name.size());
  }
}

void NameTable::find_all(std::span<const std::string_view> names,
                         std::span<NameId> ids) const noexcept {
  // Three stages ahead of the lookup: the home slot (far), the entry of the
  // id found there (nearer), the bytes it points to (next). A guess that
  // misses only costs its prefetches.
  constexpr std::size_t far = 24;
  constexpr std::size_t nearer = 16;
  constexpr std::size_t next = 8;
  const auto home = [&](std::size_t row) -> const Slot& {
    return slots_[hash_name(names[row]) & mask_];
  };
  for (std::size_t row = 0; row < names.size(); ++row) {
    if (row + far < names.size() && !names[row + far].empty()) __builtin_prefetch(&home(row + far));
    if (row + nearer < names.size() && !names[row + nearer].empty())
      if (const NameId guess = home(row + nearer).id; guess != 0)
        __builtin_prefetch(&names_[guess]);
    if (row + next < names.size() && !names[row + next].empty())
      if (const NameId guess = home(row + next).id; guess != 0)
        __builtin_prefetch(names_[guess].data());
    ids[row] = find(names[row]);
  }
}

void NameTable::reserve(std::size_t count) {
  names_.reserve(names_.size() + count);
  std::size_t slots = slots_.size();
  while ((names_.size() + count) * 4 > slots * 3) slots *= 2;
  if (slots != slots_.size()) grow(slots);
}

NameId NameTable::intern(std::string_view name) {
  if (name.empty()) return no_name;
  std::uint64_t hash = hash_of(name);
  if (const NameId found = find(name, hash)) return found;
  if ((names_.size() + 1) * 4 > slots_.size() * 3) grow(slots_.size() * 2);
  const auto id = static_cast<NameId>(names_.size());
  names_.push_back(store(name));
  for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
    if (slots_[i].id == 0) {
      slots_[i] = Slot{id, static_cast<std::uint32_t>(hash >> 32)};
      return id;
    }
  }
}

std::string_view NameTable::store(std::string_view name) {
  // Names live in chunks that never move, so string_views into them stay
  // valid as the table grows; a name longer than a chunk gets its own.
  if (chunks_.empty() || chunk_used_ + name.size() > chunks_.back().capacity) {
    // Chunks double from 4 KiB to 64 KiB: a plan alone stays small.
    const std::size_t grown =
        std::min(chunk_bytes, std::size_t{4096} << std::min<std::size_t>(chunks_.size(), 4));
    const std::size_t capacity = std::max(grown, name.size());
    chunks_.push_back(Chunk{std::make_unique<char[]>(capacity), capacity});
    chunk_used_ = 0;
  }
  char* at = chunks_.back().bytes.get() + chunk_used_;
  std::memcpy(at, name.data(), name.size());
  chunk_used_ += name.size();
  return {at, name.size()};
}

void NameTable::grow(std::size_t capacity) {
  std::vector<Slot> slots(capacity);
  const std::size_t mask = slots.size() - 1;
  for (NameId id = 1; id < names_.size(); ++id) {
    const std::uint64_t hash = hash_of(names_[id]);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots[i].id == 0) {
        slots[i] = Slot{id, static_cast<std::uint32_t>(hash >> 32)};
        break;
      }
    }
  }
  slots_.swap(slots);
  mask_ = mask;
}

std::size_t NameTable::memory_bytes() const noexcept {
  std::size_t bytes = names_.capacity() * sizeof(std::string_view) +
                      slots_.capacity() * sizeof(Slot) + chunks_.capacity() * sizeof(Chunk);
  for (const Chunk& chunk : chunks_) bytes += chunk.capacity;
  return bytes;
}

}  // namespace mandate::detail

namespace mandate::detail {

std::string_view Arena::keep(std::string_view text) {
  if (text.empty()) return {};
  if (used_ + text.size() > capacity_) {
    capacity_ = std::max(chunk_bytes, text.size());
    chunks_.push_back(std::make_unique<char[]>(capacity_));
    used_ = 0;
  }
  char* at = chunks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

const std::uint32_t* StringMap::find(std::string_view key) const noexcept {
  if (size_ == 0) return nullptr;
  const std::uint64_t hash = hash_of(key);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (!slot.used) return nullptr;
    if (slot.hash == tag && same_name(slot.key, key)) return &slot.value;
  }
}

std::pair<std::uint32_t*, bool> StringMap::try_emplace(std::string_view key, std::uint32_t value) {
  if ((size_ + 1) * 4 > slots_.size() * 3) grow(std::max<std::size_t>(16, slots_.size() * 2));
  const std::uint64_t hash = hash_of(key);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (!slot.used) {
      slot = Slot{key, value, tag, true};
      ++size_;
      return {&slot.value, true};
    }
    if (slot.hash == tag && same_name(slot.key, key)) return {&slot.value, false};
  }
}

void StringMap::reserve(std::size_t count) {
  std::size_t capacity = std::max<std::size_t>(16, slots_.size());
  while (count * 4 > capacity * 3) capacity *= 2;
  if (capacity != slots_.size()) grow(capacity);
}

void StringMap::grow(std::size_t capacity) {
  std::vector<Slot> old(capacity);
  old.swap(slots_);
  size_ = 0;
  for (const Slot& slot : old)
    if (slot.used) try_emplace(slot.key, slot.value);
}

}  // namespace mandate::detail
