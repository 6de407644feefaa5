// Renderers of an evaluation report: text for people, JSON for programs.
#include <mandate/evaluate.hpp>
#include <mandate/report.hpp>
#include <mandate/version.hpp>

#include "report/parts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <map>

namespace mandate {
namespace {

using detail::clauses_text;
using Json = nlohmann::ordered_json;

void render_explanation(std::string& out, const Explanation& explanation, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2 + 6, ' ');
  if (!explanation.text.empty()) out += fmt::format("{}- {}\n", indent, explanation.text);
  for (const FactCitation& fact : explanation.facts)
    out += fmt::format("{}    fact: {} ({})\n", indent, fact.fact, fact.source);
  for (const Explanation& child : explanation.children)
    render_explanation(out, child, explanation.text.empty() ? depth : depth + 1);
}

bool is_empty(const Explanation& explanation) {
  return explanation.text.empty() && explanation.facts.empty() && explanation.children.empty();
}

Json explanation_json(const Explanation& explanation) {
  Json node;
  node["text"] = explanation.text;
  node["facts"] = Json::array();
  for (const FactCitation& fact : explanation.facts) {
    const detail::SourcePlace place = detail::source_place(fact.source);
    node["facts"].push_back(
        {{"fact", fact.fact},
         {"source", {{"file", place.file}, {"line", place.line ? Json(*place.line) : Json()}}}});
  }
  node["because"] = Json::array();
  for (const Explanation& child : explanation.children)
    node["because"].push_back(explanation_json(child));
  return node;
}

Json clauses_json(const Citations& citations) {
  Json clauses = Json::array();
  for (const Clause& clause : citations)
    clauses.push_back({{"id", clause.id}, {"section", clause.section}});
  return clauses;
}

Json text_or_null(const std::string& text) { return text.empty() ? Json() : Json(text); }

}  // namespace

std::string render_text(const Report& report, bool with_explanations) {
  std::string out = fmt::format("《{}》 — years {}, as of {}\n", report.plan_title,
                                fmt::join(report.years, ", "), to_string(report.as_of));
  std::map<std::string, std::size_t> counts;
  std::size_t violations = 0;
  std::size_t unknown = 0;
  for (const Verdict& verdict : report.verdicts) {
    ++counts[std::string(verdict_kind_name(verdict.kind)) + " " +
             std::string(outcome_name(verdict.outcome))];
    violations += is_violation(verdict.outcome) ? 1 : 0;
    unknown += verdict.outcome == Outcome::unknown ? 1 : 0;
  }
  out += fmt::format("{} verdicts: {} violations or sanctions, {} unknown\n",
                     report.verdicts.size(), violations, unknown);
  for (const auto& [key, count] : counts) out += fmt::format("  {:<32} {}\n", key, count);
  std::vector<std::string> overridden;
  for (const ParameterValue& parameter : report.parameters)
    if (parameter.overridden) overridden.push_back(parameter.name + " = " + parameter.value);
  if (!overridden.empty())
    out += fmt::format("parameters overridden: {}\n", fmt::join(overridden, "; "));

  VerdictKind current = VerdictKind::deadline;
  bool first = true;
  for (const Verdict& verdict : report.verdicts) {
    if (first || verdict.kind != current) {
      out += fmt::format("\n== {}\n", verdict_kind_name(verdict.kind));
      current = verdict.kind;
      first = false;
    }
    const std::string status = detail::status_text(verdict);
    out += fmt::format("  [{}] {} · {} · {}{} [{}]\n", status, verdict.rule, verdict.subject,
                       verdict.period.label(), verdict.detail.empty() ? "" : " · " + verdict.detail,
                       clauses_text(verdict.citations));
    for (const ConsequenceOutcome& consequence : verdict.consequences)
      out += fmt::format("      → {}: {}\n", consequence.kind, consequence.detail);
    if (!verdict.withheld_by.empty())
      out += fmt::format("      withheld by: {}\n", fmt::join(verdict.withheld_by, ", "));
    if (!verdict.missing.empty())
      out += fmt::format("      missing: {}\n", fmt::join(verdict.missing, "; "));
    if (!verdict.escalation.empty()) {
      std::vector<std::string> steps;
      for (const EscalationLink& link : verdict.escalation)
        steps.push_back(fmt::format("{} → {} ({}{})", link.from, link.to, link.via,
                                    link.clause.empty() ? "" : ", " + clauses_text(link.clause)));
      out += fmt::format("      escalation: {}\n", fmt::join(steps, "; "));
    }
    if (with_explanations) render_explanation(out, verdict.explanation, 0);
  }
  return out;
}

std::string render_json(const Report& report) { return render_json(report, ReportOrigin{}); }

std::string render_json(const Report& report, const ReportOrigin& origin) {
  Json root;
  root["format"] = json_report_format;
  root["version"] = json_report_version;
  root["generator"] = {{"name", "mandate"}, {"version", version()}};
  root["plan"] = {{"title", report.plan_title},
                  {"file", text_or_null(origin.plan_file)},
                  {"sha256", text_or_null(origin.plan_sha256)}};
  root["facts"] = {{"sha256", text_or_null(origin.facts_sha256)}};
  root["years"] = report.years;
  root["as_of"] = to_string(report.as_of);
  root["parameters"] = Json::array();
  for (const ParameterValue& parameter : report.parameters)
    root["parameters"].push_back({{"name", parameter.name},
                                  {"value", parameter.value},
                                  {"overridden", parameter.overridden}});
  root["verdicts"] = Json::array();
  // Every verdict has every member: a value that is absent is null, a list
  // that is empty is [], and an explanation left out is null.
  for (const Verdict& verdict : report.verdicts) {
    Json node;
    node["kind"] = verdict_kind_name(verdict.kind);
    node["rule"] = verdict.rule;
    node["clauses"] = clauses_json(verdict.citations);
    node["subject"] = verdict.subject;
    node["detail"] = text_or_null(verdict.detail);
    node["year"] = verdict.year;
    node["period"] = verdict.period.label();
    node["outcome"] = outcome_name(verdict.outcome);
    node["violation"] = is_violation(verdict.outcome);
    node["days"] = verdict.days ? Json(*verdict.days) : Json();
    node["missing"] = verdict.missing;
    node["consequences"] = Json::array();
    for (const ConsequenceOutcome& c : verdict.consequences)
      node["consequences"].push_back({{"kind", c.kind}, {"detail", c.detail}});
    node["withheld_by"] = verdict.withheld_by;
    node["escalation"] = Json::array();
    for (const EscalationLink& link : verdict.escalation)
      node["escalation"].push_back({{"level", link.level},
                                    {"from", link.from},
                                    {"to", link.to},
                                    {"via", link.via},
                                    {"clauses", clauses_json(link.clause)}});
    node["explanation"] =
        is_empty(verdict.explanation) ? Json() : explanation_json(verdict.explanation);
    root["verdicts"].push_back(std::move(node));
  }
  return root.dump(2) + "\n";
}

ReportOrigin report_origin(const SourceFile& plan, const FactStore& facts) {
  return ReportOrigin{plan.name(), sha256_hex(plan.text()), facts.digest()};
}

}  // namespace mandate
