// FactStore::digest: a SHA-256 of the facts held, independent of the order
// and the files they came in, for a report to name the facts it was made of.
#include <mandate/facts.hpp>

#include "facts/store_impl.hpp"
#include "support/sha256.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

namespace mandate {
namespace {

std::string day(DayNumber number) {
  return number == undated ? std::string() : to_string(to_date(number));
}

std::string period_text(std::uint32_t packed) {
  const std::optional<Period> period = detail::unpack_period(packed);
  return period ? period->label() : std::string();
}

const char* statistic_name(Statistic statistic) {
  switch (statistic) {
    case Statistic::average:
      return "average";
    case Statistic::rank:
      return "rank";
    case Statistic::size:
      return "size";
  }
  return "?";
}

}  // namespace

std::string FactStore::digest() const {
  const detail::StoreData& s = *impl_;
  const auto name = [&](NameId id) { return s.names.name(id); };
  // One line per fact, its names spelled out (ids depend on load order),
  // sorted: the same facts give the same lines in the same order.
  std::vector<std::string> lines;
  lines.reserve(s.units.size() + s.events.size() + s.titles.size() + s.measures.size() +
                s.published.size());
  std::vector<std::vector<std::string_view>> aliases(s.units.size());
  for (NameId id = 1; id < s.names.size(); ++id)
    if (const detail::UnitRecord* unit = s.unit(id); unit && unit->name != id)
      aliases[static_cast<std::size_t>(unit - s.units.data())].push_back(name(id));
  for (std::size_t i = 0; i < s.units.size(); ++i) {
    const detail::UnitRecord& unit = s.units[i];
    if (unit.source.file == 0) continue;  // the plan's own bodies: the plan's digest has them
    std::sort(aliases[i].begin(), aliases[i].end());
    const auto superior = s.superiors.find(unit.name);
    lines.push_back(fmt::format(
        "unit\t{}\t{}\t{}\t{}\t{}", name(unit.name), name(unit.kind), name(unit.parent),
        superior == s.superiors.end() ? "" : name(superior->second), fmt::join(aliases[i], ";")));
  }
  for (const EventRecord& e : s.events)
    lines.push_back(fmt::format("event\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", day(e.date),
                                e.until == e.date ? "" : day(e.until), name(e.event), name(e.unit),
                                name(e.by), name(e.to), name(e.programme), name(e.candidate),
                                name(e.id), period_text(e.for_period)));
  s.titles.for_each([&](const detail::TitleKey& key, const detail::TitleValue& value) {
    lines.push_back(fmt::format(
        "title\t{}\t{}\t{}\t{}{}", key.year, name(key.title), name(key.unit),
        value.has_date ? day(value.date) : "",
        key.programme == no_name ? std::string() : fmt::format("\t{}", name(key.programme))));
  });
  s.measures.for_each([&](const detail::MeasureKey& key, const MeasureRecord& value) {
    lines.push_back(fmt::format("measure\t{}\t{}\t{}\t{}\t{}\t{}", key.year,
                                period_text(key.period), name(key.metric), name(key.subject),
                                value.value, day(value.date)));
  });
  s.published.for_each([&](const detail::PublishedKey& key, const MeasureRecord& value) {
    lines.push_back(fmt::format("published\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", key.year,
                                period_text(key.period), name(key.metric), name(key.group),
                                statistic_name(key.statistic), name(key.unit), value.value,
                                day(value.date)));
  });
  std::sort(lines.begin(), lines.end());
  detail::Sha256 hash;
  for (const std::string& line : lines) {
    hash.update(line);
    hash.update("\n");
  }
  return hash.hex();
}

}  // namespace mandate
