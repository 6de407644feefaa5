#include "cli/facts.hpp"

#include "cli/common.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>

namespace mandate::cli {
namespace {

std::string render_row(const RejectedRow& row, std::string_view severity) {
  const std::string file = detail::escape_for_message(row.file);
  if (row.line == 0)
    return fmt::format("{}: {}[{}]: {}\n", file, severity, code_name(row.code), row.message);
  if (row.column == 0)
    return fmt::format("{}:{}: {}[{}]: {}\n", file, row.line, severity, code_name(row.code),
                       row.message);
  return fmt::format("{}:{}:{}: {}[{}]: {}\n", file, row.line, row.column, severity,
                     code_name(row.code), row.message);
}

}  // namespace

int print_load(const LoadReport& report, LoadPolicy policy, bool quiet) {
  int status = exit_ok;
  std::map<std::string, std::size_t> shown;  // rejected rows printed, by file
  for (const RejectedRow& row : report.rejected) {
    if (row.code == Code::io || row.code == Code::input_limit) status = exit_error;
    if (shown[row.file]++ < shown_rejections) std::cerr << render_row(row, "error");
  }
  for (const FileLoad& file : report.files) {
    const std::size_t listed = shown[file.file];
    if (file.rejected > std::min(listed, shown_rejections))
      std::cerr << fmt::format("{}: … {} more rejected rows not shown\n",
                               detail::escape_for_message(file.file),
                               file.rejected - std::min(listed, shown_rejections));
  }
  for (const RejectedRow& row : report.warnings) std::cerr << render_row(row, "warning");
  for (const RejectedRow& row : report.duplicates) std::cerr << render_row(row, "warning");
  if (!quiet)
    for (const FileLoad& file : report.files) {
      std::string line =
          fmt::format("{}: {} from {}", detail::escape_for_message(file.file),
                      plural(file.rows_added, "fact"), plural(file.rows_read, "row"));
      if (file.duplicates > 0) line += fmt::format(", {}", plural(file.duplicates, "duplicate"));
      if (file.rejected > 0) line += fmt::format(", {} rejected", file.rejected);
      std::cerr << line << "\n";
    }
  if (!report.ok() && policy == LoadPolicy::all_or_nothing) status = exit_error;
  return status;
}

int load_facts(FactStore& store, std::span<const std::string> paths, LoadPolicy policy,
               bool quiet) {
  int status = exit_ok;
  std::size_t added = 0;
  for (const std::string& path : paths) {
    const LoadReport report = load_fact_path(store, path, policy);
    status = std::max(status, print_load(report, policy, quiet));
    added += report.rows_added;
  }
  if (status == exit_ok && added == 0) {
    std::cerr << "mandate: error: no facts were loaded: nothing to evaluate\n";
    status = exit_error;
  } else if (status != exit_ok) {
    // The errors above may be many lines up: say what came of them.
    std::cerr << "mandate: error: the facts have errors (above): nothing was evaluated\n";
  }
  return status;
}

}  // namespace mandate::cli
