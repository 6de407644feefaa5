// The original text of a plan as the review stage reads it: paragraphs,
// sentences, and a copy without white space in which quotes are found.
// Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::review_detail {

struct Sentence {
  std::size_t paragraph = 0;
  std::uint32_t line = 0;
  std::string text;       // as written, ends trimmed
  std::size_t begin = 0;  // range in Original::compact
  std::size_t end = 0;
};

/// A half-open byte range of Original::compact.
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Original {
 public:
  /// `text` must be valid UTF-8.
  explicit Original(std::string_view text);

  [[nodiscard]] const std::vector<std::string>& paragraphs() const noexcept { return paragraphs_; }
  [[nodiscard]] const std::vector<Sentence>& sentences() const noexcept { return sentences_; }

  /// Every occurrence of `quote`, white space ignored on both sides; none
  /// for a quote that is empty once white space is removed.
  [[nodiscard]] std::vector<Range> find(std::string_view quote) const;
  /// Indexes of the sentences that `range` overlaps.
  [[nodiscard]] std::vector<std::size_t> sentences_in(Range range) const;
  /// The sentence most like `quote` (shared character pairs), for a quote
  /// that is not found; sentences().size() when there are none.
  [[nodiscard]] std::size_t closest(std::string_view quote) const;

 private:
  std::vector<std::string> paragraphs_;
  std::vector<Sentence> sentences_;
  std::string compact_;  // the text without white space
};

/// `text` without white space (ASCII spaces, tabs, line breaks, U+3000,
/// U+00A0).
[[nodiscard]] std::string without_white_space(std::string_view text);

}  // namespace mandate::review_detail
