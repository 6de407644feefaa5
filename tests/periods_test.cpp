// Periods (include/mandate/period.hpp) and the stages that recur every week,
// month, quarter or half-year: one verdict per period, ISO weeks across the
// new year, deadlines within or after each period.
#include <mandate/period.hpp>

#include <doctest/doctest.h>

#include "evaluate_support.hpp"

#include <string>

using mandate::Period;
using mandate::PeriodKind;
using namespace evaluate_support;

TEST_CASE("periods: labels, first and last days, and ISO weeks across the new year") {
  const auto round_trip = [](std::string_view label) {
    const auto period = Period::parse(label);
    REQUIRE(period);
    CHECK(period->label() == label);
    return *period;
  };
  const Period year = round_trip("2018");
  CHECK(year.first_day() == Date{2018, 1, 1});
  CHECK(year.last_day() == Date{2018, 12, 31});
  const Period half = round_trip("2018-H2");
  CHECK(half.first_day() == Date{2018, 7, 1});
  CHECK(half.last_day() == Date{2018, 12, 31});
  const Period quarter = round_trip("2019-Q1");
  CHECK(quarter.last_day() == Date{2019, 3, 31});
  CHECK(quarter.previous().label() == "2018-Q4");
  const Period month = round_trip("2020-02");
  CHECK(month.last_day() == Date{2020, 2, 29});
  // 2019-W01 runs from Monday 2018-12-31 to Sunday 2019-01-06.
  const Period week = round_trip("2019-W01");
  CHECK(week.first_day() == Date{2018, 12, 31});
  CHECK(week.last_day() == Date{2019, 1, 6});
  CHECK(Period::containing(PeriodKind::week, Date{2018, 12, 31}) == week);
  CHECK(Period::containing(PeriodKind::week, Date{2021, 1, 3}).label() == "2020-W53");
  CHECK(Period::count_in_year(PeriodKind::week, 2020) == 53);
  CHECK(Period::count_in_year(PeriodKind::week, 2019) == 52);
  CHECK(week.previous().label() == "2018-W52");
  CHECK(Period::parse("2020-W53"));
  // The parts of a period: those of a shorter kind that lie within it.
  const auto labels = [](const std::vector<Period>& parts) {
    std::string out;
    for (const Period& part : parts) out += (out.empty() ? "" : " ") + part.label();
    return out;
  };
  CHECK(labels(Period::of_year(2019).parts(PeriodKind::quarter)) ==
        "2019-Q1 2019-Q2 2019-Q3 2019-Q4");
  CHECK(labels(Period::parse("2019-Q2")->parts(PeriodKind::month)) == "2019-04 2019-05 2019-06");
  CHECK(labels(Period::parse("2019-H2")->parts(PeriodKind::quarter)) == "2019-Q3 2019-Q4");
  CHECK(Period::of_year(2020).parts(PeriodKind::week).size() == 53);
  CHECK(Period::of_year(2019).parts(PeriodKind::week).back().label() == "2019-W52");
  CHECK(Period::parse("2019-Q2")->parts(PeriodKind::week).empty());  // weeks straddle quarters
  CHECK(Period::parse("2019-Q2")->parts(PeriodKind::half).empty());
  CHECK(Period::of_year(2019).parts(PeriodKind::year).empty());
  CHECK(mandate::period_kind_named("half_year") == PeriodKind::half);
  CHECK_FALSE(mandate::period_kind_named("half"));
  for (const char* bad : {"2019-W53", "2018-H3", "2018-Q0", "2018-13", "2018-7", "18", "2018-",
                          "2018-W1", "2018abc", "-2018", "2018-Q1x"}) {
    INFO(bad);
    CHECK_FALSE(Period::parse(bad));
  }
}

namespace {

constexpr std::string_view river_patrols = R"(
kind 村 within 县区
body 甲村 : 村 within 商州区
body 乙村 : 村 within 商州区
event 巡河 : action
event 月报 : report
stage 周巡河 of 活动 {
  obligated 甲村, 乙村
  deliver 巡河
  every week
  at_least 1
}
stage 月报送 of 活动 {
  obligated 甲村
  deliver 月报 to 市综治办
  every month
  due within 5 days after
}
)";

std::vector<const Verdict*> of_rule(const Report& report, std::string_view rule,
                                    std::string_view subject) {
  return select(report, VerdictKind::deadline, rule, subject);
}

const Verdict& in_period(const Report& report, std::string_view rule, std::string_view subject,
                         std::string_view label) {
  for (const Verdict* v : of_rule(report, rule, subject))
    if (v->period.label() == label) return *v;
  INFO(describe(report));
  FAIL("no verdict for ", std::string(rule), " ", std::string(subject), " ", std::string(label));
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("recurring duties: one verdict per week, the new year's first week in its week-year") {
  const World w = world(plan_text(river_patrols),
                        {events("date,event,unit\n"
                                "2018-12-31,巡河,甲村\n"      // 2019-W01
                                "2019-01-08,巡河,甲村\n"      // 2019-W02
                                "2019-01-09,巡河,甲村\n")});  // a second in 2019-W02
  const Report report = report_of(w, {2019}, "2019-01-16");
  const auto weeks = of_rule(report, "周巡河", "甲村");
  REQUIRE(weeks.size() == 52);  // every week of 2019, those still to come pending
  CHECK(weeks.front()->period.label() == "2019-W01");
  CHECK(weeks.back()->period.label() == "2019-W52");
  CHECK(outcome(in_period(report, "周巡河", "甲村", "2019-W01")) == "met");
  CHECK(outcome(in_period(report, "周巡河", "甲村", "2019-W02")) == "met");
  const Verdict& third = in_period(report, "周巡河", "甲村", "2019-W03");
  CHECK(outcome(third) == "pending");  // 2019-01-14..01-20, as of 01-16
  REQUIRE(third.days);
  CHECK(*third.days == 4);
  expect_explains(third, "巡河: 0 in 2019-W03 (1 needed)");
  CHECK(outcome(in_period(report, "周巡河", "乙村", "2019-W01")) == "missed");
  // The patrol of 2018-12-31 belongs to 2019-W01, not to 2018's last week.
  const Report previous = report_of(w, {2018}, "2019-01-16");
  CHECK(outcome(in_period(previous, "周巡河", "甲村", "2018-W52")) == "missed");
  check_all_ways_agree(w, 2019, "2019-01-16");
}

TEST_CASE("recurring duties: at least N a month, a deadline within days after each month") {
  const World w = world(plan_text(river_patrols),
                        {events("date,event,unit,to,for\n"
                                "2019-02-04,月报,甲村,市综治办,\n"  // January's, on time
                                "2019-03-07,月报,甲村,市综治办,\n"  // February's, 2 days late
                                "2019-04-02,月报,甲村,市综治办,2019-03\n")});  // March's, as said
  const Report report = report_of(w, {2019}, "2019-05-31");
  CHECK(outcome(in_period(report, "月报送", "甲村", "2019-01")) == "met");
  const Verdict& february = in_period(report, "月报送", "甲村", "2019-02");
  CHECK(outcome(february) == "late");
  REQUIRE(february.days);
  CHECK(*february.days == 2);
  expect_explains(february, "by 2019-03-05 (the last day)");
  CHECK(outcome(in_period(report, "月报送", "甲村", "2019-03")) == "met");
  CHECK(outcome(in_period(report, "月报送", "甲村", "2019-04")) == "missed");
  const Verdict& may = in_period(report, "月报送", "甲村", "2019-05");
  CHECK(outcome(may) == "pending");  // due 06-05
  CHECK(of_rule(report, "月报送", "甲村").size() == 12);
  check_all_ways_agree(w, 2019, "2019-05-31");
}

TEST_CASE("recurring duties: a yearly report due in the next year belongs to the year assessed") {
  const World w = world(plan_text(R"(
event 工作报告 : report
stage 年度报告 of 活动 {
  obligated 商州区
  deliver 工作报告 to 市委
  every year
  due by 01-15 after
}
)"),
                        {events("date,event,unit,to\n"
                                "2019-01-10,工作报告,商州区,市委\n"
                                "2021-01-20,工作报告,商州区,市委\n")});
  // The plan runs 2018..2020: 2020 is assessed although its report is due in 2021.
  const Report report = report_of(w, {2018, 2019, 2020}, "2021-03-31");
  CHECK(outcome(verdict(report, VerdictKind::deadline, "年度报告", "商州区", 2018)) == "met");
  CHECK(outcome(verdict(report, VerdictKind::deadline, "年度报告", "商州区", 2019)) == "missed");
  const Verdict& last = verdict(report, VerdictKind::deadline, "年度报告", "商州区", 2020);
  CHECK(outcome(last) == "late");
  REQUIRE(last.days);
  CHECK(*last.days == 5);
  expect_explains(last, "by 2021-01-15 (the last day)");
}

TEST_CASE("recurring duties: the checker's messages for misuse") {
  const auto diagnostics_of = [](std::string_view statements) {
    const mandate::SourceFile source("recurring.plan", plan_text(statements));
    std::string out;
    for (const auto& d : mandate::parse_and_check(source).diagnostics) out += d.message + "\n";
    return out;
  };
  CHECK(
      diagnostics_of("event 巡河 : action\nstage 巡 of 活动 {\n obligated 商州区\n deliver 巡河\n "
                     "at_least 2\n}\n")
          .find("'at_least N' counts deliveries within each period: it needs 'every week'") !=
      std::string::npos);
  CHECK(
      diagnostics_of("event 巡河 : action\nstage 巡 of 活动 {\n obligated 商州区\n deliver 巡河\n "
                     "every fortnight\n}\n")
          .find("'every' takes week, month, quarter, half_year or year") != std::string::npos);
  CHECK(
      diagnostics_of("event 巡河 : action\nstage 巡 of 活动 {\n obligated 商州区\n deliver 巡河\n "
                     "every quarter\n due by 03-20\n}\n")
          .find("a stage that recurs every quarter takes 'due within DURATION [after]'") !=
      std::string::npos);
  CHECK(
      diagnostics_of("event 巡河 : action\nstage 巡 of 活动 {\n obligated 商州区\n deliver 巡河\n "
                     "during month\n}\n")
          .find("'month' needs its number: month 12") != std::string::npos);
  CHECK(
      diagnostics_of("event 巡河 : action\nstage 巡 of 活动 {\n obligated 商州区\n deliver 巡河\n "
                     "every month\n at_least 1\n}\n") == "");
}

TEST_CASE(
    "rules judged every quarter: measures of the quarter, the quarter before across the year") {
  const World w = world(plan_text(R"(
metric 水质达标率 : percent per 县区
param 水质目标 : percent = 90%
event 通报 : notice
target 水质季度达标 {
  subject 商州区, 洛南县
  every quarter
  require 水质达标率 >= 水质目标
}
sanction 连续两季度不达标 {
  subject 商州区, 洛南县
  every quarter
  when 水质达标率 < 水质目标 and previous(水质达标率) < 水质目标
  notice by 市综治委
}
sanction 季度内被通报 {
  subject 商州区
  every quarter
  when count(通报) >= 1
  notice by 市综治委
}
)"),
                        {measures("year,metric,subject,value\n"
                                  "2019-Q3,水质达标率,商州区,95\n2019-Q4,水质达标率,商州区,85\n"
                                  "2020-Q1,水质达标率,商州区,80\n2020-Q2,水质达标率,商州区,91\n"
                                  "2020-Q1,水质达标率,洛南县,70\n"),
                         events("date,event,unit,by,id\n2020-05-06,通报,商州区,市综治委,1\n")});
  const Report report = report_of(w, {2020}, "2021-03-31");
  const auto in_quarter = [&](std::string_view rule, std::string_view subject,
                              std::string_view quarter) -> const Verdict& {
    for (const Verdict& v : report.verdicts)
      if (v.rule == rule && v.subject == subject && v.period.label() == quarter) return v;
    INFO(describe(report));
    FAIL("no verdict ", std::string(rule), " ", std::string(quarter));
    throw std::logic_error("unreachable");
  };
  CHECK(outcome(in_quarter("水质季度达标", "商州区", "2020-Q1")) == "not_met");
  CHECK(outcome(in_quarter("水质季度达标", "商州区", "2020-Q2")) == "met");
  const Verdict& missing = in_quarter("水质季度达标", "商州区", "2020-Q3");
  CHECK(outcome(missing) == "unknown");
  CHECK(has(missing.missing, "measure 水质达标率 of 商州区 for 2020-Q3"));
  // 2019-Q4 and 2020-Q1 both below 90%: across the year boundary.
  const Verdict& twice = in_quarter("连续两季度不达标", "商州区", "2020-Q1");
  CHECK(outcome(twice) == "applies");
  expect_explains(twice, "(in 2019-Q4) = 85%");
  CHECK(outcome(in_quarter("连续两季度不达标", "商州区", "2020-Q2")) == "does_not_apply");
  // 洛南县's 2019-Q4 is not known: unknown, not a guess.
  CHECK(outcome(in_quarter("连续两季度不达标", "洛南县", "2020-Q1")) == "unknown");
  CHECK(outcome(in_quarter("季度内被通报", "商州区", "2020-Q2")) == "applies");
  CHECK(outcome(in_quarter("季度内被通报", "商州区", "2020-Q1")) == "does_not_apply");
  check_all_ways_agree(w, 2020, "2021-03-31");
}

TEST_CASE("a metric given for the year is read in each quarter of that year (gap G4)") {
  // “目标见附表，按年度下达”: one target a year per county, read each quarter.
  const std::string statements = R"(
metric 水质达标率 : percent per 县区
metric 年度目标 : percent per 县区 for year
group 两县 = 商州区, 洛南县
target 不低于年度目标 {
  subject 商州区, 洛南县
  every quarter
  require 水质达标率 >= 年度目标
}
target 不低于平均目标 {
  subject 商州区
  every quarter
  require 水质达标率 >= average(年度目标, over: 两县)
}
)";
  const World w = world(plan_text(statements),
                        {measures("year,metric,subject,value\n"
                                  "2019,年度目标,商州区,80\n2020,年度目标,商州区,90\n"
                                  "2019-Q4,水质达标率,商州区,85\n2020-Q1,水质达标率,商州区,85\n"
                                  "2020-Q1,水质达标率,洛南县,85\n2020,年度目标,洛南县,70\n")});
  const Report report = report_of(w, {2019, 2020}, "2021-03-31");
  const auto in_period = [&](std::string_view rule, std::string_view subject,
                             std::string_view quarter) -> const Verdict& {
    for (const Verdict& v : report.verdicts)
      if (v.rule == rule && v.subject == subject && v.period.label() == quarter) return v;
    FAIL("no verdict ", std::string(rule), " ", std::string(quarter));
    throw std::logic_error("unreachable");
  };
  CHECK(outcome(in_period("不低于年度目标", "商州区", "2019-Q4")) == "met");
  const Verdict& raised = in_period("不低于年度目标", "商州区", "2020-Q1");
  CHECK(outcome(raised) == "not_met");  // 85% against 2020's 90%, not 2019's 80%
  expect_explains(raised, "年度目标 of 商州区 in 2020 = 90%");
  // 洛南县 has no target for 2019: unknown, naming the year's figure.
  const Verdict& none = in_period("不低于年度目标", "洛南县", "2019-Q1");
  CHECK(outcome(none) == "unknown");
  CHECK(has(none.missing, "measure 年度目标 of 洛南县 for 2019"));
  // A population's average of the yearly figure: (90 + 70) / 2 = 80 in 2020.
  CHECK(outcome(in_period("不低于平均目标", "商州区", "2020-Q1")) == "met");
  CHECK(outcome(in_period("不低于平均目标", "商州区", "2019-Q4")) == "unknown");
  check_all_ways_agree(w, 2020, "2021-03-31");

  // A value of the yearly metric given for a quarter is refused, with where.
  FactStore store(w.plan);
  const LoadReport quarter = store.load_csv_text(
      mandate::FactKind::measure, "year,metric,subject,value\n2019-Q1,年度目标,商州区,80\n",
      "measures.csv", LoadPolicy::all_or_nothing);
  CHECK(dump(quarter) ==
        "measures.csv:2:1: year: 2019-Q1 is a period of the year; '年度目标' is given for a year "
        "('for year' in the plan), and read in each of its periods: write 2019\n");

  // Only `for year`, and not on a computed metric.
  const auto diagnostics_of = [](std::string_view text) {
    const mandate::SourceFile source("yearly.plan", plan_text(text));
    std::string out;
    for (const auto& d : mandate::parse_and_check(source).diagnostics) out += d.message + "\n";
    return out;
  };
  CHECK(diagnostics_of("metric 甲 : percent per 县区 for quarter\n")
            .find("a metric is given 'for year'") != std::string::npos);
  CHECK(diagnostics_of("metric 甲 : percent per 县区\nmetric 乙 : percent per 县区 for year = 甲\n")
            .find("a computed metric follows the metrics it is computed from") !=
        std::string::npos);
  CHECK(diagnostics_of("metric 甲 : percent per 县区 for year\n") == "");
}

TEST_CASE("a yearly rule on the year's quarters: 四个季度平均达标率, 四个季度均达标 (gap G5)") {
  const std::string statements = R"(
metric 水质达标率 : percent per 县区
metric 劣V类断面数 : count per 县区
metric 年均达标率 : percent per 县区 = average(水质达标率, across: quarter)
event 通报 : notice
target 年均达标 {
  subject 商州区, 洛南县
  require average(水质达标率, across: quarter) >= 80%
}
target 四季均达标 {
  subject 商州区, 洛南县
  require all(水质达标率 >= 80%, across: quarter)
}
target 半年均无劣V类 {
  subject 商州区, 洛南县
  every half_year
  require max(劣V类断面数, across: quarter) == 0
}
sanction 三个季度被通报 {
  subject 商州区, 洛南县
  when count(count(通报) >= 1, across: quarter) >= 3
  notice by 市综治委
}
target 年均指标 {
  subject 商州区
  require 年均达标率 >= 85%
}
)";
  const World w =
      world(plan_text(statements),
            {measures("year,metric,subject,value\n"
                      "2019-Q1,水质达标率,商州区,70\n2019-Q2,水质达标率,商州区,90\n"
                      "2019-Q3,水质达标率,商州区,85\n2019-Q4,水质达标率,商州区,95\n"
                      "2019-Q1,水质达标率,洛南县,75\n2019-Q2,水质达标率,洛南县,90\n"
                      "2019-Q1,劣V类断面数,商州区,0\n2019-Q2,劣V类断面数,商州区,0\n"
                      "2019-Q3,劣V类断面数,商州区,1\n2019-Q4,劣V类断面数,商州区,0\n"),
             events("date,event,unit,by,id\n2019-02-01,通报,商州区,市综治委,1\n"
                    "2019-03-01,通报,商州区,市综治委,2\n2019-05-06,通报,商州区,市综治委,3\n"
                    "2019-12-06,通报,商州区,市综治委,4\n2019-01-06,通报,洛南县,市综治委,5\n")});
  const Report report = report_of(w, {2019}, "2020-03-31");
  const auto verdict = [&](VerdictKind kind, std::string_view rule, std::string_view subject,
                           std::string_view period = "2019") -> const Verdict& {
    for (const Verdict* v : select(report, kind, rule, subject))
      if (v->period.label() == period) return *v;
    INFO(describe(report));
    FAIL("no verdict ", std::string(rule), " ", std::string(subject), " ", std::string(period));
    throw std::logic_error("unreachable");
  };
  // (70 + 90 + 85 + 95) / 4 = 85%: the mean of the quarters, a percent.
  const Verdict& mean = verdict(VerdictKind::target, "年均达标", "商州区");
  CHECK(outcome(mean) == "met");
  expect_explains(mean, "average(水质达标率, across: quarter) in 2019 (2019-Q1..2019-Q4) = 85%");
  expect_explains(mean, "in 2019-Q1: 70%");
  CHECK(outcome(verdict(VerdictKind::target, "年均指标", "商州区")) == "met");
  // 洛南县 has two quarters of four: unknown, naming a missing quarter.
  const Verdict& partial = verdict(VerdictKind::target, "年均达标", "洛南县");
  CHECK(outcome(partial) == "unknown");
  CHECK(has(partial.missing, "measure 水质达标率 of 洛南县 for 2019-Q3"));
  // all(): one quarter below decides it, even with quarters unknown.
  CHECK(outcome(verdict(VerdictKind::target, "四季均达标", "商州区")) == "not_met");
  CHECK(outcome(verdict(VerdictKind::target, "四季均达标", "洛南县")) == "not_met");
  // The months of each half: H1 has none worse than class V, H2 one.
  CHECK(outcome(verdict(VerdictKind::target, "半年均无劣V类", "商州区", "2019-H1")) == "met");
  CHECK(outcome(verdict(VerdictKind::target, "半年均无劣V类", "商州区", "2019-H2")) == "not_met");
  // Notices in Q1, Q2 and Q4: three quarters; 洛南县 one.
  CHECK(outcome(verdict(VerdictKind::sanction, "三个季度被通报", "商州区")) == "applies");
  CHECK(outcome(verdict(VerdictKind::sanction, "三个季度被通报", "洛南县")) == "does_not_apply");
  check_all_ways_agree(w, 2019, "2020-03-31");

  const auto diagnostics_of = [](std::string_view text) {
    const mandate::SourceFile source("across.plan", plan_text(text));
    std::string out;
    for (const auto& d : mandate::parse_and_check(source).diagnostics) out += d.message + "\n";
    return out;
  };
  const std::string metric = "metric 率 : percent per 县区\n";
  CHECK(diagnostics_of(metric + "target 甲 {\n  subject 商州区\n  every quarter\n  require "
                                "average(率, across: month) >= 80%\n}\n") == "");
  CHECK(diagnostics_of(metric + "target 甲 {\n  subject 商州区\n  every quarter\n  require "
                                "average(率, across: week) >= 80%\n}\n") ==
        "this rule is judged every quarter, which is not made of weeks: 'across:' takes shorter "
        "periods within it (ISO weeks lie within a year only)\n");
  CHECK(diagnostics_of(metric + "target 甲 {\n  subject 商州区\n  every quarter\n  require "
                                "average(率, across: half_year) >= 80%\n}\n")
            .find("not made of half_years") != std::string::npos);
  CHECK(diagnostics_of(metric + "target 甲 {\n  subject 商州区\n  require average(率, across: "
                                "fortnight) >= 80%\n}\n") ==
        "'across:' is one of half_year, quarter, month, week\n");
  CHECK(diagnostics_of(metric + "target 甲 {\n  subject 商州区\n  require rank(率, across: "
                                "quarter) >= 1\n}\n")
            .find("'rank' takes no 'across:'") != std::string::npos);
  CHECK(diagnostics_of(metric + "target 甲 {\n  subject 商州区\n  require all(率, across: "
                                "quarter)\n}\n") ==
        "what 'all(…, across: …)' tests in each period must be a condition (bool), found a "
        "percentage\n");
}

TEST_CASE("deadlines counted from each event: 自下达之日起15日内整改完毕") {
  // Findings to 甲村: F1 on 03-01 (due 03-16), F2 on 03-05 (due 03-20),
  // F3 on 12-25 (due 2020-01-09); 乙村: one finding, never rectified.
  const World w = world(plan_text(R"(
kind 村 within 县区
body 甲村 : 村 within 商州区
body 乙村 : 村 within 商州区
event 隐患整改通知 : notice
event 整改完成 : report
stage 隐患整改 of 活动 {
  obligated 甲村, 乙村
  deliver 整改完成
  due within 15 days after 隐患整改通知
}
)"),
                        {events("date,event,unit,id\n"
                                "2019-03-01,隐患整改通知,甲村,F1\n"
                                "2019-03-05,隐患整改通知,甲村,F2\n"
                                "2019-12-25,隐患整改通知,甲村,F3\n"
                                "2019-04-10,隐患整改通知,乙村,F4\n"
                                "2019-03-10,整改完成,甲村,\n"      // F1, on time
                                "2019-03-25,整改完成,甲村,F2\n"    // F2 by id, 5 days late
                                "2020-01-08,整改完成,甲村,\n")});  // F3, on time
  const Report report = report_of(w, {2019}, "2020-03-31");
  const auto of = [&](std::string_view subject) {
    return select(report, VerdictKind::deadline, "隐患整改", subject);
  };
  REQUIRE(of("甲村").size() == 3);
  CHECK(outcome(*of("甲村")[0]) == "met");
  CHECK(of("甲村")[0]->detail == "after 隐患整改通知 of 2019-03-01 (F1), due 2019-03-16");
  CHECK(outcome(*of("甲村")[1]) == "late");
  CHECK(of("甲村")[1]->days == 5);
  CHECK(outcome(*of("甲村")[2]) == "met");
  REQUIRE(of("乙村").size() == 1);
  CHECK(outcome(*of("乙村")[0]) == "missed");
  expect_explains(*of("乙村")[0], "隐患整改通知 of 2019-04-10: due within the days after it");
  // The 2020 finding's rectification answers the 2019 finding, not 2020's.
  const Report next = report_of(w, {2020}, "2020-03-31");
  CHECK(select(next, VerdictKind::deadline, "隐患整改", "甲村").empty());
  check_all_ways_agree(w, 2019, "2020-03-31");
}

TEST_CASE("deadlines counted from each event: an id that names no event answers none") {
  // A new user's finding: a rectification naming F9, which no finding of 甲村
  // is, closed F1 (the nearest) as `met`.
  const World w = world(plan_text(R"(
kind 村 within 县区
body 甲村 : 村 within 商州区
event 隐患整改通知 : notice
event 整改完成 : report
stage 隐患整改 of 活动 {
  obligated 甲村
  deliver 整改完成
  due within 15 days after 隐患整改通知
}
)"),
                        {events("date,event,unit,id\n"
                                "2019-03-01,隐患整改通知,甲村,F1\n"
                                "2019-03-05,整改完成,甲村,F9\n")});
  const Report report = report_of(w, {2019}, "2019-12-31");
  const auto found = select(report, VerdictKind::deadline, "隐患整改", "甲村");
  REQUIRE(found.size() == 1);
  CHECK(outcome(*found[0]) == "missed");
  expect_explains(*found[0],
                  "整改完成 delivered on 2019-03-05 names F9, which is no 隐患整改通知 of 甲村: it "
                  "does not count");
  check_all_ways_agree(w, 2019, "2019-12-31");
}

TEST_CASE("deadlines counted from each event: misuse is reported") {
  const auto diagnostics_of = [](std::string_view stage) {
    const mandate::SourceFile source(
        "trigger.plan",
        plan_text(std::string("event 隐患整改通知 : notice\nevent 整改完成 : report\n") +
                  std::string(stage)));
    std::string out;
    for (const auto& d : mandate::parse_and_check(source).diagnostics) out += d.message + "\n";
    return out;
  };
  CHECK(diagnostics_of("stage 甲 of 活动 {\n  obligated 商州区\n  deliver 整改完成\n  "
                       "due by 03-01 after 隐患整改通知\n}\n")
            .find("'after EVENT' counts a deadline from each such event") != std::string::npos);
  CHECK(diagnostics_of("stage 甲 of 活动 {\n  obligated 商州区\n  deliver 整改完成\n  "
                       "every month\n  due within 15 days after 隐患整改通知\n}\n")
            .find("does not recur by period") != std::string::npos);
  CHECK(diagnostics_of("stage 甲 of 活动 {\n  obligated 商州区\n  deliver 整改完成\n  "
                       "due within 15 days after 整改\n}\n")
            .find("unknown event '整改'") != std::string::npos);
}

TEST_CASE(
    "a report on a period is made after it: one dated within a period answers the one before") {
  // 每月结束后5日内报送上月检查情况: 02-05 is January's, on time; 03-07 is
  // February's, 2 days late (not March's, on time); March has none; 05-03 is April's.
  const World w = world(plan_text(R"(
event 月度报告 : report
stage 月报 of 活动 {
  obligated 商州区
  deliver 月度报告 to 市综治办
  every month
  due within 5 days after
}
stage 报送年度总结 of 活动 {
  obligated 商州区, 洛南县
  deliver 年度总结 to 市综治办
  every year
  due by 01-10 after
}
event 年度总结 : report
)"),
                        {events("date,event,unit,to\n"
                                "2019-02-05,月度报告,商州区,市综治办\n"
                                "2019-03-07,月度报告,商州区,市综治办\n"
                                "2019-05-03,月度报告,商州区,市综治办\n"
                                "2020-01-13,年度总结,商州区,市综治办\n"
                                "2019-12-30,年度总结,洛南县,市综治办\n")});
  const Report report = report_of(w, {2019}, "2019-05-31");
  CHECK(outcome(in_period(report, "月报", "商州区", "2019-01")) == "met");
  const Verdict& february = in_period(report, "月报", "商州区", "2019-02");
  CHECK(outcome(february) == "late");
  CHECK(february.days == 2);
  CHECK(outcome(in_period(report, "月报", "商州区", "2019-03")) == "missed");
  CHECK(outcome(in_period(report, "月报", "商州区", "2019-04")) == "met");
  const Report summary = report_of(w, {2019}, "2020-03-31");
  const auto yearly = select(summary, VerdictKind::deadline, "报送年度总结", "商州区");
  REQUIRE(yearly.size() == 1);
  CHECK(outcome(*yearly[0]) == "late");
  CHECK(yearly[0]->days == 3);
  // 洛南县's summary of 2019-12-30: 11 days before 2019's deadline, 354 days
  // after 2018's: 2019's, ahead of time.
  const auto early = select(summary, VerdictKind::deadline, "报送年度总结", "洛南县");
  REQUIRE(early.size() == 1);
  CHECK(outcome(*early[0]) == "met");
}

TEST_CASE(
    "deadlines counted from each event: a delivery naming another stage's event answers that one") {
  // One kind of rectification for two kinds of finding: the one naming the
  // 重大 notice Z1 does not answer the 一般 notice Y1.
  const World w = world(plan_text(R"(
event 一般隐患通知 : notice
event 重大隐患通知 : notice
event 整改完成 : report
stage 一般隐患整改 of 活动 {
  obligated 商州区
  deliver 整改完成
  due within 15 days after 一般隐患通知
}
stage 重大隐患整改 of 活动 {
  obligated 商州区
  deliver 整改完成
  due within 30 days after 重大隐患通知
}
)"),
                        {events("date,event,unit,id\n"
                                "2019-03-01,一般隐患通知,商州区,Y1\n"
                                "2019-03-01,重大隐患通知,商州区,Z1\n"
                                "2019-03-10,整改完成,商州区,Z1\n")});
  const Report report = report_of(w, {2019}, "2019-12-31");
  CHECK(outcome(verdict(report, VerdictKind::deadline, "重大隐患整改", "商州区", 2019)) == "met");
  CHECK(outcome(verdict(report, VerdictKind::deadline, "一般隐患整改", "商州区", 2019)) ==
        "missed");
}
