// The store's measures, by column: one column per metric, year and period,
// and in each column the subjects' records. A metric measured for a million
// units fills its column: an array over the range of their name ids holds
// it in 24 bytes a record, where a hash map of every measure took 86 and
// grew by copying the whole of itself (decision 0064).
#pragma once

#include <mandate/facts.hpp>

#include "support/flat_map.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace mandate::detail {

struct MeasureKey {
  NameId metric = no_name;
  NameId subject = no_name;
  std::int32_t year = 0;
  std::uint32_t period = 0;  // 0: the year; else a part of it, packed (pack_period)
  friend bool operator==(const MeasureKey&, const MeasureKey&) = default;
};
struct MeasureKeyHash {
  std::size_t operator()(const MeasureKey& k) const noexcept {
    return mix64((std::uint64_t{k.metric} << 32 | k.subject) ^
                 mix64(static_cast<std::uint32_t>(k.year) ^ std::uint64_t{k.period} << 32));
  }
};

/// Measures by key, with the interface of the FlatMap it replaces. Each
/// column keeps the subjects of a dense range of name ids in an array (with
/// a bit for each slot that holds a record) and the others in a map; an id
/// is in one of the two, never both. The array grows at its end while it
/// stays at least half full; whenever the map has grown by a quarter of the
/// column's records, the range is chosen again: the window of ids, at least
/// half full, that holds the most records. So a column filled in any order
/// ends up mostly an array, and a few ids far from the rest stay in the map.
class MeasureTable {
 public:
  /// A column keeps a map alone until it has this many records.
  static constexpr std::size_t smallest_array = 64;

  [[nodiscard]] const MeasureRecord* find(const MeasureKey& key) const noexcept;
  /// Inserts when absent. Returns the stored record and whether it was
  /// inserted; the pointer lasts until the next insertion or erasure.
  std::pair<MeasureRecord*, bool> try_emplace(const MeasureKey& key, const MeasureRecord& value);
  bool erase(const MeasureKey& key) noexcept;
  /// Before a batch of insertions (a load's commit): each column the batch
  /// would leave at least half full over the range of its ids gets its array
  /// over that range at once, so that ids coming in any order go straight
  /// to their slots instead of through the map.
  void prepare(std::span<const std::pair<MeasureKey, MeasureRecord>> batch);

  /// Calls f(key, record) for every measure, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Column& column : columns_) {
      for (std::size_t i = 0; i < column.dense.size(); ++i)
        if (column.present(i))
          f(column.key_of(column.base + static_cast<NameId>(i)), column.dense[i]);
      column.sparse.for_each([&](const NameId& subject, const MeasureRecord& record) {
        f(column.key_of(subject), record);
      });
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  struct ColumnKey {
    NameId metric = no_name;
    std::int32_t year = 0;
    std::uint32_t period = 0;
    friend bool operator==(const ColumnKey&, const ColumnKey&) = default;
  };
  struct ColumnKeyHash {
    std::size_t operator()(const ColumnKey& k) const noexcept {
      return mix64(std::uint64_t{k.metric} << 32 ^ static_cast<std::uint32_t>(k.year) ^
                   mix64(k.period));
    }
  };
  struct IdHash {
    std::size_t operator()(NameId id) const noexcept { return mix64(id); }
  };

  struct Column {
    ColumnKey key;
    NameId base = 0;                    // the name id of dense[0]
    std::vector<MeasureRecord> dense;   // the records of ids base, base + 1, …
    std::vector<std::uint64_t> filled;  // a bit per slot of `dense`
    std::size_t dense_count = 0;        // slots filled
    /// The size the map may reach before the range is chosen again.
    std::size_t next_arrangement = smallest_array;
    FlatMap<NameId, MeasureRecord, IdHash> sparse;  // ids outside the range

    [[nodiscard]] bool present(std::size_t slot) const noexcept {
      return (filled[slot / 64] >> (slot % 64) & 1) != 0;
    }
    /// Puts `record` in the free slot `slot` of the array.
    void fill(std::size_t slot, const MeasureRecord& record) noexcept {
      dense[slot] = record;
      filled[slot / 64] |= std::uint64_t{1} << (slot % 64);
      ++dense_count;
    }
    /// Makes the array cover ids base .. base + range - 1 (only ever wider).
    void cover(std::size_t range) {
      dense.resize(range);
      filled.resize((range + 63) / 64);
    }
    [[nodiscard]] MeasureKey key_of(NameId subject) const noexcept {
      return {key.metric, subject, key.year, key.period};
    }
    /// The slot of `subject` in `dense`, or none.
    [[nodiscard]] std::size_t slot_of(NameId subject) const noexcept {
      const std::size_t slot = static_cast<std::size_t>(subject) - base;
      return subject >= base && slot < dense.size() ? slot : none;
    }
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
  };

  /// The index of the column of `key` in columns_, or none.
  [[nodiscard]] std::size_t column_index(const MeasureKey& key) const noexcept;
  /// Chooses the range anew (see the class comment).
  static void rearrange(Column& column);
  /// The column's records, by id.
  [[nodiscard]] static std::vector<std::pair<NameId, MeasureRecord>> records_of(
      const Column& column);
  /// Lays the column out again with its array over ids base .. base + range
  /// - 1; `records` are all of its records, by id.
  static void place(Column& column, std::span<const std::pair<NameId, MeasureRecord>> records,
                    NameId base, std::size_t range);
  /// Moves the ids of the map that the array covers from `slot` on into it.
  static void take_covered(Column& column, std::size_t slot);
  /// Stores a record at `subject` in the array when the range, grown to
  /// take it, stays at least half full (ids that come in ascending order,
  /// as a loader gives them); false otherwise. Ids of the map that the
  /// grown range covers move into the array.
  static bool extend(Column& column, NameId subject, const MeasureRecord& value);

  FlatMap<ColumnKey, std::uint32_t, ColumnKeyHash> column_of_;
  std::vector<Column> columns_;
  std::size_t size_ = 0;
};

}  // namespace mandate::detail
