// Text helpers for the fact loaders: fast UTF-8 validation, positions in
// characters, and the field syntaxes (dates, years, numbers).
#pragma once

#include <mandate/facts.hpp>
#include <mandate/source.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "source/utf8.hpp"

namespace mandate::detail {

// find_invalid_utf8_from and not_found: the validator of the plan reader,
// shared (source/utf8.hpp).

/// Line and 1-based character column of byte `offset`, counting from `from`,
/// a byte that starts line `line`. Characters are counted as UTF-8 lead
/// bytes, so the count stays sane on a line with an invalid byte.
[[nodiscard]] Position position_at(std::string_view text, std::size_t from, std::uint32_t line,
                                   std::size_t offset) noexcept;

/// `YYYY-MM-DD` with digits in the right places; existence is not judged.
[[nodiscard]] bool parse_date_syntax(std::string_view text, Date& out) noexcept;
[[nodiscard]] bool date_exists(const Date& date) noexcept;
/// Why `date` does not exist ("2018-02 has 28 days"), for messages.
[[nodiscard]] std::string why_no_date(const Date& date);
[[nodiscard]] std::string format_date(const Date& date);

/// Days since 1970-01-01 of an existing date (H. Hinnant's days_from_civil).
[[nodiscard, gnu::always_inline]] constexpr DayNumber day_number(int year, unsigned month,
                                                                 unsigned day) noexcept {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

/// `YYYY-MM-DD` of a date that exists, as its day number; false for
/// anything else (the caller then says why, through parse_date_syntax and
/// date_exists). Inline: every event row has one or two dates.
[[nodiscard]] inline bool parse_existing_day(std::string_view text, DayNumber& out) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const auto digit = [&](std::size_t i) { return static_cast<unsigned>(text[i] - '0'); };
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (digit(i) > 9) return false;
  const int year = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
  const unsigned month = digit(5) * 10 + digit(6);
  const unsigned day = digit(8) * 10 + digit(9);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  constexpr unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  if (day > days[month - 1] + (month == 2 && leap ? 1u : 0u)) return false;
  out = day_number(year, month, day);
  return true;
}

/// A year of four digits (1000–9999).
[[nodiscard]] bool parse_year(std::string_view text, int& out) noexcept;
/// Why a label that looks like a week is not one: a 53rd week of a year of
/// 52 ISO weeks (" (2019 has 52 ISO weeks)"); empty otherwise. For the
/// messages about a period that Period::parse rejects (fact files, scenarios).
[[nodiscard]] std::string week_hint(std::string_view label);
/// A finite decimal number (`91.2`, `-3`, `1e3`); the whole text must be used.
[[nodiscard]] bool parse_number(std::string_view text, double& out) noexcept;
/// The number as written in messages: `107`, `91.2`.
[[nodiscard]] std::string format_number(double value);

/// Whether `text` holds a control character (below U+0020, or DEL): names
/// are printable text, and a NUL would cut them short in C strings.
[[nodiscard]] bool has_control_character(std::string_view text) noexcept;

/// `text` quoted for a message, control characters and invalid UTF-8 bytes
/// escaped (escape_for_message) and long texts cut, so a message is always
/// printable, valid UTF-8 and short.
[[nodiscard]] std::string quote(std::string_view text);

}  // namespace mandate::detail
