// mandate as a peer of the rule-engine benchmark (benchmarks/peers/README.md):
// reads the workload's units.tsv, hands it to a FactStore through the public
// host calls, evaluates peers.plan in one evaluation over every unit, and
// writes the peers' result lines:
//   A <id> <rank|cc|province>            one per sanction that applies
//   B <id> <on_time|late|missing> <days>  one per unit
// and `TIMING load=… prep=- eval=… out=…` (wall seconds) on standard output,
// followed by the same three in CPU seconds (cpu_load=… cpu_eval=… cpu_out=…).
//
// usage: mandate_peers PLAN units.tsv out.txt [THREADS]
#include "process_memory.hpp"

#include <mandate/check.hpp>
#include <mandate/date.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/source.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// This process's CPU seconds: on a busy machine, wall time says little.
double cpu() {
  timespec time{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_nsec) * 1e-9;
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The fields of one line of units.tsv: id, kind, region, three
/// indicators, submitted, notices (`day:issuer;…`).
using Fields = std::array<std::string_view, 8>;

Fields fields_of(std::string_view line, std::size_t number) {
  Fields fields;
  std::size_t count = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = line.find('\t', start);
    if (count < fields.size())
      fields[count] = line.substr(start, end == std::string_view::npos ? end : end - start);
    ++count;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (count != fields.size()) {
    std::fprintf(stderr, "units.tsv:%zu: expected 8 columns, found %zu\n", number, count);
    std::exit(2);
  }
  return fields;
}

template <typename T>
T number(std::string_view text, const char* what, std::size_t line) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    std::fprintf(stderr, "units.tsv:%zu: bad %s '%.*s'\n", line, what,
                 static_cast<int>(text.size()), text.data());
    std::exit(2);
  }
  return value;
}

/// The process's resident and peak memory, when MANDATE_PEERS_MEMORY is set.
void show_memory(const char* when) {
  if (!std::getenv("MANDATE_PEERS_MEMORY")) return;
  std::fprintf(stderr, "%s: VmRSS %.0f MiB, VmHWM %.0f MiB\n", when,
               mandate::bench::status_mib("VmRSS"), mandate::bench::status_mib("VmHWM"));
}

bool report_load(const mandate::LoadReport& report, const char* what) {
  for (const mandate::RejectedRow& row : report.rejected)
    std::fprintf(stderr, "%s: %s:%u:%u: %s\n", what, row.file.c_str(), row.line, row.column,
                 row.message.c_str());
  return report.ok();
}

std::string region_name(int region) {
  std::string name = "R";
  name += std::to_string(region);
  return name;
}

/// Gives units.tsv to the store through the host calls, a slice of lines at
/// a time: the inputs of a million units at once would take more memory
/// than the facts they become. Units first (measures and events name them).
class Loader {
 public:
  Loader(mandate::FactStore& facts, std::string_view text) : facts_(facts) {
    std::size_t start = 0;
    std::size_t number = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++number;
      if (end > start && text[start] != '#')
        lines_.push_back({text.substr(start, end - start), number});
      start = end + 1;
    }
  }

  bool load() {
    // The regions, each once, before the units within them.
    std::vector<int> regions;
    for (const Line& line : lines_)
      regions.push_back(number<int>(fields_of(line.text, line.number)[2], "region", line.number));
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    std::vector<mandate::UnitInput> inputs;
    for (const int region : regions) {
      region_names_.emplace(region, region_name(region));
      inputs.push_back(unit(region_names_[region], "区域", "本省"));
    }
    if (!report_load(facts_.add_units(inputs, "units.tsv"), "regions")) return false;
    return each_slice([&](std::span<const Line> slice) { return add_units(slice); }) &&
           each_slice([&](std::span<const Line> slice) { return add_measures(slice); }) &&
           each_slice([&](std::span<const Line> slice) { return add_events(slice); });
  }

 private:
  struct Line {
    std::string_view text;
    std::size_t number;
  };
  static constexpr std::size_t slice_lines = 1 << 18;

  template <typename Add>
  bool each_slice(Add add) {
    for (std::size_t first = 0; first < lines_.size(); first += slice_lines)
      if (!add(std::span<const Line>(lines_).subspan(first,
                                                     std::min(slice_lines, lines_.size() - first))))
        return false;
    return true;
  }

  // Field by field: the inputs have more members than the workload fills.
  static mandate::UnitInput unit(std::string_view name, std::string_view kind,
                                 std::string_view parent) {
    mandate::UnitInput input;
    input.name = name;
    input.kind = kind;
    input.parent = parent;
    return input;
  }
  static mandate::EventInput event(int day, std::string_view kind, std::string_view subject) {
    mandate::EventInput input;
    input.date = mandate::to_date(day);
    input.event = kind;
    input.unit = subject;
    return input;
  }

  bool add_units(std::span<const Line> slice) {
    std::vector<mandate::UnitInput> inputs;
    inputs.reserve(slice.size());
    for (const Line& line : slice) {
      const Fields fields = fields_of(line.text, line.number);
      // The unit's name is its id.
      inputs.push_back(
          unit(fields[0], "单位", region_names_.at(number<int>(fields[2], "region", line.number))));
    }
    return report_load(facts_.add_units(inputs, "units.tsv"), "units");
  }

  // A column per metric, the units named by id: a name looked up once per
  // unit, not once per measure.
  bool add_measures(std::span<const Line> slice) {
    static constexpr const char* metrics[] = {"知晓率", "参与率", "满意度", "编号"};
    std::vector<std::string_view> names;
    std::array<std::vector<double>, 4> values;
    names.reserve(slice.size());
    for (std::vector<double>& column : values) column.reserve(slice.size());
    for (const Line& line : slice) {
      const Fields fields = fields_of(line.text, line.number);
      names.push_back(fields[0]);
      for (std::size_t k = 0; k < 3; ++k)
        values[k].push_back(number<double>(fields[3 + k], "indicator", line.number));
      values[3].push_back(number<double>(fields[0], "id", line.number));
    }
    std::vector<mandate::NameId> subjects(names.size());
    facts_.resolve_units(names, subjects);
    for (std::size_t k = 0; k < values.size(); ++k) {
      mandate::MeasureColumn column;
      column.metric = metrics[k];
      column.year = 2018;
      column.subjects = subjects;
      column.values = values[k];
      if (!report_load(facts_.add_measure_column(column, "units.tsv"), "measures")) return false;
    }
    return true;
  }

  bool add_events(std::span<const Line> slice) {
    std::vector<mandate::EventInput> inputs;
    std::deque<std::string> notice_ids;  // the inputs' views point into it: it must not move
    for (const Line& line : slice) {
      const Fields fields = fields_of(line.text, line.number);
      const std::string_view id = fields[0];
      if (!fields[6].empty())
        inputs.push_back(event(number<int>(fields[6], "submitted", line.number), "实施方案", id));
      int sequence = 0;
      for (std::string_view rest = fields[7]; !rest.empty();) {
        const std::size_t semicolon = rest.find(';');
        const std::string_view notice = rest.substr(0, semicolon);
        rest =
            semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
        const std::size_t colon = notice.find(':');
        mandate::EventInput input =
            event(number<int>(notice.substr(0, colon), "notice day", line.number), "通报", id);
        input.by = notice.substr(colon + 1) == "province" ? "省政府" : "市委";
        // Two notices alike in every field are two notices: each has its id.
        std::string notice_id(id);
        notice_id += '-';
        notice_id += std::to_string(sequence++);
        notice_ids.push_back(std::move(notice_id));
        input.id = notice_ids.back();
        inputs.push_back(input);
      }
    }
    return report_load(facts_.add_events(inputs, "units.tsv"), "events");
  }

  mandate::FactStore& facts_;
  std::vector<Line> lines_;
  std::unordered_map<int, std::string> region_names_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr, "usage: mandate_peers PLAN units.tsv out.txt [THREADS]\n");
    return 2;
  }
  const double t0 = now();
  const double c0 = cpu();
  const mandate::SourceFile source(argv[1], read_file(argv[1]));
  const mandate::CheckResult checked = mandate::parse_and_check(source);
  for (const mandate::Diagnostic& diagnostic : checked.diagnostics)
    std::fprintf(stderr, "%s", mandate::render(diagnostic, source).c_str());
  if (!checked.plan) return 1;
  mandate::FactStore facts(checked.plan);
  {
    const std::string text = read_file(argv[2]);
    if (!Loader(facts, text).load()) return 1;
  }
  if (std::getenv("MANDATE_PEERS_MEMORY"))
    std::fprintf(stderr, "facts: %.1f MiB\n", static_cast<double>(facts.memory_bytes()) / 1048576);
  show_memory("loaded");
  const double t1 = now();
  const double c1 = cpu();

  mandate::EvaluationOptions options;
  options.years = {2018};
  options.as_of = {2018, 12, 31};
  options.explanations = mandate::Explanations::none;
  options.threads = argc == 5 ? static_cast<unsigned>(std::atoi(argv[4])) : 1;
  const mandate::TableResult result = mandate::evaluate_table(facts, options);
  if (!result.table) {
    for (const mandate::Diagnostic& error : result.errors)
      std::fprintf(stderr, "%s\n", error.message.c_str());
    return 1;
  }
  const double t2 = now();
  const double c2 = cpu();
  show_memory("evaluated");

  const mandate::VerdictTable& table = *result.table;
  const auto rule = [&](std::string_view name) {
    const std::optional<std::uint32_t> found = table.find_rule(name);
    if (!found) {
      std::fprintf(stderr, "the plan has no rule %.*s\n", static_cast<int>(name.size()),
                   name.data());
      std::exit(1);
    }
    return *found;
  };
  const std::uint32_t rank = rule("区域末位");
  const std::uint32_t cc = rule("市委两次通报");
  const std::uint32_t province = rule("省级通报");
  const std::uint32_t filing = rule("报送方案");
  std::FILE* out = std::fopen(argv[3], "w");
  if (!out) {
    std::perror(argv[3]);
    return 2;
  }
  int unexpected = 0;
  const auto show = [&](const mandate::VerdictRow& row) {
    if (++unexpected > 5) return;
    const mandate::Verdict verdict = table.verdict(row);
    std::fprintf(stderr, "unexpected: %s %s: %s", verdict.rule.c_str(), verdict.subject.c_str(),
                 std::string(mandate::outcome_name(verdict.outcome)).c_str());
    for (const std::string& missing : verdict.missing)
      std::fprintf(stderr, " (missing %s)", missing.c_str());
    std::fprintf(stderr, "\n");
  };
  for (const mandate::VerdictRow& row : table.rows()) {
    const std::string_view id = table.subject_name(row);
    const int width = static_cast<int>(id.size());
    if (row.rule == filing) {
      const char* status = row.outcome == mandate::Outcome::met      ? "on_time"
                           : row.outcome == mandate::Outcome::late   ? "late"
                           : row.outcome == mandate::Outcome::missed ? "missing"
                                                                     : nullptr;
      if (!status) {
        show(row);
        continue;
      }
      std::fprintf(out, "B %.*s %s %d\n", width, id.data(), status,
                   row.outcome == mandate::Outcome::late ? row.days : 0);
    } else if (row.outcome == mandate::Outcome::applies) {
      const char* branch = row.rule == rank ? "rank" : row.rule == cc ? "cc" : "province";
      if (row.rule != rank && row.rule != cc && row.rule != province) show(row);
      std::fprintf(out, "A %.*s %s\n", width, id.data(), branch);
    } else if (row.outcome != mandate::Outcome::does_not_apply) {
      show(row);  // unknown: a fact the workload always gives is missing
    }
  }
  std::fclose(out);
  const double t3 = now();
  const double c3 = cpu();
  if (unexpected) {
    std::fprintf(stderr, "%d verdicts with an unexpected outcome\n", unexpected);
    return 1;
  }
  std::printf(
      "TIMING load=%.4f prep=- eval=%.4f out=%.4f cpu_load=%.4f cpu_eval=%.4f cpu_out=%.4f\n",
      t1 - t0, t2 - t1, t3 - t2, c1 - c0, c2 - c1, c3 - c2);
  return 0;
}
