// The canonical formatter: exact output, idempotence, and that formatting
// keeps every comment and the meaning (the syntax tree, ignoring spans).
#include <mandate/format.hpp>
#include <mandate/parse.hpp>

#include "source/utf8.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using mandate::SourceFile;
using mandate::syntax::Node;
using mandate::syntax::PlanFile;
using mandate::syntax::Segment;
using mandate::syntax::Statement;

// ---------------------------------------------------------------------------
// Tree equality ignoring spans: returns where two trees first differ, or ""
// when they are equal.

std::string node_difference(const Node& a, const Node& b, const std::string& at) {
  if (a.kind != b.kind) return at + ": node kinds differ";
  if (a.text != b.text) return at + ": '" + a.text + "' vs '" + b.text + "'";
  if (a.children.size() != b.children.size()) return at + ": child counts differ";
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    std::string difference = node_difference(a.children[i], b.children[i],
                                             at + "/" + a.text + "[" + std::to_string(i) + "]");
    if (!difference.empty()) return difference;
  }
  return {};
}

std::string segment_difference(const Segment& a, const Segment& b, const std::string& at) {
  if (a.keyword != b.keyword) return at + ": keyword '" + a.keyword + "' vs '" + b.keyword + "'";
  if (a.arguments.size() != b.arguments.size())
    return at + " " + a.keyword + ": argument counts differ";
  for (std::size_t i = 0; i < a.arguments.size(); ++i) {
    std::string difference = node_difference(a.arguments[i], b.arguments[i],
                                             at + " " + a.keyword + "#" + std::to_string(i));
    if (!difference.empty()) return difference;
  }
  return {};
}

std::string statements_difference(const std::vector<Statement>& a, const std::vector<Statement>& b,
                                  const std::string& at) {
  if (a.size() != b.size())
    return at + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " statements";
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string here = at + "/" + std::to_string(i) + ":" + a[i].head.keyword;
    std::string difference = segment_difference(a[i].head, b[i].head, here);
    if (!difference.empty()) return difference;
    if (a[i].segments.size() != b[i].segments.size()) return here + ": segment counts differ";
    for (std::size_t s = 0; s < a[i].segments.size(); ++s) {
      difference = segment_difference(a[i].segments[s], b[i].segments[s], here);
      if (!difference.empty()) return difference;
    }
    if (a[i].citations.size() != b[i].citations.size()) return here + ": citation counts differ";
    for (std::size_t c = 0; c < a[i].citations.size(); ++c) {
      if (a[i].citations[c].clause != b[i].citations[c].clause ||
          a[i].citations[c].section != b[i].citations[c].section)
        return here + ": citations differ";
    }
    if (a[i].has_block != b[i].has_block) return here + ": block presence differs";
    difference = statements_difference(a[i].block, b[i].block, here);
    if (!difference.empty()) return difference;
  }
  return {};
}

std::vector<std::string> comment_texts(const PlanFile& file) {
  std::vector<std::string> texts;
  for (const auto& comment : file.comments) texts.push_back(comment.text);
  return texts;
}

std::string diagnostics_text(const mandate::ParseResult& result, const SourceFile& source) {
  std::string text;
  for (const auto& diagnostic : result.diagnostics) text += mandate::render(diagnostic, source);
  return text;
}

/// Formats text that must parse without errors.
std::string format_text(const std::string& text) {
  const SourceFile source("input.plan", text);
  const auto parsed = mandate::parse(source);
  INFO(diagnostics_text(parsed, source));
  REQUIRE(parsed.diagnostics.empty());
  return mandate::format(parsed.file, source);
}

/// The formatter's contract on one error-free input: the output parses, has
/// the same tree and the same comments in the same order, and is a fixed
/// point.
void check_round_trip(const std::string& text, const std::string& name = "input.plan") {
  INFO("plan: " << name);
  const SourceFile source(name, text);
  const auto parsed = mandate::parse(source);
  REQUIRE(parsed.diagnostics.empty());
  const std::string once = mandate::format(parsed.file, source);

  const SourceFile formatted(name + " (formatted)", once);
  const auto reparsed = mandate::parse(formatted);
  INFO("formatted:\n" << once);
  INFO(diagnostics_text(reparsed, formatted));
  REQUIRE(reparsed.diagnostics.empty());
  CHECK(statements_difference(parsed.file.statements, reparsed.file.statements, "") == "");
  CHECK(comment_texts(parsed.file) == comment_texts(reparsed.file));

  const std::string twice = mandate::format(reparsed.file, formatted);
  CHECK(twice == once);
}

/// The formatted form of one expression, as the argument of `require`; it
/// must equal what format_expression prints for the parsed node.
std::string canonical_expression(const std::string& expression) {
  const std::string text = "require " + expression + "\n";
  const SourceFile source("input.plan", text);
  const auto parsed = mandate::parse(source);
  INFO(diagnostics_text(parsed, source));
  REQUIRE(parsed.diagnostics.empty());
  REQUIRE(parsed.file.statements.size() == 1);
  REQUIRE(parsed.file.statements[0].head.arguments.size() == 1);
  const std::string line = mandate::format(parsed.file, source);
  const std::string alone = mandate::format_expression(parsed.file.statements[0].head.arguments[0]);
  CHECK(line == "require " + alone + "\n");
  return alone;
}

/// Frees a deep tree without recursing (the implicit destructor would).
void dismantle(Node& root) {
  std::vector<Node> pending;
  pending.push_back(std::move(root));
  while (!pending.empty()) {
    Node node = std::move(pending.back());
    pending.pop_back();
    for (Node& child : node.children) pending.push_back(std::move(child));
    node.children.clear();
  }
}

Node leaf(const std::string& name) {
  Node node;
  node.text = name;
  return node;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// ---------------------------------------------------------------------------
// Representative plans

// Every node kind and statement shape, non-canonical spacing, nested blocks.
const std::string every_shape = R"(plan   "深化“平安商洛”创建活动实施方案"[G1]{
issued_by 中共商洛市委办公室,商洛市人民政府办公室
    issued 2018-02-27
  effective 2018..2020
  citations required
  clauses G1, G2,
          B3a, S1, SX, Q1, R1
}
kind 县区 label "县（区）" within 市
body 商洛高新区（商丹园区）:县区 within 商洛市 alias 商洛高新区, 商丹园区
  label "say \"hi\"\\ \nnext"
group 商洛县区 = all 县区 within 商洛市 except 试点
param 后N位 : count = 10 doc "bottom N" [S1]
param 扣分分值 : number = 2.5 [SX] {
  value 3 in 2020..2020
}
param 起始 : window = months 4..10
param 窗口 : window = month 12
param 截止 : annual_date = end of month 11
param 比例 : percent = 91.20%
param 开关 : bool = true
param 关 : bool = false
param 期限 : duration = 20 days
metric 覆盖率 : percent per programme = 参与数 / 应参与数
metric 得分 : number per 县区,镇办 doc "x"
param 半年截止日 : list(annual_date) = 06-30, 12-31
stage 县区方案备案 of 九大品牌 [B3a 三(一)3] [G6 二(二)] {
  obligated 商洛县区
  deliver 创建方案, 创建标准 to 市综治办
  due by 03-20, 2018-06-30
  during 09-11..09-30
  lasts 2 weeks
  requires 前置阶段
}
target 九大品牌覆盖率 [G6] {
  subject 九大品牌
  require 覆盖率≥100% by 2020-12-31
  require count(x in 商洛县区 where 覆盖率(x) >= 90%) == size(商洛县区)
  require any(c in 商洛县区 where not holds(平安县, c) and -增长(c) < -1)
  require count(通报, by: 市综治办, within: rolling(365 days)) <= 2
  require 值 ≠ 0 or (a - (b - c)) * 2 > a - b - c
}
sanction 县区落后 [S1 四(四)] {
  subject 商洛县区
  when 两率一度 < average(两率一度, over: 全省县区) and rank(两率一度, among: 全省县区) > size(全省县区) - 后N位
  consequences 平安建设问责
}
consequence 平安建设问责 [SX] {
  disqualify
  deduct 扣分分值
  refer to 追责决定机关
}
award 授牌表彰 [R1] {
  subject 商洛县区
  when holds(全省平安建设先进县（区）)
  grant plaque by 市委、市政府
  tier 1
  unless disqualified
}
quota 县区示范点配额 [Q1 附件] {
  limits 市级示范点
  columns 平安县（区）, 平安镇（办）, 平安村（社区）
  row 商州区 = 1, 7, 30
  row 商洛高新区（商丹园区） = 1, -, 3
  row 洛南县 = —, 2, 3
  total = 2, 9, 36
}
programme 平安医院 : domain of 八大领域 {
  lead 市卫计局
  stage 深层 {
    obligated 市卫计局 {
      lead 市公安局
    }
  }
  cooperate 市公安局, 市物价局
}
programme 空 : action {
}
)";

// Comments in every position.
const std::string every_comment = R"(# file header
#   second line

# before plan
plan "x" [G1] {  # after the brace
  # first in block
  issued 2018-02-27  # trailing issued

  # before effective, after a blank line
  effective 2018..2020
  # before the closing brace
}  # after the closing brace
# right after plan

kind 县区  # trailing kind
stage 甲 of 乙  # trailing head
  # own line inside the head
  [B3a 三(一)3] {
  lead 市综治办
}
target 丙 {
  require a
    # inside a condition
    and b  # after the condition
  require c  # one
    and d  # two
}
quota q {
  row 商州区 = 1,  # first cell
    2
  total = 1,
    2  # last cell
}
# end of file 1

# end of file 2
)";

}  // namespace

TEST_CASE("format: exact output of a small plan") {
  const std::string input =
      "plan \"p\"   [G1]{issued 2018-02-27\n\n\n   effective 2018..2020}\n"
      "kind 县区 label\"县（区）\"   within 市\n\n\n\n"
      "param 后N位:count=10 doc \"a \\\"b\\\"\"[S1   三(一)3 ]\n"
      "quota q{row 商州区=1,-,3}\n";
  const std::string expected =
      "plan \"p\" [G1] {\n"
      "  issued 2018-02-27\n"
      "\n"
      "  effective 2018..2020\n"
      "}\n"
      "kind 县区 label \"县（区）\" within 市\n"
      "\n"
      "param 后N位 : count = 10 doc \"a \\\"b\\\"\" [S1 三(一)3]\n"
      "quota q {\n"
      "  row 商州区 = 1, —, 3\n"
      "}\n";
  CHECK(format_text(input) == expected);
  check_round_trip(input);
}

TEST_CASE("format: canonical spelling of expressions") {
  CHECK(canonical_expression("a≥b") == "a >= b");
  CHECK(canonical_expression("a≤b") == "a <= b");
  CHECK(canonical_expression("a≠b") == "a != b");
  CHECK(canonical_expression("a==b") == "a == b");
  CHECK(canonical_expression("a<b+c*d/e-f") == "a < b + c * d / e - f");
  CHECK(canonical_expression("2018 .. 2020") == "2018..2020");
  CHECK(canonical_expression("months 4 .. 10") == "months 4..10");
  CHECK(canonical_expression("month   12") == "month 12");
  CHECK(canonical_expression("end  of\nmonth 11") == "end of month 11");
  CHECK(canonical_expression("all   县区") == "all 县区");
  CHECK(canonical_expression("20   days") == "20 days");
  CHECK(canonical_expression("90%") == "90%");
  CHECK(canonical_expression("f( a ,k : v , x in G where p )") == "f(a, k: v, x in G where p)");
  CHECK(canonical_expression("count(通报, by : X)") == "count(通报, by: X)");
  CHECK(canonical_expression("not   x") == "not x");
  CHECK(canonical_expression("- x") == "-x");
  CHECK(canonical_expression("a - - b") == "a - -b");
  CHECK(canonical_expression("\"q\\\"\\\\\\n\"") == "\"q\\\"\\\\\\n\"");
  CHECK(canonical_expression("f()") == "f()");
  CHECK(canonical_expression("2.50") == "2.50");
}

TEST_CASE("format: parentheses only where precedence needs them") {
  // Kept: the tree needs them.
  CHECK(canonical_expression("(a or b) and c") == "(a or b) and c");
  CHECK(canonical_expression("a or (b or c)") == "a or (b or c)");
  CHECK(canonical_expression("a and (b and c)") == "a and (b and c)");
  CHECK(canonical_expression("not (a and b)") == "not (a and b)");
  CHECK(canonical_expression("(not a) < b") == "(not a) < b");
  CHECK(canonical_expression("(a < b) == c") == "(a < b) == c");
  CHECK(canonical_expression("a == (b < c)") == "a == (b < c)");
  CHECK(canonical_expression("a - (b - c)") == "a - (b - c)");
  CHECK(canonical_expression("a - (b + c)") == "a - (b + c)");
  CHECK(canonical_expression("a / (b * c)") == "a / (b * c)");
  CHECK(canonical_expression("(a + b) * c") == "(a + b) * c");
  CHECK(canonical_expression("-(a + b)") == "-(a + b)");
  CHECK(canonical_expression("-(a * b)") == "-(a * b)");
  CHECK(canonical_expression("(-a)..b") == "(-a)..b");
  CHECK(canonical_expression("a..(-b)") == "a..(-b)");
  CHECK(canonical_expression("(a..b)..c") == "(a..b)..c");
  CHECK(canonical_expression("(a + 1)..b") == "(a + 1)..b");
  // Dropped: the tree is the same without them.
  CHECK(canonical_expression("((a))") == "a");
  CHECK(canonical_expression("a or (b and c)") == "a or b and c");
  CHECK(canonical_expression("(a and b) or c") == "a and b or c");
  CHECK(canonical_expression("(a or b) or c") == "a or b or c");
  CHECK(canonical_expression("(not a) and b") == "not a and b");
  CHECK(canonical_expression("not (a < b)") == "not a < b");
  CHECK(canonical_expression("not (not a)") == "not not a");
  CHECK(canonical_expression("(a - b) - c") == "a - b - c");
  CHECK(canonical_expression("a + (b * c)") == "a + b * c");
  CHECK(canonical_expression("(a * b) / c") == "a * b / c");
  CHECK(canonical_expression("a == (b + c)") == "a == b + c");
  CHECK(canonical_expression("(-a) * b") == "-a * b");
  CHECK(canonical_expression("-(a..b)") == "-a..b");
  CHECK(canonical_expression("-(-a)") == "--a");
  CHECK(canonical_expression("f((a or b), k: (c), x in (G) where (p))") ==
        "f(a or b, k: c, x in G where p)");
  // Each of these reads back as the same tree.
  for (const char* expression :
       {"a - (b - c)", "(a or b) and c", "(-a)..b", "-(a..b)", "-(-a)", "a - - b", "(a < b) == c",
        "not (a and b) or not c", "-(a + b) * -(c - d) / (e / f)"})
    check_round_trip(std::string("require ") + expression + "\n");
}

TEST_CASE("format: long conditions break at their top-level and/or") {
  const std::string input =
      "sanction 县区两率一度落后 [S1 四(四)] {\n"
      "  subject 商洛县区\n"
      "  when 两率一度 < average(两率一度, over: 全省县区) and rank(两率一度, among: 全省县区) > "
      "size(全省县区) - 后N位 and (x or y)\n"
      "  consequences 平安建设问责\n"
      "}\n";
  const std::string expected =
      "sanction 县区两率一度落后 [S1 四(四)] {\n"
      "  subject 商洛县区\n"
      "  when 两率一度 < average(两率一度, over: 全省县区)\n"
      "      and rank(两率一度, among: 全省县区) > size(全省县区) - 后N位\n"
      "      and (x or y)\n"
      "  consequences 平安建设问责\n"
      "}\n";
  CHECK(format_text(input) == expected);
  check_round_trip(input);

  // The rest of the statement follows the last operand; `or` chains too.
  const std::string with_block =
      "target t {\n"
      "  require aaaaaaaaaaaaaaaaaaaa > 1 or bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb > 2 or "
      "ccccccccccccccccccccccccccccccccc and d by 2020-12-31 [G6] {\n"
      "  }\n"
      "}\n";
  CHECK(format_text(with_block) ==
        "target t {\n"
        "  require aaaaaaaaaaaaaaaaaaaa > 1\n"
        "      or bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb > 2\n"
        "      or ccccccccccccccccccccccccccccccccc and d by 2020-12-31 [G6] {\n"
        "  }\n"
        "}\n");
  check_round_trip(with_block);

  // Exactly 100 columns stays on one line; CJK characters count two.
  const std::string fits =
      "require " + std::string(44, 'a') + " and " + std::string(43, 'b') + "\n";
  CHECK(format_text(fits) == fits);
  std::string wide = "require ";
  for (int i = 0; i < 22; ++i) wide += "甲";
  wide += " and " + std::string(44, 'b') + "\n";
  CHECK(format_text(wide).find("\n    and ") != std::string::npos);
  // A piece wider than the line is not broken.
  const std::string list = "clauses " + std::string(60, 'A') + ", " + std::string(60, 'B') + "\n";
  CHECK(format_text(list) ==
        "clauses " + std::string(60, 'A') + ",\n    " + std::string(60, 'B') + "\n");
  const std::string one = "clauses " + std::string(120, 'A') + "\n";
  CHECK(format_text(one) == one);
}

TEST_CASE("format: an operand that is an and/or chain too wide for its line breaks deeper") {
  const std::string a(50, 'a'), b(50, 'b'), c(50, 'c'), d(50, 'd');
  const std::string nested = "require " + a + " and " + b + " or " + c + " and " + d + "\n";
  CHECK(format_text(nested) ==
        "require " + a + "\n        and " + b + "\n    or " + c + "\n        and " + d + "\n");
  check_round_trip(nested);
  // In parentheses, which close after the last operand.
  const std::string grouped = "require (" + a + " or " + b + ") and " + c + "\n";
  CHECK(format_text(grouped) == "require (" + a + "\n        or " + b + ")\n    and " + c + "\n");
  check_round_trip(grouped);
  // A call whose `where` is such a chain breaks there.
  const std::string where = "require " + a + " and any(m in G where " + b + " and " + c + ")\n";
  CHECK(format_text(where) ==
        "require " + a + "\n    and any(m in G where " + b + "\n        and " + c + ")\n");
  check_round_trip(where);
  // An operand that fits stays whole.
  const std::string short_operands = "require " + a + " and x or " + c + " and y\n";
  CHECK(format_text(short_operands) == "require " + a + " and x\n    or " + c + " and y\n");
}

TEST_CASE("format: long lists break after a comma, filling each line up to 100 columns") {
  // Nine names of 5 CJK characters: 10 columns each, 12 with ", ".
  std::string names;
  for (int i = 1; i <= 9; ++i)
    names += std::string(i > 1 ? ", " : "") + "县区名字" + std::to_string(i);
  const std::string input = "stage 甲 of 乙 [B1] {\n  obligated " + names + "\n}\n";
  // "  obligated " is 12 columns, each "县区名字N," 10 and a space: eight fit in 100
  // (12 + 8 × 11 - 1 = 99); the ninth goes on a line indented 4 deeper.
  const std::string formatted = format_text(input);
  INFO(formatted);
  CHECK(formatted ==
        "stage 甲 of 乙 [B1] {\n"
        "  obligated 县区名字1, 县区名字2, 县区名字3, 县区名字4, 县区名字5, 县区名字6, 县区名字7, "
        "县区名字8,\n"
        "      县区名字9\n"
        "}\n");
  check_round_trip(input);
  check_round_trip(formatted);

  // Every list of a statement breaks: its arguments and each segment's; a
  // segment keyword starts a piece, `{` stays with the last one.
  std::string events;
  for (int i = 1; i <= 6; ++i)
    events += std::string(i > 1 ? ", " : "") + "工作方案材料" + std::to_string(i);
  const std::string deliver = "stage 甲 of 乙 {\n  deliver " + events +
                              " to 市综治办, 市委办公室, " +
                              "市政府办公室, 市公安局, 市教育局 [B3a 三(一)3] {\n  }\n}\n";
  const std::string wrapped = format_text(deliver);
  INFO(wrapped);
  CHECK(wrapped ==
        "stage 甲 of 乙 {\n"
        "  deliver 工作方案材料1, 工作方案材料2, 工作方案材料3, 工作方案材料4, 工作方案材料5, "
        "工作方案材料6\n"
        "      to 市综治办, 市委办公室, 市政府办公室, 市公安局, 市教育局 [B3a 三(一)3] {\n"
        "  }\n"
        "}\n");
  // Before a segment keyword or a citation, but never before `:` or `=`.
  const std::string body =
      "body 商洛高新区（商丹园区） : 县区 within 商洛市 alias 商洛高新区, 商丹园区 label "
      "\"商洛高新区（商丹园区）党工委、管委会\" [O1 四(一)]\n";
  CHECK(format_text(body) ==
        "body 商洛高新区（商丹园区） : 县区 within 商洛市 alias 商洛高新区, 商丹园区\n"
        "    label \"商洛高新区（商丹园区）党工委、管委会\" [O1 四(一)]\n");
  check_round_trip(body);
  check_round_trip(deliver);

  // A statement without arguments (`total = …`), and a trailing comment,
  // which stays at the end of the statement.
  std::string cells;
  for (int i = 0; i < 40; ++i) cells += std::string(i > 0 ? ", " : "") + "10";
  const std::string total = "quota q {\n  total = " + cells + "  # 共计\n}\n";
  const std::string totals = format_text(total);
  INFO(totals);
  CHECK(totals.find("  total = 10, 10,") == totals.find("quota q {\n") + 10);
  CHECK(totals.find(",\n      10, 10,") != std::string::npos);
  CHECK(totals.find(" 10  # 共计\n}\n") != std::string::npos);
  check_round_trip(total);
  for (std::size_t begin = 0, end; (end = totals.find('\n', begin)) != std::string::npos;
       begin = end + 1) {
    const std::string line = totals.substr(begin, end - begin);
    CHECK(mandate::detail::display_width(line.substr(0, line.find("  #"))) <= 100);
  }
}

TEST_CASE("format: comments in every position") {
  const std::string expected = R"(# file header
#   second line

# before plan
plan "x" [G1] {  # after the brace
  # first in block
  issued 2018-02-27  # trailing issued

  # before effective, after a blank line
  effective 2018..2020
  # before the closing brace
}  # after the closing brace
# right after plan

kind 县区  # trailing kind
stage 甲 of 乙 [B3a 三(一)3] {  # trailing head
  # own line inside the head
  lead 市综治办
}
target 丙 {
  # inside a condition
  require a and b  # after the condition
  require c and d  # one
  # two
}
quota q {
  row 商州区 = 1, 2  # first cell
  total = 1, 2  # last cell
}
# end of file 1

# end of file 2
)";
  CHECK(format_text(every_comment) == expected);
  check_round_trip(every_comment);
  check_round_trip(expected);
}

TEST_CASE("format: blank lines and the end of the file") {
  CHECK(format_text("") == "");
  CHECK(format_text("\n\n  \n") == "");
  CHECK(format_text("kind a") == "kind a\n");
  CHECK(format_text("\n\nkind a\n\n\n\nkind b\n\n\n") == "kind a\n\nkind b\n");
  CHECK(format_text("plan \"p\" {\n\n\n  issued 2018-02-27\n\n\n}\n") ==
        "plan \"p\" {\n  issued 2018-02-27\n}\n");
  CHECK(format_text("# only a comment") == "# only a comment\n");
  CHECK(format_text("kind a\n\n# c\n\nkind b\r\n") == "kind a\n\n# c\n\nkind b\n");
  CHECK(format_text("kind a {\n}\n") == "kind a {\n}\n");
  CHECK(format_text("kind a { # c\n}\n") == "kind a {  # c\n}\n");
}

TEST_CASE("format: representative plans are fixed points with the same tree") {
  check_round_trip(every_shape);
  check_round_trip(every_comment);
  const std::string formatted = format_text(every_shape);
  CHECK(formatted.find("row 商洛高新区（商丹园区） = 1, —, 3\n") != std::string::npos);
  CHECK(formatted.find("label \"say \\\"hi\\\"\\\\ \\nnext\"") != std::string::npos);
  CHECK(formatted.find("require 值 != 0 or (a - (b - c)) * 2 > a - b - c\n") != std::string::npos);
  CHECK(formatted.find("programme 空 : action {\n}\n") != std::string::npos);
  CHECK(formatted.find("metric 得分 : number per 县区, 镇办 doc \"x\"\n") != std::string::npos);
  CHECK(formatted.find("param 半年截止日 : list(annual_date) = 06-30, 12-31\n") !=
        std::string::npos);
  CHECK(formatted.find(
            "  stage 深层 {\n    obligated 市卫计局 {\n      lead 市公安局\n    }\n  }\n") !=
        std::string::npos);
}

TEST_CASE("format: every example plan is a fixed point with the same tree and comments") {
  const std::filesystem::path root(MANDATE_SOURCE_DIR);
  int checked = 0;
  for (const char* folder : {"examples", "tests/plans"}) {
    const std::filesystem::path directory = root / folder;
    if (!std::filesystem::is_directory(directory)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".plan") continue;
      const std::string text = read_file(entry.path());
      const SourceFile source(entry.path().string(), text);
      if (!mandate::parse(source).diagnostics.empty()) {
        MESSAGE("skipped (does not parse cleanly): " << entry.path().string());
        continue;
      }
      check_round_trip(text, entry.path().string());
      ++checked;
    }
  }
  MESSAGE("example plans checked: " << checked);
}

TEST_CASE("format: long operator chains do not deepen the stack") {
  constexpr int length = 200'000;
  struct Case {
    mandate::syntax::NodeKind kind;
    const char* op;
    std::string starts;
  };
  const Case cases[] = {
      {mandate::syntax::NodeKind::binary, "+", "require a + a + a"},
      {mandate::syntax::NodeKind::binary, "and", "require a\n    and a\n"},
      {mandate::syntax::NodeKind::unary, "-", "require ----"},
      {mandate::syntax::NodeKind::unary, "not", "require not not not"},
  };
  for (const Case& c : cases) {
    INFO("operator " << std::string(c.op));
    Node chain = leaf("a");
    for (int i = 0; i < length; ++i) {
      Node parent;
      parent.kind = c.kind;
      parent.text = c.op;
      if (c.kind == mandate::syntax::NodeKind::binary) {
        parent.children.push_back(std::move(chain));
        parent.children.push_back(leaf("a"));
      } else {
        parent.children.push_back(std::move(chain));
      }
      chain = std::move(parent);
    }
    PlanFile file;
    Statement& statement = file.statements.emplace_back();
    statement.head.keyword = "require";
    statement.head.arguments.push_back(std::move(chain));
    const SourceFile source("chain.plan", "require …\n");
    const std::string text = mandate::format(file, source);
    CHECK(text.substr(0, c.starts.size()) == c.starts);
    CHECK(text.ends_with("a\n"));
    dismantle(statement.head.arguments.front());
  }
}
