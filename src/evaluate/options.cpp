#include "evaluate/options.hpp"

#include "check/calendar.hpp"
#include "check/stage_counts.hpp"
#include "check/suggest.hpp"
#include "evaluate/interpreter.hpp"
#include "facts/text.hpp"
#include "support/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mandate::detail {

Diagnostic option_error(std::string_view option, Code code, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = code;
  diagnostic.file = std::string(option);
  diagnostic.message = std::move(message);
  return diagnostic;
}

void check_dates(const Plan& plan, const EvaluationOptions& options,
                 std::vector<Diagnostic>& errors) {
  const int first = plan.metadata.first_year;
  const int last = plan.metadata.last_year;
  if (options.as_of == Date{}) {
    errors.push_back(option_error(option_as_of, Code::invalid_date,
                                  "not set: the date of the evaluation is required (deadlines "
                                  "after it are pending)"));
  } else if (!date_exists(options.as_of)) {
    errors.push_back(
        option_error(option_as_of, Code::invalid_date,
                     format_text(FMT_COMPILE("{} does not exist: {}"), format_date(options.as_of),
                                 why_no_date(options.as_of))));
  } else if (options.years.empty() && options.as_of.year < first) {
    errors.push_back(option_error(
        option_as_of, Code::bad_value,
        format_text(
            FMT_COMPILE(
                "{} is before the plan's period {}–{}: no year of it has begun, so there is "
                "nothing to evaluate; name the years to evaluate them before they begin"),
            format_date(options.as_of), first, last)));
  }
  for (auto year = options.years.begin(); year != options.years.end(); ++year) {
    if (*year < first || *year > last)
      errors.push_back(option_error(
          option_years, Code::bad_value,
          format_text(FMT_COMPILE("{} is outside the plan's period {}–{}"), *year, first, last)));
    else if (std::find(options.years.begin(), year, *year) != year)
      errors.push_back(option_error(
          option_years, Code::bad_value,
          format_text(FMT_COMPILE("{} is given twice: each year is evaluated once"), *year)));
  }
}

void check_overridden_values(const Plan& plan, const Parameters& parameters,
                             std::vector<Diagnostic>& errors) {
  // The checker saw the defaults: only an override can move a day out.
  const ParameterValues values = [&](std::string_view name) {
    std::vector<const syntax::Node*> out;
    const Symbol* symbol = plan.find(name);
    if (!symbol || symbol->kind != SymbolKind::parameter || !parameters.overridden(symbol->index))
      return out;
    for (const std::vector<syntax::Node>* list : parameters.values_in_any_year(symbol->index))
      for (const syntax::Node& value : *list) out.push_back(&value);
    return out;
  };
  for (const MovedOut& moved : days_moved_out(plan, values))
    errors.push_back(
        option_error(option_parameters, Code::bad_window, "with the overrides, " + moved.message));
  for (const CountBelowOne& count : stage_counts_below_one(plan, values))
    errors.push_back(
        option_error(option_parameters, Code::bad_value, "with the overrides, " + count.message));
}

unsigned worker_count(unsigned threads) noexcept { return std::clamp(threads, 1u, max_threads); }

void report_unknown_subjects(const FactStore& facts, std::span<const std::string> unknown,
                             std::vector<Diagnostic>& errors) {
  if (unknown.empty()) return;
  std::vector<std::string_view> candidates;
  for (const NameId unit : facts.units_of_kind(no_name, no_name))
    candidates.push_back(facts.name(unit));
  SuggestionBudget budget{check_suggestion_work};
  const SuggestionScope scope(budget);
  for (const std::string& subject : unknown) {
    std::string message =
        fmt::format("'{}' is not a body of the plan nor a unit of the facts", subject);
    message += did_you_mean(closest(subject, candidates));
    errors.push_back(option_error(option_subjects, Code::unknown_name, std::move(message)));
  }
}

}  // namespace mandate::detail
