// `mandate check FILE...` and `mandate summary FILE`.
#include <mandate/check.hpp>
#include <mandate/report.hpp>

#include "cli/common.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace mandate::cli {

Run add_check(CLI::App& command) {
  auto files = std::make_shared<std::vector<std::string>>();
  command.add_option("FILE", *files, "plan files")->type_name("")->required();
  return [files] {
    int status = exit_ok;
    for (const std::string& path : *files) {
      const auto source = read_plan(path);
      if (!source) {
        status = exit_error;  // the other files are still checked
        continue;
      }
      const CheckResult result = parse_and_check(*source);
      print_diagnostics(result.diagnostics, *source);
      const std::size_t errors = count_errors(result.diagnostics);
      const std::size_t warnings = result.diagnostics.size() - errors;
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
  command.add_option("FILE", *file, "a plan file")->type_name("")->required();
  command.add_flag("--readings", *readings,
                   "print the readings register (解读清单): each phrase of the original the "
                   "encoding had to interpret, the reading taken, the alternatives and why");
  return [file, readings] {
    const auto source = read_plan(*file);
    if (!source) return exit_error;
    const CheckResult result = parse_and_check(*source);
    print_diagnostics(result.diagnostics, *source);
    if (!result.plan) return exit_findings;
    std::cout << (*readings ? render_readings(*result.plan) : render_summary(*result.plan));
    return exit_ok;
  };
}

}  // namespace mandate::cli
