// Fuzz target: evaluation of the Shangluo plan with fuzzed facts. The input
// is written like a scenario's facts (docs/scenarios.md), so the scenarios
// are seeds as they are:
//   as_of 2019-03-31          (optional; the default is 2019-03-31)
//   years 2018 2019           (optional, up to 4; the default is 2018)
//   param 后N位 = 5            (optional, repeatable)
//   explanations none         (optional; full explanations otherwise)
//   events:                   (units:, events:, titles:, measures:, published:)
//   date,event,unit,…         a CSV header and rows, up to a blank line
// Other lines are ignored. Each run evaluates on 1 thread and renders the
// report, then checks that a table evaluated by 2 threads gives the same
// report.
#include "common.hpp"

#include <mandate/date.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace mandate;

struct Input {
  EvaluationOptions options;
  std::vector<std::pair<FactKind, std::string>> blocks;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Input read_input(std::string_view text) {
  Input input;
  input.options.as_of = {2019, 3, 31};
  input.options.explanations = Explanations::full;
  std::string* block = nullptr;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const std::string_view line = trim(raw);
    if (block) {
      if (line.empty()) {
        block = nullptr;
      } else {
        block->append(raw).push_back('\n');
      }
      continue;
    }
    bool found = false;
    for (const FactKind kind : {FactKind::unit, FactKind::event, FactKind::title, FactKind::measure,
                                FactKind::published}) {
      // "unit:" or "units:", "published:", as in a scenario.
      const std::string name(fact_kind_name(kind));
      if (line == name + ":" || line == name + "s:") {
        input.blocks.emplace_back(kind, std::string());
        block = &input.blocks.back().second;
        found = true;
      }
    }
    if (found) continue;
    if (line.starts_with("as_of ")) {
      if (const auto date = parse_date(trim(line.substr(6)))) input.options.as_of = *date;
    } else if (line.starts_with("years ")) {
      std::string_view rest = line.substr(6);
      while (!rest.empty() && input.options.years.size() < 4) {
        int year = 0;
        const auto [next, error] = std::from_chars(rest.data(), rest.data() + rest.size(), year);
        if (error != std::errc()) break;
        input.options.years.push_back(year);
        rest = trim(rest.substr(static_cast<std::size_t>(next - rest.data())));
      }
    } else if (line == "explanations none") {
      input.options.explanations = Explanations::none;
    } else if (line.starts_with("param ")) {
      const std::string_view rest = line.substr(6);
      const std::size_t equals = rest.find('=');
      if (equals != std::string_view::npos)
        input.options.parameters.emplace_back(std::string(trim(rest.substr(0, equals))),
                                              std::string(trim(rest.substr(equals + 1))));
    }
  }
  // One year unless asked: the default (every year begun by as_of) would
  // double the work of most inputs for little new coverage.
  if (input.options.years.empty()) input.options.years = {2018};
  return input;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input input = read_input(std::string_view(reinterpret_cast<const char*>(data), size));
  FactStore store(fuzz::shangluo());
  for (const auto& [kind, csv] : input.blocks)
    (void)store.load_csv_text(kind, csv, "fuzz.csv", LoadPolicy::keep_good_rows);

  EvaluationOptions& options = input.options;
  options.threads = 1;
  const EvaluationResult serial = evaluate(store, options);
  if (!serial.report) return 0;
  const std::string text = render_text(*serial.report);
  // The JSON renderer is slow under the sanitizers with explanations (half
  // of all the time of a run): it runs on the reports without them.
  if (options.explanations == Explanations::none) (void)render_json(*serial.report);

  options.threads = 2;
  const TableResult table = evaluate_table(store, options);
  fuzz::require(table.table.has_value(), "the same options evaluate every time");
  // The text report shows every field of every verdict, explanations
  // included, and costs a tenth of the JSON one under the sanitizers.
  fuzz::require(render_text(table.table->report()) == text,
                "a table by 2 threads is the serial report");
  return 0;
}
