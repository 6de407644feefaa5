// Tests of reports in Chinese and English (include/mandate/locale.hpp,
// decision 0045): outcome words per verdict kind, days and missing facts,
// consequences, explanation lines, the text and JSON reports, summary and
// scenario results; English output unchanged.
#include <mandate/check.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/locale.hpp>
#include <mandate/report.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

using mandate::Language;
using mandate::Outcome;
using mandate::Verdict;
using mandate::VerdictKind;

namespace {

Verdict verdict(VerdictKind kind, Outcome outcome, std::optional<int> days = {}) {
  Verdict v;
  v.kind = kind;
  v.outcome = outcome;
  v.days = days;
  v.rule = "县区方案备案";
  v.subject = "商州区";
  v.year = 2018;
  v.period = mandate::Period::of_year(2018);
  return v;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("locale: outcomes in Chinese, by kind of verdict, with days and missing facts") {
  const auto zh = [](const Verdict& v) { return mandate::outcome_text(v, Language::zh); };
  CHECK(zh(verdict(VerdictKind::deadline, Outcome::met)) == "按期完成");
  CHECK(zh(verdict(VerdictKind::deadline, Outcome::late, 3)) == "逾期3天");
  CHECK(zh(verdict(VerdictKind::deadline, Outcome::missed)) == "未报送");
  CHECK(zh(verdict(VerdictKind::deadline, Outcome::pending, 5)) == "待办（剩5天）");
  CHECK(zh(verdict(VerdictKind::target, Outcome::met)) == "达标");
  CHECK(zh(verdict(VerdictKind::target, Outcome::not_met)) == "未达标");
  CHECK(zh(verdict(VerdictKind::campaign, Outcome::missed)) == "未开展");
  CHECK(zh(verdict(VerdictKind::sanction, Outcome::applies)) == "适用");
  CHECK(zh(verdict(VerdictKind::sanction, Outcome::does_not_apply)) == "不适用");
  CHECK(zh(verdict(VerdictKind::deadline, Outcome::not_applicable)) == "不适用");
  Verdict unknown = verdict(VerdictKind::sanction, Outcome::unknown);
  CHECK(zh(unknown) == "待定");
  unknown.missing = {"两率一度 of 商州区 in 2018", "全省县区 average"};
  CHECK(zh(unknown) == "待定（缺少：两率一度 of 商州区 in 2018；全省县区 average）");
  // English: the words of outcome_name, as the report always printed them.
  const auto en = [](const Verdict& v) { return mandate::outcome_text(v, Language::en); };
  CHECK(en(verdict(VerdictKind::deadline, Outcome::late, 1)) == "late (1 day)");
  CHECK(en(verdict(VerdictKind::deadline, Outcome::pending, 5)) == "pending (5 days left)");
  CHECK(en(unknown) == "unknown");
  // Every outcome has a Chinese word.
  for (int o = 0; o <= static_cast<int>(Outcome::unknown); ++o)
    CHECK(mandate::outcome_label(static_cast<Outcome>(o), VerdictKind::award, Language::zh) != "?");
}

TEST_CASE("locale: consequences and explanation lines in Chinese; other lines as written") {
  CHECK(mandate::consequence_text({"deduct", "2 points"}, Language::zh) == "扣分：2分");
  CHECK(mandate::consequence_text({"refer", "to 市委"}, Language::zh) == "移交：市委");
  CHECK(mandate::consequence_text({"refer", "to 市委"}, Language::en) == "refer: to 市委");
  const auto zh = [](std::string_view line) {
    return mandate::explanation_text(line, Language::zh);
  };
  CHECK(zh("创建方案 delivered on 2018-03-23: 3 days late") == "创建方案于2018-03-23报送，逾期3天");
  CHECK(zh("创建方案 delivered on 2018-03-20: on time") == "创建方案于2018-03-20报送，按期");
  CHECK(zh("创建方案 not delivered yet; 1 day left") == "创建方案尚未报送，剩1天");
  CHECK(zh("no 创建方案 from 商州区 by 2018-03-20 (as of 2019-03-31)") ==
        "截至2019-03-31，未见商州区于2018-03-20前报送创建方案");
  CHECK(zh("parameter 后N位 = 10") == "参数 后N位 = 10");
  CHECK(zh("丹凤县 must deliver 创建方案, 创建标准 to 市综治办 by 2018-03-20 (the last day)") ==
        "丹凤县须于2018-03-20（含当日）前向市综治办报送创建方案、创建标准");
  CHECK(
      zh("县级河长办 must deliver 季度报表 to 市河长办 for 2019-Q2 by 2019-07-10 (the last day)") ==
      "县级河长办须于2019-07-10（含当日）前向市河长办报送2019-Q2的季度报表");
  CHECK(
      zh("市卫计局 must deliver 领域方案 to 市综治办 by 2018-04-30 (the last day) for 平安医院") ==
      "市卫计局须于2018-04-30（含当日）前向市综治办报送领域方案（平安医院）");
  CHECK(zh("村级河长 must deliver 巡河记录 at least 1 time in 2019-W01 (2018-12-31..2019-01-06)") ==
        "村级河长须在2019-W01（2018-12-31至2019-01-06）报送巡河记录至少1次");
  CHECK(zh("holds(平安建设先进集体) → true (the other side is not needed)") ==
        "holds(平安建设先进集体) → 是（另一侧无需计算）");
  // A condition: its formula as the plan writes it, the values in words.
  CHECK(zh("size(镇办排名范围) - 后N位: 98 - 10 → 88") ==
        "size(镇办排名范围) - 后N位：98 - 10 → 88");
  CHECK(zh("市级示范点: 3 of 5 allowed") == "市级示范点：3个，限额5个");
  // A score's lines, with and without a citation (a new user found the
  // second half translated, its cap taken for a citation).
  CHECK(zh("deduct 0 (nothing) (at most 3) [K1]") == "扣0分（无扣分事项；至多3分）[K1]");
  CHECK(zh("deduct 0 (nothing) (at most 3)") == "扣0分（无扣分事项；至多3分）");
  CHECK(zh("deduct 3 (at most 9)") == "扣3分（至多9分）");
  CHECK(zh("deduct 5") == "扣5分");
  CHECK(zh("add 2 (nothing)") == "加2分（无加分事项）");
  CHECK(zh("参与数 of 金融 in 2018 = 12") == "2018年金融的参与数 = 12");
  CHECK(zh("领域评定推荐 (评定命名) needs 领域方案审定 first") ==
        "领域评定推荐（评定命名）须先完成领域方案审定");
  const auto fact = [](std::string_view text) { return mandate::fact_text(text, Language::zh); };
  CHECK(fact("创建方案 丹凤县 to 市综治办 on 2018-03-16") ==
        "创建方案：丹凤县于2018-03-16报送市综治办");
  CHECK(fact("通报 商州区 by 市综治委 on 2018-05-03") == "通报：市综治委于2018-05-03对商州区");
  CHECK(fact("published average 两率一度 全市镇办 2018 = 91.2") ==
        "公布值：2018年全市镇办的两率一度平均值 = 91.2");
  CHECK(mandate::fact_text("创建方案 丹凤县 to 市综治办 on 2018-03-16", Language::en) ==
        "创建方案 丹凤县 to 市综治办 on 2018-03-16");
  CHECK(zh("published rank 3 商州区 两率一度") == "published rank 3 商州区 两率一度");
  CHECK(mandate::explanation_text("创建方案 delivered on 2018-03-20: on time", Language::en) ==
        "创建方案 delivered on 2018-03-20: on time");
}

TEST_CASE("locale: the text and JSON reports in Chinese keep the JSON's English values") {
  mandate::Report report;
  report.plan_title = "试点方案";
  report.years = {2018};
  report.as_of = mandate::Date{2019, 3, 31};
  Verdict late = verdict(VerdictKind::deadline, Outcome::late, 3);
  late.explanation.text = "创建方案 delivered on 2018-03-23: 3 days late";
  late.explanation.facts.push_back({"创建方案 商州区 to 市综治办 on 2018-03-23", "events.csv:2"});
  late.escalation.push_back({1, "商州区", "市综治办", "reports_to", {}});
  report.verdicts.push_back(late);
  Verdict sanction = verdict(VerdictKind::sanction, Outcome::applies);
  sanction.consequences.push_back({"deduct", "2 points"});
  report.verdicts.push_back(sanction);

  const std::string text = mandate::render_text(report, true, Language::zh);
  CHECK(contains(text, "《试点方案》——考核年度 2018，评估日期 2019-03-31"));
  CHECK(contains(text, "共 2 项结论：违规或问责 2 项，待定 0 项"));
  CHECK(contains(text, "== 报送时限"));
  CHECK(contains(text, "[逾期3天] 县区方案备案 · 商州区 · 2018"));
  CHECK(contains(text, "- 创建方案于2018-03-23报送，逾期3天"));
  CHECK(contains(text, "事实：创建方案：商州区于2018-03-23报送市综治办 (events.csv:2)"));
  // A reporting link without a clause is one the plan does not state.
  CHECK(contains(text, "逐级督办：商州区 → 市综治办 (reports_to，推定)"));
  CHECK(contains(text, "== 问责"));
  CHECK(contains(text, "→ 扣分：2分"));
  CHECK(mandate::render_text(report, true) == mandate::render_text(report, true, Language::en));
  CHECK(contains(mandate::render_text(report, true), "[late (3 days)] 县区方案备案"));

  const auto json = nlohmann::json::parse(mandate::render_json(report, Language::zh));
  CHECK(json["verdicts"][0]["outcome"] == "late");
  CHECK(json["verdicts"][0]["days"] == 3);
  CHECK(json["verdicts"][0]["outcome_text"] == "逾期3天");
  CHECK(json["verdicts"][0]["explanation"]["text"] ==
        "创建方案 delivered on 2018-03-23: 3 days late");
  CHECK(json["verdicts"][0]["explanation"]["text_zh"] == "创建方案于2018-03-23报送，逾期3天");
  CHECK(json["verdicts"][0]["explanation"]["facts"][0]["fact"] ==
        "创建方案 商州区 to 市综治办 on 2018-03-23");
  CHECK(json["verdicts"][0]["explanation"]["facts"][0]["fact_zh"] ==
        "创建方案：商州区于2018-03-23报送市综治办");
  const auto english = nlohmann::json::parse(mandate::render_json(report));
  CHECK(english["verdicts"][0]["outcome_text"] == "late (3 days)");
  CHECK_FALSE(english["verdicts"][0]["explanation"].contains("text_zh"));
}

TEST_CASE("locale: a plan's language is the default; the summary in Chinese") {
  std::ifstream in(MANDATE_SOURCE_DIR "/tests/plans/review/village.plan");
  std::stringstream text;
  text << in.rdbuf();
  const mandate::SourceFile source("village.plan", text.str());
  const auto checked = mandate::parse_and_check(source);
  REQUIRE(checked.plan);
  CHECK(checked.plan->metadata.language == "zh");
  CHECK(mandate::plan_language(*checked.plan) == Language::zh);
  CHECK(mandate::parse_language("fr") == std::nullopt);
  const std::string summary = mandate::render_summary(*checked.plan, Language::zh);
  CHECK(contains(summary, "工作阶段，按日期（2）"));
  CHECK(contains(summary, "截止 03-20；责任主体：各镇办"));
  CHECK(contains(summary, "取消年度评先资格"));
  CHECK(mandate::render_summary(*checked.plan) ==
        mandate::render_summary(*checked.plan, Language::en));
  CHECK(contains(mandate::render_summary(*checked.plan), "Stages by date (2)"));
}
