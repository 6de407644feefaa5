// The matcher of the catalogue's sentence patterns (patterns.hpp). Literal
// text found with string_view::find rather than a regular expression: a
// report has a line per step of every verdict, and std::regex took as long
// per line as evaluating it (decision 0057).
#include "locale/patterns.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace mandate::locale_detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

struct ValueWord {
  std::string_view english, chinese;
};
constexpr std::array<ValueWord, 6> value_words = {{
    {"unknown", "未知"},
    {"true", "是"},
    {"false", "否"},
    {"none", "无"},
    {"ascending", "升序"},
    {"descending", "降序"},
}};

/// The functions of a population (docs/language.md) as a noun.
constexpr std::array<ValueWord, 5> function_words = {{
    {"average", "平均值"},
    {"sum", "合计"},
    {"min", "最小值"},
    {"max", "最大值"},
    {"rank", "排名"},
}};

/// Outcomes as a score's line names them (`deduct 2 for each 季度报告报送
/// missed`): words for any kind of stage.
constexpr std::array<ValueWord, 8> outcome_words = {{
    {"met", "按期完成"},
    {"late", "逾期"},
    {"missed", "未完成"},
    {"pending", "待办"},
    {"early", "提前报送（不计入）"},
    {"not_applicable", "不适用"},
    {"too_short", "时长不足"},
    {"started_outside", "未在规定期间启动"},
}};

std::string_view word_of(std::string_view word, const auto& table) {
  const auto* found = std::find_if(table.begin(), table.end(),
                                   [&](const ValueWord& w) { return w.english == word; });
  return found != table.end() ? found->chinese : word;
}

/// A value as a condition shows it ("unknown >= 100%", "true"): its words in
/// Chinese, numbers and names as they are.
void append_value(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_letter(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && (is_letter(text[end]) || is_digit(text[end]))) ++end;
    out += word_of(text.substr(i, end - i), value_words);
    i = end;
  }
}

/// Names joined by ", " or " or " (deliverables, kinds of events counted).
void append_list(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const std::size_t comma = text.find(", ");
    const std::size_t either = text.find(" or ");
    const std::size_t at = std::min(comma, either);
    out += text.substr(0, at);
    if (at == std::string_view::npos) break;
    out += at == comma ? "、" : "或";
    text.remove_prefix(at + (at == comma ? 2 : 4));
  }
}

/// A year as 2018年; a part of one (2018-Q1, 2019-05) as it is.
void append_period(std::string& out, std::string_view text) {
  out += text;
  if (std::all_of(text.begin(), text.end(), is_digit)) out += "年";
}

/// "day(s)" → "day" and "days": every combination.
std::vector<std::string> plurals(std::string_view english) {
  constexpr std::string_view marker = "(s)";
  const std::size_t at = english.find(marker);
  if (at == std::string_view::npos) return {std::string(english)};
  std::vector<std::string> out;
  for (const std::string& rest : plurals(english.substr(at + marker.size())))
    for (std::string_view s : {"", "s"})
      out.push_back(std::string(english.substr(0, at)) + std::string(s) + rest);
  return out;
}

/// Calls `on_word` with each run of ASCII letters of `text`, but for one at
/// an end of `text` that a hole touches: in a line, the hole's letters may
/// run on into it.
template <typename OnWord>
void for_each_word(std::string_view text, bool hole_before, bool hole_after, OnWord on_word) {
  for (std::size_t i = 0; i < text.size();) {
    if (!is_letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_letter(text[end])) ++end;
    if (!(i == 0 && hole_before) && !(end == text.size() && hole_after))
      on_word(text.substr(i, end - i));
    i = end;
  }
}

/// Where `needle` last starts in `text` at or before `from`: rfind, but
/// comparing the first byte before the rest (string_view::rfind compares
/// the whole needle at every position).
std::size_t last_at(std::string_view text, std::string_view needle, std::size_t from) {
  if (needle.size() > text.size()) return std::string_view::npos;
  for (std::size_t i = std::min(from, text.size() - needle.size()) + 1; i-- > 0;)
    if (text[i] == needle.front() && text.substr(i, needle.size()) == needle) return i;
  return std::string_view::npos;
}

[[noreturn]] void bad(std::string_view pattern, std::string_view why) {
  throw std::logic_error("catalogue pattern '" + std::string(pattern) + "': " + std::string(why));
}

/// "{2:w}" at the start of text: the hole's number (1-based) and its kind
/// letter (0 when none); the length read.
struct HoleText {
  int number = 0;
  char kind = 0;
  std::size_t length = 0;
};

HoleText read_hole(std::string_view text, std::string_view pattern) {
  HoleText hole;
  std::size_t i = 1;
  while (i < text.size() && is_digit(text[i])) hole.number = hole.number * 10 + (text[i++] - '0');
  if (i < text.size() && text[i] == ':' && i + 1 < text.size()) {
    hole.kind = text[i + 1];
    i += 2;
  }
  if (hole.number < 1 || i >= text.size() || text[i] != '}') bad(pattern, "a hole is {N} or {N:k}");
  hole.length = i + 1;
  return hole;
}

}  // namespace

PatternSet::PatternSet(std::initializer_list<Source> sources) {
  for (const Source& source : sources)
    for (const std::string& english : plurals(source.english)) add(english, source.chinese);
  // A searcher refers to its needle: made once the patterns stay where they are.
  for (Pattern& pattern : patterns_)
    if (!pattern.needle.empty())
      pattern.search.emplace(pattern.needle.begin(), pattern.needle.end());
  index();
}

void PatternSet::index() {
  std::vector<std::size_t> patterns_with(std::min(vocabulary_.size(), Words().size()), 0);
  for (const Pattern& pattern : patterns_)
    for (std::size_t w = 0; w < patterns_with.size(); ++w) patterns_with[w] += pattern.words[w];
  by_word_.assign(patterns_with.size(), {});
  for (std::size_t p = 0; p < patterns_.size(); ++p) {
    std::optional<std::size_t> key;
    for (std::size_t w = 0; w < patterns_with.size(); ++w)
      if (patterns_[p].words[w] && (!key || patterns_with[w] < patterns_with[*key])) key = w;
    (key ? by_word_[*key] : without_words_).push_back(static_cast<std::uint16_t>(p));
  }
}

void PatternSet::add(std::string_view english, std::string_view chinese) {
  Pattern pattern;
  pattern.literals.emplace_back();
  for (std::size_t i = 0; i < english.size();) {
    if (english[i] != '{') {
      pattern.literals.back() += english[i++];
      continue;
    }
    const HoleText hole = read_hole(english.substr(i), english);
    if (hole.number != static_cast<int>(pattern.holes.size()) + 1)
      bad(english, "holes are numbered 1, 2, … in order");
    if (pattern.holes.size() > 0 && pattern.literals.back().empty())
      bad(english, "two holes without text between them");
    pattern.holes.push_back(
        hole.kind == 'w'   ? Hole::word
        : hole.kind == 'd' ? Hole::digits
        : hole.kind == 'b' ? Hole::balanced
        : hole.kind == 0
            ? Hole::text
            : (bad(english, "an English hole is {N}, {N:w}, {N:d} or {N:b}"), Hole::text));
    pattern.literals.emplace_back();
    i += hole.length;
  }
  for (std::size_t i = 1; i + 1 < pattern.literals.size(); ++i)
    if (pattern.literals[i].size() > pattern.needle.size()) pattern.needle = pattern.literals[i];
  for (std::size_t i = 0; i < pattern.literals.size(); ++i) {
    const bool hole_before = i > 0;
    const bool hole_after = i + 1 < pattern.literals.size();
    for_each_word(pattern.literals[i], hole_before, hole_after, [&](std::string_view word) {
      if (!vocabulary_.contains(word))
        vocabulary_.emplace(vocabulary_words_.emplace_back(word), vocabulary_.size());
    });
    pattern.words |= words_of(pattern.literals[i], hole_before, hole_after);
  }

  std::string literal;
  for (std::size_t i = 0; i < chinese.size();) {
    if (chinese[i] != '{') {
      literal += chinese[i++];
      continue;
    }
    const HoleText hole = read_hole(chinese.substr(i), chinese);
    if (hole.number > static_cast<int>(pattern.holes.size())) bad(chinese, "no such hole");
    if (!literal.empty()) pattern.chinese.push_back({Render::literal, 0, std::move(literal)});
    literal.clear();
    const Render render =
        hole.kind == 'v'   ? Render::value
        : hole.kind == 'l' ? Render::line
        : hole.kind == 's' ? Render::list
        : hole.kind == 'p' ? Render::period
        : hole.kind == 'f' ? Render::function
        : hole.kind == 'o' ? Render::outcome
        : hole.kind == 0
            ? Render::as_is
            : (bad(chinese, "a Chinese hole is {N} or {N:v|l|s|p|f|o}"), Render::as_is);
    pattern.chinese.push_back({render, static_cast<std::uint8_t>(hole.number - 1), {}});
    i += hole.length;
  }
  if (!literal.empty()) pattern.chinese.push_back({Render::literal, 0, std::move(literal)});
  patterns_.push_back(std::move(pattern));
}

PatternSet::Words PatternSet::words_of(std::string_view text, bool hole_before,
                                       bool hole_after) const {
  Words words;
  for_each_word(text, hole_before, hole_after, [&](std::string_view word) {
    const auto found = vocabulary_.find(word);
    if (found != vocabulary_.end() && found->second < words.size()) words.set(found->second);
  });
  return words;
}

bool PatternSet::match(const Pattern& pattern, std::string_view line, Captures& captures) {
  const std::string& first = pattern.literals.front();
  const std::string& last = pattern.literals.back();
  if (pattern.holes.empty()) return line == first;
  // The cheap tests first: a report's lines are many, and most patterns
  // fail on the first or last byte.
  if (line.size() < first.size() + last.size() + pattern.holes.size() ||
      (!first.empty() && line.front() != first.front()) ||
      (!last.empty() && line.back() != last.back()) || !line.starts_with(first) ||
      !line.ends_with(last))
    return false;
  if (pattern.search) {
    const std::string_view middle =
        line.substr(first.size(), line.size() - first.size() - last.size());
    if (std::search(middle.begin(), middle.end(), *pattern.search) == middle.end()) return false;
  }
  captures.resize(pattern.holes.size());
  return match_from(pattern, line.substr(0, line.size() - last.size()), 0, first.size(), captures);
}

bool PatternSet::match_from(const Pattern& pattern, std::string_view line, std::size_t hole,
                            std::size_t position, Captures& captures) {
  const auto fits = [&](std::string_view text) {
    if (text.empty()) return false;
    switch (pattern.holes[hole]) {
      case Hole::text:
        return true;
      case Hole::word:
        return text.find(' ') == std::string_view::npos;
      case Hole::digits:
        return std::all_of(text.begin(), text.end(), is_digit);
      case Hole::balanced: {
        int depth = 0;
        for (const char c : text)
          if ((depth += c == '(' ? 1 : c == ')' ? -1 : 0) < 0) return false;
        return depth == 0;
      }
    }
    return false;
  };
  // `line` ends before the last literal: the last hole takes the rest.
  if (hole + 1 == pattern.holes.size()) {
    captures[hole] = line.substr(position);
    return fits(captures[hole]);
  }
  const std::string& next = pattern.literals[hole + 1];
  // Greedy: the last place the next literal occurs first.
  for (std::size_t at = last_at(line, next, line.size());
       at != std::string_view::npos && at > position;
       at = at == 0 ? std::string_view::npos : last_at(line, next, at - 1)) {
    captures[hole] = line.substr(position, at - position);
    if (fits(captures[hole]) && match_from(pattern, line, hole + 1, at + next.size(), captures))
      return true;
  }
  return false;
}

std::string PatternSet::render(const Pattern& pattern, const Captures& captures) const {
  std::string out;
  for (const Piece& piece : pattern.chinese) {
    const std::string_view text =
        piece.render == Render::literal ? std::string_view(piece.text) : captures[piece.hole];
    switch (piece.render) {
      case Render::literal:
      case Render::as_is:
        out += text;
        break;
      case Render::value:
        append_value(out, text);
        break;
      case Render::line:
        out += translate(text).value_or(std::string(text));
        break;
      case Render::list:
        append_list(out, text);
        break;
      case Render::period:
        append_period(out, text);
        break;
      case Render::function:
        out += word_of(text, function_words);
        break;
      case Render::outcome:
        out += word_of(text, outcome_words);
        break;
    }
  }
  return out;
}

std::optional<std::string> PatternSet::translate(std::string_view line) const {
  // One pass over the line finds its English words; the patterns listed
  // under them and those without words are the candidates, tried in the
  // catalogue's order, and one with a word the line lacks is passed over.
  Words present;
  std::vector<std::uint16_t> candidates = without_words_;
  for_each_word(line, false, false, [&](std::string_view word) {
    const auto found = vocabulary_.find(word);
    if (found == vocabulary_.end() || found->second >= by_word_.size() || present[found->second])
      return;
    present.set(found->second);
    const std::vector<std::uint16_t>& listed = by_word_[found->second];
    candidates.insert(candidates.end(), listed.begin(), listed.end());
  });
  std::sort(candidates.begin(), candidates.end());
  Captures captures;
  for (const std::uint16_t p : candidates) {
    const Pattern& pattern = patterns_[p];
    if ((pattern.words & ~present).none() && match(pattern, line, captures))
      return render(pattern, captures);
  }
  return std::nullopt;
}

std::vector<std::string_view> PatternSet::needles() const {
  std::vector<std::string_view> out;
  for (const Pattern& pattern : patterns_) {
    std::string_view best = pattern.needle;
    for (const std::string* literal : {&pattern.literals.front(), &pattern.literals.back()})
      if (literal->size() > best.size()) best = *literal;
    out.push_back(best);
  }
  return out;
}

}  // namespace mandate::locale_detail
