#include "facts/names.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

namespace mandate::detail {
namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

std::uint64_t hash_of(std::string_view name) noexcept { return std::hash<std::string_view>{}(name); }

}  // namespace

NameTable::NameTable() {
  names_.emplace_back();
  slots_.resize(64);
  mask_ = slots_.size() - 1;
}

NameId NameTable::find(std::string_view name) const noexcept {
  if (name.empty()) return no_name;
  const std::uint64_t hash = hash_of(name);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot slot = slots_[i];
    if (slot.id == 0) return no_name;
    if (slot.hash == tag && names_[slot.id] == name) return slot.id;
  }
}

NameId NameTable::intern(std::string_view name) {
  if (name.empty()) return no_name;
  if (const NameId found = find(name)) return found;
  if ((names_.size() + 1) * 4 > slots_.size() * 3) grow();
  const auto id = static_cast<NameId>(names_.size());
  names_.push_back(store(name));
  const std::uint64_t hash = hash_of(name);
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
    const std::size_t grown = std::min(chunk_bytes, std::size_t{4096} << std::min<std::size_t>(chunks_.size(), 4));
    const std::size_t capacity = std::max(grown, name.size());
    chunks_.push_back(Chunk{std::make_unique<char[]>(capacity), capacity});
    chunk_used_ = 0;
  }
  char* at = chunks_.back().bytes.get() + chunk_used_;
  std::memcpy(at, name.data(), name.size());
  chunk_used_ += name.size();
  return {at, name.size()};
}

void NameTable::grow() {
  std::vector<Slot> slots(slots_.size() * 2);
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
  std::size_t bytes = names_.capacity() * sizeof(std::string_view) + slots_.capacity() * sizeof(Slot) +
                      chunks_.capacity() * sizeof(Chunk);
  for (const Chunk& chunk : chunks_) bytes += chunk.capacity;
  return bytes;
}

}  // namespace mandate::detail
