// Campaigns: an action that must start inside a window and last a duration.
#include "evaluate/verdicts/verdicts.hpp"

#include "check/calendar.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

namespace mandate::detail {
namespace {}  // namespace

void campaign_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                       std::span<const Obligation> obliged, TaskOutput& out) {
  Interpreter interpreter(context.env, year, no_name);
  Explanation why;
  const Value window = interpreter.evaluate(*stage.start_window, why);
  const Value duration =
      stage.duration ? interpreter.evaluate(*stage.duration, why) : Value::of_number(1);
  if (window.kind != ValueKind::window) return;
  const std::vector<NameId> recipients = context.expand_all(stage.deliver_to, interpreter);
  for (const Obligation& obligation : obliged) {
    Draft verdict = context.draft(VerdictKind::campaign, stage, obligation.body, year);
    if (obligation.programme != no_name) verdict.detail = context.name(obligation.programme);
    verdict.explanation.text = fmt::format(
        "{} must start between {} and {} and last {} days", context.name(obligation.body),
        format_day(window.first), format_day(window.last), format_number(duration.number, false));
    verdict.explanation.children = why.children;
    const EventRecord* held = nullptr;
    for (const Index event : stage.deliverables) {
      const NameId event_id = context.cache.event_name(event);
      if (event_id == no_name) continue;
      for (const EventRecord& record : context.facts.events(event_id, obligation.body)) {
        if (record.date > context.env.as_of || to_date(record.date).year != year) continue;
        if (!counts_for(record, obligation, recipients)) continue;
        held = &record;
        break;
      }
      if (held) break;
    }
    if (!held) {
      verdict.outcome = context.env.as_of > window.last ? Outcome::missed : Outcome::pending;
      if (verdict.outcome == Outcome::pending) verdict.days = window.last - context.env.as_of;
      verdict.explanation.children.push_back(
          {fmt::format("no record of the campaign in {} (as of {})", year,
                       format_day(context.env.as_of)),
           {},
           {}});
      out.push_back(std::move(verdict));
      continue;
    }
    const int lasted = held->until - held->date + 1;
    Explanation step;
    step.text = fmt::format("held from {} to {}: {} day{}", format_day(held->date),
                            format_day(held->until), lasted, lasted == 1 ? "" : "s");
    step.facts.push_back(
        {fmt::format("{} {} {}..{}", context.name(held->event), context.name(held->unit),
                     format_day(held->date), format_day(held->until)),
         context.source_of(held->source)});
    verdict.explanation.children.push_back(std::move(step));
    if (held->date < window.first || held->date > window.last)
      verdict.outcome = Outcome::started_outside;
    else if (lasted < static_cast<int>(duration.number) && held->until < context.env.as_of)
      verdict.outcome = Outcome::too_short;
    else if (lasted < static_cast<int>(duration.number)) {
      verdict.outcome = Outcome::pending;
    } else
      verdict.outcome = Outcome::met;
    out.push_back(std::move(verdict));
  }
}

}  // namespace mandate::detail
