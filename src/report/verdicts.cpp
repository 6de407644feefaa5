// Renderers of an evaluation report: text for people, JSON for programs.
#include <mandate/evaluate.hpp>
#include <mandate/locale.hpp>
#include <mandate/report.hpp>
#include <mandate/version.hpp>

#include "locale/words.hpp"
#include "report/parts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <map>

namespace mandate {
namespace {

/// A reporting line neither the plan cites nor the facts give: the
/// encoding's inference (docs/graph.md).
bool inferred(const EscalationLink& link) {
  return link.via == "reports_to" && link.clause.empty() && !link.from_facts;
}

using detail::clauses_text;
using Json = nlohmann::ordered_json;

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

bool is_empty(const Explanation& explanation) {
  return explanation.text.empty() && explanation.facts.empty() && explanation.children.empty();
}

Json explanation_json(const Explanation& explanation, Language language) {
  Json node;
  node["text"] = explanation.text;
  if (language == Language::zh) node["text_zh"] = explanation_text(explanation.text, language);
  node["facts"] = Json::array();
  for (const FactCitation& fact : explanation.facts) {
    const detail::SourcePlace place = detail::source_place(fact.source);
    Json cited{{"fact", fact.fact}};
    if (language == Language::zh) cited["fact_zh"] = fact_text(fact.fact, language);
    cited["source"] = {{"file", place.file}, {"line", place.line ? Json(*place.line) : Json()}};
    node["facts"].push_back(std::move(cited));
  }
  node["because"] = Json::array();
  for (const Explanation& child : explanation.children)
    node["because"].push_back(explanation_json(child, language));
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
  return render_text(report, with_explanations, Language::en);
}

std::string render_json(const Report& report) { return render_json(report, ReportOrigin{}); }

std::string render_json(const Report& report, Language language) {
  return render_json(report, ReportOrigin{}, language);
}

std::string render_text(const Report& report, bool with_explanations, Language language) {
  const locale_detail::ReportWords& words = locale_detail::report_words(language);
  std::string out =
      fmt::format(fmt::runtime(words.header), report.plan_title,
                  fmt::join(report.years, words.year_separator), to_string(report.as_of));
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
    // A plan that cites no clauses gets no empty brackets.
    out += fmt::format(
        "  [{}] {} · {} · {}{}{}\n", outcome_text(verdict, language), verdict.rule, verdict.subject,
        verdict.period.label(),
        verdict.detail.empty() ? "" : " · " + detail_text(verdict.detail, language),
        verdict.citations.empty() ? std::string() : " [" + clauses_text(verdict.citations) + "]");
    for (const ConsequenceOutcome& consequence : verdict.consequences)
      out += fmt::format("      → {}\n", consequence_text(consequence, language));
    if (!verdict.withheld_by.empty())
      out += fmt::format("      {}{}\n", words.withheld_by,
                         fmt::join(verdict.withheld_by, words.list_separator));
    if (!verdict.missing.empty()) {
      std::vector<std::string> missing;
      for (const std::string& fact : verdict.missing)
        missing.push_back(missing_text(fact, language));
      out += fmt::format("      {}{}\n", words.missing, fmt::join(missing, words.list_separator));
    }
    if (!verdict.escalation.empty()) {
      std::vector<std::string> steps;
      for (const EscalationLink& link : verdict.escalation) {
        std::string source;  // the clause that states the link, or "inferred"
        if (!link.clause.empty())
          source = ", " + clauses_text(link.clause);
        else if (link.from_facts)
          source = words.from_facts;
        else if (inferred(link))
          source = words.inferred;
        steps.push_back(
            fmt::format("{} → {} ({}{})", link.from, link.to, detail::via_text(link), source));
      }
      out += fmt::format("      {}{}\n", words.escalation, fmt::join(steps, words.list_separator));
    }
    if (with_explanations) render_explanation(out, verdict.explanation, 0, language);
  }
  return out;
}

std::string render_json(const Report& report, const ReportOrigin& origin, Language language) {
  Json root;
  root["format"] = json_report_format;
  root["version"] = json_report_version;
  root["generator"] = {{"name", "mandate"}, {"version", version()}};
  root["plan"] = {{"title", report.plan_title},
                  {"file", text_or_null(origin.plan_file)},
                  {"sha256", text_or_null(origin.plan_sha256)}};
  root["facts"] = {{"sha256", text_or_null(origin.facts_sha256)},
                   {"rows_left_out", origin.facts_rows_left_out}};
  root["language"] = language == Language::zh ? "zh" : "en";
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
    node["outcome_text"] = outcome_text(verdict, language);
    node["violation"] = is_violation(verdict.outcome);
    node["days"] = verdict.days ? Json(*verdict.days) : Json();
    node["missing"] = verdict.missing;
    node["consequences"] = Json::array();
    for (const ConsequenceOutcome& c : verdict.consequences)
      node["consequences"].push_back({{"kind", c.kind}, {"detail", c.detail}});
    node["withheld_by"] = verdict.withheld_by;
    node["escalation"] = Json::array();
    for (const EscalationLink& link : verdict.escalation)
      // A reporting line the plan gives without a citation: the encoding's inference.
      node["escalation"].push_back({{"level", link.level},
                                    {"from", link.from},
                                    {"to", link.to},
                                    {"via", link.via},
                                    {"clauses", clauses_json(link.clause)},
                                    {"inferred", inferred(link)},
                                    {"from_facts", link.from_facts},
                                    {"instruments", link.instruments},
                                    {"feeds", link.feeds}});
    node["explanation"] =
        is_empty(verdict.explanation) ? Json() : explanation_json(verdict.explanation, language);
    root["verdicts"].push_back(std::move(node));
  }
  return root.dump(2) + "\n";
}

ReportOrigin report_origin(const SourceFile& plan, const FactStore& facts) {
  return ReportOrigin{plan.name(), sha256_hex(plan.text()), facts.digest(), facts.rows_left_out()};
}

}  // namespace mandate
