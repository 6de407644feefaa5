// Renderer: syntax tree → canonical plan text.
#pragma once

#include <mandate/export.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <string>

namespace mandate {

/// The canonical form of a parsed plan: one statement per line, two-space
/// indentation, canonical spelling of operators and literals, comments kept
/// where they were. Idempotent: format(parse(format(x))) == format(x).
/// `source` must be the text `file` was parsed from (comments and blank
/// lines are placed by their positions in it).
[[nodiscard]] MANDATE_EXPORT std::string format(const syntax::PlanFile& file,
                                                const SourceFile& source);

/// The canonical text of one expression (`end of month 11`, `09-11..09-30`).
[[nodiscard]] MANDATE_EXPORT std::string format_expression(const syntax::Node& node);

}  // namespace mandate
