// The `mandate` command line: check, fmt, summary.
// Exit codes: 0 clean, 1 diagnostics (or a file that fmt would change with
// --check), 2 usage or I/O errors.
#include <mandate/check.hpp>
#include <mandate/format.hpp>
#include <mandate/parse.hpp>
#include <mandate/report.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
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

void print_diagnostics(std::span<const mandate::Diagnostic> diagnostics, const mandate::SourceFile& source) {
  for (const mandate::Diagnostic& diagnostic : diagnostics) std::cerr << mandate::render(diagnostic, source);
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
      std::cerr << fmt::format("{}: {} error{}, {} warning{}\n", path, errors, errors == 1 ? "" : "s", warnings,
                               warnings == 1 ? "" : "s");
    } else {
      std::cout << fmt::format("{}: ok{}\n", path,
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
    if (argument == "--in-place" || argument == "-i") in_place = true;
    else if (argument == "--check") check_only = true;
    else if (argument.starts_with("-")) {
      std::cerr << fmt::format("mandate fmt: unknown option '{}'\n{}", argument, usage);
      return exit_usage;
    } else files.push_back(argument);
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
  std::cerr << usage;
  return exit_usage;
}
