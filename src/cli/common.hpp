// What the commands of `mandate` share: exit codes, reading a plan,
// printing diagnostics, and the validators of option values.
#pragma once

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/locale.hpp>
#include <mandate/parse.hpp>
#include <mandate/plan.hpp>
#include <mandate/review.hpp>
#include <mandate/source.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate::cli {

/// Exit codes (docs/cli.md): the command did its job and found nothing
/// wrong; it found something wrong (diagnostics in a plan, violations,
/// failing scenarios, a name not found); it could not do its job (usage,
/// I/O, input over a limit, or input that does not check).
inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_error = 2;

/// A command: registers its options on its subcommand and returns what runs
/// it once the arguments are parsed (and valid).
using Run = std::function<int()>;
Run add_check(CLI::App& command);
Run add_fmt(CLI::App& command);
Run add_summary(CLI::App& command);
Run add_eval(CLI::App& command);
Run add_test(CLI::App& command);
Run add_who(CLI::App& command);
Run add_calendar(CLI::App& command);
Run add_review(CLI::App& command);

/// Reads a plan file (within the plan size limit); prints an I/O error and
/// returns nothing when it cannot.
[[nodiscard]] std::optional<SourceFile> read_plan(const std::string& path);

/// A plan parsed and checked, its syntax tree kept (the quotes are read
/// from it); syntax errors stop before checking, as in parse_and_check.
struct CheckedPlan {
  ParseResult parsed;
  CheckResult checked;
};
[[nodiscard]] CheckedPlan parse_and_check_plan(const SourceFile& source);

/// The quotes of a checked plan against the source text it names (read
/// relative to the plan file); diagnostics printed.
struct QuoteCheck {
  std::optional<Review> review;  // none when the plan names no source text
  std::size_t errors = 0;        // quotes not found (M0025)
  bool unreadable = false;       // the source text could not be read (printed)
};
[[nodiscard]] QuoteCheck check_quotes(const syntax::PlanFile& file, const SourceFile& plan);

/// Diagnostics as `render` writes them, to standard error.
void print_diagnostics(std::span<const Diagnostic> diagnostics, const SourceFile& source);
[[nodiscard]] std::size_t count_errors(std::span<const Diagnostic> diagnostics) noexcept;

/// "3 errors", "1 warning".
[[nodiscard]] std::string plural(std::size_t count, std::string_view noun);

// Option values, checked as the arguments are parsed (messages name the
// option: "--year: '2018abc' is not a year (four digits)").
[[nodiscard]] CLI::Validator year_value();     // 2018
[[nodiscard]] CLI::Validator date_value();     // 2019-03-31, a day that exists
[[nodiscard]] CLI::Validator threads_value();  // 1 … max_threads

/// `--param NAME=VALUE` values as pairs; prints "COMMAND: error: …" and
/// returns false for one without a name or '='.
[[nodiscard]] bool parse_parameters(std::string_view command, std::span<const std::string> texts,
                                    std::vector<std::pair<std::string, std::string>>& out);

/// The command line's flag for a library option that a message names
/// ("EvaluationOptions::years" → "--year"), with what follows the name.
using FlagNames = std::span<const std::pair<std::string_view, std::string_view>>;
[[nodiscard]] std::string option_flag(const std::string& option, FlagNames flags);
/// An option's diagnostic as a line: "--param 后N位: warning[M0013]: …".
[[nodiscard]] std::string option_message(const Diagnostic& diagnostic, FlagNames flags);
/// `--lang zh|en`: the language of the report; the plan's (`language`) by default.
void add_lang_option(CLI::App& command, std::string& lang);
/// `--param NAME=VALUE`, repeatable: a parameter override in plan syntax.
void add_param_option(CLI::App& command, std::vector<std::string>& parameters);
/// The language `--lang` chose (a value add_lang_option accepted), else the plan's.
[[nodiscard]] Language report_language(const std::string& lang, const Plan& plan);

[[nodiscard]] int to_year(const std::string& text);   // of a value year_value() accepted
[[nodiscard]] Date to_date(const std::string& text);  // of a value date_value() accepted

}  // namespace mandate::cli
