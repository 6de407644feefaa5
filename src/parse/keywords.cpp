// The reserved words of the language (docs/language.md §7).
#include <mandate/parse.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace mandate {
namespace {

using namespace std::string_view_literals;

// Sorted, for binary search.
constexpr auto statement_keywords = std::to_array<std::string_view>({
    "add"sv,
    "alternatives"sv,
    "approves"sv,
    "at_least"sv,
    "at_most"sv,
    "award"sv,
    "base"sv,
    "because"sv,
    "body"sv,
    "candidate_requires"sv,
    "chosen"sv,
    "citations"sv,
    "clauses"sv,
    "columns"sv,
    "consequence"sv,
    "consequences"sv,
    "cooperate"sv,
    "decides_sanctions"sv,
    "deduct"sv,
    "deliver"sv,
    "disqualify"sv,
    "due"sv,
    "during"sv,
    "effective"sv,
    "event"sv,
    "every"sv,
    "goal"sv,
    "grant"sv,
    "group"sv,
    "hears_reports"sv,
    "inclusive_deadlines"sv,
    "inspects"sv,
    "issued"sv,
    "issued_by"sv,
    "kind"sv,
    "language"sv,
    "lasts"sv,
    "lead"sv,
    "limits"sv,
    "metric"sv,
    "named"sv,
    "names_winners"sv,
    "not_executable"sv,
    "notice"sv,
    "obligated"sv,
    "param"sv,
    "parameter"sv,
    "plan"sv,
    "programme"sv,
    "quota"sv,
    "reading"sv,
    "refer"sv,
    "require"sv,
    "requires"sv,
    "responsible"sv,
    "row"sv,
    "sanction"sv,
    "says"sv,
    "score"sv,
    "sets_standard"sv,
    "shift_for_holidays"sv,
    "source"sv,
    "stage"sv,
    "starts"sv,
    "subject"sv,
    "supervises"sv,
    "target"sv,
    "tier"sv,
    "title"sv,
    "total"sv,
    "unless"sv,
    "value"sv,
    "when"sv,
});

// "原文" is the Chinese alias of "quote"; UTF-8 sorts after ASCII.
constexpr auto segment_keywords = std::to_array<std::string_view>({
    "after"sv,
    "alias"sv,
    "by"sv,
    "cap"sv,
    "doc"sv,
    "except"sv,
    "for"sv,
    "in"sv,
    "label"sv,
    "members"sv,
    "of"sv,
    "per"sv,
    "quote"sv,
    "reports_to"sv,
    "to"sv,
    "using"sv,
    "within"sv,
    "原文"sv,
});

constexpr auto expression_words = std::to_array<std::string_view>({
    "all"sv,
    "and"sv,
    "else"sv,
    "end"sv,
    "false"sv,
    "if"sv,
    "month"sv,
    "months"sv,
    "not"sv,
    "or"sv,
    "then"sv,
    "true"sv,
    "where"sv,
});

template <std::size_t N>
constexpr bool contains(const std::array<std::string_view, N>& sorted, std::string_view word) {
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

static_assert(std::is_sorted(statement_keywords.begin(), statement_keywords.end()));
static_assert(std::is_sorted(segment_keywords.begin(), segment_keywords.end()));
static_assert(std::is_sorted(expression_words.begin(), expression_words.end()));

}  // namespace

bool is_statement_keyword(std::string_view word) noexcept {
  return contains(statement_keywords, word);
}
bool is_segment_keyword(std::string_view word) noexcept { return contains(segment_keywords, word); }
bool is_reserved_word(std::string_view word) noexcept {
  return is_statement_keyword(word) || is_segment_keyword(word) || contains(expression_words, word);
}

}  // namespace mandate
