// Calendar arithmetic shared by the checker and (later) evaluation.
#pragma once

#include <mandate/plan.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate::detail {

[[nodiscard]] bool is_leap_year(int year) noexcept;
[[nodiscard]] unsigned days_in_month(int year, unsigned month) noexcept;

/// The same day of the year a year later; 02-29 becomes 02-28 (to order
/// stages by their first deadline; evaluation takes `after` days in the next
/// year's own calendar, Interpreter::named_days).
[[nodiscard]] DayNumber a_year_later(DayNumber day) noexcept;

/// The days a duration literal counts (`2 weeks` is 14; a month 30, a year
/// 365, as evaluation counts them); nothing for another node.
[[nodiscard]] std::optional<double> duration_days(const syntax::Node& node);

/// The values a parameter has (its default and versions, or an override);
/// none for a name that is no parameter, or one not to check.
using ParameterValues = std::function<std::vector<const syntax::Node*>(std::string_view name)>;
/// A deadline or naming day of the plan moved by a duration (`节后上班日 -
/// 7 days`) that leaves its year in some year of the plan, with parameters
/// read through `values`: a deadline of one year on another's calendar,
/// which no period reads (decision 0070).
struct MovedOut {
  const syntax::Node* day = nullptr;
  std::string message;  // "节后上班日 - 7 days is 2018-12-27 for 2019: …"
};
/// Each such day of the plan's stages (`due by`) and titles (`named by`),
/// once, in the plan's order.
[[nodiscard]] std::vector<MovedOut> days_moved_out(const Plan& plan, const ParameterValues& values);

/// Parses `MM-DD` into its parts without judging existence.
[[nodiscard]] std::optional<AnnualDate> parse_annual_date(std::string_view text) noexcept;

/// The first year in [first_year, last_year] in which `date` does not exist
/// (02-29 outside leap years, 04-31 always), or nullopt.
[[nodiscard]] std::optional<int> year_without(AnnualDate date, int first_year,
                                              int last_year) noexcept;

}  // namespace mandate::detail
