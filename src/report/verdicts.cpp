// Renderers of an evaluation report: text for people, JSON for programs.
#include <mandate/evaluate.hpp>
#include <mandate/locale.hpp>

#include "locale/words.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <map>

namespace mandate {
namespace {

std::string citations_text(const Citations& citations) {
  std::vector<std::string> parts;
  for (const Clause& clause : citations)
    parts.push_back(clause.section.empty() ? clause.id : clause.id + " " + clause.section);
  return fmt::format("{}", fmt::join(parts, "; "));
}

void render_explanation(std::string& out, const Explanation& explanation, int depth,
                        Language language) {
  const std::string indent(static_cast<std::size_t>(depth) * 2 + 6, ' ');
  if (!explanation.text.empty())
    out += fmt::format("{}- {}\n", indent, explanation_text(explanation.text, language));
  for (const FactCitation& fact : explanation.facts)
    out += fmt::format("{}    {}{} ({})\n", indent, locale_detail::report_words(language).fact,
                       fact_text(fact.fact, language), fact.source);
  for (const Explanation& child : explanation.children)
    render_explanation(out, child, explanation.text.empty() ? depth : depth + 1, language);
}

std::string day_text(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

nlohmann::ordered_json explanation_json(const Explanation& explanation, Language language) {
  nlohmann::ordered_json node;
  node["text"] = explanation.text;
  if (language == Language::zh) node["text_zh"] = explanation_text(explanation.text, language);
  if (!explanation.facts.empty()) {
    node["facts"] = nlohmann::ordered_json::array();
    for (const FactCitation& fact : explanation.facts)
      node["facts"].push_back(
          language == Language::zh
              ? nlohmann::ordered_json{{"fact", fact.fact},
                                       {"fact_zh", fact_text(fact.fact, language)},
                                       {"source", fact.source}}
              : nlohmann::ordered_json{{"fact", fact.fact}, {"source", fact.source}});
  }
  if (!explanation.children.empty()) {
    node["because"] = nlohmann::ordered_json::array();
    for (const Explanation& child : explanation.children)
      node["because"].push_back(explanation_json(child, language));
  }
  return node;
}

}  // namespace

std::string render_text(const Report& report, bool with_explanations) {
  return render_text(report, with_explanations, Language::en);
}

std::string render_json(const Report& report) { return render_json(report, Language::en); }

std::string render_text(const Report& report, bool with_explanations, Language language) {
  const locale_detail::ReportWords& words = locale_detail::report_words(language);
  std::string out =
      fmt::format(fmt::runtime(words.header), report.plan_title,
                  fmt::join(report.years, words.year_separator), day_text(report.as_of));
  std::map<std::string, std::size_t> counts;
  std::size_t violations = 0;
  std::size_t unknown = 0;
  for (const Verdict& verdict : report.verdicts) {
    ++counts[std::string(verdict_kind_label(verdict.kind, language)) + " " +
             std::string(outcome_label(verdict.outcome, verdict.kind, language))];
    violations += is_violation(verdict.outcome) ? 1 : 0;
    unknown += verdict.outcome == Outcome::unknown ? 1 : 0;
  }
  out += fmt::format(fmt::runtime(words.totals), report.verdicts.size(), violations, unknown);
  for (const auto& [key, count] : counts) out += fmt::format("  {:<32} {}\n", key, count);
  std::vector<std::string> overridden;
  for (const ParameterValue& parameter : report.parameters)
    if (parameter.overridden) overridden.push_back(parameter.name + " = " + parameter.value);
  if (!overridden.empty())
    out += fmt::format(fmt::runtime(words.overridden), fmt::join(overridden, words.list_separator));

  VerdictKind current = VerdictKind::deadline;
  bool first = true;
  for (const Verdict& verdict : report.verdicts) {
    if (first || verdict.kind != current) {
      out += fmt::format("\n== {}\n", verdict_kind_label(verdict.kind, language));
      current = verdict.kind;
      first = false;
    }
    out += fmt::format("  [{}] {} · {} · {}{} [{}]\n", outcome_text(verdict, language),
                       verdict.rule, verdict.subject, verdict.period.label(),
                       verdict.detail.empty() ? "" : " · " + verdict.detail,
                       citations_text(verdict.citations));
    for (const ConsequenceOutcome& consequence : verdict.consequences)
      out += fmt::format("      → {}\n", consequence_text(consequence, language));
    if (!verdict.withheld_by.empty())
      out += fmt::format("      {}{}\n", words.withheld_by,
                         fmt::join(verdict.withheld_by, words.list_separator));
    if (!verdict.missing.empty())
      out += fmt::format("      {}{}\n", words.missing,
                         fmt::join(verdict.missing, words.list_separator));
    if (!verdict.escalation.empty()) {
      std::vector<std::string> steps;
      for (const EscalationLink& link : verdict.escalation) {
        std::string source;  // the clause that states the link, or "inferred"
        if (!link.clause.empty())
          source = ", " + citations_text(link.clause);
        else if (link.via == "reports_to")
          source = words.inferred;
        steps.push_back(fmt::format("{} → {} ({}{})", link.from, link.to, link.via, source));
      }
      out += fmt::format("      {}{}\n", words.escalation, fmt::join(steps, words.list_separator));
    }
    if (with_explanations) render_explanation(out, verdict.explanation, 0, language);
  }
  return out;
}

std::string render_json(const Report& report, Language language) {
  nlohmann::ordered_json root;
  root["plan"] = report.plan_title;
  root["years"] = report.years;
  root["as_of"] = day_text(report.as_of);
  root["parameters"] = nlohmann::ordered_json::array();
  for (const ParameterValue& parameter : report.parameters)
    root["parameters"].push_back({{"name", parameter.name},
                                  {"value", parameter.value},
                                  {"overridden", parameter.overridden}});
  root["verdicts"] = nlohmann::ordered_json::array();
  for (const Verdict& verdict : report.verdicts) {
    nlohmann::ordered_json node;
    node["kind"] = verdict_kind_name(verdict.kind);
    node["rule"] = verdict.rule;
    node["clauses"] = nlohmann::ordered_json::array();
    for (const Clause& clause : verdict.citations)
      node["clauses"].push_back({{"id", clause.id}, {"section", clause.section}});
    node["subject"] = verdict.subject;
    if (!verdict.detail.empty()) node["detail"] = verdict.detail;
    node["year"] = verdict.year;
    node["period"] = verdict.period.label();
    node["outcome"] = outcome_name(verdict.outcome);
    node["outcome_text"] = outcome_text(verdict, language);
    if (verdict.days) node["days"] = *verdict.days;
    if (!verdict.missing.empty()) node["missing"] = verdict.missing;
    if (!verdict.consequences.empty()) {
      node["consequences"] = nlohmann::ordered_json::array();
      for (const ConsequenceOutcome& c : verdict.consequences)
        node["consequences"].push_back({{"kind", c.kind}, {"detail", c.detail}});
    }
    if (!verdict.withheld_by.empty()) node["withheld_by"] = verdict.withheld_by;
    if (!verdict.escalation.empty()) {
      node["escalation"] = nlohmann::ordered_json::array();
      for (const EscalationLink& link : verdict.escalation) {
        nlohmann::ordered_json step = {
            {"level", link.level}, {"from", link.from}, {"to", link.to}, {"via", link.via}};
        step["clauses"] = nlohmann::ordered_json::array();
        for (const Clause& clause : link.clause)
          step["clauses"].push_back({{"id", clause.id}, {"section", clause.section}});
        // A reporting line the plan gives without a citation: the encoding's inference.
        if (link.via == "reports_to" && link.clause.empty()) step["inferred"] = true;
        node["escalation"].push_back(std::move(step));
      }
    }
    node["explanation"] = explanation_json(verdict.explanation, language);
    root["verdicts"].push_back(std::move(node));
  }
  return root.dump(2) + "\n";
}

}  // namespace mandate
