// `mandate eval PLAN --facts PATH... --as-of DATE …`: facts against a plan.
#include <mandate/check.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/locale.hpp>
#include <mandate/report.hpp>

#include "cli/common.hpp"
#include "cli/facts.hpp"
#include "cli/io.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>

namespace mandate::cli {
namespace {

struct Options {
  std::string plan;
  std::vector<std::string> facts;
  std::string as_of;
  std::vector<std::string> years;
  std::vector<std::string> parameters;
  std::vector<std::string> subjects;
  std::string threads = "1";
  std::string json;
  std::string html;
  std::string csv;
  bool csv_bom = false;
  std::string lang;  // empty: the plan's language
  bool brief = false;
  bool keep_good_rows = false;
  bool no_explanations = false;
  bool quiet = false;
};

/// The flags that set the library's options, for the messages about them
/// (the library names its own options).
constexpr std::pair<std::string_view, std::string_view> flags[] = {
    {"EvaluationOptions::years", "--year"},       {"EvaluationOptions::as_of", "--as-of"},
    {"EvaluationOptions::subjects", "--subject"}, {"EvaluationOptions::parameters", "--param"},
    {"EvaluationOptions::threads", "--threads"},
};

int evaluate_facts(const Options& options) {
  EvaluationOptions evaluation;
  evaluation.as_of = to_date(options.as_of);
  for (const std::string& year : options.years) {
    const int value = to_year(year);
    if (std::find(evaluation.years.begin(), evaluation.years.end(), value) !=
        evaluation.years.end()) {
      std::cerr << fmt::format("mandate eval: error: --year {} is given twice\n", value);
      return exit_error;
    }
    evaluation.years.push_back(value);
  }
  if (!parse_parameters("mandate eval", options.parameters, evaluation.parameters))
    return exit_error;
  evaluation.subjects = options.subjects;
  evaluation.threads = std::stoul(options.threads);  // checked by threads_value()
  if (options.no_explanations) evaluation.explanations = Explanations::none;

  const auto source = read_plan(options.plan);
  if (!source) return exit_error;
  const CheckResult checked = parse_and_check(*source);
  print_diagnostics(checked.diagnostics, *source);
  if (!checked.plan) {
    std::cerr << fmt::format("mandate eval: error: {} does not check; nothing was evaluated\n",
                             options.plan);
    return exit_error;
  }

  FactStore facts(checked.plan);
  const LoadPolicy policy =
      options.keep_good_rows ? LoadPolicy::keep_good_rows : LoadPolicy::all_or_nothing;
  if (const int status = load_facts(facts, options.facts, policy, options.quiet); status != exit_ok)
    return status;

  const EvaluationResult result = evaluate(facts, evaluation);
  for (const Diagnostic& error : result.errors) std::cerr << option_message(error, flags);
  if (!result.report) return exit_error;
  const Language language = report_language(options.lang, *checked.plan);
  std::cout << render_text(*result.report, !options.brief, language);
  // The digests cost a sort of every fact: only for the reports that show them.
  const ReportOrigin origin =
      options.json.empty() && options.html.empty() ? ReportOrigin{} : report_origin(*source, facts);
  const std::pair<const std::string&, std::function<std::string()>> reports[] = {
      {options.json, [&] { return render_json(*result.report, origin, language); }},
      // The page for an office: Chinese for a Chinese plan unless --lang or
      // the plan's `language` says otherwise.
      {options.html,
       [&] {
         const bool chosen = !options.lang.empty() || !checked.plan->metadata.language.empty();
         return render_html(*result.report,
                            HtmlOptions{origin, chosen ? std::optional(language) : std::nullopt});
       }},
      {options.csv, [&] { return render_csv(*result.report, CsvOptions{options.csv_bom}); }},
  };
  for (const auto& [path, render_report] : reports)
    if (!path.empty())
      if (const auto error = write_file(path, render_report())) {
        std::cerr << render(*error);
        return exit_error;
      }
  const bool violations =
      std::any_of(result.report->verdicts.begin(), result.report->verdicts.end(),
                  [](const Verdict& v) { return is_violation(v.outcome); });
  return violations ? exit_findings : exit_ok;
}

}  // namespace

Run add_eval(CLI::App& command) {
  auto options = std::make_shared<Options>();
  command.add_option("PLAN", options->plan, "the plan file")->type_name("")->required();
  command
      .add_option("--facts", options->facts,
                  "a fact file, or a directory of them (units*.csv, events*.csv, titles*.csv, "
                  "measures*.csv, published*.csv, calendar*.csv, *.jsonl); repeat for more")
      ->required()
      ->allow_extra_args(false)
      ->type_name("PATH");
  command
      .add_option("--as-of", options->as_of,
                  "the date of the evaluation: deadlines after it are pending")
      ->required()
      ->check(date_value())
      ->type_name("DATE");
  command
      .add_option("--year", options->years,
                  "an assessment year; repeat for more (default: every year of the plan begun by "
                  "--as-of)")
      ->allow_extra_args(false)
      ->check(year_value())
      ->type_name("YEAR");
  add_param_option(command, options->parameters);
  command
      .add_option("--subject", options->subjects,
                  "keep only the verdicts about this body or unit; repeat for more")
      ->allow_extra_args(false)
      ->type_name("NAME");
  command
      .add_option("--json", options->json,
                  "also write the full report as JSON to FILE (written whole or not at all)")
      ->type_name("FILE");
  command
      .add_option("--html", options->html,
                  "also write a web page of the report for an office to FILE: violations first, "
                  "by body, with filters; one file, no external resources")
      ->type_name("FILE");
  CLI::Option* csv =
      command
          .add_option("--csv", options->csv,
                      "also write the verdicts as CSV to FILE, a row each, for spreadsheets")
          ->type_name("FILE");
  command
      .add_flag("--csv-bom", options->csv_bom,
                "start the CSV file with a UTF-8 byte order mark, for Excel")
      ->needs(csv);
  command
      .add_option("--threads", options->threads,
                  fmt::format("worker threads, 1 to {} (default 1)", max_threads))
      ->check(threads_value())
      ->type_name("N");
  add_lang_option(command, options->lang);
  command.add_flag("--brief", options->brief, "print the verdicts without their explanations");
  command.add_flag("--no-explanations", options->no_explanations,
                   "evaluate without explanations (large runs; ask with --subject afterwards)");
  command.add_flag("--keep-good-rows", options->keep_good_rows,
                   "load the good rows of a fact file that has bad ones (default: a bad row "
                   "rejects its file, and nothing is evaluated)");
  command.add_flag("-q,--quiet", options->quiet,
                   "no line per fact file loaded (warnings and errors are still printed)");
  return [options] { return evaluate_facts(*options); };
}

}  // namespace mandate::cli
