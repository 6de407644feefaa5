// The Shangluo plan (examples/shangluo-2018/shangluo.plan) against the plan
// guide (shared/plan-guide.md) and the Chinese original: it checks clean,
// cites every clause of the guide, and its compiled Plan holds the facts of
// the original (bodies, roles, quotas, dates, sanctions).
#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/parse.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using mandate::BodyRef;
using mandate::Index;
using mandate::Plan;
using mandate::RoleKind;
using mandate::SourceFile;
using mandate::Symbol;
using mandate::SymbolKind;
using mandate::syntax::NodeKind;
using mandate::syntax::Statement;

namespace {

using Strings = std::vector<std::string>;
using Cells = std::vector<std::optional<std::int64_t>>;

/// Every clause ID of the plan guide, in the guide's order. Written here, not
/// read from the plan's own `clauses` statement, so that a clause dropped from
/// both the list and the rules is still caught.
const Strings guide_clauses = {
    "G1", "G2", "G3",  "G4",  "G5",  "G6",  "G7",   //
    "B1", "B2", "B3a", "B3b", "B3c", "B3d",         //
    "D1", "D2", "D3a", "D3b", "D3c", "D3d", "D3e",  //
    "A1", "A2", "A3",  "A4",  "A5",                 //
    "O1", "O2", "O3",                               //
    "R1", "R2",                                     //
    "S1", "S2", "S3",  "S4",  "S5",  "SX",          //
    "Q1", "Q2", "QT",
};

struct Shangluo {
  std::unique_ptr<SourceFile> source;
  mandate::ParseResult parsed;
  mandate::CheckResult checked;
};

std::string rendered(const std::vector<mandate::Diagnostic>& diagnostics,
                     const SourceFile& source) {
  std::string out;
  for (const auto& d : diagnostics) out += mandate::render(d, source);
  return out;
}

/// Parsed and checked once for the whole file.
const Shangluo& shangluo() {
  static const Shangluo loaded = [] {
    Shangluo s;
    const std::string path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    s.source = std::make_unique<SourceFile>(path, buffer.str());
    s.parsed = mandate::parse(*s.source);
    s.checked = mandate::check(s.parsed.file, *s.source);
    return s;
  }();
  return loaded;
}

const Plan& plan() {
  const Shangluo& s = shangluo();
  INFO("diagnostics:\n" << rendered(s.checked.diagnostics, *s.source));
  REQUIRE(s.checked.plan != nullptr);
  return *s.checked.plan;
}

const Symbol& symbol(std::string_view name, SymbolKind kind) {
  INFO("name: " << name);
  const Symbol* s = plan().find(name);
  REQUIRE(s != nullptr);
  REQUIRE(s->kind == kind);
  return *s;
}

Index body_index(std::string_view name) { return symbol(name, SymbolKind::body).index; }

const mandate::Programme& programme(std::string_view name) {
  return plan().programmes.at(symbol(name, SymbolKind::programme).index);
}

const mandate::Stage& stage(std::string_view name) {
  return plan().stages.at(symbol(name, SymbolKind::stage).index);
}

const mandate::Quota& quota(std::string_view name) {
  return plan().quotas.at(symbol(name, SymbolKind::quota).index);
}

/// Bodies named directly (not through a group) in the roles of one kind.
std::set<std::string> direct_bodies(const std::vector<mandate::Role>& roles, RoleKind kind) {
  std::set<std::string> out;
  for (const mandate::Role& role : roles) {
    if (role.kind != kind) continue;
    for (const BodyRef& ref : role.bodies) {
      REQUIRE(ref.sort == BodyRef::Sort::body);
      out.insert(plan().bodies.at(ref.index).name);
    }
  }
  return out;
}

bool names_body(const std::vector<mandate::Role>& roles, RoleKind kind, Index body) {
  return std::any_of(roles.begin(), roles.end(), [&](const mandate::Role& role) {
    return role.kind == kind &&
           std::any_of(role.bodies.begin(), role.bodies.end(), [&](const BodyRef& ref) {
             return ref.sort == BodyRef::Sort::body && ref.index == body;
           });
  });
}

void collect_citations(const Statement& statement, std::set<std::string>& out) {
  for (const auto& citation : statement.citations) out.insert(citation.clause);
  for (const Statement& inner : statement.block) collect_citations(inner, out);
}

bool cites(const mandate::Citations& citations, std::string_view id) {
  return std::any_of(citations.begin(), citations.end(),
                     [&](const mandate::Clause& c) { return c.id == id; });
}

}  // namespace

TEST_CASE("shangluo: the plan parses and checks with no diagnostic") {
  const Shangluo& s = shangluo();
  INFO("parse diagnostics:\n" << rendered(s.parsed.diagnostics, *s.source));
  CHECK(s.parsed.diagnostics.empty());
  INFO("check diagnostics:\n" << rendered(s.checked.diagnostics, *s.source));
  CHECK(s.checked.diagnostics.empty());
  REQUIRE(s.checked.plan != nullptr);

  // parse_and_check agrees.
  const mandate::CheckResult again = mandate::parse_and_check(*s.source);
  CHECK(again.diagnostics.empty());
  CHECK(again.plan != nullptr);
}

TEST_CASE("shangluo: every clause of the plan guide is cited somewhere in the file") {
  std::set<std::string> cited;
  for (const Statement& statement : shangluo().parsed.file.statements)
    collect_citations(statement, cited);
  for (const std::string& clause : guide_clauses) {
    INFO("clause: " << clause);
    CHECK(cited.contains(clause));
  }
  // And nothing is cited that the guide does not define.
  for (const std::string& clause : cited) {
    INFO("cited: " << clause);
    CHECK(std::find(guide_clauses.begin(), guide_clauses.end(), clause) != guide_clauses.end());
  }
}

TEST_CASE("shangluo: the plan's clauses list is the guide's") {
  const auto& meta = plan().metadata;
  CHECK(meta.clauses == guide_clauses);
  CHECK(meta.citations_required);
  CHECK(meta.title == "深化“平安商洛”创建活动实施方案");
  REQUIRE(meta.issued.has_value());
  CHECK(*meta.issued == mandate::Date{2018, 2, 27});
  CHECK(meta.first_year == 2018);
  CHECK(meta.last_year == 2020);
  REQUIRE(meta.issued_by.size() == 2);
  CHECK(plan().bodies.at(meta.issued_by[0]).name == "中共商洛市委办公室");
  CHECK(plan().bodies.at(meta.issued_by[1]).name == "商洛市人民政府办公室");
}

TEST_CASE("shangluo: the eight county-level units") {
  const Index county_kind = symbol("县区", SymbolKind::kind).index;
  const Index city = body_index("商洛市");
  Strings counties;
  for (const mandate::Body& body : plan().bodies)
    if (body.kind == county_kind && body.parent == city) counties.push_back(body.name);
  CHECK(counties == Strings{"商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县",
                            "商洛高新区（商丹园区）"});

  // 商洛县区 is every 县区 within 商洛市: exactly those eight when no facts add any.
  const mandate::Group& group = plan().groups.at(symbol("商洛县区", SymbolKind::group).index);
  REQUIRE(group.all_of_kind.has_value());
  CHECK(*group.all_of_kind == county_kind);
  REQUIRE(group.within.has_value());
  CHECK(*group.within == city);

  // The zone's two short names are aliases of the one body.
  const Index zone = body_index("商洛高新区（商丹园区）");
  CHECK(body_index("商洛高新区") == zone);
  CHECK(body_index("商丹园区") == zone);
}

TEST_CASE("shangluo: the cooperating bodies of 平安医院") {
  const mandate::Programme& hospital = programme("平安医院");
  CHECK(hospital.kind == mandate::ProgrammeKind::domain);
  CHECK(direct_bodies(hospital.roles, RoleKind::lead) == std::set<std::string>{"市卫计局"});
  CHECK(direct_bodies(hospital.roles, RoleKind::cooperate) ==
        std::set<std::string>{"市公安局", "市物价局", "市药监局", "市信访局", "商洛消防支队"});
  // Exactly five, none twice.
  std::size_t count = 0;
  for (const auto& role : hospital.roles)
    if (role.kind == RoleKind::cooperate) count += role.bodies.size();
  CHECK(count == 5);
}

TEST_CASE("shangluo: 市公安局 leads 平安景区 and 严打整治·共建平安") {
  const Index police = body_index("市公安局");
  CHECK(names_body(programme("平安景区").roles, RoleKind::lead, police));
  CHECK(names_body(programme("严打整治·共建平安").roles, RoleKind::lead, police));
  // And no other programme names it as lead directly (平安建设“八大领域” is led by
  // the group 主责部门, of which it is a member).
  std::set<std::string> led;
  for (const mandate::Programme& p : plan().programmes)
    if (names_body(p.roles, RoleKind::lead, police)) led.insert(p.name);
  CHECK(led == std::set<std::string>{"平安景区", "严打整治·共建平安"});
}

TEST_CASE("shangluo: the quota tables of the annex") {
  SUBCASE("Q1: per county and brand") {
    const mandate::Quota& q = quota("县区示范点配额");
    CHECK(cites(q.citations, "Q1"));
    Strings columns;
    for (const Index c : q.columns) columns.push_back(plan().programmes.at(c).name);
    CHECK(columns == Strings{"平安县（区）", "平安镇（办）", "平安村（社区）", "平安单位",
                             "平安小区（楼院）", "平安街道"});
    const std::map<std::string, Cells> expected = {
        {"商州区", {1, 7, 30, 7, 2, 1}},
        {"洛南县", {1, 7, 25, 7, 2, 1}},
        {"丹凤县", {1, 5, 16, 7, 2, 1}},
        {"商南县", {1, 4, 15, 7, 2, 1}},
        {"山阳县", {1, 7, 25, 7, 2, 1}},
        {"镇安县", {1, 6, 16, 7, 2, 1}},
        {"柞水县", {1, 4, 10, 7, 2, 1}},
        {"商洛高新区（商丹园区）", {1, std::nullopt, 3, 1, 1, std::nullopt}},
    };
    REQUIRE(q.rows.size() == 8);
    for (const mandate::QuotaRow& row : q.rows) {
      const std::string& name = plan().bodies.at(row.body).name;
      INFO("row: " << name);
      REQUIRE(expected.contains(name));
      CHECK(row.cells == expected.at(name));
    }
    // The annex is for 2018 only.
    CHECK(q.first_year == 2018);
    CHECK(q.last_year == 2018);
    const Cells totals{8, 40, 140, 50, 15, 7};
    CHECK(q.declared_totals == totals);
    // The declared totals are the column sums.
    for (std::size_t i = 0; i < totals.size(); ++i) {
      std::int64_t sum = 0;
      for (const auto& row : q.rows) sum += row.cells.at(i).value_or(0);
      CHECK(sum == *totals[i]);
    }
    // The zone has none allowed for 平安镇（办） and 平安街道.
    const auto zone = std::find_if(q.rows.begin(), q.rows.end(), [](const mandate::QuotaRow& row) {
      return row.body == body_index("商洛高新区（商丹园区）");
    });
    REQUIRE(zone != q.rows.end());
    const auto column = [&](std::string_view name) {
      const Index p = symbol(name, SymbolKind::programme).index;
      return static_cast<std::size_t>(std::find(q.columns.begin(), q.columns.end(), p) -
                                      q.columns.begin());
    };
    CHECK_FALSE(zone->cells.at(column("平安镇（办）")).has_value());
    CHECK_FALSE(zone->cells.at(column("平安街道")).has_value());
    CHECK(zone->cells.at(column("平安村（社区）")) == 3);
  }
  SUBCASE("Q2: per lead department, 100 in all") {
    const mandate::Quota& q = quota("主责部门示范点配额");
    CHECK(cites(q.citations, "Q2"));
    REQUIRE(q.columns.size() == 1);
    CHECK(plan().programmes.at(q.columns[0]).name == "平安建设“八大领域”");
    const std::map<std::string, std::int64_t> expected = {
        {"市教育局", 15}, {"市卫计局", 15}, {"市公安局", 10}, {"市交通局", 15},
        {"市药监局", 10}, {"市工信局", 10}, {"市发改委", 15}, {"市人行", 10},
    };
    REQUIRE(q.rows.size() == 8);
    std::int64_t sum = 0;
    for (const mandate::QuotaRow& row : q.rows) {
      const std::string& name = plan().bodies.at(row.body).name;
      INFO("row: " << name);
      REQUIRE(expected.contains(name));
      REQUIRE(row.cells.size() == 1);
      CHECK(row.cells[0] == expected.at(name));
      sum += row.cells[0].value_or(0);
    }
    CHECK(q.declared_totals == Cells{100});
    CHECK(q.first_year == 2018);
    CHECK(q.last_year == 2018);
    CHECK(sum == 100);
  }
}

TEST_CASE("shangluo: the B3a stage is due by 03-20") {
  const mandate::Stage& filing = stage("县区方案备案");
  CHECK(cites(filing.citations, "B3a"));
  REQUIRE(filing.due.size() == 1);
  CHECK(filing.due[0].kind == NodeKind::annual_date);
  CHECK(filing.due[0].text == "03-20");
  CHECK(filing.first_day == mandate::Date{2018, 3, 20});
  REQUIRE(filing.deliver_to.size() == 1);
  CHECK(filing.deliver_to[0].sort == BodyRef::Sort::body);
  CHECK(plan().bodies.at(filing.deliver_to[0].index).name == "市综治办");
  REQUIRE(filing.programme_group.has_value());
  CHECK(plan().groups.at(*filing.programme_group).name == "九大品牌");
}

TEST_CASE("shangluo: the D3a stage obliges each lead department, by the end of March") {
  const mandate::Stage& filing = stage("领域方案报备");
  CHECK(cites(filing.citations, "D3a"));
  CHECK(filing.obligates_leads);
  CHECK(filing.obligated.empty());
  REQUIRE(filing.due.size() == 1);
  CHECK(filing.due[0].kind == NodeKind::end_of_month);
  CHECK(filing.first_day == mandate::Date{2018, 3, 31});
  REQUIRE(filing.programme_group.has_value());
  CHECK(plan().groups.at(*filing.programme_group).name == "八大领域");
  // The deadline policy is stated in the plan block, as parameters.
  REQUIRE(plan().metadata.inclusive_deadlines.has_value());
  CHECK(plan().metadata.inclusive_deadlines->text == "截止日含当日");
  REQUIRE(plan().metadata.shift_for_holidays.has_value());
  CHECK(plan().metadata.shift_for_holidays->text == "节假日顺延");
}

TEST_CASE("shangluo: the A5 stage lasts 20 days, starting in mid-to-late September") {
  const mandate::Stage& autumn = stage("金秋入户");
  CHECK(cites(autumn.citations, "A5"));
  REQUIRE(autumn.duration.has_value());
  CHECK(autumn.duration->kind == NodeKind::duration);
  CHECK(autumn.duration->text == "20");
  REQUIRE(autumn.duration->children.size() == 1);
  CHECK(autumn.duration->children[0].text == "days");
  REQUIRE(autumn.start_window.has_value());
  CHECK(autumn.start_window->text == "金秋起始窗口");
  const mandate::Parameter& window =
      plan().parameters.at(symbol("金秋起始窗口", SymbolKind::parameter).index);
  REQUIRE(window.default_value.size() == 1);
  CHECK(window.default_value[0].kind == NodeKind::range);
  CHECK(autumn.first_day == mandate::Date{2018, 9, 11});
}

TEST_CASE("shangluo: sanctions cover S1–S5, each with a consequence that disqualifies") {
  std::size_t sanctions = 0;
  std::set<std::string> covered;
  for (const mandate::Rule& rule : plan().rules) {
    if (rule.kind != mandate::RuleKind::sanction) continue;
    ++sanctions;
    INFO("sanction: " << rule.name);
    bool disqualifies = rule.inline_consequence && rule.inline_consequence->disqualify;
    for (const Index c : rule.consequences)
      disqualifies = disqualifies || plan().consequences.at(c).disqualify;
    CHECK(disqualifies);
    CHECK(rule.condition.has_value());
    CHECK_FALSE(rule.subjects.empty());
    for (const mandate::Clause& clause : rule.citations) covered.insert(clause.id);
  }
  CHECK(sanctions >= 5);
  for (const std::string_view id : {"S1", "S2", "S3", "S4", "S5"}) {
    INFO("clause: " << id);
    CHECK(covered.contains(std::string(id)));
  }
  // SX: the shared consequence has all three effects.
  const mandate::Consequence& sx =
      plan().consequences.at(symbol("平安建设问责", SymbolKind::consequence).index);
  CHECK(cites(sx.citations, "SX"));
  CHECK(sx.disqualify);
  CHECK(sx.deduction.has_value());
  REQUIRE(sx.referrals.size() == 1);
  CHECK(sx.referrals[0].kind == mandate::Referral::Kind::refer);
  // R1/R2 awards are defeasible by that disqualification.
  for (const mandate::Rule& rule : plan().rules)
    if (rule.kind == mandate::RuleKind::award) {
      INFO("award: " << rule.name);
      CHECK(rule.unless_disqualified);
    }
}
