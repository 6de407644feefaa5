// The shape of every statement (docs/language.md §4): which arguments,
// segments and nested statements it takes. Checked before meaning, so that
// the meaning pass can rely on the shape.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/syntax.hpp>

#include <span>
#include <string_view>

namespace mandate::detail {

inline constexpr int unbounded = -1;

struct SegmentForm {
  std::string_view keyword;
  int min_arguments = 1;
  int max_arguments = 1;
  bool required = false;
};

struct NestedForm {
  std::string_view keyword;
  bool required = false;
  bool once = false;
};

struct StatementForm {
  std::string_view keyword;
  int min_arguments = 1;
  int max_arguments = 1;
  std::span<const SegmentForm> segments;
  /// Empty with `block_allowed` false: no block.
  std::span<const NestedForm> nested;
  bool block_allowed = false;
  bool block_required = false;
  /// Carries plan content: needs a citation when the plan requires them.
  bool normative = false;
};

/// The form of a top-level statement, or null when `keyword` cannot stand at
/// the top level.
[[nodiscard]] const StatementForm* top_level_form(std::string_view keyword) noexcept;
/// The form of a statement nested in a block of `parent`'s form.
[[nodiscard]] const StatementForm* nested_form(std::string_view keyword) noexcept;

/// `quote` or its alias `原文`: a segment every statement accepts.
[[nodiscard]] bool is_quote_keyword(std::string_view keyword) noexcept;

/// Checks a statement's shape against `form` and, recursively, its block.
/// Returns false when the shape is wrong (diagnostics reported).
bool check_shape(const syntax::Statement& statement, const StatementForm& form,
                 DiagnosticSink& sink);

}  // namespace mandate::detail
