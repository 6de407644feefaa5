// A recurring weekly duty at national scale (issue 12): "每周至少巡查一次" for
// every village of a country-sized tree, one year. 615,000 villages × 52 ISO
// weeks of 2019 = 31,980,000 period verdicts, evaluated as rows
// (evaluate_table, no explanations) on one thread.
//
//   BM_WeeklyDuty/villages:<n>   evaluate_table for 2019 as of 2020-01-31
//
// Each village patrols in three weeks of four (which weeks depends on the
// village), so a quarter of the verdicts are `missed`; the rest `met`. The
// facts are built through the host API once, outside the timed loop.
// Counters: rows; eval_peak_rss_MiB, what the evaluation added to the
// resident set at its peak (the table, and everything transient);
// bytes_per_row, that peak over the rows: all the memory a verdict row costs;
// missed, checked against the count the data implies.
#include "process_memory.hpp"

#include <mandate/check.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/period.hpp>
#include <mandate/source.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr std::string_view weekly_plan = R"(
plan "村级每周巡查制度" {
  issued 2019-01-01
  effective 2019..2019
}
kind 国
kind 县 within 国
kind 镇 within 县
kind 村 within 镇
body 全国 : 国
group 全部村 = all 村 within 全国
event 巡查记录 : action
programme 巡查 : action {
  responsible 全国
}
stage 每周巡查 of 巡查 {
  obligated 全部村
  deliver 巡查记录
  every week
  at_least 1
}
)";

using mandate::bench::reset_peak_rss;
using mandate::bench::status_mib;

/// Whether village `v` patrols in week `w` (three weeks of four).
bool patrols(std::size_t village, int week) {
  return (village + static_cast<std::size_t>(week)) % 4 != 0;
}

struct WeeklyWorld {
  std::unique_ptr<mandate::SourceFile> source;
  std::shared_ptr<const mandate::Plan> plan;
  std::unique_ptr<mandate::FactStore> facts;
  std::size_t expected_missed = 0;
};

/// 100 counties × 25 towns × (villages / 2,500) villages, their patrols on the
/// Wednesday of each week they patrol.
std::unique_ptr<WeeklyWorld> build(std::size_t villages) {
  auto world = std::make_unique<WeeklyWorld>();
  world->source = std::make_unique<mandate::SourceFile>("weekly.plan", std::string(weekly_plan));
  const mandate::CheckResult checked = mandate::parse_and_check(*world->source);
  if (!checked.plan) return nullptr;
  world->plan = checked.plan;
  world->facts = std::make_unique<mandate::FactStore>(world->plan);

  constexpr std::size_t counties = 100, towns_per_county = 25;
  const std::size_t per_town = villages / (counties * towns_per_county);
  std::vector<std::string> names;
  names.reserve(counties + counties * towns_per_county + villages);
  std::vector<mandate::UnitInput> units;
  units.reserve(names.capacity());
  const auto add = [&](std::string name, std::string_view kind, std::string_view parent) {
    names.push_back(std::move(name));
    units.push_back({names.back(), kind, parent, {}, {}});
    return std::string_view(names.back());
  };
  std::vector<std::string_view> village_names;
  village_names.reserve(villages);
  for (std::size_t c = 0; c < counties; ++c) {
    const std::string_view county = add("县" + std::to_string(c), "县", "全国");
    for (std::size_t t = 0; t < towns_per_county; ++t) {
      const std::string_view town =
          add(std::string(county) + "镇" + std::to_string(t), "镇", county);
      for (std::size_t v = 0; v < per_town; ++v)
        village_names.push_back(add(std::string(town) + "村" + std::to_string(v), "村", town));
    }
  }
  if (!world->facts->add_units(units, "host: units").ok()) return nullptr;

  const int weeks = mandate::Period::count_in_year(mandate::PeriodKind::week, 2019);
  std::vector<mandate::EventInput> events;
  events.reserve(village_names.size() * static_cast<std::size_t>(weeks));
  for (std::size_t v = 0; v < village_names.size(); ++v) {
    for (int w = 1; w <= weeks; ++w) {
      if (!patrols(v, w)) {
        ++world->expected_missed;
        continue;
      }
      const auto week = mandate::Period::parse(fmt::format("2019-W{:02}", w));
      mandate::EventInput event;
      event.date = mandate::to_date(mandate::to_day_number(week->first_day()) + 2);  // Wednesday
      event.event = "巡查记录";
      event.unit = village_names[v];
      events.push_back(event);
    }
  }
  if (!world->facts->add_events(events, "host: patrols").ok()) return nullptr;
  return world;
}

void BM_WeeklyDuty(benchmark::State& state) {
  const auto villages = static_cast<std::size_t>(state.range(0));
  static std::unique_ptr<WeeklyWorld> world;
  static std::size_t built_for = 0;
  if (built_for != villages) {
    world.reset();
    world = build(villages);
    built_for = villages;
  }
  if (!world) {
    state.SkipWithError("the weekly plan or its facts did not load");
    return;
  }
  mandate::EvaluationOptions options;
  options.as_of = mandate::Date{2020, 1, 31};
  options.years = {2019};
  options.threads = 1;
  options.explanations = mandate::Explanations::none;
  reset_peak_rss();
  const double rss_before = status_mib("VmRSS");
  std::size_t rows = 0, missed = 0;
  for (auto _ : state) {
    mandate::TableResult result = mandate::evaluate_table(*world->facts, options);
    if (!result.table) {
      state.SkipWithError("evaluation failed");
      return;
    }
    state.PauseTiming();
    rows = result.table->size();
    missed = 0;
    for (const mandate::VerdictRow& row : result.table->rows())
      missed += row.outcome == mandate::Outcome::missed;
    result = {};
    state.ResumeTiming();
  }
  const double peak_mib = status_mib("VmHWM") - rss_before;
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["eval_peak_rss_MiB"] = peak_mib;
  state.counters["bytes_per_row"] = rows ? peak_mib * 1024 * 1024 / static_cast<double>(rows) : 0;
  state.counters["missed"] = static_cast<double>(missed);
  if (missed != world->expected_missed) state.SkipWithError("missed verdicts differ from the data");
}

}  // namespace

BENCHMARK(BM_WeeklyDuty)
    ->ArgName("villages")
    ->Arg(61'500)
    ->Arg(615'000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3);
