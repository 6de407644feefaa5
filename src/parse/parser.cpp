// The parse driver: input checks, comment collection, and the statement and
// block loop around the X3 grammar. Blocks are walked here rather than in the
// grammar so that a syntax error resynchronises at the next statement and
// every error of the file is reported in one run.
#include <mandate/parse.hpp>

#include "parse/grammar.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <optional>

namespace mandate {
namespace {

using parse_detail::iterator_type;
namespace x3 = boost::spirit::x3;

/// Calls `visit(offset, byte)` for every byte outside strings, citations and
/// comments, and `comment(begin, end)` for every comment. A citation `[…]`
/// runs to its `]` on the same line; '#' and '"' inside it are plain text.
template <typename Visit, typename OnComment>
void scan_code(std::string_view text, Visit visit, OnComment comment) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"' || c == '\n') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[') {
      visit(i, c);
      const std::size_t close = text.find_first_of("]\n", i + 1);
      if (close == std::string_view::npos) return;
      if (text[close] == ']') visit(close, ']');
      i = close;
      continue;
    } else if (c == '#') {
      const std::size_t end = std::min(text.find('\n', i), text.size());
      comment(i, end);
      i = end - 1;
      continue;
    }
    visit(i, c);
  }
}

/// Rejects what could exhaust the stack or the terminal before X3 sees it.
bool check_limits(std::string_view text, const ParseLimits& limits, DiagnosticSink& sink) {
  std::size_t line_begin = 0;
  while (line_begin <= text.size()) {
    const std::size_t line_end = std::min(text.find('\n', line_begin), text.size());
    const std::string_view line = text.substr(line_begin, line_end - line_begin);
    const std::size_t characters = detail::count_code_points(line);
    if (characters > limits.max_line_characters) {
      // Point at the first character past the limit.
      std::size_t offset = line_begin;
      for (std::uint32_t counted = 0; counted < limits.max_line_characters; ++offset)
        counted += (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
      while (offset < line_end && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
        ++offset;
      std::size_t character_end = offset + 1;
      while (character_end < line_end &&
             (static_cast<unsigned char>(text[character_end]) & 0xC0) == 0x80)
        ++character_end;
      sink.report(
          Code::input_limit,
          Span{static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(character_end)},
          fmt::format("line is {} characters long; the limit is {}", characters,
                      limits.max_line_characters));
      return false;
    }
    line_begin = line_end + 1;
  }

  std::uint32_t depth = 0;
  bool too_deep = false;
  scan_code(
      text,
      [&](std::size_t i, char c) {
        if (too_deep) return;
        if (c == '(' || c == '[' || c == '{') {
          if (++depth > limits.max_nesting) {
            too_deep = true;
            const auto at = static_cast<std::uint32_t>(i);
            sink.report(Code::input_limit, Span{at, at + 1},
                        fmt::format("brackets nest deeper than {} levels", limits.max_nesting));
          }
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
          --depth;
        }
      },
      [](std::size_t, std::size_t) {});
  return !too_deep;
}

std::vector<syntax::Comment> collect_comments(std::string_view text) {
  std::vector<syntax::Comment> comments;
  scan_code(
      text, [](std::size_t, char) {},
      [&](std::size_t begin, std::size_t end) {
        syntax::Comment& comment = comments.emplace_back();
        std::string_view body = text.substr(begin, end - begin);
        while (!body.empty() && (body.back() == '\r' || body.back() == ' ' || body.back() == '\t'))
          body.remove_suffix(1);
        comment.text = std::string(body);
        comment.span = Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
        const std::size_t line_begin = text.rfind('\n', begin == 0 ? 0 : begin - 1);
        const std::size_t from =
            begin == 0 || line_begin == std::string_view::npos ? 0 : line_begin + 1;
        comment.own_line =
            text.substr(from, begin - from).find_first_not_of(" \t") == std::string_view::npos;
      });
  return comments;
}

class StatementParser {
 public:
  StatementParser(std::string_view text, const ParseLimits& limits, DiagnosticSink& sink)
      : begin_(text.data()),
        end_(text.data() + text.size()),
        pos_(begin_),
        limits_(limits),
        sink_(sink) {
    // A UTF-8 byte order mark, as some editors write, is not part of the plan.
    if (text.starts_with("\xEF\xBB\xBF")) pos_ += 3;
  }

  std::vector<syntax::Statement> parse_file() { return parse_statements(std::nullopt); }

 private:
  std::uint32_t offset(iterator_type it) const { return static_cast<std::uint32_t>(it - begin_); }

  void skip_blank() {
    auto first = pos_;
    x3::parse(first, end_, *parse_detail::skipper);
    pos_ = first;
  }

  bool at_statement_keyword(iterator_type at) const {
    const iterator_type word_end = detail::scan_word(at, end_);
    return is_statement_keyword(std::string_view(at, static_cast<std::size_t>(word_end - at)));
  }

  /// A segment keyword, `:` or `=` (language.md §2).
  bool at_segment(iterator_type at) const {
    if (at != end_ && (*at == ':' || *at == '=')) return true;
    const iterator_type word_end = detail::scan_word(at, end_);
    return is_segment_keyword(std::string_view(at, static_cast<std::size_t>(word_end - at)));
  }

  /// The token at `at`, for "found …" in messages.
  std::string token_at(iterator_type at) const {
    if (at == end_) return "end of file";
    const iterator_type word_end = detail::scan_word(at, end_);
    // Escaped: a NUL or a terminal escape in a plan never reaches the terminal raw.
    if (word_end != at)
      return fmt::format("'{}'", detail::escape_for_message(std::string_view(
                                     at, static_cast<std::size_t>(word_end - at))));
    const char* next = at;
    (void)detail::decode_utf8(next, end_);
    if (*at == '\n' || *at == '\r') return "end of line";
    return fmt::format("'{}'", detail::escape_for_message(
                                   std::string_view(at, static_cast<std::size_t>(next - at))));
  }

  Span token_span(iterator_type at) const {
    if (at == end_) return Span{offset(at), offset(at)};
    iterator_type stop = detail::scan_word(at, end_);
    if (stop == at) (void)detail::decode_utf8(stop, end_);
    return Span{offset(at), offset(stop)};
  }

  void error_at(iterator_type at, std::string message) {
    sink_.report(Code::syntax, token_span(at), std::move(message));
  }

  std::vector<syntax::Statement> parse_statements(std::optional<iterator_type> open_brace) {
    std::vector<syntax::Statement> statements;
    for (;;) {
      skip_blank();
      if (pos_ == end_) {
        if (open_brace) {
          const Position opened = sink_.source().position(offset(*open_brace));
          error_at(pos_,
                   fmt::format("expected '}}' to close the block opened at line {}, column {}",
                               opened.line, opened.column));
        }
        return statements;
      }
      if (*pos_ == '}') {
        if (open_brace) {
          ++pos_;
          return statements;
        }
        error_at(pos_, "found '}' without a block to close");
        ++pos_;
        continue;
      }
      if (auto statement = parse_statement()) statements.push_back(std::move(*statement));
    }
  }

  std::optional<syntax::Statement> parse_statement() {
    const iterator_type start = pos_;
    syntax::Statement statement;
    try {
      const bool matched = x3::phrase_parse(
          pos_, end_,
          x3::with<parse_detail::source_begin_tag>(begin_)[parse_detail::statement_header()],
          parse_detail::skipper, statement, x3::skip_flag::dont_post_skip);
      if (!matched) {
        pos_ = start;
        error_at(start,
                 fmt::format("expected a statement keyword (plan, kind, body, group, programme, "
                             "stage, target, sanction, …), found {}",
                             token_at(start)));
        recover();
        return std::nullopt;
      }
    } catch (const x3::expectation_failure<iterator_type>& failure) {
      pos_ = failure.where();
      while (pos_ != end_ && (*pos_ == ' ' || *pos_ == '\t')) ++pos_;
      error_at(pos_, fmt::format("expected {}, found {}", failure.which(), token_at(pos_)));
      recover();
      return std::nullopt;
    }
    const bool shallow = within_depth_limit(statement);
    iterator_type statement_end = begin_ + last_token_end(statement);
    skip_blank();
    if (pos_ != end_ && *pos_ == '{') {
      const iterator_type brace = pos_++;
      statement.has_block = true;
      statement.block = parse_statements(brace);
      statement_end = pos_;
    } else if (pos_ != end_ && !statement.citations.empty() && at_segment(pos_)) {
      // `stage X of P [B1] doc "…"`: the order is the error, not the segment.
      error_at(pos_, fmt::format("{} comes after the citations; segments come before them: "
                                 "move it before [{}]",
                                 token_at(pos_), statement.citations.front().clause));
      recover();
      return std::nullopt;
    } else if (pos_ != end_ && *pos_ != '}' && !at_statement_keyword(pos_)) {
      error_at(pos_,
               fmt::format("expected ',', a segment keyword (of, to, by, within, …), a citation "
                           "'[…]', '{{' or the next statement, found {}",
                           token_at(pos_)));
      recover();
      return std::nullopt;
    }
    statement.span = Span{offset(start), offset(statement_end)};
    if (!shallow) return std::nullopt;
    return statement;
  }

  /// Skips to the start of a line that begins with a statement keyword or
  /// '}', outside any block opened in the skipped text.
  void recover() {
    int depth = 0;
    bool in_string = false;
    bool line_start = false;
    while (pos_ != end_) {
      if (line_start && !in_string) {
        skip_line_indent();
        if (pos_ == end_) return;
        if (depth <= 0 && (*pos_ == '}' || at_statement_keyword(pos_))) return;
      }
      line_start = false;
      const char c = *pos_++;
      if (in_string) {
        if (c == '\\' && pos_ != end_)
          ++pos_;
        else if (c == '"')
          in_string = false;
        else if (c == '\n')
          in_string = false, line_start = true;
        continue;
      }
      if (c == '"')
        in_string = true;
      else if (c == '#') {
        while (pos_ != end_ && *pos_ != '\n') ++pos_;
      } else if (c == '{')
        ++depth;
      else if (c == '}')
        --depth;
      else if (c == '\n')
        line_start = true;
    }
  }

  void skip_line_indent() {
    while (pos_ != end_ && (*pos_ == ' ' || *pos_ == '\t' || *pos_ == '\r')) ++pos_;
  }

  /// Where the header's last token ends. X3 primitives may pre-skip white
  /// space before failing, so the iterator after the header can lie beyond it.
  static std::uint32_t last_token_end(const syntax::Statement& statement) {
    std::uint32_t end = statement.head.span.end;
    for (const syntax::Segment& segment : statement.segments) {
      end = std::max(end, segment.keyword_span.end);
      if (!segment.arguments.empty()) end = std::max(end, segment.arguments.back().span.end);
    }
    for (const syntax::Citation& citation : statement.citations)
      end = std::max(end, citation.span.end);
    return end;
  }

  /// Later stages walk expressions recursively: bound how deep they nest.
  bool within_depth_limit(const syntax::Statement& statement) {
    const auto check = [&](const syntax::Segment& segment) {
      for (const syntax::Node& argument : segment.arguments) {
        if (syntax::depth(argument) > limits_.max_expression_depth) {
          sink_.report(
              Code::input_limit, Span{argument.span.begin, argument.span.begin + 1},
              fmt::format("expression nests deeper than {} levels", limits_.max_expression_depth));
          return false;
        }
      }
      return true;
    };
    if (!check(statement.head)) return false;
    for (const syntax::Segment& segment : statement.segments)
      if (!check(segment)) return false;
    return true;
  }

  const iterator_type begin_;
  const iterator_type end_;
  iterator_type pos_;
  const ParseLimits& limits_;
  DiagnosticSink& sink_;
};

}  // namespace

ValuesParseResult parse_values(const SourceFile& source) {
  DiagnosticSink sink(source);
  ValuesParseResult result;
  const std::string_view text = source.text();
  const ParseLimits limits;
  if (const auto bad = detail::find_invalid_utf8(text)) {
    const auto at = static_cast<std::uint32_t>(*bad);
    sink.report(Code::invalid_utf8, Span{at, at + 1}, "invalid UTF-8");
  } else if (check_limits(text, limits, sink)) {
    const iterator_type begin = text.data();
    iterator_type pos = begin;
    const iterator_type end = begin + text.size();
    try {
      const bool matched = x3::phrase_parse(
          pos, end,
          x3::with<parse_detail::source_begin_tag>(begin)[parse_detail::expression() % ','],
          parse_detail::skipper, result.values);
      if (!matched || pos != end) {
        const auto at = static_cast<std::uint32_t>(pos - begin);
        sink.report(Code::syntax, Span{at, at + 1},
                    "expected a value such as 10, 90%, 03-20, calendar_year");
      }
    } catch (const x3::expectation_failure<iterator_type>& failure) {
      const auto at = static_cast<std::uint32_t>(failure.where() - begin);
      sink.report(Code::syntax, Span{at, at + 1}, fmt::format("expected {}", failure.which()));
    }
    for (const syntax::Node& value : result.values)
      if (syntax::depth(value) > limits.max_expression_depth)
        sink.report(Code::input_limit, value.span, "expression nests too deeply");
  }
  result.diagnostics = std::move(sink).take();
  if (has_errors(result.diagnostics)) result.values.clear();
  return result;
}

ParseResult parse(const SourceFile& source, const ParseLimits& limits) {
  DiagnosticSink sink(source);
  ParseResult result;
  const std::string_view text = source.text();
  if (text.size() > limits.max_source_bytes) {
    sink.report(Code::input_limit, Span{},
                fmt::format("the plan is {} bytes; the limit is {} (docs/reliability.md)",
                            text.size(), limits.max_source_bytes));
    result.diagnostics = std::move(sink).take();
    return result;
  }
  const auto bad = detail::find_invalid_utf8(text);
  if (bad || text.find('\0') != std::string_view::npos) {
    // A plan saved as GBK or UTF-16 is said once, with the command that
    // converts it, rather than as a syntax error. A NUL is refused wherever
    // it is, a comment included: it is never text, and a plan that parsed
    // with one in a comment could fail to once formatted.
    const auto encoding = detail::guess_encoding(text);
    const auto at = static_cast<std::uint32_t>(bad ? *bad : text.find('\0'));
    Diagnostic& diagnostic =
        sink.report(Code::invalid_utf8, Span{at, at + 1},
                    bad ? fmt::format("invalid UTF-8 (byte 0x{:02X}); plan files must be UTF-8",
                                      static_cast<unsigned char>(text[at]))
                        : std::string("a NUL byte; plan files are UTF-8 text"));
    if (encoding)
      diagnostic.notes.push_back(Note{detail::convert_hint(*encoding, source.name()), {}, false});
    result.diagnostics = std::move(sink).take();
    return result;
  }
  if (!check_limits(text, limits, sink)) {
    result.diagnostics = std::move(sink).take();
    return result;
  }
  result.file.comments = collect_comments(text);
  result.file.statements = StatementParser(text, limits, sink).parse_file();
  result.diagnostics = std::move(sink).take();
  return result;
}

}  // namespace mandate
