#include "facts/load.hpp"

#include "check/suggest.hpp"
#include "facts/text.hpp"
#include "support/article.hpp"
#include "support/name_order.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>

namespace mandate::detail {
namespace {

constexpr std::array<ColumnSpec, 5> unit_columns = {{
    {"name", true},
    {"unit_kind", true},
    {"parent", false},
    {"aliases", false},
    {"reports_to", false},
}};
constexpr std::array<ColumnSpec, 10> event_columns = {{
    {"date", true},
    {"event", true},
    {"unit", true},
    {"by", false},
    {"to", false},
    {"programme", false},
    {"candidate", false},
    {"until", false},
    {"for", false},
    {"id", false},
}};
constexpr std::array<ColumnSpec, 5> title_columns = {{
    {"year", true},
    {"title", true},
    {"unit", true},
    {"date", false},
    {"programme", false},
}};
constexpr std::array<ColumnSpec, 5> measure_columns = {{
    {"year", true},
    {"metric", true},
    {"subject", true},
    {"value", true},
    {"date", false},
}};
constexpr std::array<ColumnSpec, 8> published_columns = {{
    {"year", true},
    {"metric", true},
    {"group", true},
    {"statistic", true},
    {"unit", false},
    {"value", true},
    {"out_of", false},
    {"date", false},
}};

constexpr std::array<ColumnSpec, 4> calendar_columns = {{
    {"date", true},
    {"day", true},
    {"name", false},
    {"source", false},
}};

constexpr std::string_view statistic_names[] = {"average", "rank", "size"};
constexpr std::string_view calendar_day_names[] = {"holiday", "workday"};

// A guard on walks up parent chains (loops are rejected when units load).
constexpr std::size_t max_depth = 1'000'000;

bool is_whole(double value) noexcept { return std::floor(value) == value; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::span<const ColumnSpec> columns_of(FactKind kind) noexcept {
  switch (kind) {
    case FactKind::unit:
      return unit_columns;
    case FactKind::event:
      return event_columns;
    case FactKind::title:
      return title_columns;
    case FactKind::measure:
      return measure_columns;
    case FactKind::published:
      return published_columns;
    case FactKind::calendar:
      return calendar_columns;
  }
  return {};
}

std::optional<FactKind> fact_kind_from_name(std::string_view name) noexcept {
  for (const FactKind kind : {FactKind::unit, FactKind::event, FactKind::title, FactKind::measure,
                              FactKind::published, FactKind::calendar})
    if (fact_kind_name(kind) == name) return kind;
  return std::nullopt;
}

// ---------------------------------------------------------------------------

Load::Load(StoreData& store, std::string source, LoadPolicy policy, bool host)
    : store_(store), source_(std::move(source)), policy_(policy), host_(host) {
  file_ = static_cast<std::uint32_t>(store_.sources.size());
  for (std::uint32_t i = 1; i < store_.sources.size(); ++i)
    if (store_.sources[i] == source_) file_ = i;
}

void Load::reserve(FactKind kind, std::size_t rows) {
  // Reserved memory is not touched until used: reserving more than needed
  // costs address space only, while growing copies what was staged.
  if (kind == FactKind::event) {
    events_.reserve(rows);
  } else if (kind == FactKind::unit) {
    unit_rows_.reserve(rows);
    staged_units_.reserve(rows);
    new_names_.reserve(rows);
    unit_of_new_name_.reserve(rows);
    overlay_.reserve(rows);
  } else if (kind == FactKind::measure) {
    // The index is touched when made, but made once: growing it row by row
    // rehashed it some twenty times, and a fuller table probes longer.
    measures_.reserve(rows);
    measure_index_.reserve(rows);
  }
}

namespace {

bool rejected_earlier(const RejectedRow& a, const RejectedRow& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace

void Load::add_rejection(RejectedRow row) {
  // The first rows of the file are listed, in whatever order they were
  // checked (unit rows settle in settling_order()): once the list is full,
  // it is a heap whose top is its last row, and an earlier row takes its place.
  std::vector<RejectedRow>& listed = report_.rejected;
  if (listed.size() < max_listed_rejections) {
    listed.push_back(std::move(row));
    if (listed.size() == max_listed_rejections)
      std::make_heap(listed.begin(), listed.end(), rejected_earlier);
    return;
  }
  ++report_.rejected_unlisted;
  if (!rejected_earlier(row, listed.front())) return;
  std::pop_heap(listed.begin(), listed.end(), rejected_earlier);
  listed.back() = std::move(row);
  std::push_heap(listed.begin(), listed.end(), rejected_earlier);
}

void Load::reject(const Where& where, int field, std::string message, Code code) {
  add_rejection(row_at(where, field, std::move(message), code));
}

RejectedRow Load::row_at(const Where& where, int field, std::string message, Code code) const {
  std::uint32_t column = 0;
  std::uint32_t line = where.line;
  if (!where.text.empty() && field >= 0 &&
      where.offsets[static_cast<std::size_t>(field)] != no_offset) {
    const Position at = position_at(where.text, where.begin, where.line,
                                    where.offsets[static_cast<std::size_t>(field)]);
    line = at.line;
    column = at.column;
  }
  const std::span<const ColumnSpec> columns = columns_of(where.kind);
  const std::string_view name = field >= 0 && static_cast<std::size_t>(field) < columns.size()
                                    ? columns[static_cast<std::size_t>(field)].name
                                    : std::string_view();
  return RejectedRow{source_, line, column, std::move(message), code, std::string(name)};
}

void Load::reject_at(std::uint32_t line, std::uint32_t column, std::string message, Code code,
                     std::string_view field) {
  add_rejection(RejectedRow{source_, line, column, std::move(message), code, std::string(field)});
}

void Load::warn(std::uint32_t line, std::string message) {
  report_.warnings.push_back(RejectedRow{source_, line, 0, std::move(message), Code::no_facts, {}});
}

std::string_view Load::keep(std::string_view text) { return kept_.keep(text); }

std::string Load::describe(FactSource source, bool staged) const {
  if (staged)
    return host_ ? fmt::format("row {} of this call", source.line)
                 : fmt::format("line {}", source.line);
  if (source.file == 0) return fmt::format("the plan ({})", store_.sources[0]);
  const std::string& name = store_.sources[source.file];
  if (source.line == 0) return fmt::format("host call '{}'", name);
  return fmt::format("{}:{}", name, source.line);
}

// ---------------------------------------------------------------------------
// Names

std::optional<Load::PlanName> Load::plan_name(std::string_view text,
                                              std::initializer_list<SymbolKind> wanted,
                                              std::string_view what, const Where& where,
                                              int field) {
  if (text.empty()) {
    reject(where, field, fmt::format("{}: empty, but required", what), Code::missing_field);
    return std::nullopt;
  }
  const NameId id = store_.names.find(text);
  const PlanRef ref = store_.ref(id);
  // The field says where ("unit_kind"), the noun what was expected ("kind").
  const std::string_view noun = symbol_kind_name(*wanted.begin());
  if (ref.known()) {
    for (const SymbolKind kind : wanted)
      if (ref.is(kind)) return PlanName{id, ref.index, kind};
    reject(where, field,
           fmt::format("{}: {} is {} {} of the plan, not {} {}", what, quote(text),
                       article(symbol_kind_name(static_cast<SymbolKind>(ref.kind))),
                       symbol_kind_name(static_cast<SymbolKind>(ref.kind)), article(noun), noun),
           Code::unknown_name);
    return std::nullopt;
  }
  if (id != no_name || find_unit(text) != no_name) {
    reject(where, field,
           fmt::format("{}: {} is a unit, not {} {}", what, quote(text), article(noun), noun),
           Code::unknown_name);
    return std::nullopt;
  }
  std::vector<std::string_view> candidates;
  for (const SymbolKind kind : wanted) {
    for (const NameId id : store_.plan_names.of_kind[static_cast<std::size_t>(kind)])
      candidates.push_back(store_.names.name(id));
  }
  reject(
      where, field,
      fmt::format("{}: unknown {} {}{}", what, noun, quote(text), suggest(noun, text, candidates)),
      Code::unknown_name);
  return std::nullopt;
}

NameId Load::find_unit(std::string_view text) const {
  if (last_unit_ != no_name && text == last_unit_text_) return last_unit_;
  // A name is a unit of the store or one this load adds, never both: the
  // place the last one was found is asked first (a JSON Lines file names
  // the units it adds, and a miss costs a whole probe).
  const auto in_store = [&]() -> NameId {
    const NameId id = store_.names.find(text);
    const UnitRecord* unit = id != no_name ? store_.unit(id) : nullptr;
    return unit ? unit->name : no_name;
  };
  const auto in_overlay = [&]() -> NameId {
    const std::uint32_t* unit = overlay_.empty() ? nullptr : overlay_.find(text);
    return unit ? *unit : no_name;
  };
  NameId found = overlay_first_ ? in_overlay() : in_store();
  if (found == no_name) {
    found = overlay_first_ ? in_store() : in_overlay();
    if (found != no_name) overlay_first_ = !overlay_first_;
  }
  if (found != no_name) {
    last_unit_text_.assign(text);
    last_unit_ = found;
  }
  return found;
}

NameId Load::require_unit(std::string_view text, std::string_view what, const Where& where,
                          int field) {
  if (text.empty()) {
    reject(where, field, fmt::format("{}: empty, but required", what), Code::missing_field);
    return no_name;
  }
  const NameId unit = find_unit(text);
  if (unit == no_name) reject(where, field, unknown_unit_message(what, text), Code::unknown_name);
  return unit;
}

std::optional<Load::UnitFacts> Load::unit_facts(NameId unit) const {
  const NameId base = store_.names.size();
  if (unit < base) {
    const UnitRecord* record = store_.unit(unit);
    if (!record) return std::nullopt;
    return UnitFacts{record->name, record->parent, record->kind_index, record->source};
  }
  const std::size_t index = unit - base;
  if (index >= unit_of_new_name_.size() || unit_of_new_name_[index] == 0) return std::nullopt;
  const StagedUnit& staged = staged_units_[unit_of_new_name_[index] - 1];
  return UnitFacts{staged.record.name, staged.record.parent, staged.record.kind_index,
                   staged.record.source};
}

bool Load::is_below(NameId unit, NameId ancestor) const {
  auto facts = unit_facts(unit);
  for (std::size_t depth = 0; facts && facts->parent != no_name && depth < max_depth; ++depth) {
    if (facts->parent == ancestor) return true;
    facts = unit_facts(facts->parent);
  }
  return false;
}

bool Load::in_group(Index group_index, NameId unit, int depth) const {
  const Plan& plan = *store_.plan;
  const Group& group = plan.groups[group_index];
  if (depth > static_cast<int>(plan.groups.size())) return false;
  for (const Index group_except : group.except)
    if (in_group(group_except, unit, depth + 1)) return false;
  if (group.sort != GroupSort::bodies) return false;
  for (const Index member : group.members)
    if (store_.units[member].name == unit) return true;
  for (const Index subgroup : group.subgroups)  // an open subgroup brings fact units
    if (in_group(subgroup, unit, depth + 1)) return true;
  if (!group.all_of_kind) return false;
  const auto facts = unit_facts(unit);
  if (!facts || facts->kind_index != *group.all_of_kind) return false;
  return !group.within || is_below(unit, store_.units[*group.within].name);
}

std::string Load::suggest(std::string_view sort, std::string_view text,
                          const std::vector<std::string_view>& candidates) {
  if (find_invalid_utf8_from(text, 0) != not_found) return {};
  // Once per distinct unknown name, and within a budget of comparisons per
  // load: a file of garbage against many units must not cost minutes.
  std::string key = fmt::format("{}\n{}", sort, text);
  if (const auto it = suggestions_.find(key); it != suggestions_.end()) return it->second;
  const SuggestionScope scope(suggestion_budget_);
  std::string out = did_you_mean(closest(text, candidates));
  suggestions_.emplace(std::move(key), out);
  return out;
}

std::string Load::unknown_unit_message(std::string_view what, std::string_view text) {
  const PlanRef ref = store_.ref(store_.names.find(text));
  if (ref.known())
    return fmt::format("{}: {} is {} {} of the plan, not a unit", what, quote(text),
                       article(symbol_kind_name(static_cast<SymbolKind>(ref.kind))),
                       symbol_kind_name(static_cast<SymbolKind>(ref.kind)));
  if (const std::uint32_t* line = rejected_units_.find(text))
    return fmt::format("{}: unit {} was not loaded: its row at line {} was rejected", what,
                       quote(text), *line);
  if (find_invalid_utf8_from(text, 0) != not_found)
    return fmt::format("{}: unknown unit {}", what, quote(text));
  if (suggestion_budget_.left == 0) return fmt::format("{}: unknown unit {}", what, quote(text));
  const std::size_t signature = store_.unit_of_name.size() + overlay_.size();
  if (unit_candidates_signature_ != signature || unit_candidates_.empty()) {
    unit_candidates_.clear();
    for (NameId id = 1; id < store_.unit_of_name.size(); ++id)
      if (store_.unit_of_name[id]) unit_candidates_.push_back(store_.names.name(id));
    overlay_.for_each(
        [&](std::string_view name, std::uint32_t) { unit_candidates_.push_back(name); });
    unit_candidates_signature_ = signature;
  }
  return fmt::format("{}: unknown unit {}{}", what, quote(text),
                     suggest("unit", text, unit_candidates_));
}

NameId Load::new_name(std::string_view text) {
  const std::string_view kept = keep(text);
  const auto id = static_cast<NameId>(store_.names.size() + new_names_.size());
  new_names_.push_back(kept);
  unit_of_new_name_.push_back(0);
  return id;
}

}  // namespace mandate::detail

namespace mandate::detail {

// ---------------------------------------------------------------------------
// Units

std::string_view Load::name_of(NameId id) const {
  const NameId base = store_.names.size();
  return id < base ? store_.names.name(id) : new_names_[id - base];
}

std::string Load::describe_unit(const UnitFacts& unit) const {
  const Plan& plan = *store_.plan;
  const std::string& kind = plan.kinds[unit.kind_index].name;
  if (unit.parent == no_name) return fmt::format("a {} at the top", kind);
  return fmt::format("a {} within {}", kind, name_of(unit.parent));
}

void Load::duplicate(const Where& where, std::string message) {
  report_.duplicates.push_back(
      RejectedRow{source_, where.line, 0, std::move(message), Code::duplicate_name, {}});
}

void Load::add_unit(const UnitInput& row, const Where& where) {
  // Unit rows wait for resolve_units(): keep their texts past the row.
  UnitRow kept{
      UnitInput{keep(row.name), keep(row.kind), keep(row.parent), {}, keep(row.reports_to)}, where};
  kept.input.aliases.reserve(row.aliases.size());
  for (const std::string_view alias : row.aliases) kept.input.aliases.push_back(keep(alias));
  unit_rows_.push_back(std::move(kept));
}

void Load::resolve_units() {
  if (unit_rows_.empty()) return;
  const auto rows = static_cast<std::uint32_t>(unit_rows_.size());
  std::vector<std::uint8_t> state(rows, 0);  // 0 new, 1 in progress, 2 settled
  // The first row declaring each name (as a name or an alias), to find a
  // parent declared further down: built only when a row needs it.
  StringMap declared;
  // Rows settle in settling_order() up to the first row that names a parent
  // not known yet; from there, depth-first below.
  // The names a few rows ahead are fetched early: each is new, and a cache
  // miss in the name table and in the load's own.
  const std::vector<std::uint32_t> order = settling_order();
  constexpr std::uint32_t ahead = 8;
  std::uint32_t next = 0;
  for (; next < rows; ++next) {
    if (next + ahead < rows) {
      const std::string_view name = unit_rows_[order[next + ahead]].input.name;
      store_.names.prefetch(name);
      overlay_.prefetch(name);
    }
    const std::uint32_t row = order[next];
    const UnitInput& in = unit_rows_[row].input;
    if (!in.parent.empty() && find_unit(in.parent) == no_name) break;
    settle_unit(row, state, declared);
    state[row] = 2;
  }
  if (next == rows) {
    unit_rows_.clear();
    return;
  }
  declared.reserve(unit_rows_.size());
  for (std::uint32_t i = 0; i < unit_rows_.size(); ++i) {
    const UnitInput& in = unit_rows_[i].input;
    if (!in.name.empty()) declared.try_emplace(in.name, i);
    for (const std::string_view alias : in.aliases)
      if (!alias.empty()) declared.try_emplace(alias, i);
  }
  // A unit is settled after the rows it depends on: its parent's, and an
  // earlier row declaring the same name. Depth-first, with an explicit stack
  // so that a long chain of parents cannot exhaust the call stack.
  std::vector<std::uint32_t> stack;
  const auto dependencies = [&](std::uint32_t j) {
    std::array<std::uint32_t, 2> deps{UINT32_MAX, UINT32_MAX};
    const UnitInput& in = unit_rows_[j].input;
    if (const std::uint32_t* first = declared.find(in.name); first && *first != j) deps[0] = *first;
    if (!in.parent.empty() && find_unit(in.parent) == no_name)
      if (const std::uint32_t* first = declared.find(in.parent); first && *first != j)
        deps[1] = *first;
    return deps;
  };
  // The rest in the file's order, which decides which row of a loop is named.
  for (std::uint32_t i = 0; i < rows; ++i) {
    if (state[i] != 0) continue;
    stack.push_back(i);
    while (!stack.empty()) {
      const std::uint32_t j = stack.back();
      if (state[j] == 2) {
        stack.pop_back();
        continue;
      }
      state[j] = 1;
      bool waiting = false;
      for (const std::uint32_t dep : dependencies(j)) {
        if (dep != UINT32_MAX && state[dep] == 0) {
          stack.push_back(dep);
          waiting = true;
          break;
        }
      }
      if (waiting) continue;
      settle_unit(j, state, declared);
      state[j] = 2;
      stack.pop_back();
    }
  }
  unit_rows_.clear();
}

std::vector<std::uint32_t> Load::settling_order() const {
  // A load of units of one kind (a bulk load: a million units of a region)
  // settles by name, so that a new unit's id is its place in the report's
  // order of subjects, the order evaluation visits them in: the store's
  // arrays by id (measures, events, units) are then read in sequence, not at
  // random. Rows of one name keep the file's order (the first stays, the
  // others are duplicates or contradictions). Any other load settles in the
  // file's order, on which its meaning or its messages depend: rows of
  // several kinds (parents first, the depth-first walk of resolve_units()
  // and which row of a loop is named), a row with `reports_to` ("a unit
  // declared before it") or with aliases (the first row to claim a name has it).
  std::vector<std::uint32_t> order(unit_rows_.size());
  std::iota(order.begin(), order.end(), 0u);
  if (unit_rows_.empty()) return order;
  const std::string_view kind = unit_rows_.front().input.kind;
  const auto keeps_file_order = [&](const UnitRow& row) {
    return row.input.kind != kind || !row.input.aliases.empty() || !row.input.reports_to.empty();
  };
  if (std::any_of(unit_rows_.begin(), unit_rows_.end(), keeps_file_order)) return order;
  const auto name = [&](std::size_t row) { return unit_rows_[row].input.name; };
  bool sorted = true;
  for (std::size_t row = 1; row < unit_rows_.size() && sorted; ++row)
    sorted = !(name(row) < name(row - 1));
  if (sorted) return order;
  return stable_name_order(
      unit_rows_.size(), [&](std::size_t row) { return name_prefix(name(row)); },
      [&](std::uint32_t a, std::uint32_t b) { return name(a) < name(b); });
}

void Load::settle_unit(std::size_t j, std::vector<std::uint8_t>& state, const StringMap& declared) {
  using namespace field;
  const Plan& plan = *store_.plan;
  const UnitInput& in = unit_rows_[j].input;
  const Where& where = unit_rows_[j].where;
  const auto fail = [&](int at, std::string message, Code code = Code::bad_value) {
    if (!in.name.empty() && find_unit(in.name) == no_name)
      rejected_units_.try_emplace(in.name, where.line);
    reject(where, at, std::move(message), code);
  };

  if (in.name.empty()) return fail(unit_name, "name: empty, but required", Code::missing_field);
  if (find_invalid_utf8_from(in.name, 0) != not_found)
    return fail(unit_name, fmt::format("name: {} is not valid UTF-8", quote(in.name)),
                Code::invalid_utf8);
  if (has_control_character(in.name))
    return fail(unit_name,
                fmt::format("name: {} holds a control character (a NUL, a tab, …): names are "
                            "printable text",
                            quote(in.name)));
  const auto kind = plan_name(in.kind, {SymbolKind::kind}, "unit_kind", where, unit_kind);
  if (!kind) {
    if (find_unit(in.name) == no_name) rejected_units_.try_emplace(in.name, where.line);
    return;
  }

  // The unit: new, or one the store or this load already knows.
  std::optional<UnitFacts> existing;
  if (const NameId known = find_unit(in.name); known != no_name) {
    if (name_of(known) != in.name)
      return fail(
          unit_name,
          fmt::format("name: {} is an alias of {}; a unit row names the unit by its own name",
                      quote(in.name), quote(name_of(known))));
    existing = unit_facts(known);
  } else if (const PlanRef ref = store_.ref(store_.names.find(in.name)); ref.known()) {
    const std::string_view sort = symbol_kind_name(static_cast<SymbolKind>(ref.kind));
    return fail(unit_name,
                fmt::format("name: {} is {} {} of the plan; a unit needs a name of its own",
                            quote(in.name), article(sort), sort),
                Code::duplicate_name);
  }

  NameId parent = no_name;
  if (!in.parent.empty()) {
    if (in.parent == in.name) return fail(unit_parent, "parent: a unit cannot be within itself");
    parent = find_unit(in.parent);
    if (parent == no_name) {
      const std::uint32_t* first = declared.find(in.parent);
      if (first && state[*first] == 1)
        return fail(unit_parent,
                    fmt::format("parent: {} is itself within {}: parents cannot form a loop",
                                quote(in.parent), quote(in.name)),
                    Code::cycle);
      return fail(unit_parent, unknown_unit_message("parent", in.parent), Code::unknown_name);
    }
    if (existing && parent == existing->name)
      return fail(unit_parent, "parent: a unit cannot be within itself");
    // A unit sits on its kind's level: below a unit of the kind one level up,
    // or of a kind further up (a level may be skipped, never reversed).
    const Kind& level = plan.kinds[kind->index];
    if (level.within) {
      const auto above = unit_facts(parent);
      bool fits = false;
      std::optional<Index> up = level.within;
      for (std::size_t step = 0; up && step <= plan.kinds.size() && !fits; ++step) {
        fits = *up == above->kind_index;
        up = plan.kinds[*up].within;
      }
      if (!fits)
        return fail(
            unit_parent,
            fmt::format("parent: {} is {} {}, but {} {} sits within {} {} (kind {} within {})",
                        quote(in.parent), article(plan.kinds[above->kind_index].name),
                        plan.kinds[above->kind_index].name, article(level.name), level.name,
                        article(plan.kinds[*level.within].name), plan.kinds[*level.within].name,
                        level.name, plan.kinds[*level.within].name));
    }
  }

  std::vector<std::string_view> aliases;
  for (const std::string_view alias : in.aliases) {
    if (alias.empty()) continue;
    if (find_invalid_utf8_from(alias, 0) != not_found)
      return fail(unit_aliases, fmt::format("aliases: {} is not valid UTF-8", quote(alias)),
                  Code::invalid_utf8);
    if (has_control_character(alias))
      return fail(unit_aliases,
                  fmt::format("aliases: {} holds a control character (a NUL, a tab, …): names "
                              "are printable text",
                              quote(alias)));
    if (alias == in.name)
      return fail(unit_aliases, fmt::format("aliases: {} is the unit's own name", quote(alias)));
    if (const NameId owner = find_unit(alias); owner != no_name) {
      if (existing && owner == existing->name) continue;  // already one of its aliases
      return fail(
          unit_aliases,
          fmt::format("aliases: {} already names the unit {}", quote(alias), quote(name_of(owner))),
          Code::duplicate_name);
    }
    if (const PlanRef ref = store_.ref(store_.names.find(alias)); ref.known()) {
      const std::string_view sort = symbol_kind_name(static_cast<SymbolKind>(ref.kind));
      return fail(
          unit_aliases,
          fmt::format("aliases: {} is {} {} of the plan", quote(alias), article(sort), sort),
          Code::duplicate_name);
    }
    if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(alias);
  }

  // The body it reports to: a plan body, or a unit declared before it.
  NameId superior = no_name;
  if (!in.reports_to.empty()) {
    if (in.reports_to == in.name)
      return fail(unit_reports_to, "reports_to: a unit cannot report to itself");
    superior = find_unit(in.reports_to);
    if (superior == no_name)
      return fail(unit_reports_to,
                  unknown_unit_message("reports_to", in.reports_to) +
                      " (a unit reports to a body of the plan or a unit declared before it)");
  }

  NameId unit = no_name;
  if (existing) {
    if (existing->kind_index != kind->index || existing->parent != parent) {
      const UnitFacts stated{existing->name, parent, kind->index, {}};
      return fail(existing->kind_index != kind->index ? unit_kind : unit_parent,
                  fmt::format("{} is already {} ({}); this row makes it {}", quote(in.name),
                              describe_unit(*existing),
                              describe(existing->source, existing->name >= store_.names.size()),
                              describe_unit(stated)),
                  Code::contradiction);
    }
    if (aliases.empty())
      return duplicate(
          where, fmt::format("unit {} is already declared so ({}); stored once", quote(in.name),
                             describe(existing->source, existing->name >= store_.names.size())));
    unit = existing->name;
  } else {
    unit = new_name(in.name);
    staged_units_.push_back(StagedUnit{UnitRecord{unit, store_.kind_names[kind->index], parent,
                                                  kind->index, FactSource{file_, where.line}},
                                       where.line});
    unit_of_new_name_.back() = static_cast<std::uint32_t>(staged_units_.size());
    overlay_.try_emplace(new_names_.back(), unit);
  }
  for (const std::string_view alias : aliases) {
    const NameId id = new_name(alias);
    overlay_.try_emplace(new_names_.back(), unit);
    new_aliases_.emplace_back(id, unit);
  }
  if (superior != no_name) reports_.emplace_back(unit, superior);
  ++unit_rows_added_;
}

// ---------------------------------------------------------------------------
// Text rows

bool Load::read_year(const TextRow& row, const Where& where, int at, int& year) {
  const std::string_view text = row.text[static_cast<std::size_t>(at)];
  if (text.empty()) {
    reject(where, at, "year: empty, but required", Code::missing_field);
    return false;
  }
  if (!parse_year(text, year)) {
    reject(where, at, fmt::format("year: {} is not a year: write four digits (2018)", quote(text)));
    return false;
  }
  return true;
}

bool Load::read_year_or_period(const TextRow& row, const Where& where, int at, int& year,
                               std::optional<Period>& period) {
  const std::string_view text = row.text[static_cast<std::size_t>(at)];
  period.reset();
  if (text.size() <= 4) return read_year(row, where, at, year);
  period = Period::parse(text);
  if (!period) {
    reject(where, at,
           fmt::format("year: {}{} is neither a year (2018) nor a period (2018-H1, 2018-Q3, "
                       "2018-07, 2018-W14)",
                       quote(text), week_hint(text)));
    return false;
  }
  year = period->year;
  return true;
}

bool Load::read_number(const TextRow& row, const Where& where, int at, std::string_view what,
                       double& value) {
  const std::string_view text = row.text[static_cast<std::size_t>(at)];
  if (text.empty()) {
    reject(where, at, fmt::format("{}: empty, but required", what), Code::missing_field);
    return false;
  }
  if (!parse_number(text, value)) {
    reject(where, at,
           fmt::format(
               "{}: {} is not a number{}", what, quote(text),
               text.ends_with('%') ? "; write percentages without '%' (91.2 means 91.2%)" : ""));
    return false;
  }
  return true;
}

bool Load::read_date(const TextRow& row, const Where& where, int at, std::string_view what,
                     std::optional<Date>& date) {
  const std::string_view text = row.text[static_cast<std::size_t>(at)];
  date.reset();
  if (text.empty()) return true;
  Date parsed;
  if (!parse_date_syntax(text, parsed)) {
    reject(where, at, fmt::format("{}: {} is not a date: write YYYY-MM-DD", what, quote(text)));
    return false;
  }
  date = parsed;
  return true;
}

void Load::stage_text(FactKind kind, const TextRow& row, const Where& where) {
  using namespace field;
  switch (kind) {
    case FactKind::unit: {
      UnitInput in{row.text[unit_name],
                   row.text[unit_kind],
                   row.text[unit_parent],
                   {},
                   row.text[unit_reports_to]};
      std::string_view list = row.text[unit_aliases];
      while (!list.empty()) {  // "商洛高新区;商丹园区": names never hold an ASCII ';'
        const std::size_t cut = list.find(';');
        in.aliases.push_back(trim(list.substr(0, cut)));
        list = cut == std::string_view::npos ? std::string_view() : list.substr(cut + 1);
      }
      add_unit(in, where);
      return;
    }
    case FactKind::event: {
      if (stage_event_fast(row, where)) return;
      std::optional<Date> date;
      std::optional<Date> until;
      if (!read_date(row, where, event_date, "date", date) ||
          !read_date(row, where, event_until, "until", until))
        return;
      if (!date) return reject(where, event_date, "date: empty, but required", Code::missing_field);
      EventInput in{*date,
                    row.text[event_event],
                    row.text[event_unit],
                    row.text[event_by],
                    row.text[event_to],
                    row.text[event_programme],
                    row.text[event_candidate],
                    until,
                    std::nullopt,
                    row.text[event_id]};
      if (const std::string_view label = row.text[event_for]; !label.empty()) {
        in.period = Period::parse(label);
        if (!in.period)
          return reject(where, event_for,
                        fmt::format("for: {} is not a period{}: write 2018, 2018-H1, "
                                    "2018-Q3, 2018-07 or 2018-W14",
                                    quote(label), week_hint(label)));
      }
      stage_event(in, where);
      return;
    }
    case FactKind::title: {
      TitleInput in;
      if (!read_year(row, where, title_year, in.year) ||
          !read_date(row, where, title_date, "date", in.date))
        return;
      in.title = row.text[title_title];
      in.unit = row.text[title_unit];
      in.programme = row.text[title_programme];
      stage_title(in, where);
      return;
    }
    case FactKind::measure: {
      MeasureInput in;
      if (!read_year_or_period(row, where, measure_year, in.year, in.period)) return;
      in.metric = row.text[measure_metric];
      in.subject = row.text[measure_subject];
      if (!read_number(row, where, measure_value, "value", in.value) ||
          !read_date(row, where, measure_date, "date", in.date))
        return;
      stage_measure(in, where);
      return;
    }
    case FactKind::published: {
      PublishedInput in;
      if (!read_year_or_period(row, where, published_year, in.year, in.period)) return;
      in.metric = row.text[published_metric];
      in.group = row.text[published_group];
      const std::string_view statistic = row.text[published_statistic];
      const auto* known =
          std::find(std::begin(statistic_names), std::end(statistic_names), statistic);
      if (known == std::end(statistic_names)) {
        if (statistic.empty())
          return reject(where, published_statistic, "statistic: empty, but required",
                        Code::missing_field);
        const std::vector<std::string_view> names(std::begin(statistic_names),
                                                  std::end(statistic_names));
        return reject(where, published_statistic,
                      fmt::format("statistic: unknown statistic {} (average, rank or size){}",
                                  quote(statistic), suggest("statistic", statistic, names)),
                      Code::unknown_name);
      }
      in.statistic = static_cast<Statistic>(known - std::begin(statistic_names));
      in.unit = row.text[published_unit];
      if (!read_number(row, where, published_value, "value", in.value)) return;
      if (!row.text[published_out_of].empty() &&
          !read_number(row, where, published_out_of, "out_of", in.out_of))
        return;
      if (!read_date(row, where, published_date, "date", in.date)) return;
      stage_published(in, where);
      return;
    }
    case FactKind::calendar: {
      std::optional<Date> date;
      if (!read_date(row, where, calendar_date, "date", date)) return;
      if (!date)
        return reject(where, calendar_date, "date: empty, but required", Code::missing_field);
      const std::string_view day = row.text[calendar_day];
      const auto* known =
          std::find(std::begin(calendar_day_names), std::end(calendar_day_names), day);
      if (known == std::end(calendar_day_names)) {
        if (day.empty())
          return reject(where, calendar_day, "day: empty, but required", Code::missing_field);
        const std::vector<std::string_view> names(std::begin(calendar_day_names),
                                                  std::end(calendar_day_names));
        return reject(where, calendar_day,
                      fmt::format("day: unknown day {} (holiday: a day off; workday: a make-up "
                                  "working day){}",
                                  quote(day), suggest("day", day, names)),
                      Code::unknown_name);
      }
      stage_calendar(CalendarInput{*date, known != std::begin(calendar_day_names),
                                   row.text[calendar_name], row.text[calendar_source]},
                     where);
      return;
    }
  }
}

}  // namespace mandate::detail

namespace mandate::detail {

// ---------------------------------------------------------------------------
// Typed rows (host calls enter here)

NameId Load::cached_unit(std::string_view text, std::string_view what, const Where& where,
                         int field) {
  LastName& last = last_names_[static_cast<std::size_t>(field)];
  if (last.matches(text)) return last.id;
  const NameId unit = require_unit(text, what, where, field);
  if (unit != no_name) last.remember(text, unit);
  return unit;
}

NameId Load::known_unit(std::string_view text, int field) {
  LastName& last = last_names_[static_cast<std::size_t>(field)];
  if (last.matches(text)) return last.id;
  const NameId unit = find_unit(text);
  if (unit != no_name) last.remember(text, unit);
  return unit;
}

bool Load::stage_event_fast(const TextRow& row, const Where& where) {
  using namespace field;
  DayNumber day = 0;
  // A period or an id takes the general path.
  if (!row.text[event_for].empty() || !row.text[event_id].empty()) return false;
  if (!parse_existing_day(row.text[event_date], day)) return false;
  DayNumber last = day;
  if (!row.text[event_until].empty() &&
      (!parse_existing_day(row.text[event_until], last) || last < day))
    return false;
  // The event: a name of the plan, most often the one of the row before.
  const std::string_view event_text = row.text[event_event];
  NameId event = no_name;
  if (LastName& cached = last_names_[event_event]; cached.matches(event_text)) {
    event = cached.id;
  } else {
    event = store_.names.find(event_text);
    if (!store_.ref(event).is(SymbolKind::event)) return false;
    cached.remember(event_text, event);
  }
  const std::string_view unit_text = row.text[event_unit];
  if (unit_text.empty()) return false;
  const NameId unit = known_unit(unit_text, event_unit);
  if (unit == no_name) return false;
  NameId by = no_name;
  NameId to = no_name;
  NameId programme = no_name;
  NameId candidate = no_name;
  if (!row.text[event_by].empty() && (by = known_unit(row.text[event_by], event_by)) == no_name)
    return false;
  if (!row.text[event_to].empty() && (to = known_unit(row.text[event_to], event_to)) == no_name)
    return false;
  if (const std::string_view text = row.text[event_programme]; !text.empty()) {
    LastName& cached = last_names_[event_programme];
    if (cached.matches(text)) {
      programme = cached.id;
    } else {
      programme = store_.names.find(text);
      const PlanRef ref = store_.ref(programme);
      if (!ref.is(SymbolKind::programme) &&
          !(ref.is(SymbolKind::group) &&
            store_.plan->groups[ref.index].sort == GroupSort::programmes))
        return false;
      cached.remember(text, programme);
    }
  }
  if (!row.text[event_candidate].empty() &&
      (candidate = find_unit(row.text[event_candidate])) == no_name)
    return false;
  events_.push_back(EventRecord{day, last, event, unit, by, to, programme, candidate, no_name, 0,
                                FactSource{file_, where.line}});
  return true;
}

void Load::stage_event(const EventInput& in, const Where& where) {
  using namespace field;
  if (!date_exists(in.date))
    return reject(
        where, event_date,
        fmt::format("date: {} does not exist ({})", format_date(in.date), why_no_date(in.date)),
        Code::invalid_date);
  NameId event_id = no_name;
  if (LastName& last = last_names_[event_event]; last.matches(in.event)) {
    event_id = last.id;
  } else {
    const auto event = plan_name(in.event, {SymbolKind::event}, "event", where, event_event);
    if (!event) return;
    event_id = event->id;
    last.remember(in.event, event_id);
  }
  const NameId unit = cached_unit(in.unit, "unit", where, event_unit);
  if (unit == no_name) return;
  NameId by = no_name;
  NameId to = no_name;
  NameId candidate = no_name;
  NameId programme = no_name;
  if (!in.by.empty() && (by = cached_unit(in.by, "by", where, event_by)) == no_name) return;
  if (!in.to.empty() && (to = cached_unit(in.to, "to", where, event_to)) == no_name) return;
  if (!in.programme.empty()) {
    const auto found = plan_name(in.programme, {SymbolKind::programme, SymbolKind::group},
                                 "programme", where, event_programme);
    if (!found) return;
    if (found->kind == SymbolKind::group &&
        store_.plan->groups[found->index].sort != GroupSort::programmes)
      return reject(
          where, event_programme,
          fmt::format(
              "programme: {} is a group of {}, not of programmes", quote(in.programme),
              store_.plan->groups[found->index].sort == GroupSort::bodies ? "bodies" : "metrics"));
    programme = found->id;
  }
  if (!in.candidate.empty() &&
      (candidate = require_unit(in.candidate, "candidate", where, event_candidate)) == no_name)
    return;
  const DayNumber day = day_number(in.date.year, in.date.month, in.date.day);
  DayNumber last = day;
  if (in.until) {
    if (!date_exists(*in.until))
      return reject(where, event_until,
                    fmt::format("until: {} does not exist ({})", format_date(*in.until),
                                why_no_date(*in.until)),
                    Code::invalid_date);
    last = day_number(in.until->year, in.until->month, in.until->day);
    if (last < day)
      return reject(where, event_until,
                    fmt::format("until: {} is before the date {}", format_date(*in.until),
                                format_date(in.date)));
  }

  const NameId id = in.id.empty() ? no_name : store_.names.intern(in.id);
  // The row's line (a host call: its index) until commit, for duplicates.
  events_.push_back(EventRecord{day, last, event_id, unit, by, to, programme, candidate, id,
                                in.period ? pack_period(*in.period) : 0,
                                FactSource{file_, where.line}});
}

namespace {

bool valid_year(int year) { return year >= 1000 && year <= 9999; }

}  // namespace

void Load::stage_title(const TitleInput& in, const Where& where) {
  using namespace field;
  if (!valid_year(in.year))
    return reject(where, title_year, fmt::format("year: {} is not a year", in.year));
  const auto title = plan_name(in.title, {SymbolKind::title}, "title", where, title_title);
  if (!title) return;
  const NameId unit = require_unit(in.unit, "unit", where, title_unit);
  if (unit == no_name) return;
  const Plan& plan = *store_.plan;
  const Title& declared = plan.titles[title->index];
  const auto facts = unit_facts(unit);
  if (!declared.for_kinds.empty() && std::find(declared.for_kinds.begin(), declared.for_kinds.end(),
                                               facts->kind_index) == declared.for_kinds.end()) {
    std::string kinds;
    for (const Index k : declared.for_kinds)
      kinds += (kinds.empty() ? "" : ", ") + plan.kinds[k].name;
    return reject(where, title_unit,
                  fmt::format("unit: {} is {} {}; the title {} is for {}", quote(in.unit),
                              article(plan.kinds[facts->kind_index].name),
                              plan.kinds[facts->kind_index].name, quote(in.title), kinds));
  }
  // A title held per programme names the one it is held in; another title names none.
  const std::vector<Index> programmes = title_programmes(plan, declared);
  NameId programme = no_name;
  if (!in.programme.empty()) {
    const auto found =
        plan_name(in.programme, {SymbolKind::programme}, "programme", where, title_programme);
    if (!found) return;
    if (programmes.empty())
      return reject(where, title_programme,
                    fmt::format("programme: the title {} is not held per programme (its "
                                "declaration has no 'of'); leave the column empty",
                                quote(in.title)));
    if (std::find(programmes.begin(), programmes.end(), found->index) == programmes.end()) {
      std::string names;
      for (const Index p : programmes)
        names += (names.empty() ? "" : ", ") + plan.programmes[p].name;
      return reject(where, title_programme,
                    fmt::format("programme: the title {} is held in {}, not in {}", quote(in.title),
                                names, quote(in.programme)));
    }
    programme = found->id;
  } else if (!programmes.empty()) {
    return reject(where, title_programme,
                  fmt::format("programme: the title {} is held per programme: name the one "
                              "it is held in ({}, …)",
                              quote(in.title), plan.programmes[programmes.front()].name));
  }
  TitleValue value{FactSource{file_, where.line}, 0, false};
  if (in.date) {
    if (!date_exists(*in.date))
      return reject(
          where, title_date,
          fmt::format("date: {} does not exist ({})", format_date(*in.date), why_no_date(*in.date)),
          Code::invalid_date);
    value.date = day_number(in.date->year, in.date->month, in.date->day);
    value.has_date = true;
  }
  const TitleKey key{title->id, unit, in.year, programme};
  const auto check = [&](const TitleValue& first, bool staged) {
    if (first.has_date == value.has_date && first.date == value.date) {
      duplicate(where, fmt::format("identical to {}; stored once", describe(first.source, staged)));
    } else {
      const auto day = [](const TitleValue& v) {
        if (!v.has_date) return std::string("no date");
        const Date d = to_date(v.date);
        return format_date(d);
      };
      reject(where, in.date ? title_date : title_unit,
             fmt::format(
                 "the title {}{} of {} in {} is given at {} with {}; this row says {}",
                 quote(in.title), in.programme.empty() ? "" : fmt::format(" ({})", in.programme),
                 quote(in.unit), in.year, describe(first.source, staged), day(first), day(value)),
             Code::contradiction);
    }
  };
  if (const TitleValue* first = store_.titles.find(key)) return check(*first, false);
  if (const std::uint32_t* index = title_index_.find(key))
    return check(titles_[*index].second, true);
  title_index_.try_emplace(key, static_cast<std::uint32_t>(titles_.size()));
  titles_.emplace_back(key, value);
}

namespace {

/// A value of a metric given `for year`, given for a shorter period.
std::string yearly_metric_message(const std::string& period, std::string_view metric, int year) {
  return fmt::format(
      "year: {} is a period of the year; {} is given for a year ('for year' in "
      "the plan), and read in each of its periods: write {}",
      period, quote(metric), year);
}

std::string_view weekday_name(int weekday) noexcept {  // 0 is Monday
  static constexpr std::string_view names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
  return names[weekday];
}

}  // namespace

std::optional<Load::PlanName> Load::measured_metric(const MeasureInput& in, const Where& where) {
  using namespace field;
  const Plan& plan = *store_.plan;
  if (!valid_year(in.year)) {
    reject(where, measure_year, fmt::format("year: {} is not a year", in.year));
    return std::nullopt;
  }
  const auto metric = plan_name(in.metric, {SymbolKind::metric}, "metric", where, measure_metric);
  if (!metric) return std::nullopt;
  const Metric& declared = plan.metrics[metric->index];
  if (declared.yearly && in.period && in.period->kind != PeriodKind::year) {
    reject(where, measure_year, yearly_metric_message(in.period->label(), in.metric, in.year));
    return std::nullopt;
  }
  if (declared.formula) {
    reject(where, measure_metric,
           fmt::format("metric: {} is computed by the plan from other metrics; give those instead",
                       quote(in.metric)));
    return std::nullopt;
  }
  return metric;
}

std::string Load::measured_per(const Metric& declared) const {
  const Plan& plan = *store_.plan;
  std::string out;
  for (const Index k : declared.per_kinds) out += (out.empty() ? "" : ", ") + plan.kinds[k].name;
  if (declared.per_programme) out += out.empty() ? "programme" : ", programme";
  return out;
}

bool Load::measured_unit(const Metric& declared, NameId unit, std::string_view subject_text,
                         const MeasureInput& in, const Where& where) {
  using namespace field;
  const Index kind = unit_facts(unit)->kind_index;
  if (std::find(declared.per_kinds.begin(), declared.per_kinds.end(), kind) !=
      declared.per_kinds.end())
    return true;
  const std::string& kind_name = store_.plan->kinds[kind].name;
  reject(where, measure_subject,
         fmt::format("subject: {} is {} {}; {} is measured per {}",
                     quote(subject_text.empty() ? name_of(unit) : subject_text), article(kind_name),
                     kind_name, quote(in.metric), measured_per(declared)));
  return false;
}

bool Load::measured_programme(const Metric& declared, std::string_view subject_text,
                              const MeasureInput& in, const Where& where) {
  if (declared.per_programme) return true;
  reject(where, field::measure_subject,
         fmt::format("subject: {} is a programme; {} is measured per {}", quote(subject_text),
                     quote(in.metric), measured_per(declared)));
  return false;
}

void Load::stage_measure(const MeasureInput& in, const Where& where) {
  using namespace field;
  const auto metric = measured_metric(in, where);
  if (!metric) return;
  const Metric& declared = store_.plan->metrics[metric->index];
  if (in.subject.empty())
    return reject(where, measure_subject, "subject: empty, but required", Code::missing_field);
  NameId subject = find_unit(in.subject);
  if (subject != no_name) {
    if (!measured_unit(declared, subject, in.subject, in, where)) return;
  } else {
    subject = store_.names.find(in.subject);
    const PlanRef ref = store_.ref(subject);
    if (ref.is(SymbolKind::programme)) {
      if (!measured_programme(declared, in.subject, in, where)) return;
    } else if (declared.per_programme && declared.per_kinds.empty()) {
      if (!plan_name(in.subject, {SymbolKind::programme}, "subject", where, measure_subject))
        return;
    } else {
      return reject(where, measure_subject, unknown_unit_message("subject", in.subject),
                    Code::unknown_name);
    }
  }
  const auto fact = measure_fact(declared, metric->id, subject, in, where);
  if (!fact) return;
  if (const MeasureRecord* first = store_.measures.find(fact->first))
    return repeated_measure(*first, false, fact->second, in, subject, where);
  const auto [index, added] =
      measure_index_.try_emplace(fact->first, static_cast<std::uint32_t>(measures_.size()));
  if (!added)
    return repeated_measure(measures_[*index].second, true, fact->second, in, subject, where);
  measures_.push_back(*fact);
}

void Load::stage_measure_column(const MeasureColumn& column) {
  using namespace field;
  MeasureInput in;
  in.year = column.year;
  in.metric = column.metric;
  in.period = column.period;
  Where where;  // the call as a whole: line 0
  where.kind = FactKind::measure;
  if (column.subjects.size() != column.values.size())
    return reject_at(0, 0,
                     fmt::format("{} subjects and {} values: a column gives one value per subject",
                                 column.subjects.size(), column.values.size()));
  const auto metric = measured_metric(in, where);
  if (!metric) return;
  if (in.period && in.period->year != in.year)
    return reject(
        where, measure_year,
        fmt::format("year: {} is not the year of the period {}", in.year, in.period->label()));
  const Metric& declared = store_.plan->metrics[metric->index];
  count_rows(column.subjects.size());
  measures_.reserve(measures_.size() + column.subjects.size());

  // The rows staged so far, by subject: an array over the range of the
  // column's ids when it is dense enough, else the load's index.
  const auto [lowest, highest] =
      std::minmax_element(column.subjects.begin(), column.subjects.end());
  const std::size_t range =
      column.subjects.empty() ? 0 : static_cast<std::size_t>(*highest) - *lowest + 1;
  const bool by_slot = range <= 4 * column.subjects.size() + 1024;
  std::vector<std::uint32_t> staged_at(by_slot ? range : 0);  // row staged + 1, or 0
  if (!by_slot) measure_index_.reserve(column.subjects.size());

  // The ids are known before their rows: their units are fetched early, the
  // slot of the id 16 rows on, then the record 8 rows on.
  const std::span<const NameId> ids = column.subjects;
  for (std::size_t row = 0; row < ids.size(); ++row) {
    if (row + 16 < ids.size()) store_.prefetch_unit_slot(ids[row + 16]);
    if (row + 8 < ids.size()) store_.prefetch_unit(ids[row + 8]);
    const NameId subject = ids[row];
    in.value = column.values[row];
    where.line = static_cast<std::uint32_t>(row + 1);
    if (store_.unit(subject)) {
      if (!measured_unit(declared, subject, {}, in, where)) continue;
    } else if (!store_.ref(subject).is(SymbolKind::programme)) {
      reject(where, measure_subject,
             fmt::format("subject: the id {} names no unit or programme of the store", subject),
             Code::unknown_name);
      continue;
    } else if (!measured_programme(declared, store_.names.name(subject), in, where)) {
      continue;
    }
    const auto fact = measure_fact(declared, metric->id, subject, in, where);
    if (!fact) continue;
    if (const MeasureRecord* first = store_.measures.find(fact->first)) {
      repeated_measure(*first, false, fact->second, in, subject, where);
      continue;
    }
    const auto staged = static_cast<std::uint32_t>(measures_.size());
    std::optional<std::uint32_t> earlier;  // the row staged with this key before
    if (by_slot) {
      std::uint32_t& slot = staged_at[subject - *lowest];
      if (slot != 0)
        earlier = slot - 1;
      else
        slot = staged + 1;
    } else if (const auto [index, added] = measure_index_.try_emplace(fact->first, staged);
               !added) {
      earlier = *index;
    }
    if (earlier) {
      repeated_measure(measures_[*earlier].second, true, fact->second, in, subject, where);
      continue;
    }
    measures_.push_back(*fact);
  }
}

void Load::warn_fraction(const Metric& declared, NameId metric, std::string_view metric_text,
                         double value, const Where& where, int field) {
  // 0.97 for a percentage is read as 0.97%: said once per metric, at its
  // first such row, as in a plan (M0013); a rate under 1% may be meant.
  if (declared.type.name != "percent" || value <= 0 || value >= 1 ||
      std::find(fraction_metrics_.begin(), fraction_metrics_.end(), metric) !=
          fraction_metrics_.end())
    return;
  fraction_metrics_.push_back(metric);
  report_.warnings.push_back(row_at(
      where, field,
      fmt::format("value: {} for the percentage {} is {}%, not {}%: write {} if the fraction "
                  "was meant (said once for {} in this load)",
                  format_number(value), quote(metric_text), format_number(value),
                  format_number(value * 100), format_number(value * 100), quote(metric_text)),
      Code::type_mismatch));
}

std::optional<std::pair<MeasureKey, MeasureRecord>> Load::measure_fact(const Metric& declared,
                                                                       NameId metric,
                                                                       NameId subject,
                                                                       const MeasureInput& in,
                                                                       const Where& where) {
  using namespace field;
  if (!std::isfinite(in.value)) {
    reject(where, measure_value, "value: not a finite number");
    return std::nullopt;
  }
  warn_fraction(declared, metric, in.metric, in.value, where, measure_value);
  if (declared.type.name == "count" && (in.value < 0 || !is_whole(in.value))) {
    reject(where, measure_value,
           fmt::format("value: {} is not a count (a whole number, 0 or more)",
                       format_number(in.value)));
    return std::nullopt;
  }

  const auto period_code = [](const std::optional<Period>& period) -> std::uint32_t {
    return period && period->kind != PeriodKind::year ? pack_period(*period) : 0;
  };
  if (in.period && in.period->year != in.year) {
    reject(where, measure_year,
           fmt::format("year: {} is not the year of the period {}", in.year, in.period->label()));
    return std::nullopt;
  }
  const MeasureKey key{metric, subject, in.year, period_code(in.period)};
  MeasureRecord value{in.value, FactSource{file_, where.line}, undated};
  if (in.date) {
    if (!date_exists(*in.date)) {
      reject(
          where, measure_date,
          fmt::format("date: {} does not exist ({})", format_date(*in.date), why_no_date(*in.date)),
          Code::invalid_date);
      return std::nullopt;
    }
    value.date = day_number(in.date->year, in.date->month, in.date->day);
  }
  return std::pair{key, value};
}

void Load::repeated_measure(const MeasureRecord& first, bool staged, const MeasureRecord& value,
                            const MeasureInput& in, NameId subject, const Where& where) {
  using namespace field;
  // A column of values by id (add_measure_column) names its subjects by id.
  const std::string_view subject_text = in.subject.empty() ? name_of(subject) : in.subject;
  if (first.value == value.value && first.date == value.date)
    return duplicate(where,
                     fmt::format("identical to {}; stored once", describe(first.source, staged)));
  if (first.value == value.value)
    return reject(
        where, measure_date,
        fmt::format("date: {} of {} of {} in {} differs from the one given at {}",
                    in.date ? format_date(*in.date) : std::string("no date"), quote(in.metric),
                    quote(subject_text), in.year, describe(first.source, staged)),
        Code::contradiction);
  reject(where, measure_value,
         fmt::format("value: {} contradicts {} for {} of {} in {}, given at {}",
                     format_number(in.value), format_number(first.value), quote(in.metric),
                     quote(subject_text), in.year, describe(first.source, staged)),
         Code::contradiction);
}

void Load::stage_calendar(const CalendarInput& in, const Where& where) {
  using namespace field;
  if (!date_exists(in.date))
    return reject(
        where, calendar_date,
        fmt::format("date: {} does not exist ({})", format_date(in.date), why_no_date(in.date)),
        Code::invalid_date);
  const DayNumber day = day_number(in.date.year, in.date.month, in.date.day);
  // A make-up working day (调休上班) is a Saturday or a Sunday: on a weekday
  // the row changes nothing, and a date slipped by a digit would pass unseen
  // (a new-user trial). Kept, as the row is not wrong in itself.
  if (in.workday) {
    const int weekday = weekday_of(day);
    if (weekday < 5)
      report_.warnings.push_back(
          row_at(where, calendar_day,
                 fmt::format("day: {} is a {}, a working day anyway: a make-up working day "
                             "(workday) is a Saturday or a Sunday; is the date right?",
                             format_date(in.date), weekday_name(weekday)),
                 Code::bad_value));
  }
  CalendarRecord value{in.workday, std::string(in.name), std::string(in.source),
                       FactSource{file_, where.line}};
  const auto check = [&](const CalendarRecord& first, bool staged) {
    if (first.workday == value.workday && first.name == value.name && first.notice == value.notice)
      return duplicate(where,
                       fmt::format("identical to {}; stored once", describe(first.source, staged)));
    reject(where, first.workday == value.workday ? calendar_name : calendar_day,
           fmt::format("{}: {} is a {}{} at {}", first.workday == value.workday ? "name" : "day",
                       format_date(in.date), first.workday ? "workday" : "holiday",
                       first.name.empty() ? std::string() : fmt::format(" ({})", first.name),
                       describe(first.source, staged)),
           Code::contradiction);
  };
  if (const auto found = store_.calendar.find(day); found != store_.calendar.end())
    return check(found->second, false);
  if (const auto found = calendar_.find(day); found != calendar_.end())
    return check(found->second, true);
  calendar_.emplace(day, std::move(value));
}

void Load::stage_published(const PublishedInput& in, const Where& where) {
  using namespace field;
  const Plan& plan = *store_.plan;
  if (!valid_year(in.year))
    return reject(where, published_year, fmt::format("year: {} is not a year", in.year));
  const auto metric = plan_name(in.metric, {SymbolKind::metric}, "metric", where, published_metric);
  if (!metric) return;
  if (plan.metrics[metric->index].yearly && in.period && in.period->kind != PeriodKind::year)
    return reject(where, published_year,
                  yearly_metric_message(in.period->label(), in.metric, in.year));
  const auto group = plan_name(in.group, {SymbolKind::group}, "group", where, published_group);
  if (!group) return;
  const Group& declared = plan.groups[group->index];
  if (declared.sort != GroupSort::bodies)
    return reject(
        where, published_group,
        fmt::format("group: {} is a group of {}; a published figure is about a group of units",
                    quote(in.group),
                    declared.sort == GroupSort::programmes ? "programmes" : "metrics"));
  const std::string_view statistic = statistic_names[static_cast<std::size_t>(in.statistic)];
  NameId unit = no_name;
  if (in.statistic == Statistic::rank) {
    if (in.unit.empty())
      return reject(where, published_unit, "unit: empty, but a rank is the rank of a unit",
                    Code::missing_field);
    unit = require_unit(in.unit, "unit", where, published_unit);
    if (unit == no_name) return;
    if (!in_group(group->index, unit))
      return reject(
          where, published_unit,
          fmt::format("unit: {} is not a member of the group {}", quote(in.unit), quote(in.group)));
  } else if (!in.unit.empty()) {
    return reject(where, published_unit,
                  fmt::format("unit: only a rank names a unit; {} {} is of the whole group",
                              article(statistic), statistic));
  }
  if (!std::isfinite(in.value)) return reject(where, published_value, "value: not a finite number");
  if (in.statistic == Statistic::average)
    warn_fraction(plan.metrics[metric->index], metric->id, in.metric, in.value, where,
                  published_value);
  if (in.statistic != Statistic::average && (in.value < 1 || !is_whole(in.value)))
    return reject(where, published_value,
                  fmt::format("value: {} is not {} {} (a whole number, 1 or more)",
                              format_number(in.value), article(statistic), statistic));
  if (in.out_of != 0) {
    if (in.statistic != Statistic::rank)
      return reject(where, published_out_of, "out_of: only a rank is out of N");
    if (!std::isfinite(in.out_of) || in.out_of < 1 || !is_whole(in.out_of))
      return reject(where, published_out_of,
                    fmt::format("out_of: {} is not a size (a whole number, 1 or more)",
                                format_number(in.out_of)));
    if (in.out_of < in.value)
      return reject(where, published_out_of,
                    fmt::format("out_of: rank {} out of {} is past the end",
                                format_number(in.value), format_number(in.out_of)));
  }

  const std::uint32_t period =
      in.period && in.period->kind != PeriodKind::year ? pack_period(*in.period) : 0;
  const PublishedKey key{metric->id, group->id, unit, in.year, in.statistic, period};
  MeasureRecord value{in.value, FactSource{file_, where.line}, undated};
  if (in.date) {
    if (!date_exists(*in.date))
      return reject(
          where, published_date,
          fmt::format("date: {} does not exist ({})", format_date(*in.date), why_no_date(*in.date)),
          Code::invalid_date);
    value.date = day_number(in.date->year, in.date->month, in.date->day);
  }
  // The first value given for a key, and whether it is staged in this load.
  const auto first_of = [&](const PublishedKey& k) -> std::pair<const MeasureRecord*, bool> {
    if (const MeasureRecord* first = store_.published.find(k)) return {first, false};
    if (const std::uint32_t* index = published_index_.find(k))
      return {&published_[*index].second, true};
    return {nullptr, false};
  };
  const auto what = [&] {
    return in.statistic == Statistic::rank
               ? fmt::format("the rank of {} in {} by {} in {}", quote(in.unit), quote(in.group),
                             quote(in.metric), in.year)
               : fmt::format("the {} of {} for {} in {}", statistic, quote(in.group),
                             quote(in.metric), in.year);
  };
  const auto [first, first_staged] = first_of(key);
  if (first && first->value == in.value && first->date != value.date)
    return reject(where, published_date,
                  fmt::format("date: {} of {} differs from the one given at {}",
                              in.date ? format_date(*in.date) : std::string("no date"), what(),
                              describe(first->source, first_staged)),
                  Code::contradiction);
  if (first && first->value != in.value)
    return reject(
        where, published_value,
        fmt::format("value: {} contradicts {} for {}, given at {}", format_number(in.value),
                    format_number(first->value), what(), describe(first->source, first_staged)),
        Code::contradiction);
  // "rank r out of N" also states the size of the ranked group.
  const PublishedKey size_key{metric->id, group->id, no_name, in.year, Statistic::size, period};
  const auto [size, size_staged] =
      in.out_of != 0 ? first_of(size_key) : std::pair<const MeasureRecord*, bool>{};
  if (size && size->value != in.out_of)
    return reject(where, published_out_of,
                  fmt::format("out_of: {} contradicts the size {} of {} for {} in {}, given at {}",
                              format_number(in.out_of), format_number(size->value), quote(in.group),
                              quote(in.metric), in.year, describe(size->source, size_staged)),
                  Code::contradiction);
  const bool adds_size = in.out_of != 0 && !size;
  if (first && !adds_size)
    return duplicate(
        where, fmt::format("identical to {}; stored once", describe(first->source, first_staged)));
  if (!first) {
    published_index_.try_emplace(key, static_cast<std::uint32_t>(published_.size()));
    published_.emplace_back(key, value);
  }
  if (adds_size) {
    published_index_.try_emplace(size_key, static_cast<std::uint32_t>(published_.size()));
    published_.emplace_back(size_key, MeasureRecord{in.out_of, value.source, value.date});
  }
  ++published_rows_added_;
}

// ---------------------------------------------------------------------------
// Finishing: duplicates among events, the policy, the commit

namespace {

/// LSD radix sort of `keys` on bits [low, high), in digits of at most 11
/// bits (a histogram that stays in the first-level cache). Stable, so bits
/// below `low` keep the order they had.
void radix_sort(std::uint64_t* keys, std::size_t count, unsigned low, unsigned high) {
  if (high <= low || count < 2) return;
  const unsigned passes = (high - low + 10) / 11;
  const unsigned width = (high - low + passes - 1) / passes;
  std::unique_ptr<std::uint64_t[]> spare(new std::uint64_t[count]);  // not zero-filled
  std::uint64_t* from = keys;
  std::uint64_t* to = spare.get();
  std::vector<std::size_t> offsets(std::size_t{1} << width);
  for (unsigned shift = low; shift < high; shift += width) {
    const unsigned bits = std::min(width, high - shift);
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    std::fill(offsets.begin(), offsets.end(), 0);
    for (std::size_t i = 0; i < count; ++i) ++offsets[(from[i] >> shift) & mask];
    std::size_t running = 0;
    for (std::size_t& offset : offsets) {
      const std::size_t size = offset;
      offset = running;
      running += size;
    }
    for (std::size_t i = 0; i < count; ++i) to[offsets[(from[i] >> shift) & mask]++] = from[i];
    std::swap(from, to);
  }
  if (from != keys) std::copy(from, from + count, keys);
}

}  // namespace

void Load::repeated_event(const EventRecord& record, const FactSource& first, bool staged) {
  Where where;
  where.line = record.source.line;
  // An id says which event a row is: the same id twice is one event given
  // twice. Without one, two rows alike in every column may be one event
  // entered twice or two events (two notices on one day): not guessed.
  if (record.id != no_name)
    return duplicate(where, fmt::format("identical to {}; stored once", describe(first, staged)));
  reject(where, -1,
         fmt::format("identical to {} in every column: if these are two events, give each an "
                     "'id'; if one event was entered twice, remove one",
                     describe(first, staged)),
         Code::duplicate_name);
}

void Load::sort_and_deduplicate_events() {
  const std::size_t count = events_.size();
  staged_groups_.clear();
  if (count == 0) return;
  // The order of the store: (unit, event, date, until, by, …), rows that
  // compare equal in line order. A radix sort orders the rows by (unit,
  // event, date) and then by staging order, packed into one 64-bit key with
  // the row's index in its low bits; rows with the same (unit, event, date)
  // are then put in full order, which they nearly always already are.
  std::uint32_t event_low = UINT32_MAX, event_high = 0, unit_low = UINT32_MAX, unit_high = 0;
  DayNumber day_low = INT32_MAX, day_high = INT32_MIN;
  for (const EventRecord& record : events_) {
    event_low = std::min(event_low, record.event);
    event_high = std::max(event_high, record.event);
    unit_low = std::min(unit_low, record.unit);
    unit_high = std::max(unit_high, record.unit);
    day_low = std::min(day_low, record.date);
    day_high = std::max(day_high, record.date);
  }
  const auto width = [](std::uint64_t range) {
    return static_cast<unsigned>(std::bit_width(range));
  };
  const unsigned index_bits = width(count - 1);
  const unsigned day_bits = width(static_cast<std::uint64_t>(std::int64_t{day_high} - day_low));
  const unsigned unit_bits = width(unit_high - unit_low);
  const unsigned event_bits = width(event_high - event_low);

  // Gathered into an array of the right size, not zero-filled first. Rows
  // identical to the row before or to a stored event are dropped on the
  // way, and the (event, unit) groups noted, for as long as the rows come
  // in full order; after a row that does not, the rows are put in order
  // and checked in passes of their own.
  std::vector<EventRecord> sorted;
  sorted.reserve(count);
  std::vector<EventGroup> groups;
  bool ordered = true;
  const bool store_has_events = !store_.events.empty();
  const EventRecord* stored_first = nullptr;
  const EventRecord* stored_last = nullptr;
  const auto stored_duplicate = [&](const EventRecord& record) {
    if (!stored_first) return false;
    const EventRecord* match = std::lower_bound(stored_first, stored_last, record, event_less);
    if (match == stored_last || !same_event(*match, record)) return false;
    repeated_event(record, match->source, false);
    return true;
  };
  const auto find_stored = [&](const EventRecord& record) {
    stored_first = stored_last = nullptr;
    if (!store_has_events) return;
    if (const std::uint32_t stored = store_.find_group(record.event, record.unit);
        stored != UINT32_MAX) {
      stored_first = store_.events.data() + store_.groups[stored].begin;
      stored_last = store_.events.data() + store_.groups[stored + 1].begin;
    }
  };
  const auto take = [&](const EventRecord& record) {
    if (!ordered) return sorted.push_back(record);
    if (sorted.empty() || !same_group(record, sorted.back())) {
      groups.push_back(
          EventGroup{record.event, record.unit, static_cast<std::uint32_t>(sorted.size())});
      find_stored(record);
    } else if (const EventRecord& last = sorted.back();
               last.date == record.date && event_less(record, last)) {
      ordered = false;
      return sorted.push_back(record);
    } else if (same_event(last, record)) {
      return repeated_event(record, last.source, true);
    }
    if (!stored_duplicate(record)) sorted.push_back(record);
  };
  const auto gather = [&](auto&& index_of) {
    constexpr std::size_t ahead = 16;  // the reads are scattered: start them early
    for (std::size_t i = 0; i < count; ++i) {
      if (i + ahead < count) __builtin_prefetch(&events_[index_of(i + ahead)]);
      take(events_[index_of(i)]);
    }
  };
  // Few rows (a host call, a small file), or keys too wide for 64 bits:
  // a comparison sort does as well.
  constexpr std::size_t radix_from = 256;
  if (count >= radix_from && index_bits + day_bits + unit_bits + event_bits <= 64) {
    std::unique_ptr<std::uint64_t[]> keys(new std::uint64_t[count]);  // not zero-filled
    for (std::size_t i = 0; i < count; ++i) {
      const EventRecord& record = events_[i];
      std::uint64_t key = record.unit - unit_low;
      key = key << event_bits | (record.event - event_low);
      key = key << day_bits | static_cast<std::uint64_t>(std::int64_t{record.date} - day_low);
      keys[i] = key << index_bits | i;
    }
    radix_sort(keys.get(), count, index_bits, index_bits + day_bits + unit_bits + event_bits);
    const std::uint64_t index_mask = (std::uint64_t{1} << index_bits) - 1;
    gather([&](std::size_t i) { return static_cast<std::size_t>(keys[i] & index_mask); });
  } else {
    std::vector<std::uint32_t> order(count);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const EventRecord& x = events_[a];
      const EventRecord& y = events_[b];
      if (x.unit != y.unit) return x.unit < y.unit;
      if (x.event != y.event) return x.event < y.event;
      return x.date < y.date;
    });
    gather([&](std::size_t i) { return order[i]; });
  }
  std::vector<EventRecord>().swap(events_);

  if (ordered) {
    // Exactly as many as there are, and one more for the end.
    staged_groups_.reserve(groups.size() + 1);
    staged_groups_.assign(groups.begin(), groups.end());
    events_.swap(sorted);
    return;
  }
  // The rare case: put rows of the same (event, unit, date) in full order,
  // then drop the duplicates (the rows taken before are checked already and
  // are not reported twice).
  const std::size_t taken = sorted.size();
  const auto same_day = [](const EventRecord& a, const EventRecord& b) {
    return same_group(a, b) && a.date == b.date;
  };
  for (std::size_t i = 0; i + 1 < taken;) {
    std::size_t j = i + 1;
    while (j < taken && same_day(sorted[i], sorted[j])) ++j;
    if (j - i > 1 && !std::is_sorted(sorted.begin() + i, sorted.begin() + j, event_less))
      std::stable_sort(sorted.begin() + i, sorted.begin() + j, event_less);
    i = j;
  }
  std::size_t kept = 0;
  std::size_t group_start = 0;
  for (std::size_t i = 0; i < taken; ++i) {
    const EventRecord record = sorted[i];
    if (i == 0 || !same_group(record, sorted[i - 1])) {
      group_start = kept;
      find_stored(record);
    }
    if (kept > group_start && same_event(sorted[kept - 1], record)) {
      repeated_event(record, sorted[kept - 1].source, true);
      continue;
    }
    if (stored_duplicate(record)) continue;
    sorted[kept++] = record;
  }
  sorted.resize(kept);
  events_.swap(sorted);
}

LoadReport Load::finish() {
  sort_and_deduplicate_events();
  // Listed before the policy applies: a rejected load still says what it read.
  const auto file_load = [&] {
    return FileLoad{source_, report_.rows_read, report_.rows_added,
                    report_.rejected.size() + report_.rejected_unlisted, report_.duplicates.size()};
  };
  std::stable_sort(report_.rejected.begin(), report_.rejected.end(), rejected_earlier);
  std::stable_sort(report_.duplicates.begin(), report_.duplicates.end(), rejected_earlier);
  if (!report_.rejected.empty() && policy_ == LoadPolicy::all_or_nothing) {
    report_.rows_added = 0;
    report_.files.push_back(file_load());
    return std::move(report_);
  }
  report_.rows_added = unit_rows_added_ + events_.size() + titles_.size() + measures_.size() +
                       published_rows_added_ + calendar_.size();
  report_.files.push_back(file_load());
  commit();
  // The good rows were kept: the store remembers that it holds fewer facts
  // than it was given, and the reports on it say so (ReportOrigin).
  store_.rows_left_out += report_.rejected.size() + report_.rejected_unlisted;
  return std::move(report_);
}

}  // namespace mandate::detail

namespace mandate::detail {

void Load::commit() {
  StoreData& store = store_;
  const bool anything = !new_names_.empty() || !events_.empty() || !titles_.empty() ||
                        !measures_.empty() || !published_.empty() || !calendar_.empty();
  if (!anything) return;
  if (file_ == store.sources.size()) store.sources.push_back(source_);
  // A host call's facts carry line 0 (staged, they carried the row index).
  const auto line = [&](std::uint32_t staged) { return host_ ? 0u : staged; };

  // Units: new names get the ids they were staged with.
  store.names.reserve(new_names_.size());
  for (std::size_t i = 0; i < new_names_.size(); ++i) {
    if (i + 8 < new_names_.size()) store.names.prefetch(new_names_[i + 8]);
    store.names.intern(new_names_[i]);
  }
  // plan_ref stays the size of the plan's names: a unit's name is no symbol.
  store.unit_of_name.resize(store.names.size(), 0);
  store.units.reserve(store.units.size() + staged_units_.size());
  for (const StagedUnit& staged : staged_units_) {
    UnitRecord record = staged.record;
    record.source.line = line(record.source.line);
    store.unit_of_name[record.name] = store.add_unit(record);
  }
  for (const auto& [alias, unit] : new_aliases_)
    store.unit_of_name[alias] = store.unit_of_name[unit];
  for (const auto& [unit, to] : reports_) store.superiors[unit] = to;

  // Events: merge two sorted runs into a vector of exactly the right size.
  if (!events_.empty()) {
    if (host_)
      for (EventRecord& record : events_) record.source.line = 0;
    if (store.events.empty()) {
      store.events.swap(events_);
      if (store.events.capacity() != store.events.size()) store.events.shrink_to_fit();
    } else {
      std::vector<EventRecord> merged;
      merged.reserve(store.events.size() + events_.size());
      std::merge(store.events.begin(), store.events.end(), events_.begin(), events_.end(),
                 std::back_inserter(merged), event_less);
      store.events.swap(merged);
      staged_groups_.clear();  // the groups of the merged events are found below
    }
    std::vector<EventRecord>().swap(events_);
    if (!staged_groups_.empty()) {  // found by the sort: the staged events are all there is
      staged_groups_.push_back(
          EventGroup{no_name, no_name, static_cast<std::uint32_t>(store.events.size())});
      store.groups.swap(staged_groups_);
      std::vector<EventGroup>().swap(staged_groups_);
      store.rebuild_group_index();
    } else {
      store.rebuild_groups();
    }
  }

  store.titles.reserve(store.titles.size() + titles_.size());
  for (auto [key, value] : titles_) {
    value.source.line = line(value.source.line);
    store.titles.try_emplace(key, value);
  }
  store.measures.prepare(measures_);
  for (auto [key, value] : measures_) {
    value.source.line = line(value.source.line);
    store.measures.try_emplace(key, value);
  }
  store.published.reserve(store.published.size() + published_.size());
  for (auto [key, value] : published_) {
    value.source.line = line(value.source.line);
    store.published.try_emplace(key, value);
  }
  for (auto& [day, value] : calendar_) {
    value.source.line = line(value.source.line);
    store.calendar_years.insert(to_date(day).year);
    store.calendar.emplace(day, std::move(value));
  }
}

}  // namespace mandate::detail
