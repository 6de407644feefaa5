// FactStore: construction from a plan, queries, memory accounting. Loading
// is in load.cpp (validation, staging, commit) and loaders.cpp (formats).
#include <mandate/facts.hpp>

#include "facts/store_impl.hpp"
#include "facts/text.hpp"

#include <gsl/assert>

#include <algorithm>
#include <stdexcept>

namespace mandate {

std::string_view fact_kind_name(FactKind kind) noexcept {
  switch (kind) {
    case FactKind::unit:
      return "unit";
    case FactKind::event:
      return "event";
    case FactKind::title:
      return "title";
    case FactKind::measure:
      return "measure";
    case FactKind::published:
      return "published";
    case FactKind::calendar:
      return "calendar";
  }
  return "?";
}

detail::StoreData::StoreData(std::shared_ptr<const Plan> shared) : plan(std::move(shared)) {
  if (!plan) throw std::invalid_argument("FactStore needs a plan");
  sources.push_back(plan->source_name.empty() ? std::string("plan") : plan->source_name);
  // Interned in declaration order, so that ids do not depend on hashing.
  for (const Kind& kind : plan->kinds) kind_names.push_back(names.intern(kind.name));
  for (const Body& body : plan->bodies) {
    names.intern(body.name);
    for (const std::string& alias : body.aliases) names.intern(alias);
  }
  const auto intern_all = [&](const auto& list) {
    for (const auto& item : list) names.intern(item.name);
  };
  intern_all(plan->groups);
  intern_all(plan->parameters);
  intern_all(plan->metrics);
  intern_all(plan->titles);
  intern_all(plan->events);
  intern_all(plan->programmes);
  intern_all(plan->stages);
  intern_all(plan->consequences);
  intern_all(plan->rules);
  intern_all(plan->quotas);
  for (const auto& [name, symbol] : plan->symbols) names.intern(name);

  plan_ref.resize(names.size());
  for (const auto& [name, symbol] : plan->symbols) {
    const NameId id = names.find(name);
    plan_ref[id] = detail::PlanRef{symbol.index, static_cast<std::uint8_t>(symbol.kind)};
  }
  index_plan_names();

  // The plan's bodies are the first units, in declaration order.
  unit_of_name.resize(names.size(), 0);
  units.reserve(plan->bodies.size());
  for (const Body& body : plan->bodies) {
    const NameId id = names.find(body.name);
    const NameId parent = body.parent ? names.find(plan->bodies[*body.parent].name) : no_name;
    const std::uint32_t index = add_unit(
        detail::UnitRecord{id, kind_names[body.kind], parent, body.kind, FactSource{0, 0}});
    unit_of_name[id] = index;
    for (const std::string& alias : body.aliases) unit_of_name[names.find(alias)] = index;
    if (!body.reports_to.empty())
      superiors[id] = names.find(plan->bodies[body.reports_to.front()].name);
    if (body.reports_to.size() > 1)
      for (const Index superior : body.reports_to)
        several_superiors[id].push_back(names.find(plan->bodies[superior].name));
  }
}

void detail::StoreData::index_plan_names() {
  for (auto& list : plan_names.of_kind) list.clear();
  for (NameId id = 1; id < names.size() && id < plan_ref.size(); ++id)
    if (plan_ref[id].known()) plan_names.of_kind[plan_ref[id].kind].push_back(id);
}

void detail::StoreData::rebuild_groups() {
  const auto starts_group = [&](std::size_t i) {
    return i == 0 || !same_group(events[i], events[i - 1]);
  };
  std::size_t count = 0;
  for (std::size_t i = 0; i < events.size(); ++i) count += starts_group(i);
  std::vector<EventGroup> fresh;
  fresh.reserve(count + 1);
  for (std::size_t i = 0; i < events.size(); ++i)
    if (starts_group(i))
      fresh.push_back(EventGroup{events[i].event, events[i].unit, static_cast<std::uint32_t>(i)});
  fresh.push_back(EventGroup{no_name, no_name, static_cast<std::uint32_t>(events.size())});
  groups.swap(fresh);
  rebuild_group_index();
}

std::uint32_t detail::StoreData::find_group(NameId event, NameId unit_name) const noexcept {
  const UnitRecord* record = unit(unit_name);
  if (!record) return UINT32_MAX;
  const auto position = static_cast<std::size_t>(record - units.data());
  if (position >= groups_of_unit.size()) return UINT32_MAX;
  const GroupRange range = groups_of_unit[position];
  for (std::uint32_t g = range.first; g < range.first + range.count; ++g) {
    if (groups[g].event == event) return g;
    if (groups[g].event > event) break;  // ordered by event
  }
  return UINT32_MAX;
}

void detail::StoreData::rebuild_group_index() {
  const std::size_t count = groups.empty() ? 0 : groups.size() - 1;  // the last is a sentinel
  std::vector<GroupRange> ranges(units.size());
  for (std::size_t g = 0; g < count; ++g) {
    const UnitRecord* record = unit(groups[g].unit);
    if (!record) continue;  // every event's unit is known; this only guards
    GroupRange& range = ranges[static_cast<std::size_t>(record - units.data())];
    if (range.count == 0) range.first = static_cast<std::uint32_t>(g);
    ++range.count;
  }
  groups_of_unit.swap(ranges);
}

// ---------------------------------------------------------------------------

FactStore::FactStore(std::shared_ptr<const Plan> plan)
    : impl_(std::make_shared<Impl>(std::move(plan))) {}
FactStore::FactStore(std::shared_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
FactStore::~FactStore() = default;
FactStore::FactStore(FactStore&&) noexcept = default;
FactStore& FactStore::operator=(FactStore&&) noexcept = default;

const Plan& FactStore::plan() const noexcept { return *impl_->plan; }

FactStore FactStore::snapshot() const { return FactStore(impl_); }

FactStore::Impl& FactStore::writable() {
  // Shared with a snapshot (or a VerdictTable): this store gets a copy of
  // its own, and the others keep the facts as they were. A count that
  // another thread is lowering can only make this copy needlessly.
  if (impl_.use_count() > 1) impl_ = std::make_shared<Impl>(*impl_);
  return *impl_;
}

NameId FactStore::find_name(std::string_view name) const noexcept {
  return impl_->names.find(name);
}
std::string_view FactStore::name(NameId id) const noexcept { return impl_->names.name(id); }
const std::string& FactStore::source_name(std::uint32_t file) const {
  return impl_->sources.at(file);
}

NameId FactStore::resolve_unit(std::string_view name) const noexcept {
  const detail::UnitRecord* unit = impl_->unit(impl_->names.find(name));
  return unit ? unit->name : no_name;
}

NameId FactStore::resolve_unit(NameId name) const noexcept {
  const detail::UnitRecord* unit = impl_->unit(name);
  return unit ? unit->name : no_name;
}

void FactStore::resolve_units(std::span<const std::string_view> names,
                              std::span<NameId> units) const {
  Expects(names.size() == units.size());
  impl_->names.find_all(names, units);
  // Each name's unit, its slot and record fetched a few rows ahead.
  const detail::StoreData& store = *impl_;
  for (std::size_t row = 0; row < units.size(); ++row) {
    if (row + 16 < units.size()) store.prefetch_unit_slot(units[row + 16]);
    if (row + 8 < units.size()) store.prefetch_unit(units[row + 8]);
    const detail::UnitRecord* unit = store.unit(units[row]);
    units[row] = unit ? unit->name : no_name;
  }
}

NameId FactStore::unit_kind(NameId unit) const noexcept {
  const detail::UnitRecord* record = impl_->unit(unit);
  return record ? record->kind : no_name;
}

NameId FactStore::unit_parent(NameId unit) const noexcept {
  const detail::UnitRecord* record = impl_->unit(unit);
  return record ? record->parent : no_name;
}

std::span<const NameId> FactStore::unit_superiors(NameId unit) const noexcept {
  const detail::UnitRecord* record = impl_->unit(unit);
  if (!record) return {};
  if (const auto several = impl_->several_superiors.find(record->name);
      several != impl_->several_superiors.end())
    return several->second;
  const auto one = impl_->superiors.find(record->name);
  return one == impl_->superiors.end() ? std::span<const NameId>() : std::span(&one->second, 1);
}

NameId FactStore::unit_superior(NameId unit) const noexcept {
  const detail::UnitRecord* record = impl_->unit(unit);
  if (!record) return no_name;
  const auto it = impl_->superiors.find(record->name);
  return it == impl_->superiors.end() ? no_name : it->second;
}

std::vector<NameId> FactStore::units_of_kind(NameId kind, NameId within) const {
  std::vector<NameId> out;
  NameId ancestor = no_name;
  if (within != no_name) {
    const detail::UnitRecord* record = impl_->unit(within);
    if (!record) return out;
    ancestor = record->name;
  }
  const auto add = [&](const detail::UnitRecord& unit) {
    if (ancestor != no_name) {
      bool below = false;
      const detail::UnitRecord* up = impl_->unit(unit.parent);
      for (std::size_t step = 0; up && !below && step < impl_->units.size(); ++step) {
        below = up->name == ancestor;
        up = impl_->unit(up->parent);
      }
      if (!below) return;
    }
    out.push_back(unit.name);
  };
  if (kind == no_name) {
    for (const detail::UnitRecord& unit : impl_->units) add(unit);
    return out;
  }
  // Every unit has one of the plan's kinds (the loaders check it).
  for (Index k = 0; k < impl_->kind_names.size() && k < impl_->units_of_kind.size(); ++k)
    if (impl_->kind_names[k] == kind)
      for (const std::uint32_t position : impl_->units_of_kind[k]) add(impl_->units[position]);
  return out;
}

std::vector<NameId> FactStore::group_members(NameId group) const {
  const Plan& plan = *impl_->plan;
  const detail::PlanRef ref = impl_->ref(group);
  std::vector<NameId> out;
  if (!ref.is(SymbolKind::group)) return out;
  // Groups cannot contain themselves (the checker rejects cycles); the depth
  // bound only keeps a damaged plan from looping.
  const auto collect = [&](auto&& self, Index index, std::size_t depth) -> std::vector<NameId> {
    const Group& declared = plan.groups[index];
    std::vector<NameId> members;
    if (depth > plan.groups.size()) return members;
    // Names are dense ids: a bit each tells "already a member" at any size.
    std::vector<bool> seen(impl_->names.size(), false);
    const auto add = [&](NameId id) {
      if (id != no_name && !seen[id]) {
        seen[id] = true;
        members.push_back(id);
      }
    };
    for (const Index member : declared.members) {
      switch (declared.sort) {
        case GroupSort::bodies:
          add(impl_->units[member].name);
          break;
        case GroupSort::programmes:
          add(impl_->names.find(plan.programmes[member].name));
          break;
        case GroupSort::metrics:
          add(impl_->names.find(plan.metrics[member].name));
          break;
      }
    }
    // A named subgroup that is open brings the units the facts supply too.
    for (const Index subgroup : declared.subgroups)
      for (const NameId member : self(self, subgroup, depth + 1)) add(member);
    if (declared.all_of_kind) {
      const NameId within = declared.within ? impl_->units[*declared.within].name : no_name;
      for (const NameId unit : units_of_kind(impl_->kind_names[*declared.all_of_kind], within))
        add(unit);
    }
    if (!declared.except.empty()) {
      std::vector<bool> removed(impl_->names.size(), false);
      for (const Index except : declared.except)
        for (const NameId id : self(self, except, depth + 1)) removed[id] = true;
      std::erase_if(members, [&](NameId id) { return removed[id]; });
    }
    return members;
  };
  return collect(collect, ref.index, 0);
}

std::span<const EventRecord> FactStore::events(NameId event, NameId unit) const {
  const std::uint32_t group = impl_->find_group(event, unit);
  if (group == UINT32_MAX) return {};
  const std::uint32_t begin = impl_->groups[group].begin;
  const std::uint32_t end = impl_->groups[group + 1].begin;
  return {impl_->events.data() + begin, end - begin};
}

std::optional<TitleRecord> FactStore::title_held(NameId title, NameId unit, int year,
                                                 NameId programme) const {
  const detail::UnitRecord* record = impl_->unit(unit);
  if (!record) return std::nullopt;
  const auto held = [&](NameId in) -> std::optional<TitleRecord> {
    const detail::TitleValue* value =
        impl_->titles.find(detail::TitleKey{title, record->name, year, in});
    if (!value) return std::nullopt;
    return TitleRecord{value->source, value->has_date ? value->date : undated};
  };
  if (programme != no_name) return held(programme);
  if (auto direct = held(no_name)) return direct;
  // A title held per programme, asked for as such: held in any of them.
  const detail::PlanRef symbol = impl_->ref(title);
  if (!symbol.is(SymbolKind::title)) return std::nullopt;
  const Plan& p = plan();
  const Title& declared = p.titles[symbol.index];
  if (!declared.programme && !declared.programme_group) return std::nullopt;
  std::optional<TitleRecord> first;
  for (const Index in_programme : title_programmes(p, declared)) {
    const auto in = held(find_name(p.programmes[in_programme].name));
    if (in && (!first || in->date < first->date)) first = in;
  }
  return first;
}

std::size_t FactStore::rows_left_out() const noexcept { return impl_->rows_left_out; }

std::optional<CalendarRecord> FactStore::calendar_day(DayNumber day) const {
  const auto found = impl_->calendar.find(day);
  if (found == impl_->calendar.end()) return std::nullopt;
  return found->second;
}

bool FactStore::is_working_day(DayNumber day) const {
  const auto found = impl_->calendar.find(day);
  if (found != impl_->calendar.end()) return found->second.workday;
  return detail::weekday_of(day) < 5;  // Monday to Friday
}

bool FactStore::calendar_covers(int year) const { return impl_->calendar_years.contains(year); }

std::optional<Period> EventRecord::period() const noexcept {
  return detail::unpack_period(for_period);
}

std::optional<MeasureRecord> FactStore::measure(NameId metric, NameId subject, int year) const {
  return measure(metric, subject, Period::of_year(year));
}

std::optional<MeasureRecord> FactStore::published(NameId metric, NameId group, Statistic statistic,
                                                  NameId unit, int year) const {
  return published(metric, group, statistic, unit, Period::of_year(year));
}

namespace {
/// MeasureKey::period of a period: 0 for a year.
std::uint32_t period_key(const Period& period) {
  return period.kind == PeriodKind::year ? 0 : detail::pack_period(period);
}
}  // namespace

std::optional<MeasureRecord> FactStore::measure(NameId metric, NameId subject,
                                                const Period& period) const {
  // A unit's measures are stored under its canonical name, which most
  // queries give: found at once, without reading the unit's record (at a
  // million units, each read is a cache miss). An alias is resolved after.
  detail::MeasureKey key{metric, subject, period.year, period_key(period)};
  const MeasureRecord* value = impl_->measures.find(key);
  if (!value) {
    const detail::UnitRecord* record = impl_->unit(subject);
    if (!record || record->name == subject) return std::nullopt;
    key.subject = record->name;
    value = impl_->measures.find(key);
    if (!value) return std::nullopt;
  }
  return *value;
}

std::optional<MeasureRecord> FactStore::published(NameId metric, NameId group, Statistic statistic,
                                                  NameId unit, const Period& period) const {
  if (const detail::UnitRecord* record = impl_->unit(unit)) unit = record->name;
  const MeasureRecord* value = impl_->published.find(
      detail::PublishedKey{metric, group, unit, period.year, statistic, period_key(period)});
  if (!value) return std::nullopt;
  return *value;
}

std::size_t FactStore::event_count() const noexcept { return impl_->events.size(); }

std::size_t FactStore::memory_bytes() const noexcept {
  const Impl& s = *impl_;
  std::size_t bytes = sizeof(Impl) + s.names.memory_bytes();
  bytes += s.plan_ref.capacity() * sizeof(detail::PlanRef);
  bytes += s.unit_of_name.capacity() * sizeof(std::uint32_t);
  bytes += s.units.capacity() * sizeof(detail::UnitRecord);
  bytes += s.sources.capacity() * sizeof(std::string);
  for (const std::string& source : s.sources)
    if (source.capacity() > 15) bytes += source.capacity() + 1;  // beyond the small-string buffer
  bytes += s.kind_names.capacity() * sizeof(NameId);
  for (const auto& list : s.units_of_kind) bytes += list.capacity() * sizeof(std::uint32_t);
  bytes += s.events.capacity() * sizeof(EventRecord);
  bytes += s.groups.capacity() * sizeof(detail::EventGroup);
  bytes += s.groups_of_unit.capacity() * sizeof(detail::GroupRange);
  bytes += s.titles.memory_bytes() + s.measures.memory_bytes() + s.published.memory_bytes();
  for (const auto& list : s.plan_names.of_kind) bytes += list.capacity() * sizeof(NameId);
  // A tree node: the pair and about four pointers of bookkeeping.
  bytes +=
      s.calendar.size() * (sizeof(std::pair<const DayNumber, CalendarRecord>) + 4 * sizeof(void*));
  return bytes;
}

}  // namespace mandate
