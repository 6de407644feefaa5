#include "facts/measure_table.hpp"

#include <algorithm>

namespace mandate::detail {
const MeasureTable::Column* MeasureTable::column(const MeasureKey& key) const noexcept {
  const std::uint32_t* index = column_of_.find(ColumnKey{key.metric, key.year, key.period});
  return index ? &columns_[*index] : nullptr;
}

const MeasureRecord* MeasureTable::find(const MeasureKey& key) const noexcept {
  const Column* found = column(key);
  if (!found) return nullptr;
  if (const std::size_t slot = found->slot_of(key.subject); slot != Column::none)
    return found->present(slot) ? &found->dense[slot] : nullptr;
  return found->sparse.find(key.subject);
}

std::pair<MeasureRecord*, bool> MeasureTable::try_emplace(const MeasureKey& key,
                                                          const MeasureRecord& value) {
  const auto [index, added] = column_of_.try_emplace(ColumnKey{key.metric, key.year, key.period},
                                                     static_cast<std::uint32_t>(columns_.size()));
  if (added) columns_.emplace_back().key = {key.metric, key.year, key.period};
  Column& column = columns_[*index];
  if (const std::size_t slot = column.slot_of(key.subject); slot != Column::none) {
    if (column.present(slot)) return {&column.dense[slot], false};
    column.dense[slot] = value;
    column.filled[slot / 64] |= std::uint64_t{1} << (slot % 64);
    ++column.dense_count;
    ++size_;
    return {&column.dense[slot], true};
  }
  if (extend(column, key.subject, value)) {
    ++size_;
    return {&column.dense[column.slot_of(key.subject)], true};
  }
  const auto [record, inserted] = column.sparse.try_emplace(key.subject, value);
  if (!inserted) return {record, false};
  ++size_;
  if (column.sparse.size() < column.next_arrangement) return {record, true};
  rearrange(column);
  const std::size_t slot = column.slot_of(key.subject);
  return {slot != Column::none ? &column.dense[slot]
                               : const_cast<MeasureRecord*>(column.sparse.find(key.subject)),
          true};
}

bool MeasureTable::extend(Column& column, NameId subject, const MeasureRecord& value) {
  if (column.dense.empty() || subject < column.base) return false;
  const std::size_t range = static_cast<std::size_t>(subject - column.base) + 1;
  if ((column.dense_count + 1) * 2 < range) return false;
  column.dense.resize(range);
  column.filled.resize((range + 63) / 64);
  const std::size_t slot = range - 1;
  column.dense[slot] = value;
  column.filled[slot / 64] |= std::uint64_t{1} << (slot % 64);
  ++column.dense_count;
  return true;
}

bool MeasureTable::erase(const MeasureKey& key) noexcept {
  const Column* found = column(key);
  if (!found) return false;
  Column& column = columns_[static_cast<std::size_t>(found - columns_.data())];
  if (const std::size_t slot = column.slot_of(key.subject); slot != Column::none) {
    if (!column.present(slot)) return false;
    column.filled[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    --column.dense_count;
    --size_;
    return true;
  }
  if (!column.sparse.erase(key.subject)) return false;
  --size_;
  return true;
}

void MeasureTable::rearrange(Column& column) {
  std::vector<std::pair<NameId, MeasureRecord>> records;
  records.reserve(column.dense_count + column.sparse.size());
  for (std::size_t slot = 0; slot < column.dense.size(); ++slot)
    if (column.present(slot))
      records.emplace_back(column.base + static_cast<NameId>(slot), column.dense[slot]);
  column.sparse.for_each([&](const NameId& subject, const MeasureRecord& record) {
    records.emplace_back(subject, record);
  });
  const auto [lowest, highest] =
      std::minmax_element(records.begin(), records.end(),
                          [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::size_t range = static_cast<std::size_t>(highest->first - lowest->first) + 1;
  if (records.size() * 2 < range) {
    // Too sparse: the map keeps them until it has doubled, so that a column
    // that stays sparse is not scanned again and again.
    column.next_arrangement = 2 * records.size();
    return;
  }
  // Each arrangement moves every record, and the next waits until the map
  // holds a quarter as many more: a record is moved a few times at most.
  Column arranged;
  arranged.key = column.key;
  arranged.base = lowest->first;
  arranged.next_arrangement = std::max(smallest_array, records.size() / 4);
  arranged.dense.resize(range);
  arranged.filled.resize((range + 63) / 64);
  for (const auto& [subject, record] : records) {
    const std::size_t slot = subject - arranged.base;
    arranged.dense[slot] = record;
    arranged.filled[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }
  arranged.dense_count = records.size();
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
