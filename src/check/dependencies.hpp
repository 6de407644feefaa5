// What declarations depend on, and the cycles those dependencies form: shared
// by the checker (cycles in the plan) and the evaluation (cycles that
// parameter overrides close, parameters that read the subject).
#pragma once

#include <mandate/plan.hpp>
#include <mandate/syntax.hpp>

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace mandate::detail {

/// The symbols of `kind` that expressions mention (names and calls), in the
/// order met, repeats included.
[[nodiscard]] std::vector<Index> mentioned(const Plan& plan, const std::vector<syntax::Node>& nodes,
                                           SymbolKind kind);

/// The values a parameter has in some period: its default, then each
/// version's.
[[nodiscard]] std::vector<const std::vector<syntax::Node>*> parameter_values(
    const Parameter& parameter);

/// Walks the graph of `count` vertices whose edges `next` gives, depth first
/// from vertex 0 on, and calls `cycle(members)` for each edge that closes a
/// cycle: `members` runs from the vertex the edge returns to, in order, to
/// the one it leaves. The walk stops when `cycle` returns false.
void for_each_cycle(std::size_t count, const std::function<std::vector<Index>(Index)>& next,
                    const std::function<bool(std::span<const Index> members)>& cycle);

}  // namespace mandate::detail
