// Targets (duties) and goals (争创: progress only): each requirement of the
// rule, for each subject and year; one assessed at a date is reported as
// progress in the years before it.
#include "evaluate/verdicts/verdicts.hpp"
#include "support/text.hpp"

#include <fmt/format.h>

namespace mandate::detail {

void target_verdicts(const EvaluationContext& context, const Rule& rule, Interpreter& interpreter,
                     TaskOutput& out) {
  const int year = interpreter.year();
  const NameId subject = interpreter.subject();
  const VerdictKind kind = rule.kind == RuleKind::goal ? VerdictKind::goal : VerdictKind::target;
  for (const Requirement& requirement : rule.requirements) {
    std::optional<Date> by;
    if (requirement.by) {
      const Value day = interpreter.value_of(*requirement.by);
      if (day.kind == ValueKind::day) by = to_date(day.first);
    }
    if (by && year > by->year) continue;  // assessed once, at its date
    Draft verdict = context.draft(kind, rule, interpreter);
    if (rule.requirements.size() > 1) verdict.detail = interpreter.text(requirement.condition);
    interpreter.forget_missing();  // each requirement names its own missing facts
    const Value value = interpreter.evaluate_condition(requirement.condition, verdict.explanation);
    if (!value.is_unknown()) interpreter.forget_missing();  // a decided one needed none
    // Assessed on its date: before it, even in its year, progress only.
    const bool final_year = !by || (year == by->year && to_day_number(*by) <= context.env.as_of);
    if (value.is_unknown())
      verdict.outcome = Outcome::unknown;
    else if (rule.kind == RuleKind::goal)
      verdict.outcome = value.boolean ? Outcome::reached : Outcome::not_reached;
    else if (final_year)
      verdict.outcome = value.boolean ? Outcome::met : Outcome::not_met;
    else
      verdict.outcome = value.boolean ? Outcome::on_track : Outcome::behind;
    if (context.explain())
      verdict.explanation.text =
          format_text(FMT_COMPILE("{} {} for {} in {}: {}{}"), rule_kind_name(rule.kind), rule.name,
                      context.name(subject), interpreter.period().label(),
                      interpreter.text(requirement.condition),
                      by ? format_text(FMT_COMPILE(" (assessed at {:04}-{:02}-{:02})"), by->year,
                                       by->month, by->day)
                         : "");
    verdict.missing = interpreter.missing();
    out.push_back(std::move(verdict));
  }
}

}  // namespace mandate::detail
