// The `mandate` command line: check, fmt, summary.
// Exit codes: 0 clean, 1 diagnostics (or a file that fmt would change with
// --check), 2 usage or I/O errors.
#include <mandate/check.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/format.hpp>
#include <mandate/parse.hpp>
#include <mandate/report.hpp>
#include <mandate/scenario.hpp>

#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view usage = R"(usage: mandate <command> [options] FILE...

commands:
  check FILE...            parse and check plans; exit 0 when clean, 1 with diagnostics
  fmt [--in-place] FILE... print the canonical form (or rewrite the files in place)
  fmt --check FILE...      exit 1 when a file is not in canonical form
  summary FILE             check a plan and print its summary: bodies, programmes,
                           stages by date, sanctions, quotas
  eval PLAN --facts PATH... --as-of YYYY-MM-DD [--year Y]... [--param NAME=VALUE]...
       [--json FILE] [--threads N] [--brief] [--keep-good-rows]
       [--subject NAME]... [--no-explanations]
                           evaluate the facts (files or directories) against the plan;
                           --subject keeps only the verdicts about NAME, and
                           --no-explanations drops the trees (for large runs);
                           exit 0 when no verdict is a violation, 1 otherwise
  test PATH...             run scenario files (*.scenario, or every one in a directory)
  who PLAN QUERY ...       who leads, helps, answers: programme NAME, body NAME, escalate
                           STAGE BODY, path A B, idle, leads, dot, matrix (mandate who)
  help                     this text
)";

constexpr int exit_clean = 0;
constexpr int exit_diagnostics = 1;
constexpr int exit_usage = 2;

std::optional<mandate::SourceFile> read_source(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("{}: error[{}]: cannot read the file: {}\n", path,
                             mandate::code_name(mandate::Code::io), std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return mandate::SourceFile(path, buffer.str());
}

void print_diagnostics(std::span<const mandate::Diagnostic> diagnostics,
                       const mandate::SourceFile& source) {
  for (const mandate::Diagnostic& diagnostic : diagnostics)
    std::cerr << mandate::render(diagnostic, source);
}

int summarize_counts(std::span<const mandate::Diagnostic> diagnostics) {
  int errors = 0;
  for (const auto& d : diagnostics) errors += d.severity == mandate::Severity::error;
  return errors;
}

int run_check(std::span<const std::string> files) {
  int status = exit_clean;
  for (const std::string& path : files) {
    const auto source = read_source(path);
    if (!source) return exit_usage;
    const mandate::CheckResult result = mandate::parse_and_check(*source);
    print_diagnostics(result.diagnostics, *source);
    const int errors = summarize_counts(result.diagnostics);
    const auto warnings = static_cast<int>(result.diagnostics.size()) - errors;
    if (errors > 0) {
      status = exit_diagnostics;
      std::cerr << fmt::format("{}: {} error{}, {} warning{}\n", path, errors,
                               errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    } else {
      std::cout << fmt::format(
          "{}: ok{}\n", path,
          warnings > 0 ? fmt::format(" ({} warning{})", warnings, warnings == 1 ? "" : "s") : "");
    }
  }
  return status;
}

int run_fmt(std::span<const std::string> arguments) {
  bool in_place = false;
  bool check_only = false;
  std::vector<std::string> files;
  for (const std::string& argument : arguments) {
    if (argument == "--in-place" || argument == "-i")
      in_place = true;
    else if (argument == "--check")
      check_only = true;
    else if (argument.starts_with("-")) {
      std::cerr << fmt::format("mandate fmt: unknown option '{}'\n{}", argument, usage);
      return exit_usage;
    } else
      files.push_back(argument);
  }
  if (files.empty() || (in_place && check_only)) {
    std::cerr << usage;
    return exit_usage;
  }
  int status = exit_clean;
  for (const std::string& path : files) {
    const auto source = read_source(path);
    if (!source) return exit_usage;
    const mandate::ParseResult parsed = mandate::parse(*source);
    if (mandate::has_errors(parsed.diagnostics)) {
      // Never rewrite what could not be read completely.
      print_diagnostics(parsed.diagnostics, *source);
      status = exit_diagnostics;
      continue;
    }
    const std::string formatted = mandate::format(parsed.file, *source);
    if (check_only) {
      if (formatted != source->text()) {
        std::cerr << fmt::format("{}: not in canonical form\n", path);
        status = exit_diagnostics;
      }
    } else if (in_place) {
      if (formatted == source->text()) continue;
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << formatted;
      if (!out) {
        std::cerr << fmt::format("mandate: cannot write '{}'\n", path);
        return exit_usage;
      }
    } else {
      std::cout << formatted;
    }
  }
  return status;
}

int run_summary(std::span<const std::string> files) {
  if (files.size() != 1) {
    std::cerr << usage;
    return exit_usage;
  }
  const auto source = read_source(files[0]);
  if (!source) return exit_usage;
  const mandate::CheckResult result = mandate::parse_and_check(*source);
  print_diagnostics(result.diagnostics, *source);
  if (!result.plan) return exit_diagnostics;
  std::cout << mandate::render_summary(*result.plan);
  return exit_clean;
}

int run_eval(std::span<const std::string> arguments) {
  std::string plan_path;
  std::vector<std::string> fact_paths;
  std::string json_path;
  bool brief = false;
  mandate::LoadPolicy policy = mandate::LoadPolicy::all_or_nothing;
  mandate::EvaluationOptions options;
  bool have_as_of = false;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    const auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= arguments.size()) return std::nullopt;
      return arguments[++i];
    };
    std::optional<std::string> v;
    if (argument == "--facts" && (v = value())) {
      fact_paths.push_back(*v);
    } else if (argument == "--year" && (v = value())) {
      try {
        options.years.push_back(std::stoi(*v));
      } catch (const std::exception&) {
        std::cerr << fmt::format("mandate eval: '{}' is not a year\n", *v);
        return exit_usage;
      }
    } else if (argument == "--as-of" && (v = value())) {
      const mandate::SourceFile date_source("--as-of", *v);
      const auto parsed = mandate::parse_values(date_source);
      if (parsed.values.size() != 1 || parsed.values[0].kind != mandate::syntax::NodeKind::date) {
        std::cerr << fmt::format("mandate eval: --as-of '{}' is not a date (YYYY-MM-DD)\n", *v);
        return exit_usage;
      }
      const std::string& text = parsed.values[0].text;
      options.as_of = mandate::Date{std::stoi(text.substr(0, 4)),
                                    static_cast<unsigned>(std::stoi(text.substr(5, 2))),
                                    static_cast<unsigned>(std::stoi(text.substr(8, 2)))};
      if (std::chrono::year_month_day(std::chrono::year(options.as_of.year),
                                      std::chrono::month(options.as_of.month),
                                      std::chrono::day(options.as_of.day))
              .ok() == false) {
        std::cerr << fmt::format("mandate eval: --as-of '{}' does not exist\n", *v);
        return exit_usage;
      }
      have_as_of = true;
    } else if (argument == "--param" && (v = value())) {
      const auto equals = v->find('=');
      if (equals == std::string::npos) {
        std::cerr << "mandate eval: --param takes NAME=VALUE\n";
        return exit_usage;
      }
      options.parameters.emplace_back(v->substr(0, equals), v->substr(equals + 1));
    } else if (argument == "--json" && (v = value())) {
      json_path = *v;
    } else if (argument == "--threads" && (v = value())) {
      options.threads = static_cast<unsigned>(std::max(1, std::atoi(v->c_str())));
    } else if (argument == "--brief") {
      brief = true;
    } else if (argument == "--subject" && (v = value())) {
      options.subjects.push_back(*v);
    } else if (argument == "--no-explanations") {
      options.explanations = mandate::Explanations::none;
    } else if (argument == "--keep-good-rows") {
      policy = mandate::LoadPolicy::keep_good_rows;
    } else if (!argument.starts_with("-") && plan_path.empty()) {
      plan_path = argument;
    } else {
      std::cerr << fmt::format("mandate eval: unexpected '{}'\n{}", argument, usage);
      return exit_usage;
    }
  }
  if (plan_path.empty() || fact_paths.empty() || !have_as_of) {
    std::cerr << usage;
    return exit_usage;
  }
  const auto source = read_source(plan_path);
  if (!source) return exit_usage;
  const mandate::CheckResult checked = mandate::parse_and_check(*source);
  print_diagnostics(checked.diagnostics, *source);
  if (!checked.plan) return exit_diagnostics;
  mandate::FactStore facts(checked.plan);
  bool rejected = false;
  for (const std::string& path : fact_paths) {
    const mandate::LoadReport report = mandate::load_fact_path(facts, path, policy);
    for (const mandate::RejectedRow& row : report.rejected) {
      std::cerr << fmt::format("{}:{}:{}: error: {}\n", row.file, row.line, row.column,
                               row.message);
      rejected = true;
    }
    for (const mandate::RejectedRow& row : report.duplicates)
      std::cerr << fmt::format("{}:{}:{}: warning: {}\n", row.file, row.line, row.column,
                               row.message);
  }
  if (rejected && policy == mandate::LoadPolicy::all_or_nothing) return exit_diagnostics;
  const mandate::EvaluationResult result = mandate::evaluate(facts, options);
  for (const mandate::Diagnostic& error : result.errors)
    std::cerr << fmt::format("{}: error[{}]: {}\n", error.file, mandate::code_name(error.code),
                             error.message);
  if (!result.report) return exit_diagnostics;
  std::cout << mandate::render_text(*result.report, !brief);
  if (!json_path.empty()) {
    std::ofstream out(json_path, std::ios::binary | std::ios::trunc);
    out << mandate::render_json(*result.report);
    if (!out) {
      std::cerr << fmt::format("mandate: cannot write '{}'\n", json_path);
      return exit_usage;
    }
  }
  const bool violations =
      std::any_of(result.report->verdicts.begin(), result.report->verdicts.end(),
                  [](const mandate::Verdict& v) { return mandate::is_violation(v.outcome); });
  return violations ? exit_diagnostics : exit_clean;
}

int run_test(std::span<const std::string> paths) {
  if (paths.empty()) {
    std::cerr << usage;
    return exit_usage;
  }
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error))
        if (entry.is_regular_file() && entry.path().extension() == ".scenario")
          files.push_back(entry.path().string());
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "mandate test: no *.scenario file found\n";
    return exit_usage;
  }
  std::vector<mandate::ScenarioResult> results;
  for (const std::string& file : files) results.push_back(mandate::run_scenario(file));
  std::cout << mandate::render_results(results);
  return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed(); })
             ? exit_clean
             : exit_diagnostics;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  if (arguments.empty()) {
    std::cerr << usage;
    return exit_usage;
  }
  const std::string& command = arguments[0];
  const std::span<const std::string> rest(arguments.begin() + 1, arguments.end());
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << usage;
    return exit_clean;
  }
  if (command == "check" && !rest.empty()) return run_check(rest);
  if (command == "fmt") return run_fmt(rest);
  if (command == "summary") return run_summary(rest);
  if (command == "eval") return run_eval(rest);
  if (command == "test") return run_test(rest);
  if (command == "who") return run_who(rest);
  std::cerr << usage;
  return exit_usage;
}
