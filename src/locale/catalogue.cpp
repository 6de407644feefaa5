// The message catalogue (decision 0045): every word a report shows in
// Chinese or English, in one place. Evaluation writes its explanations in
// English; the Chinese forms of the common lines are listed here as
// patterns over those lines, so that src/evaluate/ keeps one wording.
#include <mandate/locale.hpp>

#include "locale/words.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <regex>

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

/// The longest run of literal text in a pattern outside its groups: a line
/// without it cannot match, and looking for it is much cheaper than the
/// regular expression (a report has thousands of lines).
std::string longest_literal(std::string_view regex) {
  std::string best;
  std::string run;
  int depth = 0;
  const auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  for (std::size_t i = 0; i < regex.size(); ++i) {
    const char c = regex[i];
    if (c == '\\' && i + 1 < regex.size()) {
      const char next = regex[++i];
      if (depth == 0 && (next == '(' || next == ')' || next == '.'))
        run += next;
      else
        end_run();  // \S, \d: not literal
    } else if (c == '(') {
      end_run();
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && c != '^' && c != '$') {
      run += c;
    }
  }
  end_run();
  return best;
}

struct Pattern {
  std::string needle;  // longest_literal(english)
  std::regex english;
  const char* zh;  // std::regex_replace format: $1, $2, …
};

Pattern pattern(const char* english, const char* zh) {
  return Pattern{longest_literal(english),
                 std::regex(english, std::regex::ECMAScript | std::regex::optimize), zh};
}

/// Explanation lines, as src/evaluate/ words them, and their Chinese.
const std::vector<Pattern>& explanation_patterns() {
  static const std::vector<Pattern> patterns = [] {
    const auto p = pattern;
    return std::vector<Pattern>{
        p(R"(^(.+) delivered on (\S+): on time$)", "$1于$2报送，按期"),
        p(R"(^(.+) delivered on (\S+): (\d+) days? late$)", "$1于$2报送，逾期$3天"),
        p(R"(^(.+) not delivered yet; (\d+) days? left$)", "$1尚未报送，剩$2天"),
        p(R"(^no (.+) from (\S+) by (\S+) \(as of (\S+)\)$)", "截至$4，未见$2于$3前报送$1"),
        p(R"(^(.+) was delivered on (\S+), before the period opened on (\S+): it does not count$)",
          "$1于$2报送，早于期间开始日$3，不予计入"),
        // The duty of a stage: recurring (for a period), for a programme, counted.
        p(R"(^(\S+) must deliver (.+) to (\S+) for (\S+) by (\S+) \(the last day\) for (\S+)$)",
          "$1须于$5（含当日）前向$3报送$4的$2（$6）"),
        p(R"(^(\S+) must deliver (.+) to (\S+) for (\S+) by (\S+) \(the last day\)$)",
          "$1须于$5（含当日）前向$3报送$4的$2"),
        p(R"(^(\S+) must deliver (.+) for (\S+) by (\S+) \(the last day\) for (\S+)$)",
          "$1须于$4（含当日）前报送$3的$2（$5）"),
        p(R"(^(\S+) must deliver (.+) for (\S+) by (\S+) \(the last day\)$)",
          "$1须于$4（含当日）前报送$3的$2"),
        p(R"(^(\S+) must deliver (.+) to (\S+) by (\S+) \(the last day\) for (\S+)$)",
          "$1须于$4（含当日）前向$3报送$2（$5）"),
        p(R"(^(\S+) must deliver (.+) by (\S+) \(the last day\) for (\S+)$)",
          "$1须于$3（含当日）前报送$2（$4）"),
        p(R"(^(\S+) must deliver (.+) to (\S+) at least (\d+) times? in (\S+) \((\S+)\.\.(\S+)\)$)",
          "$1须在$5（$6至$7）向$3报送$2至少$4次"),
        p(R"(^(\S+) must deliver (.+) at least (\d+) times? in (\S+) \((\S+)\.\.(\S+)\)$)",
          "$1须在$4（$5至$6）报送$2至少$3次"),
        p(R"(^(\S+) must deliver (.+) to (\S+) by (\S+) \(the last day\)$)",
          "$1须于$4（含当日）前向$3报送$2"),
        p(R"(^(\S+) must deliver (.+) by (\S+) \(the last day\)$)", "$1须于$3（含当日）前报送$2"),
        p(R"(^(\S+) must deliver (.+) by (\S+)$)", "$1须于$3前报送$2"),
        p(R"(^(.+): no body is obliged in (\d+)$)", "$1：$2年无责任主体"),
        p(R"(^no record of the campaign in (\d+) \(as of (\S+)\)$)", "截至$2，无$1年的活动记录"),
        p(R"(^(.+) must start between (\S+) and (\S+) and last (\d+) days$)",
          "$1须在$2至$3之间启动，持续$4天"),
        p(R"(^(.+) not completed in (\d+) before (\S+)$)", "$1未在$2年$3前完成"),
        p(R"(^(.+) completed on (\S+)$)", "$1于$2完成"),
        p(R"(^(\S+) holds (\S+) in (\d+)$)", "$1在$3年持有$2"),
        p(R"(^no fact records (\S+) holding (\S+) in (\d+)$)", "无事实表明$1在$3年持有$2"),
        p(R"(^(\S+) recommended (\S+) on (\S+): a candidate must already hold (\S+)$)",
          "$1于$3推荐$2：推荐对象须已获得$4"),
        p(R"(^loses award eligibility for (\d+)$)", "取消$1年度评先资格"),
        p(R"(^award eligibility for (\d+) removed by (.+)$)", "$1年度评先资格因$2被取消"),
        p(R"(^(.+): known only from (\S+), after the evaluation date$)",
          "$1：$2方可知悉，晚于评估日期"),
        p(R"(^parameter (\S+) = (.+)$)", "参数 $1 = $2"),
        // Conditions: the formula as written, its value in words.
        p(R"(^(.+) → true \(the other side is not needed\)$)", "$1 → 是（另一侧无需计算）"),
        p(R"(^(.+) → false \(the other side is not needed\)$)", "$1 → 否（另一侧无需计算）"),
        p(R"(^\(any of these\) → true$)", "（以下任一条件）→ 是"),
        p(R"(^\(any of these\) → false$)", "（以下任一条件）→ 否"),
        p(R"(^(.+) → true$)", "$1 → 是"),
        p(R"(^(.+) → false$)", "$1 → 否"),
        p(R"(^(.+): (\d+) of (\d+) allowed$)", "$1：$2个，限额$3个"),
        p(R"(^average of (\S+) over (\S+) \((\d+) members\) in (\d+) = (.+) \(published\)$)",
          "$4年$2（$3个）的$1平均值 = $5（公布数）"),
        p(R"(^(\S+) has (\d+) members \(published with (\S+); the facts and the plan name (\d+)\)$)",
          "$1共$2个（随$3公布；事实和方案列出$4个）"),
        p(R"(^(\S+) of (\S+) in (\d+) = (.+)$)", "$3年$2的$1 = $4"),
        p(R"(^(.+) \((\S+)\) needs (\S+) first$)", "$1（$2）须先完成$3"),
        p(R"(^(\S+) completed only on (\S+), after (\S+) on (\S+)$)", "$1迟至$2才完成，晚于$4的$3"),
        p(R"(^(.+): at most (\d+)$)", "$1：至多$2个"),
        p(R"(^(.+) of (\S+) by (\S+) in (\d+): (\d+)$)", "$4年$3对$2的$1：$5次"),
    };
  }();
  return patterns;
}

/// Facts, as src/evaluate/ cites them, and their Chinese.
const std::vector<Pattern>& fact_patterns() {
  static const std::vector<Pattern> patterns = [] {
    const auto p = pattern;
    return std::vector<Pattern>{
        p(R"(^(\S+) (\S+) to (\S+) on (\S+)$)", "$1：$2于$4报送$3"),
        p(R"(^(\S+) (\S+) by (\S+) on (\S+)$)", "$1：$3于$4对$2"),
        p(R"(^(\S+) (\S+) on (\S+)$)", "$1：$2，$3"),
        p(R"(^measure (\S+) (\S+) (\d+) = (.+)$)", "测量值：$3年$2的$1 = $4"),
        p(R"(^published average (\S+) (\S+) (\d+) = (.+)$)", "公布值：$3年$2的$1平均值 = $4"),
        p(R"(^published rank (\S+) (\S+) (\S+) (\d+)$)", "公布值：$4年$3在$2中的$1排名"),
        p(R"(^published size (\S+) (\S+) (\d+)$)", "公布值：$3年$2的总数（随$1公布）"),
    };
  }();
  return patterns;
}

std::string translate(std::string_view text, const std::vector<Pattern>& patterns) {
  const std::string line(text);
  for (const Pattern& p : patterns)
    if (line.find(p.needle) != std::string::npos && std::regex_match(line, p.english))
      return std::regex_replace(line, p.english, p.zh);
  return line;
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
    if (outcome == Outcome::unknown && !verdict.missing.empty())
      return fmt::format("待定（缺少：{}）", fmt::join(verdict.missing, "；"));
  }
  std::string text(outcome_label(outcome, verdict.kind, language));
  if (verdict.days) text += days_text(*verdict.days, outcome, language);
  return text;
}

std::string consequence_text(const ConsequenceOutcome& consequence, Language language) {
  if (language == Language::en) return consequence.kind + ": " + consequence.detail;
  static const std::regex points(R"(^(\d+(?:\.\d+)?) points?(.*)$)");
  static const std::regex addressed(R"(^(?:to|by) (.+)$)");
  std::string_view kind = consequence.kind;
  if (kind == "disqualify")
    kind = "取消评先资格";
  else if (kind == "deduct")
    kind = "扣分";
  else if (kind == "refer")
    kind = "移交";
  else if (kind == "notice")
    kind = "通报";
  std::string detail = std::regex_replace(consequence.detail, points, "$1分$2");
  detail = std::regex_replace(detail, addressed, "$1");
  return fmt::format("{}：{}", kind, detail);
}

std::string explanation_text(std::string_view text, Language language) {
  if (language == Language::en || text.empty()) return std::string(text);
  return translate(text, explanation_patterns());
}

std::string fact_text(std::string_view text, Language language) {
  if (language == Language::en || text.empty()) return std::string(text);
  return translate(text, fact_patterns());
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
      "\nTargets ({})\n",
      "\nGoals (progress only, never a violation) ({})\n",
      "      require {}{}\n",
      " by ",
      " every year",
      "\nSanctions ({})\n",
      "  {}{}\n      subject {}; when {}\n",
      "loses award eligibility for the year",
      "points deducted: ",
      "referred for accountability to ",
      "a notice (通报) by ",
      "\nAwards ({})\n",
      "  {}{}: {} by {}{}\n",
      ", unless disqualified",
      "\nQuotas ({})\n",
      "      共计 (checked): {}\n",
      "\nParameters ({}), overridable at evaluation time\n",
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
      "\n目标任务（{}）\n",
      "\n争创目标（只报告进度，不计违规）（{}）\n",
      "      要求 {}{}\n",
      "，考核日 ",
      "，每年考核",
      "\n问责（{}）\n",
      "  {}{}\n      对象 {}；条件 {}\n",
      "取消年度评先资格",
      "扣分：",
      "移交问责：",
      "通报：",
      "\n表彰（{}）\n",
      "  {}{}：{}，授予机关 {}{}\n",
      "，受问责则取消",
      "\n配额（{}）\n",
      "      共计（已核对）：{}\n",
      "\n参数（{}），评估时可调整\n",
  };
  return language == Language::zh ? chinese : english;
}

const ScenarioWords& scenario_words(Language language) noexcept {
  static constexpr ScenarioWords english{"PASS", "FAIL", "error", "{} passed, {} failed\n"};
  static constexpr ScenarioWords chinese{"通过", "未通过", "错误", "通过 {} 项，未通过 {} 项\n"};
  return language == Language::zh ? chinese : english;
}

}  // namespace mandate::locale_detail
