// The original beside every rule: a plan's quotes checked against the
// source text it names (`source "FILE.txt"`), the coverage of that text by
// the rules, and the review page (docs/language.md §4 "Quotes",
// docs/cli.md `review`, decision 0044).
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/export.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mandate {

/// One sentence of the original: the text between two of 。；！？ or line
/// breaks, terminator included, white space at its ends left out.
struct ReviewSentence {
  std::size_t paragraph = 0;  // index of its paragraph (a non-blank line)
  std::uint32_t line = 0;     // 1-based line in the original
  std::string text;
  /// Marked `not_executable` in the plan: not counted by the coverage.
  bool executable = true;
  /// Indexes into Review::rules of the rules that quote it.
  std::vector<std::size_t> rules;
};

struct ReviewQuote {
  std::string text;
  Span span{};                  // the string in the plan file
  std::size_t occurrences = 0;  // in the original; 0: not found (M0025)
};

/// A normative top-level statement of the plan (programme, stage, target,
/// goal, consequence, sanction, award, quota, score; parameters only when
/// they quote) and what it quotes, its nested statements' quotes included.
struct ReviewRule {
  std::string keyword;    // stage
  std::string name;       // 县区方案备案
  std::string citations;  // "[B3a 三(一)3]"
  Span span{};            // the whole statement in the plan file
  std::vector<ReviewQuote> quotes;
  /// Indexes into Review::sentences of the sentences its quotes cover.
  std::vector<std::size_t> sentences;
  /// Counted by the coverage: false for a parameter.
  bool required = true;
};

struct Review {
  std::string title;        // the plan's title
  std::string source_name;  // the original's file name as given to review()
  std::vector<std::string> paragraphs;
  std::vector<ReviewSentence> sentences;
  std::vector<ReviewRule> rules;
  /// Quotes or `not_executable` texts not found (M0025), in the plan file.
  std::vector<Diagnostic> diagnostics;

  [[nodiscard]] MANDATE_EXPORT std::size_t executable_sentences() const noexcept;
  [[nodiscard]] MANDATE_EXPORT std::size_t covered_sentences() const noexcept;
  [[nodiscard]] MANDATE_EXPORT std::size_t unquoted_rules() const noexcept;
};

/// The `source "…"` of the plan block and where it is written, if any.
struct SourceReference {
  std::string path;  // as written, relative to the plan file
  Span span{};
};
[[nodiscard]] MANDATE_EXPORT std::optional<SourceReference> source_reference(
    const syntax::PlanFile& file);

/// Matches every quote and `not_executable` text of `file` (parsed from
/// `plan`) against `original`. Matching ignores white space (spaces, tabs,
/// line breaks, U+3000) on both sides and nothing else. Run it on a plan
/// that checks: it reads the syntax tree and assumes its shapes are valid.
[[nodiscard]] MANDATE_EXPORT Review review(const syntax::PlanFile& file, const SourceFile& plan,
                                           const SourceFile& original);

/// Diagnostics for quotes in a plan that names no source text (M0025, one
/// per quoting statement); empty when it names one or quotes nothing.
[[nodiscard]] MANDATE_EXPORT std::vector<Diagnostic> quotes_without_source(
    const syntax::PlanFile& file, const SourceFile& plan);

/// The coverage report of `mandate check --coverage`: percentages, rules
/// without a quote, sentences no rule quotes.
[[nodiscard]] MANDATE_EXPORT std::string render_coverage(const Review& review,
                                                         const SourceFile& plan);

/// One self-contained HTML page: the original paragraph by paragraph on the
/// left, the rules quoting each sentence on the right; uncovered sentences
/// and rules without a quote highlighted. No scripts, no external resources.
[[nodiscard]] MANDATE_EXPORT std::string render_review_html(const Review& review,
                                                            const SourceFile& plan);

}  // namespace mandate
