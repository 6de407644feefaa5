#include "check/calendar.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace mandate::detail {
namespace {

template <typename T>
bool parse_number(std::string_view text, T& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

bool is_leap_year(int year) noexcept { return std::chrono::year{year}.is_leap(); }

unsigned days_in_month(int year, unsigned month) noexcept {
  if (month < 1 || month > 12) return 0;
  const std::chrono::year_month_day_last last{
      std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{month}}};
  return static_cast<unsigned>(last.day());
}

DayNumber a_year_later(DayNumber day) noexcept {
  const Date date = to_date(day);
  return to_day_number(Date{date.year + 1, date.month,
                            std::min(date.day, days_in_month(date.year + 1, date.month))});
}

std::optional<AnnualDate> parse_annual_date(std::string_view text) noexcept {
  AnnualDate date;
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  if (!parse_number(text.substr(0, 2), date.month) || !parse_number(text.substr(3, 2), date.day))
    return std::nullopt;
  return date;
}

std::optional<int> year_without(AnnualDate date, int first_year, int last_year) noexcept {
  for (int year = first_year; year <= last_year; ++year) {
    if (date.day < 1 || date.day > days_in_month(year, date.month)) return year;
  }
  return std::nullopt;
}

}  // namespace mandate::detail
