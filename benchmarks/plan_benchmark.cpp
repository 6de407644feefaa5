// Benchmarks of the front end: parse and check of the Shangluo plan, and of
// generated plans 1×, 10×, 100× and 200× its size (docs/benchmarks.md).
#include "generate_plan.hpp"

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/parse.hpp>
#include <mandate/source.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>

#ifndef MANDATE_SOURCE_DIR
#error "MANDATE_SOURCE_DIR must name the source tree (set by benchmarks/CMakeLists.txt)"
#endif

namespace {

constexpr const char* shangluo_path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";

using mandate::bench::shangluo_text;

/// Generated plans, built once per scale factor (generation is not timed).
const std::string& scaled_text(std::size_t factor) {
  static std::mutex mutex;
  static std::map<std::size_t, std::string> cache;
  const std::lock_guard lock(mutex);
  auto found = cache.find(factor);
  if (found == cache.end()) {
    found =
        cache.emplace(factor, mandate::bench::generate_scaled_plan(shangluo_text(), factor).text)
            .first;
  }
  return found->second;
}

/// The generated plan of `state.range(0)`, or null after SkipWithError when
/// the generator fails (the base plan does not parse).
const std::string* scaled_or_skip(benchmark::State& state) {
  try {
    return &scaled_text(static_cast<std::size_t>(state.range(0)));
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return nullptr;
  }
}

std::int64_t count_lines(std::string_view text) {
  return static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')) +
         (!text.empty() && text.back() != '\n' ? 1 : 0);
}

/// Skips the benchmark when `diagnostics` hold an error; returns false then.
bool require_no_errors(benchmark::State& state, const std::vector<mandate::Diagnostic>& diagnostics,
                       const mandate::SourceFile& source) {
  for (const mandate::Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity != mandate::Severity::error) continue;
    const std::string message = "plan has errors: " + mandate::render(diagnostic, source);
    state.SkipWithError(message.c_str());
    return false;
  }
  return true;
}

/// Size of the input per iteration: bytes/s (SetBytesProcessed) and lines/s.
void report_size(benchmark::State& state, std::string_view text) {
  const auto bytes = static_cast<std::int64_t>(text.size());
  const std::int64_t lines = count_lines(text);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
  state.counters["bytes"] = benchmark::Counter(static_cast<double>(bytes));
  state.counters["lines"] = benchmark::Counter(static_cast<double>(lines));
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsIterationInvariantRate);
}

/// parse() alone; the SourceFile (text copy + line index) is built once.
void BM_ParseShangluo(benchmark::State& state) {
  const mandate::SourceFile source(shangluo_path, shangluo_text());
  if (!require_no_errors(state, mandate::parse(source).diagnostics, source)) return;
  for (auto _ : state) {
    mandate::ParseResult parsed = mandate::parse(source);
    benchmark::DoNotOptimize(parsed);
  }
  report_size(state, source.text());
}
BENCHMARK(BM_ParseShangluo)->Unit(benchmark::kMicrosecond);

/// check() alone on a tree parsed once.
void BM_CheckShangluo(benchmark::State& state) {
  const mandate::SourceFile source(shangluo_path, shangluo_text());
  const mandate::ParseResult parsed = mandate::parse(source);
  if (!require_no_errors(state, parsed.diagnostics, source)) return;
  if (!require_no_errors(state, mandate::check(parsed.file, source).diagnostics, source)) return;
  for (auto _ : state) {
    mandate::CheckResult checked = mandate::check(parsed.file, source);
    benchmark::DoNotOptimize(checked);
  }
  report_size(state, source.text());
}
BENCHMARK(BM_CheckShangluo)->Unit(benchmark::kMicrosecond);

/// What `mandate check FILE` does after reading the file: build the
/// SourceFile (copy + line index), parse, check. The file is read once.
void run_parse_and_check(benchmark::State& state, const std::string& text) {
  {
    const mandate::SourceFile source(shangluo_path, text);
    if (!require_no_errors(state, mandate::parse_and_check(source).diagnostics, source)) return;
  }
  for (auto _ : state) {
    const mandate::SourceFile source(shangluo_path, text);
    mandate::CheckResult checked = mandate::parse_and_check(source);
    benchmark::DoNotOptimize(checked);
  }
  report_size(state, text);
}

void BM_ParseAndCheckShangluo(benchmark::State& state) {
  run_parse_and_check(state, shangluo_text());
}
BENCHMARK(BM_ParseAndCheckShangluo)->Unit(benchmark::kMicrosecond);

/// A generated plan `state.range(0)` times the Shangluo plan.
void BM_ParseAndCheckScaled(benchmark::State& state) {
  const std::string* text = scaled_or_skip(state);
  if (text == nullptr) return;
  run_parse_and_check(state, *text);
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ParseAndCheckScaled)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

/// The two stages of BM_ParseAndCheckScaled separately, to see which one
/// departs from linear growth.
void BM_ParseScaled(benchmark::State& state) {
  const std::string* text = scaled_or_skip(state);
  if (text == nullptr) return;
  const mandate::SourceFile source("scaled.plan", *text);
  if (!require_no_errors(state, mandate::parse(source).diagnostics, source)) return;
  for (auto _ : state) {
    mandate::ParseResult parsed = mandate::parse(source);
    benchmark::DoNotOptimize(parsed);
  }
  report_size(state, source.text());
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ParseScaled)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

void BM_CheckScaled(benchmark::State& state) {
  const std::string* text = scaled_or_skip(state);
  if (text == nullptr) return;
  const mandate::SourceFile source("scaled.plan", *text);
  const mandate::ParseResult parsed = mandate::parse(source);
  if (!require_no_errors(state, parsed.diagnostics, source)) return;
  if (!require_no_errors(state, mandate::check(parsed.file, source).diagnostics, source)) return;
  for (auto _ : state) {
    mandate::CheckResult checked = mandate::check(parsed.file, source);
    benchmark::DoNotOptimize(checked);
  }
  report_size(state, source.text());
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_CheckScaled)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
