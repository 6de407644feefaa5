// `mandate review PLAN --out FILE.html`, and the quote check that
// `mandate check` runs on a plan naming its source text (decision 0044).
#include <mandate/check.hpp>
#include <mandate/parse.hpp>
#include <mandate/review.hpp>

#include "cli/common.hpp"
#include "cli/io.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace mandate::cli {

CheckedPlan parse_and_check_plan(const SourceFile& source) {
  CheckedPlan out;
  out.parsed = parse(source);
  if (has_errors(out.parsed.diagnostics)) {
    out.checked.diagnostics = out.parsed.diagnostics;
    return out;
  }
  out.checked = check(out.parsed.file, source);
  out.checked.diagnostics.insert(out.checked.diagnostics.begin(), out.parsed.diagnostics.begin(),
                                 out.parsed.diagnostics.end());
  return out;
}

QuoteCheck check_quotes(const syntax::PlanFile& file, const SourceFile& plan) {
  QuoteCheck out;
  const auto reference = source_reference(file);
  if (!reference) {
    const std::vector<Diagnostic> orphans = quotes_without_source(file, plan);
    print_diagnostics(orphans, plan);
    out.errors = count_errors(orphans);
    return out;
  }
  // Relative to the plan file, wherever the command runs.
  const std::string path =
      (std::filesystem::path(plan.name()).parent_path() / reference->path).string();
  ReadResult read = read_file(path, ParseLimits{}.max_source_bytes, "source texts");
  if (!read.text) {
    std::cerr << render(read.error);
    out.unreadable = true;
    return out;
  }
  const SourceFile original(path, std::move(*read.text));
  out.review = review(file, plan, original);
  for (const Diagnostic& d : out.review->diagnostics)
    std::cerr << render(d, d.file == original.name() ? original : plan);
  out.errors = count_errors(out.review->diagnostics);
  return out;
}

Run add_review(CLI::App& command) {
  auto file = std::make_shared<std::string>();
  auto out_path = std::make_shared<std::string>();
  command.add_option("FILE", *file, "a plan file naming its source text")
      ->type_name("")
      ->required();
  command.add_option("--out", *out_path, "the HTML page to write")->type_name("FILE")->required();
  return [file, out_path] {
    const auto source = read_plan(*file);
    if (!source) return exit_error;
    const CheckedPlan plan = parse_and_check_plan(*source);
    print_diagnostics(plan.checked.diagnostics, *source);
    if (!plan.checked.plan) return exit_error;
    const QuoteCheck quotes = check_quotes(plan.parsed.file, *source);
    if (quotes.unreadable) return exit_error;
    if (!quotes.review) {
      std::cerr << fmt::format(
          "{}: error: the plan names no source text; add source \"FILE.txt\" to its plan block\n",
          *file);
      return exit_error;
    }
    if (const auto error = write_file(*out_path, render_review_html(*quotes.review, *source))) {
      std::cerr << render(*error);
      return exit_error;
    }
    std::cout << render_coverage(*quotes.review, *source);
    return quotes.errors > 0 ? exit_findings : exit_ok;
  };
}

}  // namespace mandate::cli
