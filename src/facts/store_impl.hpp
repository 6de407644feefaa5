// The inside of FactStore, shared by the store (queries, commit) and the
// loaders (validation and staging, src/facts/load.hpp).
#pragma once

#include <mandate/facts.hpp>

#include "facts/measure_table.hpp"
#include "facts/names.hpp"
#include "support/flat_map.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mandate::detail {

/// The day of the week of `day`, 0 for Monday to 6 for Sunday
/// (1970-01-01, day 0, was a Thursday).
[[nodiscard]] inline int weekday_of(DayNumber day) noexcept { return ((day % 7) + 7 + 3) % 7; }

/// What a name means in the plan: a symbol of some kind (aliases of bodies
/// included), or nothing.
struct PlanRef {
  std::uint32_t index = 0;
  std::uint8_t kind = none;  // a SymbolKind, or none
  static constexpr std::uint8_t none = 0xFF;
  [[nodiscard]] bool is(SymbolKind k) const noexcept {
    return kind == static_cast<std::uint8_t>(k);
  }
  [[nodiscard]] bool known() const noexcept { return kind != none; }
};

struct UnitRecord {
  NameId name = no_name;    // canonical name
  NameId kind = no_name;    // the kind's name
  NameId parent = no_name;  // canonical name of the parent, or no_name
  Index kind_index = 0;     // index into Plan::kinds
  FactSource source;        // file 0 for the plan's own bodies
};

struct TitleKey {
  NameId title = no_name;
  NameId unit = no_name;
  std::int32_t year = 0;
  NameId programme = no_name;  // a title held per programme: the one it is held in
  friend bool operator==(const TitleKey&, const TitleKey&) = default;
};
struct TitleValue {
  FactSource source;
  DayNumber date = 0;
  bool has_date = false;
};
struct PublishedKey {
  NameId metric = no_name;
  NameId group = no_name;
  NameId unit = no_name;
  std::int32_t year = 0;
  Statistic statistic = Statistic::average;
  std::uint32_t period = 0;  // as MeasureKey::period
  friend bool operator==(const PublishedKey&, const PublishedKey&) = default;
};

struct TitleKeyHash {
  std::size_t operator()(const TitleKey& k) const noexcept {
    return mix64((std::uint64_t{k.title} << 32 | k.unit) ^
                 mix64(static_cast<std::uint32_t>(k.year) ^ std::uint64_t{k.programme} << 32));
  }
};
struct PublishedKeyHash {
  std::size_t operator()(const PublishedKey& k) const noexcept {
    const std::uint64_t a = std::uint64_t{k.metric} << 32 | k.group;
    const std::uint64_t b = std::uint64_t{k.unit} << 32 | static_cast<std::uint32_t>(k.year) << 2 |
                            static_cast<std::uint32_t>(k.statistic);
    return mix64(a ^ mix64(b ^ std::uint64_t{k.period} << 17));
  }
};

/// The events of one (event, unit) pair are events[begin, next group's begin).
struct EventGroup {
  NameId event = no_name;
  NameId unit = no_name;
  std::uint32_t begin = 0;
};

/// groups[first, first + count): the groups of one unit.
struct GroupRange {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

/// A period in 32 bits (EventRecord::for_period): 0 for none, else the kind
/// (3 bits), the index (6 bits) and the year + 1 (23 bits).
[[nodiscard]] constexpr std::uint32_t pack_period(const Period& period) noexcept {
  return static_cast<std::uint32_t>(period.year + 1) << 9 |
         static_cast<std::uint32_t>(period.index) << 3 | static_cast<std::uint32_t>(period.kind);
}
[[nodiscard]] constexpr std::optional<Period> unpack_period(std::uint32_t packed) noexcept {
  if (packed == 0) return std::nullopt;
  return Period{static_cast<PeriodKind>(packed & 7), static_cast<int>(packed >> 9) - 1,
                static_cast<int>(packed >> 3 & 63)};
}

/// Orders events by (unit, event, date, until, by, to, programme, candidate, id, for):
/// the query order, and the order in which identical rows meet. Unit first,
/// so that the events of one unit, which a rule reads together, are
/// neighbours in memory.
[[nodiscard]] inline bool event_less(const EventRecord& a, const EventRecord& b) noexcept {
  if (a.unit != b.unit) return a.unit < b.unit;
  if (a.event != b.event) return a.event < b.event;
  if (a.date != b.date) return a.date < b.date;
  if (a.until != b.until) return a.until < b.until;
  if (a.by != b.by) return a.by < b.by;
  if (a.to != b.to) return a.to < b.to;
  if (a.programme != b.programme) return a.programme < b.programme;
  if (a.candidate != b.candidate) return a.candidate < b.candidate;
  if (a.id != b.id) return a.id < b.id;
  return a.for_period < b.for_period;
}
/// Whether two events fall in one (unit, event) group.
[[nodiscard]] inline bool same_group(const EventRecord& a, const EventRecord& b) noexcept {
  return a.unit == b.unit && a.event == b.event;
}
[[nodiscard]] inline bool same_event(const EventRecord& a, const EventRecord& b) noexcept {
  return a.event == b.event && a.unit == b.unit && a.date == b.date && a.until == b.until &&
         a.by == b.by && a.to == b.to && a.programme == b.programme && a.candidate == b.candidate &&
         a.id == b.id && a.for_period == b.for_period;
}

/// The plan's names by kind of symbol, for "did you mean": ids, so that a
/// copy of the store's data needs nothing made anew.
struct PlanNameLists {
  std::vector<NameId> of_kind[12];
};

/// The store's data. FactStore::Impl is private to FactStore; the loaders
/// work on this base instead.
struct StoreData {
  std::shared_ptr<const Plan> plan;
  NameTable names;
  std::vector<PlanRef> plan_ref;            // by NameId, for the plan's names (the first ids)
  std::vector<std::uint32_t> unit_of_name;  // by NameId: index into units + 1, or 0
  std::vector<UnitRecord> units;            // plan bodies, then fact units in load order
  std::vector<std::string> sources;         // [0] is the plan
  std::vector<NameId> kind_names;           // by kind index
  /// By kind index: positions in `units`, in their order, so that "all
  /// 县区" reads 2,850 records rather than all 656,542.
  std::vector<std::vector<std::uint32_t>> units_of_kind;

  std::vector<EventRecord> events;  // sorted by event_less
  std::vector<EventGroup> groups;   // sorted by (unit, event); a sentinel at the end
  /// By position in `units`: the unit's groups, a run of `groups` ordered by
  /// event. A lookup reads the unit's few groups, next to each other, instead
  /// of probing a table as large as all groups.
  std::vector<GroupRange> groups_of_unit;
  FlatMap<TitleKey, TitleValue, TitleKeyHash> titles;
  MeasureTable measures;
  FlatMap<PublishedKey, MeasureRecord, PublishedKeyHash> published;
  /// The holiday calendar by day, and the years it lists a day of.
  std::map<DayNumber, CalendarRecord> calendar;
  std::set<int> calendar_years;
  /// unit → the body it reports to, for the units that have one.
  std::unordered_map<NameId, NameId> superiors;
  /// Plan bodies that report to several (`reports_to 县政府, 县委`): all of
  /// them, in the plan's order; `superiors` holds the first.
  std::unordered_map<NameId, std::vector<NameId>> several_superiors;
  /// Rows rejected by loads that kept their good rows (LoadPolicy::
  /// keep_good_rows): the facts held are fewer than the facts given.
  std::size_t rows_left_out = 0;

  PlanNameLists plan_names;

  explicit StoreData(std::shared_ptr<const Plan> plan);
  /// A copy of everything, for a store's snapshot on its first change.
  StoreData(const StoreData& other) = default;
  StoreData& operator=(const StoreData&) = delete;

  [[nodiscard]] PlanRef ref(NameId id) const noexcept {
    return id < plan_ref.size() ? plan_ref[id] : PlanRef{};
  }
  /// Start fetching what unit(id) reads: the slot of the id, then (once the
  /// slot is in cache) the record.
  void prefetch_unit_slot(NameId id) const noexcept {
    if (id < unit_of_name.size()) __builtin_prefetch(&unit_of_name[id]);
  }
  void prefetch_unit(NameId id) const noexcept {
    if (id < unit_of_name.size() && unit_of_name[id])
      __builtin_prefetch(&units[unit_of_name[id] - 1]);
  }
  /// The unit a name (canonical or alias) stands for, or null.
  [[nodiscard]] const UnitRecord* unit(NameId id) const noexcept {
    return id < unit_of_name.size() && unit_of_name[id] ? &units[unit_of_name[id] - 1] : nullptr;
  }
  /// Appends a unit to `units` and its kind's list; returns its position + 1.
  std::uint32_t add_unit(const UnitRecord& record) {
    units.push_back(record);
    if (record.kind_index >= units_of_kind.size()) units_of_kind.resize(record.kind_index + 1);
    units_of_kind[record.kind_index].push_back(static_cast<std::uint32_t>(units.size() - 1));
    return static_cast<std::uint32_t>(units.size());
  }
  [[nodiscard]] std::uint32_t find_group(NameId event,
                                         NameId unit) const noexcept;  // index or UINT32_MAX
  void rebuild_group_index();
  /// `groups` found again from `events`, then the index of each unit's.
  void rebuild_groups();
  /// plan_names, from plan_ref and names.
  void index_plan_names();
};

}  // namespace mandate::detail

namespace mandate {

struct FactStore::Impl : detail::StoreData {
  explicit Impl(std::shared_ptr<const Plan> plan) : StoreData(std::move(plan)) {}
  Impl(const Impl&) = default;
};

}  // namespace mandate
