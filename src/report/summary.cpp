#include <mandate/format.hpp>
#include <mandate/locale.hpp>
#include <mandate/report.hpp>

#include "locale/words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace mandate {
namespace {

std::string body_ref_name(const Plan& plan, const BodyRef& ref) {
  switch (ref.sort) {
    case BodyRef::Sort::body:
      return plan.bodies[ref.index].name;
    case BodyRef::Sort::group:
      return plan.groups[ref.index].name;
    case BodyRef::Sort::parameter:
      return plan.parameters[ref.index].name;
  }
  return "?";
}

/// Names joined with 、, or with ， when a name holds a 、 itself (市委、市政府):
/// a name never holds a ， (docs/language.md §1), so the list reads one way.
std::string join_names(const std::vector<std::string>& names) {
  const bool enumeration = std::any_of(names.begin(), names.end(), [](const std::string& name) {
    return name.find("、") != std::string::npos;
  });
  return fmt::format("{}", fmt::join(names, enumeration ? "，" : "、"));
}

std::vector<std::string> ref_names(const Plan& plan, const std::vector<BodyRef>& refs) {
  std::vector<std::string> names;
  for (const BodyRef& ref : refs) names.push_back(body_ref_name(plan, ref));
  return names;
}

std::vector<std::string> rule_names(const Plan& plan, const std::vector<Index>& rules) {
  std::vector<std::string> names;
  for (const Index rule : rules) names.push_back(plan.rules[rule].name);
  return names;
}

std::string join_refs(const Plan& plan, const std::vector<BodyRef>& refs) {
  return join_names(ref_names(plan, refs));
}

std::string join_expressions(const std::vector<syntax::Node>& nodes) {
  std::string out;
  for (const syntax::Node& node : nodes) out += (out.empty() ? "" : ", ") + format_expression(node);
  return out;
}

std::string citation_text(const Citations& citations) {
  return citations.empty() ? std::string() : " " + format_citations(citations);
}

std::string roles_text(const Plan& plan, const std::vector<Role>& roles) {
  std::string out;
  for (const Role& role : roles)
    out += fmt::format("{}{} {}", out.empty() ? "" : "; ", role_keyword(role.kind),
                       join_refs(plan, role.bodies));
  return out;
}

using locale_detail::SummaryWords;

std::string when_text(const Plan& plan, const Stage& stage, const SummaryWords& w) {
  std::vector<std::string> parts;
  if (stage.every)
    parts.push_back(fmt::format(fmt::runtime(w.every_period),
                                w.periods[static_cast<std::size_t>(*stage.every)]));
  // Where the deadline counts from: the period's end, or each event.
  const std::string after = stage.due_trigger ? fmt::format(fmt::runtime(w.after_event),
                                                            plan.events[*stage.due_trigger].name)
                            : stage.due_after ? std::string(w.after_period)
                                              : std::string();
  if (!stage.due.empty())
    parts.push_back(std::string(w.due_by) + join_expressions(stage.due) + after);
  if (stage.due_within)
    parts.push_back(std::string(w.due_within) + format_expression(*stage.due_within) + after);
  if (stage.at_least) parts.push_back(std::string(w.at_least) + format_expression(*stage.at_least));
  if (stage.every && stage.due.empty() && !stage.due_within && !stage.at_least)
    parts.emplace_back(w.period_end);
  if (stage.during) parts.push_back(std::string(w.during) + format_expression(*stage.during));
  if (stage.start_window)
    parts.push_back(std::string(w.starts_within) + format_expression(*stage.start_window));
  if (stage.duration) parts.push_back(std::string(w.lasts) + format_expression(*stage.duration));
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += w.separator;
    out += part;
  }
  return out.empty() ? std::string(w.no_date) : out;
}

void render_consequence(std::string& out, const Plan& plan, const Consequence& consequence,
                        const SummaryWords& w) {
  std::vector<std::string> effects;
  if (consequence.disqualify) effects.emplace_back(w.disqualified);
  if (consequence.deduction)
    effects.push_back(std::string(w.deducted) + format_expression(*consequence.deduction));
  for (const Referral& referral : consequence.referrals) {
    const std::string body = referral.body ? body_ref_name(plan, *referral.body)
                                           : format_expression(*referral.of_subject);
    effects.push_back(referral.kind == Referral::Kind::refer ? std::string(w.referred) + body
                                                             : std::string(w.noticed) + body);
  }
  for (const std::string& effect : effects) out += fmt::format("      - {}\n", effect);
}

}  // namespace

std::string render_summary(const Plan& plan) { return render_summary(plan, Language::en); }

std::string render_summary(const Plan& plan, Language language) {
  const SummaryWords& w = locale_detail::summary_words(language);
  const PlanMetadata& meta = plan.metadata;
  std::string out = fmt::format("《{}》\n", meta.title);
  std::vector<std::string> issuer_names;
  for (const Index body : meta.issued_by) issuer_names.push_back(plan.bodies[body].name);
  const std::string issuers = join_names(issuer_names);
  if (!issuers.empty()) out += fmt::format(fmt::runtime(w.issued_by), issuers);
  if (meta.issued)
    out += fmt::format(fmt::runtime(w.issued_on), meta.issued->year, meta.issued->month,
                       meta.issued->day);
  out += fmt::format(fmt::runtime(w.in_effect), meta.first_year, meta.last_year,
                     meta.clauses.size(), meta.citations_required ? w.required : w.optional);

  out += fmt::format(fmt::runtime(w.bodies), plan.bodies.size());
  for (Index k = 0; k < plan.kinds.size(); ++k) {
    std::vector<std::string> names;
    for (const Body& body : plan.bodies)
      if (body.kind == k)
        names.push_back(body.aliases.empty()
                            ? body.name
                            : fmt::format("{} (= {})", body.name, fmt::join(body.aliases, " = ")));
    if (names.empty()) continue;
    out += fmt::format("  {} ({}): {}\n",
                       plan.kinds[k].label.empty() ? plan.kinds[k].name : plan.kinds[k].label,
                       names.size(), join_names(names));
  }

  out += fmt::format(fmt::runtime(w.programmes), plan.programmes.size());
  for (const Programme& programme : plan.programmes)
    out += fmt::format("  {:<8} {}{}\n           {}\n", programme_kind_name(programme.kind),
                       programme.name, citation_text(programme.citations),
                       roles_text(plan, programme.roles));

  out += fmt::format(fmt::runtime(w.stages), plan.stages.size());
  std::vector<Index> order(plan.stages.size());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
    const auto& x = plan.stages[a].first_day;
    const auto& y = plan.stages[b].first_day;
    if (x.has_value() != y.has_value()) return x.has_value();
    return x && *x < *y;
  });
  for (const Index i : order) {
    const Stage& stage = plan.stages[i];
    std::vector<std::string> obliged = ref_names(plan, stage.obligated);
    if (stage.obligates_leads) obliged.emplace_back(w.leads);
    const std::string obligated = join_names(obliged);
    out += fmt::format(fmt::runtime(w.stage), stage.name, citation_text(stage.citations),
                       when_text(plan, stage, w), obligated.empty() ? "—" : obligated);
  }

  const auto rules_of = [&](RuleKind kind) {
    std::vector<const Rule*> found;
    for (const Rule& rule : plan.rules)
      if (rule.kind == kind) found.push_back(&rule);
    return found;
  };
  for (const RuleKind kind : {RuleKind::target, RuleKind::goal}) {
    const auto rules = rules_of(kind);
    out += fmt::format(fmt::runtime(kind == RuleKind::target ? w.targets : w.goals), rules.size());
    for (const Rule* rule : rules) {
      out += fmt::format("  {}{}\n", rule->name, citation_text(rule->citations));
      for (const Requirement& requirement : rule->requirements)
        out += fmt::format(
            fmt::runtime(w.require), format_expression(requirement.condition),
            requirement.by
                ? std::string(w.require_by) + format_expression(*requirement.by)
                : fmt::format(
                      fmt::runtime(w.every),
                      w.periods[static_cast<std::size_t>(rule->every.value_or(PeriodKind::year))]));
    }
  }

  const auto sanctions = rules_of(RuleKind::sanction);
  out += fmt::format(fmt::runtime(w.sanctions), sanctions.size());
  for (const Rule* rule : sanctions) {
    out += fmt::format(fmt::runtime(w.sanction), rule->name, citation_text(rule->citations),
                       join_expressions(rule->subjects),
                       rule->condition ? format_expression(*rule->condition) : "—");
    for (const Index c : rule->consequences) render_consequence(out, plan, plan.consequences[c], w);
    if (rule->inline_consequence) render_consequence(out, plan, *rule->inline_consequence, w);
  }

  const auto awards = rules_of(RuleKind::award);
  out += fmt::format(fmt::runtime(w.awards), awards.size());
  for (const Rule* rule : awards)
    out += fmt::format(fmt::runtime(w.award), rule->name, citation_text(rule->citations),
                       rule->grant, rule->granted_by ? body_ref_name(plan, *rule->granted_by) : "—",
                       rule->tier ? fmt::format(fmt::runtime(w.award_tier), *rule->tier) : "",
                       rule->unless_disqualified ? std::string(w.unless_disqualified)
                       : rule->unless_sanctions.empty()
                           ? std::string()
                           : fmt::format(fmt::runtime(w.unless_sanctions),
                                         join_names(rule_names(plan, rule->unless_sanctions))));

  out += fmt::format(fmt::runtime(w.quotas), plan.quotas.size());
  for (const Quota& quota : plan.quotas) {
    out += fmt::format("  {}{}\n", quota.name, citation_text(quota.citations));
    std::vector<std::string> header;
    for (const Index column : quota.columns) header.push_back(plan.programmes[column].name);
    if (!header.empty()) out += fmt::format("      {}\n", fmt::join(header, " | "));
    // A cell that names a parameter shows it, with its default.
    const auto cells_text = [&](const std::vector<std::optional<std::int64_t>>& cells,
                                const std::vector<std::optional<Index>>& parameters) {
      std::vector<std::string> texts;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string text = cells[i] ? std::to_string(*cells[i]) : "—";
        if (i < parameters.size() && parameters[i])
          text =
              fmt::format("{} (= {})", plan.parameters[*parameters[i]].name, cells[i] ? text : "?");
        texts.push_back(std::move(text));
      }
      return fmt::format("{}", fmt::join(texts, " | "));
    };
    for (const QuotaRow& row : quota.rows)
      out += fmt::format("      {}: {}\n", plan.bodies[row.body].name,
                         cells_text(row.cells, row.parameters));
    if (!quota.declared_totals.empty())
      out += fmt::format(fmt::runtime(w.totals), cells_text(quota.declared_totals, {}));
  }

  out += fmt::format(fmt::runtime(w.parameters), plan.parameters.size());
  for (const Parameter& parameter : plan.parameters)
    out += fmt::format("  {} = {}{}\n", parameter.name, join_expressions(parameter.default_value),
                       citation_text(parameter.citations));
  return out;
}

std::string render_readings(const Plan& plan) {
  std::size_t parameters = 0;
  std::vector<bool> explained(plan.parameters.size(), false);
  for (const Reading& reading : plan.readings)
    if (reading.parameter) {
      ++parameters;
      explained[*reading.parameter] = true;
    }
  std::string out = fmt::format(
      "解读清单 (readings register) — {}\n{} readings: {} by a parameter (a user may take "
      "another), {} fixed in the rules\n",
      plan.metadata.title, plan.readings.size(), parameters, plan.readings.size() - parameters);
  std::size_t number = 0;
  for (const Reading& reading : plan.readings) {
    out += fmt::format("\n{}. {}{}\n", ++number, reading.name, citation_text(reading.citations));
    out += fmt::format("   原文 (says): “{}”\n", reading.phrase);
    if (reading.parameter) {
      const Parameter& parameter = plan.parameters[*reading.parameter];
      out += fmt::format("   读作 (reading): parameter {} = {}{}\n", parameter.name,
                         join_expressions(parameter.default_value),
                         parameter.versions.empty() ? "" : " (versioned by year)");
      if (!reading.chosen.empty())
        out += fmt::format("       {}\n", reading.chosen);
      else if (!parameter.doc.empty())
        out += fmt::format("       {}\n", parameter.doc);
    } else {
      out += fmt::format("   读作 (reading, fixed in the rules): {}\n", reading.chosen);
    }
    for (const std::string& alternative : reading.alternatives)
      out += fmt::format("   另一读法 (alternative): {}\n", alternative);
    out += fmt::format("   理由 (why): {}\n", reading.reason);
  }
  std::vector<std::string> unexplained;
  for (std::size_t i = 0; i < plan.parameters.size(); ++i)
    if (!explained[i]) unexplained.push_back(plan.parameters[i].name);
  out += unexplained.empty() ? std::string("\nEvery parameter has a reading.\n")
                             : fmt::format("\nParameters without a reading ({}): {}\n",
                                           unexplained.size(), fmt::join(unexplained, ", "));
  return out;
}

}  // namespace mandate
