// `mandate check FILE...` and `mandate summary FILE`.
#include <mandate/check.hpp>
#include <mandate/report.hpp>

#include "cli/common.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace mandate::cli {

Run add_check(CLI::App& command) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto coverage = std::make_shared<bool>(false);
  command.add_option("FILE", *files, "plan files")->type_name("")->required();
  command.add_flag("--coverage", *coverage,
                   "report how much of each plan's source text its rules quote");
  return [files, coverage] {
    int status = exit_ok;
    for (const std::string& file : *files) {
      const auto source = read_plan(file);
      if (!source) {
        status = exit_error;  // the other files are still checked
        continue;
      }
      const std::string path = detail::escape_for_message(file);  // as messages quote it
      const CheckedPlan plan = parse_and_check_plan(*source);
      print_diagnostics(plan.checked.diagnostics, *source);
      std::size_t errors = count_errors(plan.checked.diagnostics);
      const std::size_t warnings = plan.checked.diagnostics.size() - errors;
      // Quotes are checked once the plan's shapes are known to be right.
      if (plan.checked.plan) {
        const QuoteCheck quotes = check_quotes(plan.parsed.file, *source);
        if (quotes.unreadable) {
          status = exit_error;
          continue;
        }
        errors += quotes.errors;
        if (*coverage && quotes.review) {
          std::cout << render_coverage(*quotes.review, *source);
        } else if (*coverage) {
          std::cerr << fmt::format("{}: the plan names no source text: no coverage to report\n",
                                   path);
          status = std::max(status, exit_findings);
        }
      }
      if (errors > 0) {
        status = std::max(status, exit_findings);
        std::cerr << fmt::format("{}: {}, {}\n", path, plural(errors, "error"),
                                 plural(warnings, "warning"));
      } else {
        std::cout << fmt::format(
            "{}: ok{}\n", path,
            warnings > 0 ? fmt::format(" ({})", plural(warnings, "warning")) : std::string());
      }
    }
    return status;
  };
}

Run add_summary(CLI::App& command) {
  auto file = std::make_shared<std::string>();
  auto readings = std::make_shared<bool>(false);
  auto lang = std::make_shared<std::string>();
  command.add_option("FILE", *file, "a plan file")->type_name("")->required();
  command.add_flag("--readings", *readings,
                   "print the readings register (解读清单): each phrase of the original the "
                   "encoding had to interpret, the reading taken, the alternatives and why");
  add_lang_option(command, *lang);
  return [file, readings, lang] {
    const auto source = read_plan(*file);
    if (!source) return exit_error;
    const CheckResult result = parse_and_check(*source);
    print_diagnostics(result.diagnostics, *source);
    if (!result.plan) return exit_findings;
    std::cout << (*readings ? render_readings(*result.plan)
                            : render_summary(*result.plan, report_language(*lang, *result.plan)));
    return exit_ok;
  };
}

}  // namespace mandate::cli
