// Tests of stage 1, text → syntax tree (docs/language.md §1, §2, §4, §7).
#include <mandate/diagnostic.hpp>
#include <mandate/parse.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

using mandate::Code;
using mandate::Diagnostic;
using mandate::ParseLimits;
using mandate::ParseResult;
using mandate::Position;
using mandate::SourceFile;
using mandate::Span;
using mandate::syntax::Node;
using mandate::syntax::NodeKind;
using mandate::syntax::Segment;
using mandate::syntax::Statement;

namespace {

// ---------------------------------------------------------------------------
// Helpers

struct Parsed {
  std::unique_ptr<SourceFile> source;
  ParseResult result;

  [[nodiscard]] std::string_view text() const { return source->text(); }
  [[nodiscard]] std::string_view slice(Span span) const {
    return text().substr(span.begin, span.end - span.begin);
  }
  [[nodiscard]] const std::vector<Statement>& statements() const { return result.file.statements; }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return result.diagnostics; }
  [[nodiscard]] std::string rendered() const {
    std::string out;
    for (const Diagnostic& d : result.diagnostics) out += mandate::render(d, *source);
    return out;
  }
  /// Position of the first occurrence of `needle` at or after `from`.
  [[nodiscard]] Position position_of(std::string_view needle, std::size_t from = 0) const {
    const std::size_t at = text().find(needle, from);
    REQUIRE(at != std::string_view::npos);
    return source->position(static_cast<std::uint32_t>(at));
  }
};

Parsed parse_text(std::string text, const ParseLimits& limits = {}) {
  Parsed parsed;
  parsed.source = std::make_unique<SourceFile>("test.plan", std::move(text));
  parsed.result = mandate::parse(*parsed.source, limits);
  return parsed;
}

/// Parses text that must be well-formed.
Parsed parse_ok(std::string text) {
  Parsed parsed = parse_text(std::move(text));
  INFO("diagnostics:\n" << parsed.rendered());
  CHECK(parsed.diagnostics().empty());
  return parsed;
}

/// The tree shape of an expression, Lisp-style: (op lhs rhs).
std::string sexpr(const Node& node) {
  auto children = [&node](std::size_t from = 0) {
    std::string out;
    for (std::size_t i = from; i < node.children.size(); ++i) out += " " + sexpr(node.children[i]);
    return out;
  };
  switch (node.kind) {
    case NodeKind::name:
      return node.text;
    case NodeKind::integer:
      return node.text;
    case NodeKind::decimal:
      return node.text;
    case NodeKind::percent:
      return node.text + "%";
    case NodeKind::date:
      return "date:" + node.text;
    case NodeKind::annual_date:
      return "annual:" + node.text;
    case NodeKind::duration:
      return "(duration " + node.text + children() + ")";
    case NodeKind::string:
      return "\"" + node.text + "\"";
    case NodeKind::boolean:
      return node.text;
    case NodeKind::none:
      return "none";
    case NodeKind::end_of_month:
      return "(end_of_month" + children() + ")";
    case NodeKind::month_window:
      return std::string(node.children.size() == 1 ? "(month" : "(months") + children() + ")";
    case NodeKind::all_of_kind:
      return "(all" + children() + ")";
    case NodeKind::unary:
      return "(" + node.text + children() + ")";
    case NodeKind::binary:
      return "(" + node.text + children() + ")";
    case NodeKind::range:
      return "(.." + children() + ")";
    case NodeKind::conditional:
      return "(if" + children() + ")";
    case NodeKind::call:
      return "(call:" + node.text + children() + ")";
    case NodeKind::named_argument:
      return "(" + node.text + ":" + children() + ")";
    case NodeKind::comprehension:
      return "(for " + node.text + children() + ")";
  }
  return "?";
}

/// Parses `require EXPRESSION` and returns the expression.
struct ParsedExpression {
  Parsed parsed;
  [[nodiscard]] const Node& node() const { return parsed.statements().at(0).head.arguments.at(0); }
  [[nodiscard]] std::string shape() const { return sexpr(node()); }
};

ParsedExpression parse_expression(const std::string& expression) {
  ParsedExpression e{parse_text("require " + expression + "\n")};
  INFO("expression: " << expression << "\ndiagnostics:\n" << e.parsed.rendered());
  REQUIRE(e.parsed.diagnostics().empty());
  REQUIRE(e.parsed.statements().size() == 1);
  const Statement& statement = e.parsed.statements()[0];
  CHECK(statement.segments.empty());
  REQUIRE(statement.head.arguments.size() == 1);
  return e;
}

std::string shape(const std::string& expression) { return parse_expression(expression).shape(); }

std::vector<std::string> segment_keywords(const Statement& statement) {
  std::vector<std::string> out;
  for (const Segment& segment : statement.segments) out.push_back(segment.keyword);
  return out;
}

std::vector<std::string> shapes(const std::vector<Node>& nodes) {
  std::vector<std::string> out;
  for (const Node& node : nodes) out.push_back(sexpr(node));
  return out;
}

using Strings = std::vector<std::string>;

/// Checks one diagnostic's code and (character-based) position.
void check_diagnostic(const Parsed& parsed, std::size_t index, Code code, std::uint32_t line,
                      std::uint32_t column) {
  INFO("diagnostics:\n" << parsed.rendered());
  REQUIRE(parsed.diagnostics().size() > index);
  const Diagnostic& d = parsed.diagnostics()[index];
  CHECK(d.code == code);
  CHECK(d.severity == mandate::Severity::error);
  CHECK(d.file == "test.plan");
  CHECK(d.position.line == line);
  CHECK(d.position.column == column);
  CHECK(d.position == parsed.source->position(d.span.begin));
  CHECK(d.span.begin <= d.span.end);
  CHECK(d.span.end <= parsed.text().size());
  CHECK_FALSE(d.message.empty());
}

/// Runs `work` in a child process and returns its exit status (as from
/// waitpid), so that a crash or a stack overflow fails one check instead of
/// the whole test run.
int run_isolated(const std::function<int()>& work) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Die of the signal rather than let doctest's crash handler report it
    // and go on running the remaining tests in the child.
    for (const int signal_number : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE}) {
      std::signal(signal_number, SIG_DFL);
    }
    int code = 3;
    try {
      code = work();
    } catch (...) {
      code = 4;
    }
    _exit(code);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  return status;
}

/// Parses `text` in a child process; the child exits with 0 when the parse
/// returned with at least one diagnostic, 1 when it returned without any.
int parse_isolated(const std::string& text) {
  return run_isolated([&text] {
    const SourceFile source("hostile.plan", text);
    const ParseResult result = mandate::parse(source);
    return result.diagnostics.empty() ? 1 : 0;
  });
}

bool exited_normally(int status) { return WIFEXITED(status); }
std::string describe(int status) {
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

constexpr std::size_t one_megabyte = 1 << 20;

}  // namespace

// ===========================================================================
// Reserved words

TEST_CASE("reserved words match docs/language.md section 7") {
  std::ifstream in(MANDATE_SOURCE_DIR "/docs/language.md");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::size_t section = doc.find("## 7. Reserved words");
  REQUIRE(section != std::string::npos);
  const std::size_t section_end = doc.find("## 8.", section);
  REQUIRE(section_end != std::string::npos);

  // Words between backticks after a label, until the next label.
  auto words_after = [&](std::string_view label) {
    const std::size_t from = doc.find(label, section);
    REQUIRE(from < section_end);
    const std::size_t to = std::min(doc.find("\n\n", from), section_end);
    std::vector<std::string> words;
    std::size_t at = from;
    while ((at = doc.find('`', at)) < to) {
      const std::size_t close = doc.find('`', at + 1);
      std::istringstream list(doc.substr(at + 1, close - at - 1));
      for (std::string word; list >> word;) words.push_back(word);
      at = close + 1;
    }
    return words;
  };

  const auto statement_words = words_after("Statement keywords:");
  CHECK(statement_words.size() >= 50);
  for (const std::string& word : statement_words) {
    INFO("statement keyword: " << word);
    CHECK(mandate::is_statement_keyword(word));
    CHECK(mandate::is_reserved_word(word));
    CHECK_FALSE(mandate::is_segment_keyword(word));
  }
  for (const std::string& word : words_after("Segment keywords:")) {
    if (word == ":" || word == "=") continue;  // punctuation segments
    INFO("segment keyword: " << word);
    CHECK(mandate::is_segment_keyword(word));
    CHECK(mandate::is_reserved_word(word));
    CHECK_FALSE(mandate::is_statement_keyword(word));
  }
  const auto expression_words = words_after("Expression words:");
  CHECK(expression_words.size() == 13);  // with if, then, else
  for (const std::string& word : expression_words) {
    INFO("expression word: " << word);
    CHECK(mandate::is_reserved_word(word));
    CHECK_FALSE(mandate::is_statement_keyword(word));
    CHECK_FALSE(mandate::is_segment_keyword(word));
  }
}

TEST_CASE("ordinary words are not reserved") {
  for (const char* word :
       {"count", "average", "holds", "rank", "size", "rolling", "percent", "number", "days",
        "plaque", "required", "市综治办", "Plan", "planning", "stages", ""}) {
    INFO("word: " << std::string(word));
    CHECK_FALSE(mandate::is_reserved_word(word));
  }
}

// ===========================================================================
// Literals

TEST_CASE("literal: integers and decimals") {
  for (const char* text : {"10", "2018", "0"}) {
    const auto e = parse_expression(text);
    CHECK(e.node().kind == NodeKind::integer);
    CHECK(e.node().text == text);
  }
  for (const char* text : {"2.5", "91.20", "0.05"}) {
    const auto e = parse_expression(text);
    CHECK(e.node().kind == NodeKind::decimal);
    CHECK(e.node().text == text);
  }
}

TEST_CASE("literal: percentages") {
  for (auto [text, value] :
       {std::pair{"90%", "90"}, std::pair{"91.20%", "91.20"}, std::pair{"100%", "100"}}) {
    const auto e = parse_expression(text);
    CHECK(e.node().kind == NodeKind::percent);
    CHECK(e.node().text == value);
    CHECK(e.parsed.slice(e.node().span) == text);
  }
}

TEST_CASE("literal: dates and annual dates") {
  {
    const auto e = parse_expression("2018-02-27");
    CHECK(e.node().kind == NodeKind::date);
    CHECK(e.node().text == "2018-02-27");
  }
  {
    // The parser takes any YYYY-MM-DD; whether the day exists is the checker's.
    const auto e = parse_expression("2018-02-30");
    CHECK(e.node().kind == NodeKind::date);
    CHECK(e.node().text == "2018-02-30");
  }
  {
    const auto e = parse_expression("03-20");
    CHECK(e.node().kind == NodeKind::annual_date);
    CHECK(e.node().text == "03-20");
  }
}

TEST_CASE("literal: end of month") {
  const auto e = parse_expression("end of month 11");
  CHECK(e.node().kind == NodeKind::end_of_month);
  REQUIRE(e.node().children.size() == 1);
  CHECK(e.node().children[0].kind == NodeKind::integer);
  CHECK(e.node().children[0].text == "11");
  CHECK(e.parsed.slice(e.node().span) == "end of month 11");
  CHECK(shape("end   of\nmonth 2") == "(end_of_month 2)");
}

TEST_CASE("literal: durations") {
  for (auto [text, amount, unit] :
       {std::tuple{"20 days", "20", "days"}, std::tuple{"2 weeks", "2", "weeks"},
        std::tuple{"6 months", "6", "months"}, std::tuple{"1 year", "1", "year"},
        std::tuple{"1 day", "1", "day"}, std::tuple{"3 years", "3", "years"}}) {
    const std::string shown(text);  // INFO captures it: clang 14 cannot capture a binding
    INFO("text: " << shown);
    const auto e = parse_expression(text);
    CHECK(e.node().kind == NodeKind::duration);
    CHECK(e.node().text == amount);
    REQUIRE(e.node().children.size() == 1);
    CHECK(e.node().children[0].text == unit);
    CHECK(e.parsed.slice(e.node().span) == text);
  }
}

TEST_CASE("literal: month windows") {
  {
    const auto e = parse_expression("month 12");
    CHECK(e.node().kind == NodeKind::month_window);
    REQUIRE(e.node().children.size() == 1);
    CHECK(e.node().children[0].kind == NodeKind::integer);
    CHECK(e.node().children[0].text == "12");
    CHECK(e.parsed.slice(e.node().span) == "month 12");
  }
  {
    const auto e = parse_expression("months 4..10");
    CHECK(e.node().kind == NodeKind::month_window);
    REQUIRE(e.node().children.size() == 2);
    CHECK(e.node().children[0].text == "4");
    CHECK(e.node().children[1].text == "10");
    CHECK(e.parsed.slice(e.node().span) == "months 4..10");
  }
  CHECK(shape("months 4 .. 10") == "(months 4 10)");
}

TEST_CASE("literal: windows and year ranges") {
  {
    const auto e = parse_expression("09-11..09-30");
    CHECK(e.node().kind == NodeKind::range);
    CHECK(e.shape() == "(.. annual:09-11 annual:09-30)");
    CHECK(e.parsed.slice(e.node().span) == "09-11..09-30");
  }
  CHECK(shape("2018-01-01..2018-06-30") == "(.. date:2018-01-01 date:2018-06-30)");
  {
    const auto e = parse_expression("2018..2020");
    CHECK(e.shape() == "(.. 2018 2020)");
    CHECK(e.node().children[0].kind == NodeKind::integer);
    CHECK(e.node().children[1].kind == NodeKind::integer);
  }
  CHECK(shape("2018 .. 2020") == "(.. 2018 2020)");
}

TEST_CASE("literal: strings and escapes") {
  CHECK(parse_expression("\"平安商洛\"").node().kind == NodeKind::string);
  CHECK(parse_expression("\"平安商洛\"").node().text == "平安商洛");
  CHECK(parse_expression("\"\"").node().text.empty());
  {
    const auto e = parse_expression(R"("a\"b\\c\nd")");
    CHECK(e.node().kind == NodeKind::string);
    CHECK(e.node().text == "a\"b\\c\nd");
    CHECK(e.parsed.slice(e.node().span) == R"("a\"b\\c\nd")");
  }
  // '#' inside a string is not a comment.
  const Parsed p = parse_ok("kind 市 label \"#1 市级\" # a comment\n");
  REQUIRE(p.statements().size() == 1);
  REQUIRE(p.statements()[0].segments.size() == 1);
  CHECK(p.statements()[0].segments[0].arguments.at(0).text == "#1 市级");
  REQUIRE(p.result.file.comments.size() == 1);
  CHECK(p.result.file.comments[0].text == "# a comment");
}

TEST_CASE("literal: booleans") {
  for (const char* text : {"true", "false"}) {
    const auto e = parse_expression(text);
    CHECK(e.node().kind == NodeKind::boolean);
    CHECK(e.node().text == text);
  }
  // A name that starts with a boolean is a name.
  CHECK(parse_expression("trueness").node().kind == NodeKind::name);
}

TEST_CASE("literal: none cells in quota rows") {
  const Parsed p = parse_ok(
      "quota 县区示范点配额 [Q1 附件] {\n"
      "  row 商州区 = 1, —, 3\n"
      "  row 洛南县 = -, 2, -\n"
      "  row 丹凤县 = 1, -  # none, with a comment\n"
      "  row 商南县 = —\n"
      "  row 山阳县 = 2, -}\n"
      "row 镇安县 = 1, -");
  REQUIRE(p.statements().size() == 2);
  const auto& rows = p.statements()[0].block;
  REQUIRE(rows.size() == 5);
  auto cells = [](const Statement& row) {
    REQUIRE(row.segments.size() == 1);
    CHECK(row.segments[0].keyword == "=");
    return shapes(row.segments[0].arguments);
  };
  CHECK(cells(rows[0]) == Strings{"1", "none", "3"});
  CHECK(cells(rows[1]) == Strings{"none", "2", "none"});
  CHECK(cells(rows[2]) == Strings{"1", "none"});
  CHECK(cells(rows[3]) == Strings{"none"});
  CHECK(cells(rows[4]) == Strings{"2", "none"});
  CHECK(cells(p.statements()[1]) == Strings{"1", "none"});
  CHECK(rows[0].segments[0].arguments[1].kind == NodeKind::none);
  CHECK(p.slice(rows[0].segments[0].arguments[1].span) == "—");
  CHECK(p.slice(rows[1].segments[0].arguments[0].span) == "-");
}

// ===========================================================================
// Names

TEST_CASE("names: official Chinese names are one name") {
  for (const char* name :
       {"商洛高新区（商丹园区）", "市创建“平安商洛”领导小组", "严打整治·共建平安", "市委、市政府",
        "金秋进万家·入户送平安", "全省平安建设先进县（区）", "后N位", "B3a", "_private", "x1",
        "两率一度"}) {
    INFO("name: " << std::string(name));
    const auto e = parse_expression(name);
    CHECK(e.node().kind == NodeKind::name);
    CHECK(e.node().text == name);
    CHECK(e.parsed.slice(e.node().span) == name);
  }
}

TEST_CASE("names: separators end a name") {
  {
    // The ideographic space is white space.
    const Parsed p = parse_ok("obligated\u3000市综治办\u3000to\u3000商州区\n");
    REQUIRE(p.statements().size() == 1);
    CHECK(shapes(p.statements()[0].head.arguments) == Strings{"市综治办"});
    CHECK(segment_keywords(p.statements()[0]) == Strings{"to"});
  }
  {
    // ASCII punctuation ends a name.
    const Parsed p = parse_ok("obligated 市综治办,商州区\n");
    CHECK(shapes(p.statements()[0].head.arguments) == Strings{"市综治办", "商州区"});
  }
  // The full-width comma, full stop, colon and semicolon end a name (and are
  // not tokens of the language).
  for (const char* separator : {"，", "。", "：", "；"}) {
    INFO("separator: " << std::string(separator));
    const Parsed p = parse_text(std::string("obligated 市综治办") + separator + "商州区\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 15);
  }
  // The dash ends a name: "甲—" is the name 甲 followed by a none cell.
  {
    const Parsed p = parse_text("row 甲 = 乙—\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 10);
    CHECK(p.slice(p.diagnostics()[0].span) == "—");
  }
}

TEST_CASE("names: a number glued to a name is not a number") {
  const Parsed p = parse_text("issued 2018年\n");
  REQUIRE_FALSE(p.diagnostics().empty());
  CHECK(p.diagnostics()[0].code == Code::syntax);
  CHECK(p.diagnostics()[0].position.line == 1);
}

// ===========================================================================
// Expressions

TEST_CASE("expressions: arithmetic precedence and associativity") {
  CHECK(shape("a + b * c") == "(+ a (* b c))");
  CHECK(shape("a * b + c") == "(+ (* a b) c)");
  CHECK(shape("a - b - c") == "(- (- a b) c)");
  CHECK(shape("a / b * c") == "(* (/ a b) c)");
  CHECK(shape("(a + b) * c") == "(* (+ a b) c)");
  CHECK(shape("参与数 / 应参与数") == "(/ 参与数 应参与数)");
  CHECK(shape("size(全省县区) - 后N位") == "(- (call:size 全省县区) 后N位)");
  CHECK(shape("1+2*3-4/5") == "(- (+ 1 (* 2 3)) (/ 4 5))");
}

TEST_CASE("expressions: MM-DD without spaces is an annual date, anything else subtracts") {
  CHECK(shape("12-31") == "annual:12-31");
  CHECK(shape("12 - 31") == "(- 12 31)");
  CHECK(shape("12-3") == "(- 12 3)");
  CHECK(shape("a-b") == "(- a b)");
  CHECK(shape("2018-02-27 - 2018") == "(- date:2018-02-27 2018)");
}

TEST_CASE("expressions: unary minus") {
  CHECK(shape("-a") == "(- a)");
  CHECK(shape("- 5") == "(- 5)");
  CHECK(shape("-a * b") == "(* (- a) b)");
  CHECK(shape("a - -b") == "(- a (- b))");
  CHECK(shape("--a") == "(- (- a))");
  CHECK(shape("-(a + b)") == "(- (+ a b))");
  CHECK(shape("-2.5%") == "(- 2.5%)");
  // unary = "-" unary | range: the minus applies to the whole range.
  CHECK(shape("-1..3") == "(- (.. 1 3))");
  const auto e = parse_expression("-a");
  CHECK(e.node().kind == NodeKind::unary);
  CHECK(e.node().text == "-");
}

TEST_CASE("expressions: not, and, or precedence") {
  CHECK(shape("a and b or c") == "(or (and a b) c)");
  CHECK(shape("a or b and c") == "(or a (and b c))");
  CHECK(shape("not a and b or c") == "(or (and (not a) b) c)");
  CHECK(shape("a or b and not c") == "(or a (and b (not c)))");
  CHECK(shape("not not a") == "(not (not a))");
  CHECK(shape("not a < b") == "(not (< a b))");
  CHECK(shape("a and b and c") == "(and (and a b) c)");
  CHECK(shape("a or b or c") == "(or (or a b) c)");
  CHECK(shape("not (a or b)") == "(not (or a b))");
  CHECK(shape("a + 1 >= b * 2 and c") == "(and (>= (+ a 1) (* b 2)) c)");
  const auto e = parse_expression("not a");
  CHECK(e.node().kind == NodeKind::unary);
  CHECK(e.node().text == "not");
  const auto b = parse_expression("a and b");
  CHECK(b.node().kind == NodeKind::binary);
  CHECK(b.node().text == "and");
  // A name that starts with a reserved word is a name.
  CHECK(shape("notable and order") == "(and notable order)");
}

TEST_CASE("expressions: comparison operators") {
  for (auto [text, expected] : {
           std::pair{"a < b", "(< a b)"},
           std::pair{"a <= b", "(<= a b)"},
           std::pair{"a > b", "(> a b)"},
           std::pair{"a >= b", "(>= a b)"},
           std::pair{"a == b", "(== a b)"},
           std::pair{"a != b", "(!= a b)"},
           std::pair{"a ≤ b", "(<= a b)"},
           std::pair{"a ≥ b", "(>= a b)"},
           std::pair{"a ≠ b", "(!= a b)"},
           std::pair{"a≥b", "(>= a b)"},
           std::pair{"覆盖率≥100%", "(>= 覆盖率 100%)"},
           std::pair{"a<b", "(< a b)"},
           std::pair{"a + 1 < b - 1", "(< (+ a 1) (- b 1))"},
       }) {
    const std::string shown(text);  // INFO captures it: clang 14 cannot capture a binding
    INFO("text: " << shown);
    const auto e = parse_expression(text);
    CHECK(e.shape() == expected);
    CHECK(e.node().kind == NodeKind::binary);
  }
}

TEST_CASE("expressions: comparisons do not chain") {
  const Parsed p = parse_text("require a < b < c\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 15);
}

TEST_CASE("expressions: calls with positional and named arguments") {
  CHECK(shape("f()") == "(call:f)");
  CHECK(shape("size(全省县区)") == "(call:size 全省县区)");
  CHECK(shape("average(两率一度, over: 全省县区)") == "(call:average 两率一度 (over: 全省县区))");
  CHECK(shape("rank(两率一度, among: 全省县区, order: descending, ties: min)") ==
        "(call:rank 两率一度 (among: 全省县区) (order: descending) (ties: min))");
  CHECK(shape("count(部署会议, by: 市委、市政府, within: rolling(365 days))") ==
        "(call:count 部署会议 (by: 市委、市政府) (within: (call:rolling (duration 365 days))))");
  CHECK(shape("count(通报, within: calendar_year)") == "(call:count 通报 (within: calendar_year))");
  CHECK(shape("holds(全省平安建设先进县（区）)") == "(call:holds 全省平安建设先进县（区）)");
  CHECK(shape("holds(全省平安建设先进县（区）, 商州区)") ==
        "(call:holds 全省平安建设先进县（区） 商州区)");
  CHECK(shape("两率一度(c)") == "(call:两率一度 c)");
  CHECK(shape("f(g(x), h(y, z: 1 + 2))") == "(call:f (call:g x) (call:h y (z: (+ 1 2))))");
  CHECK(shape("f ( a , b )") == "(call:f a b)");
  const auto e = parse_expression("average(两率一度, over: 全省县区)");
  CHECK(e.node().kind == NodeKind::call);
  CHECK(e.node().text == "average");
  REQUIRE(e.node().children.size() == 2);
  CHECK(e.node().children[1].kind == NodeKind::named_argument);
  CHECK(e.node().children[1].text == "over");
  CHECK(e.parsed.slice(e.node().span) == "average(两率一度, over: 全省县区)");
  CHECK(e.parsed.slice(e.node().children[1].span) == "over: 全省县区");
  CHECK(e.parsed.slice(e.node().children[1].children[0].span) == "全省县区");
}

TEST_CASE("expressions: comprehensions") {
  CHECK(shape("count(c in 商洛县区 where 覆盖率(c) >= 90%)") ==
        "(call:count (for c 商洛县区 (>= (call:覆盖率 c) 90%)))");
  CHECK(shape("any(x in G where P)") == "(call:any (for x G P))");
  CHECK(shape("all(x in G where P and not Q)") == "(call:all (for x G (and P (not Q))))");
  const auto e = parse_expression("count(c in 商洛县区 where 两率一度(c) < 90%)");
  const Node& comprehension = e.node().children.at(0);
  CHECK(comprehension.kind == NodeKind::comprehension);
  CHECK(comprehension.text == "c");
  REQUIRE(comprehension.children.size() == 2);
  CHECK(e.parsed.slice(comprehension.span) == "c in 商洛县区 where 两率一度(c) < 90%");
  CHECK(e.parsed.slice(comprehension.children[0].span) == "商洛县区");
  CHECK(e.parsed.slice(comprehension.children[1].span) == "两率一度(c) < 90%");
}

TEST_CASE("expressions: all KIND") {
  const auto e = parse_expression("all 县区");
  CHECK(e.node().kind == NodeKind::all_of_kind);
  CHECK(e.shape() == "(all 县区)");
  CHECK(e.parsed.slice(e.node().span) == "all 县区");
}

TEST_CASE("expressions: newlines are not significant") {
  CHECK(shape("两率一度 < average(两率一度, over: 全省县区)\n"
              "       and rank(两率一度, among: 全省县区) > size(全省县区) - 后N位") ==
        "(and (< 两率一度 (call:average 两率一度 (over: 全省县区))) "
        "(> (call:rank 两率一度 (among: 全省县区)) (- (call:size 全省县区) 后N位)))");
  CHECK(shape("a\n+\nb # comment\n* c") == "(+ a (* b c))");
}

TEST_CASE("expressions: spans map to the source text") {
  const auto e = parse_expression("(覆盖率 + 1) * 2 >= 100% and not 商洛高新区（商丹园区）");
  const Node& root = e.node();
  CHECK(e.parsed.slice(root.span) == "(覆盖率 + 1) * 2 >= 100% and not 商洛高新区（商丹园区）");
  REQUIRE(root.children.size() == 2);
  const Node& comparison = root.children[0];
  CHECK(e.parsed.slice(comparison.span) == "(覆盖率 + 1) * 2 >= 100%");
  CHECK(e.parsed.slice(comparison.children.at(0).span) == "(覆盖率 + 1) * 2");
  CHECK(e.parsed.slice(comparison.children.at(0).children.at(0).span) == "(覆盖率 + 1)");
  CHECK(e.parsed.slice(comparison.children.at(0).children.at(0).children.at(0).span) == "覆盖率");
  CHECK(e.parsed.slice(comparison.children.at(0).children.at(1).span) == "2");
  CHECK(e.parsed.slice(comparison.children.at(1).span) == "100%");
  const Node& negation = root.children[1];
  CHECK(e.parsed.slice(negation.span) == "not 商洛高新区（商丹园区）");
  CHECK(e.parsed.slice(negation.children.at(0).span) == "商洛高新区（商丹园区）");
  CHECK(e.parsed.source->position(negation.children.at(0).span.begin) == Position{1, 39});
}

// ===========================================================================
// Statements (docs/language.md §4)

TEST_CASE("statement: plan") {
  const Parsed p = parse_ok(
      "plan \"深化“平安商洛”创建活动实施方案\" [G1] {\n"
      "  issued_by 中共商洛市委办公室, 商洛市人民政府办公室\n"
      "  issued 2018-02-27\n"
      "  effective 2018..2020\n"
      "  citations required\n"
      "  clauses G1, G2, B1, B3a\n"
      "}\n");
  REQUIRE(p.statements().size() == 1);
  const Statement& plan = p.statements()[0];
  CHECK(plan.head.keyword == "plan");
  CHECK(shapes(plan.head.arguments) == Strings{"\"深化“平安商洛”创建活动实施方案\""});
  REQUIRE(plan.citations.size() == 1);
  CHECK(plan.citations[0].clause == "G1");
  CHECK(plan.citations[0].section.empty());
  CHECK(plan.has_block);
  REQUIRE(plan.block.size() == 5);
  CHECK(plan.block[0].head.keyword == "issued_by");
  CHECK(shapes(plan.block[0].head.arguments) ==
        Strings{"中共商洛市委办公室", "商洛市人民政府办公室"});
  CHECK(plan.block[1].head.keyword == "issued");
  CHECK(shapes(plan.block[1].head.arguments) == Strings{"date:2018-02-27"});
  CHECK(plan.block[2].head.keyword == "effective");
  CHECK(shapes(plan.block[2].head.arguments) == Strings{"(.. 2018 2020)"});
  CHECK(plan.block[3].head.keyword == "citations");
  CHECK(shapes(plan.block[3].head.arguments) == Strings{"required"});
  CHECK(plan.block[4].head.keyword == "clauses");
  CHECK(shapes(plan.block[4].head.arguments) == Strings{"G1", "G2", "B1", "B3a"});
  for (const Statement& s : plan.block) {
    CHECK_FALSE(s.has_block);
    CHECK(s.segments.empty());
  }
}

TEST_CASE("statement: kind") {
  const Parsed p = parse_ok(
      "kind 市\n"
      "kind 县区 label \"县（区）\" within 市\n");
  REQUIRE(p.statements().size() == 2);
  CHECK(p.statements()[0].head.keyword == "kind");
  CHECK(shapes(p.statements()[0].head.arguments) == Strings{"市"});
  CHECK(p.statements()[0].segments.empty());
  const Statement& county = p.statements()[1];
  CHECK(segment_keywords(county) == Strings{"label", "within"});
  CHECK(shapes(county.segments[0].arguments) == Strings{"\"县（区）\""});
  CHECK(shapes(county.segments[1].arguments) == Strings{"市"});
}

TEST_CASE("statement: body") {
  const Parsed p = parse_ok(
      "body 商洛高新区 : 县区 within 商洛市 alias 商丹园区, 商洛高新区（商丹园区）\n"
      "     reports_to 市委、市政府, 市综治委 label \"商洛高新区\"\n"
      "body 市创建“平安商洛”领导小组 : 委员会\n");
  REQUIRE(p.statements().size() == 2);
  const Statement& body = p.statements()[0];
  CHECK(body.head.keyword == "body");
  CHECK(shapes(body.head.arguments) == Strings{"商洛高新区"});
  CHECK(segment_keywords(body) == Strings{":", "within", "alias", "reports_to", "label"});
  CHECK(shapes(body.segments[0].arguments) == Strings{"县区"});
  CHECK(shapes(body.segments[1].arguments) == Strings{"商洛市"});
  CHECK(shapes(body.segments[2].arguments) == Strings{"商丹园区", "商洛高新区（商丹园区）"});
  CHECK(shapes(body.segments[3].arguments) == Strings{"市委、市政府", "市综治委"});
  CHECK(shapes(body.segments[4].arguments) == Strings{"\"商洛高新区\""});
  CHECK(shapes(p.statements()[1].head.arguments) == Strings{"市创建“平安商洛”领导小组"});
}

TEST_CASE("statement: group") {
  const Parsed p = parse_ok(
      "group 商洛县区 = 商州区, 洛南县, 丹凤县, 商南县, 山阳县, 镇安县, 柞水县, 商洛高新区\n"
      "group 全省县区 = all 县区 within 陕西省 except 试点县区, 其他县区\n"
      "group 九大品牌 = 平安医院, 严打整治·共建平安\n");
  REQUIRE(p.statements().size() == 3);
  const Statement& members = p.statements()[0];
  CHECK(segment_keywords(members) == Strings{"="});
  CHECK(members.segments[0].arguments.size() == 8);
  const Statement& all = p.statements()[1];
  CHECK(shapes(all.head.arguments) == Strings{"全省县区"});
  // `all KIND within BODY` is one expression (as in `all 村 within self`).
  CHECK(segment_keywords(all) == Strings{"=", "except"});
  CHECK(shapes(all.segments[0].arguments) == Strings{"(all 县区 陕西省)"});
  REQUIRE(all.segments.size() == 2);
  CHECK(shapes(all.segments[1].arguments) == Strings{"试点县区", "其他县区"});
  CHECK(shapes(p.statements()[2].segments[0].arguments) ==
        Strings{"平安医院", "严打整治·共建平安"});
}

TEST_CASE("statement: param") {
  const Parsed p = parse_ok(
      "param 后N位 : count = 10 doc \"“后10位”: the bottom N of the ranked population\" [S1]\n"
      "param 扣分分值 : number = 2 [SX] {\n"
      "  value 3 in 2020..2020\n"
      "}\n"
      "param 统计口径 : span = rolling(365 days) [S1]\n"
      "param 金秋起始窗口 : window = 09-11..09-30 [A5]\n");
  REQUIRE(p.statements().size() == 4);
  const Statement& bottom = p.statements()[0];
  CHECK(bottom.head.keyword == "param");
  CHECK(shapes(bottom.head.arguments) == Strings{"后N位"});
  CHECK(segment_keywords(bottom) == Strings{":", "=", "doc"});
  CHECK(shapes(bottom.segments[0].arguments) == Strings{"count"});
  CHECK(shapes(bottom.segments[1].arguments) == Strings{"10"});
  CHECK(bottom.segments[2].arguments.at(0).text ==
        "“后10位”: the bottom N of the ranked population");
  REQUIRE(bottom.citations.size() == 1);
  CHECK(bottom.citations[0].clause == "S1");
  const Statement& deduct = p.statements()[1];
  CHECK(deduct.has_block);
  REQUIRE(deduct.block.size() == 1);
  CHECK(deduct.block[0].head.keyword == "value");
  CHECK(shapes(deduct.block[0].head.arguments) == Strings{"3"});
  CHECK(segment_keywords(deduct.block[0]) == Strings{"in"});
  CHECK(shapes(deduct.block[0].segments[0].arguments) == Strings{"(.. 2020 2020)"});
  CHECK(shapes(p.statements()[2].segments[1].arguments) ==
        Strings{"(call:rolling (duration 365 days))"});
  CHECK(shapes(p.statements()[3].segments[1].arguments) ==
        Strings{"(.. annual:09-11 annual:09-30)"});
}

TEST_CASE("statement: param of type list(T)") {
  const Parsed p = parse_ok("param 考核指标 : list(number) = 两率一度, 覆盖率 [S1]\n");
  REQUIRE(p.statements().size() == 1);
  CHECK(segment_keywords(p.statements()[0]) == Strings{":", "="});
  CHECK(shapes(p.statements()[0].segments[0].arguments) == Strings{"(call:list number)"});
}

// docs/language.md §4 lists `body` and `metric` among the parameter types and
// `list(T)` for any of them; both words are statement keywords.
TEST_CASE("statement: param whose type is a reserved word (body, metric, list(body))") {
  {
    const Parsed p = parse_ok("param 追责决定机关 : body = 市纪委 [SX]\n");
    CHECK(p.statements().size() == 1);
    if (p.statements().size() == 1) {
      CHECK(segment_keywords(p.statements()[0]) == Strings{":", "="});
      REQUIRE(p.statements()[0].segments.size() == 2);
      REQUIRE(p.statements()[0].segments[0].arguments.size() == 1);
      CHECK(p.statements()[0].segments[0].arguments[0].text == "body");
    }
  }
  {
    const Parsed p = parse_ok("param 排名指标 : metric = 两率一度 [S1]\n");
    CHECK(p.statements().size() == 1);
    if (p.statements().size() == 1) {
      CHECK(segment_keywords(p.statements()[0]) == Strings{":", "="});
    }
  }
}

// docs/language.md §3/§4: "A parameter type may also be `list(T)`" and the
// parameter types include `body` and `metric`.
TEST_CASE("statement: param of type list(body) and list(metric)") {
  for (const char* text : {"param 示范单位 : list(body) = 商州区, 洛南县 [Q1]\n",
                           "param 考核指标 : list(metric) = 两率一度, 覆盖率 [S1]\n"}) {
    INFO("text: " << std::string(text));
    const Parsed p = parse_ok(text);
    CHECK(p.statements().size() == 1);
  }
}

TEST_CASE("statement: metric") {
  const Parsed p = parse_ok(
      "metric 两率一度 : percent per 县区 doc \"知晓率、满意度、见案率\"\n"
      "metric 参与数 : count per 县区\n");
  REQUIRE(p.statements().size() == 2);
  const Statement& metric = p.statements()[0];
  CHECK(metric.head.keyword == "metric");
  CHECK(segment_keywords(metric) == Strings{":", "per", "doc"});
  CHECK(shapes(metric.segments[1].arguments) == Strings{"县区"});
}

// docs/language.md §4: `metric NAME : TYPE per KIND|programme [= EXPRESSION]`,
// with the example `metric 覆盖率 : percent per programme = 参与数 / 应参与数`.
TEST_CASE("statement: metric per programme (the documented example)") {
  const Parsed p = parse_ok("metric 覆盖率 : percent per programme = 参与数 / 应参与数\n");
  CHECK(p.statements().size() == 1);
  REQUIRE_FALSE(p.statements().empty());
  const Statement& metric = p.statements()[0];
  CHECK(segment_keywords(metric) == Strings{":", "per", "="});
  if (metric.segments.size() == 3) {
    REQUIRE(metric.segments[1].arguments.size() == 1);
    CHECK(metric.segments[1].arguments[0].text == "programme");
    CHECK(shapes(metric.segments[2].arguments) == Strings{"(/ 参与数 应参与数)"});
  }
}

TEST_CASE("statement: title and event") {
  const Parsed p = parse_ok(
      "title 全省平安建设先进县（区） : provincial for 县区 by 省委、省政府\n"
      "event 部署会议 : meeting\n"
      "event 创建方案 : document\n");
  REQUIRE(p.statements().size() == 3);
  CHECK(p.statements()[0].head.keyword == "title");
  CHECK(segment_keywords(p.statements()[0]) == Strings{":", "for", "by"});
  CHECK(shapes(p.statements()[0].segments[0].arguments) == Strings{"provincial"});
  CHECK(p.statements()[1].head.keyword == "event");
  CHECK(segment_keywords(p.statements()[1]) == Strings{":"});
  CHECK(shapes(p.statements()[1].segments[0].arguments) == Strings{"meeting"});
}

TEST_CASE("statement: programme with role statements") {
  const Parsed p = parse_ok(
      "programme 平安医院 : domain of 八大领域 [D1 三(二)2] {\n"
      "  lead 市卫计局\n"
      "  cooperate 市公安局, 市物价局, 市药监局, 市信访局, 商洛消防支队\n"
      "  responsible 市综治办\n"
      "  sets_standard 市综治办\n"
      "  approves 市综治委\n"
      "  inspects 市综治办\n"
      "  supervises 市纪委\n"
      "  names_winners 市委、市政府\n"
      "  decides_sanctions 市综治委\n"
      "  hears_reports 市委\n"
      "}\n");
  REQUIRE(p.statements().size() == 1);
  const Statement& programme = p.statements()[0];
  CHECK(programme.head.keyword == "programme");
  CHECK(segment_keywords(programme) == Strings{":", "of"});
  CHECK(shapes(programme.segments[0].arguments) == Strings{"domain"});
  CHECK(shapes(programme.segments[1].arguments) == Strings{"八大领域"});
  REQUIRE(programme.citations.size() == 1);
  CHECK(programme.citations[0].clause == "D1");
  CHECK(programme.citations[0].section == "三(二)2");
  REQUIRE(programme.block.size() == 10);
  Strings keywords;
  for (const Statement& s : programme.block) keywords.push_back(s.head.keyword);
  CHECK(keywords == Strings{"lead", "cooperate", "responsible", "sets_standard", "approves",
                            "inspects", "supervises", "names_winners", "decides_sanctions",
                            "hears_reports"});
  CHECK(programme.block[1].head.arguments.size() == 5);
}

TEST_CASE("statement: stage") {
  const Parsed p = parse_ok(
      "stage 县区方案备案 of 九大品牌 [B3a 三(一)3] {\n"
      "  obligated 商洛县区\n"
      "  deliver 创建方案, 创建标准, 部署会议, 示范点名单 to 市综治办\n"
      "  due by 03-20, end of month 11, 2018-12-31\n"
      "}\n"
      "stage 金秋入户 of 金秋进万家·入户送平安 [A5 三(三)5] {\n"
      "  obligated 市综治办\n"
      "  starts within 金秋起始窗口\n"
      "  lasts 20 days\n"
      "  during months 4..10\n"
      "  requires 县区方案备案\n"
      "  candidate_requires 全省平安建设先进县（区）\n"
      "}\n");
  REQUIRE(p.statements().size() == 2);
  const Statement& filing = p.statements()[0];
  REQUIRE(filing.block.size() == 3);
  CHECK(filing.block[0].head.keyword == "obligated");
  const Statement& deliver = filing.block[1];
  CHECK(deliver.head.keyword == "deliver");
  CHECK(shapes(deliver.head.arguments) ==
        Strings{"创建方案", "创建标准", "部署会议", "示范点名单"});
  CHECK(segment_keywords(deliver) == Strings{"to"});
  const Statement& due = filing.block[2];
  CHECK(due.head.keyword == "due");
  CHECK(due.head.arguments.empty());
  CHECK(segment_keywords(due) == Strings{"by"});
  CHECK(shapes(due.segments[0].arguments) ==
        Strings{"annual:03-20", "(end_of_month 11)", "date:2018-12-31"});

  const Statement& autumn = p.statements()[1];
  CHECK(shapes(autumn.segments[0].arguments) == Strings{"金秋进万家·入户送平安"});
  REQUIRE(autumn.block.size() == 6);
  CHECK(autumn.block[1].head.keyword == "starts");
  CHECK(segment_keywords(autumn.block[1]) == Strings{"within"});
  CHECK(shapes(autumn.block[2].head.arguments) == Strings{"(duration 20 days)"});
  CHECK(shapes(autumn.block[3].head.arguments) == Strings{"(months 4 10)"});
  CHECK(autumn.block[4].head.keyword == "requires");
  CHECK(autumn.block[5].head.keyword == "candidate_requires");
}

TEST_CASE("statement: target and goal") {
  const Parsed p = parse_ok(
      "target 九大品牌覆盖率 [G6 二(二)] {\n"
      "  subject 九大品牌\n"
      "  require 覆盖率 >= 100% by 2020-12-31\n"
      "}\n"
      "goal 争创全国平安建设先进市 [G7] {\n"
      "  subject 商洛市\n"
      "  require holds(全国平安建设先进市)\n"
      "}\n");
  REQUIRE(p.statements().size() == 2);
  const Statement& target = p.statements()[0];
  CHECK(target.head.keyword == "target");
  REQUIRE(target.block.size() == 2);
  CHECK(target.block[0].head.keyword == "subject");
  const Statement& require = target.block[1];
  CHECK(require.head.keyword == "require");
  CHECK(shapes(require.head.arguments) == Strings{"(>= 覆盖率 100%)"});
  CHECK(segment_keywords(require) == Strings{"by"});
  CHECK(shapes(require.segments[0].arguments) == Strings{"date:2020-12-31"});
  CHECK(p.statements()[1].head.keyword == "goal");
}

TEST_CASE("statement: consequence, sanction, award") {
  const Parsed p = parse_ok(
      "consequence 平安建设问责 [SX 四(四)] {\n"
      "  disqualify\n"
      "  deduct 扣分分值\n"
      "  refer to 追责决定机关\n"
      "}\n"
      "sanction 县区两率一度落后 [S1 四(四)] {\n"
      "  subject 商洛县区\n"
      "  when 两率一度 < average(两率一度, over: 全省县区)\n"
      "       and rank(两率一度, among: 全省县区) > size(全省县区) - 后N位\n"
      "  consequences 平安建设问责\n"
      "}\n"
      "award 授牌表彰 [R1 四(四)] {\n"
      "  subject 商洛县区\n"
      "  when holds(全省平安建设先进县（区）)\n"
      "  grant plaque by 市委、市政府\n"
      "  tier 1\n"
      "  unless disqualified\n"
      "}\n");
  REQUIRE(p.statements().size() == 3);
  const Statement& consequence = p.statements()[0];
  REQUIRE(consequence.block.size() == 3);
  CHECK(consequence.block[0].head.keyword == "disqualify");
  CHECK(consequence.block[0].head.arguments.empty());
  CHECK(consequence.block[1].head.keyword == "deduct");
  CHECK(shapes(consequence.block[1].head.arguments) == Strings{"扣分分值"});
  CHECK(consequence.block[2].head.keyword == "refer");
  CHECK(consequence.block[2].head.arguments.empty());
  CHECK(segment_keywords(consequence.block[2]) == Strings{"to"});

  const Statement& sanction = p.statements()[1];
  REQUIRE(sanction.block.size() == 3);
  CHECK(sanction.block[1].head.keyword == "when");
  CHECK(shapes(sanction.block[1].head.arguments) ==
        Strings{"(and (< 两率一度 (call:average 两率一度 (over: 全省县区))) "
                "(> (call:rank 两率一度 (among: 全省县区)) (- (call:size 全省县区) 后N位)))"});
  CHECK(sanction.block[2].head.keyword == "consequences");

  const Statement& award = p.statements()[2];
  REQUIRE(award.block.size() == 5);
  CHECK(award.block[2].head.keyword == "grant");
  CHECK(shapes(award.block[2].head.arguments) == Strings{"plaque"});
  CHECK(segment_keywords(award.block[2]) == Strings{"by"});
  CHECK(shapes(award.block[2].segments[0].arguments) == Strings{"市委、市政府"});
  CHECK(award.block[3].head.keyword == "tier");
  CHECK(award.block[4].head.keyword == "unless");
  CHECK(shapes(award.block[4].head.arguments) == Strings{"disqualified"});
}

TEST_CASE("statement: quota") {
  const Parsed p = parse_ok(
      "quota 县区示范点配额 [Q1 附件] {\n"
      "  limits 市级示范点\n"
      "  columns 平安县（区）, 平安镇（办）, 平安村（社区）\n"
      "  row 商州区 = 1, 7, 30\n"
      "  row 商洛高新区（商丹园区） = 1, —, 3\n"
      "  total = 2, 7, 33\n"
      "}\n");
  REQUIRE(p.statements().size() == 1);
  const Statement& quota = p.statements()[0];
  REQUIRE(quota.block.size() == 5);
  CHECK(quota.block[0].head.keyword == "limits");
  CHECK(shapes(quota.block[1].head.arguments) ==
        Strings{"平安县（区）", "平安镇（办）", "平安村（社区）"});
  CHECK(shapes(quota.block[2].head.arguments) == Strings{"商州区"});
  CHECK(shapes(quota.block[2].segments.at(0).arguments) == Strings{"1", "7", "30"});
  CHECK(shapes(quota.block[3].head.arguments) == Strings{"商洛高新区（商丹园区）"});
  CHECK(shapes(quota.block[3].segments.at(0).arguments) == Strings{"1", "none", "3"});
  CHECK(quota.block[4].head.keyword == "total");
  CHECK(quota.block[4].head.arguments.empty());
  CHECK(segment_keywords(quota.block[4]) == Strings{"="});
}

TEST_CASE("statement: nested blocks and empty blocks") {
  const Parsed p = parse_ok(
      "plan \"p\" {\n"
      "  programme 甲 : campaign {\n"
      "    stage 乙 of 甲 {\n"
      "      obligated 丙 { }\n"
      "    }\n"
      "  }\n"
      "}\n"
      "kind 丁 {}\n");
  REQUIRE(p.statements().size() == 2);
  const Statement& plan = p.statements()[0];
  REQUIRE(plan.block.size() == 1);
  REQUIRE(plan.block[0].block.size() == 1);
  REQUIRE(plan.block[0].block[0].block.size() == 1);
  const Statement& innermost = plan.block[0].block[0].block[0];
  CHECK(innermost.head.keyword == "obligated");
  CHECK(innermost.has_block);
  CHECK(innermost.block.empty());
  CHECK(p.statements()[1].has_block);
  CHECK(p.statements()[1].block.empty());
}

TEST_CASE("statement: statements may share a line and span several") {
  const Parsed p = parse_ok("kind 市 kind 县区 label\n\"县（区）\" kind 镇办 { } kind 村");
  REQUIRE(p.statements().size() == 4);
  CHECK(shapes(p.statements()[1].segments.at(0).arguments) == Strings{"\"县（区）\""});
}

TEST_CASE("statement: empty and comment-only files") {
  CHECK(parse_ok("").statements().empty());
  CHECK(parse_ok("\n\n  \t\n").statements().empty());
  const Parsed p = parse_ok("# only a comment\n   # another\n");
  CHECK(p.statements().empty());
  CHECK(p.result.file.comments.size() == 2);
}

// ===========================================================================
// Citations

TEST_CASE("citations: with and without section text, several per statement") {
  const Parsed p = parse_ok(
      "target 甲 [G6 二(二)] [G7] [B3a 三(一)3]\n"
      "target 乙 [ Q1   附件  ]\n"
      "target 丙 [SX]{ }\n");
  REQUIRE(p.statements().size() == 3);
  const auto& citations = p.statements()[0].citations;
  REQUIRE(citations.size() == 3);
  CHECK(citations[0].clause == "G6");
  CHECK(citations[0].section == "二(二)");
  CHECK(citations[1].clause == "G7");
  CHECK(citations[1].section.empty());
  CHECK(citations[2].clause == "B3a");
  CHECK(citations[2].section == "三(一)3");
  CHECK(p.slice(citations[0].span) == "[G6 二(二)]");
  CHECK(p.slice(citations[1].span) == "[G7]");
  CHECK(p.slice(citations[2].span) == "[B3a 三(一)3]");
  const auto& spaced = p.statements()[1].citations;
  REQUIRE(spaced.size() == 1);
  CHECK(spaced[0].clause == "Q1");
  CHECK(spaced[0].section == "附件");
  CHECK(p.statements()[2].citations.size() == 1);
  CHECK(p.statements()[2].has_block);
}

// language.md §1: comments run from '#' to the end of the line outside
// strings. Whichever way a '#' inside a citation is read, it must not be
// both the citation's section text and a comment (the formatter would print
// it twice).
TEST_CASE("citations: a '#' inside a citation is not both section text and comment") {
  const Parsed p = parse_text("target 甲 [G1 第#3条]\n");
  const bool rejected = !p.diagnostics().empty();
  const bool kept_as_section =
      !p.statements().empty() && !p.statements()[0].citations.empty() &&
      p.statements()[0].citations[0].section.find('#') != std::string::npos;
  const bool kept_as_comment = !p.result.file.comments.empty();
  INFO("rejected: " << rejected << ", section: " << kept_as_section
                    << ", comment: " << kept_as_comment);
  CHECK((rejected || !(kept_as_section && kept_as_comment)));
}

TEST_CASE("citations: after segments") {
  const Parsed p = parse_ok("programme 平安医院 : domain of 八大领域 [D1 三(二)2]\n");
  REQUIRE(p.statements().size() == 1);
  CHECK(segment_keywords(p.statements()[0]) == Strings{":", "of"});
  CHECK(p.statements()[0].citations.size() == 1);
}

// ===========================================================================
// Spans of statements, segments, keywords, comments

TEST_CASE("spans: statements, heads, segments and keywords") {
  const std::string text =
      "# header comment\n"
      "stage 县区方案备案 of 九大品牌 [B3a 三(一)3] {\n"
      "  deliver 创建方案, 部署会议 to 市综治办  # trailing\n"
      "}\n";
  const Parsed p = parse_ok(text);
  REQUIRE(p.statements().size() == 1);
  const Statement& stage = p.statements()[0];
  CHECK(p.slice(stage.span) ==
        "stage 县区方案备案 of 九大品牌 [B3a 三(一)3] {\n"
        "  deliver 创建方案, 部署会议 to 市综治办  # trailing\n"
        "}");
  CHECK(p.slice(stage.head.keyword_span) == "stage");
  CHECK(p.slice(stage.head.span) == "stage 县区方案备案");
  CHECK(p.slice(stage.head.arguments.at(0).span) == "县区方案备案");
  REQUIRE(stage.segments.size() == 1);
  CHECK(p.slice(stage.segments[0].keyword_span) == "of");
  CHECK(p.slice(stage.segments[0].span) == "of 九大品牌");
  CHECK(p.slice(stage.segments[0].arguments.at(0).span) == "九大品牌");
  REQUIRE(stage.block.size() == 1);
  const Statement& deliver = stage.block[0];
  CHECK(p.slice(deliver.head.span) == "deliver 创建方案, 部署会议");
  CHECK(p.slice(deliver.head.arguments.at(1).span) == "部署会议");
  CHECK(p.slice(deliver.segments.at(0).span) == "to 市综治办");
  CHECK(p.source->position(deliver.segments.at(0).span.begin) == Position{3, 22});

  const auto& comments = p.result.file.comments;
  REQUIRE(comments.size() == 2);
  CHECK(comments[0].text == "# header comment");
  CHECK(comments[0].own_line);
  CHECK(p.slice(comments[0].span) == "# header comment");
  CHECK(comments[1].text == "# trailing");
  CHECK_FALSE(comments[1].own_line);
  CHECK(p.source->position(comments[1].span.begin) == Position{3, 31});
}

TEST_CASE("spans: a statement without a block ends at its last token") {
  const Parsed p = parse_ok(
      "kind 市\n"
      "kind 县区 label \"县（区）\"   # comment\n"
      "\n"
      "body 商州区 : 县区 [B1]\n"
      "   \n");
  REQUIRE(p.statements().size() == 3);
  CHECK(p.slice(p.statements()[0].span) == "kind 市");
  CHECK(p.slice(p.statements()[1].span) == "kind 县区 label \"县（区）\"");
  CHECK(p.slice(p.statements()[2].span) == "body 商州区 : 县区 [B1]");
}

TEST_CASE("spans: a head without arguments is its keyword") {
  const Parsed p = parse_ok("disqualify\nrefer to 市纪委\n");
  REQUIRE(p.statements().size() == 2);
  CHECK(p.slice(p.statements()[0].head.span) == "disqualify");
  CHECK(p.slice(p.statements()[1].head.span) == "refer");
  CHECK(p.slice(p.statements()[1].segments.at(0).span) == "to 市纪委");
}

TEST_CASE("parse accepts CRLF line endings") {
  const Parsed p = parse_ok("kind 市\r\nkind 县区 label \"县\"\r\n# c\r\nrow 甲 = 1, -\r\n");
  REQUIRE(p.statements().size() == 3);
  CHECK(shapes(p.statements()[2].segments.at(0).arguments) == Strings{"1", "none"});
  REQUIRE(p.result.file.comments.size() == 1);
  CHECK(p.result.file.comments[0].text == "# c");
}

TEST_CASE("parse accepts every example of docs/language.md section 4 in one file") {
  const Parsed p = parse_ok(
      "plan \"深化“平安商洛”创建活动实施方案\" [G1] {\n"
      "  issued_by 中共商洛市委办公室, 商洛市人民政府办公室\n"
      "  issued 2018-02-27\n"
      "  effective 2018..2020\n"
      "  citations required\n"
      "  clauses G1, G2, B1\n"
      "}\n"
      "param 后N位 : count = 10 doc \"“后10位”: the bottom N of the ranked population\" [S1]\n"
      "param 扣分分值 : number = 2 [SX] {\n"
      "  value 3 in 2020..2020\n"
      "}\n"
      "programme 平安医院 : domain of 八大领域 [D1 三(二)2] {\n"
      "  lead 市卫计局\n"
      "  cooperate 市公安局, 市物价局, 市药监局, 市信访局, 商洛消防支队\n"
      "}\n"
      "stage 县区方案备案 of 九大品牌 [B3a 三(一)3] {\n"
      "  obligated 商洛县区\n"
      "  deliver 创建方案, 创建标准, 部署会议, 示范点名单 to 市综治办\n"
      "  due by 03-20\n"
      "}\n"
      "stage 金秋入户 of 金秋进万家·入户送平安 [A5 三(三)5] {\n"
      "  obligated 市综治办\n"
      "  starts within 金秋起始窗口\n"
      "  lasts 20 days\n"
      "}\n"
      "target 九大品牌覆盖率 [G6 二(二)] {\n"
      "  subject 九大品牌\n"
      "  require 覆盖率 >= 100% by 2020-12-31\n"
      "}\n"
      "consequence 平安建设问责 [SX 四(四)] {\n"
      "  disqualify\n"
      "  deduct 扣分分值\n"
      "  refer to 追责决定机关\n"
      "}\n"
      "sanction 县区两率一度落后 [S1 四(四)] {\n"
      "  subject 商洛县区\n"
      "  when 两率一度 < average(两率一度, over: 全省县区)\n"
      "       and rank(两率一度, among: 全省县区) > size(全省县区) - 后N位\n"
      "  consequences 平安建设问责\n"
      "}\n"
      "award 授牌表彰 [R1 四(四)] {\n"
      "  subject 商洛县区\n"
      "  when holds(全省平安建设先进县（区）)\n"
      "  grant plaque by 市委、市政府\n"
      "  unless disqualified\n"
      "}\n"
      "quota 县区示范点配额 [Q1 附件] {\n"
      "  limits 市级示范点\n"
      "  columns 平安县（区）, 平安镇（办）, 平安村（社区）\n"
      "  row 商州区 = 1, 7, 30\n"
      "  row 商洛高新区（商丹园区） = 1, —, 3\n"
      "  total = 2, 7, 33\n"
      "}\n");
  CHECK(p.statements().size() == 11);
}

// ===========================================================================
// Syntax errors

TEST_CASE("error: missing closing brace") {
  const Parsed p = parse_text(
      "stage 甲 of 乙 {\n"
      "  obligated 丙\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 3, 1);  // at the end of the file
  CHECK(p.diagnostics()[0].message.find("line 1, column 14") != std::string::npos);
  // What was parsed is kept.
  REQUIRE(p.statements().size() == 1);
  CHECK(p.statements()[0].block.size() == 1);
}

TEST_CASE("error: missing closing brace of a nested block") {
  const Parsed p = parse_text(
      "plan \"p\" {\n"
      "  stage 甲 of 乙 {\n"
      "    obligated 丙\n"
      "}\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 5, 1);
  CHECK(p.diagnostics()[0].message.find("line 1, column 10") != std::string::npos);
}

TEST_CASE("error: stray closing brace") {
  const Parsed p = parse_text(
      "kind 市\n"
      "  }\n"
      "kind 县区\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 2, 3);
  CHECK(p.slice(p.diagnostics()[0].span) == "}");
  CHECK(p.statements().size() == 2);
}

TEST_CASE("error: unterminated string") {
  const Parsed p = parse_text(
      "kind 市 label \"市级\n"
      "kind 县区\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 17);  // where the closing quote is missing
  REQUIRE(p.statements().size() == 1);          // recovery: the next line is parsed
  CHECK(shapes(p.statements()[0].head.arguments) == Strings{"县区"});
}

TEST_CASE("error: unterminated string at the end of the file") {
  const Parsed p = parse_text("kind 市 label \"市级");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 17);
}

TEST_CASE("error: bad escape in a string") {
  const Parsed p = parse_text("kind 市 label \"a\\tb\"\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 17);
}

TEST_CASE("error: messages name what was expected in words") {
  // Every expectation failure names what it expected the way a user writes
  // it, never as an internal (mangled C++) type name.
  for (const char* text :
       {"kind 市 label \"a\\tb\"\n", "kind 市 label \"a\\\n", "require (a +\n", "require f(a\n",
        "require end of\n", "require months 4\n", "target 甲 [b]\n", "target 甲 [G1\n",
        "require any(x in G)\n", "require all\n", "require f(x:)\n", "param a : \n",
        "metric a : percent per\n", "require months\n", "require 1 ..\n"}) {
    INFO("text: " << std::string(text));
    const Parsed p = parse_text(text);
    REQUIRE_FALSE(p.diagnostics().empty());
    for (const Diagnostic& d : p.diagnostics()) {
      INFO("message: " << d.message);
      CHECK(d.message.find("boost") == std::string::npos);
      CHECK(d.message.find("spirit") == std::string::npos);
      CHECK(d.message.find("expected N") == std::string::npos);
      CHECK(d.message.rfind("expected", 0) == 0);
    }
  }
}

TEST_CASE("error: missing closing bracket of a citation") {
  const Parsed p = parse_text(
      "stage 甲 of 乙 [B3a 三(一)3\n"
      "kind 县区\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 24);
  CHECK(p.diagnostics()[0].message.find("]") != std::string::npos);
  REQUIRE(p.statements().size() == 1);
  CHECK(p.statements()[0].head.keyword == "kind");
}

// Segments come before citations (language.md §2): a segment after them is
// named as such, at the segment, and the next statement still parses.
TEST_CASE("error: a segment after the citations says segments come before them") {
  const Parsed p = parse_text(
      "stage 甲 of 乙 [B1] doc \"说明\" {\n"
      "  obligated 丙\n"
      "}\n"
      "param 丁 : count = 1 [B1 一] [B2] = 2\n"
      "kind 县区\n");
  REQUIRE(p.diagnostics().size() == 2);
  check_diagnostic(p, 0, Code::syntax, 1, 19);
  CHECK(p.diagnostics()[0].message ==
        "'doc' comes after the citations; segments come before them: move it before [B1]");
  check_diagnostic(p, 1, Code::syntax, 4, 33);
  CHECK(p.diagnostics()[1].message ==
        "'=' comes after the citations; segments come before them: move it before [B1]");
  REQUIRE(p.statements().size() == 1);
  CHECK(p.statements()[0].head.keyword == "kind");
}

TEST_CASE("error: a citation must start with a clause ID") {
  const Parsed p = parse_text("target 甲 [b3 二]\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 11);
}

TEST_CASE("error: junk after a statement") {
  const Parsed p = parse_text(
      "kind 市 label \"x\" ;\n"
      "kind 县区\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 18);
  CHECK(p.slice(p.diagnostics()[0].span) == ";");
  REQUIRE(p.statements().size() == 1);
  CHECK(shapes(p.statements()[0].head.arguments) == Strings{"县区"});
}

TEST_CASE("error: a missing comma between arguments") {
  const Parsed p = parse_text("obligated 市综治办 商州区\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 16);
  CHECK(p.slice(p.diagnostics()[0].span) == "商州区");
  CHECK(p.diagnostics()[0].message.find("'商州区'") != std::string::npos);
}

TEST_CASE("error: incomplete expression") {
  SUBCASE("(a + at the end of a line") {
    const Parsed p = parse_text(
        "require (a +\n"
        "kind 市\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 13);
    REQUIRE(p.statements().size() == 1);
    CHECK(p.statements()[0].head.keyword == "kind");
  }
  SUBCASE("(a + at the end of the file") {
    const Parsed p = parse_text("require (a +");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 13);
  }
  SUBCASE("missing ')'") {
    const Parsed p = parse_text("require (a + b\nkind 市\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 2, 1);  // found 'kind'
    CHECK(p.diagnostics()[0].message.find("'kind'") != std::string::npos);
    CHECK(p.diagnostics()[0].message.find("')'") != std::string::npos);
  }
  SUBCASE("and without a right-hand side") {
    const Parsed p = parse_text("require a and\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 14);
  }
  SUBCASE("a call without ')'") {
    const Parsed p = parse_text("when holds(甲, 乙\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 2, 1);  // found end of file
    CHECK(p.diagnostics()[0].message.find("')'") != std::string::npos);
  }
  SUBCASE("a comprehension without where") {
    const Parsed p = parse_text("when any(x in G)\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 16);
    CHECK(p.diagnostics()[0].message.find("'where'") != std::string::npos);
  }
  SUBCASE("end of without month") {
    const Parsed p = parse_text("due by end of 11\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 15);
  }
  SUBCASE("months without a range") {
    const Parsed p = parse_text("during months 4\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 2, 1);  // found end of file
  }
}

TEST_CASE("error: a name where a statement keyword was expected") {
  {
    const Parsed p = parse_text("商州区 : 县区\nkind 市\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 1);
    CHECK(p.slice(p.diagnostics()[0].span) == "商州区");
    CHECK(p.diagnostics()[0].message.find("'商州区'") != std::string::npos);
    CHECK(p.statements().size() == 1);
  }
  {
    // A typo of a keyword inside a block.
    const Parsed p = parse_text(
        "stage 甲 of 乙 {\n"
        "  obligate 丙\n"
        "  due by 03-20\n"
        "}\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 2, 3);
    REQUIRE(p.statements().size() == 1);
    REQUIRE(p.statements()[0].block.size() == 1);
    CHECK(p.statements()[0].block[0].head.keyword == "due");
  }
  {
    // A segment keyword cannot start a statement.
    const Parsed p = parse_text("within 商洛市\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::syntax, 1, 1);
  }
}

TEST_CASE("error: several errors in one file are all reported") {
  // Newlines are not significant, so line 2 continues the statement of line
  // 1 and the error drops that statement too.
  const Parsed p = parse_text(
      "kind 市\n"                  // 1 ok
      "商州区 : 县区\n"            // 2 error at 2:1
      "kind 县区 label \"x\" ;\n"  // 3 error at 3:19
      "stage 甲 of 乙 [b3] {\n"    // 4 error at 4:15, block skipped
      "  obligated 丙\n"           // 5
      "}\n"                        // 6
      "target 乙 {\n"              // 7 ok
      "  require (a +\n"           // 8 error at 8:15
      "  subject 丁\n"             // 9 ok
      "}\n"                        // 10
      "kind 镇办\n"                // 11 ok
      "}\n");                      // 12 error at 12:1
  REQUIRE(p.diagnostics().size() == 5);
  check_diagnostic(p, 0, Code::syntax, 2, 1);
  check_diagnostic(p, 1, Code::syntax, 3, 19);
  check_diagnostic(p, 2, Code::syntax, 4, 15);
  check_diagnostic(p, 3, Code::syntax, 8, 15);
  check_diagnostic(p, 4, Code::syntax, 12, 1);
  REQUIRE(p.statements().size() == 2);
  CHECK(p.statements()[0].head.keyword == "target");
  REQUIRE(p.statements()[0].block.size() == 1);
  CHECK(p.statements()[0].block[0].head.keyword == "subject");
  CHECK(shapes(p.statements()[1].head.arguments) == Strings{"镇办"});
}

TEST_CASE("error: diagnostics render with the caret under the offending token") {
  const Parsed p = parse_text("body 商洛高新区（商丹园区） : 县区 ;\n");
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::syntax, 1, 23);
  const std::string out = p.rendered();
  CHECK(out.rfind("test.plan:1:23: error[M0001]: ", 0) == 0);
  // 5 ASCII + 11 wide + " : " + 2 wide + " " = 5 + 22 + 3 + 4 + 1 = 35 cells.
  CHECK(out.find("\n   | " + std::string(35, ' ') + "^\n") != std::string::npos);
}

// ===========================================================================
// Hostile input

TEST_CASE("invalid UTF-8 is M0002 at the offending byte") {
  SUBCASE("a stray byte on the second line") {
    const Parsed p = parse_text("kind 市\nbody 商\xFF州区 : 县区\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 2, 7);
    CHECK(p.diagnostics()[0].span == Span{17, 18});
    CHECK(p.statements().empty());
    CHECK(p.diagnostics()[0].message.find("0xFF") != std::string::npos);
  }
  SUBCASE("a truncated sequence at the end") {
    const Parsed p = parse_text("kind 市\xE5\x95");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 1, 7);
  }
  SUBCASE("a truncated sequence before ASCII") {
    const Parsed p = parse_text("kind \xE5\x95 市");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 1, 6);
  }
  SUBCASE("a lone continuation byte") {
    const Parsed p = parse_text("kind a\x80");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 1, 7);
  }
  SUBCASE("an overlong encoding") {
    const Parsed p = parse_text("kind \xC0\xAF");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 1, 6);
  }
  SUBCASE("a UTF-16 surrogate") {
    const Parsed p = parse_text("kind 市\n\n  \xED\xA0\x80");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 3, 3);
  }
  SUBCASE("past U+10FFFF") {
    const Parsed p = parse_text("\xF4\x90\x80\x80");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::invalid_utf8, 1, 1);
  }
  SUBCASE("inside a string and in a comment too") {
    CHECK(parse_text("kind 市 label \"\xFE\"").diagnostics().at(0).code == Code::invalid_utf8);
    CHECK(parse_text("# \xFE\nkind 市").diagnostics().at(0).code == Code::invalid_utf8);
  }
  SUBCASE("rendering it does not crash") {
    const Parsed p = parse_text("kind 市\nbody 商\xFF州区 : 县区\n");
    const std::string out = p.rendered();
    CHECK(out.rfind("test.plan:2:7: error[M0002]: ", 0) == 0);
  }
}

TEST_CASE("a plan saved as GBK or UTF-16 is said once, with the command that converts it") {
  // 商洛 in GBK, as a Chinese Windows saves it.
  const Parsed gbk =
      parse_text("plan \"\xC9\xCC\xC2\xE5\xC9\xCC\xC2\xE5\" {\n}\nbody \xC9\xCC\xC2\xE5 : x\n");
  REQUIRE(gbk.diagnostics().size() == 1);
  check_diagnostic(gbk, 0, Code::invalid_utf8, 1, 7);
  REQUIRE(gbk.diagnostics()[0].notes.size() == 1);
  CHECK(gbk.diagnostics()[0].notes[0].message ==
        "the file is not UTF-8: it looks like GBK; convert it: iconv -f GBK -t UTF-8 "
        "'test.plan' > 'test.utf8.plan'");
  // UTF-16 of ASCII text is valid UTF-8 with a NUL in every other byte.
  std::string utf16;
  for (const char c : std::string_view("kind x\nbody y : x\n")) (utf16 += c) += '\0';
  const Parsed wide = parse_text(utf16);
  REQUIRE(wide.diagnostics().size() == 1);
  CHECK(wide.diagnostics()[0].message == "a NUL byte; plan files are UTF-8 text");
  CHECK(wide.diagnostics()[0].notes.at(0).message.find("iconv -f UTF-16 -t UTF-8") !=
        std::string::npos);
  // The excerpt under the message shows no raw control character.
  CHECK(wide.rendered().find('\0') == std::string::npos);
}

TEST_CASE("a NUL or a terminal escape in a plan, or in its name, is escaped in the message") {
  const Parsed nul = parse_text(std::string("kind 市\n\0x y\n", 13));
  REQUIRE(nul.diagnostics().size() == 1);
  CHECK(nul.diagnostics()[0].message == "a NUL byte; plan files are UTF-8 text");
  CHECK(nul.rendered().starts_with("test.plan:2:1: error[M0002]"));
  // In a comment too: a fuzzed plan with NULs in a comment parsed, and its
  // formatted text (one trailing blank fewer) was taken for UTF-16.
  const Parsed in_comment = parse_text(std::string("#01)28-0\0\0\0\0.\n# \n", 17));
  REQUIRE(in_comment.diagnostics().size() == 1);
  CHECK(in_comment.diagnostics()[0].message == "a NUL byte; plan files are UTF-8 text");
  const Parsed escape = parse_text("kind 市\nbody \x1B[31m : 市\n");
  REQUIRE(escape.diagnostics().size() == 1);
  CHECK(escape.diagnostics()[0].message.ends_with("found '\\x1B'"));
  for (const Parsed* p : {&nul, &escape}) {
    CHECK(p->rendered().find('\0') == std::string::npos);
    CHECK(p->rendered().find('\x1B') == std::string::npos);
  }
  // The file's name, as the render prints it.
  const SourceFile named("a\x1B[2Jb.plan", "kind 市\nbody x ;\n");
  const ParseResult result = mandate::parse(named);
  REQUIRE(result.diagnostics.size() == 1);
  const std::string out = mandate::render(result.diagnostics[0], named);
  CHECK(out.starts_with("a\\x1B[2Jb.plan:2:8: error[M0001]: "));
  CHECK(out.find('\x1B') == std::string::npos);
}

TEST_CASE("a plan over the size limit is M0003, unread") {
  mandate::ParseLimits limits;
  limits.max_source_bytes = 16;
  const Parsed p = parse_text("kind 市\nkind 县区 within 市\n", limits);
  REQUIRE(p.diagnostics().size() == 1);
  CHECK(p.diagnostics()[0].code == Code::input_limit);
  CHECK(p.diagnostics()[0].message ==
        "the plan is 32 bytes; the limit is 16 (docs/reliability.md)");
  CHECK(mandate::ParseLimits{}.max_source_bytes == 256u << 20);
}

TEST_CASE("nesting deeper than 64 levels is M0003") {
  SUBCASE("64 parentheses are fine") {
    const std::string text = "require " + repeat("(", 64) + "a" + repeat(")", 64) + "\n";
    const Parsed p = parse_ok(text);
    REQUIRE(p.statements().size() == 1);
    CHECK(sexpr(p.statements()[0].head.arguments.at(0)) == "a");
  }
  SUBCASE("65 parentheses") {
    const Parsed p = parse_text("require " + repeat("(", 65) + "a" + repeat(")", 65) + "\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 1, 73);  // the 65th '('
    CHECK(p.statements().empty());
  }
  SUBCASE("65 nested blocks") {
    std::string text;
    for (int i = 0; i < 65; ++i) text += repeat("  ", i) + "kind 甲 {\n";
    text += repeat("}", 65) + "\n";
    const Parsed p = parse_text(text);
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 65, 136);
  }
  SUBCASE("64 nested blocks are fine") {
    std::string text;
    for (int i = 0; i < 64; ++i) text += "kind 甲 {\n";
    text += repeat("}", 64) + "\n";
    const Parsed p = parse_ok(text);
    const Statement* s = &p.statements().at(0);
    int depth = 1;
    while (!s->block.empty()) s = &s->block[0], ++depth;
    CHECK(depth == 64);
  }
  SUBCASE("brackets, braces and parentheses count together") {
    const std::string text = "target 甲 [G1 " + repeat("(", 40) + repeat(")", 40) +
                             "] {\n  require " + repeat("(", 23) + "a" + repeat(")", 23) + "\n}\n";
    // [ and 40 ( close before { and 23 (: at most 1 + 23 = 24 open at once.
    CHECK(parse_text(text).diagnostics().empty());
    const std::string deep =
        "target 甲 {\n  require " + repeat("(", 64) + "a" + repeat(")", 64) + "\n}\n";
    const Parsed p = parse_text(deep);
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 2,
                     74);  // '{' + 63 '(' = 64; the 64th '(' is the 65th level
  }
  SUBCASE("brackets in strings and comments do not count") {
    const Parsed p =
        parse_ok("kind 市 label \"" + repeat("(", 100) + "\" # " + repeat("{", 100) + "\n");
    CHECK(p.statements().size() == 1);
  }
  SUBCASE("a lower limit") {
    ParseLimits limits;
    limits.max_nesting = 2;
    CHECK(parse_text("require ((a))\n", limits).diagnostics().empty());
    const Parsed p = parse_text("require (((a)))\n", limits);
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 1, 11);
  }
}

TEST_CASE("expressions nested deeper than max_expression_depth are M0003") {
  SUBCASE("the default limit") {
    CHECK(parse_text("require " + repeat("-", 100) + "a\n").diagnostics().empty());
    const Parsed p = parse_text("require " + repeat("-", 300) + "a\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 1, 9);
    CHECK(p.statements().empty());
  }
  SUBCASE("a lower limit") {
    ParseLimits limits;
    limits.max_expression_depth = 3;
    CHECK(parse_text("require - - a\nrequire a + b * c\n", limits).diagnostics().empty());
    const Parsed p = parse_text("kind 市\nrequire x, - - - a\nkind 县区\n", limits);
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 2, 12);
    CHECK(p.statements().size() == 2);  // the other statements are kept
  }
}

TEST_CASE("a line longer than 10,000 characters is M0003") {
  SUBCASE("10,000 characters are fine") {
    const Parsed p = parse_ok("kind " + std::string(9995, 'a') + "\n");
    REQUIRE(p.statements().size() == 1);
  }
  SUBCASE("10,001 ASCII characters") {
    const Parsed p = parse_text("kind 市\nkind " + std::string(9996, 'a') + "\nkind 县区\n");
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 2, 10001);
    CHECK(p.statements().empty());
  }
  SUBCASE("10,001 Chinese characters count as characters, not bytes") {
    const Parsed ok = parse_ok("kind " + repeat("商", 9995));
    CHECK(ok.statements().size() == 1);
    const Parsed p = parse_text("kind " + repeat("商", 9996));
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 1, 10001);
  }
  SUBCASE("a long last line without newline") {
    const Parsed p = parse_text("kind 市\n# " + std::string(20000, 'x'));
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 2, 10001);
    CHECK_FALSE(p.rendered().empty());
  }
  SUBCASE("a lower limit") {
    ParseLimits limits;
    limits.max_line_characters = 10;
    CHECK(parse_text("kind 商洛市商州\n", limits).diagnostics().empty());  // 10 characters
    const Parsed p = parse_text("kind 商洛市商州区\n", limits);
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 1, 11);
  }
}

// A span is a byte range; it should not split a UTF-8 sequence.
TEST_CASE("the span of a too-long-line diagnostic covers a whole character") {
  const Parsed p = parse_text("kind " + repeat("商", 9996));
  REQUIRE(p.diagnostics().size() == 1);
  check_diagnostic(p, 0, Code::input_limit, 1, 10001);
  CHECK(p.slice(p.diagnostics()[0].span) == "商");
}

TEST_CASE("hostile input: 1 MB files do not crash the parser") {
  std::mt19937 random(20180227);
  SUBCASE("random bytes") {
    std::string text(one_megabyte, '\0');
    for (char& c : text) c = static_cast<char>(random() & 0xFF);
    const Parsed p = parse_text(text);
    REQUIRE_FALSE(p.diagnostics().empty());
    CHECK(p.diagnostics()[0].code == Code::invalid_utf8);
    CHECK_FALSE(p.rendered().empty());
  }
  SUBCASE("random printable ASCII with newlines") {
    std::string text(one_megabyte, ' ');
    for (char& c : text) {
      const auto r = random() % 100;
      c = r < 3 ? '\n' : static_cast<char>(' ' + random() % 95);
    }
    const int status = parse_isolated(text);
    INFO("child: " << describe(status));
    CHECK(status == 0);  // exited normally, with diagnostics
  }
  SUBCASE("random tokens of the language, nested less than the limit") {
    // Brackets are kept balanced-ish (at most 30 open) so that the grammar,
    // not the nesting check, sees the whole megabyte.
    const std::vector<std::string> tokens = {"plan ",
                                             "stage ",
                                             "kind ",
                                             "body ",
                                             "require ",
                                             "when ",
                                             "row ",
                                             "of ",
                                             "to ",
                                             "by ",
                                             "within ",
                                             ": ",
                                             "= ",
                                             "== ",
                                             ", ",
                                             "(",
                                             ")",
                                             "{",
                                             "}",
                                             "[G1]",
                                             "[B3a 三(一)3]",
                                             "\"s\"",
                                             "# comment\n",
                                             "商州区",
                                             "市委、市政府",
                                             " and ",
                                             " or ",
                                             "not ",
                                             "+",
                                             "-",
                                             "*",
                                             "/",
                                             "<",
                                             "≥",
                                             "..",
                                             "2018-02-27",
                                             "03-20",
                                             "90%",
                                             "20 days",
                                             "end of month 11",
                                             "months 4..10",
                                             "month ",
                                             "all ",
                                             "count(",
                                             "c in ",
                                             " where ",
                                             "—",
                                             "\n",
                                             "\n",
                                             "  ",
                                             "1",
                                             "2.5",
                                             "[",
                                             "]"};
    std::string text;
    int depth = 0;
    while (text.size() < one_megabyte) {
      const std::string& token = tokens[random() % tokens.size()];
      const bool opens = token == "(" || token == "{" || token == "[" || token == "count(";
      const bool closes = token == ")" || token == "}" || token == "]";
      if (opens && depth >= 30) continue;
      if (closes && depth == 0) continue;
      depth += opens ? 1 : closes ? -1 : 0;
      text += token;
    }
    const int status = parse_isolated(text);
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
    CHECK(status == 0);
  }
  SUBCASE("random tokens with unbalanced quotes and brackets") {
    const std::vector<std::string> tokens = {"kind ", "require ", "(",    ")", "{",  "}",
                                             "[",     "]",        "\"",   "#", "\n", "商州区",
                                             " + ",   ", ",       "[G1 ", "-"};
    std::string text;
    while (text.size() < one_megabyte) text += tokens[random() % tokens.size()];
    const int status = parse_isolated(text);
    INFO("child: " << describe(status));
    CHECK(status == 0);
  }
  SUBCASE("repeated '(' on one line") {
    const Parsed p = parse_text(std::string(one_megabyte, '('));
    REQUIRE(p.diagnostics().size() == 1);
    CHECK(p.diagnostics()[0].code == Code::input_limit);
    CHECK_FALSE(p.rendered().empty());
  }
  SUBCASE("repeated '(' on many lines") {
    // 40 levels open on line 1; the 25th '(' of line 2 is the 65th level.
    const Parsed p = parse_text(repeat("require " + repeat("(", 40) + "\n", one_megabyte / 49));
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 2, 33);
  }
  SUBCASE("repeated '{'") {
    const Parsed p = parse_text(repeat("{\n", one_megabyte / 2));
    REQUIRE(p.diagnostics().size() == 1);
    check_diagnostic(p, 0, Code::input_limit, 65, 1);
  }
  SUBCASE("repeated 'kind {'") {
    const Parsed p = parse_text(repeat("kind {", one_megabyte / 6 / 1000 * 1000));
    REQUIRE_FALSE(p.diagnostics().empty());
    CHECK(p.diagnostics()[0].code == Code::input_limit);
  }
  SUBCASE("repeated '}'") {
    const Parsed p = parse_text(repeat("}\n", 1000));
    CHECK(p.diagnostics().size() == 1000);
  }
  SUBCASE("repeated '\"'") {
    const int status = parse_isolated(repeat("\"\n", one_megabyte / 2));
    INFO("child: " << describe(status));
    CHECK(status == 0);
  }
  SUBCASE("many errors") {
    const int status = parse_isolated(repeat("商州区 ;\n", one_megabyte / 12));
    INFO("child: " << describe(status));
    CHECK(status == 0);
  }
}

// Operators that the nesting limit does not count: a long enough chain must
// still not exhaust the stack (language.md §2: "rather than risking the
// stack"), neither while parsing nor when the tree is destroyed.
TEST_CASE("hostile input: long operator chains do not exhaust the stack") {
  SUBCASE("unary minus, one line within both limits") {
    const int status = parse_isolated("require " + std::string(9000, '-') + "a\n");
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
  }
  SUBCASE("not, one line within both limits") {
    const int status = parse_isolated("require " + repeat("not ", 2490) + "a\n");
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
  }
  SUBCASE("unary minus, 1 MB") {
    const int status = parse_isolated("require " + repeat("-\n", one_megabyte / 2) + "a\n");
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
  }
  SUBCASE("not, 1 MB") {
    const int status = parse_isolated("require " + repeat("not\n", one_megabyte / 4) + "a\n");
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
  }
  SUBCASE("a + a + ..., 1 MB") {
    const int status = parse_isolated("require a" + repeat(" + a\n", one_megabyte / 5) + "\n");
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
  }
  SUBCASE("a and a and ..., 1 MB") {
    const int status = parse_isolated("require a" + repeat(" and a\n", one_megabyte / 7) + "\n");
    INFO("child: " << describe(status));
    CHECK(exited_normally(status));
  }
}

TEST_CASE("parse never throws") {
  for (const char* text : {"",
                           "{",
                           "}",
                           "(",
                           ")",
                           "[",
                           "]",
                           "\"",
                           "#",
                           "-",
                           "—",
                           "..",
                           ",",
                           "plan",
                           "plan {",
                           "plan (",
                           "plan [",
                           "plan [G1",
                           "plan ]",
                           "row = ,",
                           "require f(",
                           "require f(x:",
                           "require f(x in",
                           "require f(x in G where",
                           "require end",
                           "require end of",
                           "require end of month",
                           "require month",
                           "require months 1..",
                           "require all",
                           "require 1..",
                           "require -",
                           "require not",
                           "require a <",
                           "\xE3\x80\x80",
                           "\xEF\xBB\xBFkind 市"}) {
    INFO("text: " << std::string(text));
    CHECK_NOTHROW((void)parse_text(text));
  }
}

TEST_CASE("the Shangluo example plan parses without syntax errors") {
  std::ifstream in(MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan", std::ios::binary);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const Parsed p = parse_ok(buffer.str());
  CHECK(p.statements().size() > 10);
  REQUIRE_FALSE(p.statements().empty());
  std::size_t plans = 0;
  for (const Statement& statement : p.statements()) plans += statement.head.keyword == "plan";
  CHECK(plans == 1);
}
