// Awards: a condition about a subject and year, defeasible (`unless
// disqualified`) by a sanction that removes award eligibility that year.
#include "evaluate/verdicts/verdicts.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace mandate::detail {
namespace {

/// The plan's index of the rule a sanction's row is about (rows number the
/// stages first).
Index rule_index(const EvaluationContext& context, const VerdictRow& sanction) {
  return static_cast<Index>(sanction.rule - context.plan.stages.size());
}

bool sanction_disqualifies(const EvaluationContext& context, const VerdictRow& sanction) {
  const Rule& rule = context.plan.rules.at(rule_index(context, sanction));
  if (rule.inline_consequence && rule.inline_consequence->disqualify) return true;
  return std::any_of(rule.consequences.begin(), rule.consequences.end(),
                     [&](Index c) { return context.plan.consequences[c].disqualify; });
}

/// Whether the award's `unless` names this sanction: `unless disqualified`
/// names those that remove eligibility, `unless S, …` these ones.
bool named_by_unless(const EvaluationContext& context, const Rule& award,
                     const VerdictRow& sanction) {
  if (award.unless_disqualified) return sanction_disqualifies(context, sanction);
  return std::find(award.unless_sanctions.begin(), award.unless_sanctions.end(),
                   rule_index(context, sanction)) != award.unless_sanctions.end();
}

/// An award whose condition holds is withheld when a sanction its `unless`
/// names applies to the same subject and year, and unknown when such a
/// sanction is. One whose condition is open stays open: not granted either
/// way, but withheld or not_granted as the condition turns out.
void defeat(const EvaluationContext& context, const Rule& award, const SanctionIndex& sanctions,
            Draft& verdict) {
  const auto it = sanctions.find({verdict.subject, verdict.year});
  if (it == sanctions.end()) return;
  bool unknown = false;
  for (const auto& [sanction, missing, consequences] : it->second) {
    if (!named_by_unless(context, award, *sanction)) continue;
    // `unless disqualified` asks the consequences this verdict carries.
    const bool withholds =
        !award.unless_disqualified ||
        std::any_of(consequences->begin(), consequences->end(),
                    [](const ConsequenceOutcome& c) { return c.kind == "disqualify"; });
    if (sanction->outcome == Outcome::applies && withholds) {
      verdict.withheld_by.push_back(*context.rules[sanction->rule].name);
    } else if (sanction->outcome == Outcome::unknown) {
      unknown = true;
    }
  }
  if (!verdict.withheld_by.empty() && verdict.outcome == Outcome::unknown) {
    verdict.explanation.children.push_back(
        {format_text(FMT_COMPILE("not granted in any case: {} applies in {}; withheld if the "
                                 "condition holds, else not granted"),
                     fmt::join(verdict.withheld_by, ", "), verdict.year),
         {},
         {}});
    verdict.withheld_by.clear();
  } else if (!verdict.withheld_by.empty()) {
    verdict.outcome = Outcome::withheld;
    verdict.explanation.children.push_back(
        {award.unless_disqualified
             ? format_text(FMT_COMPILE("award eligibility for {} removed by {}"), verdict.year,
                           fmt::join(verdict.withheld_by, ", "))
             : format_text(FMT_COMPILE("withheld in {} by {}"), verdict.year,
                           fmt::join(verdict.withheld_by, ", ")),
         {},
         {}});
  } else if (unknown) {
    // Only now do the unknown sanctions matter: their missing facts are ours.
    for (const auto& [sanction, missing, consequences] : it->second)
      if (sanction->outcome == Outcome::unknown && named_by_unless(context, award, *sanction))
        for (const std::string& fact : *missing)
          if (std::find(verdict.missing.begin(), verdict.missing.end(), fact) ==
              verdict.missing.end())
            verdict.missing.push_back(fact);
    verdict.outcome = Outcome::unknown;
    verdict.explanation.children.push_back(
        {award.unless_disqualified
             ? "eligibility cannot be confirmed: a sanction that would remove it is unknown"
             : "cannot be confirmed: a sanction that would withhold it is unknown",
         {},
         {}});
  }
}

}  // namespace

std::string award_detail(const EvaluationContext& context, const Rule& rule,
                         Interpreter& interpreter) {
  // `tier N` is part of what is granted: "naming by 市委, tier 2".
  const std::string tier =
      rule.tier ? format_text(FMT_COMPILE(", tier {}"), *rule.tier) : std::string();
  if (rule.grant.empty() || !rule.granted_by) return rule.grant + tier;
  return format_text(FMT_COMPILE("{} by {}{}"), rule.grant,
                     context.body_name(*rule.granted_by, interpreter), tier);
}

void award_verdict(const EvaluationContext& context, const Rule& rule, Interpreter& interpreter,
                   const SanctionIndex& sanctions, const std::string& detail, TaskOutput& out) {
  const NameId subject = interpreter.subject();
  Draft verdict = context.draft(VerdictKind::award, rule, interpreter);
  const Value value = rule.condition
                          ? interpreter.evaluate_condition(*rule.condition, verdict.explanation)
                          : Value::unknown();
  // A decided condition needed none of the facts it looked for.
  if (!value.is_unknown()) interpreter.forget_missing();
  verdict.missing = interpreter.missing();
  if (context.explain())
    verdict.explanation.text =
        format_text(FMT_COMPILE("{} {} for {} in {}: {}"), rule_kind_name(rule.kind), rule.name,
                    context.name(subject), interpreter.period().label(),
                    rule.condition ? std::string_view(interpreter.text(*rule.condition)) : "—");
  verdict.outcome = value.is_unknown() ? Outcome::unknown
                    : value.boolean    ? Outcome::granted
                                       : Outcome::not_granted;
  if ((verdict.outcome == Outcome::granted || verdict.outcome == Outcome::unknown) &&
      (rule.unless_disqualified || !rule.unless_sanctions.empty()))
    defeat(context, rule, sanctions, verdict);
  verdict.detail = detail;
  out.push_back(std::move(verdict));
}

}  // namespace mandate::detail
