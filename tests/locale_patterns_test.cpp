// Tests of the catalogue's sentence patterns (src/locale/patterns.hpp,
// decision 0057): the matcher, and the Chinese of each family of lines the
// evaluator writes — deadlines, campaigns, conditions, populations, ranks,
// averages, counts, scores, missing facts, consequences.
#include <mandate/locale.hpp>

#include "locale/patterns.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using mandate::Language;
using mandate::locale_detail::PatternSet;

namespace {

std::string zh(std::string_view line) { return mandate::explanation_text(line, Language::zh); }

}  // namespace

TEST_CASE("locale patterns: holes, greedy matching, and the Chinese holes") {
  const PatternSet set{
      {"{1} delivered on {2:w}: {3:d} day(s) late", "{1}于{2}报送，逾期{3}天"},
      {"{1:b}: {2} → {3}", "{1}：{2:v} → {3:v}"},
      {"{1} of {2:w} in {3:w}: {4:d}", "{3:p}{2}的{1:s}：{4}次"},
      {"rank of {1} in {2:w} = {3:d} ({4:w})", "{2:p}{1}{4:f}第{3}（{4:v}）"},
      {"{1:w} for {2:w} · {3:w}", "{1}：{2} · {3:o}"},
      {"held: {1}", "{1:l}"},
      {"too short", "时长不足"},
  };
  CHECK(set.translate("创建方案 delivered on 2018-03-23: 3 days late") ==
        "创建方案于2018-03-23报送，逾期3天");
  CHECK(set.translate("创建方案 delivered on 2018-03-21: 1 day late") ==
        "创建方案于2018-03-21报送，逾期1天");
  // {2:w} takes no space, {3:d} only digits: these lines are not of the form.
  CHECK_FALSE(set.translate("创建方案 delivered on 18 March: 3 days late"));
  CHECK_FALSE(set.translate("创建方案 delivered on 2018-03-23: three days late"));
  // The first hole takes the longest text that lets the rest match; a
  // formula hole ({N:b}) never ends inside parentheses, where a named
  // argument's ": " is.
  CHECK(set.translate("a: b: 1 < 2 → true") == "a: b：1 < 2 → 是");
  CHECK(set.translate("average(m, over: 全市镇办) < 90%: unknown < 90% → unknown") ==
        "average(m, over: 全市镇办) < 90%：未知 < 90% → 未知");
  CHECK_FALSE(set.translate("f(x, over: 全市镇办) → true"));
  // {N:s}: a list; {N:p}: a year as 2018年, a part of one as it is.
  CHECK(set.translate("通报 or 约谈 of 丹凤县 in 2018: 2") == "2018年丹凤县的通报或约谈：2次");
  CHECK(set.translate("创建方案, 创建标准 of 丹凤县 in 2018-Q1: 0") ==
        "2018-Q1丹凤县的创建方案、创建标准：0次");
  // {N:f} a function, {N:o} an outcome, {N:l} a line of its own.
  CHECK(set.translate("rank of 两率一度 in 2018 = 3 (average)") ==
        "2018年两率一度平均值第3（average）");
  CHECK(set.translate("−2 for 季度报告报送 · missed") == "−2：季度报告报送 · 未完成");
  CHECK(set.translate("held: too short") == "时长不足");
  CHECK(set.translate("held: something else") == "something else");
  CHECK_FALSE(set.translate(""));
  // A pattern that does not read is an error when the set is built.
  CHECK_THROWS_AS(PatternSet({{"{2} late", "{2}"}}), std::logic_error);
  CHECK_THROWS_AS(PatternSet({{"{1}{2} late", "{1}"}}), std::logic_error);
  CHECK_THROWS_AS(PatternSet({{"{1} late", "{3}"}}), std::logic_error);
  CHECK_THROWS_AS(PatternSet({{"{1:x} late", "{1}"}}), std::logic_error);
  CHECK_THROWS_AS(PatternSet({{"{1} late", "{1:x}"}}), std::logic_error);
}

TEST_CASE("locale patterns: the catalogue's sets build, and each pattern has text to look for") {
  using namespace mandate::locale_detail;
  for (const PatternSet* set : {&explanation_patterns(), &fact_patterns(), &missing_patterns(),
                                &consequence_patterns(), &detail_patterns()})
    for (const std::string_view needle : set->needles()) {
      CAPTURE(needle);
      CHECK(needle.size() >= 2);
    }
  // Nearly every pattern is filed under a word of its own, so that a line
  // is tried against a handful: the generic forms of conditions are not.
  CHECK(explanation_patterns().size() > 100);
  CHECK(explanation_patterns().without_words() <= 6);
}

TEST_CASE("locale patterns: conditions keep the plan's formula and say its values in Chinese") {
  CHECK(zh("覆盖率 >= 100%: unknown >= 100% → unknown") == "覆盖率 >= 100%：未知 >= 100% → 未知");
  CHECK(zh("两率一度 < average(两率一度, over: 县区排名范围, source: 平均值来源): 91.8% < 89.7% → "
           "false") ==
        "两率一度 < average(两率一度, over: 县区排名范围, source: 平均值来源)：91.8% < 89.7% → 否");
  CHECK(zh("两率一度综合评分 and 两率一度 < average(两率一度, over: 镇办排名范围, source: "
           "平均值来源) "
           "→ true") ==
        "两率一度综合评分 and 两率一度 < average(两率一度, over: 镇办排名范围, source: 平均值来源) "
        "→ 是");
  CHECK(zh("(all of these) → unknown") == "（以下全部条件）→ 未知");
  CHECK(zh("previous(断面达标率, 4) (in 2019-Q1) = 100%") ==
        "previous(断面达标率, 4)（2019-Q1）= 100%");
  CHECK(zh("previous(倒数名次) (in 2018) = unknown") == "previous(倒数名次)（2018年）= 未知");
  CHECK(zh("m = 公众安全感: true") == "m = 公众安全感：是");
  CHECK(zh("all(m in 两率一度指标 where rank(m, among: 全省地市) <= 全省前列名次): unknown") ==
        "all(m in 两率一度指标 where rank(m, among: 全省地市) <= 全省前列名次)：未知");
  // A metric defined by a formula: the formula as written, even its words.
  CHECK(zh("倒数名次 of 双庙镇 in 2019 = rank(考核得分, among: 全县各镇, order: ascending) = 1") ==
        "2019年双庙镇的倒数名次 = rank(考核得分, among: 全县各镇, order: ascending) = 1");
  CHECK(zh("superior(self) = 城关镇 (no reports_to: the unit above)") ==
        "superior(self) = 城关镇（未列报送对象，取上一级单位）");
  CHECK(zh("sanction 市级单位创建不力 for 商洛学院 in 2018: count(组织不力) >= 1") ==
        "问责“市级单位创建不力”（商洛学院，2018年）：count(组织不力) >= 1");
  CHECK(zh("target 季度水质达标 for 松林县 in 2020-Q1: 断面达标率 >= 季度达标目标") ==
        "目标任务“季度水质达标”（松林县，2020-Q1）：断面达标率 >= 季度达标目标");
  CHECK(zh("goal 全国综治优秀市 for 商洛市 in 2018: holds(全国社会治安综合治理工作优秀市) "
           "(assessed at "
           "2020-12-31)") ==
        "争创目标“全国综治优秀市”（商洛市，2018年）：holds(全国社会治安综合治理工作优秀市)（考核日"
        "2020-12-31）");
}

TEST_CASE("locale patterns: populations, ranks, averages and counts") {
  CHECK(
      zh("rank of 双庙镇 by 考核得分 among 全县各镇 in 2019 = 1 of 8 (ascending, ties min; "
         "computed "
         "over 8 of 8)") ==
      "2019年双庙镇的考核得分在全县各镇中排名第1，共8个（升序，并列名次取 min；按8个中的8个计算）");
  CHECK(zh("rank of 商洛市 by 公众安全感 among 全省地市 in 2018 = 2 of 11 (published)") ==
        "2018年商洛市的公众安全感在全省地市中排名第2，共11个（公布数）");
  CHECK(zh("average of 两率一度 over 全市镇办 in 2018 = 94.5163% (computed over 98 of 98)") ==
        "2018年全市镇办的两率一度平均值 = 94.5163%（按98个中的98个计算）");
  CHECK(zh("average of 两率一度 over 全省县区 in 2018: unknown (source: published, and none is "
           "published)") == "2018年全省县区的两率一度平均值：未知（来源为公布数，但未见公布）");
  CHECK(zh("rank of 公众安全感 over 全省地市 in 2018: unknown (全省地市 has 11 members (declared "
           "in the "
           "plan; the facts and the plan name 1); computing needs every member)") ==
        "2018年全省地市的公众安全感排名：未知（全省地市共11个（方案所定；事实和方案列出1个）；"
        "计算需要每个成员的数据）");
  CHECK(zh("rank of 考核得分 over 全县各镇 in 2018: unknown (0 of 8 values known)") ==
        "2018年全县各镇的考核得分排名：未知（8个中仅0个有数据）");
  CHECK(
      zh("县区排名范围 has 107 members (published with 两率一度; the facts and the plan name 8)") ==
      "县区排名范围共107个（随两率一度公布；事实和方案列出8个）");
  CHECK(zh("通报 or 约谈 of 丹凤县 by 市综治委 within any 365 days ending in 2018: 0") ==
        "市综治委对丹凤县的通报或约谈：截至2018年的任意365天内0次");
  CHECK(zh("组织不力 of 商洛学院 in 2018: 0") == "2018年商洛学院的组织不力：0次");
  CHECK(zh("measure 参与数 of 优秀平安志愿者（红袖章） for 2018: missing") ==
        "2018年优秀平安志愿者（红袖章）的参与数：无数据");
  CHECK(zh("断面达标率 of 松林县 in 2018-Q1 = 达标断面数 / 考核断面数 = unknown") ==
        "2018-Q1松林县的断面达标率 = 达标断面数 / 考核断面数 = 未知");
  CHECK(zh("商洛高新区（商丹园区） · 平安街道: at most none (—)") ==
        "商洛高新区（商丹园区） · 平安街道：无名额（—）");
}

TEST_CASE("locale patterns: deadlines, periods, campaigns, titles and scores") {
  CHECK(zh("季度工作报告 delivered on 2019-07-22: 12 days late (for 2019-Q2, as the facts say)") ==
        "季度工作报告于2019-07-22报送，逾期12天（据事实，属2019-Q2）");
  CHECK(zh("县级检查: 1 in 2019-Q1 (1 needed)") == "县级检查：2019-Q1共1次（须1次）");
  CHECK(zh("一般隐患整改完成 delivered on 2019-06-12 answers 2019 (the period with the nearest "
           "deadline that had no delivery)") ==
        "一般隐患整改完成于2019-06-12报送，计入2019年（截止日最近且尚无报送的期间）");
  CHECK(
      zh("no holiday calendar for 2018 in the facts: only Saturdays and Sundays move a deadline") ==
      "事实中无2018年的节假日安排：仅周六、周日顺延截止日");
  CHECK(zh("deadline 2018-03-31 is not a working day: moved to 2018-04-02 (节假日顺延)") ==
        "截止日2018-03-31不是工作日：顺延至2018-04-02（节假日顺延）");
  CHECK(zh("parameter 后N位 = 5 (overridden)") == "参数 后N位 = 5（本次调整）");
  CHECK(zh("held from 2018-09-15 to 2018-10-01: 17 days: too short") ==
        "2018-09-15至2018-10-01开展，共17天：时长不足");
  CHECK(zh("商洛市 holds 全省社会治安综合治理工作优秀市 in 2018 only from 2019-01-22, after the "
           "evaluation date 2018-12-31: not known yet") ==
        "商洛市自2019-01-22起才持有2018年的全省社会治安综合治理工作优秀市，晚于评估日期2018-12-31："
        "尚不可知");
  CHECK(zh("no fact records 云镇村 holding 县区级命名 in 2018 or before") ==
        "无事实表明云镇村在2018年或之前持有县区级命名");
  CHECK(zh("eligibility cannot be confirmed: a sanction that would remove it is unknown") ==
        "评先资格尚不能确认：可能取消该资格的问责结论待定");
  CHECK(zh("deduct 0 (nothing) (at most 6) [K3 三(二)1]") ==
        "扣0分（无扣分事项；至多6分）[K3 三(二)1]");
  CHECK(zh("add 1 [C1 四(一)]") == "加1分 [C1 四(一)]");
  CHECK(zh("−1 for 季度报告报送 · 2019-Q2 · late (12 days)") ==
        "−1：季度报告报送 · 2019-Q2 · 逾期（12天）");
  CHECK(zh("−5 for 重点项目完成率 < 100%") == "−5：因 重点项目完成率 < 100%");
  // A form the catalogue does not have stays as written.
  CHECK(zh("a sentence of a future evaluator") == "a sentence of a future evaluator");
}

TEST_CASE("locale patterns: missing facts, consequences, details and cited facts") {
  const auto missing = [](std::string_view text) {
    return mandate::missing_text(text, Language::zh);
  };
  CHECK(missing("measure 考核扣分分值 of 商洛市 for 2018") == "2018年商洛市的考核扣分分值数据");
  CHECK(missing("the size of 全省县区 in 2018") == "2018年全省县区的成员总数");
  CHECK(missing("published average of 两率一度 over 全省县区 for 2018") ==
        "2018年全省县区的两率一度公布平均值");
  CHECK(missing("季度报告报送 · 2018 · unknown") == "季度报告报送 · 2018 · unknown");
  CHECK(mandate::missing_text("the size of 全省县区 in 2018", Language::en) ==
        "the size of 全省县区 in 2018");
  mandate::Verdict unknown;
  unknown.kind = mandate::VerdictKind::sanction;
  unknown.outcome = mandate::Outcome::unknown;
  unknown.missing = {"measure 两率一度 of 商州区 for 2018", "the size of 全省县区 in 2018"};
  CHECK(mandate::outcome_text(unknown, Language::zh) ==
        "待定（缺少：2018年商州区的两率一度数据；2018年全省县区的成员总数）");

  const auto consequence = [](std::string kind, std::string detail) {
    return mandate::consequence_text({std::move(kind), std::move(detail)}, Language::zh);
  };
  CHECK(consequence("deduct",
                    "points deducted in the annual assessment; amount not set (分值未定)") ==
        "扣分：在年度责任考核中扣分（分值未定）");
  CHECK(consequence("refer",
                    "referred for accountability to 市委 (a referral with its reasons; the "
                    "decision is theirs)") == "移交：移交市委追责（附理由移交，由其决定）");
  CHECK(consequence("notice", "a notice (通报) by 县考核委员会") == "通报：由县考核委员会通报");
  CHECK(consequence("disqualify", "loses award eligibility for 2018") ==
        "取消评先资格：取消2018年度评先资格");

  const auto detail = [](std::string_view text) {
    return mandate::detail_text(text, Language::zh);
  };
  CHECK(detail("requires 领域方案审定") == "须先完成领域方案审定");
  CHECK(detail("after 一般隐患整改通知 of 2019-03-11 (城关镇〔2019〕03号), due 2019-03-26") ==
        "2019-03-11的一般隐患整改通知（城关镇〔2019〕03号）后，截止2019-03-26");
  CHECK(detail("平安医院 due 2018-04-30") == "平安医院，截止2018-04-30");
  CHECK(detail("plaque by 市委、市政府") == "plaque（市委、市政府授予）");
  CHECK(detail("平安医院") == "平安医院");
  CHECK(mandate::detail_text("requires 领域方案审定", Language::en) == "requires 领域方案审定");

  const auto fact = [](std::string_view text) { return mandate::fact_text(text, Language::zh); };
  CHECK(fact("title 县区级命名 棣花村 2018 conferred 2018-11-10") ==
        "称号：棣花村获2018年县区级命名（2018-11-10授予）");
  CHECK(fact("年度工作总结 城北街道 to 县考核委员会 on 2020-01-12 for 2019") ==
        "年度工作总结：城北街道于2020-01-12报送县考核委员会（属2019年）");
  CHECK(fact("推荐申报 丹凤县 candidate 棣花村 on 2018-11-23") ==
        "推荐申报：丹凤县于2018-11-23推荐棣花村");
}

TEST_CASE("locale patterns: the rarer lines of the evaluator, as it words them") {
  CHECK(zh("工作汇报 delivered on 2019-01-05 is for 2018-Q4, which is no period of this stage: it "
           "does not count") ==
        "工作汇报于2019-01-05报送，所属期间2018-Q4不是本阶段的期间，不予计入");
  CHECK(zh("年度总结 was delivered on 2017-12-20, before the on-time window of 2018 opened on "
           "2018-01-01: it does not count") ==
        "年度总结于2017-12-20报送，早于2018年按期报送窗口的开始日2018-01-01，不予计入");
  CHECK(zh("部门年度总结: no body is obliged in 2018") == "部门年度总结：2018年无责任主体");
  CHECK(zh("市级示范点: 3, the limit unknown") == "市级示范点：3个，限额未知");
  CHECK(zh("丹凤县 · 平安单位: at most 示范点数 (unknown)") ==
        "丹凤县 · 平安单位：至多示范点数个（未知）");
  CHECK(zh("rank of 双庙镇 by 考核得分 then 否决事项数 among 全县各镇 in 2019 = 2 of 8 "
           "(descending)") ==
        "2019年双庙镇按考核得分、再按否决事项数在全县各镇中排名第2，共8个（降序）");
  CHECK(zh("average(断面达标率, across: quarter) in 2019 (2019-Q1..2019-Q4) = 85%") ==
        "average(断面达标率, across: quarter)（2019年，2019-Q1至2019-Q4）= 85%");
  CHECK(zh("in 2019-Q1: unknown") == "2019-Q1：未知");
  CHECK(zh("全市镇办 has 98 members (those the plan and the facts declare)") ==
        "全市镇办共98个（方案和事实所列）");
  CHECK(zh("held from 2019-09-15 to 2019-09-20: 6 days so far: still running") ==
        "2019-09-15起开展，截至2019-09-20已6天：仍在进行");
  CHECK(zh("held from 2018-09-10 to 2018-09-12: 3 days: started outside the window") ==
        "2018-09-10至2018-09-12开展，共3天：未在规定期间启动");
  CHECK(zh("count(c in 商洛县区 where holds(全省平安建设示范县（区）, c)) = 0 (not every member is "
           "known)") ==
        "count(c in 商洛县区 where holds(全省平安建设示范县（区）, c)) = 0（并非每个成员都已知）");
  CHECK(zh("四皓社区 holds 县区级命名 for 2018 only from 2018-11-28, after the recommendation on "
           "2018-11-26") == "四皓社区自2018-11-28起才持有2018年的县区级命名，晚于2018-11-26的推荐");
  CHECK(
      zh("市综治委 must deliver 听取汇报 to 市委 at least 2 times in 2018 (2018-01-01..2018-12-31) "
         "for 平安医院") ==
      "市综治委须在2018年（2018-01-01至2018-12-31）向市委报送听取汇报至少2次（平安医院）");
  CHECK(zh("measure 两率一度 of 商州区 for 2018: known only from 2019-04-02, after the evaluation "
           "date") == "2018年商州区的两率一度数据：2019-04-02方可知悉，晚于评估日期");
  const auto missing = [](std::string_view text) {
    return mandate::missing_text(text, Language::zh);
  };
  CHECK(missing("a non-zero 考核断面数 (it is 0, so 达标断面数 / 考核断面数 has no value)") ==
        "不为零的考核断面数（其值为0，达标断面数 / 考核断面数无法计算）");
  CHECK(missing("the body above of 西街村") == "西街村的上级单位");
  CHECK(missing("average(率, across: week) in 2019-Q2: 2019-Q2 is not made of weeks") ==
        "average(率, across: week)（2019-Q2）：2019-Q2不能按week划分");
  CHECK(missing("the body it reports to of 西街村") == "西街村的报送对象");
  CHECK(missing("the members of 全省县区") == "全省县区的成员");
  CHECK(missing("商州区 as a member of 全省县区") == "全省县区成员商州区的数据");
  CHECK(missing("the other 99 of the 107 members of 全省县区 (the plan and the facts name 8)") ==
        "全省县区其余99个成员的数据（共107个，方案和事实列出8个）");
  CHECK(missing("published rank of 商州区 by 两率一度 among 全省县区 for 2018") ==
        "2018年商州区的两率一度在全省县区中的公布排名");
  CHECK(missing("the verdicts of 季度报告报送 for 2018, which is outside the plan's period") ==
        "季度报告报送在2018年的结论（不在方案期限内）");
  const auto fact = [](std::string_view text) { return mandate::fact_text(text, Language::zh); };
  CHECK(fact("calendar 2018-04-07 holiday 清明节 (国办发明电〔2017〕12号)") ==
        "节假日安排：2018-04-07 清明节（国办发明电〔2017〕12号）");
  CHECK(fact("measure 两率一度 商州区 2018 = 91.2") == "测量值：2018年商州区的两率一度 = 91.2");
  // A title held per programme (issue 13 §1: the naming of the brand recommended).
  CHECK(zh("棣花村 holds 县区级命名 (平安村（社区）) in 2018") ==
        "棣花村在2018年持有县区级命名 (平安村（社区）)");
  CHECK(zh("县区级命名 is held per programme; the recommendation names only the group "
           "县区推荐品牌") == "县区级命名按创建项目分别持有；推荐只写明了项目组县区推荐品牌");
  CHECK(missing("the programme of 推荐申报 of 北关村 by 商州区 on 2018-11-26") ==
        "商州区于2018-11-26的推荐申报（推荐北关村）所针对的创建项目");
  CHECK(fact("title 县区级命名 (平安村（社区）) 棣花村 2018 conferred 2018-11-10") ==
        "称号：棣花村获2018年县区级命名 (平安村（社区）)（2018-11-10授予）");
}
