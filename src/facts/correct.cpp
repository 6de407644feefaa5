// Corrections: facts retracted, figures replaced (docs/facts.md,
// "Correcting facts"). Loading is in load.cpp; this finds stored facts by
// the rows a host gives and takes them out.
#include <mandate/facts.hpp>

#include "facts/store_impl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <variant>
#include <vector>

namespace mandate {
namespace {

using detail::StoreData;

/// The stored name of a text: a unit's canonical name when the text names
/// a unit or an alias, otherwise the name itself; no_name when the store has
/// never seen it (then no fact can hold it).
NameId stored(const StoreData& s, std::string_view text) {
  const NameId id = s.names.find(text);
  const detail::UnitRecord* unit = s.unit(id);
  return unit ? unit->name : id;
}

/// The period of a key: 0 for a year (MeasureKey::period).
std::uint32_t period_key(const std::optional<Period>& period) {
  return period && period->kind != PeriodKind::year ? detail::pack_period(*period) : 0;
}

/// Where a stored fact is, for removal: an event's position, or a key.
using Found = std::variant<std::monostate, std::size_t, detail::TitleKey, detail::MeasureKey,
                           detail::PublishedKey>;

Found find_event(const StoreData& s, const EventInput& in) {
  const NameId event = s.names.find(in.event);
  const NameId unit = stored(s, in.unit);
  const std::uint32_t group = s.find_group(event, unit);
  if (group == UINT32_MAX) return {};
  EventRecord wanted{};
  wanted.date = to_day_number(in.date);
  wanted.until = in.until ? to_day_number(*in.until) : wanted.date;
  wanted.event = event;
  wanted.unit = unit;
  wanted.by = in.by.empty() ? no_name : stored(s, in.by);
  wanted.to = in.to.empty() ? no_name : stored(s, in.to);
  wanted.programme = in.programme.empty() ? no_name : s.names.find(in.programme);
  wanted.candidate = in.candidate.empty() ? no_name : stored(s, in.candidate);
  wanted.id = in.id.empty() ? no_name : s.names.find(in.id);
  wanted.for_period = in.period ? detail::pack_period(*in.period) : 0;
  for (std::uint32_t i = s.groups[group].begin; i < s.groups[group + 1].begin; ++i)
    if (detail::same_event(s.events[i], wanted)) return std::size_t{i};
  return {};
}

Found find_title(const StoreData& s, const TitleInput& in) {
  const detail::TitleKey key{s.names.find(in.title), stored(s, in.unit), in.year,
                             in.programme.empty() ? no_name : s.names.find(in.programme)};
  return s.titles.find(key) ? Found(key) : Found();
}

Found find_measure(const StoreData& s, const MeasureInput& in) {
  const detail::MeasureKey key{s.names.find(in.metric), stored(s, in.subject), in.year,
                               period_key(in.period)};
  return s.measures.find(key) ? Found(key) : Found();
}

Found find_published(const StoreData& s, const PublishedInput& in) {
  const detail::PublishedKey key{s.names.find(in.metric),
                                 s.names.find(in.group),
                                 in.unit.empty() ? no_name : stored(s, in.unit),
                                 in.year,
                                 in.statistic,
                                 period_key(in.period)};
  return s.published.find(key) ? Found(key) : Found();
}

std::string_view kind_of(const EventInput&) { return "event"; }
std::string_view kind_of(const TitleInput&) { return "title"; }
std::string_view kind_of(const MeasureInput&) { return "measure"; }
std::string_view kind_of(const PublishedInput&) { return "published figure"; }

/// Removes what was found; events all at once, as positions.
void remove(StoreData& s, std::vector<Found>& found) {
  std::vector<std::size_t> events;
  for (const Found& f : found) {
    if (const auto* position = std::get_if<std::size_t>(&f)) events.push_back(*position);
    if (const auto* key = std::get_if<detail::TitleKey>(&f)) s.titles.erase(*key);
    if (const auto* key = std::get_if<detail::MeasureKey>(&f)) s.measures.erase(*key);
    if (const auto* key = std::get_if<detail::PublishedKey>(&f)) s.published.erase(*key);
  }
  if (events.empty()) return;
  std::sort(events.begin(), events.end());
  std::size_t next = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < s.events.size(); ++i) {
    if (next < events.size() && events[next] == i) {
      ++next;
      continue;
    }
    s.events[kept++] = s.events[i];
  }
  s.events.resize(kept);
  s.rebuild_groups();
}

}  // namespace

template <typename Row, typename Find>
LoadReport FactStore::retract(std::span<const Row> rows, std::string_view source, LoadPolicy policy,
                              const Find& find) {
  LoadReport report;
  FileLoad file{std::string(source), rows.size(), 0, 0, 0};
  report.rows_read = rows.size();
  std::vector<Found> found;
  found.reserve(rows.size());
  const StoreData& s = *impl_;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Found f = find(s, rows[i]);
    // The same fact named twice in one call is there once.
    const bool again = !std::holds_alternative<std::monostate>(f) &&
                       std::find(found.begin(), found.end(), f) != found.end();
    if (std::holds_alternative<std::monostate>(f) || again) {
      ++file.rejected;
      if (report.rejected.size() < max_listed_rejections)
        report.rejected.push_back(
            RejectedRow{std::string(source),
                        static_cast<std::uint32_t>(i + 1),
                        0,
                        fmt::format("no stored {} matches this row{}", kind_of(rows[i]),
                                    again ? ": it was named by an earlier row of this call" : ""),
                        Code::no_such_fact,
                        {}});
      else
        ++report.rejected_unlisted;
      continue;
    }
    found.push_back(std::move(f));
  }
  if (file.rejected > 0 && policy == LoadPolicy::all_or_nothing) found.clear();
  if (!found.empty()) remove(writable(), found);
  file.rows_added = found.size();
  report.rows_added = found.size();
  report.files.push_back(std::move(file));
  return report;
}

LoadReport FactStore::retract_events(std::span<const EventInput> rows, std::string_view source,
                                     LoadPolicy policy) {
  return retract(rows, source, policy, find_event);
}
LoadReport FactStore::retract_titles(std::span<const TitleInput> rows, std::string_view source,
                                     LoadPolicy policy) {
  return retract(rows, source, policy, find_title);
}
LoadReport FactStore::retract_measures(std::span<const MeasureInput> rows, std::string_view source,
                                       LoadPolicy policy) {
  return retract(rows, source, policy, find_measure);
}
LoadReport FactStore::retract_published(std::span<const PublishedInput> rows,
                                        std::string_view source, LoadPolicy policy) {
  return retract(rows, source, policy, find_published);
}

namespace {

/// Takes out the stored facts that `rows` replace, adds the rows, and puts
/// the old facts back for the rows that were not added. With all_or_nothing
/// a rejected row puts every old fact back (the load added nothing).
template <typename Row, typename Key, typename Map, typename Find, typename Add>
LoadReport replace(StoreData& s, Map& map, std::span<const Row> rows, const Find& find,
                   const Add& add) {
  std::vector<std::pair<Key, MeasureRecord>> removed;
  for (const Row& row : rows) {
    const Found f = find(s, row);
    if (const auto* key = std::get_if<Key>(&f)) {
      removed.emplace_back(*key, *map.find(*key));
      map.erase(*key);
    }
  }
  LoadReport report = add();
  // A key with no fact after the load is one whose row was rejected.
  for (const auto& [key, value] : removed) map.try_emplace(key, value);
  return report;
}

}  // namespace

LoadReport FactStore::replace_measures(std::span<const MeasureInput> rows, std::string_view source,
                                       LoadPolicy policy) {
  StoreData& s = writable();
  return replace<MeasureInput, detail::MeasureKey>(
      s, s.measures, rows, find_measure, [&] { return add_measures(rows, source, policy); });
}

LoadReport FactStore::replace_published(std::span<const PublishedInput> rows,
                                        std::string_view source, LoadPolicy policy) {
  StoreData& s = writable();
  return replace<PublishedInput, detail::PublishedKey>(
      s, s.published, rows, find_published, [&] { return add_published(rows, source, policy); });
}

}  // namespace mandate
