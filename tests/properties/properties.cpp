// Property tests (issue 11, "no silent wrong verdict"): random worlds
// (world.hpp) checked against metamorphic properties. A failure shrinks to a
// small world and is written as a plan and a scenario that reproduces it.
//
//   mandate_properties [--seed S] [--cases N] [--seconds T] [--out DIR]
//
// Runs cases S, S+1, … until N cases or T seconds; exits 1 on a failure.
#include "world.hpp"

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/source.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace properties {
namespace {

using mandate::EvaluationOptions;
using mandate::Explanations;
using mandate::FactKind;
using mandate::Report;
using mandate::Verdict;

/// A world's plan, checked once, and its observed facts loaded.
struct Setup {
  std::unique_ptr<mandate::SourceFile> source;
  std::shared_ptr<const mandate::Plan> plan;
};

std::optional<Setup> check_plan(const World& world, std::string& error) {
  Setup setup;
  setup.source = std::make_unique<mandate::SourceFile>("world.plan", world.plan_text());
  const mandate::CheckResult checked = mandate::parse_and_check(*setup.source);
  for (const auto& diagnostic : checked.diagnostics)
    if (diagnostic.severity == mandate::Severity::error)
      error += mandate::render(diagnostic, *setup.source);
  if (!checked.plan || !error.empty()) return std::nullopt;
  setup.plan = checked.plan;
  return setup;
}

struct Run {
  Loading loading = Loading::csv;
  unsigned threads = 1;
  Explanations explanations = Explanations::none;
};

/// The report of the world's evaluation on `rows`, or the reason there is none.
std::optional<Report> evaluate(const Setup& setup, const World& world, const std::vector<Row>& rows,
                               Run run, std::string& error) {
  const auto store = load(setup.plan, rows, run.loading, error);
  if (!store) return std::nullopt;
  EvaluationOptions options;
  options.years = world.years;
  options.as_of = world.as_of;
  options.parameters = world.parameters;
  options.threads = run.threads;
  options.explanations = run.explanations;
  mandate::EvaluationResult result = mandate::evaluate(*store, options);
  for (const auto& diagnostic : result.errors) error += diagnostic.message + "\n";
  if (!result.report) return std::nullopt;
  return std::move(*result.report);
}

std::string key_of(const Verdict& v) {
  return std::string(mandate::verdict_kind_name(v.kind)) + " " + v.rule + " " + v.subject + " " +
         v.period.label() + (v.detail.empty() ? "" : " \"" + v.detail + "\"");
}
std::string value_of(const Verdict& v) {
  return std::string(mandate::outcome_name(v.outcome)) +
         (v.days ? " days " + std::to_string(*v.days) : "");
}

/// Each verdict by its key (kind, rule, subject, period, detail, and its
/// place among verdicts alike in all of these).
std::map<std::string, const Verdict*> by_key(const Report& report) {
  std::map<std::string, const Verdict*> map;
  std::map<std::string, int> seen;
  for (const Verdict& v : report.verdicts) {
    std::string key = key_of(v);
    if (const int n = seen[key]++; n > 0) key += " #" + std::to_string(n);
    map.emplace(std::move(key), &v);
  }
  return map;
}

Report stripped(Report report) {
  for (Verdict& v : report.verdicts) v.explanation = {};
  return report;
}

/// What a failing property leaves behind: the facts and run that show it,
/// and the verdicts a correct engine would give there.
struct Failure {
  std::string property;
  std::string what;
  std::vector<Row> rows;
  unsigned threads = 1;
  std::vector<Verdict> expected;
  /// The world could not be evaluated at all (a fact rejected): while
  /// shrinking, a sign that too much was dropped, not the failure sought.
  bool broken = false;
};

Failure broken(std::string property, const std::string& error, std::vector<Row> rows) {
  return {std::move(property), "evaluation failed: " + error, std::move(rows), 1, {}, true};
}

using Property = std::function<std::optional<Failure>(const Setup&, const World&)>;

/// Verdicts of `found` that differ from `reference` where `differs` says so.
std::vector<Verdict> differences(
    const Report& reference, const Report& found,
    const std::function<bool(const Verdict& ref, const Verdict* now)>& differs) {
  std::vector<Verdict> out;
  const auto now = by_key(found);
  for (const auto& [key, verdict] : by_key(reference)) {
    const auto it = now.find(key);
    if (differs(*verdict, it == now.end() ? nullptr : it->second)) out.push_back(*verdict);
  }
  return out;
}

std::string list(const std::vector<Verdict>& verdicts, const Report* found) {
  std::string out;
  const auto now = found ? by_key(*found) : std::map<std::string, const Verdict*>{};
  for (std::size_t i = 0; i < verdicts.size() && i < 5; ++i) {
    const auto it = now.find(key_of(verdicts[i]));
    out += "    " + key_of(verdicts[i]) + ": expected " + value_of(verdicts[i]) +
           (found ? ", found " + (it == now.end() ? std::string("nothing") : value_of(*it->second))
                  : "") +
           "\n";
  }
  return out;
}

/// The same report from the same facts, however they come: a property that
/// changes only how the facts are given or what no verdict may read.
Property same_report(std::string name, std::function<std::vector<Row>(const World&)> rows_of,
                     Run run, std::function<bool(const Verdict&)> compared = {}) {
  return [=](const Setup& setup, const World& world) -> std::optional<Failure> {
    std::string error;
    const auto reference = evaluate(setup, world, world.observed, {}, error);
    const std::vector<Row> rows = rows_of(world);
    const auto other = evaluate(setup, world, rows, run, error);
    if (!reference || !other) return broken(name, error, rows);
    auto diffs = differences(*reference, *other, [&](const Verdict& ref, const Verdict* now) {
      if (compared && !compared(ref)) return false;
      return !now || value_of(ref) != value_of(*now) || ref.missing != now->missing;
    });
    if (diffs.empty() && !compared &&
        mandate::render_json(stripped(*other)) != mandate::render_json(*reference))
      return Failure{name, "the reports differ (not in outcomes)", rows, run.threads, {}};
    if (diffs.empty()) return std::nullopt;
    return Failure{name, "verdicts differ:\n" + list(diffs, &*other), rows, run.threads,
                   std::move(diffs)};
  };
}

/// Verdicts from partial data are unknown or right: each definite verdict on
/// what is observed is the verdict on the whole truth.
std::optional<Failure> sound(const Setup& setup, const World& world) {
  std::string error;
  const auto truth = evaluate(setup, world, world.truth, {}, error);
  const auto observed = evaluate(setup, world, world.observed, {}, error);
  if (!truth || !observed) return broken("sound", error, world.observed);
  // Each definite verdict on the observed facts against the truth's.
  auto diffs = differences(*observed, *truth, [&](const Verdict& seen, const Verdict* true_one) {
    return seen.outcome != mandate::Outcome::unknown &&
           (!true_one || value_of(seen) != value_of(*true_one));
  });
  if (diffs.empty()) return std::nullopt;
  // The scenario expects what the truth says, from the observed facts.
  std::vector<Verdict> expected;
  const auto truth_map = by_key(*truth);
  for (const Verdict& v : diffs)
    if (const auto it = truth_map.find(key_of(v)); it != truth_map.end())
      expected.push_back(*it->second);
  return Failure{"sound",
                 "a definite verdict from partial facts differs from the truth:\n" +
                     list(expected, &*observed),
                 world.observed, 1, std::move(expected)};
}

/// Without one open-world fact, a verdict stays or becomes unknown: never
/// unknown to definite, never one definite outcome to another.
std::optional<Failure> monotone(const Setup& setup, const World& world) {
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < world.observed.size(); ++i)
    if (world.observed[i].open_world()) open.push_back(i);
  if (open.empty()) return std::nullopt;
  std::vector<Row> fewer = world.observed;
  fewer.erase(fewer.begin() + static_cast<long>(open[world.seed % open.size()]));
  std::string error;
  const auto before = evaluate(setup, world, world.observed, {}, error);
  const auto after = evaluate(setup, world, fewer, {}, error);
  if (!before || !after) return broken("monotone", error, fewer);
  auto diffs = differences(*before, *after, [](const Verdict& was, const Verdict* now) {
    if (!now) return true;
    if (now->outcome == mandate::Outcome::unknown) return false;
    return was.outcome == mandate::Outcome::unknown || value_of(was) != value_of(*now);
  });
  if (diffs.empty()) return std::nullopt;
  return Failure{"monotone",
                 "removing a measure or published figure changed a verdict other than to "
                 "unknown:\n" +
                     list(diffs, &*after),
                 fewer, 1, std::move(diffs)};
}

/// One thread and several give the same report, byte for byte, trees included.
std::optional<Failure> threads(const Setup& setup, const World& world) {
  std::string error;
  const auto one =
      evaluate(setup, world, world.observed, {Loading::csv, 1, Explanations::full}, error);
  for (const unsigned n : {2u, 3u}) {
    const auto many =
        evaluate(setup, world, world.observed, {Loading::csv, n, Explanations::full}, error);
    if (!one || !many) return broken("threads", error, world.observed);
    if (mandate::render_json(*one) != mandate::render_json(*many))
      return Failure{"threads",
                     "the report on " + std::to_string(n) + " threads differs from one thread's",
                     world.observed, n, one->verdicts};
  }
  return std::nullopt;
}

/// Explanations change no outcome: the report without trees is the report
/// with them, trees removed.
std::optional<Failure> explanations(const Setup& setup, const World& world) {
  std::string error;
  const auto full =
      evaluate(setup, world, world.observed, {Loading::csv, 1, Explanations::full}, error);
  const auto none = evaluate(setup, world, world.observed, {}, error);
  if (!full || !none) return broken("explanations", error, world.observed);
  if (mandate::render_json(stripped(*full)) == mandate::render_json(*none)) return std::nullopt;
  return Failure{"explanations", "the report without explanations differs from the one with",
                 world.observed, 1, full->verdicts};
}

/// A delivery answers one period at most: over every year of the plan, a
/// stage's periods met or late are no more than the deliveries made.
std::optional<Failure> once(const Setup& setup, const World& world) {
  World every_year = world;
  every_year.years = {2018, 2019, 2020};
  std::string error;
  const auto report = evaluate(setup, every_year, world.observed, {}, error);
  if (!report) return broken("once", error, world.observed);
  std::map<std::pair<std::string, std::string>, int> answered;  // (stage, subject)
  for (const Verdict& v : report->verdicts)
    if (v.kind == mandate::VerdictKind::deadline &&
        (v.outcome == mandate::Outcome::met || v.outcome == mandate::Outcome::late))
      ++answered[{v.rule, v.subject}];
  const mandate::DayNumber as_of = mandate::to_day_number(world.as_of);
  for (const auto& [stage_subject, count] : answered) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const auto& stage = stage_subject.first;
    const auto& subject = stage_subject.second;
    const auto statement =
        std::find_if(world.statements.begin(), world.statements.end(),
                     [&](const std::string& s) { return s.starts_with("stage " + stage + " "); });
    if (statement == world.statements.end() || statement->find("at_least") != std::string::npos)
      continue;  // a count of deliveries per period counts each in its own period
    const std::string event =
        statement->find("deliver 方案") != std::string::npos ? "方案" : "巡查";
    int deliveries = 0;
    for (const Row& row : world.observed)
      if (row.kind == FactKind::event && row.cells[1] == event && row.cells[2] == subject &&
          mandate::to_day_number(*mandate::parse_date(row.cells[0])) <= as_of)
        ++deliveries;
    if (count > deliveries)
      return Failure{"once",
                     stage + " · " + subject + ": " + std::to_string(count) +
                         " periods answered by " + std::to_string(deliveries) + " deliveries",
                     world.observed,
                     1,
                     {}};
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, Property>> all_properties() {
  std::vector<std::pair<std::string, Property>> properties;
  properties.emplace_back("sound", sound);
  properties.emplace_back("monotone", monotone);
  properties.emplace_back("once", once);
  properties.emplace_back("order", same_report("order",
                                               [](const World& world) {
                                                 std::vector<Row> rows = world.observed;
                                                 Random random(world.seed ^ 0x5eed);
                                                 for (std::size_t i = rows.size(); i > 1; --i)
                                                   std::swap(rows[i - 1], rows[random.next() % i]);
                                                 return rows;
                                               },
                                               {}));
  properties.emplace_back("split",
                          same_report("split", [](const World& world) { return world.observed; },
                                      {Loading::split_csv, 1, Explanations::none}));
  properties.emplace_back("host",
                          same_report("host", [](const World& world) { return world.observed; },
                                      {Loading::host, 1, Explanations::none}));
  properties.emplace_back("future", same_report("future",
                                                [](const World& world) {
                                                  Random random(world.seed ^ 0xf00d);
                                                  std::vector<Row> rows = world.observed;
                                                  for (Row& row : future_rows(world, random))
                                                    rows.push_back(std::move(row));
                                                  return rows;
                                                },
                                                {}));
  properties.emplace_back(
      "irrelevant", same_report(
                        "irrelevant",
                        [](const World& world) {
                          Random random(world.seed ^ 0xbeef);
                          std::vector<Row> rows = irrelevant_rows(random);
                          rows.insert(rows.end(), world.observed.begin(), world.observed.end());
                          return rows;
                        },
                        {}, [](const Verdict& v) { return v.subject != irrelevant_unit; }));
  properties.emplace_back("threads", threads);
  properties.emplace_back("explanations", explanations);
  return properties;
}

/// The first property the world fails, if any.
std::optional<Failure> first_failure(const World& world,
                                     const std::vector<std::pair<std::string, Property>>& props,
                                     const std::string& only = "") {
  std::string error;
  const auto setup = check_plan(world, error);
  if (!setup) return Failure{"plan", "the generated plan does not check:\n" + error, {}, 1, {}};
  for (const auto& [name, property] : props) {
    if (!only.empty() && name != only) continue;
    if (auto failure = property(*setup, world)) return failure;
  }
  return std::nullopt;
}

/// Drops statements and fact rows while the same property still fails:
/// chunks first, then one at a time (closed-world rows leave the truth too).
World shrink(World world, const std::string& property,
             const std::vector<std::pair<std::string, Property>>& props) {
  const auto fails = [&](const World& candidate) {
    const auto failure = first_failure(candidate, props, property);
    return failure && failure->property == property && !failure->broken;
  };
  const auto without_rows = [](const World& w, std::size_t from, std::size_t count) {
    World smaller = w;
    for (std::size_t i = from; i < from + count && i < w.observed.size(); ++i) {
      const Row& row = w.observed[i];
      if (!row.open_world()) std::erase(smaller.truth, row);  // closed world: the same in both
    }
    const auto begin = smaller.observed.begin() + static_cast<long>(from);
    smaller.observed.erase(begin,
                           begin + static_cast<long>(std::min(count, w.observed.size() - from)));
    return smaller;
  };
  bool progress = true;
  while (progress) {
    progress = false;
    for (std::size_t i = 0; i < world.statements.size(); ++i) {
      World smaller = world;
      smaller.statements.erase(smaller.statements.begin() + static_cast<long>(i));
      if (fails(smaller)) {
        world = std::move(smaller);
        progress = true;
        --i;
      }
    }
    for (std::size_t chunk = std::max<std::size_t>(1, world.observed.size() / 2); chunk >= 1;
         chunk /= 2) {
      for (std::size_t from = 0; from < world.observed.size();) {
        World smaller = without_rows(world, from, chunk);
        if (fails(smaller)) {
          world = std::move(smaller);
          progress = true;
        } else {
          from += chunk;
        }
      }
      if (chunk == 1) break;
    }
  }
  return world;
}

std::string quote_if_needed(const std::string& word) {
  return word.find(' ') == std::string::npos && !word.empty() ? word : "\"" + word + "\"";
}

/// Writes the world's plan and a scenario that shows the failure; returns the
/// scenario's path, or a sentence saying why it could not be written.
std::string write_scenario(const World& world, const Failure& failure, const std::string& dir) {
  const std::string stem = dir + "/property-" + failure.property + "-" + std::to_string(world.seed);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::ofstream plan(stem + ".plan", std::ios::binary);
  plan << world.plan_text();
  std::ofstream out(stem + ".scenario", std::ios::binary);
  if (!plan || !out) return "(not written: cannot write " + stem + ".plan and .scenario)";
  out << "# Found by mandate_properties (property '" << failure.property << "', seed " << world.seed
      << "), shrunk.\n";
  for (std::size_t start = 0, end; start < failure.what.size(); start = end + 1) {
    end = failure.what.find('\n', start);
    if (end == std::string::npos) end = failure.what.size();
    out << "# " << failure.what.substr(start, end - start) << "\n";
  }
  out << "scenario property-" << failure.property << "-" << world.seed << "\n";
  const std::string plan_file = stem.substr(stem.find_last_of('/') + 1) + ".plan";
  out << "plan " << plan_file << "\nyears";
  for (const int year : world.years) out << " " << year;
  out << "\nas_of " << mandate::to_string(world.as_of) << "\n";
  for (const auto& [name, value] : world.parameters)
    out << "param " << name << " = " << value << "\n";
  if (failure.threads > 1) out << "threads " << failure.threads << "\n";
  for (const FactKind kind :
       {FactKind::unit, FactKind::event, FactKind::title, FactKind::measure, FactKind::published}) {
    if (std::none_of(failure.rows.begin(), failure.rows.end(),
                     [&](const Row& row) { return row.kind == kind; }))
      continue;
    out << "\n" << mandate::fact_kind_name(kind) << "s:\n" << csv(failure.rows, kind);
  }
  out << "\n";
  for (const Verdict& v : failure.expected) {
    if (v.subject == "—") continue;
    out << "expect " << mandate::verdict_kind_name(v.kind) << " " << quote_if_needed(v.rule) << " "
        << quote_if_needed(v.subject) << " " << v.period.label() << " "
        << mandate::outcome_name(v.outcome);
    if (v.days) out << " days " << *v.days;
    out << " detail "
        << "\"" << v.detail << "\"\n";
  }
  out.flush();
  if (!out) return "(not written: cannot write " + stem + ".scenario)";
  return stem + ".scenario";
}

}  // namespace
}  // namespace properties

int main(int argc, char** argv) {
  using namespace properties;
  std::uint64_t seed = 1;
  std::uint64_t cases = 1000;
  double seconds = 0;  // no limit
  std::string out = ".";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    const std::string value = argv[i + 1];
    if (option == "--seed")
      seed = std::stoull(value);
    else if (option == "--cases")
      cases = std::stoull(value);
    else if (option == "--seconds")
      seconds = std::stod(value);
    else if (option == "--out")
      out = value;
    else {
      std::cerr << "usage: mandate_properties [--seed S] [--cases N] [--seconds T] [--out DIR]\n";
      return 2;
    }
  }
  const auto properties = all_properties();
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t run = 0;
  std::size_t verdicts = 0;
  for (; run < cases; ++run) {
    if (seconds > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds)
      break;
    const World world = generate(seed + run);
    const auto failure = first_failure(world, properties);
    if (!failure) {
      verdicts += world.statements.size();
      continue;
    }
    std::cerr << "seed " << world.seed << ": property '" << failure->property
              << "' fails: " << failure->what << "\n";
    if (failure->property == "plan") {
      std::cerr << world.plan_text() << "\n";
      return 1;
    }
    const World small = shrink(world, failure->property, properties);
    const auto shrunk = first_failure(small, properties, failure->property);
    const std::string path = write_scenario(small, shrunk ? *shrunk : *failure, out);
    std::cerr << "shrunk to " << small.statements.size() << " statements and "
              << small.observed.size() << " fact rows: " << path << "\n";
    return 1;
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "mandate_properties: %llu cases from seed %llu, %zu properties each, %zu rules and "
      "stages, 0 failures, %.1f s\n",
      static_cast<unsigned long long>(run), static_cast<unsigned long long>(seed),
      properties.size(), verdicts, elapsed);
  return 0;
}
