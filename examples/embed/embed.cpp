// A host application embedding mandate (docs/embedding.md): a plan from a
// string, facts added from memory, an evaluation, its explanations walked, a
// what-if on a corrected snapshot of the facts, the reports for people, a
// table that outlives its store, and the responsibility graph asked who
// answers for a failure. Built against an installed mandate,
// by CMake (find_package) or by pkg-config (README.md here); scripts/check
// builds and runs it both ways. Exits 0 when every result is the expected one.
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/graph.hpp>
#include <mandate/load.hpp>
#include <mandate/report.hpp>
#include <mandate/source.hpp>
#include <mandate/version.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view plan_text = R"(
plan "县区方案备案示例" {
  issued 2018-01-01
  effective 2018..2020
}
kind 市
kind 县区 within 市
kind 部门 within 市
body 商洛市 : 市
body 市委 : 部门 within 商洛市
body 市综治办 : 部门 within 商洛市 reports_to 市委
body 商州区 : 县区 within 商洛市
body 洛南县 : 县区 within 商洛市
body 丹凤县 : 县区 within 商洛市
group 各县区 = all 县区 within 商洛市
programme 平安创建 : campaign {
  responsible 市综治办
  decides_sanctions 市委
}
event 创建方案 : document
stage 县区方案备案 of 平安创建 {
  obligated 各县区
  deliver 创建方案 to 市综治办
  due by 03-20
}
)";

int failures = 0;

void expect(bool condition, const std::string& what) {
  if (!condition) {
    std::printf("FAILED: %s\n", what.c_str());
    ++failures;
  }
}

/// Prints an explanation tree, its facts with their sources.
void walk(const mandate::Explanation& explanation, int depth, int& steps, int& facts) {
  ++steps;
  std::printf("%*s%s\n", 2 * depth + 4, "", explanation.text.c_str());
  for (const mandate::FactCitation& fact : explanation.facts) {
    ++facts;
    std::printf("%*sfact: %s (%s)\n", 2 * depth + 6, "", fact.fact.c_str(), fact.source.c_str());
  }
  for (const mandate::Explanation& child : explanation.children)
    walk(child, depth + 1, steps, facts);
}

const mandate::Verdict* find(const mandate::Report& report, std::string_view subject) {
  for (const mandate::Verdict& verdict : report.verdicts)
    if (verdict.rule == "县区方案备案" && verdict.subject == subject) return &verdict;
  return nullptr;
}

}  // namespace

int main() {
  std::printf("mandate %s (headers %s)\n", std::string(mandate::version()).c_str(),
              MANDATE_VERSION_STRING);
  expect(mandate::version() == MANDATE_VERSION_STRING, "library and headers of one version");

  // The plan, from a string (mandate::load_plan(path) reads a file).
  const mandate::PlanLoad checked =
      mandate::load_plan_text(std::string(plan_text), "embedded.plan");
  for (const mandate::Diagnostic& diagnostic : checked.diagnostics)
    std::printf("%s", mandate::render(diagnostic, *checked.source).c_str());
  if (!checked.plan) {
    std::printf("FAILED: the plan does not check\n");
    return 1;
  }

  // Facts from memory: 商州区 filed on time, 洛南县 late, 丹凤县 never.
  mandate::FactStore facts(checked.plan);
  const std::vector<mandate::EventInput> events = {
      {.date = {2018, 3, 15}, .event = "创建方案", .unit = "商州区", .to = "市综治办"},
      {.date = {2018, 3, 27}, .event = "创建方案", .unit = "洛南县", .to = "市综治办"},
  };
  const mandate::LoadReport loaded = facts.add_events(events, "host: filing register");
  for (const mandate::RejectedRow& row : loaded.rejected)
    std::printf("rejected: %s:%u: %s\n", row.file.c_str(), row.line, row.message.c_str());
  expect(loaded.ok() && loaded.rows_added == 2, "both events added");

  // Evaluate 2018 as of the end of March.
  mandate::EvaluationOptions options;
  options.years = {2018};
  options.as_of = {2018, 3, 31};
  const mandate::EvaluationResult result = mandate::evaluate(facts, options);
  if (!result.report) {
    std::printf("FAILED: no report (%zu errors)\n", result.errors.size());
    return 1;
  }
  int steps = 0;
  int cited = 0;
  for (const mandate::Verdict& verdict : result.report->verdicts) {
    std::printf("[%s] %s · %s · %d\n", std::string(mandate::outcome_name(verdict.outcome)).c_str(),
                verdict.rule.c_str(), verdict.subject.c_str(), verdict.year);
    walk(verdict.explanation, 0, steps, cited);
  }
  const mandate::Verdict* on_time = find(*result.report, "商州区");
  const mandate::Verdict* late = find(*result.report, "洛南县");
  const mandate::Verdict* missed = find(*result.report, "丹凤县");
  expect(on_time && on_time->outcome == mandate::Outcome::met, "商州区 met");
  expect(late && late->outcome == mandate::Outcome::late && late->days == 7, "洛南县 7 days late");
  expect(missed && missed->outcome == mandate::Outcome::missed, "丹凤县 missed");
  expect(missed && !missed->escalation.empty(), "a missed filing is escalated");
  expect(steps > 3 && cited >= 2, "explanations cite the host's facts");

  // What if 商州区's filing had not been recorded? A snapshot of the facts
  // is corrected; the store itself keeps them as they were.
  mandate::FactStore what_if = facts.snapshot();
  const mandate::LoadReport retracted =
      what_if.retract_events({events.data(), 1}, "host: correction");
  expect(retracted.ok() && retracted.rows_added == 1, "the filing retracted from the snapshot");
  const mandate::EvaluationResult corrected = mandate::evaluate(what_if, options);
  const mandate::Verdict* now = corrected.report ? find(*corrected.report, "商州区") : nullptr;
  expect(now && now->outcome == mandate::Outcome::missed, "without its filing 商州区 missed");
  expect(find(mandate::evaluate(facts, options).report.value(), "商州区")->outcome ==
             mandate::Outcome::met,
         "the store still has the filing");

  // Reports for people and programs; the origin names the plan and facts.
  const mandate::ReportOrigin origin = mandate::report_origin(*checked.source, facts);
  const std::string json = mandate::render_json(*result.report, origin);
  const std::string page = mandate::render_html(*result.report, {.origin = origin});
  const std::string csv = mandate::render_csv(*result.report, {.byte_order_mark = true});
  expect(json.find("\"format\": \"mandate-report\"") != std::string::npos, "JSON names its format");
  expect(page.find("丹凤县") != std::string::npos, "the page names the bodies");
  expect(csv.starts_with("\xEF\xBB\xBFkind,rule,"), "CSV with a byte order mark");
  const mandate::CalendarResult calendar =
      mandate::render_calendar(facts, {.body = "丹凤县", .year = 2019});
  expect(calendar.calendar && calendar.events == 1, "丹凤县 has one duty in 2019");

  // A table holds a snapshot of its store: it outlives the store.
  std::optional<mandate::VerdictTable> table;
  {
    mandate::FactStore scratch = facts.snapshot();
    table = mandate::evaluate_table(scratch, options).table;
  }
  expect(table && table->size() == result.report->verdicts.size(), "the table outlives its store");

  // The responsibility graph: who answers when 丹凤县 fails the filing.
  const auto graph = mandate::ResponsibilityGraph::build(*checked.plan, &facts);
  const mandate::Escalation escalation = graph.escalate("县区方案备案", "丹凤县");
  for (const mandate::EscalationStep& step : escalation.steps)
    std::printf("escalation %d: %s → %s (%s)\n", step.level, step.from.c_str(), step.to.c_str(),
                std::string(mandate::edge_kind_name(step.via)).c_str());
  expect(!escalation.steps.empty() && escalation.steps.front().to == "市综治办",
         "丹凤县 answers to 市综治办 first");
  expect(graph.holders("平安创建", mandate::EdgeKind::decides_sanctions) ==
             std::vector<std::string>{"市委"},
         "市委 decides sanctions");
  try {
    (void)graph.escalate("县区方案备案", "商洛县");  // no such body
    expect(false, "an unknown body is an error");
  } catch (const mandate::GraphLookupError& error) {
    std::printf("lookup error, as expected: %s\n", error.what());
  }

  std::printf(failures == 0 ? "embed: OK\n" : "embed: %d FAILED\n", failures);
  return failures == 0 ? 0 : 1;
}
