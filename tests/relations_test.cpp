// Issue 12: what plans say about their subject — the units within it, the
// body above it or the one it reports to, the year before — and the
// arithmetic plans use (min, max, if … then … else …, ceil).
#include <doctest/doctest.h>

#include "evaluate_support.hpp"

#include <string>

using namespace evaluate_support;

namespace {

constexpr std::string_view villages = R"(
kind 镇 within 县区
kind 村 within 镇
body 城关镇 : 镇 within 商州区 reports_to 商州区
metric 巡河次数 : count per 村
metric 得分 : number per 镇
consequence 约谈河长 {
  refer to superior(self)
  notice by 市综治委
  refer to 市委
}
sanction 巡河不力 {
  subject all 镇 within 商洛市
  when count(v in all 村 within self where 巡河次数(v) < 4) >= 2
  consequences 约谈河长
}
sanction 连续末位 {
  subject all 镇 within 商洛市
  when rank(得分, among: all 镇 within parent(self), order: ascending) == 1
       and previous(rank(得分, among: all 镇 within parent(self), order: ascending) == 1)
  consequences 约谈河长
}
)";

}  // namespace

TEST_CASE("relations: units within the subject, its superior, referrals computed from it") {
  const World w =
      world(plan_text(villages),
            {units("name,unit_kind,parent,aliases,reports_to\n"
                   "大赵峪镇,镇,商州区,,商州区\n"
                   "东村,村,城关镇,,\n西村,村,城关镇,,\n南村,村,城关镇,,\n"
                   "北村,村,大赵峪镇,,\n"),
             measures("year,metric,subject,value\n"
                      "2018,巡河次数,东村,2\n2018,巡河次数,西村,3\n2018,巡河次数,南村,9\n"
                      "2018,巡河次数,北村,1\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  // 城关镇: two of its three villages patrolled fewer than 4 times.
  const Verdict& town = verdict(report, VerdictKind::sanction, "巡河不力", "城关镇", 2018);
  CHECK(outcome(town) == "applies");
  REQUIRE(town.consequences.size() == 3);
  CHECK(town.consequences[0].kind == "refer");
  CHECK(town.consequences[0].detail.find("商州区") != std::string::npos);  // its superior
  CHECK(town.consequences[1].kind == "notice");
  CHECK(town.consequences[1].detail == "a notice (通报) by 市综治委");
  CHECK(town.consequences[2].detail.find("市委") != std::string::npos);
  REQUIRE(town.escalation.size() == 2);
  CHECK(town.escalation[0].to == "商州区");
  // 大赵峪镇 (from the facts, reporting to 商州区): one village only.
  CHECK(outcome(verdict(report, VerdictKind::sanction, "巡河不力", "大赵峪镇", 2018)) ==
        "does_not_apply");
  check_all_ways_agree(w, 2018, "2019-03-31");
}

TEST_CASE("relations: previous(…) is the same condition in the year before") {
  const World w = world(plan_text(villages),
                        {units("name,unit_kind,parent,aliases,reports_to\n大赵峪镇,镇,商州区,,\n"),
                         measures("year,metric,subject,value\n"
                                  "2018,得分,城关镇,70\n2018,得分,大赵峪镇,80\n"
                                  "2019,得分,城关镇,75\n2019,得分,大赵峪镇,90\n"
                                  "2020,得分,城关镇,95\n2020,得分,大赵峪镇,91\n")});
  const Report report = report_of(w, {2019, 2020}, "2021-03-31");
  // Last of 商州区's towns in 2018 and 2019: two years running.
  const Verdict& twice = verdict(report, VerdictKind::sanction, "连续末位", "城关镇", 2019);
  CHECK(outcome(twice) == "applies");
  expect_explains(twice, "(in 2018) = true");
  CHECK(outcome(verdict(report, VerdictKind::sanction, "连续末位", "城关镇", 2020)) ==
        "does_not_apply");
  CHECK(outcome(verdict(report, VerdictKind::sanction, "连续末位", "大赵峪镇", 2020)) ==
        "does_not_apply");  // last in 2020 only
  // Without 2017's figures, 2018's `previous` is unknown: so is the sanction.
  const Report first = report_of(w, {2018}, "2021-03-31");
  const Verdict& open = verdict(first, VerdictKind::sanction, "连续末位", "城关镇", 2018);
  CHECK(outcome(open) == "unknown");
  CHECK(has(open.missing, "measure 得分 of 城关镇 for 2017"));
  check_all_ways_agree(w, 2019, "2021-03-31");
}

TEST_CASE("arithmetic plans use: min, max, if … then … else …, ceil") {
  const World w = world(plan_text(R"(
metric 迟报天数 : count per 县区
metric 得分 : number per 县区
target 扣分封顶 {
  subject 商州区, 洛南县
  require max(100 - min(ceil(迟报天数 / 7) * 1, 10), 0) >= 95
}
target 分档 {
  subject 商州区, 洛南县
  require (if 得分 >= 90 then 2 else 0) + 得分 >= 90
}
)"),
                        {measures("year,metric,subject,value\n"
                                  "2018,迟报天数,商州区,15\n2018,迟报天数,洛南县,50\n"
                                  "2018,得分,商州区,90\n2018,得分,洛南县,70\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  // 15 days late: 3 weeks begun, 3 points; 50 days: 8 weeks, 8 points.
  CHECK(outcome(verdict(report, VerdictKind::target, "扣分封顶", "商州区", 2018)) == "met");
  CHECK(outcome(verdict(report, VerdictKind::target, "扣分封顶", "洛南县", 2018)) == "not_met");
  CHECK(outcome(verdict(report, VerdictKind::target, "分档", "商州区", 2018)) == "met");
  CHECK(outcome(verdict(report, VerdictKind::target, "分档", "洛南县", 2018)) == "not_met");
}

TEST_CASE("relations: escalation climbs a unit's reporting line from the facts") {
  const World w = world(plan_text(R"(
kind 镇 within 县区
event 方案 : document
group 全市镇 = all 镇 within 商洛市
stage 镇方案 of 活动 {
  obligated 全市镇
  deliver 方案 to 市综治办
  due by 03-20
}
)"),
                        {units("name,unit_kind,parent,aliases,reports_to\n"
                               "甲镇,镇,商州区,,市综治委\n乙镇,镇,商州区,,\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  const Verdict& own = verdict(report, VerdictKind::deadline, "镇方案", "甲镇", 2018);
  CHECK(outcome(own) == "missed");
  bool reports = false;
  for (const auto& link : own.escalation)
    reports |= link.via == "reports_to" && link.to == "市综治委";
  CHECK(reports);
  const Verdict& plain = verdict(report, VerdictKind::deadline, "镇方案", "乙镇", 2018);
  for (const auto& link : plain.escalation) CHECK(link.to != "市综治委");
}

TEST_CASE("scores: a points ledger from the verdicts and facts, with caps, ranked") {
  std::string rows = "date,event,unit,to,id,for\n";
  for (int month = 1; month <= 10; ++month)  // 商州区 patrols Jan–Oct
    rows += "2019-" + std::string(month < 10 ? "0" : "") + std::to_string(month) +
            "-10,巡河,商州区,,P" + std::to_string(month) + ",\n";
  for (int month = 1; month <= 12; ++month) {
    // Each month's report on the 3rd of the next; 商州区's February report on
    // 03-15 (10 days late: 2 weeks begun); no December report from 商州区.
    const int next = month + 1;
    const std::string on =
        next == 13 ? "2020-01-03"
                   : "2019-" + std::string(next < 10 ? "0" : "") + std::to_string(next) + "-03";
    // Each report names its month ('for'), so a late one is not read as early.
    const std::string period = "2019-" + std::string(month < 10 ? "0" : "") + std::to_string(month);
    if (month != 12)
      rows += (month == 2 ? "2019-03-15" : on) + ",月报,商州区,市委,," + period + "\n";
    rows += on + ",月报,洛南县,市委,," + period + "\n";
  }
  rows += "2019-06-01,通报,洛南县,,T1,\n";
  const World w = world(plan_text(R"(
event 巡河 : action
event 月报 : report
event 通报 : notice
title 先进县 : provincial for 县区
group 两县 = 商州区, 洛南县
stage 巡河检查 of 活动 {
  obligated 两县
  deliver 巡河
  every month
  at_least 1
}
stage 报送月报 of 活动 {
  obligated 两县
  deliver 月报 to 市委
  every month
  due within 5 days after
}
score 考核得分 per 县区 [C1] {
  base 100
  deduct 0.5 for missed(巡河检查) cap 3
  deduct ceil(days / 7) for late(报送月报)
  deduct 5 for missed(报送月报)
  deduct 10 for count(通报) >= 1
  add 2 for holds(先进县)
  at_least 0
  at_most 100
}
target 考核合格 {
  subject 两县
  require 考核得分 >= 90
}
goal 考核第一 {
  subject 两县
  require rank(考核得分, among: 两县) == 1
}
)"),
                        {events(rows), titles("year,title,unit\n2019,先进县,商州区\n")});
  const Report report = report_of(w, {2019}, "2020-03-31");
  // 商州区: 100 − 0.5 × 2 (Nov, Dec) − 2 (February, 10 days late) − 5 (December) + 2 = 94.
  const Verdict& first = verdict(report, VerdictKind::target, "考核合格", "商州区", 2019);
  CHECK(outcome(first) == "met");
  expect_explains(first, "考核得分 of 商州区 in 2019 = 94");
  expect_explains(first, "−2 for 报送月报 · 2019-02 · late (10 days)");
  expect_explains(first, "−5 for 报送月报 · 2019-12 · missed");
  expect_explains(first, "deduct 1 (at most 3) [C1]");
  // 洛南县: 12 months without a patrol, capped at 3; a notice, 10: 87.
  const Verdict& second = verdict(report, VerdictKind::target, "考核合格", "洛南县", 2019);
  CHECK(outcome(second) == "not_met");
  expect_explains(second, "考核得分 of 洛南县 in 2019 = 87");
  expect_explains(second, "deduct 3 (at most 3) [C1]");
  CHECK(outcome(verdict(report, VerdictKind::goal, "考核第一", "商州区", 2019)) == "reached");
  CHECK(outcome(verdict(report, VerdictKind::goal, "考核第一", "洛南县", 2019)) == "not_reached");
  check_all_ways_agree(w, 2019, "2020-03-31");
}

TEST_CASE("relations: a unit without reports_to reports to the unit it sits within") {
  // 约谈其上级: 北村 has no reports_to; its superior is 大赵峪镇, the town it is in.
  const World w = world(plan_text(R"(
kind 镇 within 县区
kind 村 within 镇
metric 巡河次数 : count per 村
sanction 村巡河不力 {
  subject all 村 within 商洛市
  when 巡河次数 < 4
  refer to superior(self)
}
)"),
                        {units("name,unit_kind,parent,aliases,reports_to\n"
                               "大赵峪镇,镇,商州区,,\n北村,村,大赵峪镇,,\n"),
                         measures("year,metric,subject,value\n2018,巡河次数,北村,1\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  const Verdict& village = verdict(report, VerdictKind::sanction, "村巡河不力", "北村", 2018);
  CHECK(outcome(village) == "applies");
  REQUIRE(village.consequences.size() == 1);
  CHECK(village.consequences[0].detail.find("大赵峪镇") != std::string::npos);
  expect_explains(village, "superior(self) = 大赵峪镇 (no reports_to: the unit above)");
  CHECK(village.missing.empty());
}

TEST_CASE("scores: stage lines in a year the plan does not judge are unknown, not zero") {
  // The plan runs 2018..2020; previous(得分) in 2018 needs 2017's score,
  // whose stage line has no verdicts to count: unknown, named.
  const World w = world(plan_text(R"(
event 月报 : report
stage 报送月报 of 活动 {
  obligated 商州区
  deliver 月报 to 市委
  every month
  due within 5 days after
}
score 得分 per 县区 {
  base 100
  deduct 1 for missed(报送月报)
}
target 连续合格 {
  subject 商州区
  require 得分 >= 60 and previous(得分) >= 60
}
)"));
  const Report report = report_of(w, {2018}, "2019-03-31");
  const Verdict& target = verdict(report, VerdictKind::target, "连续合格", "商州区", 2018);
  CHECK(outcome(target) == "unknown");
  REQUIRE_FALSE(target.missing.empty());
  CHECK(target.missing[0] ==
        "the verdicts of 报送月报 for 2017, which is outside the plan's period");
}
