// Stage 1: text → syntax tree.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/export.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <vector>

namespace mandate {

/// Limits that keep hostile input from exhausting the stack or the screen.
struct ParseLimits {
  std::uint32_t max_nesting = 64;  // (, [, { levels
  std::uint32_t max_line_characters = 10'000;
  std::uint32_t max_expression_depth = 256;  // operators nested in one expression
  /// The largest plan text (docs/reliability.md, "Limits"); byte offsets
  /// are 32-bit, and the checker's time and memory grow with the text.
  std::uint64_t max_source_bytes = 256ull << 20;
};

struct ParseResult {
  syntax::PlanFile file;
  /// Every syntax error of the file (the parser resynchronises at the next
  /// statement keyword); empty when the text is well-formed.
  std::vector<Diagnostic> diagnostics;
};

/// Parses a plan. Never throws on bad input: every problem is a diagnostic.
[[nodiscard]] MANDATE_EXPORT ParseResult parse(const SourceFile& source,
                                               const ParseLimits& limits = {});

/// Parses a comma-separated list of expressions, such as a parameter value
/// given on the command line (`06-30, 12-31`, `rolling(365 days)`).
struct ValuesParseResult {
  std::vector<syntax::Node> values;
  std::vector<Diagnostic> diagnostics;
};
[[nodiscard]] MANDATE_EXPORT ValuesParseResult parse_values(const SourceFile& source);

/// Reserved words of the language (docs/language.md §7).
[[nodiscard]] MANDATE_EXPORT bool is_statement_keyword(std::string_view word) noexcept;
[[nodiscard]] MANDATE_EXPORT bool is_segment_keyword(std::string_view word) noexcept;
[[nodiscard]] MANDATE_EXPORT bool is_reserved_word(std::string_view word) noexcept;

}  // namespace mandate
