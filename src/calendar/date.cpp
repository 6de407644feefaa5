// Dates: day numbers (H. Hinnant's civil algorithms), parsing and printing.
#include <mandate/date.hpp>

#include "check/calendar.hpp"
#include "facts/text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace mandate {

DayNumber to_day_number(const Date& date) noexcept {
  return detail::day_number(date.year, date.month, date.day);
}

Date to_date(DayNumber day) noexcept {
  // H. Hinnant's civil_from_days.
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{y + (m <= 2 ? 1 : 0), m, d};
}

bool is_valid(const Date& date) noexcept {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= detail::days_in_month(date.year, date.month);
}

std::optional<Date> parse_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  const auto number = [](std::string_view digits, auto& out) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return error == std::errc{} && end == digits.data() + digits.size();
  };
  if (!number(text.substr(0, 4), date.year) || !number(text.substr(5, 2), date.month) ||
      !number(text.substr(8, 2), date.day))
    return std::nullopt;
  if (!is_valid(date)) return std::nullopt;
  return date;
}

std::string to_string(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

}  // namespace mandate
