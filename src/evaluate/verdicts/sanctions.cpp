// Sanctions: a condition about a subject and year; when it applies, its
// consequences follow (loss of award eligibility, a deduction, a referral to
// the body that decides — never a decision).
#include "evaluate/verdicts/verdicts.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mandate::detail {
namespace {

void add_consequences(const EvaluationContext& context, const Consequence& consequence,
                      Interpreter& interpreter, Draft& verdict) {
  if (consequence.disqualify)
    verdict.consequences.push_back(
        {"disqualify", format_text(FMT_COMPILE("loses award eligibility for {}"), verdict.year)});
  if (consequence.deduction) {
    const Value points = interpreter.evaluate(*consequence.deduction, verdict.explanation);
    verdict.consequences.push_back(
        {"deduct", points.is_unknown()
                       // A plan may leave the amount to the annual assessment (SX): the
                       // deduction stands, its amount is not invented.
                       ? "points deducted in the annual assessment; amount not set (分值未定)"
                       : format_number(points.number, false) + " points"});
  }
  for (const Referral& referral : consequence.referrals) {
    std::vector<NameId> bodies;
    if (referral.body) {
      if (referral.body->sort == BodyRef::Sort::parameter)
        interpreter.parameter(referral.body->index, verdict.explanation);
      bodies = context.expand(*referral.body, interpreter);
    } else {
      // A body computed from the subject: its superior, its parent.
      const Value body = interpreter.evaluate(*referral.of_subject, verdict.explanation);
      if (body.kind == ValueKind::entity) bodies.push_back(body.entity);
      // A body that reports to several: each of them.
      if (body.kind == ValueKind::group)
        bodies.insert(bodies.end(), body.member_list().begin(), body.member_list().end());
    }
    std::vector<std::string> names;
    for (const NameId body : bodies) names.push_back(context.name(body));
    const std::string who = names.empty() ? "unknown (the missing facts are named)"
                                          : format_text(FMT_COMPILE("{}"), fmt::join(names, "、"));
    if (referral.kind == Referral::Kind::notice) {
      verdict.consequences.push_back({"notice", "a notice (通报) by " + who});
      continue;
    }
    verdict.consequences.push_back(
        {"refer", "referred for accountability to " + who +
                      " (a referral with its reasons; the decision is theirs)"});
    // A sanction escalates straight to the bodies that decide it.
    for (const NameId body : bodies)
      verdict.escalation.push_back({1, context.name(verdict.subject), context.name(body),
                                    "refer_to", consequence.citations});
  }
}

void add_all_consequences(const EvaluationContext& context, const Rule& rule,
                          Interpreter& interpreter, Draft& verdict) {
  for (const Index consequence : rule.consequences)
    add_consequences(context, context.plan.consequences[consequence], interpreter, verdict);
  if (rule.inline_consequence)
    add_consequences(context, *rule.inline_consequence, interpreter, verdict);
}

}  // namespace

void sanction_verdict(const EvaluationContext& context, const Rule& rule, Interpreter& interpreter,
                      TaskOutput& out) {
  const NameId subject = interpreter.subject();
  Draft verdict = context.draft(VerdictKind::sanction, rule, interpreter);
  const Value value = rule.condition
                          ? interpreter.evaluate_condition(*rule.condition, verdict.explanation)
                          : Value::unknown();
  // A decided condition needed none of the facts it looked for; the
  // consequences may still need some (the body a unit reports to).
  if (!value.is_unknown()) interpreter.forget_missing();
  verdict.missing = interpreter.missing();
  if (context.explain())
    verdict.explanation.text =
        format_text(FMT_COMPILE("{} {} for {} in {}: {}"), rule_kind_name(rule.kind), rule.name,
                    context.name(subject), interpreter.period().label(),
                    rule.condition ? std::string_view(interpreter.text(*rule.condition)) : "—");
  verdict.outcome = value.is_unknown() ? Outcome::unknown
                    : value.boolean    ? Outcome::applies
                                       : Outcome::does_not_apply;
  if (verdict.outcome == Outcome::applies) {
    if (!context.explain() && context.cache.same_consequences_for_all(rule)) {
      // Worked out for the first subject of the task; the others share
      // them, their own name replacing its name where a referral starts.
      if (out.shared.empty()) {
        Draft first = context.draft(VerdictKind::sanction, rule, interpreter);
        add_all_consequences(context, rule, interpreter, first);
        out.shared.push_back({std::move(first.escalation), context.name(subject),
                              std::move(first.consequences), true});
      }
      verdict.shared = 0;
    } else {
      add_all_consequences(context, rule, interpreter, verdict);
      // A consequence may need facts too (the body a unit reports to).
      verdict.missing = interpreter.missing();
    }
  }
  out.push_back(std::move(verdict));
}

}  // namespace mandate::detail
