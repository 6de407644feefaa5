// Benchmarks of loading facts and evaluating a plan against them at province
// and national scale (docs/benchmarks.md, "Evaluation at scale").
//
// The facts come from benchmarks/facts_generator.hpp. They are written once
// as CSV files into $MANDATE_BENCH_DATA/<scale>/ (default:
// <build tree>/bench-data/<scale>/) and reused while their generator.txt
// matches. Generating them is never timed.
//
//   BM_LoadFacts/<scale>              load_fact_path of the five CSV files into a fresh store
//   BM_LoadEvents/<scale>             events.csv alone, into a store that holds the units
//   BM_LoadJsonLines/<scale>          the same facts as one JSON Lines file (province and
//                                     national-tenth only: the national file is 1.5 GB)
//   BM_Evaluate/<plan>/<scale>/threads:<n>
//                                     mandate::evaluate for 2018 as of 2019-03-31; <plan> is
//                                     shangluo (the whole plan) or s1_s5_b3a
//                                     (benchmarks/s1_s5_b3a.plan)
//   BM_EvaluateWithoutExplanations/<plan>/<scale>/threads:<n>
//                                     the same with Explanations::none: outcomes only
//   BM_EvaluateTable/<plan>/<scale>/threads:<n>
//                                     mandate::evaluate_table with Explanations::none: rows,
//                                     no Verdict built
//   BM_HandWrittenLoop/<scale>        S1 + S5 + B3a written by hand over the FactStore queries
//   BM_RenderReport/<en|zh>/province  the Shangluo report rendered as text and JSON, in
//                                     English or in Chinese (decision 0057)
//
// The scales are province, national-tenth and national; the million scale
// (1 million county-level units, the workload of the comparison) has
// only BM_LoadFacts, BM_EvaluateTable/s1_s5_b3a and BM_HandWrittenLoop.
#include "facts_generator.hpp"
#include "process_memory.hpp"

#include <mandate/check.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/locale.hpp>
#include <mandate/source.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef MANDATE_SOURCE_DIR
#error "MANDATE_SOURCE_DIR must name the source tree (set by benchmarks/CMakeLists.txt)"
#endif
#ifndef MANDATE_BINARY_DIR
#error "MANDATE_BINARY_DIR must name the build tree (set by benchmarks/CMakeLists.txt)"
#endif

namespace {

namespace fs = std::filesystem;
using mandate::bench::FactsScale;

// Data and plans -------------------------------------------------------------------

fs::path data_root() {
  if (const char* root = std::getenv("MANDATE_BENCH_DATA"); root && *root) return root;
  return fs::path(MANDATE_BINARY_DIR) / "bench-data";
}

/// The directory holding the facts of `scale`, written first when missing.
fs::path facts_directory(const FactsScale& scale) {
  const fs::path directory = data_root() / std::string(scale.name);
  if (!mandate::bench::has_facts(scale, directory)) {
    std::fprintf(stderr, "generating the %s facts into %s ...\n", std::string(scale.name).c_str(),
                 directory.c_str());
    mandate::bench::write_facts(scale, directory);
  }
  return directory;
}

enum class PlanChoice { shangluo, core };

const char* plan_label(PlanChoice plan) {
  return plan == PlanChoice::shangluo ? "shangluo" : "s1_s5_b3a";
}

std::shared_ptr<const mandate::Plan> load_plan(PlanChoice choice) {
  static std::map<PlanChoice, std::shared_ptr<const mandate::Plan>> plans;
  if (const auto found = plans.find(choice); found != plans.end()) return found->second;
  const std::string path = choice == PlanChoice::shangluo
                               ? MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan"
                               : MANDATE_SOURCE_DIR "/benchmarks/s1_s5_b3a.plan";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  const mandate::SourceFile source(path, text.str());
  mandate::CheckResult result = mandate::parse_and_check(source);
  if (!result.plan) {
    std::string message = path;
    message += " has errors:";
    for (const mandate::Diagnostic& diagnostic : result.diagnostics) {
      message += '\n';
      message += mandate::render(diagnostic, source);
    }
    throw std::runtime_error(message);
  }
  return plans.emplace(choice, result.plan).first->second;
}

using mandate::bench::reset_peak_rss;
using mandate::bench::status_mib;

// A loaded store, one at a time (the national one takes half a GB) ---------------------

struct Loaded {
  std::string key;
  std::unique_ptr<mandate::FactStore> store;
  mandate::LoadReport report;
};

Loaded& loaded_slot() {
  static Loaded slot;
  return slot;
}

void drop_loaded() {
  Loaded& slot = loaded_slot();
  slot.store.reset();
  slot.key.clear();
  slot.report = {};
}

/// The store of `plan` with the facts of `scale`, loaded once and kept until
/// another is asked for.
const Loaded& load(PlanChoice plan, const FactsScale& scale) {
  Loaded& slot = loaded_slot();
  std::string key = plan_label(plan);
  key += '/';
  key += scale.name;
  if (slot.key == key) return slot;
  drop_loaded();
  const fs::path directory = facts_directory(scale);
  auto store = std::make_unique<mandate::FactStore>(load_plan(plan));
  mandate::LoadReport report =
      mandate::load_fact_path(*store, directory.string(), mandate::LoadPolicy::all_or_nothing);
  if (!report.ok()) {
    const mandate::RejectedRow& row = report.rejected.front();
    throw std::runtime_error("the generated facts do not load: " + row.file + ":" +
                             std::to_string(row.line) + ":" + std::to_string(row.column) + ": " +
                             row.message);
  }
  if (!report.duplicates.empty())
    throw std::runtime_error("the generated facts hold duplicate rows");
  slot.key = key;
  slot.store = std::move(store);
  slot.report = std::move(report);
  return slot;
}

// Reports -------------------------------------------------------------------------

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// MANDATE_BENCH_KEEP_PREVIOUS=1: each report stays alive during the next
/// evaluation (the pattern of a host that double-buffers its reports).
bool keep_previous_report() {
  static const bool keep = [] {
    const char* value = std::getenv("MANDATE_BENCH_KEEP_PREVIOUS");
    return value != nullptr && std::string_view(value) == "1";
  }();
  return keep;
}

mandate::EvaluationOptions options(
    unsigned threads, mandate::Explanations explanations = mandate::Explanations::full) {
  mandate::EvaluationOptions result;
  result.years = {mandate::bench::facts_year};
  result.as_of = mandate::bench::facts_as_of;
  result.threads = threads;
  result.explanations = explanations;
  return result;
}

/// Outcomes of the three rules of the S1 + S5 + B3a workload, tallied.
struct Tally {
  std::size_t s1_applies = 0, s1_not = 0, s1_unknown = 0;
  std::size_t s5_applies = 0, s5_not = 0;
  std::size_t b3a_met = 0, b3a_late = 0, b3a_missed = 0, b3a_other = 0;
  friend bool operator==(const Tally&, const Tally&) = default;
};

/// Counts one verdict of rule 0 (S1), 1 (S5) or 2 (B3a).
void add(Tally& t, int rule, mandate::Outcome outcome) {
  using mandate::Outcome;
  if (rule == 0) {
    (outcome == Outcome::applies          ? t.s1_applies
     : outcome == Outcome::does_not_apply ? t.s1_not
                                          : t.s1_unknown)++;
  } else if (rule == 1) {
    (outcome == Outcome::applies ? t.s5_applies : t.s5_not)++;
  } else if (rule == 2) {
    (outcome == Outcome::met      ? t.b3a_met
     : outcome == Outcome::late   ? t.b3a_late
     : outcome == Outcome::missed ? t.b3a_missed
                                  : t.b3a_other)++;
  }
}

/// 0, 1 or 2 for the rules of the workload (as in the Shangluo plan); -1 otherwise.
int workload_rule(std::string_view name) {
  return name == "县区两率一度落后"   ? 0
         : name == "县区两次通报约谈" ? 1
         : name == "县区方案备案"     ? 2
                                      : -1;
}

Tally tally(const mandate::Report& report) {
  Tally t;
  for (const mandate::Verdict& verdict : report.verdicts)
    add(t, workload_rule(verdict.rule), verdict.outcome);
  return t;
}

Tally tally(const mandate::VerdictTable& table) {
  Tally t;
  for (const mandate::VerdictRow& row : table.rows())
    add(t, workload_rule(table.rule_name(row)), row.outcome);
  return t;
}

/// What a 1-thread evaluation found, for the 2-thread benchmarks and the
/// hand-written loop to compare with.
struct Reference {
  std::uint64_t json_hash = 0;
  std::size_t json_bytes = 0;
  double seconds = 0;  // mean wall time of one evaluation, 0 when not measured
  Tally tally;
};
std::map<std::string, Reference>& references() {
  static std::map<std::string, Reference> map;
  return map;
}

/// The 1-thread reference of `key` (a plan and scale, with or without
/// explanations); when the benchmark that records it did not run
/// (--benchmark_filter), one untimed evaluation makes it.
const Reference& reference(const std::string& key, const mandate::FactStore& store,
                           mandate::Explanations explanations) {
  auto found = references().find(key);
  if (found == references().end()) {
    const mandate::EvaluationResult one = mandate::evaluate(store, options(1, explanations));
    found = references()
                .emplace(key, Reference{fnv1a(mandate::render_json(*one.report)), 0, 0,
                                        tally(*one.report)})
                .first;
  }
  return found->second;
}

/// The store of a plan and scale, or nothing when it cannot be had (the
/// benchmark is then skipped with the reason).
const Loaded* loaded_or_skip(benchmark::State& state, PlanChoice plan, const FactsScale& scale) {
  try {
    return &load(plan, scale);
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return nullptr;
  }
}

// Benchmarks ----------------------------------------------------------------------

/// What a load benchmark reads: the facts of a scale and the Shangluo plan.
struct LoadInputs {
  fs::path directory;
  std::shared_ptr<const mandate::Plan> plan;
};

/// The inputs, with the stores of other benchmarks dropped so that the
/// memory figures are this load's; nothing when they cannot be had.
std::optional<LoadInputs> load_inputs(benchmark::State& state, const FactsScale& scale) {
  try {
    LoadInputs inputs{facts_directory(scale), load_plan(PlanChoice::shangluo)};
    drop_loaded();
    return inputs;
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return std::nullopt;
  }
}

/// Rows read per iteration, as a count and a rate, and bytes per iteration.
void count_rows(benchmark::State& state, std::size_t rows, std::uintmax_t bytes) {
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_second"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
}

/// Times `load` into a new store of `plan` on each iteration (destroying the
/// previous store is not timed). Returns the rows read by the last load, or
/// nothing when a load is not clean (the benchmark then stops with an error).
template <typename Load>
std::optional<std::size_t> time_loads(benchmark::State& state,
                                      const std::shared_ptr<const mandate::Plan>& plan,
                                      std::optional<mandate::FactStore>& store, Load load) {
  std::size_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
    store.emplace(plan);
    const mandate::LoadReport report = load(*store);
    if (!report.ok() || !report.duplicates.empty()) {
      state.SkipWithError("the generated facts do not load cleanly");
      return std::nullopt;
    }
    rows = report.rows_read;
  }
  if (!store) return std::nullopt;  // no iteration ran
  return rows;
}

void BM_LoadFacts(benchmark::State& state, const FactsScale* scale) {
  const std::optional<LoadInputs> inputs = load_inputs(state, *scale);
  if (!inputs) return;
  const auto& [directory, plan] = *inputs;
  reset_peak_rss();
  std::uintmax_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.path().extension() == ".csv") bytes += entry.file_size();
  std::optional<mandate::FactStore> store;
  const std::optional<std::size_t> rows =
      time_loads(state, plan, store, [&](mandate::FactStore& into) {
        return mandate::load_fact_path(into, directory.string(),
                                       mandate::LoadPolicy::all_or_nothing);
      });
  if (!rows) return;
  count_rows(state, *rows, bytes);
  state.counters["events"] = static_cast<double>(store->event_count());
  state.counters["store_MiB"] = static_cast<double>(store->memory_bytes()) / (1024.0 * 1024.0);
  state.counters["store_bytes_per_event"] =
      static_cast<double>(store->memory_bytes()) / static_cast<double>(store->event_count());
  state.counters["peak_rss_MiB"] =
      status_mib("VmHWM");  // during the loads (the file is read whole)
  state.counters["rss_after_MiB"] = status_mib("VmRSS");  // the loaded store, file buffers freed
}

void BM_LoadEvents(benchmark::State& state, const FactsScale* scale) {
  const std::optional<LoadInputs> inputs = load_inputs(state, *scale);
  if (!inputs) return;
  const auto& [directory, plan] = *inputs;
  const std::string units = (directory / "units.csv").string();
  const std::string events = (directory / "events.csv").string();
  std::optional<mandate::FactStore> store;
  std::size_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    store.reset();
    store.emplace(plan);
    const bool units_ok =
        store->load_csv(mandate::FactKind::unit, units, mandate::LoadPolicy::all_or_nothing).ok();
    state.ResumeTiming();
    const mandate::LoadReport report =
        store->load_csv(mandate::FactKind::event, events, mandate::LoadPolicy::all_or_nothing);
    if (!units_ok || !report.ok()) {
      state.SkipWithError("the generated facts do not load cleanly");
      break;
    }
    rows = report.rows_read;
  }
  count_rows(state, rows, fs::file_size(events));
}

/// The generated CSV facts of `directory` as one JSON Lines file, written
/// next to it the first time (not inside it: load_fact_path of the CSV
/// directory would read it too). The generated CSV has no quoted fields.
fs::path json_lines_file(const fs::path& directory) {
  const fs::path file =
      directory.parent_path() / (directory.filename().string() + "-jsonl") / "facts.jsonl";
  if (fs::exists(file)) return file;
  fs::create_directories(file.parent_path());
  const fs::path partial = file.string() + ".partial";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  const auto split = [](std::string_view line) {
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) return fields;
      start = comma + 1;
    }
  };
  for (const mandate::FactKind kind :
       {mandate::FactKind::unit, mandate::FactKind::event, mandate::FactKind::title,
        mandate::FactKind::measure, mandate::FactKind::published}) {
    std::ifstream in(directory / std::string(mandate::bench::facts_file_name(kind)),
                     std::ios::binary);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = [&] {
      std::vector<std::string> names;
      for (const std::string_view name : split(line)) names.emplace_back(name);
      return names;
    }();
    std::string object;
    while (std::getline(in, line)) {
      const std::vector<std::string_view> fields = split(line);
      object = "{\"kind\":\"";
      object += mandate::fact_kind_name(kind);
      object += '"';
      for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
        if (fields[i].empty()) continue;
        const bool number = header[i] == "year" || header[i] == "value" || header[i] == "out_of";
        object += ",\"";
        object += header[i];
        object += number ? "\":" : "\":\"";
        object += fields[i];
        if (!number) object += '"';
      }
      object += "}\n";
      out << object;
    }
  }
  out.close();
  if (!out) throw std::runtime_error("cannot write " + partial.string());
  fs::rename(partial, file);
  return file;
}

void BM_LoadJsonLines(benchmark::State& state, const FactsScale* scale) {
  const std::optional<LoadInputs> inputs = load_inputs(state, *scale);
  if (!inputs) return;
  const auto& [directory, plan] = *inputs;
  fs::path file;
  try {
    file = json_lines_file(directory);
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return;
  }
  std::optional<mandate::FactStore> store;
  const std::optional<std::size_t> rows =
      time_loads(state, plan, store, [&](mandate::FactStore& into) {
        return into.load_json_lines(file.string(), mandate::LoadPolicy::all_or_nothing);
      });
  if (!rows) return;
  count_rows(state, *rows, fs::file_size(file));
  state.counters["events"] = static_cast<double>(store->event_count());
}

void BM_Evaluate(benchmark::State& state, PlanChoice plan, const FactsScale* scale,
                 unsigned threads, mandate::Explanations explanations) {
  const Loaded* data = loaded_or_skip(state, plan, *scale);
  if (!data) return;
  const mandate::FactStore& store = *data->store;
  const bool bare = explanations == mandate::Explanations::none;
  const std::string key = data->key + (bare ? "/without explanations" : "");
  reset_peak_rss();
  const double rss_before = status_mib("VmRSS");
  // A host reads each report and frees it before it asks for the next: each
  // report is freed, untimed, before the next evaluation, and what the checks
  // after the loop need is taken from the first one. With
  // MANDATE_BENCH_KEEP_PREVIOUS=1 the previous report stays alive during the
  // next evaluation instead, which changes how glibc's allocator reuses
  // memory across threads (docs/benchmarks.md has both figures).
  struct Checked {
    std::uint64_t hash = 0;
    std::size_t json_bytes = 0;
    std::size_t verdicts = 0;
    std::size_t violations = 0;
    Tally outcomes;
  };
  std::optional<Checked> checked;
  std::optional<mandate::Report> previous;
  double evaluating = 0;  // seconds, the same span as the reported time
  for (auto _ : state) {
    const auto begin = std::chrono::steady_clock::now();
    mandate::EvaluationResult result = mandate::evaluate(store, options(threads, explanations));
    evaluating += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    if (!result.report) {
      state.SkipWithError("evaluation failed");
      return;
    }
    benchmark::DoNotOptimize(result.report->verdicts.data());
    state.PauseTiming();
    if (!checked) {
      const std::string json = mandate::render_json(*result.report);
      Checked first{fnv1a(json), json.size(), result.report->verdicts.size(), 0,
                    tally(*result.report)};
      for (const mandate::Verdict& verdict : result.report->verdicts)
        first.violations += mandate::is_violation(verdict.outcome);
      checked = first;
    }
    if (keep_previous_report()) previous = std::move(result.report);
    result = {};
    state.ResumeTiming();
  }
  const double seconds = evaluating / static_cast<double>(state.iterations());
  const double peak = status_mib("VmHWM");
  previous.reset();
  const std::uint64_t hash = checked->hash;

  // Outside the timed loop: the comparison with one thread.
  char label[160];
  if (threads == 1) {
    Reference& reference = references()[key];
    reference = {hash, checked->json_bytes, seconds, checked->outcomes};
    std::snprintf(label, sizeof label, "report fnv1a %016llx",
                  static_cast<unsigned long long>(hash));
  } else {
    const Reference& one = reference(key, store, explanations);
    const bool identical = one.json_hash == hash;
    state.counters["identical_to_1_thread"] = identical ? 1 : 0;
    if (one.seconds > 0) state.counters["speedup"] = one.seconds / seconds;
    std::snprintf(label, sizeof label, "report fnv1a %016llx, %s 1 thread",
                  static_cast<unsigned long long>(hash),
                  identical ? "identical to" : "DIFFERENT FROM");
    if (!identical) state.SkipWithError("the report differs from the 1-thread report");
  }
  // Without explanations, the outcomes are those of the full evaluation.
  if (const auto full = references().find(data->key); bare && full != references().end()) {
    const bool same = full->second.tally == checked->outcomes;
    state.counters["same_outcomes_as_full"] = same ? 1 : 0;
    if (!same) state.SkipWithError("the outcomes differ from those of the full evaluation");
  }
  state.SetLabel(label);
  state.counters["verdicts"] = static_cast<double>(checked->verdicts);
  state.counters["violations"] = static_cast<double>(checked->violations);
  state.counters["json_MiB"] = static_cast<double>(checked->json_bytes) / (1024.0 * 1024.0);
  state.counters["events"] = static_cast<double>(store.event_count());
  state.counters["store_bytes_per_event"] =
      static_cast<double>(store.memory_bytes()) / static_cast<double>(store.event_count());
  state.counters["peak_rss_MiB"] = peak;
  // What the evaluation added to the resident set at its peak (the store and
  // the loader's freed but retained heap are already resident before).
  state.counters["eval_peak_rss_MiB"] = peak - rss_before;
}

/// The Shangluo report at province scale rendered as text and as JSON, in
/// English or in Chinese: the Chinese adds the catalogue's sentence patterns
/// over every explanation line and fact, twice (decision 0057).
void BM_RenderReport(benchmark::State& state, mandate::Language language) {
  const Loaded* data = loaded_or_skip(state, PlanChoice::shangluo, mandate::bench::province_scale);
  if (!data) return;
  const mandate::EvaluationResult result = mandate::evaluate(*data->store, options(1));
  if (!result.report) {
    state.SkipWithError("evaluation failed");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = mandate::render_text(*result.report, true, language);
    const std::string json = mandate::render_json(*result.report, language);
    bytes = text.size() + json.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["output_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
}

/// evaluate_table without explanations: compact rows, no Verdict built.
/// The rows, made into a report after the timed loop, must give the report
/// of BM_EvaluateWithoutExplanations byte for byte. At the million scale,
/// whose report would be 2 GB of JSON, only their tally is kept, for the
/// hand-written loop to agree with.
void BM_EvaluateTable(benchmark::State& state, PlanChoice plan, const FactsScale* scale,
                      unsigned threads, bool against_report) {
  const Loaded* data = loaded_or_skip(state, plan, *scale);
  if (!data) return;
  const mandate::FactStore& store = *data->store;
  reset_peak_rss();
  const double rss_before = status_mib("VmRSS");
  std::optional<mandate::VerdictTable> first;
  for (auto _ : state) {
    mandate::TableResult result =
        mandate::evaluate_table(store, options(threads, mandate::Explanations::none));
    if (!result.table) {
      state.SkipWithError("evaluation failed");
      return;
    }
    benchmark::DoNotOptimize(result.table->rows().data());
    if (!first) {
      state.PauseTiming();
      first = std::move(result.table);
      state.ResumeTiming();
    }
  }
  const double peak = status_mib("VmHWM");
  std::size_t extras = 0;
  for (const mandate::VerdictRow& row : first->rows()) extras += row.extras != row.none;
  state.counters["rows"] = static_cast<double>(first->size());
  state.counters["rows_with_side_data"] = static_cast<double>(extras);
  state.counters["eval_peak_rss_MiB"] = peak - rss_before;
  if (!against_report) {
    references().try_emplace(data->key, Reference{0, 0, 0, tally(*first)});
    return;
  }
  const std::uint64_t hash = fnv1a(mandate::render_json(first->report()));
  const Reference& report =
      reference(data->key + "/without explanations", store, mandate::Explanations::none);
  const bool identical = report.json_hash == hash && report.tally == tally(*first);
  state.counters["identical_to_report"] = identical ? 1 : 0;
  if (!identical) state.SkipWithError("the rows differ from evaluate's report");
}

/// S1 + S5 + B3a for every county, written by hand against the FactStore
/// queries: the floor the engine is compared with. Same facts, same
/// meaning as the plan's rules (docs/evaluation.md), no explanations.
struct HandVerdict {
  mandate::NameId subject = mandate::no_name;
  std::uint8_t rule = 0;  // 0 = S1, 1 = S5, 2 = B3a
  mandate::Outcome outcome = mandate::Outcome::unknown;
  std::int32_t days = 0;
};

std::vector<HandVerdict> hand_written(const mandate::FactStore& store) {
  using mandate::NameId;
  using mandate::Outcome;
  using mandate::Statistic;
  const int year = mandate::bench::facts_year;
  const mandate::DayNumber as_of = mandate::to_day_number(mandate::bench::facts_as_of);
  const mandate::DayNumber first = mandate::to_day_number(mandate::Date{year, 1, 1});
  const mandate::DayNumber last = mandate::to_day_number(mandate::Date{year, 12, 31});
  const mandate::DayNumber deadline = mandate::to_day_number(mandate::Date{year, 3, 20});
  const NameId score = store.find_name("两率一度");
  const NameId province = store.find_name("全省县区");
  const NameId committee = store.find_name("市综治委");
  const NameId office = store.find_name("市综治办");
  const NameId notices[] = {store.find_name("通报"), store.find_name("约谈")};
  const NameId filings[] = {store.find_name("创建方案"), store.find_name("创建标准"),
                            store.find_name("部署会议"), store.find_name("示范点名单")};
  const std::vector<NameId> counties =
      store.units_of_kind(store.find_name("县区"), store.find_name("商洛市"));
  const auto average = store.published(score, province, Statistic::average, mandate::no_name, year);
  const auto size = store.published(score, province, Statistic::size, mandate::no_name, year);
  std::vector<HandVerdict> out;
  out.reserve(counties.size() * 3);
  for (const NameId county : counties) {
    // S1: below the provincial average and in the bottom 10.
    const auto value = store.measure(score, county, year);
    const auto rank = store.published(score, province, Statistic::rank, county, year);
    Outcome s1 = Outcome::unknown;
    if (value && average && rank && size)
      s1 = value->value < average->value - 1e-9 && rank->value > size->value - 10 + 1e-9
               ? Outcome::applies
               : Outcome::does_not_apply;
    out.push_back({county, 0, s1, 0});
    // S5: two notices or summons by 市综治委 in the year.
    int count = 0;
    for (const NameId event : notices)
      for (const mandate::EventRecord& record : store.events(event, county))
        count += record.by == committee && record.date >= first && record.date <= last &&
                 record.date <= as_of;
    out.push_back({county, 1, count >= 2 ? Outcome::applies : Outcome::does_not_apply, 0});
    // B3a: four filings with 市综治办 by 03-20; the latest decides.
    bool missed = false;
    int worst = 0;
    for (const NameId event : filings) {
      const mandate::EventRecord* delivered = nullptr;
      for (const mandate::EventRecord& record : store.events(event, county)) {
        if (record.date > as_of || record.date < first ||
            (record.to != mandate::no_name && record.to != office))
          continue;
        delivered = &record;
        break;
      }
      if (delivered)
        worst = std::max(worst, delivered->date - deadline);
      else
        missed = true;
    }
    out.push_back({county, 2,
                   missed      ? Outcome::missed
                   : worst > 0 ? Outcome::late
                               : Outcome::met,
                   missed ? 0 : worst});
  }
  return out;
}

Tally tally(const std::vector<HandVerdict>& verdicts) {
  Tally t;
  for (const HandVerdict& v : verdicts) add(t, v.rule, v.outcome);
  return t;
}

void BM_HandWrittenLoop(benchmark::State& state, const FactsScale* scale) {
  const Loaded* data = loaded_or_skip(state, PlanChoice::core, *scale);
  if (!data) return;
  std::vector<HandVerdict> verdicts;
  for (auto _ : state) {
    verdicts = hand_written(*data->store);
    benchmark::DoNotOptimize(verdicts.data());
  }
  state.counters["verdicts"] = static_cast<double>(verdicts.size());
  // The same outcomes as the engine's S1 + S5 + B3a evaluation, when it ran.
  if (const auto found = references().find(data->key); found != references().end()) {
    const bool agrees = found->second.tally == tally(verdicts);
    state.counters["agrees_with_engine"] = agrees ? 1 : 0;
    if (!agrees) state.SkipWithError("the hand-written loop and the engine disagree");
  }
}

// Registration: by scale, so that each store is loaded once. The national
// benchmarks come last; --benchmark_filter=province runs the quick ones.
/// "a/b/c" (appending: GCC 12 warns falsely on `"literal" + std::string`).
std::string path_name(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out.append(part);
  }
  return out;
}

/// BM_EvaluateTable/<plan>/<scale>/threads:1 and :2.
void register_tables(PlanChoice plan, const FactsScale* scale, bool against_report) {
  for (const unsigned threads : {1u, 2u}) {
    std::string label = path_name({"BM_EvaluateTable", plan_label(plan), scale->name, "threads:"});
    label += std::to_string(threads);
    benchmark::RegisterBenchmark(label.c_str(), BM_EvaluateTable, plan, scale, threads,
                                 against_report)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinWarmUpTime(0.5);
  }
}

void register_hand_loop(const FactsScale* scale) {
  benchmark::RegisterBenchmark(path_name({"BM_HandWrittenLoop", scale->name}).c_str(),
                               BM_HandWrittenLoop, scale)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

[[maybe_unused]] const bool registered = [] {
  static const FactsScale* const scales[] = {&mandate::bench::province_scale,
                                             &mandate::bench::national_tenth_scale,
                                             &mandate::bench::national_scale};
  for (const FactsScale* scale : scales) {
    benchmark::RegisterBenchmark(path_name({"BM_LoadFacts", scale->name}).c_str(), BM_LoadFacts,
                                 scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(path_name({"BM_LoadEvents", scale->name}).c_str(), BM_LoadEvents,
                                 scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    if (scale != &mandate::bench::national_scale)
      benchmark::RegisterBenchmark(path_name({"BM_LoadJsonLines", scale->name}).c_str(),
                                   BM_LoadJsonLines, scale)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    for (const auto explanations : {mandate::Explanations::full, mandate::Explanations::none}) {
      const char* name = explanations == mandate::Explanations::full
                             ? "BM_Evaluate"
                             : "BM_EvaluateWithoutExplanations";
      for (const PlanChoice plan : {PlanChoice::shangluo, PlanChoice::core}) {
        for (const unsigned threads : {1u, 2u}) {
          std::string label = path_name({name, plan_label(plan), scale->name, "threads:"});
          label += std::to_string(threads);
          // Warmed up first: the first evaluation on two threads grows the
          // helper's allocator arena (page faults) once per process.
          benchmark::RegisterBenchmark(label.c_str(), BM_Evaluate, plan, scale, threads,
                                       explanations)
              ->Unit(benchmark::kMillisecond)
              ->UseRealTime()
              ->MinWarmUpTime(0.5);
        }
      }
    }
    for (const PlanChoice plan : {PlanChoice::shangluo, PlanChoice::core})
      register_tables(plan, scale, true);
    register_hand_loop(scale);
  }
  for (const auto language : {mandate::Language::en, mandate::Language::zh})
    benchmark::RegisterBenchmark(
        path_name({"BM_RenderReport", language == mandate::Language::zh ? "zh" : "en", "province"})
            .c_str(),
        BM_RenderReport, language)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  // The workload at its own scale: rows and the loop only.
  const FactsScale* million = &mandate::bench::million_scale;
  benchmark::RegisterBenchmark(path_name({"BM_LoadFacts", million->name}).c_str(), BM_LoadFacts,
                               million)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  register_tables(PlanChoice::core, million, false);
  register_hand_loop(million);
  return true;
}();

}  // namespace
