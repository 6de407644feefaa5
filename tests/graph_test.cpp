// The responsibility graph (include/mandate/graph.hpp, docs/graph.md) on the
// Shangluo plan and on small plans: roles, agendas, escalations, paths, idle
// bodies, lead ranking, unbound obligations (M0021), DOT and matrix exports.
#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/facts.hpp>
#include <mandate/graph.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using mandate::EdgeKind;
using mandate::ResponsibilityGraph;
using mandate::RoleEntry;
using mandate::UnitRecord;

namespace {

using Strings = std::vector<std::string>;

std::shared_ptr<const mandate::Plan> shangluo_plan() {
  static const std::shared_ptr<const mandate::Plan> plan = [] {
    const std::string path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const mandate::SourceFile source(path, buffer.str());
    mandate::CheckResult result = mandate::parse_and_check(source);
    REQUIRE(result.plan);
    return result.plan;
  }();
  return plan;
}

const ResponsibilityGraph& shangluo() {
  static const ResponsibilityGraph graph = ResponsibilityGraph::build(*shangluo_plan());
  return graph;
}

mandate::CheckResult check_text(const std::string& text) {
  const mandate::SourceFile source("test.plan", text);
  return mandate::parse_and_check(source);
}

ResponsibilityGraph graph_of(const std::string& text, const std::vector<UnitRecord>& units = {}) {
  const mandate::CheckResult result = check_text(text);
  REQUIRE(result.plan);
  return ResponsibilityGraph::build(*result.plan, units);
}

std::vector<mandate::Diagnostic> errors_of(const std::string& text, mandate::Code code) {
  std::vector<mandate::Diagnostic> found;
  for (const auto& d : check_text(text).diagnostics)
    if (d.code == code) found.push_back(d);
  return found;
}

/// Targets of a body's edges of one kind, directly named (`via` empty) or
/// through the given group.
Strings targets(const std::vector<RoleEntry>& entries, EdgeKind kind, const std::string& via = "") {
  Strings out;
  for (const RoleEntry& e : entries)
    if (e.role == kind && e.via == via) out.push_back(e.target);
  return out;
}

std::string clause_text(const mandate::Citations& citations) {
  std::string out;
  for (const auto& c : citations)
    out += (out.empty() ? "" : " ") + c.id + (c.section.empty() ? "" : " " + c.section);
  return out;
}

/// "level from → to via [clause]" for each step.
Strings steps_text(const mandate::Escalation& escalation) {
  Strings out;
  for (const auto& s : escalation.steps)
    out.push_back(std::to_string(s.level) + " " + s.from + " → " + s.to + " " +
                  std::string(mandate::edge_kind_name(s.via)) + " [" + clause_text(s.clause) + "]");
  return out;
}

const Strings shangluo_counties = {"商州区", "洛南县", "丹凤县", "商南县",
                                   "山阳县", "镇安县", "柞水县", "商洛高新区（商丹园区）"};

/// The small plan used by several cases: a city, counties, towns left to the
/// facts, two departments.
const std::string small_plan =
    R"(plan "示例" { issued_by 市政府办公室 issued 2018-02-27 effective 2018..2020 }
kind 市
kind 县区 within 市
kind 镇办 within 县区
kind 部门 within 市
kind 办公室 within 市
body 某市 : 市
body 市政府 : 部门 within 某市
body 市政府办公室 : 办公室 within 某市 reports_to 市政府
body 甲县 : 县区 within 某市
body 乙县 : 县区 within 某市
body 市综治办 : 办公室 within 某市 reports_to 市政府 [G1]
group 全市县区 = all 县区 within 某市
group 全市镇办 = all 镇办 within 某市
programme 平安镇办 : campaign [G1] {
  lead 全市县区
  decides_sanctions 市政府
}
stage 镇办备案 of 平安镇办 [G2] {
  obligated 全市镇办
  deliver 方案 to 市综治办
  due by 03-20
}
event 方案 : document
)";

}  // namespace

// ---------------------------------------------------------------------------
// Who leads, who helps

TEST_CASE("graph: the Shangluo plan builds into bodies, programmes, stages and rules") {
  const mandate::Plan& plan = *shangluo_plan();
  const ResponsibilityGraph& graph = shangluo();
  CHECK(graph.body_count() == plan.bodies.size());
  CHECK(graph.vertex_count() ==
        plan.bodies.size() + plan.programmes.size() + plan.stages.size() + plan.rules.size());
  CHECK(graph.edge_count() > 1000);
  CHECK(graph.find("平安医院") == mandate::NodeSort::programme);
  CHECK(graph.find("县区方案备案") == mandate::NodeSort::stage);
  CHECK(graph.find("县区两率一度落后") == mandate::NodeSort::rule);
  CHECK(graph.find("商丹园区") == mandate::NodeSort::body);
  CHECK(graph.canonical("商丹园区") == "商洛高新区（商丹园区）");
  CHECK_FALSE(graph.find("商州"));
}

TEST_CASE("graph: the cooperating bodies of 平安医院 are exactly the five the plan lists") {
  const ResponsibilityGraph& graph = shangluo();
  CHECK(graph.holders("平安医院", EdgeKind::cooperate) ==
        Strings{"市公安局", "市物价局", "市药监局", "市信访局", "商洛消防支队"});
  CHECK(graph.holders("平安医院", EdgeKind::lead) == Strings{"市卫计局"});
  CHECK(graph.holders("平安医院", EdgeKind::responsible).empty());
  const auto entries = graph.roles_in("平安医院");
  REQUIRE(entries.size() == 6);
  CHECK(entries[0].role == EdgeKind::lead);
  for (const RoleEntry& e : entries) {
    CHECK(clause_text(e.clause) == "D1 三(二)2");
    CHECK(e.via.empty());
    CHECK(e.target == "平安医院");
  }
  CHECK(entries[1].statement == "programme 平安医院: cooperate");
}

TEST_CASE("graph: 市公安局 leads, cooperates and is jointly responsible") {
  const ResponsibilityGraph& graph = shangluo();
  const auto roles = graph.roles_of("市公安局");
  CHECK(targets(roles, EdgeKind::lead) == Strings{"平安景区", "严打整治·共建平安"});
  CHECK(targets(roles, EdgeKind::lead, "主责部门") == Strings{"平安建设“八大领域”"});
  CHECK(targets(roles, EdgeKind::cooperate) == Strings{"平安校园", "平安医院", "食品药品", "金融"});
  CHECK(targets(roles, EdgeKind::cooperate, "市级单位") ==
        Strings{"万名红袖章·聚力保平安", "金秋进万家·入户送平安"});
  CHECK(targets(roles, EdgeKind::responsible) == Strings{"深化平安创建·助力脱贫攻坚"});
  CHECK(graph.holders("深化平安创建·助力脱贫攻坚", EdgeKind::responsible) ==
        Strings{"市综治办", "市中级人民法院", "市人民检察院", "市公安局", "市司法局", "市信访局"});
  // `obligated leads`: 市公安局 answers for its own domain only.
  Strings led;
  for (const RoleEntry& e : roles)
    if (e.role == EdgeKind::obligated && !e.for_programme.empty())
      led.push_back(e.target + "/" + e.for_programme);
  CHECK(led == Strings{"领域方案报备/平安景区", "领域全面创建/平安景区", "领域评定推荐/平安景区"});
  // Every edge carries the citation of the statement that creates it.
  for (const RoleEntry& e : roles)
    if (e.role != EdgeKind::part_of) CHECK_FALSE(e.clause.empty());
}

TEST_CASE("graph: groups in roles mean each member") {
  const ResponsibilityGraph& graph = shangluo();
  CHECK(graph.holders("平安县（区）", EdgeKind::lead) == shangluo_counties);
  CHECK(graph.holders("平安县（区）", EdgeKind::cooperate) == Strings{"市妇联", "团市委"});
  // 其他市级单位 = 市级单位 except 主责部门: no lead department files D2, every other city
  // unit does (单位 is not 部门, issue 13).
  Strings filers;
  for (const RoleEntry& e : graph.roles_in("部门方案报备"))
    if (e.role == EdgeKind::obligated) filers.push_back(e.body);
  // 37 departments, 3 people's organisations, 4 stationed units, 2 city-owned units; 8 lead.
  CHECK(filers.size() == 38);
  CHECK(std::find(filers.begin(), filers.end(), "市公安局") == filers.end());
  CHECK(std::find(filers.begin(), filers.end(), "市人行") == filers.end());
  CHECK(std::find(filers.begin(), filers.end(), "市交警支队") != filers.end());
  CHECK(std::find(filers.begin(), filers.end(), "市妇联") != filers.end());
  for (const RoleEntry& e : graph.roles_in("部门方案报备"))
    if (e.role == EdgeKind::obligated) CHECK(e.via == "其他市级单位");
  // `refer to 追责决定机关` (a parameter of type body) names 市委.
  Strings referred;
  for (const RoleEntry& e : graph.roles_in("县区两率一度落后"))
    if (e.role == EdgeKind::refer_to) referred.push_back(e.body + " " + clause_text(e.clause));
  CHECK(referred == Strings{"市委 SX 四(四)"});
  CHECK(graph.holders("县区方案备案", EdgeKind::lead) ==
        shangluo_counties);  // from the nine brands
}

TEST_CASE("graph: a stage lists who is obligated, who receives, who oversees") {
  const ResponsibilityGraph& graph = shangluo();
  const auto entries = graph.roles_in("领域方案审定");
  Strings summary;
  for (const RoleEntry& e : entries)
    summary.push_back(std::string(mandate::edge_kind_name(e.role)) + " " + e.body);
  CHECK(summary == Strings{"sets_standard 市教育局", "sets_standard 市卫计局",
                           "sets_standard 市公安局", "sets_standard 市交通局",
                           "sets_standard 市药监局", "sets_standard 市工信局",
                           "sets_standard 市发改委", "sets_standard 市人行", "approves 市综治办",
                           "obligated 市综治办", "receives 市教育局", "receives 市卫计局",
                           "receives 市公安局", "receives 市交通局", "receives 市药监局",
                           "receives 市工信局", "receives 市发改委", "receives 市人行"});
}

// ---------------------------------------------------------------------------
// Agenda

TEST_CASE("graph: the agenda of 商州区 for 2018, in date order") {
  const auto agenda = shangluo().agenda("商州区", 2018);
  Strings lines;
  for (const auto& item : agenda)
    lines.push_back(item.when + " " + std::string(mandate::edge_kind_name(item.role)) + " " +
                    item.stage + " [" + clause_text(item.clause) + "]");
  CHECK(lines == Strings{
                     "due by 2018-03-20 obligated 县区方案备案 [B3a 三(一)3]",
                     "during 2018-04-01..2018-10-31 obligated 县区全面创建 [B3b 三(一)3]",
                     "due by 2018-06-30 (2018-H1) obligated 半年工作汇报 [O3 四(四)]",
                     "due by 2018-11-30 obligated 县区评定推荐 [B3c 三(一)3]",
                     "due by 2018-12-31 (2018-H2) obligated 半年工作汇报 [O3 四(四)]",
                     "no date obligated 建立工作机构 [O1 四(一)]",
                     "no date receives 创建任务分解 [O2 四(二)]",
                 });
  REQUIRE(agenda.size() == 7);
  CHECK(agenda[0].first == mandate::Date{2018, 3, 20});
  CHECK(agenda[1].last == mandate::Date{2018, 10, 31});
  CHECK(agenda[0].programme == "九大品牌");
  CHECK_FALSE(agenda[5].first);
  CHECK(shangluo().agenda("商州区", 2017).empty());  // outside the plan's period
  CHECK(shangluo().agenda("商州区", 2020).size() == 7);
}

TEST_CASE("graph: the agenda of a lead department names its own domain; windows and durations") {
  const auto agenda = shangluo().agenda("市公安局", 2019);
  REQUIRE(agenda.size() >= 3);
  CHECK(agenda[0].when == "due by 2019-03-31");
  CHECK(agenda[0].stage == "领域方案报备");
  CHECK(agenda[0].programme == "平安景区");
  const auto office = shangluo().agenda("市综治办", 2019);
  const auto autumn = std::find_if(office.begin(), office.end(),
                                   [](const auto& i) { return i.stage == "金秋入户"; });
  REQUIRE(autumn != office.end());
  CHECK(autumn->when == "starts within 2019-09-11..2019-09-30, lasts 20 days");
  CHECK(autumn->role == EdgeKind::obligated);
  const auto inspection = std::find_if(office.begin(), office.end(),
                                       [](const auto& i) { return i.stage == "县区全面创建"; });
  REQUIRE(inspection != office.end());
  CHECK(inspection->role == EdgeKind::inspects);
}

TEST_CASE("graph: agenda dates follow the parameter's version for the year") {
  const auto graph = graph_of(R"(plan "示例" { issued 2018-02-27 effective 2018..2020 }
kind 部门
body 市卫计局 : 部门
param 截止日 : annual_date = 03-20 { value 04-10 in 2019..2020 }
programme 平安医院 : domain { lead 市卫计局 }
stage 备案 of 平安医院 {
  obligated 市卫计局
  due by 截止日, 2019-12-01, end of month 2
}
)");
  const auto first = graph.agenda("市卫计局", 2018);
  REQUIRE(first.size() == 2);
  CHECK(first[0].when == "due by 2018-02-28");
  CHECK(first[1].when == "due by 2018-03-20");
  const auto second = graph.agenda("市卫计局", 2019);
  REQUIRE(second.size() == 3);
  CHECK(second[1].when == "due by 2019-04-10");
  CHECK(second[2].when == "due by 2019-12-01");
}

// ---------------------------------------------------------------------------
// Who answers

TEST_CASE("graph: the escalation of a county that missed the 03-20 filing") {
  const auto escalation = shangluo().escalate("县区方案备案", "商州区");
  CHECK(escalation.obligated == "商州区");
  CHECK(escalation.obligated_via == "商洛县区");
  CHECK(escalation.answerable == "商州区");
  CHECK(steps_text(escalation) ==
        Strings{
            "1 商州区 → 市综治办 files_with [B3a 三(一)3]",
            // The instruments of 四(四): the campaign's supervisors and 市综治委 (issue 13).
            "1 商州区 → 市委督查室 supervises [O3 四(四)]",
            "1 商州区 → 市政府督查室 supervises [O3 四(四)]",
            "1 商州区 → 市委组织部 supervises [O3 四(四)]",
            "1 商州区 → 市人社局 supervises [O3 四(四)]",
            "1 商州区 → 市综治办 supervises [O3 四(四)]",
            "1 商州区 → 市综治委 hears_reports [O3 四(四) S5 四(四)]",
            "2 市综治办 → 市综治委 reports_to [O1 四(一) D3e 三(二)3]",
            "2 市综治办 → 市创建“平安商洛”领导小组 reports_to [O1 四(一) D3e 三(二)3]",
            // Lines the plan does not state carry no citation (inferred, issue 13).
            "3 市综治委 → 市委、市政府 reports_to []",
            "3 市创建“平安商洛”领导小组 → 市委、市政府 reports_to []",
            "4 市委、市政府 → 市委 decides_sanctions [O3 四(四)]",
        });
  CHECK(escalation.steps[0].statement == "stage 县区方案备案: deliver … to 市综治办");
  CHECK(escalation.steps[0].instruments.empty());
  // 督查室: 通报、约谈、督办, which no sanction counts; 市综治委: 通报、约谈, which S5 counts.
  CHECK(escalation.steps[1].instruments == Strings{"通报", "约谈", "督办"});
  CHECK(escalation.steps[1].feeds.empty());
  CHECK(escalation.steps[6].instruments == Strings{"通报", "约谈"});
  CHECK(escalation.steps[6].feeds == Strings{"县区两次通报约谈"});
  CHECK(escalation.deciders == Strings{"市委"});
  // A city unit's chain: the same instruments, S5 for units.
  const auto unit = shangluo().escalate("部门年度总结", "市住建局");
  const auto committee = std::find_if(unit.steps.begin(), unit.steps.end(), [](const auto& s) {
    return s.to == "市综治委" && s.via == EdgeKind::hears_reports;
  });
  REQUIRE(committee != unit.steps.end());
  CHECK(committee->feeds == Strings{"单位两次通报约谈"});
  // An alias names the same county.
  CHECK(steps_text(shangluo().escalate("县区方案备案", "商丹园区")).size() == 12);
}

TEST_CASE("graph: a town escalates through its county (units from the facts)") {
  const std::vector<UnitRecord> units = {{"北宽坪镇", "镇办", "商州区", {}, ""},
                                         {"大荆镇", "镇办", "商州区", {"大荆"}, ""}};
  const auto graph = ResponsibilityGraph::build(*shangluo_plan(), units);
  const auto escalation = graph.escalate("县区方案备案", "大荆");
  CHECK(escalation.body == "大荆镇");
  CHECK(escalation.obligated == "商州区");
  CHECK(escalation.answerable == "商州区");
  const Strings steps = steps_text(escalation);
  REQUIRE(steps.size() == 13);
  CHECK(steps[0] == "1 大荆镇 → 商州区 part_of []");
  CHECK(escalation.steps[0].statement == "facts: unit 大荆镇 within 商州区");
  // A unit's reporting line from the facts says reports_to, not within (a new
  // user's finding: "facts: unit 一中 within 县教育局", its superior).
  const std::vector<UnitRecord> reporting = {{"大荆镇", "镇办", "商州区", {}, "市综治办"}};
  const auto roles = ResponsibilityGraph::build(*shangluo_plan(), reporting).roles_of("大荆镇");
  const auto line = std::find_if(roles.begin(), roles.end(),
                                 [](const RoleEntry& e) { return e.role == EdgeKind::reports_to; });
  REQUIRE(line != roles.end());
  CHECK(line->statement == "facts: unit 大荆镇 reports_to 市综治办");
  const auto parent = std::find_if(roles.begin(), roles.end(),
                                   [](const RoleEntry& e) { return e.role == EdgeKind::part_of; });
  REQUIRE(parent != roles.end());
  CHECK(parent->statement == "facts: unit 大荆镇 within 商州区");
  CHECK(steps[1] == "2 商州区 → 市综治办 files_with [B3a 三(一)3]");
  CHECK(steps[2] == "2 商州区 → 市委督查室 supervises [O3 四(四)]");
  CHECK(steps[12] == "5 市委、市政府 → 市委 decides_sanctions [O3 四(四)]");
  // Open groups take the units: the towns are subjects of S2.
  Strings towns;
  for (const RoleEntry& e : graph.roles_in("镇办两率一度落后"))
    if (e.role == EdgeKind::subject) towns.push_back(e.body);
  CHECK(towns == Strings{"北宽坪镇", "大荆镇"});
  CHECK(graph.body_count() == shangluo().body_count() + 2);
}

TEST_CASE("graph: instruments (`using`) on the chain, and the sanctions they feed") {
  const auto graph = graph_of(R"(plan "示例" { issued 2018-02-27 effective 2018..2020 }
kind 市
kind 县区 within 市
kind 部门 within 市
body 甲市 : 市
body 甲县 : 县区 within 甲市
body 乙县 : 县区 within 甲市
body 督查室 : 部门 within 甲市
body 委员会 : 部门 within 甲市
body 办公室 : 部门 within 甲市 reports_to 委员会
body 市委 : 部门 within 甲市
group 各县 = 甲县, 乙县
event 通报 : notice
event 约谈 : summons
event 督办 : notice
event 方案 : document
programme 活动 : campaign {
  supervises 督查室 using 通报, 约谈, 督办 [X1]
  hears_reports 委员会 using 通报, 约谈 [X2]
  decides_sanctions 市委
}
stage 报送 of 活动 {
  obligated 各县
  deliver 方案 to 办公室
  due by 03-31
  hears_reports 委员会 [X3]
}
sanction 两次 {
  subject 甲县
  when count(通报, 约谈, by: 委员会) >= 2
  disqualify
}
sanction 督查 {
  subject 甲县
  when count(通报, by: 市委) >= 1
  disqualify
}
)");
  const auto escalation = graph.escalate("报送", "甲县");
  CHECK(steps_text(escalation) == Strings{
                                      "1 甲县 → 委员会 hears_reports [X3 X2]",
                                      "1 甲县 → 办公室 files_with []",
                                      "1 甲县 → 督查室 supervises [X1]",
                                      // 委员会 is on level 1 already; 督查室 is not climbed.
                                      "2 委员会 → 市委 decides_sanctions []",
                                  });
  // The stage's own hears_reports gets the campaign's instruments; only 委员会's
  // notices and summons feed 两次 (督查 counts 市委's).
  CHECK(escalation.steps[0].instruments == Strings{"通报", "约谈"});
  CHECK(escalation.steps[0].feeds == Strings{"两次"});
  CHECK(escalation.steps[1].instruments.empty());
  CHECK(escalation.steps[2].instruments == Strings{"通报", "约谈", "督办"});
  CHECK(escalation.steps[2].feeds.empty());
  // 乙县 is no subject of 两次: the instruments, no sanction.
  const auto other = graph.escalate("报送", "乙县");
  CHECK(other.steps[0].instruments == Strings{"通报", "约谈"});
  CHECK(other.steps[0].feeds.empty());
}

TEST_CASE("graph: an obligated town answers through its county up to the plan's level") {
  const std::vector<UnitRecord> units = {{"一镇", "镇办", "甲县", {}, ""},
                                         {"二镇", "镇办", "乙县", {}, ""}};
  const auto graph = graph_of(small_plan, units);
  CHECK(graph.unbound_obligations().empty());
  const auto escalation = graph.escalate("镇办备案", "一镇");
  CHECK(escalation.obligated == "一镇");
  CHECK(escalation.obligated_via == "全市镇办");
  CHECK(escalation.answerable == "甲县");
  CHECK(steps_text(escalation) == Strings{
                                      "1 一镇 → 甲县 part_of []",
                                      "2 甲县 → 市综治办 files_with [G2]",
                                      "3 市综治办 → 市政府 reports_to [G1]",
                                  });
  CHECK(escalation.deciders == Strings{"市政府"});  // already on the chain: no extra step
  // Without units, the open group binds nobody (yet).
  const auto bare = graph_of(small_plan);
  REQUIRE(bare.unbound_obligations().size() == 1);
  CHECK(bare.unbound_obligations()[0].stage == "镇办备案");
  CHECK(bare.unbound_obligations()[0].names == "全市镇办");
}

TEST_CASE(
    "graph: obligated leads escalate for their own domain; a non-obligated body is an error") {
  const auto escalation = shangluo().escalate("领域方案报备", "市卫计局");
  CHECK(escalation.for_programmes == Strings{"平安医院"});
  REQUIRE_FALSE(escalation.steps.empty());
  CHECK(steps_text(escalation)[0] == "1 市卫计局 → 市综治办 files_with [D3a 三(二)3]");
  CHECK_THROWS_AS((void)shangluo().escalate("领域方案报备", "市物价局"), mandate::GraphLookupError);
  try {
    (void)shangluo().escalate("县区方案备案", "商州");
    FAIL("expected a lookup error");
  } catch (const mandate::GraphLookupError& error) {
    CHECK(std::string(error.what()) == "no body named '商州'; did you mean '商州区'?");
  }
  CHECK_THROWS_AS((void)shangluo().escalate("平安医院", "市卫计局"),
                  mandate::GraphLookupError);  // not a stage
}

TEST_CASE("graph: a stage without overseers of its own falls back to its campaign's machinery") {
  // 领域方案审定: 市综治办 approves its own work and delivers downwards, to the
  // lead departments (no standing): the top-level campaign's overseers apply.
  const auto escalation = shangluo().escalate("领域方案审定", "市综治办");
  Strings first;
  for (const auto& step : escalation.steps)
    if (step.level == 1)
      first.push_back(step.to + " " + std::string(mandate::edge_kind_name(step.via)));
  CHECK(first == Strings{"市创建“平安商洛”领导小组 supervises", "市人大常委会 inspects",
                         "市政协 inspects", "市委督查室 supervises", "市政府督查室 supervises",
                         "市委组织部 supervises", "市人社局 supervises", "市综治委 hears_reports",
                         "市综治委 reports_to", "市创建“平安商洛”领导小组 reports_to"});
  CHECK(escalation.deciders == Strings{"市委"});
  // 市委 is reached through 市委督查室: no separate decider step.
  for (const auto& step : escalation.steps) CHECK(step.via != EdgeKind::decides_sanctions);
}

// ---------------------------------------------------------------------------
// Paths, idle bodies, lead ranking

TEST_CASE("graph: paths between two bodies") {
  const ResponsibilityGraph& graph = shangluo();
  const auto directed = graph.path("商州区", "市委、市政府");
  REQUIRE(directed.size() == 2);
  CHECK(directed[0].from == "商州区");
  CHECK(directed[0].to == "市综治办");
  CHECK(directed[0].kind == EdgeKind::files_with);
  CHECK(directed[1].to == "市委、市政府");
  CHECK(directed[1].forward);
  CHECK(graph.path("市委", "商州区").empty());  // nothing runs down
  const auto any = graph.path("市公安局", "市卫计局", mandate::PathMode::any);
  REQUIRE(any.size() == 2);
  CHECK(any[0].to == "平安建设“八大领域”");
  CHECK(any[0].kind == EdgeKind::lead);
  CHECK(any[1].kind == EdgeKind::lead);
  CHECK_FALSE(any[1].forward);
  CHECK(graph.path("市公安局", "市公安局").empty());
}

TEST_CASE("graph: bodies with no duty") {
  CHECK(shangluo().idle_bodies() ==
        Strings{"中央", "陕西省", "市政府", "中共商洛市委办公室", "商洛市人民政府办公室"});
}

TEST_CASE("graph: bodies ranked by their number of lead roles") {
  const auto ranking = shangluo().lead_ranking();
  REQUIRE(ranking.size() == 18);
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(ranking[i].body == shangluo_counties[i]);
    CHECK(ranking[i].leads == 10);  // nine brands and the 九大品牌 campaign
    CHECK(ranking[i].rank == 1);
  }
  CHECK(ranking[8].body == "市公安局");
  CHECK(ranking[8].leads == 3);
  CHECK(ranking[8].rank == 9);
  CHECK(ranking[9].body == "市教育局");
  CHECK(ranking[9].leads == 2);
  CHECK(ranking[15].body == "市人行");
  CHECK(ranking[15].rank == 10);
  CHECK(ranking[16].body == "市综治委");
  CHECK(ranking[17].body == "市综治办");
  CHECK(ranking[17].rank == 17);
}

// ---------------------------------------------------------------------------
// Exports

TEST_CASE("graph: responsibility matrix as CSV and Markdown") {
  const ResponsibilityGraph& graph = shangluo();
  const auto matrix = graph.matrix();
  CHECK(matrix.programmes.size() == shangluo_plan()->programmes.size());
  const auto row = std::find_if(matrix.rows.begin(), matrix.rows.end(),
                                [](const auto& r) { return r.body == "市委组织部"; });
  REQUIRE(row != matrix.rows.end());
  const auto column = [&](const std::string& programme) {
    return static_cast<std::size_t>(
        std::find(matrix.programmes.begin(), matrix.programmes.end(), programme) -
        matrix.programmes.begin());
  };
  CHECK(row->cells[column("金秋进万家·入户送平安")] == "cooperate+responsible");
  CHECK(row->cells[column("平安医院")].empty());
  const std::string csv = graph.matrix_csv();
  CHECK(csv.starts_with("body,深化“平安商洛”创建活动,平安建设“九大品牌”,平安建设“八大领域”,"));
  CHECK(csv.find("\n市公安局,,,lead,responsible,,,,,,,,,,cooperate,cooperate,lead,,cooperate,,,"
                 "cooperate,lead,,"
                 "cooperate,responsible,cooperate\n") != std::string::npos);
  const std::string markdown = graph.matrix_markdown();
  CHECK(markdown.starts_with("| body | 深化“平安商洛”创建活动 |"));
  CHECK(markdown.find("\n| 市卫计局 | | | lead | responsible |") != std::string::npos);
  // Only bodies with one of the three roles are rows: 中央 is not.
  CHECK(markdown.find("| 中央 |") == std::string::npos);
}

TEST_CASE(
    "graph: Graphviz DOT with Chinese labels and one style per role; rendered by dot when "
    "installed") {
  const ResponsibilityGraph& graph = shangluo();
  const std::string whole = graph.to_dot();
  CHECK(whole.starts_with("digraph G {\n"));
  CHECK(whole.find("charset=\"UTF-8\"") != std::string::npos);
  CHECK(whole.find("[label=\"平安医院\\n(programme)\"") != std::string::npos);
  CHECK(whole.find("[label=\"市公安局\", shape=box") != std::string::npos);
  CHECK(
      whole.find("label=\"lead\", tooltip=\"programme 平安医院: lead [D1 三(二)2]\", color=red3") !=
      std::string::npos);
  CHECK(whole.find("label=\"cooperate\"") != std::string::npos);
  CHECK(whole.find("style=dashed") != std::string::npos);

  mandate::DotOptions options;
  options.focus = "平安医院";
  const std::string focused = graph.to_dot(options);
  CHECK(focused.find("市物价局") != std::string::npos);
  CHECK(focused.find("市交通局") == std::string::npos);
  options.kinds = {EdgeKind::lead};
  const std::string leads = graph.to_dot(options);
  CHECK(leads.find("市卫计局") != std::string::npos);
  CHECK(leads.find("市物价局") == std::string::npos);
  CHECK_THROWS_AS((void)graph.to_dot({"平安医", {}}), mandate::GraphLookupError);

  if (std::system("command -v dot > /dev/null 2>&1") != 0) {
    MESSAGE("skipped: Graphviz 'dot' is not installed (scripts/packages.txt lists graphviz)");
    return;
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("mandate-graph-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto dot_path = dir / "focus.dot";
  const auto svg_path = dir / "focus.svg";
  mandate::DotOptions roles;
  roles.focus = "市公安局";
  std::ofstream(dot_path) << graph.to_dot(roles);
  const std::string command =
      "dot -Tsvg '" + dot_path.string() + "' -o '" + svg_path.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(svg_path);
  std::ostringstream svg;
  svg << in.rdbuf();
  CHECK(svg.str().find("<svg") != std::string::npos);
  CHECK(svg.str().find("市公安局") != std::string::npos);
  CHECK(svg.str().find("平安景区") != std::string::npos);
  std::filesystem::remove_all(dir);
}

// ---------------------------------------------------------------------------
// Checks: obligations no body can be held to (M0021), and the checks the
// graph relies on (M0006, M0009, M0018)

TEST_CASE(
    "check: M0021 for an empty group, an impossible 'all KIND within', leads of a campaign without "
    "lead") {
  const std::string header = R"(plan "示例" { issued 2018-02-27 effective 2018..2020 }
kind 市
kind 县区 within 市
kind 镇办 within 县区
kind 部门 within 市
body 某市 : 市
body 市卫计局 : 部门 within 某市
group 甲 = 市卫计局
programme 平安医院 : domain { lead 市卫计局 }
)";
  SUBCASE("an explicit group emptied by except") {
    const auto found = errors_of(
        header + "group 乙 = 市卫计局 except 甲\nstage 备案 of 平安医院 { obligated 乙 }\n",
        mandate::Code::unbound_obligation);
    REQUIRE(found.size() == 1);
    CHECK(mandate::code_name(found[0].code) == "M0021");
    CHECK(found[0].severity == mandate::Severity::error);
    CHECK(found[0].position.line == 11);
    CHECK(found[0].position.column == 30);
    CHECK(found[0].message ==
          "stage '备案' obliges '乙', but group '乙' has no member once 'except' applies: no body "
          "can be held to "
          "this obligation");
  }
  SUBCASE("towns within a department") {
    const auto found = errors_of(header +
                                     "group 镇办们 = all 镇办 within 市卫计局\nstage 备案 of "
                                     "平安医院 { obligated 镇办们 }\n",
                                 mandate::Code::unbound_obligation);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "stage '备案' obliges '镇办们', but group '镇办们' declares no 镇办 within 市卫计局, and "
          "the facts cannot "
          "supply one: a 镇办 is within 县区 within 市, never within a 部门: no body can be held "
          "to this obligation");
  }
  SUBCASE("an open group without declared members is no error: the facts may supply them") {
    CHECK(errors_of(header + "group 全市镇办 = all 镇办 within 某市\ngroup 其中 = 全市镇办\n"
                             "stage 备案 of 平安医院 { obligated 全市镇办, 其中 }\n",
                    mandate::Code::unbound_obligation)
              .empty());
  }
  SUBCASE("obligated leads of a campaign without lead") {
    const auto found = errors_of(header +
                                     "programme 平安建设 : campaign { cooperate 市卫计局 }\n"
                                     "stage 报备 of 平安建设 { obligated leads }\n",
                                 mandate::Code::unbound_obligation);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "stage '报备' obliges the leads of campaign '平安建设', which has no lead or responsible "
          "body: no body can "
          "be held to this obligation");
  }
  SUBCASE("obligated leads of a domain without lead is M0018 only") {
    const std::string text = header +
                             "programme 平安景区 : domain { cooperate 市卫计局 }\n"
                             "stage 报备 of 平安景区 { obligated leads }\n";
    CHECK(errors_of(text, mandate::Code::unbound_obligation).empty());
    CHECK(errors_of(text, mandate::Code::missing_lead).size() == 1);
  }
  SUBCASE("the Shangluo plan binds every obligation") {
    CHECK(ResponsibilityGraph::build(*shangluo_plan()).unbound_obligations().empty());
  }
}

TEST_CASE("check: the graph's other checks are the checker's M0006, M0009 and M0018") {
  const std::string header = R"(plan "示例" { issued 2018-02-27 effective 2018..2020 }
kind 部门
)";
  CHECK(errors_of(header + "body 甲 : 部门 reports_to 乙\nbody 乙 : 部门 reports_to 甲\n",
                  mandate::Code::cycle)
            .size() == 1);
  CHECK(errors_of(header + "body 甲 : 部门\nprogramme 平安景区 : domain { cooperate 甲 }\n",
                  mandate::Code::missing_lead)
            .size() == 1);
  CHECK(errors_of(header + "body 甲 : 部门\nprogramme 平安景区 : domain { lead 乙 }\n",
                  mandate::Code::undeclared_body)
            .size() == 1);
}

// ---------------------------------------------------------------------------
// Concurrency

TEST_CASE("graph: const queries from many threads agree") {
  const ResponsibilityGraph& graph = shangluo();
  const Strings expected = steps_text(graph.escalate("县区方案备案", "商州区"));
  const std::size_t agenda = graph.agenda("市综治办", 2019).size();
  std::vector<int> ok(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ok.size(); ++t)
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 50; ++i) {
        same = same && steps_text(graph.escalate("县区方案备案", shangluo_counties[t])).size() ==
                           expected.size();
        same = same && graph.agenda("市综治办", 2019).size() == agenda;
        same = same && !graph.path("商州区", "市委、市政府").empty();
      }
      ok[t] = same ? 1 : 0;
    });
  for (std::thread& thread : threads) thread.join();
  CHECK(std::count(ok.begin(), ok.end(), 1) == 8);
}

TEST_CASE("graph: units from a fact store") {
  mandate::FactStore facts(shangluo_plan());
  const std::vector<mandate::UnitInput> rows = {{"北宽坪镇", "镇办", "商州区", {}, ""},
                                                {"大荆镇", "镇办", "商州区", {"大荆"}, ""}};
  REQUIRE(facts.add_units(rows, "test").ok());
  const auto graph = ResponsibilityGraph::build(*shangluo_plan(), &facts);
  CHECK(graph.body_count() == shangluo().body_count() + 2);
  const auto escalation = graph.escalate("县区方案备案", "北宽坪镇");
  CHECK(escalation.answerable == "商州区");
  CHECK(steps_text(escalation).size() == 13);
  const auto plan_only =
      ResponsibilityGraph::build(*shangluo_plan(), static_cast<const mandate::FactStore*>(nullptr));
  CHECK(plan_only.body_count() == shangluo().body_count());
}
