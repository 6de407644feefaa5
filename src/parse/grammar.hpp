// Declarations of the plan grammar's entry rules. The definitions live in
// grammar_def.hpp and are compiled once, in grammar.cpp.
#pragma once

#include "config.hpp"

#include <mandate/syntax.hpp>

namespace mandate::parse_detail {

/// A statement up to (not including) its block: keyword, arguments,
/// segments, citations.
struct statement_header_id;
struct expression_id;
using statement_header_type = x3::rule<statement_header_id, syntax::Statement>;
/// A single expression (exposed for tests and tools).
using expression_type = x3::rule<expression_id, syntax::Node>;

BOOST_SPIRIT_DECLARE(statement_header_type, expression_type)

[[nodiscard]] const statement_header_type& statement_header();
[[nodiscard]] const expression_type& expression();

}  // namespace mandate::parse_detail
