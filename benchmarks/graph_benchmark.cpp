// Benchmarks of the responsibility graph (docs/benchmarks.md, section
// "Responsibility graph"): building it and answering queries, on the Shangluo
// plan and on a national-scale hierarchy of 31 provinces, 333 cities, 2,850
// counties and 38,700 towns supplied as units below a national plan.
#include <mandate/check.hpp>
#include <mandate/graph.hpp>
#include <mandate/source.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef MANDATE_SOURCE_DIR
#error "MANDATE_SOURCE_DIR must name the source tree (set by benchmarks/CMakeLists.txt)"
#endif

namespace {

constexpr std::size_t provinces = 31;
constexpr std::size_t cities = 333;
constexpr std::size_t counties = 2'850;
constexpr std::size_t towns = 38'700;

std::shared_ptr<const mandate::Plan> checked(const std::string& name, const std::string& text) {
  const mandate::SourceFile source(name, text);
  mandate::CheckResult result = mandate::parse_and_check(source);
  if (!result.plan) {
    std::string message = name + " has errors:\n";
    for (const auto& d : result.diagnostics) message += mandate::render(d, source);
    throw std::runtime_error(message);
  }
  return result.plan;
}

std::shared_ptr<const mandate::Plan> shangluo_plan() {
  static const std::shared_ptr<const mandate::Plan> plan = [] {
    const std::string path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return checked(path, text.str());
  }();
  return plan;
}

/// A national plan: the State Council's campaign, led by every county and
/// every town, with towns obligated to file by 03-20 and counties by 03-31,
/// both with the national office, which reports to the State Council.
std::shared_ptr<const mandate::Plan> national_plan() {
  static const std::shared_ptr<const mandate::Plan> plan = checked("national.plan", R"(
plan "全国平安建设实施方案" [N1] {
  issued_by 国务院办公厅
  issued 2018-01-10
  effective 2018..2020
}
kind 国家
kind 省 within 国家
kind 市 within 省
kind 县区 within 市
kind 镇办 within 县区
kind 部门 within 国家
kind 办公室 within 国家
body 中国 : 国家
body 国务院 : 部门 within 中国
body 国务院办公厅 : 办公室 within 中国 reports_to 国务院 [N1]
body 全国综治中心 : 办公室 within 中国 reports_to 中央综治委 [N1]
body 中央综治委 : 部门 within 中国 reports_to 国务院 [N1]
body 公安部 : 部门 within 中国
body 民政部 : 部门 within 中国
group 全国县区 = all 县区 within 中国
group 全国镇办 = all 镇办 within 中国
group 全国省 = all 省 within 中国
event 方案 : document
programme 平安中国 : campaign [N1] {
  lead 全国省
  supervises 中央综治委
  decides_sanctions 国务院
}
programme 平安县区 : brand of 平安中国 [N2] {
  lead 全国县区
  cooperate 公安部, 民政部
}
programme 平安乡镇 : brand of 平安中国 [N3] {
  lead 全国镇办
  cooperate 公安部
}
stage 乡镇备案 of 平安乡镇 [N3] {
  obligated 全国镇办
  deliver 方案 to 全国综治中心
  due by 03-20
}
stage 县区备案 of 平安县区 [N2] {
  obligated 全国县区
  deliver 方案 to 全国综治中心
  due by 03-31
}
stage 全面创建 of 平安中国 [N1] {
  obligated leads
  during months 4..10
  inspects 中央综治委
}
sanction 乡镇落后 [N4] {
  subject 全国镇办
  when true
  refer to 国务院
}
)");
  return plan;
}

/// "县0042": a prefix and a zero-padded number.
std::string numbered(const char* prefix, std::size_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return prefix + digits;
}

/// 31 provinces, 333 cities, 2,850 counties, 38,700 towns, spread evenly.
const std::vector<mandate::UnitRecord>& national_units() {
  static const std::vector<mandate::UnitRecord> units = [] {
    std::vector<mandate::UnitRecord> out;
    out.reserve(provinces + cities + counties + towns);
    for (std::size_t i = 0; i < provinces; ++i)
      out.push_back({numbered("省", i, 2), "省", "中国", {}, ""});
    for (std::size_t i = 0; i < cities; ++i)
      out.push_back({numbered("市", i, 3), "市", numbered("省", i % provinces, 2), {}, ""});
    for (std::size_t i = 0; i < counties; ++i)
      out.push_back({numbered("县", i, 4), "县区", numbered("市", i % cities, 3), {}, ""});
    for (std::size_t i = 0; i < towns; ++i)
      out.push_back({numbered("镇", i, 5), "镇办", numbered("县", i % counties, 4), {}, ""});
    return out;
  }();
  return units;
}

void report_graph(benchmark::State& state, const mandate::ResponsibilityGraph& graph) {
  state.counters["vertices"] = benchmark::Counter(static_cast<double>(graph.vertex_count()));
  state.counters["edges"] = benchmark::Counter(static_cast<double>(graph.edge_count()));
}

void BM_GraphBuildShangluo(benchmark::State& state) {
  const auto plan = shangluo_plan();
  for (auto _ : state) {
    auto graph = mandate::ResponsibilityGraph::build(*plan);
    benchmark::DoNotOptimize(graph);
  }
  report_graph(state, mandate::ResponsibilityGraph::build(*plan));
}
BENCHMARK(BM_GraphBuildShangluo)->Unit(benchmark::kMicrosecond);

void BM_GraphEscalateShangluo(benchmark::State& state) {
  const auto graph = mandate::ResponsibilityGraph::build(*shangluo_plan());
  for (auto _ : state) {
    auto escalation = graph.escalate("县区方案备案", "商州区");
    benchmark::DoNotOptimize(escalation);
  }
}
BENCHMARK(BM_GraphEscalateShangluo)->Unit(benchmark::kMicrosecond);

void BM_GraphAgendaShangluo(benchmark::State& state) {
  const auto graph = mandate::ResponsibilityGraph::build(*shangluo_plan());
  for (auto _ : state) {
    auto agenda = graph.agenda("市综治办", 2019);
    benchmark::DoNotOptimize(agenda);
  }
}
BENCHMARK(BM_GraphAgendaShangluo)->Unit(benchmark::kMicrosecond);

/// Building the national graph alone.
void BM_GraphBuildNational(benchmark::State& state) {
  const auto plan = national_plan();
  const auto& units = national_units();
  for (auto _ : state) {
    auto graph = mandate::ResponsibilityGraph::build(*plan, units);
    benchmark::DoNotOptimize(graph);
  }
  report_graph(state, mandate::ResponsibilityGraph::build(*plan, units));
}
BENCHMARK(BM_GraphBuildNational)->Unit(benchmark::kMillisecond);

/// The budget of the issue: build the national graph and answer one query
/// (a town's escalation), under 100 ms.
void BM_GraphBuildAndEscalateNational(benchmark::State& state) {
  const auto plan = national_plan();
  const auto& units = national_units();
  for (auto _ : state) {
    const auto graph = mandate::ResponsibilityGraph::build(*plan, units);
    auto escalation = graph.escalate("乡镇备案", "镇38699");
    benchmark::DoNotOptimize(escalation);
  }
}
BENCHMARK(BM_GraphBuildAndEscalateNational)->Unit(benchmark::kMillisecond);

/// Queries on the prebuilt national graph.
void BM_GraphQueryNational(benchmark::State& state) {
  const auto graph = mandate::ResponsibilityGraph::build(*national_plan(), national_units());
  const auto query = state.range(0);
  for (auto _ : state) {
    switch (query) {
      case 0:
        benchmark::DoNotOptimize(graph.escalate("乡镇备案", "镇38699"));
        break;
      case 1:
        benchmark::DoNotOptimize(graph.agenda("县2849", 2019));
        break;
      case 2:
        benchmark::DoNotOptimize(graph.path("镇38699", "国务院"));
        break;
      case 3:
        benchmark::DoNotOptimize(graph.holders("平安乡镇", mandate::EdgeKind::lead));
        break;
      default:
        benchmark::DoNotOptimize(graph.lead_ranking());
        break;
    }
  }
  static constexpr const char* names[] = {"escalate", "agenda", "path", "holders(38700)",
                                          "lead_ranking"};
  state.SetLabel(names[query]);
}
BENCHMARK(BM_GraphQueryNational)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

}  // namespace
