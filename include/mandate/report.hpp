// Renderers of a checked plan for people.
#pragma once

#include <mandate/export.hpp>
#include <mandate/plan.hpp>

#include <string>

namespace mandate {

/// A readable overview of a checked plan: metadata, bodies by kind,
/// programmes with their lead bodies, stages in the order of the year,
/// sanctions with their consequences, quota tables with totals, parameters.
[[nodiscard]] MANDATE_EXPORT std::string render_summary(const Plan& plan);

/// The readings register (解读清单): every `reading` of the plan — the words
/// of the original it interprets, the reading taken (a parameter's default,
/// or a choice fixed in the rules), the alternatives and why — then the
/// parameters that no reading explains.
[[nodiscard]] MANDATE_EXPORT std::string render_readings(const Plan& plan);

}  // namespace mandate
