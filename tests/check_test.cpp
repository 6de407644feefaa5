// Tests of stage 2, syntax tree → checked plan (docs/language.md §3, §4;
// docs/diagnostics.md): every diagnostic code the checker produces, with its
// line and character column; every construct of §4 checking clean, with spot
// checks of the compiled Plan; and the data-driven plan files of
// tests/plans/{good,bad}.
#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/parse.hpp>
#include <mandate/plan.hpp>
#include <mandate/report.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include "check/suggest.hpp"
#include "source/utf8.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using mandate::BodyRef;
using mandate::CheckResult;
using mandate::Code;
using mandate::Diagnostic;
using mandate::Index;
using mandate::Plan;
using mandate::RoleKind;
using mandate::Severity;
using mandate::SourceFile;
using mandate::Symbol;
using mandate::SymbolKind;
using mandate::syntax::NodeKind;

namespace {

// ---------------------------------------------------------------------------
// Helpers

/// A plan statement that every snippet can rely on: the plan runs 2018..2020
/// (so 02-29 does not exist in every year of it).
constexpr std::string_view default_plan_statement = R"(plan "测试方案" [G1] {
  issued 2018-02-27
  effective 2018..2020
})";

/// A few kinds, bodies, groups and programmes the snippets refer to. Every
/// normative statement carries a citation, so that a plan with `citations
/// required` still only reports what the snippet does.
constexpr std::string_view declarations = R"(kind 县区
kind 部门
body 商州区 : 县区
body 洛南县 : 县区
body 商洛高新区（商丹园区） : 县区 alias 商洛高新区, 商丹园区
body 市综治办 : 部门
body 市公安局 : 部门
body 市卫计局 : 部门
group 商洛县区 = all 县区
group 主责部门 = 市公安局, 市卫计局
event 创建方案 : document
programme 平安县（区） : brand [G1] { lead 商洛县区 }
programme 平安校园 : domain [G1] { lead 市公安局 }
group 九大品牌 = 平安县（区）
metric 覆盖率 : percent per programme
metric 两率一度 : percent per 县区
param 后N位 : count = 10 [G1]
title 全省平安建设先进县（区） : provincial for 县区
consequence 问责 [G1] { disqualify }
)";

/// The snippet first, so that its lines are the lines of the file (line 1 is
/// the snippet's first line), then the default plan statement and the
/// declarations. Declarations may come after their uses: the checker
/// declares every name before it checks any statement.
std::string with_preamble(std::string_view snippet) {
  return std::string(snippet) + "\n" + std::string(default_plan_statement) + "\n" +
         std::string(declarations);
}

/// A plan statement of the test's own (first, from line 1), the snippet, then
/// the declarations.
std::string with_plan(std::string_view plan_statement, std::string_view snippet) {
  return std::string(plan_statement) + "\n" + std::string(snippet) + "\n" +
         std::string(declarations);
}

struct Checked {
  std::unique_ptr<SourceFile> source;
  CheckResult result;

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return result.diagnostics; }
  [[nodiscard]] const Plan& plan() const {
    REQUIRE(result.plan != nullptr);
    return *result.plan;
  }
  [[nodiscard]] std::string rendered() const {
    std::string out;
    for (const Diagnostic& d : result.diagnostics) out += mandate::render(d, *source);
    return out;
  }
};

Checked check_text(std::string text, std::string name = "test.plan") {
  Checked checked;
  checked.source = std::make_unique<SourceFile>(std::move(name), std::move(text));
  checked.result = mandate::parse_and_check(*checked.source);
  return checked;
}

/// Checks text that must be clean: no diagnostic at all, and a plan.
Checked check_clean(std::string text) {
  Checked checked = check_text(std::move(text));
  INFO("diagnostics:\n" << checked.rendered());
  CHECK(checked.diagnostics().empty());
  REQUIRE(checked.result.plan != nullptr);
  return checked;
}

/// What a test expects of one diagnostic: code, line, character column.
struct Expected {
  Code code;
  std::uint32_t line;
  std::uint32_t column;
  friend auto operator<=>(const Expected&, const Expected&) = default;
};

std::string describe(const Expected& e) {
  return mandate::code_name(e.code) + " " + std::to_string(e.line) + ":" + std::to_string(e.column);
}

std::string describe(const std::vector<Expected>& list) {
  std::string out;
  for (const Expected& e : list) out += (out.empty() ? "" : ", ") + describe(e);
  return "[" + out + "]";
}

std::vector<Expected> found(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Expected> out;
  for (const Diagnostic& d : diagnostics)
    out.push_back({d.code, d.position.line, d.position.column});
  std::sort(out.begin(), out.end());
  return out;
}

/// The diagnostics are exactly `expected` (in any order, duplicates count),
/// each one consistent (position from its span, file name, message); when any
/// is an error, there is no plan.
void expect_diagnostics(const Checked& checked, std::vector<Expected> expected) {
  INFO("diagnostics:\n" << checked.rendered());
  std::sort(expected.begin(), expected.end());
  CHECK(describe(found(checked.diagnostics())) == describe(expected));
  for (const Diagnostic& d : checked.diagnostics()) {
    CHECK(d.file == checked.source->name());
    CHECK(d.position == checked.source->position(d.span.begin));
    CHECK(d.span.begin <= d.span.end);
    CHECK(d.span.end <= checked.source->text().size());
    CHECK_FALSE(d.message.empty());
  }
  if (mandate::has_errors(checked.diagnostics())) CHECK(checked.result.plan == nullptr);
}

/// The one diagnostic at line:column with `code`.
const Diagnostic& diagnostic_at(const Checked& checked, Code code, std::uint32_t line,
                                std::uint32_t column) {
  INFO("diagnostics:\n" << checked.rendered());
  const auto it = std::find_if(
      checked.diagnostics().begin(), checked.diagnostics().end(), [&](const Diagnostic& d) {
        return d.code == code && d.position.line == line && d.position.column == column;
      });
  REQUIRE(it != checked.diagnostics().end());
  return *it;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Lookups in a compiled plan.

const Symbol& symbol(const Plan& plan, std::string_view name, SymbolKind kind) {
  INFO("name: " << name);
  const Symbol* s = plan.find(name);
  REQUIRE(s != nullptr);
  REQUIRE(s->kind == kind);
  return *s;
}

Index body_index(const Plan& plan, std::string_view name) {
  return symbol(plan, name, SymbolKind::body).index;
}
Index group_index(const Plan& plan, std::string_view name) {
  return symbol(plan, name, SymbolKind::group).index;
}

const mandate::Stage& stage(const Plan& plan, std::string_view name) {
  return plan.stages.at(symbol(plan, name, SymbolKind::stage).index);
}
const mandate::Programme& programme(const Plan& plan, std::string_view name) {
  return plan.programmes.at(symbol(plan, name, SymbolKind::programme).index);
}
const mandate::Rule& rule(const Plan& plan, std::string_view name) {
  return plan.rules.at(symbol(plan, name, SymbolKind::rule).index);
}
const mandate::Quota& quota(const Plan& plan, std::string_view name) {
  return plan.quotas.at(symbol(plan, name, SymbolKind::quota).index);
}
const mandate::Parameter& parameter(const Plan& plan, std::string_view name) {
  return plan.parameters.at(symbol(plan, name, SymbolKind::parameter).index);
}

/// The names a list of body references stands for ("group:商洛县区" for a group).
std::vector<std::string> ref_names(const Plan& plan, const std::vector<BodyRef>& refs) {
  std::vector<std::string> out;
  for (const BodyRef& ref : refs) {
    switch (ref.sort) {
      case BodyRef::Sort::body:
        out.push_back(plan.bodies.at(ref.index).name);
        break;
      case BodyRef::Sort::group:
        out.push_back("group:" + plan.groups.at(ref.index).name);
        break;
      case BodyRef::Sort::parameter:
        out.push_back("param:" + plan.parameters.at(ref.index).name);
        break;
    }
  }
  return out;
}

std::vector<std::string> role_bodies(const Plan& plan, const std::vector<mandate::Role>& roles,
                                     RoleKind kind) {
  std::vector<std::string> out;
  for (const mandate::Role& role : roles)
    if (role.kind == kind) {
      const auto names = ref_names(plan, role.bodies);
      out.insert(out.end(), names.begin(), names.end());
    }
  return out;
}

std::vector<std::string> node_texts(const std::vector<mandate::syntax::Node>& nodes) {
  std::vector<std::string> out;
  for (const auto& node : nodes) out.push_back(node.text);
  return out;
}

using Strings = std::vector<std::string>;
using Cells = std::vector<std::optional<std::int64_t>>;
constexpr std::optional<std::int64_t> none = std::nullopt;

}  // namespace

// ---------------------------------------------------------------------------
// The helpers themselves

TEST_CASE("check: the test preamble checks clean") {
  const Checked checked = check_clean(with_preamble("# nothing"));
  const Plan& plan = checked.plan();
  CHECK(plan.metadata.title == "测试方案");
  CHECK(plan.metadata.first_year == 2018);
  CHECK(plan.metadata.last_year == 2020);
  CHECK(plan.bodies.size() == 6);
  // with_plan puts its plan statement first; the declarations alone are clean too.
  check_clean(with_plan(default_plan_statement, "# nothing"));
}

TEST_CASE("check: every code has its stable name M0001..M0020") {
  CHECK(mandate::code_name(Code::syntax) == "M0001");
  CHECK(mandate::code_name(Code::invalid_utf8) == "M0002");
  CHECK(mandate::code_name(Code::input_limit) == "M0003");
  CHECK(mandate::code_name(Code::unknown_name) == "M0004");
  CHECK(mandate::code_name(Code::duplicate_name) == "M0005");
  CHECK(mandate::code_name(Code::undeclared_body) == "M0006");
  CHECK(mandate::code_name(Code::invalid_date) == "M0007");
  CHECK(mandate::code_name(Code::bad_window) == "M0008");
  CHECK(mandate::code_name(Code::cycle) == "M0009");
  CHECK(mandate::code_name(Code::quota_total) == "M0010");
  CHECK(mandate::code_name(Code::no_consequence) == "M0011");
  CHECK(mandate::code_name(Code::missing_citation) == "M0012");
  CHECK(mandate::code_name(Code::type_mismatch) == "M0013");
  CHECK(mandate::code_name(Code::unexpected_statement) == "M0014");
  CHECK(mandate::code_name(Code::missing_statement) == "M0015");
  CHECK(mandate::code_name(Code::unknown_clause) == "M0016");
  CHECK(mandate::code_name(Code::uncited_clause) == "M0017");
  CHECK(mandate::code_name(Code::missing_lead) == "M0018");
  CHECK(mandate::code_name(Code::bad_value) == "M0019");
  CHECK(mandate::code_name(Code::io) == "M0020");
}

// ---------------------------------------------------------------------------
// Parse-level codes through parse_and_check

TEST_CASE("check: M0001 syntax error stops before checking") {
  // Line 2 would be M0004 (unknown kind) if the checker ran.
  const Checked checked = check_text(with_preamble(R"(kind 镇办 %
body 甲 : 无此类)"));
  expect_diagnostics(checked, {{Code::syntax, 1, 9}});
  CHECK(checked.result.plan == nullptr);
  CHECK(contains(checked.diagnostics()[0].message, "found '%'"));
}

TEST_CASE("check: M0002 invalid UTF-8") {
  const Checked checked = check_text(with_preamble("body 甲 : 县区 label \"商\xFF\""));
  expect_diagnostics(checked, {{Code::invalid_utf8, 1, 21}});
  CHECK(checked.result.plan == nullptr);
  CHECK(contains(checked.diagnostics()[0].message, "0xFF"));
}

TEST_CASE("check: M0003 input limits") {
  SUBCASE("nesting deeper than 64 levels") {
    // "param 深 : number = " is 19 characters; the 65th '(' is column 19 + 65.
    const std::string snippet =
        "param 深 : number = " + std::string(65, '(') + "1" + std::string(65, ')');
    const Checked checked = check_text(with_preamble(snippet));
    expect_diagnostics(checked, {{Code::input_limit, 1, 84}});
    CHECK(checked.result.plan == nullptr);
  }
  SUBCASE("a line longer than 10,000 characters") {
    // Characters, not bytes: 10,001 Chinese characters in a comment.
    std::string line = "#";
    for (int i = 0; i < 10'000; ++i) line += "平";
    const Checked checked = check_text(with_preamble("kind 镇办\n" + line));
    expect_diagnostics(checked, {{Code::input_limit, 2, 10'001}});
    CHECK(checked.result.plan == nullptr);
  }
  SUBCASE("exactly 10,000 characters is allowed") {
    std::string line = "#";
    for (int i = 0; i < 9'999; ++i) line += "平";
    check_clean(with_preamble("kind 镇办\n" + line));
  }
}

// ---------------------------------------------------------------------------
// Checker codes, one by one

TEST_CASE("check: M0004 unknown name, with a suggestion for a one-character typo") {
  SUBCASE("a Chinese name with one character wrong") {
    const Checked checked = check_text(with_preamble(R"(target 覆盖 [G1] {
  subject 商洛县去
  require 两率一度 >= 90%
})"));
    expect_diagnostics(checked, {{Code::unknown_name, 2, 11}});
    CHECK(checked.diagnostics()[0].message == "unknown name '商洛县去'; did you mean '商洛县区'?");
  }
  SUBCASE("no suggestion when nothing is close") {
    const Checked checked = check_text(with_preamble(R"(target 覆盖 [G1] {
  subject 完全陌生的名字
  require 两率一度 >= 90%
})"));
    expect_diagnostics(checked, {{Code::unknown_name, 2, 11}});
    CHECK_FALSE(contains(checked.diagnostics()[0].message, "did you mean"));
  }
  SUBCASE("a parameter's value that names nothing: what the value must be") {
    const Checked checked = check_text(with_preamble("param 分值 : number = 二分"));
    expect_diagnostics(checked, {{Code::unknown_name, 1, 21}});
    CHECK(checked.diagnostics()[0].message ==
          "the value of '分值' must be a number: '二分' is neither a value nor a name in the plan");
  }
  SUBCASE("an unknown kind, stage and function") {
    const Checked checked = check_text(with_preamble(R"(body 甲 : 县去
stage 乙 of 九大品牌 [G1] { obligated 商州区 requires 不存在的阶段 }
target 丁 [G1] { subject 商洛县区 require averag(两率一度, over: 商洛县区) <= 3% })"));
    expect_diagnostics(
        checked,
        {{Code::unknown_name, 1, 10}, {Code::unknown_name, 2, 47}, {Code::unknown_name, 3, 38}});
    CHECK(diagnostic_at(checked, Code::unknown_name, 1, 10).message ==
          "unknown kind '县去'; did you mean '县区'?");
    CHECK(diagnostic_at(checked, Code::unknown_name, 2, 47).message ==
          "unknown stage '不存在的阶段'");
    CHECK(contains(diagnostic_at(checked, Code::unknown_name, 3, 38).message,
                   "did you mean 'average'?"));
  }
}

TEST_CASE("check: M0005 duplicate name, with a note on the first declaration") {
  const Checked checked = check_text(with_preamble(R"(kind 镇办
body 镇办 : 县区)"));
  expect_diagnostics(checked, {{Code::duplicate_name, 2, 6}});
  const Diagnostic& d = checked.diagnostics()[0];
  CHECK(d.message == "'镇办' is already declared as a kind");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "first declared here");
  CHECK(d.notes[0].has_span);
  CHECK(checked.source->position(d.notes[0].span.begin) == mandate::Position{1, 6});

  SUBCASE("an alias that is already a name") {
    const Checked alias = check_text(with_preamble("body 商州区政府 : 县区 alias 洛南县"));
    expect_diagnostics(alias, {{Code::duplicate_name, 1, 23}});
  }
  SUBCASE("two plan statements") {
    const Checked two = check_text(with_preamble(R"(plan "另一个" {
  issued 2018-01-01
  effective 2018..2020
})"));
    // The snippet's plan statement comes first; the preamble's (line 5) is the second.
    expect_diagnostics(two, {{Code::duplicate_name, 5, 1}});
  }
}

// Stages and events share the one namespace of declarations (decision 0030):
// the message says so, whichever comes first, and offers a stage name.
TEST_CASE("check: M0005 a stage named like an event says they share one namespace") {
  const Checked checked = check_text(with_preamble(R"(event 工作方案 : document
stage 工作方案 of 九大品牌 [G1] {
  obligated 商洛县区
})"));
  expect_diagnostics(checked, {{Code::duplicate_name, 2, 7}});
  CHECK(checked.diagnostics()[0].message ==
        "a stage and an event cannot share the name '工作方案' (one namespace for all "
        "declarations); name the stage e.g. '报送工作方案'");

  SUBCASE("the event declared after the stage") {
    const Checked later = check_text(with_preamble(R"(stage 工作报告 of 九大品牌 [G1] {
  obligated 商洛县区
}
event 工作报告 : report)"));
    expect_diagnostics(later, {{Code::duplicate_name, 4, 7}});
    CHECK(contains(later.diagnostics()[0].message,
                   "a stage and an event cannot share the name '工作报告'"));
  }
  SUBCASE("no suggestion that is taken already") {
    const Checked taken = check_text(with_preamble(R"(event 报送工作方案 : document
event 工作方案 : document
stage 工作方案 of 九大品牌 [G1] {
  obligated 商洛县区
})"));
    expect_diagnostics(taken, {{Code::duplicate_name, 3, 7}});
    CHECK(contains(taken.diagnostics()[0].message, "declarations); rename the stage"));
  }
  SUBCASE("an event where a stage is expected: 'an event'") {
    const Checked used = check_text(with_preamble(R"(stage 备案 of 九大品牌 [G1] {
  obligated 商洛县区
  requires 创建方案
})"));
    expect_diagnostics(used, {{Code::type_mismatch, 3, 12}});
    CHECK(used.diagnostics()[0].message == "'创建方案' is an event, expected a stage");
  }
  SUBCASE("another pair keeps the plain message, with its article") {
    const Checked kinds = check_text(with_preamble("event 镇办 : document\nkind 镇办"));
    expect_diagnostics(kinds, {{Code::duplicate_name, 2, 6}});
    CHECK(kinds.diagnostics()[0].message == "'镇办' is already declared as an event");
  }
}

TEST_CASE("check: M0006 a role, an obligation or a delivery names no body") {
  SUBCASE("a role names an undeclared body") {
    const Checked checked =
        check_text(with_preamble("programme 平安医院 : domain [G1] { lead 市卫生局 }"));
    expect_diagnostics(checked, {{Code::undeclared_body, 1, 37}});
    CHECK(checked.diagnostics()[0].message ==
          "'lead' names '市卫生局', which is not a declared body; did you mean '市卫计局'?");
  }
  SUBCASE("obligated names a programme, deliver … to an undeclared body") {
    const Checked checked = check_text(with_preamble(R"(stage 备案 of 九大品牌 [G1] {
  obligated 平安校园
  deliver 创建方案 to 市综治委
})"));
    expect_diagnostics(checked, {{Code::undeclared_body, 2, 13}, {Code::undeclared_body, 3, 19}});
    CHECK(contains(diagnostic_at(checked, Code::undeclared_body, 2, 13).message, "a programme"));
    CHECK(contains(diagnostic_at(checked, Code::undeclared_body, 3, 19).message,
                   "did you mean '市综治办'?"));
  }
  SUBCASE("a role names a group of programmes") {
    const Checked checked =
        check_text(with_preamble("programme 平安医院 : domain [G1] { lead 九大品牌 }"));
    expect_diagnostics(checked, {{Code::undeclared_body, 1, 37}});
  }
}

TEST_CASE("check: a role's instruments (`using`) are events; a title's `of` is a programme") {
  SUBCASE("an instrument that is not an event") {
    const Checked checked = check_text(
        with_preamble("programme 平安医院 : domain [G1] { lead 市卫计局 using 市公安局 }"));
    REQUIRE(checked.diagnostics().size() == 1);
    CHECK(contains(checked.diagnostics()[0].message, "'市公安局'"));
  }
  SUBCASE("a title of a body") {
    const Checked checked = check_text(with_preamble("title 命名 : county of 市公安局"));
    REQUIRE(checked.diagnostics().size() == 1);
    CHECK(checked.diagnostics()[0].code == Code::type_mismatch);
  }
  SUBCASE("candidate_requires a title held in none of the stage's programmes") {
    const Checked checked = check_text(with_preamble(R"(title 命名 : county of 平安校园
stage 推荐 of 九大品牌 [G1] {
  obligated 商州区
  candidate_requires 命名
})"));
    expect_diagnostics(checked, {{Code::type_mismatch, 4, 22}});
    CHECK(checked.diagnostics()[0].message ==
          "'命名' is held per programme and not in '平安县（区）', which stage '推荐' covers: a "
          "candidate recommended for it could never hold it");
  }
  SUBCASE("candidate_requires a title held in the stage's programme") {
    const Checked checked = check_text(with_preamble(R"(title 命名 : county of 九大品牌
stage 推荐 of 平安县（区） [G1] {
  obligated 商州区
  candidate_requires 命名
})"));
    CHECK(checked.diagnostics().empty());
  }
}

TEST_CASE("check: M0007 dates that do not exist") {
  const Checked checked = check_text(with_preamble(R"(param 截止 : date = 2018-02-30 [G1]
stage 备案 of 九大品牌 [G1] {
  obligated 商洛县区
  due by 02-30, 13-01, 02-29
})"));
  expect_diagnostics(checked, {{Code::invalid_date, 1, 19},
                               {Code::invalid_date, 4, 10},
                               {Code::invalid_date, 4, 17},
                               {Code::invalid_date, 4, 24}});
  CHECK(diagnostic_at(checked, Code::invalid_date, 1, 19).message ==
        "2018-02-30 is not a date: February 2018 has 28 days");
  CHECK(contains(diagnostic_at(checked, Code::invalid_date, 4, 17).message, "no month 13"));
  // 02-29 exists in 2020 but not in 2018: recurring dates must exist every year.
  CHECK(contains(diagnostic_at(checked, Code::invalid_date, 4, 24).message,
                 "does not exist in 2018"));

  SUBCASE("02-29 is fine in a plan that runs only in a leap year") {
    check_clean(
        with_plan(R"(plan "闰年" [G1] {
  issued 2019-12-01
  effective 2020..2020
})",
                  "stage 备案 of 九大品牌 [G1] { obligated 商洛县区 due by 02-29, 2020-02-29 }"));
  }
}

TEST_CASE("check: M0008 reversed windows and periods") {
  const Checked checked = check_text(with_preamble(R"(param 金秋窗口 : window = 09-30..09-11 [G1]
stage 创建 of 九大品牌 [G1] {
  obligated 商洛县区
  during months 10..4
}
param 期间 : period = 2020..2018 [G1]
param 半年 : window = 2018-06-30..2018-01-01 [G1])"));
  expect_diagnostics(checked, {{Code::bad_window, 1, 23},
                               {Code::bad_window, 4, 10},
                               {Code::bad_window, 6, 21},
                               {Code::bad_window, 7, 21}});
  CHECK(diagnostic_at(checked, Code::bad_window, 1, 23).message ==
        "window 09-30..09-11 is reversed: it ends before it starts");
  CHECK(contains(diagnostic_at(checked, Code::bad_window, 4, 10).message,
                 "months 10..4 is reversed"));
  CHECK(diagnostic_at(checked, Code::bad_window, 6, 21).message == "period 2020..2018 is reversed");

  SUBCASE("overlapping versions of a parameter") {
    const Checked versions = check_text(with_preamble(R"(param 扣分 : number = 2 [G1] {
  value 3 in 2019..2020
  value 4 in 2020..2020
})"));
    expect_diagnostics(versions, {{Code::bad_window, 3, 14}});
  }
}

// A reversed period where the checker expects a period (`effective` of the
// plan or of a quota, `value … in`) is M0008; the follow-up "takes a period"
// M0013 should be silenced, as everywhere else an already-reported expression
// is (Type::error).
TEST_CASE("check: M0008 a reversed period in 'value … in' and 'effective' is reported once") {
  SUBCASE("value … in 2020..2018") {
    const Checked checked = check_text(with_preamble(R"(param 扣分 : number = 2 [G1] {
  value 3 in 2020..2018
})"));
    expect_diagnostics(checked, {{Code::bad_window, 2, 14}});
  }
  SUBCASE("effective 2020..2018") {
    const Checked checked = check_text(with_plan(R"(plan "倒序" [G1] {
  issued 2018-02-27
  effective 2020..2018
})",
                                                 "# nothing"));
    expect_diagnostics(checked, {{Code::bad_window, 3, 13}});
  }
  SUBCASE("a quota's effective 2019..2018") {
    const Checked checked = check_text(with_preamble(R"(quota 配额 [G1] {
  effective 2019..2018
  row 商州区 = 1
})"));
    expect_diagnostics(checked, {{Code::bad_window, 2, 13}});
  }
}

TEST_CASE("check: a fraction beside a percentage is a warning, points and percentages are not") {
  // A new user's finding: `>= 0.95` against a rate checked clean and meant 0.95%.
  const Checked checked = check_text(with_preamble(R"(target 甲 [G1] {
  subject 商州区
  require 两率一度 >= 0.95
}
target 乙 [G1] {
  subject 商州区
  require 两率一度 >= 95% and 两率一度 >= 90 and 0.5 < 两率一度
}
param 达标线 : percent = 0.9 [G1])"));
  // Either side of a comparison, and a percentage parameter's value.
  expect_diagnostics(
      checked,
      {{Code::type_mismatch, 3, 19}, {Code::type_mismatch, 7, 42}, {Code::type_mismatch, 9, 23}});
  REQUIRE(checked.diagnostics().size() == 3);
  for (const Diagnostic& d : checked.diagnostics()) CHECK(d.severity == Severity::warning);
  CHECK(checked.diagnostics()[0].message ==
        "0.95 compared with a percentage is 0.95%, not 95%: write 95% if the fraction was meant");
  CHECK(checked.result.plan != nullptr);
}

TEST_CASE("check: M0009 cycles") {
  SUBCASE("reporting lines") {
    const Checked checked = check_text(with_preamble(R"(body 甲 : 部门 reports_to 乙
body 乙 : 部门 reports_to 甲)"));
    expect_diagnostics(checked, {{Code::cycle, 2, 6}});
    CHECK(checked.diagnostics()[0].message == "reporting lines form a cycle: 甲 → 乙 → 甲");
  }
  SUBCASE("a body reporting to itself") {
    const Checked checked =
        check_text(with_preamble("body 甲 : 部门 reports_to 乙, 甲\nbody 乙 : 部门"));
    expect_diagnostics(checked, {{Code::cycle, 1, 6}});
  }
  SUBCASE("administrative parents (within)") {
    const Checked checked = check_text(with_preamble(R"(body 丙 : 部门 within 丁
body 丁 : 部门 within 戊
body 戊 : 部门 within 丙)"));
    expect_diagnostics(checked, {{Code::cycle, 3, 6}});
    CHECK(contains(checked.diagnostics()[0].message, "丙 → 丁 → 戊 → 丙"));
  }
  SUBCASE("kind levels (within)") {
    const Checked checked =
        check_text(with_preamble("kind 甲级 within 乙级\nkind 乙级 within 甲级"));
    expect_diagnostics(checked, {{Code::cycle, 2, 6}});
  }
  SUBCASE("stage prerequisites: the caret is on the requirement that closes the cycle") {
    const Checked checked = check_text(with_preamble(R"(stage 子 of 九大品牌 [G1] {
  obligated 商洛县区
  requires 丑
}
stage 丑 of 九大品牌 [G1] {
  obligated 商洛县区
  requires 子
})"));
    expect_diagnostics(checked, {{Code::cycle, 7, 12}});
    CHECK(checked.diagnostics()[0].message == "prerequisites form a cycle: 子 → 丑 → 子");
  }
  SUBCASE("two reporting lines into one body are no cycle") {
    check_clean(with_preamble(
        "body 甲 : 部门 reports_to 乙, 丙\nbody 乙 : 部门 reports_to 丙\nbody 丙 : 部门"));
  }
}

TEST_CASE("check: M0010 a declared quota total differs from the sum") {
  const Checked checked = check_text(with_preamble(R"(quota 配额 [G1] {
  columns 平安县（区）, 平安校园
  row 商州区 = 1, 7
  row 洛南县 = 2, —
  total = 4, 7
})"));
  expect_diagnostics(checked, {{Code::quota_total, 5, 11}});
  CHECK(checked.diagnostics()[0].message ==
        "declared total 4 for 平安县（区） differs from the sum of its rows, 3");
}

TEST_CASE("check: M0011 a sanction or consequence without consequence") {
  const Checked checked = check_text(with_preamble(R"(sanction 落后 [G1] {
  subject 商洛县区
  when 两率一度 < 90%
}
consequence 空 [G1] { })"));
  expect_diagnostics(checked, {{Code::no_consequence, 1, 1}, {Code::no_consequence, 5, 1}});
  CHECK(contains(diagnostic_at(checked, Code::no_consequence, 1, 1).message,
                 "sanction '落后' has no consequence"));

  SUBCASE("an inline consequence is enough") {
    check_clean(with_preamble(R"(sanction 落后 [G1] {
  subject 商洛县区
  when 两率一度 < 90%
  deduct 2
})"));
  }
}

TEST_CASE("check: M0012 a normative statement without citation when citations are required") {
  constexpr std::string_view required = R"(plan "测试方案" [G1] {
  issued 2018-02-27
  effective 2018..2020
  citations required
})";
  const Checked checked = check_text(with_plan(required, R"(programme 平安医院 : domain {
  lead 市卫计局
}
stage 备案 of 九大品牌 {
  obligated 商洛县区
}
kind 镇办
body 商州区政府 : 县区)"));
  // Kinds and bodies need none; the nested `lead` and `obligated` inherit.
  expect_diagnostics(checked, {{Code::missing_citation, 6, 1}, {Code::missing_citation, 9, 1}});
  CHECK(contains(checked.diagnostics()[0].message, "needs a citation"));

  SUBCASE("optional citations") {
    check_clean(with_plan(R"(plan "测试方案" [G1] {
  issued 2018-02-27
  effective 2018..2020
  citations optional
})",
                          "programme 平安医院 : domain { lead 市卫计局 }"));
  }
}

TEST_CASE("check: M0013 type mismatches") {
  SUBCASE("a percentage compared with a date") {
    const Checked checked = check_text(with_preamble(R"(target 甲 [G1] {
  subject 商洛县区
  require 两率一度 >= 2018-12-31
})"));
    expect_diagnostics(checked, {{Code::type_mismatch, 3, 11}});
    CHECK(checked.diagnostics()[0].message == "cannot compare a percentage with a date");
  }
  SUBCASE("'and' on a number") {
    const Checked checked = check_text(with_preamble(R"(sanction 乙 [G1] {
  subject 商洛县区
  when 1 and 两率一度 < 90%
  consequences 问责
})"));
    expect_diagnostics(checked, {{Code::type_mismatch, 3, 8}});
    CHECK(checked.diagnostics()[0].message ==
          "the left side of 'and' must be a condition (bool), found a number");
  }
  SUBCASE("a group where a body is expected") {
    const Checked checked = check_text(with_preamble(R"(target 丙 [G1] {
  subject 商洛县区
  require holds(全省平安建设先进县（区）, 商洛县区)
}
body 戊 : 部门 within 商洛县区)"));
    expect_diagnostics(checked, {{Code::type_mismatch, 3, 31}, {Code::type_mismatch, 5, 20}});
    CHECK(diagnostic_at(checked, Code::type_mismatch, 3, 31).message ==
          "the second argument of 'holds' must be a body, found a group of bodies");
    CHECK(diagnostic_at(checked, Code::type_mismatch, 5, 20).message ==
          "'商洛县区' is a group, expected a body");
  }
  SUBCASE("a parameter value of the wrong type, and a group member of the wrong sort") {
    const Checked checked = check_text(with_preamble(R"(param 目标 : percent = 2018-12-31 [G1]
group 混合 = 商州区, 平安校园)"));
    expect_diagnostics(checked, {{Code::type_mismatch, 1, 22}, {Code::type_mismatch, 2, 17}});
  }
}

TEST_CASE("check: M0014 a statement or segment that is not allowed here") {
  SUBCASE("a role at the top level") {
    const Checked checked = check_text(with_preamble("lead 市公安局"));
    expect_diagnostics(checked, {{Code::unexpected_statement, 1, 1}});
    CHECK(checked.diagnostics()[0].message ==
          "'lead' cannot stand at the top level; it belongs in a block");
  }
  SUBCASE("an unknown segment") {
    const Checked checked = check_text(with_preamble("kind 镇办 alias 乡镇"));
    expect_diagnostics(checked, {{Code::unexpected_statement, 1, 9}});
    CHECK(checked.diagnostics()[0].message ==
          "'kind' takes no 'alias' segment; expected 'label', 'within'");
  }
  SUBCASE("a statement in the wrong block") {
    const Checked checked = check_text(with_preamble(R"(programme 平安医院 : domain [G1] {
  lead 市卫计局
  due by 03-20
})"));
    expect_diagnostics(checked, {{Code::unexpected_statement, 3, 3}});
    CHECK(
        contains(checked.diagnostics()[0].message, "'due' is not allowed in a 'programme' block"));
  }
  SUBCASE("'=' for equality: '=' starts a segment, equality is '=='") {
    const Checked checked = check_text(with_preamble(R"(target 甲 [G1] {
  subject 商洛县区
  require 两率一度 = 90%
})"));
    expect_diagnostics(checked, {{Code::unexpected_statement, 3, 16}});
    CHECK(checked.diagnostics()[0].message == "'require' takes no '=' segment; expected 'by'");
    check_clean(with_preamble(R"(target 甲 [G1] {
  subject 商洛县区
  require 两率一度 == 90%
})"));
  }
  SUBCASE("a statement given twice where once is allowed") {
    const Checked checked = check_text(with_preamble(R"(stage 备案 of 九大品牌 [G1] {
  obligated 商洛县区
  due by 03-20
  due by 03-31
})"));
    expect_diagnostics(checked, {{Code::unexpected_statement, 4, 3}});
  }
  SUBCASE("a named argument a function does not take") {
    const Checked checked = check_text(with_preamble(R"(target 甲 [G1] {
  subject 商洛县区
  require 两率一度 >= average(两率一度, among: 商洛县区)
})"));
    // `among:` is rank's; average needs `over:` (M0015 on the call).
    expect_diagnostics(checked,
                       {{Code::unexpected_statement, 3, 33}, {Code::missing_statement, 3, 19}});
    CHECK(diagnostic_at(checked, Code::unexpected_statement, 3, 33).message ==
          "'average' takes no argument 'among'");
  }
  SUBCASE("a named argument given twice") {
    // The evaluation would read one of them; which one is not the plan's to leave open.
    const Checked checked = check_text(with_preamble(R"(target 甲 [G1] {
  subject 商洛县区
  require rank(两率一度, among: 商洛县区, among: 商洛县区) <= 3
})"));
    expect_diagnostics(checked, {{Code::unexpected_statement, 3, 35}});
    CHECK(diagnostic_at(checked, Code::unexpected_statement, 3, 35).message ==
          "'rank' takes 'among:' once");
  }
}

TEST_CASE("check: M0015 a required statement or segment is absent") {
  SUBCASE("a stage without obligated") {
    const Checked checked = check_text(with_preamble(R"(stage 备案 of 九大品牌 [G1] {
  due by 03-20
})"));
    expect_diagnostics(checked, {{Code::missing_statement, 1, 1}});
    CHECK(checked.diagnostics()[0].message == "'stage' needs an 'obligated' statement");
  }
  SUBCASE("a sanction without when") {
    const Checked checked = check_text(with_preamble(R"(sanction 落后 [G1] {
  subject 商洛县区
  consequences 问责
})"));
    expect_diagnostics(checked, {{Code::missing_statement, 1, 1}});
    CHECK(checked.diagnostics()[0].message == "'sanction' needs a 'when' statement");
  }
  SUBCASE("a body without its kind, a stage without its block") {
    const Checked checked = check_text(with_preamble("body 甲\nstage 乙 of 九大品牌 [G1]"));
    expect_diagnostics(checked, {{Code::missing_statement, 1, 1}, {Code::missing_statement, 2, 1}});
  }
  SUBCASE("lasts without starts within") {
    const Checked checked = check_text(with_preamble(R"(stage 金秋 of 九大品牌 [G1] {
  obligated 商洛县区
  lasts 20 days
})"));
    expect_diagnostics(checked, {{Code::missing_statement, 1, 1}});
  }
  SUBCASE("a file without a plan statement") {
    const Checked checked = check_text("kind 县区\n");
    expect_diagnostics(checked, {{Code::missing_statement, 1, 1}});
  }
}

TEST_CASE("check: M0016 a citation names a clause the plan does not list") {
  const Checked checked = check_text(with_plan(R"(plan "测试方案" [G1] {
  issued 2018-02-27
  effective 2018..2020
  clauses G1
})",
                                               R"(stage 备案 of 九大品牌 [G8 三(一)3] {
  obligated 商洛县区
  due by 03-20 [B3a]
})"));
  expect_diagnostics(checked, {{Code::unknown_clause, 6, 18}, {Code::unknown_clause, 8, 16}});
  CHECK(diagnostic_at(checked, Code::unknown_clause, 6, 18).message ==
        "clause G8 is not among the plan's clauses; did you mean G1?");
}

TEST_CASE("check: M0017 a listed clause that is never cited is a warning") {
  const Checked checked = check_text(with_plan(R"(plan "测试方案" [G1] {
  issued 2018-02-27
  effective 2018..2020
  clauses G1, G2
})",
                                               "# nothing"));
  // The warning points at the uncited clause ID itself.
  expect_diagnostics(checked, {{Code::uncited_clause, 4, 15}});
  CHECK(checked.diagnostics()[0].severity == Severity::warning);
  CHECK(checked.diagnostics()[0].message == "clause G2 is listed but never cited");
  CHECK_FALSE(mandate::has_errors(checked.diagnostics()));
  // A warning does not withhold the plan.
  REQUIRE(checked.result.plan != nullptr);
  CHECK(checked.plan().metadata.clauses == Strings{"G1", "G2"});
}

TEST_CASE("check: M0018 a programme without lead or responsible body") {
  const Checked checked = check_text(with_preamble(R"(programme 平安景区 : domain [G1] {
  cooperate 市公安局
}
programme 行动 : action [G1]
programme 活动 : campaign [G1])"));
  // A campaign needs no lead.
  expect_diagnostics(checked, {{Code::missing_lead, 1, 1}, {Code::missing_lead, 4, 1}});
  CHECK(diagnostic_at(checked, Code::missing_lead, 1, 1).message ==
        "domain '平安景区' has no 'lead' or 'responsible' body");
}

TEST_CASE("check: M0019 values out of range") {
  SUBCASE("month 13") {
    const Checked checked = check_text(with_preamble(R"(stage 年末 of 九大品牌 [G1] {
  obligated 商洛县区
  due by end of month 13
}
stage 年初 of 九大品牌 [G1] {
  obligated 商洛县区
  during months 0..3
})"));
    expect_diagnostics(checked, {{Code::bad_value, 3, 23}, {Code::bad_value, 7, 17}});
    CHECK(diagnostic_at(checked, Code::bad_value, 3, 23).message == "there is no month 13");
  }
  SUBCASE("bad quota cells and a row of the wrong width") {
    const Checked checked = check_text(with_preamble(R"(quota 配额 [G1] {
  columns 平安县（区）, 平安校园
  row 商州区 = 1.5, 2
  row 洛南县 = 1
})"));
    expect_diagnostics(checked, {{Code::bad_value, 3, 13}, {Code::bad_value, 4, 11}});
    CHECK(diagnostic_at(checked, Code::bad_value, 3, 13).message ==
          "a quota cell is a whole number, a count or number parameter, or — (none allowed)");
    CHECK(diagnostic_at(checked, Code::bad_value, 4, 11).message ==
          "this row has 1 cell; the table has 2 columns");
  }
  SUBCASE("a value that is not one of a choice") {
    const Checked checked =
        check_text(with_preamble("param 并列名次 : choice(min, max, dense) = top [G1]"));
    expect_diagnostics(checked, {{Code::bad_value, 1, 40}});
    CHECK(contains(checked.diagnostics()[0].message, "min, max, dense"));
  }
  SUBCASE("a zero duration, tier 0, an unknown word") {
    const Checked checked = check_text(with_preamble(R"(stage 金秋 of 九大品牌 [G1] {
  obligated 商洛县区
  starts within 09-11..09-30
  lasts 0 days
}
award 奖 [G1] {
  subject 商洛县区
  when holds(全省平安建设先进县（区）)
  grant plague
  tier 0
})"));
    expect_diagnostics(
        checked, {{Code::bad_value, 4, 9}, {Code::bad_value, 9, 9}, {Code::bad_value, 10, 8}});
    CHECK(
        contains(diagnostic_at(checked, Code::bad_value, 9, 9).message, "did you mean 'plaque'?"));
  }
}

TEST_CASE("check: M0019 a count parameter is a whole number, 0 or more") {
  const Checked checked = check_text(with_preamble(R"(param 后M位 : count = -5 [G1]
param 前M位 : count = 2.5 [G1]
param 名额 : count = 0 [G1])"));
  expect_diagnostics(checked, {{Code::bad_value, 1, 21}, {Code::bad_value, 2, 21}});
  CHECK(diagnostic_at(checked, Code::bad_value, 1, 21).message ==
        "the value of '后M位' is a count: a whole number, 0 or more");
}

TEST_CASE("check: did-you-mean: the banded distance agrees with the full one") {
  // closest() compares within a band of the table and only candidates of a
  // length within reach; it must pick what the full edit distance picks.
  const std::vector<std::string> words = {"商洛县区", "商洛县去", "商州区",   "商州",    "平安校园",
                                          "平安医院", "abcdef",   "abcxef",   "abdcef",  "a",
                                          "ab",       "",         "市综治办", "市综治委"};
  std::vector<std::string_view> candidates(words.begin(), words.end());
  for (const std::string& word : words) {
    std::optional<std::string> expected;
    std::size_t best = std::max<std::size_t>(1, mandate::detail::count_code_points(word) / 3) + 1;
    for (const std::string_view candidate : candidates) {
      const std::size_t distance = mandate::detail::edit_distance(word, candidate);
      if (distance < best || (distance == best && expected && candidate < *expected)) {
        best = distance;
        expected = std::string(candidate);
      }
    }
    CHECK_MESSAGE(mandate::detail::closest(word, candidates) == expected, word);
  }
}

TEST_CASE("check: did-you-mean has a budget: thousands of unknown names stay cheap") {
  // 8,000 unknown names took 55 s when each was compared with every name.
  // Here names of 40 characters make each comparison dear, so that the
  // budget of a check runs out after a hundred or so of 400 unknown names.
  const std::string stem = "市级机关" + std::string(30, 'x');
  std::string text = with_preamble("");
  for (int i = 0; i < 400; ++i) text += "body " + stem + std::to_string(1000 + i) + " : 部门\n";
  for (int i = 0; i < 400; ++i)
    text += "stage 阶段" + std::to_string(i) + " of 九大品牌 [G1] {\n  obligated " + stem + "y" +
            std::to_string(1000 + i) + "\n  deliver 创建方案 to 市综治办\n}\n";
  const Checked checked = check_text(text);
  std::size_t unknown = 0;
  std::size_t suggested = 0;
  for (const Diagnostic& d : checked.diagnostics()) {
    unknown += d.code == Code::undeclared_body;
    suggested += contains(d.message, "did you mean");
  }
  CHECK(unknown == 400);
  CHECK(suggested > 0);    // the first ones still get a suggestion
  CHECK(suggested < 400);  // and the budget ran out before the last
  // Suggestions are cut by the budget, not by a count: a name far too long
  // for a typo gets none, and costs nothing.
  mandate::detail::SuggestionBudget budget{100};
  const mandate::detail::SuggestionScope scope(budget);
  const std::vector<std::string_view> many(1'000, "商州区");
  CHECK_FALSE(mandate::detail::closest("商州去", many));  // over the budget: none
  CHECK(budget.left == 0);
  CHECK_FALSE(mandate::detail::may_suggest());
}

TEST_CASE("check: M0020 is the CLI's, never the checker's") {
  // Reading files is the caller's business: the library checks text it is
  // given. The code exists so that tools can report an unreadable file.
  const Checked checked = check_text("");
  for (const Diagnostic& d : checked.diagnostics()) CHECK(d.code != Code::io);
}

// ---------------------------------------------------------------------------
// Every error of the file in one run

TEST_CASE("check: every error of the file is reported in one run") {
  const Checked checked = check_text(with_preamble(R"(stage 备案 of 九大品牌 [G1] {
  obligated 商洛县去
  due by 02-30
}
programme 平安景区 : domain [G1] { cooperate 市公安局 }
sanction 落后 [G1] {
  subject 商洛县区
  when 两率一度 < 90%
}
quota 配额 [G1] {
  columns 平安县（区）
  row 商州区 = 1
  total = 2
})"));
  expect_diagnostics(checked, {{Code::undeclared_body, 2, 13},
                               {Code::invalid_date, 3, 10},
                               {Code::missing_lead, 5, 1},
                               {Code::no_consequence, 6, 1},
                               {Code::quota_total, 13, 11}});
  CHECK(checked.result.plan == nullptr);
}

// ---------------------------------------------------------------------------
// Rendering: characters, not bytes; carets under double-width characters

TEST_CASE("check: a rendered diagnostic points at the right Chinese character") {
  const Checked checked = check_text(with_preamble(R"(target 覆盖 [G1] {
  subject 商洛县去
  require 两率一度 >= 90%
})"));
  REQUIRE(checked.diagnostics().size() == 1);
  CHECK(checked.rendered() ==
        "test.plan:2:11: error[M0004]: unknown name '商洛县去'; did you mean '商洛县区'?\n"
        " 2 |   subject 商洛县去\n"
        "   |           ^~~~~~~~\n");
}

// ---------------------------------------------------------------------------
// Good plans: every construct of language.md §4

namespace {

constexpr std::string_view all_constructs = R"(plan "全部构造" [G1 一] {
  issued_by 市委办, 市政府办
  issued 2018-02-27
  effective 2018..2020
  inclusive_deadlines 含当日
  shift_for_holidays 顺延
  citations required
  clauses G1, G2, S1, R1, Q1
}
kind 省 label "省"
kind 县区 label "县（区）" within 省
kind 部门 within 省
body 陕西省 : 省 label "陕西省"
body 商州区 : 县区 within 陕西省
body 商洛高新区（商丹园区） : 县区 within 陕西省 alias 商洛高新区, 商丹园区
body 市委 : 部门 within 陕西省
body 市委办 : 部门 within 陕西省 reports_to 市委
body 市政府办 : 部门 within 陕西省 reports_to 市委, 陕西省
body 市综治办 : 部门 reports_to 市委办 label "综治办"
body 市公安局 : 部门
group 商洛县区 = all 县区 within 陕西省
group 其他部门 = all 部门 except 主责部门
group 主责部门 = 市公安局, 市综治办
group 扩大部门 = 主责部门, 市委
group 九大品牌 = 平安县（区）, 平安镇（办）
group 指标 = 安全感, 知晓率
title 先进县 : provincial for 县区 by 陕西省
title 县级命名 : county of 九大品牌
title 先进单位 : city for 县区, 部门 by 市委
event 创建方案 : document
event 部署会议 : meeting label "部署会议"
event 通报 : notice
param 后N位 : count = 10 doc "后N位" [S1]
param 扣分分值 : number = 2 [S1] {
  value 3 in 2020..2020
}
param 追责机关 : body = 市委 [S1]
param 一年内 : span = calendar_year [S1]
param 滚动 : span = rolling(365 days) [S1]
param 半年截止日 : list(annual_date) = 06-30, 12-31 [G1]
param 窗口 : window = 09-11..09-30 [G1]
param 开关 : bool = true [G1]
param 目标 : percent = 90% [G1]
param 期限 : date = 2020-12-31 [G1]
param 周期 : duration = 2 weeks [G1]
param 含当日 : bool = true [G1]
param 顺延 : bool = false [G1]
param 排名范围 : group = 商洛县区 [S1]
param 并列名次 : choice(min, max, dense) = min [S1]
param 主指标 : metric = 两率一度 [G1]
param 平均值来源 : choice(published, computed) = published [S1]
metric 安全感 : percent per 省, 县区 doc "安全感"
metric 知晓率 : percent per 县区
metric 两率一度 : percent per 县区
metric 应参与数 : count per programme
metric 参与数 : count per programme
metric 覆盖率 : percent per programme = 参与数 / 应参与数
metric 得分 : percent per 县区 = 安全感 * 2 + 知晓率 - 1
programme 平安商洛 : campaign [G1] {
  supervises 市委 using 通报
  responsible 市综治办
  decides_sanctions 市委
  hears_reports 市委
}
programme 平安县（区） : brand of 九大品牌 [G1] {
  lead 商洛县区
  cooperate 市公安局
  sets_standard 市综治办
  names_winners 市委
}
programme 平安镇（办） : brand of 平安商洛 [G1] {
  responsible 商州区
  approves 市综治办
  inspects 市委
}
programme 行动 : action [G2] { lead 主责部门 }
programme 领域 : domain [G2] { lead 市公安局 }
stage 备案 of 九大品牌 [G2] {
  obligated 商洛县区
  deliver 创建方案, 部署会议 to 市综治办
  due by 03-20
}
stage 创建 of 九大品牌 [G2] {
  obligated 商洛县区
  during months 4..10
  inspects 市综治办
  requires 备案
}
stage 评定 of 平安县（区） [G2] {
  obligated 商州区, 商洛高新区
  due by end of month 11, 2018-12-20
  candidate_requires 县级命名
  requires 备案, 创建
}
stage 检查 of 九大品牌 [G2] {
  obligated 市综治办
  during month 12
}
stage 领域报备 of 领域 [G2] {
  obligated leads
  due by end of month 3
}
stage 金秋 of 行动 [G2] {
  obligated 主责部门
  starts within 窗口
  lasts 20 days
}
stage 汇报 of 平安商洛 [G2] {
  obligated 追责机关
  deliver 创建方案 to 追责机关
  due by 半年截止日
  during 2018-01-01..2018-06-30
}
target 覆盖 [G1] {
  subject 九大品牌
  require 覆盖率 >= 100% by 2020-12-31
  require 覆盖率 ≥ 目标
}
goal 先进 [G1] {
  subject 陕西省
  require count(c in 商洛县区 where holds(先进县, c)) >= 2 by 期限
}
goal 全部 [G1] {
  subject 陕西省
  require all(m in 指标 where rank(m, among: 商洛县区, order: ascending, ties: dense) <= 3)
          and any(c in 商洛县区 where 两率一度(c) ≠ 50%)
          and not (sum(安全感, over: 商洛县区) < min(安全感, over: 商洛县区))
          or max(知晓率, over: 商洛县区) == 100%
}
consequence 问责 [S1] {
  disqualify
  deduct 扣分分值
  refer to 追责机关
}
sanction 落后 [S1] {
  subject 商洛县区
  when 两率一度 < average(两率一度, over: 排名范围, source: 平均值来源)
       and rank(两率一度, among: 排名范围, ties: 并列名次) > size(排名范围) - 后N位
  consequences 问责
}
sanction 通报两次 [S1] {
  subject 商洛县区, 主责部门
  when count(通报, by: 市委, within: 一年内) + count(通报, within: 滚动) >= 2 and 开关 != false
  disqualify
  deduct 1
}
award 授牌 [R1] {
  subject 商洛县区
  when holds(先进县)
  grant plaque by 市委
  unless disqualified
  tier 2
}
award 命名 [R1] {
  subject 商洛县区
  when holds(先进县, 商州区) or 安全感 <= 50%
  grant naming
}
quota 配额 [Q1] {
  effective 2018..2018
  limits 创建方案
  columns 平安县（区）, 平安镇（办）
  row 商州区 = 1, 7
  row 商洛高新区（商丹园区） = 1, —
  total = 2, 7
}
quota 单列 [Q1] {
  limits 创建方案, 部署会议
  row 市公安局 = 10
  row 市综治办 = -
}
)";

}  // namespace

TEST_CASE("check: every construct of language.md §4 checks clean") {
  const Checked checked = check_clean(std::string(all_constructs));
  const Plan& plan = checked.plan();

  SUBCASE("plan metadata") {
    const auto& meta = plan.metadata;
    CHECK(meta.title == "全部构造");
    CHECK(ref_names(plan, {{BodyRef::Sort::body, meta.issued_by.at(0)},
                           {BodyRef::Sort::body, meta.issued_by.at(1)}}) ==
          Strings{"市委办", "市政府办"});
    REQUIRE(meta.issued.has_value());
    CHECK(*meta.issued == mandate::Date{2018, 2, 27});
    CHECK(meta.first_year == 2018);
    CHECK(meta.last_year == 2020);
    CHECK(meta.citations_required);
    CHECK(meta.clauses == Strings{"G1", "G2", "S1", "R1", "Q1"});
    REQUIRE(meta.citations.size() == 1);
    CHECK(meta.citations[0].id == "G1");
    CHECK(meta.citations[0].section == "一");
    REQUIRE(meta.inclusive_deadlines.has_value());
    CHECK(meta.inclusive_deadlines->text == "含当日");
    REQUIRE(meta.shift_for_holidays.has_value());
    CHECK(meta.shift_for_holidays->text == "顺延");
  }
  SUBCASE("kinds and bodies; an alias resolves to the same body") {
    const Symbol& full = symbol(plan, "商洛高新区（商丹园区）", SymbolKind::body);
    CHECK(symbol(plan, "商洛高新区", SymbolKind::body).index == full.index);
    CHECK(symbol(plan, "商丹园区", SymbolKind::body).index == full.index);
    const mandate::Body& zone = plan.bodies.at(full.index);
    CHECK(zone.aliases == Strings{"商洛高新区", "商丹园区"});
    CHECK(plan.kinds.at(zone.kind).name == "县区");
    REQUIRE(zone.parent.has_value());
    CHECK(plan.bodies.at(*zone.parent).name == "陕西省");
    const mandate::Body& office = plan.bodies.at(body_index(plan, "市政府办"));
    REQUIRE(office.reports_to.size() == 2);
    CHECK(plan.bodies.at(office.reports_to[0]).name == "市委");
    CHECK(plan.bodies.at(office.reports_to[1]).name == "陕西省");
    CHECK(plan.bodies.at(body_index(plan, "市综治办")).label == "综治办");
    const mandate::Kind& county = plan.kinds.at(symbol(plan, "县区", SymbolKind::kind).index);
    CHECK(county.label == "县（区）");
    REQUIRE(county.within.has_value());
    CHECK(plan.kinds.at(*county.within).name == "省");
  }
  SUBCASE("groups: members, all KIND within BODY, except, nested groups, sorts") {
    const mandate::Group& leads = plan.groups.at(group_index(plan, "主责部门"));
    CHECK(leads.sort == mandate::GroupSort::bodies);
    CHECK(leads.members ==
          std::vector<Index>{body_index(plan, "市公安局"), body_index(plan, "市综治办")});
    const mandate::Group& wider = plan.groups.at(group_index(plan, "扩大部门"));
    CHECK(wider.members == std::vector<Index>{body_index(plan, "市公安局"),
                                              body_index(plan, "市综治办"),
                                              body_index(plan, "市委")});
    const mandate::Group& counties = plan.groups.at(group_index(plan, "商洛县区"));
    REQUIRE(counties.all_of_kind.has_value());
    CHECK(plan.kinds.at(*counties.all_of_kind).name == "县区");
    REQUIRE(counties.within.has_value());
    CHECK(*counties.within == body_index(plan, "陕西省"));
    CHECK(counties.members.empty());
    const mandate::Group& others = plan.groups.at(group_index(plan, "其他部门"));
    CHECK(others.except == std::vector<Index>{group_index(plan, "主责部门")});
    CHECK(plan.groups.at(group_index(plan, "九大品牌")).sort == mandate::GroupSort::programmes);
    CHECK(plan.groups.at(group_index(plan, "九大品牌")).members.size() == 2);
    CHECK(plan.groups.at(group_index(plan, "指标")).sort == mandate::GroupSort::metrics);
  }
  SUBCASE("parameters") {
    const mandate::Parameter& deduction = parameter(plan, "扣分分值");
    CHECK(deduction.type.name == "number");
    CHECK(node_texts(deduction.default_value) == Strings{"2"});
    REQUIRE(deduction.versions.size() == 1);
    CHECK(deduction.versions[0].first_year == 2020);
    CHECK(deduction.versions[0].last_year == 2020);
    CHECK(node_texts(deduction.versions[0].value) == Strings{"3"});
    const mandate::Parameter& halves = parameter(plan, "半年截止日");
    CHECK(halves.type.name == "annual_date");
    CHECK(halves.type.is_list);
    CHECK(node_texts(halves.default_value) == Strings{"06-30", "12-31"});
    CHECK(parameter(plan, "后N位").doc == "后N位");
    REQUIRE(parameter(plan, "后N位").citations.size() == 1);
    CHECK(parameter(plan, "后N位").citations[0].id == "S1");
    CHECK(parameter(plan, "追责机关").type.name == "body");
    CHECK(parameter(plan, "排名范围").type.name == "group");
    CHECK(parameter(plan, "主指标").type.name == "metric");
    const mandate::Parameter& ties = parameter(plan, "并列名次");
    CHECK(ties.type.name == "choice");
    CHECK(ties.type.choices == Strings{"min", "max", "dense"});
    CHECK(node_texts(ties.default_value) == Strings{"min"});
  }
  SUBCASE("metrics, titles, events") {
    const mandate::Metric& coverage =
        plan.metrics.at(symbol(plan, "覆盖率", SymbolKind::metric).index);
    CHECK(coverage.type.name == "percent");
    CHECK(coverage.per_programme);
    CHECK(coverage.per_kinds.empty());
    REQUIRE(coverage.formula.has_value());
    CHECK(coverage.formula->kind == NodeKind::binary);
    const mandate::Metric& safety =
        plan.metrics.at(symbol(plan, "安全感", SymbolKind::metric).index);
    CHECK_FALSE(safety.per_programme);
    REQUIRE(safety.per_kinds.size() == 2);
    CHECK(plan.kinds.at(safety.per_kinds[0]).name == "省");
    CHECK(plan.kinds.at(safety.per_kinds[1]).name == "县区");
    CHECK(safety.doc == "安全感");
    const mandate::Title& title = plan.titles.at(symbol(plan, "先进县", SymbolKind::title).index);
    CHECK(title.level == mandate::TitleLevel::provincial);
    REQUIRE(title.for_kinds.size() == 1);
    CHECK(plan.kinds.at(title.for_kinds[0]).name == "县区");
    REQUIRE(title.conferred_by.has_value());
    CHECK(ref_names(plan, {*title.conferred_by}) == Strings{"陕西省"});
    const mandate::Title& named = plan.titles.at(symbol(plan, "县级命名", SymbolKind::title).index);
    CHECK(named.level == mandate::TitleLevel::county);
    CHECK(named.for_kinds.empty());
    CHECK_FALSE(named.conferred_by.has_value());
    // `of 九大品牌`: held per programme, in each of the group's.
    REQUIRE(named.programme_group.has_value());
    CHECK(plan.groups.at(*named.programme_group).name == "九大品牌");
    CHECK(mandate::title_programmes(plan, named).size() == 2);
    CHECK(mandate::title_programmes(plan, title).empty());
    const mandate::Title& unit = plan.titles.at(symbol(plan, "先进单位", SymbolKind::title).index);
    REQUIRE(unit.for_kinds.size() == 2);
    CHECK(plan.kinds.at(unit.for_kinds[1]).name == "部门");
    CHECK(plan.events.at(symbol(plan, "部署会议", SymbolKind::event).index).kind == "meeting");
  }
  SUBCASE("programmes and their role lists") {
    const mandate::Programme& county = programme(plan, "平安县（区）");
    CHECK(county.kind == mandate::ProgrammeKind::brand);
    REQUIRE(county.parent_group.has_value());
    CHECK(*county.parent_group == group_index(plan, "九大品牌"));
    CHECK(role_bodies(plan, county.roles, RoleKind::lead) == Strings{"group:商洛县区"});
    CHECK(role_bodies(plan, county.roles, RoleKind::cooperate) == Strings{"市公安局"});
    CHECK(role_bodies(plan, county.roles, RoleKind::sets_standard) == Strings{"市综治办"});
    CHECK(role_bodies(plan, county.roles, RoleKind::names_winners) == Strings{"市委"});
    const mandate::Programme& town = programme(plan, "平安镇（办）");
    REQUIRE(town.parent_programme.has_value());
    CHECK(plan.programmes.at(*town.parent_programme).name == "平安商洛");
    CHECK(role_bodies(plan, town.roles, RoleKind::responsible) == Strings{"商州区"});
    CHECK(role_bodies(plan, town.roles, RoleKind::approves) == Strings{"市综治办"});
    CHECK(role_bodies(plan, town.roles, RoleKind::inspects) == Strings{"市委"});
    const mandate::Programme& campaign = programme(plan, "平安商洛");
    CHECK(campaign.kind == mandate::ProgrammeKind::campaign);
    CHECK(role_bodies(plan, campaign.roles, RoleKind::supervises) == Strings{"市委"});
    // `supervises 市委 using 通报`: the role's instruments, events of the plan.
    const auto supervises =
        std::find_if(campaign.roles.begin(), campaign.roles.end(),
                     [](const mandate::Role& r) { return r.kind == RoleKind::supervises; });
    REQUIRE(supervises != campaign.roles.end());
    REQUIRE(supervises->instruments.size() == 1);
    CHECK(plan.events.at(supervises->instruments[0]).name == "通报");
    CHECK(role_bodies(plan, campaign.roles, RoleKind::decides_sanctions) == Strings{"市委"});
    CHECK(role_bodies(plan, campaign.roles, RoleKind::hears_reports) == Strings{"市委"});
    CHECK(programme(plan, "行动").kind == mandate::ProgrammeKind::action);
    CHECK(programme(plan, "领域").kind == mandate::ProgrammeKind::domain);
  }
  SUBCASE("stages: obligations, deliveries, due dates, windows, first_day, prerequisites") {
    const mandate::Stage& filing = stage(plan, "备案");
    CHECK(ref_names(plan, filing.obligated) == Strings{"group:商洛县区"});
    REQUIRE(filing.deliverables.size() == 2);
    CHECK(plan.events.at(filing.deliverables[0]).name == "创建方案");
    CHECK(plan.events.at(filing.deliverables[1]).name == "部署会议");
    CHECK(ref_names(plan, filing.deliver_to) == Strings{"市综治办"});
    REQUIRE(filing.due.size() == 1);
    CHECK(filing.due[0].kind == NodeKind::annual_date);
    CHECK(filing.due[0].text == "03-20");
    CHECK(filing.first_day == mandate::Date{2018, 3, 20});  // an annual date: the first year
    REQUIRE(filing.programme_group.has_value());
    CHECK(*filing.programme_group == group_index(plan, "九大品牌"));

    const mandate::Stage& creation = stage(plan, "创建");
    REQUIRE(creation.during.has_value());
    CHECK(creation.during->kind == NodeKind::month_window);
    CHECK(creation.first_day == mandate::Date{2018, 4, 1});
    CHECK(role_bodies(plan, creation.roles, RoleKind::inspects) == Strings{"市综治办"});
    CHECK(creation.prerequisites ==
          std::vector<Index>{symbol(plan, "备案", SymbolKind::stage).index});

    const mandate::Stage& evaluation = stage(plan, "评定");
    // The alias 商洛高新区 is the zone's body.
    CHECK(ref_names(plan, evaluation.obligated) == Strings{"商州区", "商洛高新区（商丹园区）"});
    REQUIRE(evaluation.due.size() == 2);
    CHECK(evaluation.due[0].kind == NodeKind::end_of_month);
    CHECK(evaluation.due[1].kind == NodeKind::date);
    CHECK(evaluation.first_day == mandate::Date{2018, 11, 30});
    REQUIRE(evaluation.programme.has_value());
    CHECK(plan.programmes.at(*evaluation.programme).name == "平安县（区）");
    REQUIRE(evaluation.candidate_titles.size() == 1);
    CHECK(plan.titles.at(evaluation.candidate_titles[0]).name == "县级命名");
    CHECK(evaluation.prerequisites.size() == 2);

    CHECK(stage(plan, "检查").first_day == mandate::Date{2018, 12, 1});
    CHECK_FALSE(filing.obligates_leads);
    const mandate::Stage& leads = stage(plan, "领域报备");
    CHECK(leads.obligates_leads);
    CHECK(leads.obligated.empty());
    CHECK(leads.first_day == mandate::Date{2018, 3, 31});

    const mandate::Stage& autumn = stage(plan, "金秋");
    REQUIRE(autumn.start_window.has_value());
    CHECK(autumn.start_window->text == "窗口");
    REQUIRE(autumn.duration.has_value());
    CHECK(autumn.duration->kind == NodeKind::duration);
    CHECK(autumn.duration->text == "20");
    CHECK(autumn.first_day == mandate::Date{2018, 9, 11});  // the parameter's default window

    const mandate::Stage& report = stage(plan, "汇报");
    CHECK(ref_names(plan, report.obligated) == Strings{"param:追责机关"});
    CHECK(ref_names(plan, report.deliver_to) == Strings{"param:追责机关"});
    CHECK(report.first_day == mandate::Date{2018, 1, 1});
  }
  SUBCASE("targets, goals, consequences, sanctions, awards") {
    const mandate::Rule& coverage = rule(plan, "覆盖");
    CHECK(coverage.kind == mandate::RuleKind::target);
    REQUIRE(coverage.requirements.size() == 2);
    CHECK(coverage.requirements[0].by.has_value());
    CHECK_FALSE(coverage.requirements[1].by.has_value());
    CHECK(rule(plan, "先进").kind == mandate::RuleKind::goal);

    const mandate::Consequence& accountability =
        plan.consequences.at(symbol(plan, "问责", SymbolKind::consequence).index);
    CHECK(accountability.disqualify);
    CHECK(accountability.deduction.has_value());
    REQUIRE(accountability.referrals.size() == 1);
    REQUIRE(accountability.referrals[0].body.has_value());
    CHECK(ref_names(plan, {*accountability.referrals[0].body}) == Strings{"param:追责机关"});

    const mandate::Rule& behind = rule(plan, "落后");
    CHECK(behind.kind == mandate::RuleKind::sanction);
    CHECK(behind.condition.has_value());
    CHECK(behind.consequences ==
          std::vector<Index>{symbol(plan, "问责", SymbolKind::consequence).index});
    CHECK_FALSE(behind.inline_consequence.has_value());
    const mandate::Rule& notices = rule(plan, "通报两次");
    CHECK(notices.subjects.size() == 2);
    REQUIRE(notices.inline_consequence.has_value());
    CHECK(notices.inline_consequence->disqualify);
    CHECK(notices.inline_consequence->deduction.has_value());

    const mandate::Rule& plaque = rule(plan, "授牌");
    CHECK(plaque.kind == mandate::RuleKind::award);
    CHECK(plaque.grant == "plaque");
    REQUIRE(plaque.granted_by.has_value());
    CHECK(ref_names(plan, {*plaque.granted_by}) == Strings{"市委"});
    CHECK(plaque.unless_disqualified);
    CHECK(plaque.tier == 2);
    const mandate::Rule& naming = rule(plan, "命名");
    CHECK(naming.grant == "naming");
    CHECK_FALSE(naming.unless_disqualified);
    CHECK_FALSE(naming.granted_by.has_value());
  }
  SUBCASE("quotas: rows, none cells, totals, single-column tables") {
    const mandate::Quota& table = quota(plan, "配额");
    CHECK(table.columns ==
          std::vector<Index>{symbol(plan, "平安县（区）", SymbolKind::programme).index,
                             symbol(plan, "平安镇（办）", SymbolKind::programme).index});
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[0].body == body_index(plan, "商州区"));
    CHECK(table.rows[0].cells == Cells{1, 7});
    CHECK(table.rows[1].body == body_index(plan, "商洛高新区（商丹园区）"));
    CHECK(table.rows[1].cells == Cells{1, none});
    CHECK(table.declared_totals == Cells{2, 7});
    CHECK(table.limits.size() == 1);
    CHECK(table.first_year == 2018);
    CHECK(table.last_year == 2018);
    const mandate::Quota& single = quota(plan, "单列");
    CHECK(single.columns.empty());
    CHECK(single.limits.size() == 2);
    REQUIRE(single.rows.size() == 2);
    CHECK(single.rows[0].cells == Cells{10});
    CHECK(single.rows[1].cells == Cells{none});  // a lone '-' is the none cell
    CHECK(single.declared_totals.empty());
    CHECK(single.first_year == 0);  // the whole plan
  }
}

// A quota cell may name a parameter (issue 12): a count or a number, one
// value; the declared total is checked with its default.
TEST_CASE("check: a quota cell may name a count or number parameter") {
  const Checked checked = check_clean(with_preamble(R"(quota 配额 [G1] {
  limits 创建方案
  columns 平安县（区）, 平安校园
  row 商州区 = 后N位, 1
  row 洛南县 = 示范点数, 后N位
  total = 13, 11
}
param 示范点数 : number = 3 [G1])"));
  const mandate::Quota& table = quota(checked.plan(), "配额");
  REQUIRE(table.rows.size() == 2);
  const Index n = symbol(checked.plan(), "后N位", SymbolKind::parameter).index;
  const Index points = symbol(checked.plan(), "示范点数", SymbolKind::parameter).index;
  using Parameters = std::vector<std::optional<Index>>;
  CHECK(table.rows[0].parameters == Parameters{n, std::nullopt});
  CHECK(table.rows[0].cells == Cells{10, 1});  // the default, for the total
  CHECK(table.rows[1].parameters == Parameters{points, n});
  CHECK(table.rows[1].cells == Cells{3, 10});

  SUBCASE("misuse: unknown, not a parameter, another type, not whole, a wrong total") {
    const Checked bad = check_text(with_preamble(R"(quota 配额 [G1] {
  columns 平安县（区）, 平安校园
  row 商州区 = 后N个, 后N位
  row 洛南县 = 比例, 后N位
  row 商洛高新区 = 商州区, 半
}
quota 单列 [G1] {
  row 商州区 = 后N位
  row 洛南县 = 2
  total = 13
}
param 比例 : percent = 10% [G1]
param 半 : number = 2.5 [G1])"));
    expect_diagnostics(bad, {{Code::unknown_name, 3, 13},
                             {Code::type_mismatch, 4, 13},
                             {Code::type_mismatch, 5, 15},
                             {Code::bad_value, 5, 20},
                             {Code::quota_total, 10, 11}});
    CHECK(contains(diagnostic_at(bad, Code::unknown_name, 3, 13).message, "did you mean '后N位'"));
    CHECK(diagnostic_at(bad, Code::type_mismatch, 4, 13).message ==
          "a quota cell's parameter is a count or a number; '比例' is of type percent");
    CHECK(diagnostic_at(bad, Code::type_mismatch, 5, 15).message ==
          "'商州区' is a body, expected a parameter");
    CHECK(diagnostic_at(bad, Code::bad_value, 5, 20).message ==
          "a quota cell counts events: '半' = 2.5 is not a whole number, 0 or more");
    // 后N位 counts with its default, 10.
    CHECK(diagnostic_at(bad, Code::quota_total, 10, 11).message ==
          "declared total 13 for column 1 differs from the sum of its rows, 12");
  }
}

// The checker declares every name before it checks any statement, so a use
// may come before its declaration. A group whose member is a group declared
// later must still get that group's members (today it silently gets none:
// check_group copies `other.members` before the later group is filled).
TEST_CASE("check: a checked plan is independent of declaration order") {
  const Checked checked = check_clean(R"(group 全部 = 子组
group 子组 = 甲
body 甲 : 部门
kind 部门
plan "倒序" {
  issued 2018-02-27
  effective 2018..2020
}
)");
  const Plan& plan = checked.plan();
  CHECK(plan.groups.at(group_index(plan, "全部")).members ==
        std::vector<Index>{body_index(plan, "甲")});
}

// A quota row is one body ("rows are bodies", language.md §4); a group or a
// body parameter cannot be represented by QuotaRow::body and must be an error,
// not silently body 0.
TEST_CASE("check: a quota row that names a group is an error, not body 0") {
  const Checked checked = check_text(with_preamble(R"(quota 配额 [G1] {
  columns 平安县（区）
  row 商洛县区 = 1
})"));
  INFO("diagnostics:\n" << checked.rendered());
  CHECK(mandate::has_errors(checked.diagnostics()));
  CHECK(checked.result.plan == nullptr);
  const bool at_row = std::any_of(checked.diagnostics().begin(), checked.diagnostics().end(),
                                  [](const Diagnostic& d) {
                                    return d.position == mandate::Position{3, 7};
                                  });
  CHECK(at_row);
}

// Definitions that refer to themselves, directly or through others, have no
// value: a group that contains itself, a metric formula or a parameter default
// that needs its own value. The language promises that every evaluation
// terminates (language.md, introduction), so the checker must reject these
// (M0009, "a cycle in … hierarchy"); today they check clean.
TEST_CASE(
    "check: cycles in group membership, metric formulas and parameter defaults are rejected") {
  const auto expect_cycle = [](const Checked& checked) {
    INFO("diagnostics:\n" << checked.rendered());
    const bool cycle = std::any_of(checked.diagnostics().begin(), checked.diagnostics().end(),
                                   [](const Diagnostic& d) { return d.code == Code::cycle; });
    CHECK(cycle);
    CHECK(checked.result.plan == nullptr);
  };
  SUBCASE("group membership") {
    expect_cycle(check_text(with_preamble("group 甲组 = 乙组\ngroup 乙组 = 甲组")));
  }
  SUBCASE("a metric formula that uses itself") {
    expect_cycle(check_text(with_preamble("metric 甲 : percent per programme = 甲 + 1%")));
  }
  SUBCASE("metric formulas that use each other") {
    expect_cycle(check_text(with_preamble(R"(metric 甲 : percent per programme = 乙 * 2
metric 乙 : percent per programme = 甲 + 1%)")));
  }
  SUBCASE("parameter defaults that use each other") {
    expect_cycle(
        check_text(with_preamble("param 甲 : count = 乙 [G1]\nparam 乙 : count = 甲 [G1]")));
  }
}

// A quota table lists each body once; a second row for the same body (here
// through an alias) would silently add to the first one's quota.
TEST_CASE("check: a quota row given twice for one body is an error") {
  const Checked checked = check_text(with_preamble(R"(quota 配额 [G1] {
  columns 平安县（区）
  row 商洛高新区（商丹园区） = 1
  row 商丹园区 = 2
})"));
  INFO("diagnostics:\n" << checked.rendered());
  CHECK(mandate::has_errors(checked.diagnostics()));
  CHECK(checked.result.plan == nullptr);
  const bool at_row = std::any_of(checked.diagnostics().begin(), checked.diagnostics().end(),
                                  [](const Diagnostic& d) {
                                    return d.position == mandate::Position{4, 7};
                                  });
  CHECK(at_row);
}

// The parse limits (64 levels of brackets, 10,000 characters a line) promise
// that no input exhausts the stack. A left-associative chain of 20,000 `+`
// over 1,000 short lines has no bracket at all, parses, and is a 20,000-deep
// tree: checking it must not recurse once per operator (today check() dies
// of a stack overflow copying the tree into the Plan and typing it).
TEST_CASE("check: a long operator chain does not exhaust the checker's stack") {
  std::string text = std::string(default_plan_statement) + "\nparam 长 : number = 1";
  for (int line = 0; line < 1'000; ++line) {
    text += "\n ";
    for (int term = 0; term < 20; ++term) text += " + 1";
  }
  text += "\n";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    for (const int signal_number : {SIGSEGV, SIGBUS, SIGABRT}) std::signal(signal_number, SIG_DFL);
    const SourceFile source("chain.plan", text);
    const CheckResult result = mandate::parse_and_check(source);
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  const bool exited = WIFEXITED(status);
  const std::string how = exited ? "exit code " + std::to_string(WEXITSTATUS(status))
                                 : "killed by signal " + std::to_string(WTERMSIG(status));
  INFO("the child running parse_and_check ended with " << how);
  CHECK(exited);
  CHECK(how == "exit code 0");
}

// ---------------------------------------------------------------------------
// Data-driven plan files: tests/plans/{good,bad}/*.plan. A file states what
// it expects in comment lines `# expect: M0007 12:9`, one per diagnostic.

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// The `# expect: CODE LINE:COLUMN` lines of a plan file.
std::vector<Expected> expectations(std::string_view text) {
  std::vector<Expected> out;
  std::istringstream lines{std::string(text)};
  std::string line;
  constexpr std::string_view marker = "# expect:";
  while (std::getline(lines, line)) {
    if (!line.starts_with(marker)) continue;
    std::istringstream fields(line.substr(marker.size()));
    std::string code;
    std::uint32_t at_line = 0;
    std::uint32_t at_column = 0;
    char colon = 0;
    fields >> code >> at_line >> colon >> at_column;
    INFO("header line: " << line);
    REQUIRE(code.size() == 5);
    REQUIRE(code[0] == 'M');
    REQUIRE(colon == ':');
    out.push_back({static_cast<Code>(std::stoi(code.substr(1))), at_line, at_column});
    REQUIRE(mandate::code_name(out.back().code) == code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> plan_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".plan")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("check: plan files under tests/plans match their # expect headers") {
  const fs::path root = fs::path(MANDATE_SOURCE_DIR) / "tests" / "plans";
  for (const bool good : {true, false}) {
    const auto files = plan_files(root / (good ? "good" : "bad"));
    CHECK(files.size() >= 3);
    for (const fs::path& file : files) {
      const std::string text = read_file(file);
      const auto expected = expectations(text);
      const Checked checked = check_text(text, file.filename().string());
      INFO("file: " << file.string() << "\ndiagnostics:\n" << checked.rendered());
      CHECK(describe(found(checked.diagnostics())) == describe(expected));
      if (good) {
        CHECK_FALSE(mandate::has_errors(checked.diagnostics()));
        CHECK(checked.result.plan != nullptr);
      } else {
        CHECK_FALSE(expected.empty());
        CHECK(mandate::has_errors(checked.diagnostics()));
        CHECK(checked.result.plan == nullptr);
      }
    }
  }
}

// Issue 13: the readings register (解读清单), decision 0040.
TEST_CASE("check: a reading records a phrase, the reading taken, alternatives and why") {
  const Checked checked = check_clean(with_preamble(R"(reading 后十位 [G1] {
  says "排名位于全省后10位"
  parameter 后N位
  alternatives "其他年份的名次"
  because "原文为10"
}
reading 以上含本数 {
  says "达到90%以上"
  chosen "≥ 90%"
  alternatives "> 90%", "≥ 91%"
  because "“以上”包括本数"
})"));
  const Plan& plan = checked.plan();
  REQUIRE(plan.readings.size() == 2);
  const mandate::Reading& first = plan.readings[0];
  CHECK(first.name == "后十位");
  CHECK(first.phrase == "排名位于全省后10位");
  REQUIRE(first.parameter);
  CHECK(plan.parameters[*first.parameter].name == "后N位");
  CHECK(first.citations.size() == 1);
  CHECK(plan.readings[1].chosen == "≥ 90%");
  CHECK(plan.readings[1].alternatives == std::vector<std::string>{"> 90%", "≥ 91%"});
  CHECK(plan.readings[1].reason == "“以上”包括本数");
  CHECK(plan.symbols.find("后十位") == plan.symbols.end());  // a label, not a name

  const std::string text = mandate::render_readings(plan);
  CHECK(contains(text, "2 readings: 1 by a parameter (a user may take another), 1 fixed"));
  CHECK(contains(text,
                 "1. 后十位 [G1]\n   原文 (says): “排名位于全省后10位”\n"
                 "   读作 (reading): parameter 后N位 = 10\n"));
  CHECK(contains(text,
                 "   读作 (reading, fixed in the rules): ≥ 90%\n"
                 "   另一读法 (alternative): > 90%\n"));
  CHECK(contains(text, "Every parameter has a reading."));
}

TEST_CASE("check: a reading needs its parts, a known parameter and a name of its own") {
  const Checked checked = check_text(with_preamble(R"(reading 甲 {
  says "x"
  alternatives "y"
  because "z"
}
reading 乙 {
  says "x"
  parameter 前N位
  alternatives "y"
  because "z"
}
reading 甲 {
  says "x"
  chosen "c"
  alternatives "y"
  because "z"
}
reading 丙 {
  says x
  chosen "c"
  because "z"
})"));
  CHECK(diagnostic_at(checked, Code::missing_statement, 1, 1).message ==
        "reading '甲' needs 'parameter NAME' or 'chosen \"…\"': what was chosen");
  diagnostic_at(checked, Code::unknown_name, 8, 13);
  CHECK(diagnostic_at(checked, Code::duplicate_name, 12, 9).message ==
        "reading '甲' is declared twice");
  diagnostic_at(checked, Code::missing_statement, 18, 1);  // no alternatives
}

// Issue 13: a group in a role that declares no member is a warning, unless it says that
// the facts supply its members (`members N`).
TEST_CASE("check: M0021 warns of a group in a role that declares no member") {
  const Checked checked = check_text(with_preamble(R"(group 县区政法委 = all 部门 within 商州区
programme 严打整治 : action [G1] {
  lead 市公安局
  cooperate 县区政法委
})"));
  const Diagnostic& warning = diagnostic_at(checked, Code::unbound_obligation, 1, 7);
  CHECK(warning.severity == Severity::warning);
  CHECK(warning.message ==
        "group '县区政法委' has the role 'cooperate' in programme '严打整治' but declares no "
        "member: the role reaches only the units the facts supply; declare its members, or say "
        "that the facts supply them with 'members N'");
  REQUIRE(checked.result.plan != nullptr);  // a warning only
  check_clean(with_preamble(R"(group 县区政法委 = all 部门 within 商州区 members 8
programme 严打整治 : action [G1] {
  lead 市公安局
  cooperate 县区政法委
})"));
}
