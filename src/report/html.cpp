// The evaluation report as one self-contained web page for an office: the
// violations first, grouped by the body that failed, then everything else.
#include <mandate/locale.hpp>
#include <mandate/report.hpp>
#include <mandate/version.hpp>

#include "report/parts.hpp"

#include "support/html.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace mandate {
namespace {

std::string escape(std::string_view text) { return detail::escape_html(text); }

/// Whether a text has a CJK ideograph (U+4E00–U+9FFF: three bytes, E4–E9).
bool has_chinese(std::string_view text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0xE4 && byte <= 0xE9) return true;
  }
  return false;
}

/// The page's own words, in one language; outcomes and their days come from
/// the message catalogue (locale.hpp).
struct Words {
  std::string_view lang, report, years, as_of, generator, plan_digest, facts_digest, unknown;
  std::string_view violations, others, none, body, rule, outcome, all, shown, clauses, days_late,
      days_left, to_do, deliver, supply, consequences, withheld, escalation, explanation, fact,
      counts, verdicts;

  Language language = Language::zh;
};

constexpr Words chinese_words{"zh-CN",      "评估报告", "评估年度", "评估日期", "生成工具",
                              "方案摘要",   "数据摘要", "未知",     "违规事项", "其他结论",
                              "无",         "单位",     "事项",     "结论",     "全部",
                              "显示",       "依据条款", "逾期天数", "剩余天数", "应办事项",
                              "完成并报送", "补报数据", "后果",     "取消原因", "督办链条",
                              "判定依据",   "事实",     "结论统计", "结论总数", Language::zh};
constexpr Words english_words{"en",
                              "evaluation report",
                              "years",
                              "as of",
                              "generator",
                              "plan SHA-256",
                              "facts SHA-256",
                              "unknown",
                              "Violations",
                              "Other verdicts",
                              "none",
                              "body",
                              "rule",
                              "outcome",
                              "all",
                              "shown",
                              "clauses",
                              "days late",
                              "days left",
                              "to do",
                              "deliver",
                              "supply the missing facts",
                              "consequences",
                              "withheld by",
                              "escalation",
                              "explanation",
                              "fact",
                              "counts",
                              "verdicts",
                              Language::en};

void explanation_html(std::string& out, const Explanation& explanation, const Words& words) {
  out += "<li>" + escape(explanation_text(explanation.text, words.language));
  if (!explanation.facts.empty() || !explanation.children.empty()) {
    out += "<ul>";
    for (const FactCitation& fact : explanation.facts)
      out += fmt::format("<li class=\"fact\">{}: {} <span class=\"source\">({})</span></li>",
                         escape(words.fact), escape(fact_text(fact.fact, words.language)),
                         escape(fact.source));
    for (const Explanation& child : explanation.children) explanation_html(out, child, words);
    out += "</ul>";
  }
  out += "</li>";
}

/// What the body has to do about a verdict, in a line.
std::string to_do(const Verdict& verdict, const Words& words) {
  const bool chinese = words.language == Language::zh;
  if (verdict.outcome == Outcome::unknown && !verdict.missing.empty()) {
    std::vector<std::string> missing;
    for (const std::string& fact : verdict.missing)
      missing.push_back(missing_text(fact, words.language));
    return fmt::format("{}: {}", words.supply, fmt::join(missing, chinese ? "；" : "; "));
  }
  if (!verdict.consequences.empty()) {
    std::vector<std::string> parts;
    for (const ConsequenceOutcome& c : verdict.consequences)
      parts.push_back(chinese ? consequence_text(c, words.language) : c.kind + " " + c.detail);
    return fmt::format("{}: {}", words.consequences, fmt::join(parts, chinese ? "；" : "; "));
  }
  if (verdict.kind == VerdictKind::deadline || verdict.kind == VerdictKind::campaign)
    return fmt::format(
        "{} {}{}", words.deliver, verdict.rule,
        verdict.detail.empty() ? "" : " · " + detail_text(verdict.detail, words.language));
  return {};
}

void verdict_html(std::string& out, const Verdict& verdict, const Words& words) {
  const bool violation = is_violation(verdict.outcome);
  out += fmt::format(
      "<article class=\"verdict{}\" data-body=\"{}\" data-rule=\"{}\" data-outcome=\"{}\" "
      "data-kind=\"{}\">\n",
      violation ? " violation" : "", escape(verdict.subject), escape(verdict.rule),
      outcome_name(verdict.outcome), verdict_kind_name(verdict.kind));
  out += fmt::format(
      "<h4><span class=\"outcome\">{}</span> {} <span class=\"period\">{}</span>{}</h4>\n",
      escape(outcome_text(verdict, words.language)), escape(verdict.rule),
      escape(verdict.period.label()),
      verdict.detail.empty() ? "" : " · " + escape(detail_text(verdict.detail, words.language)));
  out += "<dl>";
  const auto item = [&](std::string_view term, const std::string& value, std::string_view cls) {
    if (!value.empty())
      out += fmt::format("<dt>{}</dt><dd class=\"{}\">{}</dd>", escape(term), cls, escape(value));
  };
  item(words.clauses, detail::clauses_text(verdict.citations), "clauses");
  if (verdict.days)
    item(verdict.outcome == Outcome::pending ? words.days_left : words.days_late,
         std::to_string(*verdict.days), "days");
  item(words.to_do, to_do(verdict, words), "todo");
  item(words.withheld, fmt::format("{}", fmt::join(verdict.withheld_by, "; ")), "withheld");
  if (!verdict.escalation.empty()) {
    out += fmt::format("<dt>{}</dt><dd class=\"escalation\"><ol>", escape(words.escalation));
    for (const EscalationLink& link : verdict.escalation)
      out +=
          fmt::format("<li>{} → {} <span class=\"via\">({}{})</span></li>", escape(link.from),
                      escape(link.to), escape(detail::via_text(link)),
                      link.clause.empty() ? "" : ", " + escape(detail::clauses_text(link.clause)));
    out += "</ol></dd>";
  }
  out += "</dl>\n";
  const Explanation& explanation = verdict.explanation;
  if (!explanation.text.empty() || !explanation.facts.empty() || !explanation.children.empty()) {
    out += fmt::format("<details><summary>{}</summary><ul class=\"explanation\">",
                       escape(words.explanation));
    explanation_html(out, explanation, words);
    out += "</ul></details>\n";
  }
  out += "</article>\n";
}

/// The verdicts of one section, grouped by body in order of first appearance.
void section_html(std::string& out, const std::vector<const Verdict*>& verdicts,
                  std::string_view id, std::string_view title, const Words& words) {
  out += fmt::format("<section id=\"{}\"><h2>{} (<span class=\"section-count\">{}</span>)</h2>\n",
                     id, escape(title), verdicts.size());
  if (verdicts.empty()) out += fmt::format("<p class=\"none\">{}</p>\n", escape(words.none));
  std::vector<std::string_view> bodies;
  std::map<std::string_view, std::vector<const Verdict*>> by_body;
  for (const Verdict* verdict : verdicts) {
    auto& list = by_body[verdict->subject];
    if (list.empty()) bodies.push_back(verdict->subject);
    list.push_back(verdict);
  }
  for (const std::string_view body : bodies) {
    out += fmt::format("<div class=\"body\" data-body=\"{}\"><h3>{}</h3>\n", escape(body),
                       escape(body));
    for (const Verdict* verdict : by_body[body]) verdict_html(out, *verdict, words);
    out += "</div>\n";
  }
  out += "</section>\n";
}

void select_html(std::string& out, std::string_view id, std::string_view label,
                 const std::vector<std::pair<std::string, std::string>>& options,
                 const Words& words) {
  out += fmt::format("<label>{} <select id=\"{}\"><option value=\"\">{}</option>", escape(label),
                     id, escape(words.all));
  for (const auto& [value, text] : options)
    out += fmt::format("<option value=\"{}\">{}</option>", escape(value), escape(text));
  out += "</select></label>\n";
}

constexpr std::string_view style = R"(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;max-width:72em}
h1{font-size:1.5em}header dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;font-size:.9em}
.digest{font-family:monospace;font-size:.85em;word-break:break-all}
.left-out{padding:.5em .8em;background:#fff4d6;border-left:4px solid #c80}
#filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc}
#filters label{margin-right:1em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}td.count{text-align:right}
.body{margin:1em 0;padding-left:.5em;border-left:4px solid #ddd}
.verdict{margin:.6em 0;padding:.4em .6em;background:#f7f7f7}
.verdict.violation{background:#fff1f0;border-left:4px solid #c0392b}
.verdict h4{margin:.2em 0}.outcome{font-weight:bold}.verdict.violation .outcome{color:#c0392b}
.verdict dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.3em 0}
.verdict dt{color:#666}.verdict dd{margin:0}.source,.via{color:#666;font-size:.9em}
[hidden]{display:none!important}
)";

// The filters: a verdict is shown when it matches all three; a body with
// nothing shown is hidden too. The URL's fragment may set them.
constexpr std::string_view script = R"(
(function(){
  var ids=['filter-body','filter-rule','filter-outcome'],keys=['body','rule','outcome'];
  function apply(){
    var want=ids.map(function(id){return document.getElementById(id).value;});
    var shown=0;
    document.querySelectorAll('article.verdict').forEach(function(a){
      var ok=keys.every(function(k,i){return !want[i]||a.dataset[k]===want[i];});
      a.hidden=!ok;if(ok)shown++;
    });
    document.querySelectorAll('div.body').forEach(function(d){
      d.hidden=!d.querySelector('article.verdict:not([hidden])');
    });
    document.querySelectorAll('section').forEach(function(s){
      var c=s.querySelectorAll('article.verdict:not([hidden])').length;
      var n=s.querySelector('.section-count');if(n)n.textContent=c;
    });
    document.getElementById('shown').textContent=shown;
  }
  ids.forEach(function(id){document.getElementById(id).addEventListener('change',apply);});
  // A link may choose the filters: page.html#outcome=missed&body=商南县
  location.hash.slice(1).split('&').forEach(function(pair){
    var kv=pair.split('='),i=keys.indexOf(kv[0]);
    if(i<0||kv.length!==2)return;
    var s=document.getElementById(ids[i]),v=decodeURIComponent(kv[1]);
    if(Array.prototype.some.call(s.options,function(o){return o.value===v;}))s.value=v;
  });
  apply();
})();
)";

}  // namespace

std::string render_html(const Report& report, const HtmlOptions& options) {
  const Language language =
      options.language.value_or(has_chinese(report.plan_title) ? Language::zh : Language::en);
  const Words& words = language == Language::zh ? chinese_words : english_words;
  const ReportOrigin& origin = options.origin;

  std::vector<const Verdict*> violations;
  std::vector<const Verdict*> others;
  std::map<Outcome, std::size_t> counts;
  std::vector<std::string_view> bodies;
  std::vector<std::string_view> rules;
  std::set<std::string_view> seen_bodies;
  std::set<std::string_view> seen_rules;
  for (const Verdict& verdict : report.verdicts) {
    (is_violation(verdict.outcome) ? violations : others).push_back(&verdict);
    ++counts[verdict.outcome];
    if (seen_bodies.insert(verdict.subject).second) bodies.push_back(verdict.subject);
    if (seen_rules.insert(verdict.rule).second) rules.push_back(verdict.rule);
  }
  std::sort(bodies.begin(), bodies.end());
  // An outcome's word depends on the kind of verdict (a deadline met is
  // 按期完成, a target met 达标): the count table and the filter use the kind
  // of the first verdict with it.
  std::map<Outcome, VerdictKind> kind_of;
  for (const Verdict& verdict : report.verdicts) kind_of.try_emplace(verdict.outcome, verdict.kind);
  const auto label = [&](Outcome outcome) {
    return std::string(outcome_label(outcome, kind_of.at(outcome), language));
  };

  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"mandate {}\">\n<title>{} — {}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n",
      words.lang, escape(version()), escape(report.plan_title), escape(words.report), style);
  const auto or_unknown = [&](const std::string& text) {
    return escape(text.empty() ? words.unknown : text);
  };
  out += fmt::format(
      "<header>\n<h1>《{}》{}</h1>\n<dl>"
      "<dt>{}</dt><dd id=\"years\">{}</dd><dt>{}</dt><dd id=\"as-of\">{}</dd>"
      "<dt>{}</dt><dd>mandate {}</dd>"
      "<dt>{}</dt><dd class=\"digest\" id=\"plan-sha256\">{}</dd>"
      "<dt>{}</dt><dd class=\"digest\" id=\"facts-sha256\">{}</dd></dl>\n</header>\n",
      escape(report.plan_title), escape(words.report), escape(words.years),
      fmt::join(report.years, ", "), escape(words.as_of), to_string(report.as_of),
      escape(words.generator), escape(version()), escape(words.plan_digest),
      or_unknown(origin.plan_sha256), escape(words.facts_digest), or_unknown(origin.facts_sha256));
  // Facts left out by a load that kept its good rows: before any verdict,
  // for the reader of the page who never saw the load's messages.
  if (origin.facts_rows_left_out > 0)
    out += fmt::format(
        "<p id=\"facts-left-out\" class=\"left-out\">{}</p>\n",
        words.language == Language::zh
            ? fmt::format("注意：有{}行事实数据因错误被拒绝、未予载入，以下结论基于不完整的事实。",
                          origin.facts_rows_left_out)
            : fmt::format("Note: {} fact row(s) were rejected and left out; the verdicts below "
                          "rest on incomplete facts.",
                          origin.facts_rows_left_out));

  out += fmt::format("<section id=\"summary\"><h2>{}</h2>\n<table id=\"counts\">\n",
                     escape(words.counts));
  for (const auto& [outcome, count] : counts)
    out += fmt::format("<tr data-outcome=\"{}\"><td>{}</td><td class=\"count\">{}</td></tr>\n",
                       outcome_name(outcome), escape(label(outcome)), count);
  out += fmt::format("</table>\n<p>{}: <span id=\"total\">{}</span></p>\n</section>\n",
                     escape(words.verdicts), report.verdicts.size());

  out += "<nav id=\"filters\">\n";
  std::vector<std::pair<std::string, std::string>> body_options;
  for (const std::string_view body : bodies) body_options.emplace_back(body, body);
  select_html(out, "filter-body", words.body, body_options, words);
  std::vector<std::pair<std::string, std::string>> rule_options;
  for (const std::string_view rule : rules) rule_options.emplace_back(rule, rule);
  select_html(out, "filter-rule", words.rule, rule_options, words);
  std::vector<std::pair<std::string, std::string>> outcome_options;
  for (const auto& [outcome, count] : counts)
    outcome_options.emplace_back(outcome_name(outcome), label(outcome));
  select_html(out, "filter-outcome", words.outcome, outcome_options, words);
  out += fmt::format("<span>{}: <span id=\"shown\">{}</span></span>\n</nav>\n", escape(words.shown),
                     report.verdicts.size());

  section_html(out, violations, "violations", words.violations, words);
  section_html(out, others, "others", words.others, words);
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", script);
  return out;
}

}  // namespace mandate
