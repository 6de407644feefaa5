// Definitions of the plan grammar (docs/language.md §2). Included only by
// grammar.cpp: X3 definitions are expensive to compile, so exactly one
// translation unit pays for them.
#pragma once

#include "grammar.hpp"
#include "source/utf8.hpp"

#include <mandate/parse.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace mandate::parse_detail {

namespace grammar {

using syntax::Node;
using syntax::NodeKind;

// ---------------------------------------------------------------------------
// Positions

template <typename Context>
Span span_of(const Context& context, iterator_type first, iterator_type last) {
  const iterator_type base = x3::get<source_begin_tag>(context);
  return Span{static_cast<std::uint32_t>(first - base), static_cast<std::uint32_t>(last - base)};
}

/// Rule IDs deriving from this are named in grammar.hpp. Spans are set by
/// `raw[…][set_span{}]` around each rule body: X3 calls on_success with an
/// unused attribute for rules built by semantic actions, and `_where` only
/// gives the end of a match.
struct annotate_span {};

/// _val.span = the range matched by the raw[] this action is attached to.
struct set_span {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    x3::_val(context).span = span_of(context, range.begin(), range.end());
  }
};

}  // namespace grammar

// The rule IDs declared in grammar.hpp record spans too.
struct statement_header_id : grammar::annotate_span {};
struct expression_id : grammar::annotate_span {};

namespace grammar {

// ---------------------------------------------------------------------------
// Words. Custom primitives, because names are UTF-8 and the character
// classes of X3 are byte-wise.

/// Reads one word (a name-like token) and accepts it when `Accept` says so.
/// Attribute: the word's text.
template <typename Accept>
struct word_parser : x3::parser<word_parser<Accept>> {
  using attribute_type = std::string;
  static constexpr bool has_attribute = true;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext&,
             Attribute& attribute) const {
    x3::skip_over(first, last, context);
    const Iterator end = detail::scan_word(first, last);
    if (end == first) return false;
    const std::string_view word(first, static_cast<std::size_t>(end - first));
    if (!Accept{}(word)) return false;
    x3::traits::move_to(std::string(word), attribute);
    first = end;
    return true;
  }
};

struct accept_name {
  bool operator()(std::string_view word) const noexcept { return !is_reserved_word(word); }
};
struct accept_statement_keyword {
  bool operator()(std::string_view word) const noexcept { return is_statement_keyword(word); }
};
struct accept_segment_keyword {
  bool operator()(std::string_view word) const noexcept { return is_segment_keyword(word); }
};
/// Function names and named-argument keys may be expression words (`all`,
/// `count`) or segment words (`by:`), never statement keywords.
struct accept_function_word {
  bool operator()(std::string_view word) const noexcept { return !is_statement_keyword(word); }
};
struct accept_any_word {
  bool operator()(std::string_view) const noexcept { return true; }
};

/// Matches exactly one reserved word, as a whole word; no attribute.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;
  std::string_view word;
  explicit constexpr keyword_parser(std::string_view w) : word(w) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext&,
             Attribute&) const {
    x3::skip_over(first, last, context);
    const Iterator end = detail::scan_word(first, last);
    if (std::string_view(first, static_cast<std::size_t>(end - first)) != word) return false;
    first = end;
    return true;
  }
};

/// Succeeds (consuming nothing) unless a name character follows: keeps
/// `2018年` from reading as the number 2018 followed by a name.
struct no_name_char_follows : x3::parser<no_name_char_follows> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;
  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    return detail::scan_word_continue(first, last) == first;
  }
};

}  // namespace grammar
}  // namespace mandate::parse_detail

namespace boost::spirit::x3 {
// Name the custom primitives in "expected …" messages.
template <typename Accept>
struct get_info<mandate::parse_detail::grammar::word_parser<Accept>> {
  using result_type = std::string;
  std::string operator()(const mandate::parse_detail::grammar::word_parser<Accept>&) const {
    return "a name";
  }
};
// An action is named after what it parses.
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
template <typename Left, typename Right>
struct get_info<list<Left, Right>> {
  using result_type = std::string;
  std::string operator()(const list<Left, Right>& p) const { return what(p.left); }
};
template <typename Left, typename Right>
struct get_info<alternative<Left, Right>> {
  using result_type = std::string;
  std::string operator()(const alternative<Left, Right>& p) const {
    return what(p.left) + " or " + what(p.right);
  }
};
template <typename Subject>
struct get_info<optional<Subject>> {
  using result_type = std::string;
  std::string operator()(const optional<Subject>& p) const { return what(p.subject); }
};
template <typename Subject>
struct get_info<expect_directive<Subject>> {
  using result_type = std::string;
  std::string operator()(const expect_directive<Subject>& p) const { return what(p.subject); }
};
// A sequence is expected as a whole; name it after what it starts with.
template <typename Left, typename Right>
struct get_info<sequence<Left, Right>> {
  using result_type = std::string;
  std::string operator()(const sequence<Left, Right>& p) const { return what(p.left); }
};
template <typename Subject>
struct get_info<raw_directive<Subject>> {
  using result_type = std::string;
  std::string operator()(const raw_directive<Subject>& p) const { return what(p.subject); }
};
template <>
struct get_info<mandate::parse_detail::grammar::keyword_parser> {
  using result_type = std::string;
  std::string operator()(const mandate::parse_detail::grammar::keyword_parser& p) const {
    return "'" + std::string(p.word) + "'";
  }
};
}  // namespace boost::spirit::x3

namespace mandate::parse_detail {
namespace grammar {

inline constexpr word_parser<accept_name> name_word{};
inline constexpr word_parser<accept_statement_keyword> statement_keyword_word{};
inline constexpr word_parser<accept_segment_keyword> segment_keyword_word{};
inline constexpr word_parser<accept_function_word> function_word{};
inline constexpr word_parser<accept_any_word> any_word{};
inline constexpr no_name_char_follows word_end{};

constexpr keyword_parser kw(std::string_view word) { return keyword_parser(word); }

// ---------------------------------------------------------------------------
// Semantic actions

inline Node make_node(NodeKind kind, std::string text = {}) {
  Node node;
  node.kind = kind;
  node.text = std::move(text);
  return node;
}

/// _val = leaf of `kind` whose text is the matched range.
struct make_leaf {
  NodeKind kind;
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    x3::_val(context) = make_node(kind, std::string(range.begin(), range.end()));
  }
};

/// _val = the attribute (a Node) unchanged.
struct assign {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context) = std::move(x3::_attr(context));
  }
};

/// _val = Node(kind, text, [_val, _attr]): left-associative folding.
struct fold {
  NodeKind kind;
  const char* text;
  template <typename Context>
  void operator()(const Context& context) const {
    Node& value = x3::_val(context);
    Node combined = make_node(kind, text);
    combined.span = Span{value.span.begin, x3::_attr(context).span.end};
    combined.children.push_back(std::move(value));
    combined.children.push_back(std::move(x3::_attr(context)));
    value = std::move(combined);
  }
};

/// _val = Node(kind, text, [_attr]).
struct wrap {
  NodeKind kind;
  const char* text;
  template <typename Context>
  void operator()(const Context& context) const {
    Node node = make_node(kind, text);
    node.children.push_back(std::move(x3::_attr(context)));
    x3::_val(context) = std::move(node);
  }
};

/// `all KIND [within BODY]`: the kind, and the body when given.
struct make_all {
  template <typename Context>
  void operator()(const Context& context) const {
    Node node = make_node(NodeKind::all_of_kind, "all");
    node.children.push_back(std::move(boost::fusion::at_c<0>(x3::_attr(context))));
    if (auto& within = boost::fusion::at_c<1>(x3::_attr(context)))
      node.children.push_back(std::move(*within));
    x3::_val(context) = std::move(node);
  }
};

/// `if C then A else B`.
struct make_conditional {
  template <typename Context>
  void operator()(const Context& context) const {
    Node node = make_node(NodeKind::conditional, "if");
    node.children.push_back(std::move(boost::fusion::at_c<0>(x3::_attr(context))));
    node.children.push_back(std::move(boost::fusion::at_c<1>(x3::_attr(context))));
    node.children.push_back(std::move(boost::fusion::at_c<2>(x3::_attr(context))));
    x3::_val(context) = std::move(node);
  }
};

/// Appends _attr to _val.children.
struct push_child {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).children.push_back(std::move(x3::_attr(context)));
  }
};

struct set_text {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).text = std::move(x3::_attr(context));
  }
};

// ---------------------------------------------------------------------------
// Rules

struct disjunction_id : annotate_span {};
struct conjunction_id : annotate_span {};
struct negation_id : annotate_span {};
struct comparison_id : annotate_span {};
struct additive_id : annotate_span {};
struct multiplicative_id : annotate_span {};
struct unary_id : annotate_span {};
struct range_id : annotate_span {};
struct primary_id : annotate_span {};
struct literal_id : annotate_span {};
struct name_id : annotate_span {};
struct call_id : annotate_span {};
struct call_argument_id : annotate_span {};
struct integer_id : annotate_span {};
struct string_id;
struct segment_id : annotate_span {};
struct citation_id : annotate_span {};

const expression_type expression_rule = "an expression";
const x3::rule<disjunction_id, Node> disjunction = "an expression";
const x3::rule<conjunction_id, Node> conjunction = "an expression";
const x3::rule<negation_id, Node> negation = "an expression";
const x3::rule<comparison_id, Node> comparison = "an expression";
const x3::rule<additive_id, Node> additive = "an expression";
const x3::rule<multiplicative_id, Node> multiplicative = "an expression";
const x3::rule<unary_id, Node> unary = "an expression";
const x3::rule<range_id, Node> range = "an expression";
const x3::rule<primary_id, Node> primary = "a value, a name or '('";
const x3::rule<literal_id, Node> literal = "a literal";
const x3::rule<name_id, Node> name = "a name";
const x3::rule<call_id, Node> call = "a call";
const x3::rule<call_argument_id, Node> call_argument = "an argument";
const x3::rule<integer_id, Node> integer = "a whole number";
const x3::rule<string_id, std::string> string_text = "a string";
const x3::rule<segment_id, syntax::Segment> segment = "a segment";
const x3::rule<citation_id, syntax::Citation> citation = "a citation";
const statement_header_type statement_header_rule = "a statement";

const auto digit = x3::standard::char_('0', '9');
const auto number_text = +digit >> -(x3::lit('.') >> +digit);
const auto same_line_blank = x3::raw[*x3::standard::char_(" \t")];

// Literals. Each is a lexeme: no white space inside.
const auto date_literal = x3::lexeme[x3::raw[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >>
                                             '-' >> x3::repeat(2)[digit]] >>
                                     !digit >> word_end][make_leaf{NodeKind::date}];
const auto annual_date_literal =
    x3::lexeme[x3::raw[x3::repeat(2)[digit] >> '-' >> x3::repeat(2)[digit]] >> !digit >> word_end]
              [make_leaf{NodeKind::annual_date}];
const auto percent_literal = x3::lexeme[x3::raw[number_text] >> '%'][make_leaf{NodeKind::percent}];

struct make_duration {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& amount = boost::fusion::at_c<0>(x3::_attr(context));
    const auto& unit = boost::fusion::at_c<1>(x3::_attr(context));
    Node node = make_node(NodeKind::duration, amount);
    Node unit_node = make_node(NodeKind::name, unit);
    node.children.push_back(std::move(unit_node));
    x3::_val(context) = std::move(node);
  }
};
struct is_duration_unit {
  bool operator()(std::string_view w) const noexcept {
    return w == "day" || w == "days" || w == "week" || w == "weeks" || w == "month" ||
           w == "months" || w == "year" || w == "years";
  }
};
inline constexpr word_parser<is_duration_unit> duration_unit{};
const auto duration_amount = x3::rule<class duration_amount_id, std::string>{"a number"} =
    x3::lexeme[x3::raw[number_text >> word_end]];
const auto duration_literal = (duration_amount >> duration_unit)[make_duration{}];

struct make_number {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    std::string text(range.begin(), range.end());
    const bool decimal = text.find('.') != std::string::npos;
    x3::_val(context) = make_node(decimal ? NodeKind::decimal : NodeKind::integer, std::move(text));
  }
};
const auto number_literal = x3::lexeme[x3::raw[number_text] >> word_end][make_number{}];
const auto integer_def = x3::raw[x3::lexeme[x3::raw[+digit] >> !(x3::lit('.') >> digit) >> word_end]
                                           [make_leaf{NodeKind::integer}]][set_span{}];

const auto escape = x3::lit('\\') >
                    ((x3::lit('"') >> x3::attr('"')) | (x3::lit('\\') >> x3::attr('\\')) |
                     (x3::lit('n') >> x3::attr('\n')));
const auto string_text_def =
    x3::lexeme['"' > *(escape | (x3::standard::char_ - '"' - '\\' - '\n')) > '"'];

struct make_string {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context) = make_node(NodeKind::string, std::move(x3::_attr(context)));
  }
};
struct make_boolean {
  const char* text;
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context) = make_node(NodeKind::boolean, text);
  }
};
struct make_none {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context) = make_node(NodeKind::none, "—");
  }
};
// "—" (U+2014), or a lone "-" that ends a table cell.
const auto none_literal =
    (x3::lit("\xE2\x80\x94") |
     x3::lexeme['-' >> &(same_line_blank >>
                         (x3::lit(',') | '\n' | '\r' | '}' | '#' | x3::eoi))])[make_none{}];

const auto literal_def =
    x3::raw[date_literal | annual_date_literal | duration_literal | percent_literal |
            number_literal | string_text[make_string{}] | kw("true")[make_boolean{"true"}] |
            kw("false")[make_boolean{"false"}] | none_literal][set_span{}];

const auto name_def = x3::raw[name_word[([](const auto& context) {
  x3::_val(context) = make_node(NodeKind::name, std::move(x3::_attr(context)));
})]][set_span{}];

struct make_named_argument {
  template <typename Context>
  void operator()(const Context& context) const {
    auto& key = boost::fusion::at_c<0>(x3::_attr(context));
    auto& value = boost::fusion::at_c<1>(x3::_attr(context));
    Node node = make_node(NodeKind::named_argument, std::move(key));
    node.children.push_back(std::move(value));
    x3::_val(context) = std::move(node);
  }
};
struct make_comprehension {
  template <typename Context>
  void operator()(const Context& context) const {
    auto& variable = boost::fusion::at_c<0>(x3::_attr(context));
    auto& domain = boost::fusion::at_c<1>(x3::_attr(context));
    auto& condition = boost::fusion::at_c<2>(x3::_attr(context));
    Node node = make_node(NodeKind::comprehension, std::move(variable));
    node.children.push_back(std::move(domain));
    node.children.push_back(std::move(condition));
    x3::_val(context) = std::move(node);
  }
};

const auto call_argument_def = x3::raw[(name_word >> kw("in") > expression_rule > kw("where") >
                                        expression_rule)[make_comprehension{}] |
                                       (any_word >> ':' > expression_rule)[make_named_argument{}] |
                                       expression_rule[assign{}]][set_span{}];

const auto call_def = x3::raw[function_word[([](const auto& context) {
                                x3::_val(context) =
                                    make_node(NodeKind::call, std::move(x3::_attr(context)));
                              })] >>
                              '(' > -(call_argument[push_child{}] % ',') > ')'][set_span{}];

const auto primary_def =
    x3::raw[('(' > expression_rule > ')')[assign{}] |
            (kw("end") > kw("of") > kw("month") >
             integer)[wrap{NodeKind::end_of_month, "end of month"}] |
            (kw("months") > integer[wrap{NodeKind::month_window, "months"}] > ".." >
             integer[push_child{}]) |
            (kw("month") >> integer)[wrap{NodeKind::month_window, "month"}] |
            // `month` alone is the word (`every month`); the checker rejects it elsewhere.
            kw("month")[([](const auto& context) {
              x3::_val(context) = make_node(NodeKind::name, "month");
            })] |
            (kw("if") > expression_rule > kw("then") > expression_rule > kw("else") >
             expression_rule)[make_conditional{}] |
            call[assign{}] | (kw("all") > name >> -(kw("within") > primary))[make_all{}] |
            literal[assign{}] | name[assign{}]][set_span{}];

const auto range_def =
    x3::raw[primary[assign{}] >> -(".." > primary)[fold{NodeKind::range, ".."}]][set_span{}];
// Prefix operators are counted, not recursed into, so that `- - - … a` or
// `not not … a` cannot exhaust the stack however long the chain.
struct increment {
  template <typename Context>
  void operator()(const Context& context) const {
    ++x3::_val(context);
  }
};
/// Wraps the operand in `count` unary nodes of `op`, iteratively.
struct wrap_prefix {
  const char* op;
  template <typename Context>
  void operator()(const Context& context) const {
    const std::size_t count = boost::fusion::at_c<0>(x3::_attr(context));
    Node node = std::move(boost::fusion::at_c<1>(x3::_attr(context)));
    for (std::size_t i = 0; i < count; ++i) {
      Node wrapper = make_node(NodeKind::unary, op);
      wrapper.span = node.span;
      wrapper.children.push_back(std::move(node));
      node = std::move(wrapper);
    }
    x3::_val(context) = std::move(node);
  }
};
const x3::rule<class minus_prefix_id, std::size_t> minus_prefix = "'-'";
const auto minus_prefix_def = +x3::lit('-')[increment{}];
const x3::rule<class not_prefix_id, std::size_t> not_prefix = "'not'";
const auto not_prefix_def = +kw("not")[increment{}];

const auto unary_def =
    x3::raw[(minus_prefix >> range)[wrap_prefix{"-"}] | range[assign{}]][set_span{}];
const auto multiplicative_def =
    x3::raw[unary[assign{}] >> *(('*' > unary)[fold{NodeKind::binary, "*"}] |
                                 ('/' > unary)[fold{NodeKind::binary, "/"}])][set_span{}];
const auto additive_def =
    x3::raw[multiplicative[assign{}] >> *(('+' > multiplicative)[fold{NodeKind::binary, "+"}] |
                                          ('-' >> multiplicative)[fold{NodeKind::binary, "-"}])]
           [set_span{}];
const auto comparison_def =
    x3::raw[additive[assign{}] >>
            -(((x3::lit("<=") | "\xE2\x89\xA4") > additive)[fold{NodeKind::binary, "<="}] |
              ((x3::lit(">=") | "\xE2\x89\xA5") > additive)[fold{NodeKind::binary, ">="}] |
              ((x3::lit("!=") | "\xE2\x89\xA0") > additive)[fold{NodeKind::binary, "!="}] |
              (x3::lit("==") > additive)[fold{NodeKind::binary, "=="}] |
              ('<' > additive)[fold{NodeKind::binary, "<"}] |
              ('>' > additive)[fold{NodeKind::binary, ">"}])][set_span{}];
const auto negation_def =
    x3::raw[(not_prefix > comparison)[wrap_prefix{"not"}] | comparison[assign{}]][set_span{}];
const auto conjunction_def =
    x3::raw[negation[assign{}] >> *(kw("and") > negation)[fold{NodeKind::binary, "and"}]]
           [set_span{}];
const auto disjunction_def =
    x3::raw[conjunction[assign{}] >> *(kw("or") > conjunction)[fold{NodeKind::binary, "or"}]]
           [set_span{}];
const auto expression_rule_def = x3::raw[disjunction[assign{}]][set_span{}];

// Statements -----------------------------------------------------------------

struct set_keyword {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    x3::_val(context).keyword.assign(range.begin(), range.end());
    x3::_val(context).keyword_span = span_of(context, range.begin(), range.end());
  }
};
struct push_argument {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).arguments.push_back(std::move(x3::_attr(context)));
  }
};

// After ':' and 'per' comes a type or kind word, which may be a statement
// keyword (`: body`, `per programme`), so it is read as a plain word.
struct type_term_id : annotate_span {};
const x3::rule<type_term_id, Node> type_term = "a type or kind";
struct mark_call {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).kind = NodeKind::call;
  }
};
// `count`, `body`, `list(body)`, `choice(min, max, dense)`.
const auto type_term_def =
    x3::raw[any_word[([](const auto& context) {
              x3::_val(context) = make_node(NodeKind::name, std::move(x3::_attr(context)));
            })] >>
            -(('(' > (type_term[push_child{}] % ',') > ')')[mark_call{}])][set_span{}];

const auto segment_def =
    x3::raw[(x3::raw[x3::lit(':')][set_keyword{}] > type_term[push_argument{}]) |
            (x3::raw[kw("per")][set_keyword{}] > (type_term[push_argument{}] % ',')) |
            (x3::raw[segment_keyword_word | (x3::lit('=') >> !x3::lit('='))][set_keyword{}] >>
             -(expression_rule[push_argument{}] % ','))][set_span{}];

struct set_clause {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    x3::_val(context).clause.assign(range.begin(), range.end());
  }
};
struct set_section {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    std::string text(range.begin(), range.end());
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    x3::_val(context).section = std::move(text);
  }
};
const auto clause_id = x3::rule<class clause_id_id>{"a clause ID such as B3a"} =
    x3::standard::char_('A', 'Z') >>
    *(x3::standard::char_('A', 'Z') | x3::standard::char_('a', 'z') | digit);
const auto closing_bracket = x3::rule<class closing_bracket_id>{"']' on the same line"} =
    x3::lit(']');
const auto citation_def =
    x3::raw[x3::lexeme['[' >> same_line_blank > x3::raw[clause_id][set_clause{}] >>
                       same_line_blank > x3::raw[*(x3::standard::char_ - ']' - '\n')]
                                                [set_section{}] > closing_bracket]][set_span{}];

struct set_head_keyword {
  template <typename Context>
  void operator()(const Context& context) const {
    const auto& range = x3::_attr(context);
    x3::_val(context).head.keyword.assign(range.begin(), range.end());
    x3::_val(context).head.keyword_span = span_of(context, range.begin(), range.end());
  }
};
struct push_head_argument {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).head.arguments.push_back(std::move(x3::_attr(context)));
  }
};
struct push_segment {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).segments.push_back(std::move(x3::_attr(context)));
  }
};
struct push_citation {
  template <typename Context>
  void operator()(const Context& context) const {
    x3::_val(context).citations.push_back(std::move(x3::_attr(context)));
  }
};
struct close_head {
  template <typename Context>
  void operator()(const Context& context) const {
    auto& head = x3::_val(context).head;
    head.span = head.keyword_span;
    if (!head.arguments.empty()) head.span.end = head.arguments.back().span.end;
  }
};

const auto statement_header_rule_def =
    x3::raw[x3::raw[statement_keyword_word][set_head_keyword{}] >>
            -(expression_rule[push_head_argument{}] % ',') >> x3::eps[close_head{}] >>
            *segment[push_segment{}] >> *citation[push_citation{}]][set_span{}];

BOOST_SPIRIT_DEFINE(disjunction, conjunction, negation, comparison, additive, multiplicative, unary,
                    range, primary, literal, name, call, call_argument, integer, string_text,
                    type_term, segment, citation, minus_prefix, not_prefix)

}  // namespace grammar

// The entry rules' IDs live in this namespace, so their parse_rule must too
// (it is found by argument-dependent lookup on the ID).
using grammar::expression_rule;
using grammar::expression_rule_def;
using grammar::statement_header_rule;
using grammar::statement_header_rule_def;
BOOST_SPIRIT_DEFINE(expression_rule, statement_header_rule)

const statement_header_type& statement_header() { return grammar::statement_header_rule; }
const expression_type& expression() { return grammar::expression_rule; }

}  // namespace mandate::parse_detail
