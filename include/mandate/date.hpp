// Dates as plans and facts write them (2018-03-20, 03-20), and days as
// numbers for arithmetic. Plans have no time zones: a date is a calendar day.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate {

/// A calendar date. Values made by parse_date() exist; a host that builds
/// one itself can check it with is_valid().
struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// A day of the year that recurs in every year of the plan (03-20).
struct AnnualDate {
  unsigned month = 0;
  unsigned day = 0;
  friend auto operator<=>(const AnnualDate&, const AnnualDate&) = default;
};

/// A day as a count of days since 1970-01-01 (std::chrono::sys_days).
using DayNumber = std::int32_t;

[[nodiscard]] DayNumber to_day_number(const Date& date) noexcept;
[[nodiscard]] Date to_date(DayNumber day) noexcept;
/// Whether the date exists (2018-02-30 does not).
[[nodiscard]] bool is_valid(const Date& date) noexcept;
/// `YYYY-MM-DD`; nothing when the text is malformed or the date does not exist.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text) noexcept;
/// "2018-03-20".
[[nodiscard]] std::string to_string(const Date& date);

}  // namespace mandate
