// Helpers of the evaluation tests: small inline plans and CSV facts, a
// checked plan with its facts (World), reports that must succeed, and ways
// of looking at verdicts and their explanations.
#pragma once

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace evaluate_support {

using mandate::Date;
using mandate::EvaluationOptions;
using mandate::EvaluationResult;
using mandate::Explanation;
using mandate::FactKind;
using mandate::FactStore;
using mandate::LoadPolicy;
using mandate::LoadReport;
using mandate::Report;
using mandate::Verdict;
using mandate::VerdictKind;

using Strings = std::vector<std::string>;
using Overrides = std::vector<std::pair<std::string, std::string>>;

// ---------------------------------------------------------------------------
// Plans: a plan block and the declarations most cases share; each case adds
// its own statements.

inline constexpr std::string_view plan_block = R"(
plan "测试方案" {
  issued 2018-01-01
  effective 2018..2020
}
)";

// The plan block with the deadline policy stated by two parameters.
inline constexpr std::string_view plan_block_with_policy = R"(
plan "测试方案" {
  issued 2018-01-01
  effective 2018..2020
  inclusive_deadlines 截止日含当日
  shift_for_holidays 节假日顺延
}
param 截止日含当日 : bool = true
param 节假日顺延 : bool = false
)";

inline constexpr std::string_view bodies = R"(
kind 市
kind 县区 within 市
kind 部门 within 市
body 商洛市 : 市
body 商州区 : 县区 within 商洛市
body 洛南县 : 县区 within 商洛市
body 丹凤县 : 县区 within 商洛市
body 山阳县 : 县区 within 商洛市
body 市委 : 部门 within 商洛市
body 市综治办 : 部门 within 商洛市
body 市综治委 : 部门 within 商洛市
body 市教育局 : 部门 within 商洛市
body 市卫计局 : 部门 within 商洛市
programme 活动 : campaign
)";

inline std::string plan_text(std::string_view statements, std::string_view block = plan_block) {
  return std::string(block) + std::string(bodies) + std::string(statements);
}

// ---------------------------------------------------------------------------
// Facts: inline CSV texts, each with the file name its facts cite.

struct Csv {
  FactKind kind;
  std::string_view text;
  std::string name;
};

inline Csv units(std::string_view text) { return {FactKind::unit, text, "units.csv"}; }
inline Csv events(std::string_view text) { return {FactKind::event, text, "events.csv"}; }
inline Csv titles(std::string_view text) { return {FactKind::title, text, "titles.csv"}; }
inline Csv measures(std::string_view text) { return {FactKind::measure, text, "measures.csv"}; }
inline Csv published(std::string_view text) { return {FactKind::published, text, "published.csv"}; }

inline std::string dump(const LoadReport& report) {
  std::string out;
  for (const auto& row : report.rejected)
    out += row.file + ":" + std::to_string(row.line) + ":" + std::to_string(row.column) + ": " +
           row.message + "\n";
  return out;
}

/// A checked plan and its facts.
struct World {
  std::unique_ptr<mandate::SourceFile> source;
  std::shared_ptr<const mandate::Plan> plan;
  std::unique_ptr<FactStore> facts;
};

inline World world(const std::string& text, const std::vector<Csv>& csvs = {}) {
  World w;
  w.source = std::make_unique<mandate::SourceFile>("test.plan", text);
  const mandate::CheckResult checked = mandate::parse_and_check(*w.source);
  std::string diagnostics;
  for (const auto& diagnostic : checked.diagnostics)
    if (diagnostic.severity == mandate::Severity::error)
      diagnostics += mandate::render(diagnostic, *w.source) + "\n";
  INFO(diagnostics);
  REQUIRE(checked.plan);
  w.plan = checked.plan;
  w.facts = std::make_unique<FactStore>(w.plan);
  for (const Csv& csv : csvs) {
    const LoadReport report =
        w.facts->load_csv_text(csv.kind, csv.text, csv.name, LoadPolicy::all_or_nothing);
    INFO(dump(report));
    REQUIRE(report.ok());
  }
  return w;
}

inline Date day(std::string_view text) {
  REQUIRE(text.size() == 10);
  const auto number = [&](std::size_t from, std::size_t length) {
    return std::stoi(std::string(text.substr(from, length)));
  };
  return Date{number(0, 4), static_cast<unsigned>(number(5, 2)),
              static_cast<unsigned>(number(8, 2))};
}

inline EvaluationResult evaluate(const World& w, std::vector<int> years, std::string_view as_of,
                                 const Overrides& parameters = {}, unsigned threads = 1) {
  EvaluationOptions options;
  options.years = std::move(years);
  options.as_of = day(as_of);
  options.parameters = parameters;
  options.threads = threads;
  return mandate::evaluate(*w.facts, options);
}

inline std::string errors_of(const EvaluationResult& result) {
  std::string out;
  for (const auto& error : result.errors) out += error.file + ": " + error.message + "\n";
  return out;
}

/// Checks the report's order: by kind, rule in plan order (stages, rules,
/// quotas), year, subject and detail.
inline void check_report_order(const World& w, const Report& report) {
  std::map<std::string, std::size_t> rule_order;
  for (const auto& stage : w.plan->stages) rule_order.emplace(stage.name, rule_order.size());
  for (const auto& rule : w.plan->rules) rule_order.emplace(rule.name, rule_order.size());
  for (const auto& quota : w.plan->quotas) rule_order.emplace(quota.name, rule_order.size());
  const auto key = [&](const Verdict& v) {
    return std::tuple(static_cast<int>(v.kind), rule_order.at(v.rule), v.year, v.subject, v.period,
                      v.detail);
  };
  CHECK(std::is_sorted(report.verdicts.begin(), report.verdicts.end(),
                       [&](const Verdict& a, const Verdict& b) { return key(a) < key(b); }));
}

/// Checks that every way of evaluating gives the same verdicts: with
/// explanations and without (but for the trees), on 1 and 2 threads, as a
/// report (`evaluate`) and as rows (`evaluate_table`).
inline void check_all_ways_agree(const World& w, EvaluationOptions options) {
  std::string first;
  for (const auto explanations : {mandate::Explanations::full, mandate::Explanations::none}) {
    for (const unsigned threads : {1u, 2u}) {
      INFO("explanations ", explanations == mandate::Explanations::full, ", threads ", threads);
      options.explanations = explanations;
      options.threads = threads;
      const EvaluationResult result = mandate::evaluate(*w.facts, options);
      REQUIRE(result.report);
      check_report_order(w, *result.report);
      const mandate::TableResult table = mandate::evaluate_table(*w.facts, options);
      REQUIRE(table.table);
      CHECK(mandate::render_json(table.table->report()) == mandate::render_json(*result.report));
      Report stripped = *result.report;
      for (Verdict& verdict : stripped.verdicts) verdict.explanation = {};
      if (first.empty())
        first = mandate::render_json(stripped);
      else
        CHECK(mandate::render_json(stripped) == first);
    }
  }
}

/// check_all_ways_agree for one year, as of a day.
inline void check_all_ways_agree(const World& w, int year, std::string_view as_of) {
  EvaluationOptions options;
  options.years = {year};
  options.as_of = day(as_of);
  check_all_ways_agree(w, options);
}

/// "subject detail outcome" of each verdict of `kind`, in the report's order.
inline Strings subject_detail_outcomes(const Report& report, VerdictKind kind) {
  Strings lines;
  for (const Verdict& v : report.verdicts)
    if (v.kind == kind)
      lines.push_back(v.subject + " " + v.detail + " " +
                      std::string(mandate::outcome_name(v.outcome)));
  return lines;
}

/// The report of an evaluation that must succeed. Every such report is also
/// checked against the evaluation without explanations, which compiles the
/// rules' conditions: the same verdicts and missing facts, without the trees.
inline Report report_of(const World& w, std::vector<int> years, std::string_view as_of,
                        const Overrides& parameters = {}, unsigned threads = 1) {
  EvaluationResult result = evaluate(w, years, as_of, parameters, threads);
  INFO(errors_of(result));
  REQUIRE(result.errors.empty());
  REQUIRE(result.report);
  EvaluationOptions options;
  options.years = std::move(years);
  options.as_of = day(as_of);
  options.parameters = parameters;
  options.threads = threads;
  options.explanations = mandate::Explanations::none;
  const EvaluationResult bare = mandate::evaluate(*w.facts, options);
  REQUIRE(bare.report);
  Report stripped = *result.report;
  for (Verdict& verdict : stripped.verdicts) verdict.explanation = {};
  CHECK(mandate::render_json(*bare.report) == mandate::render_json(stripped));
  return std::move(*result.report);
}

/// The one-shot helper: plan text and CSV texts in, report out.
inline Report evaluate_text(std::string_view statements, const std::vector<Csv>& csvs,
                            std::vector<int> years, std::string_view as_of,
                            const Overrides& parameters = {}, unsigned threads = 1) {
  const World w = world(plan_text(statements), csvs);
  return report_of(w, std::move(years), as_of, parameters, threads);
}

// ---------------------------------------------------------------------------
// Looking at verdicts.

inline std::string flatten(const Explanation& explanation, int depth = 0) {
  std::string out = std::string(static_cast<std::size_t>(depth) * 2, ' ') + explanation.text + "\n";
  for (const auto& fact : explanation.facts)
    out += std::string(static_cast<std::size_t>(depth) * 2 + 2, ' ') + "fact: " + fact.fact + " (" +
           fact.source + ")\n";
  for (const Explanation& child : explanation.children) out += flatten(child, depth + 1);
  return out;
}

inline std::string describe(const Verdict& v) {
  std::string out = std::string(mandate::verdict_kind_name(v.kind)) + " " + v.rule + " · " +
                    v.subject + " · " + v.period.label() +
                    (v.detail.empty() ? "" : " · " + v.detail) + ": " +
                    std::string(mandate::outcome_name(v.outcome));
  if (v.days) out += " (" + std::to_string(*v.days) + " days)";
  out += "\n";
  for (const std::string& missing : v.missing) out += "  missing: " + missing + "\n";
  for (const auto& consequence : v.consequences)
    out += "  → " + consequence.kind + ": " + consequence.detail + "\n";
  return out + flatten(v.explanation, 1);
}

inline std::string describe(const Report& report) {
  std::string out;
  for (const Verdict& v : report.verdicts) out += describe(v);
  return out;
}

inline std::vector<const Verdict*> select(const Report& report, VerdictKind kind,
                                          std::string_view rule, std::string_view subject = {},
                                          int year = 0) {
  std::vector<const Verdict*> found;
  for (const Verdict& v : report.verdicts)
    if (v.kind == kind && v.rule == rule && (subject.empty() || v.subject == subject) &&
        (year == 0 || v.year == year))
      found.push_back(&v);
  return found;
}

/// The one verdict of a rule for a subject and year.
inline const Verdict& verdict(const Report& report, VerdictKind kind, std::string_view rule,
                              std::string_view subject, int year) {
  const auto found = select(report, kind, rule, subject, year);
  INFO(describe(report));
  INFO("looking for ", std::string(rule), " · ", std::string(subject), " · ", year);
  REQUIRE(found.size() == 1);
  return *found.front();
}

/// The same for a report that is a temporary: a copy of the verdict, so that
/// `const Verdict& v = verdict(report_of(…), …)` does not dangle.
inline Verdict verdict(Report&& report, VerdictKind kind, std::string_view rule,
                       std::string_view subject, int year) {
  return verdict(static_cast<const Report&>(report), kind, rule, subject, year);
}

inline std::string outcome(const Verdict& v) {
  return std::string(mandate::outcome_name(v.outcome));
}

inline bool explains(const Explanation& explanation, std::string_view text) {
  if (explanation.text.find(text) != std::string::npos) return true;
  for (const auto& fact : explanation.facts)
    if (fact.fact.find(text) != std::string::npos || fact.source.find(text) != std::string::npos)
      return true;
  return std::any_of(explanation.children.begin(), explanation.children.end(),
                     [&](const Explanation& child) { return explains(child, text); });
}

/// Checks that the verdict's explanation tree says `text` somewhere.
inline void expect_explains(const Verdict& v, std::string_view text) {
  INFO(describe(v));
  INFO("expected in the explanation: ", std::string(text));
  CHECK(explains(v.explanation, text));
}

inline bool has(const Strings& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace evaluate_support
