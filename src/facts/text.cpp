#include "facts/text.hpp"

#include <mandate/period.hpp>

#include "check/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace mandate::detail {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

unsigned digits(const char* p, int count) noexcept {
  unsigned value = 0;
  for (int i = 0; i < count; ++i) value = value * 10 + static_cast<unsigned>(p[i] - '0');
  return value;
}

}  // namespace

Position position_at(std::string_view text, std::size_t from, std::uint32_t line,
                     std::size_t offset) noexcept {
  offset = std::min(offset, text.size());
  std::size_t line_start = from;
  for (std::size_t i = from; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::uint32_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i)
    column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return {line, column};
}

bool parse_date_syntax(std::string_view text, Date& out) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(text[static_cast<std::size_t>(i)])) return false;
  out.year = static_cast<int>(digits(text.data(), 4));
  out.month = digits(text.data() + 5, 2);
  out.day = digits(text.data() + 8, 2);
  return true;
}

bool date_exists(const Date& date) noexcept {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

std::string why_no_date(const Date& date) {
  if (date.year < 1 || date.year > 9999) return fmt::format("year {} is out of range", date.year);
  if (date.month < 1 || date.month > 12) return fmt::format("there is no month {}", date.month);
  if (date.day == 0) return "there is no day 0";
  return fmt::format("{:04}-{:02} has {} days", date.year, date.month,
                     days_in_month(date.year, date.month));
}

std::string format_date(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

bool parse_year(std::string_view text, int& out) noexcept {
  if (text.size() != 4 || text[0] == '0') return false;
  for (const char c : text)
    if (!is_digit(c)) return false;
  out = static_cast<int>(digits(text.data(), 4));
  return true;
}

std::string week_hint(std::string_view label) {
  int year = 0;
  if (label.size() != 8 || !label.ends_with("-W53") || !parse_year(label.substr(0, 4), year))
    return {};
  return fmt::format(" ({} has {} ISO weeks)", year, Period::count_in_year(PeriodKind::week, year));
}

bool parse_number(std::string_view text, double& out) noexcept {
  if (text.empty()) return false;
  const char* first = text.data();
  const char* last = first + text.size();
  // from_chars also reads "inf" and "nan": a fact is a finite number.
  const auto [end, error] = std::from_chars(first, last, out, std::chars_format::general);
  return error == std::errc{} && end == last && std::isfinite(out);
}

std::string format_number(double value) { return fmt::format("{}", value); }

bool has_control_character(std::string_view text) noexcept {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::string quote(std::string_view text) {
  constexpr std::size_t limit = 120;
  std::string out = "'";
  out += escape_for_message(text.substr(0, 4 * limit));
  if (out.size() > limit + 1) {
    std::size_t cut = limit + 1;
    while (cut > 1 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "…";
  }
  out += '\'';
  return out;
}

}  // namespace mandate::detail
