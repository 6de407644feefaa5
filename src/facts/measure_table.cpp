#include "facts/measure_table.hpp"

#include <algorithm>
#include <limits>

namespace mandate::detail {

std::size_t MeasureTable::column_index(const MeasureKey& key) const noexcept {
  const std::uint32_t* index = column_of_.find(ColumnKey{key.metric, key.year, key.period});
  return index ? *index : Column::none;
}

const MeasureRecord* MeasureTable::find(const MeasureKey& key) const noexcept {
  const std::size_t index = column_index(key);
  if (index == Column::none) return nullptr;
  const Column& column = columns_[index];
  if (const std::size_t slot = column.slot_of(key.subject); slot != Column::none)
    return column.present(slot) ? &column.dense[slot] : nullptr;
  return column.sparse.find(key.subject);
}

std::pair<MeasureRecord*, bool> MeasureTable::try_emplace(const MeasureKey& key,
                                                          const MeasureRecord& value) {
  const auto [index, added] = column_of_.try_emplace(ColumnKey{key.metric, key.year, key.period},
                                                     static_cast<std::uint32_t>(columns_.size()));
  if (added) columns_.emplace_back().key = {key.metric, key.year, key.period};
  Column& column = columns_[*index];
  if (const std::size_t slot = column.slot_of(key.subject); slot != Column::none) {
    if (column.present(slot)) return {&column.dense[slot], false};
    column.fill(slot, value);
    ++size_;
    return {&column.dense[slot], true};
  }
  // Outside the range, the id may be in the map already.
  if (MeasureRecord* present = column.sparse.find(key.subject)) return {present, false};
  ++size_;
  if (extend(column, key.subject, value)) return {&column.dense[column.slot_of(key.subject)], true};
  MeasureRecord* record = column.sparse.try_emplace(key.subject, value).first;
  if (column.sparse.size() < column.next_arrangement) return {record, true};
  rearrange(column);
  const std::size_t slot = column.slot_of(key.subject);
  return {slot != Column::none ? &column.dense[slot] : column.sparse.find(key.subject), true};
}

bool MeasureTable::extend(Column& column, NameId subject, const MeasureRecord& value) {
  if (column.dense.empty() || subject < column.base) return false;
  const std::size_t range = static_cast<std::size_t>(subject - column.base) + 1;
  if ((column.dense_count + 1) * 2 < range) return false;
  const std::size_t covered = column.dense.size();
  column.cover(range);
  take_covered(column, covered);
  column.fill(range - 1, value);
  return true;
}

void MeasureTable::take_covered(Column& column, std::size_t slot) {
  // An id is in one place: those of the map the range now covers (given
  // before the range reached them) move into the array. At most as many
  // probes as the array grew by.
  for (; slot < column.dense.size() && column.sparse.size() != 0; ++slot) {
    const NameId id = column.base + static_cast<NameId>(slot);
    if (const MeasureRecord* record = column.sparse.find(id)) {
      column.fill(slot, *record);
      column.sparse.erase(id);
    }
  }
}

void MeasureTable::prepare(std::span<const std::pair<MeasureKey, MeasureRecord>> batch) {
  struct Ids {
    NameId low = std::numeric_limits<NameId>::max();
    NameId high = 0;
    std::size_t count = 0;
  };
  FlatMap<ColumnKey, std::uint32_t, ColumnKeyHash> index_of;
  std::vector<std::pair<ColumnKey, Ids>> columns;
  for (const auto& [key, record] : batch) {
    const auto [index, added] = index_of.try_emplace(ColumnKey{key.metric, key.year, key.period},
                                                     static_cast<std::uint32_t>(columns.size()));
    if (added) columns.emplace_back(ColumnKey{key.metric, key.year, key.period}, Ids{});
    Ids& ids = columns[*index].second;
    ids.low = std::min(ids.low, key.subject);
    ids.high = std::max(ids.high, key.subject);
    ++ids.count;
  }
  for (const auto& [key, ids] : columns) {
    const auto [index, added] =
        column_of_.try_emplace(key, static_cast<std::uint32_t>(columns_.size()));
    if (added) columns_.emplace_back().key = key;
    Column& column = columns_[*index];
    const bool empty = column.dense.empty();
    const NameId low = empty ? ids.low : std::min(ids.low, column.base);
    const std::size_t high =
        empty ? ids.high : std::max<std::size_t>(ids.high, column.base + column.dense.size() - 1);
    const std::size_t range = high - low + 1;
    const std::size_t records = column.dense_count + column.sparse.size() + ids.count;
    if (records < smallest_array || records * 2 < range) continue;
    if (!empty && low == column.base) {
      const std::size_t covered = column.dense.size();
      column.cover(range);
      take_covered(column, covered);
    } else {
      place(column, records_of(column), low, range);
    }
  }
}

bool MeasureTable::erase(const MeasureKey& key) noexcept {
  const std::size_t index = column_index(key);
  if (index == Column::none) return false;
  Column& column = columns_[index];
  if (const std::size_t slot = column.slot_of(key.subject); slot != Column::none) {
    if (!column.present(slot)) return false;
    column.filled[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    --column.dense_count;
  } else if (!column.sparse.erase(key.subject)) {
    return false;
  }
  --size_;
  return true;
}

std::vector<std::pair<NameId, MeasureRecord>> MeasureTable::records_of(const Column& column) {
  std::vector<std::pair<NameId, MeasureRecord>> records;
  records.reserve(column.dense_count + column.sparse.size());
  for (std::size_t slot = 0; slot < column.dense.size(); ++slot)
    if (column.present(slot))
      records.emplace_back(column.base + static_cast<NameId>(slot), column.dense[slot]);
  column.sparse.for_each([&](const NameId& subject, const MeasureRecord& record) {
    records.emplace_back(subject, record);
  });
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return records;
}

void MeasureTable::rearrange(Column& column) {
  const std::vector<std::pair<NameId, MeasureRecord>> records = records_of(column);
  // The window [first, last] of the sorted ids, at least half full, that
  // holds the most records: for each last, the lowest first that keeps the
  // window half full, found by moving first forward only.
  const auto span = [&](std::size_t first, std::size_t last) {
    return static_cast<std::size_t>(records[last].first - records[first].first) + 1;
  };
  std::size_t best_first = 0;
  std::size_t best_count = 0;
  for (std::size_t first = 0, last = 0; last < records.size(); ++last) {
    while ((last - first + 1) * 2 < span(first, last)) ++first;
    if (last - first + 1 > best_count) {
      best_first = first;
      best_count = last - first + 1;
    }
  }
  if (best_count >= smallest_array)
    place(column, records, records[best_first].first,
          span(best_first, best_first + best_count - 1));
  else
    place(column, records, 0, 0);
}

void MeasureTable::place(Column& column, std::span<const std::pair<NameId, MeasureRecord>> records,
                         NameId base, std::size_t range) {
  // Each arrangement moves every record, and the next waits until the map
  // has taken a quarter as many more: a record is moved a few times at most.
  Column arranged;
  arranged.key = column.key;
  arranged.base = base;
  arranged.cover(range);
  for (const auto& [subject, record] : records) {
    if (const std::size_t slot = arranged.slot_of(subject); slot != Column::none)
      arranged.fill(slot, record);
    else
      arranged.sparse.try_emplace(subject, record);
  }
  arranged.next_arrangement = arranged.sparse.size() + std::max(smallest_array, records.size() / 4);
  column = std::move(arranged);
}

std::size_t MeasureTable::memory_bytes() const noexcept {
  std::size_t bytes = column_of_.memory_bytes() + columns_.capacity() * sizeof(Column);
  for (const Column& column : columns_)
    bytes += column.dense.capacity() * sizeof(MeasureRecord) +
             column.filled.capacity() * sizeof(std::uint64_t) + column.sparse.memory_bytes();
  return bytes;
}

}  // namespace mandate::detail
