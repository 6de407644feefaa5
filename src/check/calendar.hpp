// Calendar arithmetic shared by the checker and (later) evaluation.
#pragma once

#include <mandate/plan.hpp>

#include <optional>
#include <string_view>

namespace mandate::detail {

[[nodiscard]] bool is_leap_year(int year) noexcept;
[[nodiscard]] unsigned days_in_month(int year, unsigned month) noexcept;

/// The same day of the year a year later; 02-29 becomes 02-28 (to order
/// stages by their first deadline; evaluation takes `after` days in the next
/// year's own calendar, Interpreter::named_days).
[[nodiscard]] DayNumber a_year_later(DayNumber day) noexcept;

/// Parses `MM-DD` into its parts without judging existence.
[[nodiscard]] std::optional<AnnualDate> parse_annual_date(std::string_view text) noexcept;

/// The first year in [first_year, last_year] in which `date` does not exist
/// (02-29 outside leap years, 04-31 always), or nullopt.
[[nodiscard]] std::optional<int> year_without(AnnualDate date, int first_year,
                                              int last_year) noexcept;

}  // namespace mandate::detail
