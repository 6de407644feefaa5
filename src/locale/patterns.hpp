// Sentence patterns of the message catalogue (decision 0045, 0057): an
// English line as src/evaluate/ words it, with holes, and its Chinese form.
// Internal.
//
//   English  "{1} delivered on {2:w}: {3:d} day(s) late"
//   Chinese  "{1}于{2}报送，逾期{3}天"
//
// An English hole is {N} (any text, not empty), {N:w} (a word: no space),
// {N:d} (digits) or {N:b} (a formula: its parentheses balance, so that the
// ": " of a named argument, `over: 全市镇办`, is never taken for the one
// after the formula). "(s)" after a word makes two patterns, with and without
// the s. A hole must be followed by literal text, or end the pattern.
// Holes match as a regular expression's greedy groups would: the first hole
// takes the longest text that lets the rest match.
//
// A Chinese hole is {N} (the text as matched), {N:v} (a value: the words
// unknown, true, false, none, ascending, descending in Chinese), {N:l} (a
// line of its own, translated with the same patterns), {N:s} (a list:
// ", " becomes "、", " or " 或), {N:p} (a period: 2018 becomes 2018年,
// 2018-Q1 stays), {N:f} (a function of a population: average 平均值, …)
// or {N:o} (an outcome's name: missed 未完成, …).
#pragma once

#include <bitset>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mandate::locale_detail {

class PatternSet {
 public:
  struct Source {
    const char* english;
    const char* chinese;
  };
  /// Throws std::logic_error for a pattern that does not read (a test
  /// builds every set).
  PatternSet(std::initializer_list<Source> sources);
  // Its searchers point into its own strings.
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  /// The line in Chinese by the first pattern that matches it; nothing when
  /// none does.
  [[nodiscard]] std::optional<std::string> translate(std::string_view line) const;

  /// The longest literal text of a pattern: a line without it cannot match
  /// (tests check that each pattern has one that is worth looking for).
  [[nodiscard]] std::vector<std::string_view> needles() const;
  /// How many patterns have no English word to be filed under: they are
  /// tried on every line (tests keep them few).
  [[nodiscard]] std::size_t without_words() const noexcept { return without_words_.size(); }
  [[nodiscard]] std::size_t size() const noexcept { return patterns_.size(); }

 private:
  /// The English words of the patterns' literals, a bit each (past the
  /// last bit, a word is not looked for: the filter only gets weaker).
  using Words = std::bitset<256>;
  enum class Hole : std::uint8_t { text, word, digits, balanced };
  enum class Render : std::uint8_t { literal, as_is, value, line, list, period, function, outcome };
  struct Piece {
    Render render = Render::literal;
    std::uint8_t hole = 0;  // 0-based
    std::string text;       // literal
  };
  struct Pattern {
    std::vector<std::string> literals;  // one more than holes: before, between, after
    std::vector<Hole> holes;
    std::string needle;  // the longest literal but the first and last
    std::optional<std::boyer_moore_horspool_searcher<std::string::const_iterator>> search;
    Words words;  // the whole words of its literals: a line must have each
    std::vector<Piece> chinese;
  };
  using Captures = std::vector<std::string_view>;

  void add(std::string_view english, std::string_view chinese);
  /// The words of `text` that are in the vocabulary (but for one that a
  /// hole touches: for_each_word in patterns.cpp).
  [[nodiscard]] Words words_of(std::string_view text, bool hole_before, bool hole_after) const;
  void index();
  static bool match(const Pattern& pattern, std::string_view line, Captures& captures);
  static bool match_from(const Pattern& pattern, std::string_view line, std::size_t hole,
                         std::size_t position, Captures& captures);
  [[nodiscard]] std::string render(const Pattern& pattern, const Captures& captures) const;

  std::vector<Pattern> patterns_;
  std::deque<std::string> vocabulary_words_;  // stable: the map's keys point into them
  std::unordered_map<std::string_view, std::size_t> vocabulary_;
  // Each pattern is listed under one of its words, the one fewest patterns
  // have; a pattern without words is tried on every line.
  std::vector<std::vector<std::uint16_t>> by_word_;
  std::vector<std::uint16_t> without_words_;
};

/// The catalogue's patterns (explanations.cpp): explanation lines, facts as
/// explanations cite them, missing facts, consequence details, and the
/// details of verdicts.
[[nodiscard]] const PatternSet& explanation_patterns();
[[nodiscard]] const PatternSet& fact_patterns();
[[nodiscard]] const PatternSet& missing_patterns();
[[nodiscard]] const PatternSet& consequence_patterns();
[[nodiscard]] const PatternSet& detail_patterns();

}  // namespace mandate::locale_detail
