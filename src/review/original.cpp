#include "review/original.hpp"

#include "source/utf8.hpp"

#include <algorithm>
#include <unordered_set>

namespace mandate::review_detail {
namespace {

bool is_white_space(char32_t c) noexcept {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == U'\f' || c == U'\v' ||
         c == U'\u3000' || c == U'\u00A0';
}

/// Ends a sentence (the brief's split: 。；！？ and line breaks).
bool ends_sentence(char32_t c) noexcept {
  return c == U'。' || c == U'；' || c == U'！' || c == U'？';
}

/// Stays with the sentence that a terminator just ended: `……。”`
bool closes(char32_t c) noexcept {
  return c == U'”' || c == U'’' || c == U'）' || c == U'」' || c == U'』' || c == U'》' ||
         c == U')';
}

std::string_view trim(std::string_view text) {
  // White space at the ends is ASCII or U+3000 (3 bytes), U+00A0 (2 bytes).
  const auto strip_front = [](std::string_view& t) {
    const char* it = t.data();
    const char* const end = t.data() + t.size();
    while (it != end) {
      const char* next = it;
      if (!is_white_space(detail::decode_utf8(next, end))) break;
      it = next;
    }
    t.remove_prefix(static_cast<std::size_t>(it - t.data()));
  };
  strip_front(text);
  while (!text.empty()) {
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) --start;
    const char* it = text.data() + start;
    if (!is_white_space(detail::decode_utf8(it, text.data() + text.size()))) break;
    text.remove_suffix(text.size() - start);
  }
  return text;
}

using Bigrams = std::unordered_set<std::uint64_t>;

Bigrams bigrams(std::string_view compact) {
  Bigrams out;
  const char* it = compact.data();
  const char* const end = compact.data() + compact.size();
  if (it == end) return out;
  char32_t previous = detail::decode_utf8(it, end);
  while (it != end) {
    const char32_t c = detail::decode_utf8(it, end);
    out.insert((static_cast<std::uint64_t>(previous) << 32U) | c);
    previous = c;
  }
  return out;
}

}  // namespace

std::string without_white_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const char* it = text.data();
  const char* const end = text.data() + text.size();
  while (it != end) {
    const char* start = it;
    if (!is_white_space(detail::decode_utf8(it, end))) out.append(start, it);
  }
  return out;
}

Original::Original(std::string_view text) {
  std::uint32_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    const std::string_view paragraph = trim(line);
    if (paragraph.empty()) continue;
    const std::size_t index = paragraphs_.size();
    paragraphs_.emplace_back(paragraph);

    const char* it = paragraph.data();
    const char* const end = paragraph.data() + paragraph.size();
    const char* sentence_start = it;
    const auto finish = [&](const char* sentence_end) {
      const std::string_view sentence =
          trim({sentence_start, static_cast<std::size_t>(sentence_end - sentence_start)});
      sentence_start = sentence_end;
      const std::string compact = without_white_space(sentence);
      if (compact.empty()) return;
      sentences_.push_back(Sentence{index, line_number, std::string(sentence), compact_.size(),
                                    compact_.size() + compact.size()});
      compact_ += compact;
    };
    while (it != end) {
      if (!ends_sentence(detail::decode_utf8(it, end))) continue;
      for (const char* next = it; next != end && closes(detail::decode_utf8(next, end));) it = next;
      finish(it);
    }
    finish(end);
  }
}

std::vector<Range> Original::find(std::string_view quote) const {
  std::vector<Range> found;
  const std::string needle = without_white_space(quote);
  if (needle.empty()) return found;
  for (std::size_t at = compact_.find(needle); at != std::string::npos;
       at = compact_.find(needle, at + needle.size()))
    found.push_back({at, at + needle.size()});
  return found;
}

std::vector<std::size_t> Original::sentences_in(Range range) const {
  std::vector<std::size_t> out;
  // Sentences are in text order: start at the first that ends after the range begins.
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), range.begin,
                             [](std::size_t at, const Sentence& s) { return at < s.end; });
  for (; it != sentences_.end() && it->begin < range.end; ++it)
    out.push_back(static_cast<std::size_t>(it - sentences_.begin()));
  return out;
}

std::size_t Original::closest(std::string_view quote) const {
  const Bigrams wanted = bigrams(without_white_space(quote));
  std::size_t best = sentences_.size();
  double best_score = 0;
  for (std::size_t i = 0; i < sentences_.size(); ++i) {
    const Sentence& s = sentences_[i];
    const Bigrams have = bigrams(std::string_view(compact_).substr(s.begin, s.end - s.begin));
    if (wanted.empty() || have.empty()) continue;
    const auto shared = static_cast<double>(std::count_if(
        wanted.begin(), wanted.end(), [&](std::uint64_t pair) { return have.contains(pair); }));
    // Dice's coefficient: a long sentence is not closer for being long.
    const double score = 2 * shared / static_cast<double>(wanted.size() + have.size());
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
}

}  // namespace mandate::review_detail
