// Stage 2: syntax tree → checked plan, with every issue of the file.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/export.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <memory>
#include <vector>

namespace mandate {

struct CheckResult {
  /// The checked plan; null when any diagnostic is an error.
  std::shared_ptr<const Plan> plan;
  /// Every error and warning found, in source order within each pass.
  std::vector<Diagnostic> diagnostics;
};

/// Resolves every name, types every expression and validates every statement
/// against its form (docs/language.md §4). Never throws on a bad plan.
[[nodiscard]] MANDATE_EXPORT CheckResult check(const syntax::PlanFile& file,
                                               const SourceFile& source);

/// Convenience: parse and check. Syntax errors stop before checking.
[[nodiscard]] MANDATE_EXPORT CheckResult parse_and_check(const SourceFile& source);

}  // namespace mandate
