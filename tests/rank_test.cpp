// Issue 14: a rank's tie-break (`rank(m, among: G, then: KEY)`), over a
// population relative to the subject and a computed metric, as the peer
// benchmark ranks (benchmarks/peers/peers.plan).
#include <doctest/doctest.h>

#include "evaluate_support.hpp"

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/source.hpp>

#include <string>

using namespace evaluate_support;

namespace {

constexpr std::string_view ranked = R"(
kind 单位 within 县区
metric 甲 : number per 单位
metric 乙 : number per 单位
metric 编号 : number per 单位
metric 总分 : number per 单位 = 甲 + 乙
sanction 末二位 {
  subject all 单位 within 商洛市
  when rank(总分, among: all 单位 within parent(self), order: ascending, then: 编号) <= 2
  disqualify
}
sanction 前二位 {
  subject all 单位 within 商洛市
  when rank(总分, among: all 单位 within parent(self), then: 编号) <= 2
  disqualify
}
)";

std::string rank_explained(const Verdict& verdict) { return flatten(verdict.explanation); }

}  // namespace

TEST_CASE("rank: then: breaks ties by a second metric, in the same order") {
  // 商州区: 总分 u1 = 10, u2 = 10, u3 = 10, u4 = 30. 洛南县: v1 = 5, v2 = 5.
  const World w =
      world(plan_text(ranked),
            {units("name,unit_kind,parent\nu1,单位,商州区\nu2,单位,商州区\nu3,单位,商州区\n"
                   "u4,单位,商州区\nv1,单位,洛南县\nv2,单位,洛南县\n"),
             measures("year,metric,subject,value\n"
                      "2018,甲,u1,4\n2018,乙,u1,6\n2018,编号,u1,3\n"
                      "2018,甲,u2,5\n2018,乙,u2,5\n2018,编号,u2,1\n"
                      "2018,甲,u3,10\n2018,乙,u3,0\n2018,编号,u3,2\n"
                      "2018,甲,u4,20\n2018,乙,u4,10\n2018,编号,u4,4\n"
                      "2018,甲,v1,5\n2018,乙,v1,0\n2018,编号,v1,9\n"
                      "2018,甲,v2,5\n2018,乙,v2,0\n2018,编号,v2,8\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  const auto applies = [&](std::string_view rule, std::string_view unit) {
    return outcome(verdict(report, VerdictKind::sanction, rule, unit, 2018));
  };
  // Ascending: u2 (编号 1), u3 (2), u1 (3), u4: the bottom two are u2 and u3,
  // not every unit tied at 10 (min ties would give all three rank 1).
  CHECK(applies("末二位", "u2") == "applies");
  CHECK(applies("末二位", "u3") == "applies");
  CHECK(applies("末二位", "u1") == "does_not_apply");
  CHECK(applies("末二位", "u4") == "does_not_apply");
  // Descending, the key descending too: u4, then u1 (编号 3) before u3 and u2.
  CHECK(applies("前二位", "u4") == "applies");
  CHECK(applies("前二位", "u1") == "applies");
  CHECK(applies("前二位", "u3") == "does_not_apply");
  // Each unit against its own county only: both of 洛南县's are in its bottom two.
  CHECK(applies("末二位", "v1") == "applies");
  CHECK(applies("末二位", "v2") == "applies");
  expect_explains(verdict(report, VerdictKind::sanction, "末二位", "u3", 2018),
                  "rank of u3 by 总分 then 编号 among ");
  CHECK(rank_explained(verdict(report, VerdictKind::sanction, "末二位", "u3", 2018))
            .find("= 2 of 4 (ascending)") != std::string::npos);
  check_all_ways_agree(w, 2018, "2019-03-31");
}

TEST_CASE("rank: a member without its tie-break key makes the rank unknown, naming it") {
  const World w =
      world(plan_text(ranked), {units("name,unit_kind,parent\nu1,单位,商州区\nu2,单位,商州区\n"),
                                measures("year,metric,subject,value\n"
                                         "2018,甲,u1,1\n2018,乙,u1,1\n2018,编号,u1,1\n"
                                         "2018,甲,u2,1\n2018,乙,u2,1\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  const Verdict& first = verdict(report, VerdictKind::sanction, "末二位", "u1", 2018);
  CHECK(outcome(first) == "unknown");
  CHECK(has(first.missing, "measure 编号 of u2 for 2018"));
}

TEST_CASE("rank: only the members tied with the subject need the tie-break key") {
  // Found by a new-user trial: u1, alone at the bottom, was unknown for want
  // of u3's key, which only orders u2 and u3.
  const World w =
      world(plan_text(ranked), {units("name,unit_kind,parent\nu1,单位,商州区\nu2,单位,商州区\n"
                                      "u3,单位,商州区\nu4,单位,商州区\n"),
                                measures("year,metric,subject,value\n"
                                         "2018,甲,u1,1\n2018,乙,u1,0\n"
                                         "2018,甲,u2,2\n2018,乙,u2,0\n2018,编号,u2,1\n"
                                         "2018,甲,u3,2\n2018,乙,u3,0\n"
                                         "2018,甲,u4,9\n2018,乙,u4,0\n2018,编号,u4,4\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  const Verdict& alone = verdict(report, VerdictKind::sanction, "末二位", "u1", 2018);
  CHECK(outcome(alone) == "applies");  // rank 1 of 4, ascending, whatever the keys
  CHECK(alone.missing.empty());
  CHECK(rank_explained(alone).find("= 1 of 4 (ascending)") != std::string::npos);
  CHECK(outcome(verdict(report, VerdictKind::sanction, "末二位", "u4", 2018)) == "does_not_apply");
  // u2 and u3 are tied at 2: their order needs u3's key.
  for (const std::string_view tied : {"u2", "u3"}) {
    const Verdict& v = verdict(report, VerdictKind::sanction, "末二位", tied, 2018);
    CHECK(outcome(v) == "unknown");
    CHECK(has(v.missing, "measure 编号 of u3 for 2018"));
  }
  check_all_ways_agree(w, 2018, "2019-03-31");
}

TEST_CASE("check: then: takes a metric, and excludes ties:") {
  const auto messages = [](std::string_view rule) {
    const mandate::SourceFile source("rank.plan", plan_text(std::string(R"(
metric 得分 : number per 县区
metric 编号 : number per 县区
group 两县 = 商州区, 洛南县
)") + std::string(rule)));
    const mandate::CheckResult checked = mandate::parse_and_check(source);
    std::string all;
    for (const mandate::Diagnostic& diagnostic : checked.diagnostics)
      all += diagnostic.message + "\n";
    return all;
  };
  CHECK(
      messages("goal 甲 {\n  subject 两县\n  require rank(得分, among: 两县, then: 编号) == 1\n}\n")
          .empty());
  CHECK(messages("goal 甲 {\n  subject 两县\n  require rank(得分, among: 两县, then: 编号, ties: "
                 "max) == 1\n}\n")
            .find("'ties:' and 'then:' exclude each other") != std::string::npos);
  CHECK(messages("goal 甲 {\n  subject 两县\n  require rank(得分, among: 两县, then: 3) == 1\n}\n")
            .find("expected a metric") != std::string::npos);
  CHECK(messages("goal 甲 {\n  subject 两县\n  require average(得分, over: 两县, then: 编号) > "
                 "1\n}\n")
            .find("'average' takes no argument 'then'") != std::string::npos);
}

TEST_CASE("populations within the subject are no constant: each subject has its own") {
  // `all 单位 within self` and `… within parent(self)` read the subject: an
  // aggregate over them is worked out per subject, never once for all.
  const World w = world(plan_text(R"(
kind 单位 within 县区
metric 甲 : number per 单位
target 均值达标 {
  subject 商州区, 洛南县
  require average(甲, over: all 单位 within self) >= 5
}
)"),
                        {units("name,unit_kind,parent\nu1,单位,商州区\nu2,单位,商州区\n"
                               "v1,单位,洛南县\n"),
                         measures("year,metric,subject,value\n"
                                  "2018,甲,u1,4\n2018,甲,u2,8\n2018,甲,v1,2\n")});
  const Report report = report_of(w, {2018}, "2019-03-31");
  CHECK(outcome(verdict(report, VerdictKind::target, "均值达标", "商州区", 2018)) == "met");
  CHECK(outcome(verdict(report, VerdictKind::target, "均值达标", "洛南县", 2018)) == "not_met");
  check_all_ways_agree(w, 2018, "2019-03-31");
}
