// Fuzz target: plan text → parser → checker, and what is built on a plan
// that checks (summary, responsibility graph), plus the formatter's promise:
// the canonical text parses and formats to itself.
#include "common.hpp"

#include <mandate/check.hpp>
#include <mandate/format.hpp>
#include <mandate/graph.hpp>
#include <mandate/parse.hpp>
#include <mandate/report.hpp>
#include <mandate/source.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mandate;
  const SourceFile source("fuzz.plan", std::string(reinterpret_cast<const char*>(data), size));
  const ParseResult parsed = parse(source);
  for (const Diagnostic& diagnostic : parsed.diagnostics) (void)render(diagnostic, source);
  if (has_errors(parsed.diagnostics)) return 0;

  const std::string formatted = format(parsed.file, source);
  const SourceFile canonical("canonical.plan", formatted);
  const ParseResult reparsed = parse(canonical);
  fuzz::require(!has_errors(reparsed.diagnostics), "the formatter's output parses");
  fuzz::require(format(reparsed.file, canonical) == formatted, "the formatter is idempotent");

  const CheckResult checked = check(parsed.file, source);
  for (const Diagnostic& diagnostic : checked.diagnostics) (void)render(diagnostic, source);
  if (!checked.plan) return 0;
  (void)render_summary(*checked.plan);
  const ResponsibilityGraph graph = ResponsibilityGraph::build(*checked.plan);
  (void)graph.to_dot();
  (void)graph.matrix_markdown();
  (void)graph.idle_bodies();
  (void)graph.lead_ranking();
  (void)graph.unbound_obligations();
  return 0;
}
