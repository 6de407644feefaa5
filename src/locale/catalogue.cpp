// The message catalogue (decision 0045): every word a report shows in
// Chinese or English, in one place. Evaluation writes its explanations in
// English; their Chinese forms are sentence patterns over those lines
// (explanations.cpp, decision 0057), so that src/evaluate/ keeps one wording.
#include <mandate/locale.hpp>

#include "locale/patterns.hpp"
#include "locale/words.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace mandate {
namespace {

struct Words {
  Outcome outcome;
  std::string_view zh;
};

// The Chinese word of each outcome; deadlines and campaigns, targets and
// awards have their own words where the generic one would mislead.
constexpr std::array<Words, 23> outcome_zh = {{
    {Outcome::met, "按期完成"},
    {Outcome::late, "逾期完成"},
    {Outcome::missed, "未报送"},
    {Outcome::pending, "待办"},
    {Outcome::early, "提前报送（不计入）"},
    {Outcome::not_applicable, "不适用"},
    {Outcome::too_short, "时长不足"},
    {Outcome::started_outside, "未在规定期间启动"},
    {Outcome::valid, "符合条件"},
    {Outcome::invalid, "不符合条件"},
    {Outcome::not_met, "未达标"},
    {Outcome::on_track, "进度正常"},
    {Outcome::behind, "进度滞后"},
    {Outcome::reached, "已实现"},
    {Outcome::not_reached, "未实现"},
    {Outcome::applies, "适用"},
    {Outcome::does_not_apply, "不适用"},
    {Outcome::granted, "授予"},
    {Outcome::withheld, "取消（因问责）"},
    {Outcome::not_granted, "不授予"},
    {Outcome::within_quota, "未超配额"},
    {Outcome::over_quota, "超出配额"},
    {Outcome::unknown, "待定"},
}};

/// The text in Chinese when a pattern of the set reads it; else as written.
std::string translated(std::string_view text, Language language,
                       const locale_detail::PatternSet& patterns) {
  if (language == Language::en || text.empty()) return std::string(text);
  if (auto chinese = patterns.translate(text)) return std::move(*chinese);
  return std::string(text);
}

std::string days_text(int days, Outcome outcome, Language language) {
  if (language == Language::en)
    return fmt::format(" ({} day{}{})", days, days == 1 ? "" : "s",
                       outcome == Outcome::pending ? " left" : "");
  return outcome == Outcome::pending ? fmt::format("（剩{}天）", days) : fmt::format("{}天", days);
}

}  // namespace

std::optional<Language> parse_language(std::string_view code) noexcept {
  if (code == "en") return Language::en;
  if (code == "zh") return Language::zh;
  return std::nullopt;
}

Language plan_language(const Plan& plan) noexcept {
  return parse_language(plan.metadata.language).value_or(Language::en);
}

std::string_view verdict_kind_label(VerdictKind kind, Language language) noexcept {
  if (language == Language::en) return verdict_kind_name(kind);
  switch (kind) {
    case VerdictKind::deadline:
      return "报送时限";
    case VerdictKind::campaign:
      return "集中活动";
    case VerdictKind::prerequisite:
      return "前置条件";
    case VerdictKind::target:
      return "目标任务";
    case VerdictKind::goal:
      return "争创目标";
    case VerdictKind::sanction:
      return "问责";
    case VerdictKind::award:
      return "表彰";
    case VerdictKind::quota:
      return "配额";
  }
  return "?";
}

std::string_view outcome_label(Outcome outcome, VerdictKind kind, Language language) noexcept {
  if (language == Language::en) return outcome_name(outcome);
  const bool duty = kind == VerdictKind::target || kind == VerdictKind::goal;
  if (outcome == Outcome::met && duty) return "达标";
  if (outcome == Outcome::met && kind == VerdictKind::campaign) return "按要求开展";
  if (outcome == Outcome::missed && kind == VerdictKind::campaign) return "未开展";
  if (outcome == Outcome::late && kind == VerdictKind::campaign) return "逾期开展";
  for (const Words& words : outcome_zh)
    if (words.outcome == outcome) return words.zh;
  return "?";
}

std::string outcome_text(const Verdict& verdict, Language language) {
  const Outcome outcome = verdict.outcome;
  if (language == Language::zh) {
    // 逾期3天 rather than 逾期完成3天; 待定（缺少：…） names what is missing.
    if (verdict.days && outcome == Outcome::late)
      return "逾期" + days_text(*verdict.days, outcome, language);
    if (outcome == Outcome::unknown && !verdict.missing.empty()) {
      std::string text = "待定（缺少：";
      for (std::size_t i = 0; i < verdict.missing.size(); ++i)
        text += (i == 0 ? "" : "；") + missing_text(verdict.missing[i], language);
      return text + "）";
    }
  }
  std::string text(outcome_label(outcome, verdict.kind, language));
  if (verdict.days) text += days_text(*verdict.days, outcome, language);
  return text;
}

std::string consequence_text(const ConsequenceOutcome& consequence, Language language) {
  if (language == Language::en) return consequence.kind + ": " + consequence.detail;
  std::string_view kind = consequence.kind;
  if (kind == "disqualify")
    kind = "取消评先资格";
  else if (kind == "deduct")
    kind = "扣分";
  else if (kind == "refer")
    kind = "移交";
  else if (kind == "notice")
    kind = "通报";
  return fmt::format(
      "{}：{}", kind,
      translated(consequence.detail, language, locale_detail::consequence_patterns()));
}

std::string explanation_text(std::string_view text, Language language) {
  return translated(text, language, locale_detail::explanation_patterns());
}

std::string fact_text(std::string_view text, Language language) {
  return translated(text, language, locale_detail::fact_patterns());
}

std::string missing_text(std::string_view text, Language language) {
  return translated(text, language, locale_detail::missing_patterns());
}

std::string detail_text(std::string_view text, Language language) {
  return translated(text, language, locale_detail::detail_patterns());
}

}  // namespace mandate

namespace mandate::locale_detail {

const ReportWords& report_words(Language language) noexcept {
  static constexpr ReportWords english{
      "《{}》 — years {}, as of {}\n",
      ", ",
      "{} verdicts: {} violations or sanctions, {} unknown\n",
      "parameters overridden: {}\n",
      "; ",
      "withheld by: ",
      "missing: ",
      "escalation: ",
      "fact: ",
      ", inferred",
      ", from the facts",
  };
  static constexpr ReportWords chinese{
      "《{}》——考核年度 {}，评估日期 {}\n",
      "、",
      "共 {} 项结论：违规或问责 {} 项，待定 {} 项\n",
      "调整的参数：{}\n",
      "；",
      "因以下问责取消：",
      "缺少：",
      "逐级督办：",
      "事实：",
      "，推定",
      "，据事实",
  };
  return language == Language::zh ? chinese : english;
}

const SummaryWords& summary_words(Language language) noexcept {
  static constexpr SummaryWords english{
      "  issued by {}",
      " on {:04}-{:02}-{:02}",
      "\n  in effect {}–{}; {} clauses; citations {}\n",
      "required",
      "optional",
      "\nBodies ({})\n",
      "\nProgrammes ({})\n",
      "\nStages by date ({})\n",
      "  {}{}\n      {}; obligated: {}\n",
      "the lead of each programme",
      "due by ",
      "during ",
      "starts within ",
      "lasts ",
      "no date",
      ", ",
      "every {}",
      "due within ",
      " after the period",
      " after each {}",
      "at least ",
      "due by the period's last day",
      "\nTargets ({})\n",
      "\nGoals (progress only, never a violation) ({})\n",
      "      require {}{}\n",
      " by ",
      " every {}",
      "\nSanctions ({})\n",
      "  {}{}\n      subject {}; when {}\n",
      "loses award eligibility for the year",
      "points deducted: ",
      "referred for accountability to ",
      "a notice (通报) by ",
      "\nAwards ({})\n",
      "  {}{}: {} by {}{}{}\n",
      "; tier {}",
      ", unless disqualified",
      ", unless {}",
      "\nQuotas ({})\n",
      "      total (checked): {}\n",
      "\nParameters ({}), overridable at evaluation time\n",
      {"year", "half-year", "quarter", "month", "week"},
  };
  static constexpr SummaryWords chinese{
      "  印发：{}",
      "（{:04}-{:02}-{:02}）",
      "\n  实施期限 {}–{}；条款 {} 项；条款引用{}\n",
      "必备",
      "可选",
      "\n主体（{}）\n",
      "\n创建项目（{}）\n",
      "\n工作阶段，按日期（{}）\n",
      "  {}{}\n      {}；责任主体：{}\n",
      "各项目牵头单位",
      "截止 ",
      "期间 ",
      "启动窗口 ",
      "持续 ",
      "无日期",
      "，",
      "每{}",
      "限期 ",
      "（期满后）",
      "（每次{}后）",
      "至少 ",
      "期末前完成",
      "\n目标任务（{}）\n",
      "\n争创目标（只报告进度，不计违规）（{}）\n",
      "      要求 {}{}\n",
      "，考核日 ",
      "，每{}考核",
      "\n问责（{}）\n",
      "  {}{}\n      对象 {}；条件 {}\n",
      "取消年度评先资格",
      "扣分：",
      "移交问责：",
      "通报：",
      "\n表彰（{}）\n",
      "  {}{}：{}，授予机关 {}{}{}\n",
      "；第{}档",
      "，受问责则取消",
      "，“{}”适用则不予授予",
      "\n配额（{}）\n",
      "      共计（已核对）：{}\n",
      "\n参数（{}），评估时可调整\n",
      {"年", "半年", "季度", "月", "周"},
  };
  return language == Language::zh ? chinese : english;
}

const ScenarioWords& scenario_words(Language language) noexcept {
  static constexpr ScenarioWords english{"PASS", "FAIL", "error", "{} passed, {} failed\n"};
  static constexpr ScenarioWords chinese{"通过", "未通过", "错误", "通过 {} 项，未通过 {} 项\n"};
  return language == Language::zh ? chinese : english;
}

}  // namespace mandate::locale_detail
