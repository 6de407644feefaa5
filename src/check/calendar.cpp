#include "check/calendar.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>

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

std::optional<double> duration_days(const syntax::Node& node) {
  if (node.kind != syntax::NodeKind::duration || node.children.empty()) return std::nullopt;
  double amount = 0;
  const auto [end, error] =
      std::from_chars(node.text.data(), node.text.data() + node.text.size(), amount);
  if (error != std::errc{} || end != node.text.data() + node.text.size()) return std::nullopt;
  const std::string& unit = node.children[0].text;
  const double factor = unit.starts_with("week")    ? 7
                        : unit.starts_with("month") ? 30
                        : unit.starts_with("year")  ? 365
                                                    : 1;
  return amount * factor;
}

namespace {

/// A day of the year moved by a number of days (`开学日 - 7 days`).
struct MovedDay {
  AnnualDate day;
  double days = 0;  // negative: back
};

/// The moves `node` makes if it is `DAY ± DURATION` (each side a literal or
/// a parameter, read through `values`): one per combination of values.
std::vector<MovedDay> moves_of(const syntax::Node& node, const ParameterValues& values) {
  if (node.kind != syntax::NodeKind::binary || node.children.size() != 2 ||
      (node.text != "+" && node.text != "-"))
    return {};
  const auto literals = [&](const syntax::Node& side) {
    std::vector<const syntax::Node*> out;
    if (side.kind == syntax::NodeKind::name)
      out = values(side.text);
    else
      out.push_back(&side);
    return out;
  };
  // `+` may put the duration first.
  const bool day_first = node.children[0].kind != syntax::NodeKind::duration;
  std::vector<MovedDay> moves;
  for (const syntax::Node* day : literals(node.children[day_first ? 0 : 1])) {
    if (day->kind != syntax::NodeKind::annual_date) continue;
    const auto annual = parse_annual_date(day->text);
    if (!annual) continue;
    for (const syntax::Node* duration : literals(node.children[day_first ? 1 : 0]))
      if (const auto days = duration_days(*duration))
        moves.push_back({*annual, node.text == "-" ? -*days : *days});
  }
  return moves;
}

/// The first year in [first, last] in which the moved day falls in another
/// year, with that day.
std::optional<std::pair<int, Date>> year_left(const MovedDay& moved, int first, int last) {
  for (int year = first; year <= last; ++year) {
    if (moved.day.day > days_in_month(year, moved.day.month)) continue;  // M0007's to say
    const Date day = to_date(to_day_number(Date{year, moved.day.month, moved.day.day}) +
                             static_cast<DayNumber>(std::lround(moved.days)));
    if (day.year != year) return std::pair(year, day);
  }
  return std::nullopt;
}

}  // namespace

std::vector<MovedOut> days_moved_out(const Plan& plan, const ParameterValues& values) {
  std::vector<MovedOut> out;
  const auto check = [&](const syntax::Node& day) {
    for (const MovedDay& moved : moves_of(day, values))
      if (const auto left = year_left(moved, plan.metadata.first_year, plan.metadata.last_year)) {
        out.push_back(
            {&day, fmt::format("{} is {} for {}: a day of the year moved out of its year would "
                               "be a deadline no period of {} reads; move it within the year, or "
                               "name the day itself",
                               format_expression(day), to_string(left->second), left->first,
                               left->first)});
        return;
      }
  };
  for (const Stage& stage : plan.stages)
    for (const syntax::Node& day : stage.due) check(day);
  for (const Title& title : plan.titles)
    if (title.named_by) check(*title.named_by);
  return out;
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
