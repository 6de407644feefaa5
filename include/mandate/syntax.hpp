// The syntax tree of a plan file, as parsed: position-tagged, uninterpreted.
// What a statement means is decided by the checker (check.hpp).
#pragma once

#include <mandate/source.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mandate::syntax {

enum class NodeKind : std::uint8_t {
  name,            // text = the name
  integer,         // text = digits
  decimal,         // text = digits.digits
  percent,         // text = number without '%'
  date,            // text = YYYY-MM-DD
  annual_date,     // text = MM-DD
  duration,        // text = number, children[0] = unit name node (days, weeks, …)
  string,          // text = decoded value
  boolean,         // text = "true" | "false"
  none,            // the dash of a quota cell
  end_of_month,    // children[0] = month integer
  month_window,    // children = first month [, last month]
  all_of_kind,     // children[0] = kind name [, children[1] = the body they are within]
  unary,           // text = operator ("-", "not"), children[0] = operand
  binary,          // text = operator, children = lhs, rhs
  range,           // children = first, last (a..b)
  call,            // text = function name, children = arguments
  named_argument,  // text = key, children[0] = value
  comprehension,   // text = variable, children = domain, condition
  conditional,     // children = condition, then, else (`if C then A else B`)
};

/// An expression node. One uniform tree type keeps the grammar free of
/// per-node attribute plumbing and lets the checker and formatter switch on
/// `kind`.
struct Node {
  NodeKind kind = NodeKind::name;
  std::string text;
  Span span{};
  std::vector<Node> children;

  Node() = default;
  Node(const Node&) = default;
  Node(Node&&) noexcept = default;
  Node& operator=(const Node&) = default;
  Node& operator=(Node&&) noexcept = default;
  /// Iterative, so that destroying a deep tree cannot exhaust the stack.
  ~Node();
};

/// Depth of the deepest path from `node` to a leaf (1 for a leaf); iterative.
[[nodiscard]] std::size_t depth(const Node& node);

/// A keyword with its comma-separated arguments: the head of a statement
/// (`stage 县区方案备案`) or one of its segments (`of 九大品牌`, `: count`).
struct Segment {
  std::string keyword;
  Span keyword_span{};
  std::vector<Node> arguments;
  Span span{};
};

/// `[B3a 三(一)3]`
struct Citation {
  std::string clause;   // B3a
  std::string section;  // 三(一)3, possibly empty
  Span span{};
};

struct Statement {
  Segment head;
  std::vector<Segment> segments;
  std::vector<Citation> citations;
  bool has_block = false;
  std::vector<Statement> block;
  Span span{};  // whole statement including its block
};

/// A `#` comment, kept so that the formatter can put it back.
struct Comment {
  std::string text;  // including the leading '#'
  Span span{};
  bool own_line = false;  // nothing but white space before it on its line
};

struct PlanFile {
  std::vector<Statement> statements;
  std::vector<Comment> comments;
};

}  // namespace mandate::syntax
