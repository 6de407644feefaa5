#include "cli/common.hpp"

#include <mandate/parse.hpp>

#include "cli/io.hpp"
#include "facts/text.hpp"
#include "source/utf8.hpp"
#include "support/counts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

namespace mandate::cli {

std::optional<SourceFile> read_plan(const std::string& path) {
  ReadResult read = read_file(path, ParseLimits{}.max_source_bytes, "plans");
  if (!read.text) {
    std::cerr << render(read.error);
    return std::nullopt;
  }
  return SourceFile(path, std::move(*read.text));
}

void print_diagnostics(std::span<const Diagnostic> diagnostics, const SourceFile& source) {
  for (const Diagnostic& diagnostic : diagnostics) std::cerr << render(diagnostic, source);
}

std::size_t count_errors(std::span<const Diagnostic> diagnostics) noexcept {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

namespace {

std::string shown(const std::string& text) {
  return fmt::format("'{}'", detail::escape_for_message(text));
}

}  // namespace

CLI::Validator year_value() {
  return CLI::Validator(
      [](std::string& text) {
        int year = 0;
        return detail::parse_year(text, year)
                   ? std::string()
                   : fmt::format("{} is not a year: four digits (2018) are expected", shown(text));
      },
      "");
}

CLI::Validator date_value() {
  return CLI::Validator(
      [](std::string& text) {
        Date date;
        if (!detail::parse_date_syntax(text, date))
          return fmt::format("{} is not a date: YYYY-MM-DD is expected", shown(text));
        if (!detail::date_exists(date))
          return fmt::format("{} does not exist: {}", shown(text), detail::why_no_date(date));
        return std::string();
      },
      "");
}

CLI::Validator threads_value() {
  return CLI::Validator(
      [](std::string& text) {
        unsigned threads = 0;
        const auto error = detail::thread_count_error(text, threads);
        return error ? fmt::format("{}: {}", shown(text), *error) : std::string();
      },
      "");
}

int to_year(const std::string& text) {
  int year = 0;
  (void)detail::parse_year(text, year);
  return year;
}

Date to_date(const std::string& text) {
  Date date;
  (void)detail::parse_date_syntax(text, date);
  return date;
}

bool parse_parameters(std::string_view command, std::span<const std::string> texts,
                      std::vector<std::pair<std::string, std::string>>& out) {
  for (const std::string& parameter : texts) {
    const auto equals = parameter.find('=');
    if (equals == std::string::npos || equals == 0) {
      std::cerr << fmt::format("{}: error: --param takes NAME=VALUE, not '{}'\n", command,
                               detail::escape_for_message(parameter));
      return false;
    }
    out.emplace_back(parameter.substr(0, equals), parameter.substr(equals + 1));
  }
  return true;
}

std::string option_flag(const std::string& option, FlagNames flags) {
  for (const auto& [name, flag] : flags)
    if (option.starts_with(name)) return std::string(flag) + option.substr(name.size());
  return option;
}

std::string option_message(const Diagnostic& diagnostic, FlagNames flags) {
  return fmt::format("{}: {}[{}]: {}\n", option_flag(diagnostic.file, flags),
                     diagnostic.severity == Severity::warning ? "warning" : "error",
                     code_name(diagnostic.code), diagnostic.message);
}

void add_lang_option(CLI::App& command, std::string& lang) {
  command
      .add_option("--lang", lang,
                  "the language of the report, zh or en (default: the plan's `language`, else en)")
      ->check(CLI::IsMember({"zh", "en"}))
      ->type_name("zh|en");
}

void add_param_option(CLI::App& command, std::vector<std::string>& parameters) {
  command
      .add_option("--param", parameters,
                  "override a parameter of the plan, the value in plan syntax (后N位=5)")
      ->allow_extra_args(false)
      ->type_name("NAME=VALUE");
}

Language report_language(const std::string& lang, const Plan& plan) {
  if (const auto chosen = parse_language(lang)) return *chosen;
  return plan_language(plan);
}

}  // namespace mandate::cli
