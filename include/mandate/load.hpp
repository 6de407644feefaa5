// Loading a plan from a file in one call: read (within the limits), parse,
// check. For hosts; the stages stay callable one by one (parse.hpp, check.hpp).
#pragma once

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/export.hpp>
#include <mandate/parse.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mandate {

struct PlanLoad {
  /// The text as read, for render(diagnostic, *source) and report_origin;
  /// null when the file could not be read.
  std::shared_ptr<const SourceFile> source;
  /// The checked plan; null when the file could not be read or any
  /// diagnostic is an error.
  std::shared_ptr<const Plan> plan;
  /// An unreadable file gives one diagnostic, M0020 (M0003 for a file over
  /// ParseLimits::max_source_bytes), at line 0; otherwise every diagnostic of
  /// parsing and checking.
  std::vector<Diagnostic> diagnostics;
};

/// Reads, parses and checks the plan at `path`, within the default
/// ParseLimits. Never throws on a bad or missing file: the diagnostics say
/// what is wrong (docs/embedding.md).
[[nodiscard]] MANDATE_EXPORT PlanLoad load_plan(const std::string& path);
/// The same for a plan held in memory, `name` naming it in diagnostics.
[[nodiscard]] MANDATE_EXPORT PlanLoad load_plan_text(std::string text, std::string name);

}  // namespace mandate
