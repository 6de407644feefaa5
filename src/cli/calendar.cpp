// `mandate calendar PLAN --body NAME --year YEAR [--facts PATH] [-o FILE]`:
// a body's duties of a year as an iCalendar file.
#include <mandate/check.hpp>
#include <mandate/facts.hpp>
#include <mandate/locale.hpp>
#include <mandate/report.hpp>

#include "cli/common.hpp"
#include "cli/facts.hpp"
#include "cli/io.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

namespace mandate::cli {
namespace {

struct Options {
  std::string plan;
  std::string body;
  std::string year;
  std::vector<std::string> facts;
  std::vector<std::string> parameters;
  std::string output;
  std::string lang;
};

int write_calendar(const Options& options) {
  CalendarOptions calendar;
  calendar.body = options.body;
  calendar.year = to_year(options.year);
  if (!options.lang.empty()) calendar.language = parse_language(options.lang);
  calendar.stamp = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (!parse_parameters("mandate calendar", options.parameters, calendar.parameters))
    return exit_error;

  const auto source = read_plan(options.plan);
  if (!source) return exit_error;
  const CheckResult checked = parse_and_check(*source);
  print_diagnostics(checked.diagnostics, *source);
  if (!checked.plan) {
    std::cerr << fmt::format("mandate calendar: error: {} does not check\n", options.plan);
    return exit_error;
  }
  FactStore facts(checked.plan);
  if (!options.facts.empty())
    if (const int status = load_facts(facts, options.facts, LoadPolicy::all_or_nothing, true);
        status != exit_ok)
      return status;

  const CalendarResult result = render_calendar(facts, calendar);
  static constexpr std::pair<std::string_view, std::string_view> flags[] = {
      {"CalendarOptions::body", "--body"},
      {"CalendarOptions::year", "--year"},
      {"CalendarOptions::parameters", "--param"},
  };
  for (const Diagnostic& error : result.errors) std::cerr << option_message(error, flags);
  if (!result.calendar) return exit_error;
  if (options.output.empty() || options.output == "-") {
    std::cout << *result.calendar;
  } else if (const auto error = write_file(options.output, *result.calendar)) {
    std::cerr << render(*error);
    return exit_error;
  }
  std::cerr << fmt::format("mandate calendar: {} {} for {} in {}\n", result.events,
                           result.events == 1 ? "duty" : "duties",
                           detail::escape_for_message(options.body), calendar.year);
  return exit_ok;
}

}  // namespace

Run add_calendar(CLI::App& command) {
  auto options = std::make_shared<Options>();
  command.add_option("PLAN", options->plan, "the plan file")->type_name("")->required();
  command.add_option("--body", options->body, "the body or unit whose duties")
      ->required()
      ->type_name("NAME");
  command.add_option("--year", options->year, "the year")
      ->required()
      ->check(year_value())
      ->type_name("YEAR");
  command
      .add_option("--facts", options->facts,
                  "fact files or folders that declare units (a unit below the plan's bodies)")
      ->allow_extra_args(false)
      ->type_name("PATH");
  add_param_option(command, options->parameters);
  add_lang_option(command, options->lang);
  command
      .add_option("-o,--output", options->output,
                  "write the calendar to FILE (written whole or not at all; default: standard "
                  "output)")
      ->type_name("FILE");
  return [options] { return write_calendar(*options); };
}

}  // namespace mandate::cli
