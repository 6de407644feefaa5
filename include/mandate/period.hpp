// Periods: the year, half-year, quarter, month or ISO week that a recurring
// duty, a delivery or a verdict belongs to (docs/evaluation.md, "Periods").
#pragma once

#include <mandate/date.hpp>
#include <mandate/export.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mandate {

enum class PeriodKind : std::uint8_t { year, half, quarter, month, week };
[[nodiscard]] MANDATE_EXPORT std::string_view period_kind_name(PeriodKind kind) noexcept;
/// The kind `period_kind_name` names (`week`, …, `half_year`, `year`).
[[nodiscard]] MANDATE_EXPORT std::optional<PeriodKind> period_kind_named(
    std::string_view name) noexcept;

/// One period: `2018`, `2018-H1`, `2018-Q3`, `2018-07`, `2018-W14`. A week
/// is an ISO week (Monday to Sunday) of its ISO week-year, so a week that
/// straddles the new year is one period: 2019-W01 runs from 2018-12-31 to
/// 2019-01-06.
struct MANDATE_EXPORT Period {
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
  /// Whether periods of `kind` are shorter than those of `outer` and each
  /// lies within one of them: a month in a quarter, a quarter in a
  /// half-year, a week in its (ISO week-)year only.
  [[nodiscard]] static bool nests_in(PeriodKind kind, PeriodKind outer) noexcept;
  /// The periods of `kind` that make up this one, in order (the quarters of
  /// 2019, the months of 2019-Q2, the 52 or 53 weeks of 2019); empty unless
  /// `nests_in(kind, this->kind)`.
  [[nodiscard]] std::vector<Period> parts(PeriodKind kind) const;

  friend auto operator<=>(const Period&, const Period&) = default;
};

}  // namespace mandate
