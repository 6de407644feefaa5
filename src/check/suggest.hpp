// "Did you mean …?" for unknown names, within a bounded amount of work: a
// file of thousands of unknown names against a plan or a store of hundreds
// of thousands must not cost minutes (docs/reliability.md, "Limits").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::detail {

/// Edit distance in code points (so one wrong Chinese character counts 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// Names longer than this (in code points) get no suggestion: a typo in a
/// name that long is not what went wrong.
inline constexpr std::size_t max_suggested_length = 64;

/// Work, counted in candidates looked at plus cells of the edit-distance
/// table, that suggestions may take. Once spent, no more suggestions are
/// made: messages stay right, only shorter.
struct SuggestionBudget {
  std::size_t left = 0;
};

/// The budget of one check of a plan (set by check() while it runs on
/// this thread; none outside).
inline constexpr std::size_t check_suggestion_work = 50'000'000;

/// Makes `budget` the one `closest` spends on this thread while the scope
/// lasts (scopes nest; the innermost counts).
class SuggestionScope {
 public:
  explicit SuggestionScope(SuggestionBudget& budget) noexcept;
  ~SuggestionScope();
  SuggestionScope(const SuggestionScope&) = delete;
  SuggestionScope& operator=(const SuggestionScope&) = delete;

 private:
  SuggestionBudget* outer_;
};

/// Whether a suggestion may still be made on this thread: callers that
/// gather many candidates first ask this, so that gathering is not repeated
/// once the budget is spent.
[[nodiscard]] bool may_suggest() noexcept;

/// The candidate closest to `word`, if close enough to be a likely typo
/// (at most a third of its characters wrong), on ties the smallest. Only
/// candidates of a length within reach are compared, each within a band of
/// the table; the work is taken from the budget in scope, if any, and
/// nothing is suggested once it would be overspent.
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 const std::vector<std::string_view>& candidates);

/// "; did you mean '商州区'?" after a message, or nothing without a suggestion.
[[nodiscard]] std::string did_you_mean(const std::optional<std::string>& suggestion);

}  // namespace mandate::detail
