// Periods: years, halves, quarters, months and ISO weeks, with labels.
#include <mandate/period.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>

namespace mandate {
namespace {

/// The Monday of ISO week 1 of an ISO week-year: the week with 4 January.
DayNumber week_one_monday(int year) noexcept {
  const DayNumber january_4 = to_day_number(Date{year, 1, 4});
  const unsigned weekday = std::chrono::weekday(std::chrono::sys_days(std::chrono::days(january_4)))
                               .iso_encoding();  // Monday = 1
  return january_4 - static_cast<DayNumber>(weekday - 1);
}

/// Months per period of a kind that is made of months.
int months_in(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::half:
      return 6;
    case PeriodKind::quarter:
      return 3;
    case PeriodKind::month:
      return 1;
    default:
      return 12;
  }
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  if (text.empty() || text.front() == '-' || text.front() == '+') return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string_view period_kind_name(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::year:
      return "year";
    case PeriodKind::half:
      return "half_year";
    case PeriodKind::quarter:
      return "quarter";
    case PeriodKind::month:
      return "month";
    case PeriodKind::week:
      return "week";
  }
  return "?";
}

std::optional<PeriodKind> period_kind_named(std::string_view name) noexcept {
  for (const PeriodKind kind : {PeriodKind::year, PeriodKind::half, PeriodKind::quarter,
                                PeriodKind::month, PeriodKind::week})
    if (period_kind_name(kind) == name) return kind;
  return std::nullopt;
}

int Period::count_in_year(PeriodKind kind, int year) noexcept {
  if (kind == PeriodKind::week) return (week_one_monday(year + 1) - week_one_monday(year)) / 7;
  return 12 / months_in(kind);
}

Period Period::containing(PeriodKind kind, const Date& date) noexcept {
  if (kind == PeriodKind::year) return of_year(date.year);
  if (kind != PeriodKind::week)
    return {kind, date.year, static_cast<int>(date.month - 1) / months_in(kind) + 1};
  const DayNumber day = to_day_number(date);
  int year = date.year;
  if (day >= week_one_monday(year + 1))
    ++year;
  else if (day < week_one_monday(year))
    --year;
  return {kind, year, (day - week_one_monday(year)) / 7 + 1};
}

std::optional<Period> Period::parse(std::string_view label) noexcept {
  if (label.size() < 4) return std::nullopt;
  int year = 0;
  if (!parse_number(label.substr(0, 4), year)) return std::nullopt;
  if (label.size() == 4) return of_year(year);
  if (label[4] != '-' || label.size() < 7) return std::nullopt;
  const std::string_view rest = label.substr(5);
  int index = 0;
  Period period;
  if (rest.front() == 'H' || rest.front() == 'Q' || rest.front() == 'W') {
    if (!parse_number(rest.substr(1), index)) return std::nullopt;
    period.kind = rest.front() == 'H'   ? PeriodKind::half
                  : rest.front() == 'Q' ? PeriodKind::quarter
                                        : PeriodKind::week;
    if (period.kind == PeriodKind::week && rest.size() != 3) return std::nullopt;  // W01..W53
  } else {
    if (rest.size() != 2 || !parse_number(rest, index)) return std::nullopt;  // 01..12
    period.kind = PeriodKind::month;
  }
  if (index < 1 || index > count_in_year(period.kind, year)) return std::nullopt;
  period.year = year;
  period.index = index;
  return period;
}

std::string Period::label() const {
  switch (kind) {
    case PeriodKind::year:
      return fmt::format(FMT_COMPILE("{:04}"), year);
    case PeriodKind::half:
      return fmt::format(FMT_COMPILE("{:04}-H{}"), year, index);
    case PeriodKind::quarter:
      return fmt::format(FMT_COMPILE("{:04}-Q{}"), year, index);
    case PeriodKind::month:
      return fmt::format(FMT_COMPILE("{:04}-{:02}"), year, index);
    case PeriodKind::week:
      return fmt::format(FMT_COMPILE("{:04}-W{:02}"), year, index);
  }
  return "?";
}

Date Period::first_day() const noexcept {
  if (kind == PeriodKind::week) return to_date(week_one_monday(year) + (index - 1) * 7);
  if (kind == PeriodKind::year) return {year, 1, 1};
  return {year, static_cast<unsigned>((index - 1) * months_in(kind) + 1), 1};
}

Date Period::last_day() const noexcept { return to_date(to_day_number(next().first_day()) - 1); }

Period Period::next() const noexcept {
  if (kind == PeriodKind::year) return of_year(year + 1);
  if (index < count_in_year(kind, year)) return {kind, year, index + 1};
  return {kind, year + 1, 1};
}

Period Period::previous() const noexcept {
  if (kind == PeriodKind::year) return of_year(year - 1);
  if (index > 1) return {kind, year, index - 1};
  return {kind, year - 1, count_in_year(kind, year - 1)};
}

bool Period::nests_in(PeriodKind kind, PeriodKind outer) noexcept {
  if (kind == PeriodKind::week) return outer == PeriodKind::year;
  return kind != PeriodKind::year && months_in(kind) < months_in(outer);
}

std::vector<Period> Period::parts(PeriodKind part) const {
  std::vector<Period> result;
  if (!nests_in(part, kind)) return result;
  const int count =
      part == PeriodKind::week ? count_in_year(part, year) : months_in(kind) / months_in(part);
  const int first = kind == PeriodKind::year ? 1 : (index - 1) * count + 1;
  result.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) result.push_back({part, year, first + i});
  return result;
}

}  // namespace mandate
