// The options of an evaluation, checked before anything is evaluated: an
// option that makes no sense is an error, never an empty report.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::detail {

/// The `file` of a diagnostic about an option: the option's name in the
/// API ("EvaluationOptions::years"); the command line names its flags.
inline constexpr std::string_view option_years = "EvaluationOptions::years";
inline constexpr std::string_view option_as_of = "EvaluationOptions::as_of";
inline constexpr std::string_view option_parameters = "EvaluationOptions::parameters";
inline constexpr std::string_view option_subjects = "EvaluationOptions::subjects";

/// An error about an option, for EvaluationResult::errors.
[[nodiscard]] Diagnostic option_error(std::string_view option, Code code, std::string message);

/// Checks `as_of` (set, and a day that exists) and `years` (each in the
/// plan's period, none twice, and at least one year to evaluate when they
/// are left to `as_of`); appends an error for each problem.
void check_dates(const Plan& plan, const EvaluationOptions& options,
                 std::vector<Diagnostic>& errors);

class Parameters;

/// What the checker requires of the parameters' defaults, of the
/// overrides: a deadline or naming day moved by a parameter (`节后上班日 -
/// 7 days` with 节后上班日 = 01-03) stays in its year (decision 0070), and a
/// stage's `at_least` is 1 or more.
void check_overridden_values(const Plan& plan, const Parameters& parameters,
                             std::vector<Diagnostic>& errors);

/// An error for each subject (EvaluationOptions::subjects) that names no
/// body of the plan and no unit of the facts, with the closest name as a
/// suggestion: the candidates gathered once, within one budget of work for
/// them all (a store may hold a million units).
void report_unknown_subjects(const FactStore& facts, std::span<const std::string> unknown,
                             std::vector<Diagnostic>& errors);

/// The worker threads an evaluation starts for `threads` (0 → 1, capped at
/// max_threads).
[[nodiscard]] unsigned worker_count(unsigned threads) noexcept;

}  // namespace mandate::detail
