// `mandate summary` (issue 12): lists of names that hold a 、 read one way,
// stages are ordered by their full date, and a quota cell that names a
// parameter shows it.
#include <mandate/check.hpp>
#include <mandate/report.hpp>
#include <mandate/source.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {

std::string summary_of(const std::string& text) {
  const mandate::SourceFile source("summary.plan", text);
  const mandate::CheckResult checked = mandate::parse_and_check(source);
  std::string diagnostics;
  for (const auto& d : checked.diagnostics) diagnostics += mandate::render(d, source);
  INFO(diagnostics);
  REQUIRE(checked.plan != nullptr);
  return mandate::render_summary(*checked.plan);
}

constexpr std::string_view plan_text = R"(plan "示例" {
  issued_by 市委、市政府, 市政府办
  issued 2018-02-27
  effective 2018..2020
}
kind 部门
kind 县区
body 市委、市政府 : 部门
body 市政府办 : 部门
body 商州区 : 县区
body 洛南县 : 县区
programme 平安县（区） : brand { lead 市政府办 }
event 示范点 : designation
param 示范点数 : count = 3
stage 二〇年 of 平安县（区） {
  obligated 商州区
  due by 2020-03-01
}
stage 一九年 of 平安县（区） {
  obligated 市委、市政府, 商州区
  due by 2019-06-30
}
stage 每年 of 平安县（区） {
  obligated 商州区, 洛南县
  due by 12-31
}
stage 无日期 of 平安县（区） {
  obligated 商州区
}
quota 配额 {
  limits 示范点
  row 商州区 = 示范点数
  row 洛南县 = 2
  total = 5
}
)";

}  // namespace

TEST_CASE("summary: names that hold a 、 are listed with ， between them") {
  const std::string summary = summary_of(std::string(plan_text));
  INFO(summary);
  // A list with such a name uses ， (no name holds one); others keep 、.
  CHECK(summary.find("issued by 市委、市政府，市政府办 on 2018-02-27") != std::string::npos);
  CHECK(summary.find("部门 (2): 市委、市政府，市政府办\n") != std::string::npos);
  CHECK(summary.find("obligated: 市委、市政府，商州区\n") != std::string::npos);
  CHECK(summary.find("县区 (2): 商州区、洛南县\n") != std::string::npos);
  CHECK(summary.find("obligated: 商州区、洛南县\n") != std::string::npos);
}

TEST_CASE("summary: stages by full date, an annual date in the plan's first year") {
  const std::string summary = summary_of(std::string(plan_text));
  INFO(summary);
  const auto at = [&](const char* name) { return summary.find(std::string("  ") + name + "\n"); };
  // 12-31 recurs from 2018; 2019-06-30 before 2020-03-01 although 06-30 > 03-01.
  REQUIRE(at("每年") != std::string::npos);
  CHECK(at("每年") < at("一九年"));
  CHECK(at("一九年") < at("二〇年"));
  CHECK(at("二〇年") < at("无日期"));
  CHECK(at("无日期") != std::string::npos);
}

TEST_CASE("summary: a quota cell that names a parameter shows it with its default") {
  const std::string summary = summary_of(std::string(plan_text));
  INFO(summary);
  CHECK(summary.find("      商州区: 示范点数 (= 3)\n") != std::string::npos);
  CHECK(summary.find("      洛南县: 2\n") != std::string::npos);
  CHECK(summary.find("      total (checked): 5\n") != std::string::npos);
}

TEST_CASE("summary: a target says the period it is judged in (gap G7)") {
  const std::string summary = summary_of(std::string(plan_text) + R"(
metric 达标率 : percent per 县区
target 季度达标 {
  subject 商州区
  every quarter
  require 达标率 >= 80%
}
target 年度达标 {
  subject 商州区
  require 达标率 >= 90%
}
)");
  INFO(summary);
  CHECK(summary.find("require 达标率 >= 80% every quarter\n") != std::string::npos);
  CHECK(summary.find("require 达标率 >= 90% every year\n") != std::string::npos);
}

TEST_CASE("summary: a recurring or event-counted stage says when it is due") {
  const std::string summary = summary_of(R"(plan "示例" {
  issued 2018-01-01
  effective 2018..2020
}
kind 镇
body 甲镇 : 镇
programme 检查 : campaign
event 年报 : document
event 月报 : document
event 检查记录 : document
event 整改通知 : notice
event 半年报 : document
event 整改完成 : document
stage 年度总结 of 检查 {
  obligated 甲镇
  deliver 年报
  every year
  due by 01-10 after
}
stage 月度报告 of 检查 {
  obligated 甲镇
  deliver 月报
  every month
  due within 5 days after
}
stage 月度检查 of 检查 {
  obligated 甲镇
  deliver 检查记录
  every month
  at_least 2
}
stage 半年汇报 of 检查 {
  obligated 甲镇
  deliver 半年报
  every half_year
}
stage 整改 of 检查 {
  obligated 甲镇
  deliver 整改完成
  due within 15 days after 整改通知
}
stage 年底方案 of 检查 {
  obligated 甲镇
  deliver 年报
  due by 12-31
}
)");
  INFO(summary);
  CHECK(summary.find("every year, due by 01-10 after the period;") != std::string::npos);
  CHECK(summary.find("every month, due within 5 days after the period;") != std::string::npos);
  CHECK(summary.find("every month, at least 2;") != std::string::npos);
  CHECK(summary.find("every half-year, due by the period's last day;") != std::string::npos);
  CHECK(summary.find("due within 15 days after each 整改通知;") != std::string::npos);
  // `due by 01-10 after` first falls in 2019: after 2018-12-31.
  CHECK(summary.find("  年底方案") < summary.find("  年度总结"));
}
