// The canonical formatter: syntax tree (+ the source it came from, for
// comments and blank lines) → plan text.
//
// Canonical form
// - One statement per line, block contents indented two spaces per level,
//   `{` at the end of the statement's line, `}` alone on its line (an empty
//   block too). At most one blank line in a row; none right after `{`, before
//   `}`, at the start or at the end of the file; the file ends with exactly one
//   newline (an empty plan formats to the empty text).
// - Statement: `keyword arg, arg` then each segment after one space
//   (`of X`, `to A, B`, `: T`, `= v`), then citations `[B3a 三(一)3]` / `[B3a]`,
//   then ` {` when it has a block.
// - Expressions: single spaces around binary operators, none inside `a..b`,
//   calls `f(a, key: v, x in G where p)`, `not x`, `-x`, `end of month 11`,
//   `month 12`, `months 4..10`, `all 县区`, `20 days`, `90%`, strings
//   re-escaped (\" \\ \n), the none cell always `—`. Parentheses only where the
//   tree needs them; precedence, low to high: or, and, not, comparison
//   (non-associative), + -, * /, unary -, `..` (operands are primaries),
//   primary. Binary operators associate to the left.
// - Width: a line's width is its display width (East Asian wide and full-width
//   characters count 2 columns, everything else 1, as under a diagnostic's
//   caret; trailing comments do not count). When a statement's line would be
//   wider than 100 columns:
//   * if its first argument is an `and`/`or` chain, each operand after the
//     first goes on a continuation line indented 4 columns deeper than the
//     statement, starting with the operator; the rest of the statement
//     follows the last operand. An operand still too wide breaks the same
//     way, its operators 4 columns deeper again, when it is an and/or chain
//     itself (of the other operator, or in parentheses) or a call whose last
//     argument is `x in G where` an and/or chain;
//   * otherwise it breaks between pieces: after a comma of its lists (the
//     arguments, and each segment's), before a segment keyword other than
//     `:` and `=`, and before a citation. The line is filled with as many
//     pieces as fit, then each continuation line, indented 4 columns deeper
//     than the statement, likewise. `{` stays with the last piece; a piece
//     wider than the line is not broken.
//   Nothing else is ever wrapped. The layout depends on the tree alone, so
//   formatting the output again gives the same text.
// - Comments: each comment is printed once, in source order, with its text
//   unchanged.
//   * An own-line comment stays on its own line, before the statement, the `}`
//     or the end of file that follows it, indented like that statement (or like
//     the block's contents before a `}`). Blank lines around comment groups are
//     kept like those around statements.
//   * A trailing comment stays at the end of the output line of the code it
//     followed (a statement, or a `}`), two spaces after it.
//   * Comments inside a statement's head (between its first token and its
//     `{`, plus a trailing comment right after the `{`): own-line ones before the
//     first trailing one move above the statement; the first trailing one goes
//     at the end of the statement's first output line; the ones after it go on
//     their own lines right below that line (inside the block when there is
//     one). An output line holds at most one comment, so a trailing comment
//     with no free line to attach to gets its own line.
#include <mandate/format.hpp>

#include "source/utf8.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mandate {
namespace {

using syntax::Comment;
using syntax::Node;
using syntax::NodeKind;
using syntax::Statement;

constexpr std::size_t max_width = 100;
constexpr std::size_t indent_width = 2;
constexpr std::size_t continuation_indent = 4;

// ---------------------------------------------------------------------------
// Expressions

/// Binding strength of each grammar level (docs/language.md §2), low to high.
enum class Level : int {
  lowest,  // call arguments and statement arguments
  disjunction,
  conjunction,
  negation,
  comparison,
  additive,
  multiplicative,
  unary,
  range,
  primary,
};

Level binary_level(std::string_view op) {
  if (op == "or") return Level::disjunction;
  if (op == "and") return Level::conjunction;
  if (op == "+" || op == "-") return Level::additive;
  if (op == "*" || op == "/") return Level::multiplicative;
  return Level::comparison;
}

Level level_of(const Node& node) {
  switch (node.kind) {
    case NodeKind::unary:
      return node.text == "not" ? Level::negation : Level::unary;
    case NodeKind::binary:
      return binary_level(node.text);
    case NodeKind::range:
      return Level::range;
    case NodeKind::named_argument:
    case NodeKind::comprehension:
    case NodeKind::conditional:  // its `else` takes all that follows: parenthesised as an operand
      return Level::lowest;
    default:
      return Level::primary;
  }
}

Level tighter(Level level) { return static_cast<Level>(static_cast<int>(level) + 1); }

void print(const Node& node, std::string& out);

/// Prints `node` where the grammar expects at least `min`, parenthesised
/// when it binds more loosely.
void print_operand(const Node& node, Level min, std::string& out) {
  const bool parens = level_of(node) < min;
  if (parens) out += '(';
  print(node, out);
  if (parens) out += ')';
}

void print_list(const std::vector<Node>& nodes, std::string& out) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0) out += ", ";
    print(nodes[i], out);
  }
}

void print_string_literal(std::string_view value, std::string& out) {
  out += '"';
  for (const char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  out += '"';
}

/// A left-nested run of binary operators of one level, flattened: `a - b + c`
/// is `a`, then the nodes of `- b` and `+ c`, in that order. Walking chains in
/// a loop keeps a long `a + b + …` from deepening the stack. Comparisons do
/// not chain.
struct Chain {
  Level level;
  const Node* first;
  std::vector<const Node*> links;  // binary nodes; each adds `text children[1]`
};

Chain flatten(const Node& node) {
  Chain chain{binary_level(node.text), &node, {}};
  do {
    chain.links.push_back(chain.first);
    chain.first = &chain.first->children.at(0);
  } while (chain.level != Level::comparison && chain.first->kind == NodeKind::binary &&
           binary_level(chain.first->text) == chain.level);
  std::reverse(chain.links.begin(), chain.links.end());
  return chain;
}

/// The first operand of a chain binds at least as tightly as the chain (more
/// tightly for a comparison); the others more tightly (left associativity).
void print_first(const Chain& chain, std::string& out) {
  print_operand(*chain.first, chain.level == Level::comparison ? tighter(chain.level) : chain.level,
                out);
}

void print_link(const Node& link, Level level, std::string& out) {
  out += link.text;
  out += ' ';
  print_operand(link.children.at(1), tighter(level), out);
}

void print_binary(const Node& node, std::string& out) {
  const Chain chain = flatten(node);
  print_first(chain, out);
  for (const Node* link : chain.links) {
    out += ' ';
    print_link(*link, chain.level, out);
  }
}

/// `not not x`, `--x`: a run of one prefix operator, printed in a loop.
void print_unary(const Node& node, std::string& out) {
  const bool negation = node.text == "not";
  const Node* operand = &node;
  for (; operand->kind == NodeKind::unary && operand->text == node.text;
       operand = &operand->children.at(0))
    out += negation ? "not " : node.text;
  print_operand(*operand, negation ? Level::negation : Level::unary, out);
}

void print(const Node& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::name:
    case NodeKind::integer:
    case NodeKind::decimal:
    case NodeKind::date:
    case NodeKind::annual_date:
    case NodeKind::boolean:
      out += node.text;
      break;
    case NodeKind::percent:
      out += node.text;
      out += '%';
      break;
    case NodeKind::duration:
      out += node.text;
      out += ' ';
      out += node.children.at(0).text;
      break;
    case NodeKind::string:
      print_string_literal(node.text, out);
      break;
    case NodeKind::none:
      out += "—";
      break;
    case NodeKind::end_of_month:
      out += "end of month ";
      print(node.children.at(0), out);
      break;
    case NodeKind::month_window:
      if (node.children.size() == 1) {
        out += "month ";
        print(node.children[0], out);
      } else {
        out += "months ";
        print(node.children.at(0), out);
        out += "..";
        print(node.children.at(1), out);
      }
      break;
    case NodeKind::all_of_kind:
      out += "all ";
      print(node.children.at(0), out);
      if (node.children.size() > 1) {
        out += " within ";
        print_operand(node.children[1], Level::primary, out);
      }
      break;
    case NodeKind::conditional:
      out += "if ";
      print(node.children.at(0), out);
      out += " then ";
      print(node.children.at(1), out);
      out += " else ";
      print(node.children.at(2), out);
      break;
    case NodeKind::unary:
      print_unary(node, out);
      break;
    case NodeKind::binary:
      print_binary(node, out);
      break;
    case NodeKind::range:
      print_operand(node.children.at(0), Level::primary, out);
      out += "..";
      print_operand(node.children.at(1), Level::primary, out);
      break;
    case NodeKind::call:
      out += node.text;
      out += '(';
      print_list(node.children, out);
      out += ')';
      break;
    case NodeKind::named_argument:
      out += node.text;
      out += ": ";
      print(node.children.at(0), out);
      break;
    case NodeKind::comprehension:
      out += node.text;
      out += " in ";
      print(node.children.at(0), out);
      out += " where ";
      print(node.children.at(1), out);
      break;
  }
}

// ---------------------------------------------------------------------------
// Statement lines

/// A statement's head (up to its `{`) in the pieces a long line may break
/// between, each joined to the one before by a space: a list breaks after
/// its commas, and a segment keyword (but `:` and `=`) and a citation start
/// a piece. The first piece starts with the keyword and its first argument.
std::vector<std::string> statement_pieces(const Statement& statement) {
  std::vector<std::string> pieces{statement.head.keyword};
  const auto list = [&](const std::vector<Node>& nodes) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (i > 0) {
        pieces.back() += ',';
        pieces.emplace_back();
      } else {
        pieces.back() += ' ';
      }
      print(nodes[i], pieces.back());
    }
  };
  list(statement.head.arguments);
  for (const auto& segment : statement.segments) {
    if (segment.keyword == ":" || segment.keyword == "=")
      pieces.back() += ' ';  // `: T` and `= v` stay with what they type or define
    else
      pieces.emplace_back();
    pieces.back() += segment.keyword;
    list(segment.arguments);
  }
  for (const auto& citation : statement.citations) {
    std::string& out = pieces.emplace_back("[");
    out += citation.clause;
    if (!citation.section.empty()) {
      out += ' ';
      out += citation.section;
    }
    out += ']';
  }
  if (statement.has_block) pieces.back() += " {";
  return pieces;
}

std::string joined(const std::vector<std::string>& pieces) {
  std::string out;
  for (const std::string& piece : pieces) {
    if (!out.empty()) out += ' ';
    out += piece;
  }
  return out;
}

bool is_and_or(const Node& node) {
  return node.kind == NodeKind::binary && (node.text == "and" || node.text == "or");
}

void chain_lines(const Chain& chain, const std::string& prefix, const std::string& continuation,
                 std::vector<std::string>& lines);

/// The `where` condition of a call's last argument when it is an and/or
/// chain (`any(m in G where a and b)`), else null.
const Node* comprehension_chain(const Node& node) {
  if (node.kind != NodeKind::call || node.children.empty()) return nullptr;
  const Node& last = node.children.back();
  if (last.kind != NodeKind::comprehension || !is_and_or(last.children.at(1))) return nullptr;
  return &last.children[1];
}

/// One operand of a broken chain, after `prefix`. An operand too wide for
/// the line breaks the same way when it is an and/or chain itself, or a
/// call whose last argument's `where` is one; its operators go 4 columns
/// deeper than `continuation`.
void operand_lines(const Node& operand, Level min, const std::string& prefix,
                   const std::string& continuation, std::vector<std::string>& lines) {
  std::string line = prefix;
  print_operand(operand, min, line);
  const Node* where = comprehension_chain(operand);
  if ((!is_and_or(operand) && !where) || detail::display_width(line) <= max_width) {
    lines.push_back(std::move(line));
    return;
  }
  const std::string deeper = continuation + std::string(continuation_indent, ' ');
  if (where) {
    // `any(` and the arguments up to the condition, which then breaks.
    std::string head = prefix + operand.text + '(';
    for (std::size_t i = 0; i + 1 < operand.children.size(); ++i) {
      print(operand.children[i], head);
      head += ", ";
    }
    const Node& comprehension = operand.children.back();
    head += comprehension.text + " in ";
    print(comprehension.children.at(0), head);
    head += " where ";
    chain_lines(flatten(*where), head, deeper, lines);
    lines.back() += ')';
    return;
  }
  const bool parens = level_of(operand) < min;
  chain_lines(flatten(operand), parens ? prefix + '(' : prefix, deeper, lines);
  if (parens) lines.back() += ')';
}

/// An and/or chain: the first operand after `prefix`, each other one on a
/// line of its own at `continuation`, starting with its operator. Each
/// operand prints as it would inside the unbroken chain, so breaking never
/// changes which parentheses are needed.
void chain_lines(const Chain& chain, const std::string& prefix, const std::string& continuation,
                 std::vector<std::string>& lines) {
  operand_lines(*chain.first, chain.level, prefix, continuation, lines);
  for (const Node* link : chain.links)
    operand_lines(link->children.at(1), tighter(chain.level), continuation + link->text + ' ',
                  continuation, lines);
}

/// The output lines of a statement's head (up to its `{`), indented.
std::vector<std::string> statement_lines(const Statement& statement, std::size_t depth) {
  const std::string indent(depth * indent_width, ' ');
  const std::string continuation = indent + std::string(continuation_indent, ' ');
  const std::vector<std::string> pieces = statement_pieces(statement);
  std::string whole = indent + joined(pieces);
  if (detail::display_width(whole) <= max_width) return {std::move(whole)};

  const auto& arguments = statement.head.arguments;
  if (arguments.empty() || !is_and_or(arguments.front())) {
    // Each line filled with as many pieces as fit; a piece wider than the
    // line stays whole.
    std::vector<std::string> lines{indent + pieces.front()};
    for (std::size_t i = 1; i < pieces.size(); ++i) {
      std::string& line = lines.back();
      if (detail::display_width(line) + 1 + detail::display_width(pieces[i]) <= max_width)
        line += ' ' + pieces[i];
      else
        lines.push_back(continuation + pieces[i]);
    }
    return lines;
  }

  // An and/or chain; the rest of the statement follows the last operand.
  const std::string first = indent + statement.head.keyword + ' ';
  const std::string tail = whole.substr(first.size() + format_expression(arguments.front()).size());
  std::vector<std::string> lines;
  chain_lines(flatten(arguments.front()), first, continuation, lines);
  lines.back() += tail;
  return lines;
}

// ---------------------------------------------------------------------------
// Layout: statements, comments and blank lines in source order

/// End of a statement's head: its last argument, segment or citation.
std::uint32_t head_end(const Statement& statement) {
  std::uint32_t end = statement.head.span.end;
  for (const auto& segment : statement.segments) end = std::max(end, segment.span.end);
  for (const auto& citation : statement.citations) end = std::max(end, citation.span.end);
  return end;
}

/// Offset of the `{` that opens a statement's block: only white space and
/// comments separate it from the head.
std::uint32_t open_brace(std::string_view text, std::uint32_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '{') return static_cast<std::uint32_t>(i);
    if (text[i] == '#') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
    }
  }
  return from;
}

class Layout {
 public:
  Layout(const syntax::PlanFile& file, std::string_view text)
      : comments_(file.comments), text_(text) {}

  std::string run(const std::vector<Statement>& statements) {
    block(statements, 0);
    comments_before(std::numeric_limits<std::uint32_t>::max(), 0);
    std::string out;
    for (const Line& line : lines_) {
      out += line.text;
      out += '\n';
    }
    return out;
  }

 private:
  struct Line {
    std::string text;  // empty for a blank line
    bool code = false;
    bool has_comment = false;
    bool opens_block = false;
  };

  static std::string indentation(std::size_t depth) {
    return std::string(depth * indent_width, ' ');
  }

  void block(const std::vector<Statement>& statements, std::size_t depth) {
    for (const Statement& statement : statements) {
      comments_before(statement.span.begin, depth);
      emit_statement(statement, depth);
    }
  }

  /// A blank line when the source has one between `from` and `to`, unless it
  /// would open the file or follow a `{` or another blank line.
  void separate(std::uint32_t from, std::uint32_t to) {
    if (lines_.empty() || lines_.back().text.empty() || lines_.back().opens_block) return;
    if (from >= to) return;
    const std::string_view gap = text_.substr(from, to - from);
    if (std::count(gap.begin(), gap.end(), '\n') >= 2) lines_.push_back(Line{});
  }

  void own_line_comment(const Comment& comment, std::size_t depth) {
    lines_.push_back(Line{indentation(depth) + comment.text, false, true, false});
    last_end_ = std::max(last_end_, comment.span.end);
  }

  /// Appends a trailing comment to the last line when that line is code
  /// without a comment yet; false when there is no such line.
  bool attach(const Comment& comment) {
    if (lines_.empty() || !lines_.back().code || lines_.back().has_comment) return false;
    attach_to(lines_.back(), comment);
    return true;
  }

  void attach_to(Line& line, const Comment& comment) {
    line.text += "  ";
    line.text += comment.text;
    line.has_comment = true;
    last_end_ = std::max(last_end_, comment.span.end);
  }

  /// Emits the comments that start before `limit` and are not printed yet.
  void comments_before(std::uint32_t limit, std::size_t depth) {
    while (next_ < comments_.size() && comments_[next_].span.begin < limit) {
      const Comment& comment = comments_[next_++];
      if (comment.own_line || !attach(comment)) {
        separate(last_end_, comment.span.begin);
        own_line_comment(comment, depth);
      }
    }
  }

  void emit_statement(const Statement& statement, std::size_t depth) {
    const std::uint32_t code_end = head_end(statement);
    const std::uint32_t brace = statement.has_block ? open_brace(text_, code_end) : code_end;
    // The `}` is the statement's last byte (when the block was closed).
    const std::uint32_t close = statement.has_block && statement.span.end > 0 &&
                                        statement.span.end <= text_.size() &&
                                        text_[statement.span.end - 1] == '}'
                                    ? statement.span.end - 1
                                    : statement.span.end;
    const std::uint32_t head_limit = statement.has_block ? brace + 1 : code_end;

    // Comments inside the head, plus a trailing comment after the `{`.
    std::size_t end = next_;
    while (end < comments_.size() && comments_[end].span.begin < head_limit) ++end;
    if (statement.has_block && end < comments_.size() && !comments_[end].own_line) {
      const std::uint32_t first_inner =
          statement.block.empty() ? close : statement.block.front().span.begin;
      if (comments_[end].span.begin < first_inner) ++end;
    }
    std::size_t trailing = next_;
    while (trailing < end && comments_[trailing].own_line) ++trailing;

    separate(last_end_, statement.span.begin);
    for (; next_ < trailing; ++next_) own_line_comment(comments_[next_], depth);

    const std::size_t first_line = lines_.size();
    for (std::string& text : statement_lines(statement, depth))
      lines_.push_back(Line{std::move(text), true, false, false});
    lines_.back().opens_block = statement.has_block;
    last_end_ = std::max(last_end_, head_limit);

    if (next_ < end) attach_to(lines_[first_line], comments_[next_++]);
    const std::size_t below = statement.has_block ? depth + 1 : depth;
    for (; next_ < end; ++next_) own_line_comment(comments_[next_], below);

    if (!statement.has_block) return;
    block(statement.block, depth + 1);
    comments_before(close, depth + 1);
    lines_.push_back(Line{indentation(depth) + "}", true, false, false});
    last_end_ = std::max(last_end_, close + 1);
  }

  const std::vector<Comment>& comments_;
  std::string_view text_;
  std::vector<Line> lines_;
  std::size_t next_ = 0;        // first comment not printed yet
  std::uint32_t last_end_ = 0;  // source end of what was printed last
};

}  // namespace

std::string format(const syntax::PlanFile& file, const SourceFile& source) {
  return Layout(file, source.text()).run(file.statements);
}

std::string format_expression(const syntax::Node& node) {
  std::string out;
  print(node, out);
  return out;
}

}  // namespace mandate
