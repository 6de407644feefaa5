// Evaluations at the same time: several host threads evaluate one plan and
// one fact store at once, each with its own worker threads, and read the
// same VerdictTable. Every result must equal the serial one. Run under
// ThreadSanitizer by scripts/tsan (docs/reliability.md), this is the test
// that would show a data race between evaluations.
#include <mandate/check.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/graph.hpp>
#include <mandate/source.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::string shangluo_dir = MANDATE_SOURCE_DIR "/examples/shangluo-2018";

std::shared_ptr<const mandate::Plan> shangluo_plan() {
  std::ifstream in(shangluo_dir + "/shangluo.plan", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const mandate::SourceFile source("shangluo.plan", text.str());
  const mandate::CheckResult checked = mandate::parse_and_check(source);
  REQUIRE(checked.plan);
  return checked.plan;
}

mandate::EvaluationOptions options_for(mandate::Explanations explanations, unsigned threads) {
  mandate::EvaluationOptions options;
  options.years = {2018};
  options.as_of = {2019, 3, 31};
  options.explanations = explanations;
  options.threads = threads;
  return options;
}

std::string report_json(const mandate::FactStore& facts, mandate::Explanations explanations,
                        unsigned threads) {
  const mandate::EvaluationResult result =
      mandate::evaluate(facts, options_for(explanations, threads));
  return result.report ? mandate::render_json(*result.report) : std::string("no report");
}

}  // namespace

TEST_CASE("concurrent: host threads evaluate one plan and one store at once") {
  const auto plan = shangluo_plan();
  mandate::FactStore facts(plan);
  const mandate::LoadReport loaded =
      mandate::load_fact_path(facts, shangluo_dir + "/facts", mandate::LoadPolicy::all_or_nothing);
  REQUIRE(loaded.ok());

  using mandate::Explanations;
  const std::string full = report_json(facts, Explanations::full, 1);
  const std::string bare = report_json(facts, Explanations::none, 1);
  REQUIRE(full.find("\"verdicts\"") != std::string::npos);
  const auto table = mandate::evaluate_table(facts, options_for(Explanations::full, 2));
  REQUIRE(table.table);

  // Each host thread: evaluations with 1 and 2 workers, with and without
  // explanations, a table, reads of the shared table, and graph queries.
  const auto graph = mandate::ResponsibilityGraph::build(*plan, &facts);
  const std::string dot = graph.to_dot();
  constexpr int hosts = 4;
  std::vector<std::vector<std::string>> seen(hosts);
  std::vector<std::thread> threads;
  for (int h = 0; h < hosts; ++h) {
    threads.emplace_back([&, h] {
      std::vector<std::string>& out = seen[static_cast<std::size_t>(h)];
      out.push_back(report_json(facts, Explanations::full, h % 2 == 0 ? 1 : 2));
      out.push_back(report_json(facts, Explanations::none, h % 2 == 0 ? 2 : 1));
      const auto own = mandate::evaluate_table(facts, options_for(Explanations::none, 2));
      out.push_back(own.table ? mandate::render_json(own.table->report()) : "no table");
      out.push_back(mandate::render_json(table.table->report()));
      out.push_back(graph.to_dot());
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int h = 0; h < hosts; ++h) {
    INFO("host thread ", h);
    const std::vector<std::string>& out = seen[static_cast<std::size_t>(h)];
    REQUIRE(out.size() == 5);
    CHECK(out[0] == full);
    CHECK(out[1] == bare);
    CHECK(out[2] == bare);
    CHECK(out[3] == full);
    CHECK(out[4] == dot);
  }
}
