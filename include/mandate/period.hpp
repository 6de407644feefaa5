// Periods: the year, half-year, quarter, month or ISO week that a recurring
// duty, a delivery or a verdict belongs to (docs/evaluation.md, "Periods").
#pragma once

#include <mandate/date.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate {

enum class PeriodKind : std::uint8_t { year, half, quarter, month, week };
[[nodiscard]] std::string_view period_kind_name(PeriodKind kind) noexcept;

/// One period: `2018`, `2018-H1`, `2018-Q3`, `2018-07`, `2018-W14`. A week
/// is an ISO week (Monday to Sunday) of its ISO week-year, so a week that
/// straddles the new year is one period: 2019-W01 runs from 2018-12-31 to
/// 2019-01-06.
struct Period {
  PeriodKind kind = PeriodKind::year;
  int year = 0;   // the calendar year, or the ISO week-year of a week
  int index = 0;  // 1-based within the year; 0 for a year

  [[nodiscard]] static Period of_year(int year) noexcept { return {PeriodKind::year, year, 0}; }
  /// The period of `kind` that contains `date`.
  [[nodiscard]] static Period containing(PeriodKind kind, const Date& date) noexcept;
  /// `2018`, `2018-H1`, `2018-Q3`, `2018-07`, `2018-W14`; nothing otherwise
  /// (a week the year does not have, 2018-W53, included).
  [[nodiscard]] static std::optional<Period> parse(std::string_view label) noexcept;

  [[nodiscard]] std::string label() const;
  [[nodiscard]] Date first_day() const noexcept;
  [[nodiscard]] Date last_day() const noexcept;
  [[nodiscard]] Period next() const noexcept;
  [[nodiscard]] Period previous() const noexcept;
  /// How many periods of this kind the year has (52 or 53 weeks).
  [[nodiscard]] static int count_in_year(PeriodKind kind, int year) noexcept;

  friend auto operator<=>(const Period&, const Period&) = default;
};

}  // namespace mandate
