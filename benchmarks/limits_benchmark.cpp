// Benchmarks of the costs that were quadratic or unbounded (issue 15, items
// 5–7; docs/reliability.md): each at a base size and 10×, 100×, 1000× it,
// so that the growth shows. Only the public API is used, so the same file
// measures an older tree too (docs/benchmarks.md, "Limits").
#include "generate_plan.hpp"

#include <mandate/check.hpp>
#include <mandate/facts.hpp>
#include <mandate/source.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>

namespace {

using mandate::bench::shangluo_text;

std::shared_ptr<const mandate::Plan> shangluo_plan() {
  static const std::shared_ptr<const mandate::Plan> plan = [] {
    const mandate::SourceFile source("shangluo.plan", shangluo_text());
    return mandate::parse_and_check(source).plan;
  }();
  return plan;
}

/// Every benchmark here runs at 1×, 10×, 100× and 1000× its base size, and
/// Google Benchmark fits time = c·N over the four.
void at_four_sizes(benchmark::internal::Benchmark* family) {
  family->Arg(1)->Arg(10)->Arg(100)->Arg(1000);
  family->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
}

/// The factor of a row (1, 10, 100, 1000) as Google Benchmark's N.
std::size_t factor(benchmark::State& state) {
  state.SetComplexityN(state.range(0));
  return static_cast<std::size_t>(state.range(0));
}

/// Item 5: parse + check of the Shangluo plan N times over. Each copy's
/// stages oblige groups; the checker's why_empty() scanned every body of
/// every copy for each of them.
void BM_CheckScaledPlan(benchmark::State& state) {
  const std::string text =
      mandate::bench::generate_scaled_plan(shangluo_text(), factor(state)).text;
  const mandate::SourceFile source("scaled.plan", text);
  for (auto _ : state) {
    mandate::CheckResult checked = mandate::parse_and_check(source);
    if (!checked.plan) state.SkipWithError("the scaled plan does not check");
    benchmark::DoNotOptimize(checked);
  }
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_CheckScaledPlan)->Apply(at_four_sizes);

/// Item 5 alone: 20·N bodies, each the one member of a group that a stage
/// obliges. why_empty() scanned every body for each obligation (20·N ×
/// 20·N); now each group's own members.
void BM_CheckGroupObligations(benchmark::State& state) {
  const std::size_t count = 20 * factor(state);
  std::string text = "plan \"测试\" { issued 2018-01-01 effective 2018..2020 }\nkind 部门\n";
  text += "event 创建方案 : document\nprogramme 活动 : campaign { lead 机关0 }\n";
  for (std::size_t i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    text += "body 机关" + n + " : 部门\ngroup 组" + n + " = 机关" + n + "\n";
    text += "stage 阶段" + n + " of 活动 {\n  obligated 组" + n +
            "\n  deliver 创建方案 to 机关0\n  due by 03-20\n}\n";
  }
  const mandate::SourceFile source("groups.plan", text);
  for (auto _ : state) {
    mandate::CheckResult checked = mandate::parse_and_check(source);
    if (!checked.plan) state.SkipWithError("the plan does not check");
    benchmark::DoNotOptimize(checked);
  }
  state.counters["obligations"] = static_cast<double>(count);
}
BENCHMARK(BM_CheckGroupObligations)->Apply(at_four_sizes);

/// Item 6, checker: 80·N bodies and 80·N stages, each obliging an unknown
/// body one character off a declared one ("did you mean" for every one).
void BM_CheckUnknownNames(benchmark::State& state) {
  const std::size_t count = 80 * factor(state);
  std::string text = "plan \"测试\" { issued 2018-01-01 effective 2018..2020 }\nkind 部门\n";
  text += "event 创建方案 : document\nprogramme 活动 : campaign { lead 机关0 }\n";
  for (std::size_t i = 0; i < count; ++i) text += "body 机关" + std::to_string(i) + " : 部门\n";
  for (std::size_t i = 0; i < count; ++i)
    text += "stage 阶段" + std::to_string(i) + " of 活动 {\n  obligated 机关" + std::to_string(i) +
            "x\n  deliver 创建方案 to 机关0\n}\n";
  const mandate::SourceFile source("unknown.plan", text);
  for (auto _ : state) {
    mandate::CheckResult checked = mandate::parse_and_check(source);
    benchmark::DoNotOptimize(checked);
  }
  state.counters["unknown"] = static_cast<double>(count);
}
BENCHMARK(BM_CheckUnknownNames)->Apply(at_four_sizes);

/// Item 6, facts: 10·N event rows naming unknown units of `length`
/// characters against a store of 65,600 units (a tenth of the 656 k units
/// of the issue).
void load_unknown_units(benchmark::State& state, std::size_t length) {
  const std::size_t rows = 10 * factor(state);
  mandate::FactStore store(shangluo_plan());
  std::string units = "name,unit_kind,parent\n";
  for (int i = 0; i < 65'600; ++i) units += "街道" + std::to_string(i) + ",镇办,商州区\n";
  if (!store
           .load_csv_text(mandate::FactKind::unit, units, "units.csv",
                          mandate::LoadPolicy::all_or_nothing)
           .ok())
    state.SkipWithError("the units do not load");
  std::string events = "date,event,unit\n";
  for (std::size_t r = 0; r < rows; ++r) {
    std::string name = "街道" + std::to_string(r);
    while (name.size() < 3 * length) name += "坊";
    events += "2018-03-16,创建方案," + name + "\n";
  }
  for (auto _ : state) {
    const mandate::LoadReport report = store.load_csv_text(
        mandate::FactKind::event, events, "events.csv", mandate::LoadPolicy::all_or_nothing);
    if (report.ok()) state.SkipWithError("unknown units were loaded");
    benchmark::DoNotOptimize(report);
  }
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_LoadUnknownUnitsShort(benchmark::State& state) { load_unknown_units(state, 8); }
BENCHMARK(BM_LoadUnknownUnitsShort)->Apply(at_four_sizes);

/// Names of 5,000 characters (15 KiB): a typo is not what went wrong.
void BM_LoadUnknownUnitsLong(benchmark::State& state) { load_unknown_units(state, 5'000); }
BENCHMARK(BM_LoadUnknownUnitsLong)->Apply(at_four_sizes);

/// Item 7: one JSON Lines line of 80·N members, the last a duplicate.
void BM_JsonLinesWideLine(benchmark::State& state) {
  const std::size_t members = 80 * factor(state);
  std::string line = R"({"kind": "unit", "name": "新街道", "unit_kind": "镇办")";
  for (std::size_t i = 0; i < members; ++i) line += ", \"x" + std::to_string(i) + "\": 1";
  line += ", \"x0\": 2}\n";
  mandate::FactStore store(shangluo_plan());
  for (auto _ : state) {
    const mandate::LoadReport report =
        store.load_json_lines_text(line, "facts.jsonl", mandate::LoadPolicy::all_or_nothing);
    if (report.ok()) state.SkipWithError("the duplicate member was not found");
    benchmark::DoNotOptimize(report);
  }
  state.counters["members"] = static_cast<double>(members);
}
BENCHMARK(BM_JsonLinesWideLine)->Apply(at_four_sizes);

}  // namespace

BENCHMARK_MAIN();
